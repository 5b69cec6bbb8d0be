#include "AccountActions.h"

#include "Icons.h"
#include "account/ChangePasswordDialog.h"
#include "account/UsersDialog.h"
#include "settings/SettingsDialog.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

namespace fabrica {

AccountActions::AccountActions(AuthService *auth, Repository *storage, const UserRecord &user, QWidget *window)
    : QObject(window)
    , m_auth(auth)
    , m_storage(storage)
    , m_user(user)
    , m_window(window)
{
    m_settings = new QAction(Icons::get(QStringLiteral("settings")), tr("&Settings…"), this);
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_settings->setStatusTip(tr("Storage, language, theme, threads, import limits and the API server"));
    connect(m_settings, &QAction::triggered, this, &AccountActions::showSettings);
    if (!m_auth)
        return;
    if (user.role == Role::Admin) {
        m_users = new QAction(Icons::get(QStringLiteral("admin")), tr("&Users…"), this);
        m_users->setObjectName(QStringLiteral("usersAction"));
        m_users->setStatusTip(tr("Create, change, disable and delete user accounts"));
        connect(m_users, &QAction::triggered, this, &AccountActions::showUsers);
    }
    m_password = new QAction(Icons::get(QStringLiteral("user")), tr("Change &Password…"), this);
    m_password->setObjectName(QStringLiteral("changePasswordAction"));
    m_password->setStatusTip(tr("Change the password you sign in with"));
    connect(m_password, &QAction::triggered, this, &AccountActions::changePassword);
    m_signOut = new QAction(tr("Sign &Out"), this);
    m_signOut->setObjectName(QStringLiteral("signOutAction"));
    m_signOut->setStatusTip(tr("Close the window and sign in again, as yourself or as someone else"));
    connect(m_signOut, &QAction::triggered, this, &AccountActions::signOutRequested);
}

void AccountActions::addTo(QMenu *account, QMenu *tools) const
{
    tools->addAction(m_settings);
    if (!m_auth) {
        account->menuAction()->setVisible(false);
        return;
    }
    if (m_users) {
        account->addAction(m_users);
        account->addSeparator();
    }
    account->addAction(m_password);
    account->addAction(m_signOut);
}

void AccountActions::showUsers()
{
    auto *dialog = new UsersDialog(*m_auth, *m_storage, m_user, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Demoting, disabling or deleting oneself revokes one's own tokens: the session ends with them.
    connect(dialog, &UsersDialog::ownAccountChanged, this, &AccountActions::signOutRequested, Qt::QueuedConnection);
    dialog->open();
}

void AccountActions::changePassword()
{
    auto *dialog = new ChangePasswordDialog(*m_auth, *m_storage, m_user, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AccountActions::showSettings()
{
    auto *dialog = new SettingsDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setApi(m_api);
    connect(dialog, &SettingsDialog::applied, this, &AccountActions::settingsApplied);
    dialog->open();
}

} // namespace fabrica
