#pragma once

#include "auth/AuthService.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fabrica {

class Repository;

// Asks for the first administrator of a storage without users (Fabrica has no default account), checks
// the input as it is typed with the core's rules, and creates the account on a worker thread.
class FirstAdminDialog : public QDialog
{
    Q_OBJECT

public:
    FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent = nullptr);
    ~FirstAdminDialog() override;

    // The account made; valid once the dialog has been accepted.
    const UserRecord &admin() const { return m_admin; }

    // Closing waits while the account is being created, and wipes the password fields.
    void done(int result) override;

private:
    void validate();
    void submit();
    void finished();
    void setBusy(bool busy);
    void clearPasswords();

    AuthService &m_auth;
    UserRecord m_admin;
    bool m_busy = false;
    QFutureWatcher<Result<UserRecord>> m_creating;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_feedback = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fabrica
