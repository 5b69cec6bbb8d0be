#pragma once

#include "auth/AuthService.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fabrica {

class UsersModel;

// User management for an administrator: a filterable table of the storage's users and the actions on the
// selected one (new user, role, disable/enable, password reset, delete). Every call to the core runs on a
// worker thread and re-reads the list there; the core's refusals (the last administrator, a taken name)
// are shown in its words and change nothing.
class UsersDialog : public QDialog
{
    Q_OBJECT

public:
    UsersDialog(AuthService &auth, const Repository &storage, const UserRecord &me,
                QWidget *parent = nullptr);
    ~UsersDialog() override;

    UsersModel *model() const { return m_model; }
    // What the table shows: the model filtered and sorted.
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    bool isBusy() const { return m_busy; }

    void done(int result) override;

public slots:
    // Reads the users again (e.g. after changes made elsewhere).
    void reload();

signals:
    // The signed-in user changed their own role, disabled or deleted their own account here: what they
    // signed in as holds no more (the core revoked their tokens). The dialog has closed when this comes.
    void ownAccountChanged();

private:
    // One call of the core and the fresh list after it, both made on the worker thread.
    struct Outcome
    {
        Result<void> change;
        Result<QList<UserRecord>> users;
    };
    struct Pending
    {
        QString failure; // "%1" takes the core's message
        QString success; // shown when the change went through; may be empty
        bool ownAccount = false;
        qint64 select = 0; // a user to select afterwards, or 0
    };

    void buildActions();
    void buildLayout();
    // Runs change (which must only use what it captures) off the GUI thread, then reloads.
    void run(const QString &busyText, std::function<Result<void>()> change, Pending pending);
    void finished();
    void setBusy(bool busy, const QString &message = {});
    void showMessage(const QString &message);
    void updateActions();
    // The selected user's row in the model, or -1.
    int selectedRow() const;
    void selectUser(qint64 id);
    // Asks first, then runs confirmed; a window-modal box, so that the event loop keeps running.
    void confirm(const QString &title, const QString &text, const QString &confirmText,
                 std::function<void()> confirmed);

    void newUser();
    void changeRole();
    void toggleDisabled();
    void resetPassword();
    void deleteUser();

    AuthService &m_auth;
    const Repository &m_storage;
    UserRecord m_me;
    Actor m_actor;
    bool m_busy = false;
    bool m_loadedOnce = false;
    Pending m_pending;
    QFutureWatcher<Outcome> m_working;

    UsersModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_feedback = nullptr;
    QAction *m_newUser = nullptr;
    QAction *m_changeRole = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_resetPassword = nullptr;
    QAction *m_delete = nullptr;
    QList<QPushButton *> m_buttons;
};

} // namespace fabrica
