#pragma once

#include "NewAccountDialog.h"

class QComboBox;

namespace fabrica {

// An administrator adds a user: name, e-mail, password twice and role, checked as typed with the core's
// rules; the account is created on a worker thread (hashing takes a while by design).
class NewUserDialog : public NewAccountDialog
{
    Q_OBJECT

public:
    NewUserDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                  QWidget *parent = nullptr);

    // The account made; valid once the dialog has been accepted.
    const UserRecord &user() const { return created(); }

private:
    void submit() override;

    Actor m_actor;
    QComboBox *m_role = nullptr;
};

} // namespace fabrica
