#pragma once

#include "auth/AuthService.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fabrica {

class Repository;

// Asks for a user name and password and signs in on a worker thread (a password check takes a while by
// design); a failure keeps the dialog open with the core's message.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(AuthService &auth, const Repository &storage, QWidget *parent = nullptr);
    ~SignInDialog() override;

    // Fills in the user name (e.g. the administrator just created) and moves on to the password.
    void setUsername(const QString &username);
    // The signed-in user and their token; valid once the dialog has been accepted.
    const AuthService::Session &session() const { return m_session; }

    // Closing waits while a sign-in runs, and wipes the password field.
    void done(int result) override;

private:
    void updateButtons();
    void submit();
    void finished();
    void setBusy(bool busy);

    AuthService &m_auth;
    AuthService::Session m_session;
    bool m_busy = false;
    QFutureWatcher<Result<AuthService::Session>> m_signingIn;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_feedback = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fabrica
