#include "NewUserDialog.h"

#include "UsersModel.h"

#include <QComboBox>

namespace fabrica {

NewUserDialog::NewUserDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                             QWidget *parent)
    : NewAccountDialog(auth, storage, tr("Create User"), parent)
    , m_actor(Actor::of(me))
{
    setWindowTitle(tr("New User"));
    addAccountFields();
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("role"));
    // User first: the safe choice is the one an Enter accepts.
    m_role->addItem(UsersModel::roleText(Role::User), int(Role::User));
    m_role->addItem(UsersModel::roleText(Role::Admin), int(Role::Admin));
    addRow(tr("R&ole:"), m_role);
    finishLayout(nullptr);
    updateOk();
}

void NewUserDialog::submit()
{
    const Actor actor = m_actor;
    const Role role = Role(m_role->currentData().toInt());
    createAccount(tr("Creating the user…"), [actor, role](AuthService &auth, const QString &username,
                                                          const QString &email, const QByteArray &password) {
        return auth.createUser(actor, username, email, password, role);
    });
}

} // namespace fabrica
