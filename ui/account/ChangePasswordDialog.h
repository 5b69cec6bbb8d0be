#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

namespace fabrica {

// Any signed-in user changes their own password: the current one, then the new one twice. The core checks
// the current password on a worker thread (wrong guesses count like failed sign-ins).
class ChangePasswordDialog : public AccountDialog
{
    Q_OBJECT

public:
    ChangePasswordDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                         QWidget *parent = nullptr);
    ~ChangePasswordDialog() override;

private:
    void updateOk() override;
    void submit() override;
    void finished();

    AuthService &m_auth;
    Actor m_actor;
    QString m_username;
    QFutureWatcher<Result<void>> m_changing;
    QLineEdit *m_current = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
};

} // namespace fabrica
