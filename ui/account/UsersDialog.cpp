#include "UsersDialog.h"

#include "ChangePasswordDialog.h"
#include "NewUserDialog.h"
#include "ResetPasswordDialog.h"
#include "UiLogging.h"
#include "UsersModel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace fabrica {

namespace {

// A push button that shows and triggers an action, so that the buttons, the context menu and the
// keyboard shortcuts are one thing with one enabled state.
QPushButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QPushButton(action->text(), parent);
    button->setObjectName(action->objectName());
    // Enter belongs to the table (it opens the password reset), never to a button of the dialog.
    button->setAutoDefault(false);
    button->setEnabled(action->isEnabled());
    QObject::connect(action, &QAction::changed, button, [button, action] {
        button->setText(action->text());
        button->setEnabled(action->isEnabled());
        button->setToolTip(action->toolTip());
    });
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

} // namespace

UsersDialog::UsersDialog(AuthService &auth, const Repository &storage, const UserRecord &me, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_storage(storage)
    , m_me(me)
    , m_actor(Actor::of(me))
    , m_model(new UsersModel(me.id, this))
    , m_filter(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Users"));
    resize(780, 440);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1); // name, e-mail, role and state alike
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortRole(UsersModel::SortRole);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);
    buildActions();
    buildLayout();
    connect(&m_working, &QFutureWatcher<Outcome>::finished, this, &UsersDialog::finished);
    updateActions();
    reload();
}

UsersDialog::~UsersDialog()
{
    // The worker uses m_auth, which the caller may destroy right after this dialog.
    m_working.waitForFinished();
}

void UsersDialog::buildActions()
{
    auto make = [this](const QString &objectName, const QString &text, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_newUser = make(QStringLiteral("newUser"), tr("&New User…"), &UsersDialog::newUser);
    m_newUser->setShortcut(QKeySequence::New);
    m_changeRole = make(QStringLiteral("changeRole"), tr("Make &Administrator"), &UsersDialog::changeRole);
    m_disable = make(QStringLiteral("disable"), tr("&Disable"), &UsersDialog::toggleDisabled);
    m_resetPassword =
        make(QStringLiteral("resetPassword"), tr("&Reset Password…"), &UsersDialog::resetPassword);
    m_resetPassword->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_resetPassword->setShortcutContext(Qt::WidgetShortcut); // only while the table has the focus
    m_delete = make(QStringLiteral("delete"), tr("De&lete…"), &UsersDialog::deleteUser);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
}

void UsersDialog::buildLayout()
{
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filter"));
    m_filterEdit->setPlaceholderText(tr("Filter by name, e-mail, role or state"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        updateActions();
    });
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(find);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("users"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UsersModel::UsernameColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // The e-mail takes the room left; the short columns fit their contents.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(UsersModel::UsernameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(UsersModel::EmailColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(UsersModel::UsernameColumn, 10 * fontMetrics().averageCharWidth() + 60);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *separator2 = new QAction(this);
    separator2->setSeparator(true);
    m_table->addActions(
        {m_newUser, separator, m_changeRole, m_disable, m_resetPassword, separator2, m_delete});
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_resetPassword->trigger(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersDialog::updateActions);
    // A change of a row's role or state renames the actions on it.
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &UsersDialog::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &UsersDialog::updateActions);
    connect(m_filterEdit, &QLineEdit::returnPressed, this, [this] { m_table->setFocus(Qt::TabFocusReason); });

    auto *buttons = new QVBoxLayout;
    for (QAction *action : {m_newUser, m_changeRole, m_disable, m_resetPassword, m_delete}) {
        QPushButton *button = buttonFor(action, this);
        m_buttons << button;
        buttons->addWidget(button);
        if (action == m_newUser)
            buttons->addSpacing(fontMetrics().lineSpacing());
    }
    buttons->addStretch();
    // As wide as their longest text, so that the table does not move when a button's text changes.
    int width = 0;
    for (const QString &text :
         {m_newUser->text(), tr("Make &Administrator"), tr("Make &User"), tr("&Disable"), tr("&Enable"),
          tr("&Reset Password…"), tr("Change &Password…"), m_delete->text()}) {
        QPushButton probe(text);
        width = std::max(width, probe.sizeHint().width());
    }
    for (QPushButton *button : std::as_const(m_buttons))
        button->setMinimumWidth(width);

    auto *middle = new QHBoxLayout;
    middle->addWidget(m_table, 1);
    middle->addLayout(buttons);

    m_feedback = new QLabel(this);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setTextFormat(Qt::PlainText);
    m_feedback->setWordWrap(true);
    // Room for a two-line message, so that the dialog does not jump when one appears.
    m_feedback->setMinimumHeight(2 * fontMetrics().lineSpacing());
    m_feedback->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_feedback->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = box->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    close->setAutoDefault(false);
    connect(box, &QDialogButtonBox::rejected, this, &UsersDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterEdit);
    layout->addLayout(middle, 1);
    layout->addWidget(m_feedback);
    layout->addWidget(box);
    m_table->setFocus();
}

void UsersDialog::reload()
{
    run(tr("Reading the users…"), {}, Pending{});
}

void UsersDialog::run(const QString &busyText, std::function<Result<void>()> change, Pending pending)
{
    if (m_busy)
        return;
    m_pending = std::move(pending);
    setBusy(true, busyText);
    AuthService *auth = &m_auth;
    const Actor actor = m_actor;
    m_working.setFuture(QtConcurrent::run([auth, actor, change = std::move(change)] {
        Result<void> changed = change ? change() : Result<void>();
        // Read after every change, refused or not: the list shows what the storage holds now, including
        // what others changed meanwhile.
        return Outcome{changed, auth->users(actor)};
    }));
}

void UsersDialog::finished()
{
    const Outcome outcome = m_working.result();
    const Pending pending = std::exchange(m_pending, Pending{});
    setBusy(false);
    if (outcome.users)
        m_model->setUsers(outcome.users.value());
    else
        qCWarning(lcUi).noquote() << "cannot list the users:" << outcome.users.error().toString();

    if (!outcome.change)
        showMessage(pending.failure.arg(outcome.change.error().message));
    else if (!outcome.users)
        showMessage(tr("Cannot list the users: %1").arg(outcome.users.error().message));
    else
        showMessage(pending.success);

    if (outcome.change && pending.ownAccount) {
        // Closed first, so that a receiver may delete the dialog.
        done(Accepted);
        emit ownAccountChanged();
        return;
    }
    if (pending.select)
        selectUser(pending.select);
    else if (!m_loadedOnce && outcome.users && m_filter->rowCount() > 0)
        m_table->selectRow(0); // so that the keyboard works on a row at once
    if (outcome.users)
        m_loadedOnce = true;
    updateActions();
}

void UsersDialog::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    if (busy) {
        m_feedback->setText(message);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
    updateActions();
}

void UsersDialog::showMessage(const QString &message)
{
    m_feedback->setText(message);
}

int UsersDialog::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return m_filter->mapToSource(rows.first()).row();
}

void UsersDialog::selectUser(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) { // filtered out: a user just made must not seem to be missing
        m_filterEdit->clear();
        index = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
}

void UsersDialog::updateActions()
{
    const int row = m_busy ? -1 : selectedRow();
    m_newUser->setEnabled(!m_busy);
    for (QAction *action : {m_changeRole, m_disable, m_resetPassword, m_delete})
        action->setEnabled(row >= 0);
    if (row < 0)
        return;
    const UserRecord &user = m_model->user(row);
    const bool own = user.id == m_me.id;
    m_changeRole->setText(user.role == Role::Admin ? tr("Make &User") : tr("Make &Administrator"));
    m_disable->setText(user.disabled ? tr("&Enable") : tr("&Disable"));
    // One's own password goes with the current one, like everyone's (see ChangePasswordDialog).
    m_resetPassword->setText(own ? tr("Change &Password…") : tr("&Reset Password…"));
}

void UsersDialog::confirm(const QString &title, const QString &text, const QString &confirmText,
                          std::function<void()> confirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirm"));
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = box->addButton(confirmText, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel); // Enter on a destructive question keeps everything
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(yes, &QPushButton::clicked, this, std::move(confirmed));
    box->open();
}

void UsersDialog::newUser()
{
    if (m_busy)
        return;
    auto *dialog = new NewUserDialog(m_auth, m_storage, m_me, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const UserRecord &user = dialog->user();
        run(tr("Reading the users…"), {},
            Pending{QString(), tr("Created the user %1.").arg(user.username), false, user.id});
    });
    dialog->open();
}

void UsersDialog::changeRole()
{
    const int row = selectedRow();
    if (m_busy || row < 0)
        return;
    const UserRecord user = m_model->user(row);
    const Role role = user.role == Role::Admin ? Role::User : Role::Admin;
    const bool own = user.id == m_me.id;
    auto apply = [this, user, role, own] {
        AuthService *auth = &m_auth;
        const Actor actor = m_actor;
        const qint64 id = user.id;
        Pending pending;
        pending.failure = tr("The role of %1 stays as it was: %2").arg(user.username);
        pending.success = (role == Role::Admin ? tr("%1 is an administrator now.") : tr("%1 is a user now."))
                              .arg(user.username);
        pending.ownAccount = own;
        pending.select = id;
        run(
            tr("Changing the role…"), [auth, actor, id, role] { return auth->setRole(actor, id, role); },
            pending);
    };
    if (own && role == Role::User)
        confirm(
            tr("Give Up the Administrator Role"),
            tr("Make your own account, %1, a user? You can no longer manage users, and your session ends.")
                .arg(user.username),
            tr("Make Me a User"), apply);
    else
        apply();
}

void UsersDialog::toggleDisabled()
{
    const int row = selectedRow();
    if (m_busy || row < 0)
        return;
    const UserRecord user = m_model->user(row);
    const bool disable = !user.disabled;
    const bool own = user.id == m_me.id;
    auto apply = [this, user, disable, own] {
        AuthService *auth = &m_auth;
        const Actor actor = m_actor;
        const qint64 id = user.id;
        Pending pending;
        pending.failure =
            (disable ? tr("%1 stays enabled: %2") : tr("%1 stays disabled: %2")).arg(user.username);
        pending.success =
            (disable ? tr("%1 is disabled and cannot sign in.") : tr("%1 is enabled and can sign in."))
                .arg(user.username);
        pending.ownAccount = own && disable;
        pending.select = id;
        run(
            disable ? tr("Disabling the user…") : tr("Enabling the user…"),
            [auth, actor, id, disable] { return auth->setDisabled(actor, id, disable); }, pending);
    };
    if (own && disable)
        confirm(
            tr("Disable Your Account"),
            tr("Disable your own account, %1? Your session ends, and only another administrator can enable "
               "the account again.")
                .arg(user.username),
            tr("Disable"), apply);
    else
        apply();
}

void UsersDialog::resetPassword()
{
    const int row = selectedRow();
    if (m_busy || row < 0)
        return;
    const UserRecord user = m_model->user(row);
    AccountDialog *dialog = nullptr;
    if (user.id == m_me.id)
        dialog = new ChangePasswordDialog(m_auth, m_storage, m_me, this);
    else
        dialog = new ResetPasswordDialog(m_auth, m_storage, m_me, user, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, user] {
        run(tr("Reading the users…"), {},
            Pending{QString(), tr("%1 has a new password.").arg(user.username), false, user.id});
    });
    dialog->open();
}

void UsersDialog::deleteUser()
{
    const int row = selectedRow();
    if (m_busy || row < 0)
        return;
    const UserRecord user = m_model->user(row);
    const bool own = user.id == m_me.id;
    auto apply = [this, user, own] {
        AuthService *auth = &m_auth;
        const Actor actor = m_actor;
        const qint64 id = user.id;
        Pending pending;
        pending.failure = tr("%1 was not deleted: %2").arg(user.username);
        pending.success = tr("Deleted the user %1.").arg(user.username);
        pending.ownAccount = own;
        run(
            tr("Deleting the user…"), [auth, actor, id] { return auth->deleteUser(actor, id); }, pending);
    };
    const QString text = own ? tr("Delete your own account, %1? Your saved schemas and runs go with it, and "
                                  "your session ends. "
                                  "This cannot be undone.")
                                   .arg(user.username)
                             : tr("Delete the user %1? Their saved schemas and runs go with the account. "
                                  "This cannot be undone.")
                                   .arg(user.username);
    confirm(tr("Delete User"), text, tr("Delete"), apply);
}

void UsersDialog::done(int result)
{
    if (m_busy)
        return;
    QDialog::done(result);
}

} // namespace fabrica
