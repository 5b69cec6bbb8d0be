#pragma once

#include "AccountDialog.h"
#include "auth/AuthService.h"

#include <QFutureWatcher>

#include <functional>

namespace fabrica {

// What the forms that create an account share (the first administrator, a user an administrator adds):
// user name, e-mail, password twice, checked as typed with the core's rules, and the account created on a
// worker thread (hashing takes a while by design) with the password's buffer wiped afterwards.
class NewAccountDialog : public AccountDialog
{
    Q_OBJECT

public:
    ~NewAccountDialog() override;

    // The account made; valid once the dialog has been accepted.
    const UserRecord &created() const { return m_created; }

protected:
    // The core call that creates the account, run on a worker thread.
    using Create = std::function<Result<UserRecord>(AuthService &auth, const QString &username,
                                                    const QString &email, const QByteArray &password)>;

    NewAccountDialog(AuthService &auth, const Repository &storage, const QString &okText, QWidget *parent);

    // Adds the four fields to the form (before any field of the subclass).
    void addAccountFields();
    void updateOk() override;
    // Starts create with the fields' values; the dialog is accepted when it succeeds.
    void createAccount(const QString &busyText, Create create);

private:
    void finished();

    AuthService &m_auth;
    UserRecord m_created;
    QFutureWatcher<Result<UserRecord>> m_creating;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
};

} // namespace fabrica
