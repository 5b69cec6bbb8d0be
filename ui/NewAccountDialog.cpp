#include "NewAccountDialog.h"

#include "auth/SecretBytes.h"

#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent>

namespace fabrica {

NewAccountDialog::NewAccountDialog(AuthService &auth, const Repository &storage, const QString &okText,
                                   QWidget *parent)
    : AccountDialog(storage, okText, parent)
    , m_auth(auth)
{
    setMinimumWidth(440);
    connect(&m_creating, &QFutureWatcher<Result<UserRecord>>::finished, this, &NewAccountDialog::finished);
}

NewAccountDialog::~NewAccountDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_creating.waitForFinished();
}

void NewAccountDialog::addAccountFields()
{
    m_username = addField(tr("&User name:"), QStringLiteral("username"));
    m_email = addField(tr("&E-mail:"), QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_password = addField(tr("&Password:"), QStringLiteral("password"), true);
    m_repeat = addField(tr("&Repeat password:"), QStringLiteral("repeatPassword"), true);
}

// The first problem in the order of the fields, in the core's words; OK only without one.
void NewAccountDialog::updateOk()
{
    if (isBusy() || !m_username)
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

void NewAccountDialog::createAccount(const QString &busyText, Create create)
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, busyText);
    const QString username = m_username->text();
    const QString email = m_email->text();
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_creating.setFuture(QtConcurrent::run(
        [auth, create = std::move(create), username, email, password = std::move(password)]() mutable {
            Result<UserRecord> created = create(*auth, username, email, password);
            SecretBytes::wipe(password);
            return created;
        }));
}

void NewAccountDialog::finished()
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
    m_created = created.value();
    accept();
}

} // namespace fabrica
