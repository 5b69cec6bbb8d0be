#include "NewUserDialog.h"

#include "UsersModel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent>

#include <openssl/crypto.h>

namespace fabrica {

NewUserDialog::NewUserDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                             QWidget *parent)
    : AccountDialog(storage, tr("Create User"), parent)
    , m_auth(auth)
    , m_actor(Actor::of(me))
{
    setWindowTitle(tr("New User"));
    setMinimumWidth(440);
    m_username = addField(tr("&User name:"), QStringLiteral("username"));
    m_email = addField(tr("&E-mail:"), QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_password = addField(tr("&Password:"), QStringLiteral("password"), true);
    m_repeat = addField(tr("&Repeat password:"), QStringLiteral("repeatPassword"), true);
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("role"));
    // User first: the safe choice is the one an Enter accepts.
    m_role->addItem(UsersModel::roleText(Role::User), int(Role::User));
    m_role->addItem(UsersModel::roleText(Role::Admin), int(Role::Admin));
    addRow(tr("R&ole:"), m_role);
    finishLayout(nullptr);
    connect(&m_creating, &QFutureWatcher<Result<UserRecord>>::finished, this, &NewUserDialog::finished);
    updateOk();
}

NewUserDialog::~NewUserDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_creating.waitForFinished();
}

// The first problem in the order of the fields, in the core's words; OK only without one.
void NewUserDialog::updateOk()
{
    if (isBusy())
        return;
    QString problem;
    if (Result<void> ok = AuthService::checkUsername(m_username->text()); !ok)
        problem = ok.error().message;
    else if (Result<void> ok = AuthService::checkEmail(m_email->text()); !ok)
        problem = ok.error().message;
    else
        problem = passwordProblem(m_password->text(), m_repeat->text(), m_username->text());
    showMessage(problem);
    okButton()->setEnabled(problem.isEmpty());
}

void NewUserDialog::submit()
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, tr("Creating the user…"));
    const QString username = m_username->text();
    const QString email = m_email->text();
    const Role role = Role(m_role->currentData().toInt());
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    const Actor actor = m_actor;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_creating.setFuture(
        QtConcurrent::run([auth, actor, username, email, role, password = std::move(password)]() mutable {
            Result<UserRecord> created = auth->createUser(actor, username, email, password, role);
            OPENSSL_cleanse(password.data(), std::size_t(password.size()));
            return created;
        }));
}

void NewUserDialog::finished()
{
    const Result<UserRecord> created = m_creating.result();
    setBusy(false);
    if (!created) {
        // The input stays, so the user can change what the message names; the next edit re-checks.
        showMessage(created.error().message);
        okButton()->setEnabled(true); // the input passed the checks; a storage failure may pass on a retry
        if (created.error().code == ErrorCode::AlreadyExists)
            m_username->setFocus();
        else
            m_password->setFocus();
        return;
    }
    m_user = created.value();
    accept();
}

} // namespace fabrica
