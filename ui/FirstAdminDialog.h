#pragma once

#include "NewAccountDialog.h"

namespace fabrica {

// Asks for the first administrator of a storage without users (Fabrica has no default account), checks
// the input as it is typed with the core's rules, and creates the account on a worker thread.
class FirstAdminDialog : public NewAccountDialog
{
    Q_OBJECT

public:
    FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent = nullptr);

    // The account made; valid once the dialog has been accepted.
    const UserRecord &admin() const { return created(); }

private:
    void submit() override;
};

} // namespace fabrica
