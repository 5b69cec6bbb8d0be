#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

namespace fabrica {

// Asks for the first administrator of a storage without users (Fabrica has no default account), checks
// the input as it is typed with the core's rules, and creates the account on a worker thread.
class FirstAdminDialog : public AccountDialog
{
    Q_OBJECT

public:
    FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent = nullptr);
    ~FirstAdminDialog() override;

    // The account made; valid once the dialog has been accepted.
    const UserRecord &admin() const { return m_admin; }

private:
    void updateOk() override;
    void submit() override;
    void finished();

    AuthService &m_auth;
    UserRecord m_admin;
    QFutureWatcher<Result<UserRecord>> m_creating;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
};

} // namespace fabrica
