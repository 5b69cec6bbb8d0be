#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

class QComboBox;

namespace fabrica {

// An administrator adds a user: name, e-mail, password twice and role, checked as typed with the core's
// rules; the account is created on a worker thread (hashing takes a while by design).
class NewUserDialog : public AccountDialog
{
    Q_OBJECT

public:
    NewUserDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                  QWidget *parent = nullptr);
    ~NewUserDialog() override;

    // The account made; valid once the dialog has been accepted.
    const UserRecord &user() const { return m_user; }

private:
    void updateOk() override;
    void submit() override;
    void finished();

    AuthService &m_auth;
    Actor m_actor;
    UserRecord m_user;
    QFutureWatcher<Result<UserRecord>> m_creating;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QComboBox *m_role = nullptr;
};

} // namespace fabrica
