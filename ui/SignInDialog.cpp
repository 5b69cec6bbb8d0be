#include "SignInDialog.h"

#include "auth/SecretBytes.h"

#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent>

namespace fabrica {

SignInDialog::SignInDialog(AuthService &auth, const Repository &storage, QWidget *parent)
    : AccountDialog(storage, tr("Sign In"), parent)
    , m_auth(auth)
{
    setWindowTitle(tr("Sign In"));
    setMinimumWidth(400);
    m_username = addField(tr("&User name:"), QStringLiteral("username"));
    m_password = addField(tr("&Password:"), QStringLiteral("password"), true);
    finishLayout(nullptr);
    connect(&m_signingIn, &QFutureWatcher<Result<AuthService::Session>>::finished, this,
            &SignInDialog::finished);
    updateOk();
}

SignInDialog::~SignInDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_signingIn.waitForFinished();
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    m_password->setFocus();
}

void SignInDialog::updateOk()
{
    okButton()->setEnabled(!isBusy() && !m_username->text().isEmpty() && !m_password->text().isEmpty());
}

void SignInDialog::submit()
{
    if (isBusy() || !okButton()->isEnabled())
        return;
    setBusy(true, tr("Signing in…"));
    const QString username = m_username->text();
    QByteArray password = m_password->text().toUtf8();
    AuthService *auth = &m_auth;
    // Moved, never copied, so that the one buffer wiped is the only one there was.
    m_signingIn.setFuture(QtConcurrent::run([auth, username, password = std::move(password)]() mutable {
        Result<AuthService::Session> session = auth->signIn(username, password);
        SecretBytes::wipe(password);
        return session;
    }));
}

void SignInDialog::finished()
{
    const Result<AuthService::Session> session = m_signingIn.result();
    setBusy(false);
    if (!session) {
        showMessage(session.error().message);
        forgetPasswords();
        m_password->setFocus();
        updateOk();
        return;
    }
    m_session = session.value();
    accept();
}

} // namespace fabrica
