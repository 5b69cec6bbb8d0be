#include "FirstAdminDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent>

#include <openssl/crypto.h>

namespace fabrica {

FirstAdminDialog::FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent)
    : AccountDialog(storage, tr("Create Administrator"), parent)
    , m_auth(auth)
{
    setWindowTitle(tr("Create the First Administrator"));
    setMinimumWidth(440);
    auto *intro = new QLabel(tr("Fabrica has no default account: this creates its first administrator, "
                                "who can then add further users."),
                             this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);
    m_username = addField(tr("&User name:"), QStringLiteral("username"));
    m_email = addField(tr("&E-mail:"), QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_password = addField(tr("&Password:"), QStringLiteral("password"), true);
    m_repeat = addField(tr("&Repeat password:"), QStringLiteral("repeatPassword"), true);
    finishLayout(intro);
    connect(&m_creating, &QFutureWatcher<Result<UserRecord>>::finished, this, &FirstAdminDialog::finished);
    updateOk();
}

FirstAdminDialog::~FirstAdminDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_creating.waitForFinished();
}

// The first problem in the order of the fields, in the core's words; OK only without one.
void FirstAdminDialog::updateOk()
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

void FirstAdminDialog::submit()
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, tr("Creating the administrator…"));
    const QString username = m_username->text();
    const QString email = m_email->text();
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_creating.setFuture(QtConcurrent::run([auth, username, email, password = std::move(password)]() mutable {
        Result<UserRecord> created = auth->createFirstAdmin(username, email, password);
        OPENSSL_cleanse(password.data(), std::size_t(password.size()));
        return created;
    }));
}

void FirstAdminDialog::finished()
{
    const Result<UserRecord> created = m_creating.result();
    setBusy(false);
    if (!created) {
        // The input stays, so the user can change what the message names; the next edit re-checks.
        showMessage(created.error().message);
        okButton()->setEnabled(true); // the input passed the checks; a storage failure may pass on a retry
        m_password->setFocus();
        return;
    }
    m_admin = created.value();
    accept();
}

} // namespace fabrica
