#include "FirstAdminDialog.h"

#include <QLabel>

namespace fabrica {

FirstAdminDialog::FirstAdminDialog(AuthService &auth, const Repository &storage, QWidget *parent)
    : NewAccountDialog(auth, storage, tr("Create Administrator"), parent)
{
    setWindowTitle(tr("Create the First Administrator"));
    auto *intro = new QLabel(tr("Fabrica has no default account: this creates its first administrator, "
                                "who can then add further users."),
                             this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);
    addAccountFields();
    finishLayout(intro);
    updateOk();
}

void FirstAdminDialog::submit()
{
    createAccount(tr("Creating the administrator…"), [](AuthService &auth, const QString &username,
                                                        const QString &email, const QByteArray &password) {
        return auth.createFirstAdmin(username, email, password);
    });
}

} // namespace fabrica
