#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

namespace fabrica {

// Asks for a user name and password and signs in on a worker thread; a failure keeps the dialog open with
// the core's message.
class SignInDialog : public AccountDialog
{
    Q_OBJECT

public:
    SignInDialog(AuthService &auth, const Repository &storage, QWidget *parent = nullptr);
    ~SignInDialog() override;

    // Fills in the user name (e.g. the administrator just created) and moves on to the password.
    void setUsername(const QString &username);
    // The signed-in user and their token; valid once the dialog has been accepted.
    const AuthService::Session &session() const { return m_session; }

private:
    void updateOk() override;
    void submit() override;
    void finished();

    AuthService &m_auth;
    AuthService::Session m_session;
    QFutureWatcher<Result<AuthService::Session>> m_signingIn;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
};

} // namespace fabrica
