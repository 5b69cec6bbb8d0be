#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

namespace fabrica {

// An administrator sets another user's password (new password twice); the core hashes it on a worker
// thread and revokes that user's tokens.
class ResetPasswordDialog : public AccountDialog
{
    Q_OBJECT

public:
    ResetPasswordDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                        const UserRecord &user, QWidget *parent = nullptr);
    ~ResetPasswordDialog() override;

    qint64 userId() const { return m_user.id; }

private:
    void updateOk() override;
    void submit() override;
    void finished();

    AuthService &m_auth;
    Actor m_actor;
    UserRecord m_user;
    QFutureWatcher<Result<void>> m_setting;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
};

} // namespace fabrica
