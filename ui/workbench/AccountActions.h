#pragma once

#include "storage/StoredRecords.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace fabrica {

class AuthService;
class EmbeddedApi;
class Repository;

// The window's account and application actions: Users… (administrators only — a User never sees it),
// Change Password…, Sign Out and Settings…. Without an AuthService (tests of the editor alone) only
// Settings… exists.
class AccountActions : public QObject
{
    Q_OBJECT

public:
    AccountActions(AuthService *auth, Repository *storage, const UserRecord &user, QWidget *window);

    // Fills the Account menu (absent without an AuthService) and adds Settings… to tools.
    void addTo(QMenu *account, QMenu *tools) const;
    QAction *usersAction() const { return m_users; }
    QAction *settingsAction() const { return m_settings; }
    // The window's API server, shown on the settings dialog's API server page.
    void setApi(EmbeddedApi *api) { m_api = api; }

signals:
    void signOutRequested();
    // The settings were applied (theme, threads, limits may have changed).
    void settingsApplied();

private:
    void showUsers();
    void changePassword();
    void showSettings();

    AuthService *m_auth;
    Repository *m_storage;
    UserRecord m_user;
    QWidget *m_window;
    EmbeddedApi *m_api = nullptr;
    QAction *m_users = nullptr;
    QAction *m_password = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_settings = nullptr;
};

} // namespace fabrica
