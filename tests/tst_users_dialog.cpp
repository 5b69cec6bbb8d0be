// User management in the window: the users model, the administrator's users dialog with its new-user and
// password-reset forms, and everyone's change-password dialog, driven with the keyboard and the mouse
// against a real SQLite storage. The core's refusals must reach the user in its words and change nothing.

#include "AuthTestSupport.h"
#include "StorageTestSupport.h"
#include "account/ChangePasswordDialog.h"
#include "account/NewUserDialog.h"
#include "account/ResetPasswordDialog.h"
#include "account/UsersDialog.h"
#include "account/UsersModel.h"
#include "auth/AuthService.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"correct horse battery"_s;
const QString kOtherPassword = u"tremble tuba staple"_s;

UserRecord record(qint64 id, const QString &name, Role role = Role::User)
{
    UserRecord user;
    user.id = id;
    user.username = name;
    user.email = name + u"@example.com"_s;
    user.role = role;
    user.created = QDateTime(QDate(2024, 5, int(id)), QTime(12, 0), Qt::UTC);
    return user;
}

} // namespace

class TestUsersDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void modelMergesRowByRow();
    void modelShowsUsers();
    void listsUsersMarksMeAndFilters();
    void createsUserThroughForm();
    void newUserShowsCoreRefusal();
    void changesRoleAndDisablesAndEnables();
    void resetsPasswordWithEnter();
    void ownRowAsksForCurrentPassword();
    void lastAdminIsKept();
    void demotingSelfWithAnotherAdminCloses();
    void deleteAsksFirst();
    void changePasswordChecksCurrent();
    void userWithoutAdminRoleSeesRefusal();

private:
    QList<UserRecord> storedUsers();
    UserRecord stored(qint64 id);
    UserRecord createUser(const QString &name, Role role);
    // Opens the dialog as the window shows it, under model testers, and waits for the first listing.
    void open(UsersDialog &dialog);
    QTableView *tableOf(UsersDialog &dialog);
    QPushButton *button(UsersDialog &dialog, const QString &name);
    QString feedback(QWidget &dialog);
    // Clicks the row of the user, as a user picks a row.
    void clickUser(UsersDialog &dialog, qint64 id);
    // The confirmation the dialog asks; null if none comes.
    QMessageBox *confirmation(UsersDialog &dialog);

    std::unique_ptr<test::StorageDatabases> m_databases;
    std::unique_ptr<QTemporaryDir> m_secrets;
    std::unique_ptr<Repository> m_storage;
    std::optional<AuthService> m_auth;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    UserRecord m_ada; // the first administrator, signed in
};

void TestUsersDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestUsersDialog::init()
{
    m_databases = std::make_unique<test::StorageDatabases>(SqlDialect::SQLite);
    QCOMPARE(m_databases->check(), QString());
    m_secrets = std::make_unique<QTemporaryDir>();
    QVERIFY(m_secrets->isValid());
    m_storage = m_databases->freshRepository();
    m_auth.emplace(test::authService(*m_storage, *m_secrets));
    Result<UserRecord> ada = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword.toUtf8());
    QVERIFY2(ada, ada ? "" : qPrintable(ada.error().toString()));
    m_ada = ada.value();
}

void TestUsersDialog::cleanup()
{
    m_testers.clear();
    m_auth.reset();
    m_storage.reset();
    m_databases.reset();
    m_secrets.reset();
}

QList<UserRecord> TestUsersDialog::storedUsers()
{
    Result<QList<UserRecord>> users = m_storage->users(Actor::systemActor());
    if (!users)
        qFatal("cannot list the users: %s", qPrintable(users.error().toString()));
    return users.value();
}

UserRecord TestUsersDialog::stored(qint64 id)
{
    Result<UserRecord> user = m_storage->user(Actor::systemActor(), id);
    if (!user)
        qFatal("cannot read user %lld: %s", id, qPrintable(user.error().toString()));
    return user.value();
}

UserRecord TestUsersDialog::createUser(const QString &name, Role role)
{
    Result<UserRecord> user =
        m_auth->createUser(Actor::of(m_ada), name, name + u"@example.com"_s, kPassword.toUtf8(), role);
    if (!user)
        qFatal("cannot create %s: %s", qPrintable(name), qPrintable(user.error().toString()));
    return user.value();
}

void TestUsersDialog::open(UsersDialog &dialog)
{
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        dialog.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(dialog.model()->rowCount(), storedUsers().size());
}

QTableView *TestUsersDialog::tableOf(UsersDialog &dialog)
{
    return dialog.findChild<QTableView *>(u"users"_s);
}

QPushButton *TestUsersDialog::button(UsersDialog &dialog, const QString &name)
{
    return dialog.findChild<QPushButton *>(name);
}

QString TestUsersDialog::feedback(QWidget &dialog)
{
    auto *label = dialog.findChild<QLabel *>(u"feedback"_s);
    return label ? label->text() : u"(no feedback label)"_s;
}

void TestUsersDialog::clickUser(UsersDialog &dialog, qint64 id)
{
    QTableView *table = tableOf(dialog);
    QVERIFY(table);
    const int row = dialog.model()->rowOf(id);
    QVERIFY(row >= 0);
    const QModelIndex index =
        dialog.filterModel()->mapFromSource(dialog.model()->index(row, UsersModel::EmailColumn));
    QVERIFY(index.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().data(UsersModel::UserIdRole).toLongLong(), id);
}

QMessageBox *TestUsersDialog::confirmation(UsersDialog &dialog)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = dialog.findChild<QMessageBox *>(u"confirm"_s);
        return box && box->isVisible();
    });
    return shown ? box : nullptr;
}

void TestUsersDialog::modelMergesRowByRow()
{
    UsersModel model(1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.setUsers({record(1, u"ada"_s, Role::Admin), record(2, u"bob"_s)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 1);

    // One changed user: one row repainted, nothing inserted or removed.
    UserRecord bob = record(2, u"bob"_s);
    bob.disabled = true;
    model.setUsers({record(1, u"ada"_s, Role::Admin), bob});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 0);

    // The same listing again: no signal at all.
    model.setUsers({record(1, u"ada"_s, Role::Admin), bob});
    QCOMPARE(changed.size(), 1);

    // ada gone, carl new: one row removed, one appended, bob untouched.
    model.setUsers({bob, record(3, u"carl"_s)});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.user(0).username, u"bob"_s);
    QCOMPARE(model.user(1).username, u"carl"_s);
    QCOMPARE(model.rowOf(3), 1);
    QCOMPARE(model.rowOf(1), -1);

    model.setUsers({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
}

void TestUsersDialog::modelShowsUsers()
{
    UsersModel model(1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    UserRecord bob = record(2, u"bob"_s);
    bob.disabled = true;
    model.setUsers({record(1, u"ada"_s, Role::Admin), bob});
    auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(model.columnCount(), int(UsersModel::ColumnCount));
    QCOMPARE(model.headerData(UsersModel::RoleColumn, Qt::Horizontal).toString(), u"Role"_s);
    QCOMPARE(cell(0, UsersModel::UsernameColumn).toString(), u"ada (you)"_s);
    QCOMPARE(cell(0, UsersModel::UsernameColumn, UsersModel::SortRole).toString(), u"ada"_s);
    QCOMPARE(cell(0, UsersModel::UsernameColumn, UsersModel::IsMeRole).toBool(), true);
    QCOMPARE(cell(0, UsersModel::EmailColumn, Qt::FontRole).value<QFont>().bold(), true);
    QCOMPARE(cell(0, UsersModel::RoleColumn).toString(), u"Administrator"_s);
    QCOMPARE(cell(0, UsersModel::StateColumn).toString(), u"Enabled"_s);
    QCOMPARE(cell(1, UsersModel::UsernameColumn).toString(), u"bob"_s);
    QCOMPARE(cell(1, UsersModel::UsernameColumn, UsersModel::IsMeRole).toBool(), false);
    QVERIFY(!cell(1, UsersModel::UsernameColumn, Qt::FontRole).isValid());
    QCOMPARE(cell(1, UsersModel::EmailColumn, UsersModel::UserIdRole).toLongLong(), 2);
    QCOMPARE(cell(1, UsersModel::EmailColumn).toString(), u"bob@example.com"_s);
    QCOMPARE(cell(1, UsersModel::RoleColumn).toString(), u"User"_s);
    QCOMPARE(cell(1, UsersModel::StateColumn).toString(), u"Disabled"_s);
    QCOMPARE(cell(1, UsersModel::CreatedColumn, UsersModel::SortRole).toDateTime(), bob.created);
    QVERIFY(!cell(1, UsersModel::CreatedColumn).toString().isEmpty());

    // Paused after failed sign-ins: said so, with when it ends.
    UserRecord carl = record(3, u"carl"_s);
    carl.failedAttempts = 6;
    carl.lockedUntil = QDateTime::currentDateTimeUtc().addSecs(600);
    model.setUsers({record(1, u"ada"_s, Role::Admin), bob, carl});
    QCOMPARE(cell(2, UsersModel::StateColumn).toString(), u"Paused"_s);
    QVERIFY(cell(2, UsersModel::StateColumn, Qt::ToolTipRole).toString().contains(u"6 failed attempt"_s));
}

void TestUsersDialog::listsUsersMarksMeAndFilters()
{
    createUser(u"bob"_s, Role::User);
    createUser(u"carla"_s, Role::Admin);
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QTableView *table = tableOf(dialog);
    QVERIFY(table);
    QCOMPARE(dialog.filterModel()->rowCount(), 3);
    // Sorted by name, the signed-in administrator's own row marked, a row selected for the keyboard.
    QCOMPARE(dialog.filterModel()->index(0, 0).data().toString(), u"ada (you)"_s);
    QCOMPARE(dialog.filterModel()->index(1, 0).data().toString(), u"bob"_s);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);

    auto *filter = dialog.findChild<QLineEdit *>(u"filter"_s);
    QVERIFY(filter);
    QTest::keyClicks(filter, u"CAR"_s);
    QCOMPARE(dialog.filterModel()->rowCount(), 1);
    QCOMPARE(dialog.filterModel()->index(0, 0).data().toString(), u"carla"_s);
    // The row shown is the row selected, and the actions act on it.
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().data().toString(), u"carla"_s);
    QCOMPARE(button(dialog, u"changeRole"_s)->text(), u"Make &User"_s);
    QTest::keyClicks(filter, u"zzz"_s);
    QCOMPARE(dialog.filterModel()->rowCount(), 0);
    // Nothing selected: the row actions are off, a new user can still be made.
    for (const QString &name : {u"changeRole"_s, u"disable"_s, u"resetPassword"_s, u"delete"_s})
        QVERIFY2(!button(dialog, name)->isEnabled(), qPrintable(name));
    QVERIFY(button(dialog, u"newUser"_s)->isEnabled());
    QTest::keyClick(filter, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(filter, u"administrator"_s); // the role column counts too
    QCOMPARE(dialog.filterModel()->rowCount(), 2);
}

void TestUsersDialog::createsUserThroughForm()
{
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QSignalSpy inserted(dialog.model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(dialog.model(), &QAbstractItemModel::modelReset);
    QTest::mouseClick(button(dialog, u"newUser"_s), Qt::LeftButton);
    NewUserDialog *form = nullptr;
    QTRY_VERIFY((form = dialog.findChild<NewUserDialog *>()) && form->isVisible());

    auto *username = form->findChild<QLineEdit *>(u"username"_s);
    auto *email = form->findChild<QLineEdit *>(u"email"_s);
    auto *password = form->findChild<QLineEdit *>(u"password"_s);
    auto *repeat = form->findChild<QLineEdit *>(u"repeatPassword"_s);
    auto *role = form->findChild<QComboBox *>(u"role"_s);
    auto *ok = form->findChild<QPushButton *>(u"ok"_s);
    QVERIFY(username && email && password && repeat && role && ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(username, u"grace"_s);
    QTest::keyClicks(email, u"grace@example.com"_s);
    QTest::keyClicks(password, kOtherPassword);
    QTest::keyClicks(repeat, u"tremble"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY2(feedback(*form).contains(u"the passwords differ"_s, Qt::CaseInsensitive),
             qPrintable(feedback(*form)));
    QTest::keyClicks(repeat, u" tuba staple"_s);
    QCOMPARE(role->currentText(), u"User"_s); // the safe default
    QTest::keyClick(role, Qt::Key_Down);
    QCOMPARE(role->currentText(), u"Administrator"_s);
    QVERIFY(ok->isEnabled());
    QTest::keyClick(repeat, Qt::Key_Return);

    QTRY_COMPARE(dialog.model()->rowCount(), 2);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(resets.size(), 0);
    const int row = dialog.model()->rowCount() - 1;
    QCOMPARE(dialog.model()->user(row).username, u"grace"_s);
    QCOMPARE(dialog.model()->user(row).role, Role::Admin);
    QVERIFY2(feedback(dialog).contains(u"grace"_s), qPrintable(feedback(dialog)));
    // The new user is selected.
    const QModelIndexList selected = tableOf(dialog)->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(UsersModel::UserIdRole).toLongLong(), dialog.model()->user(row).id);

    const UserRecord grace = stored(dialog.model()->user(row).id);
    QCOMPARE(grace.email, u"grace@example.com"_s);
    QCOMPARE(grace.role, Role::Admin);
    Result<AuthService::Session> session = m_auth->signIn(u"grace"_s, kOtherPassword.toUtf8());
    QVERIFY2(session, session ? "" : qPrintable(session.error().toString()));
}

void TestUsersDialog::newUserShowsCoreRefusal()
{
    createUser(u"bob"_s, Role::User);
    const QString expected =
        m_auth->createUser(Actor::of(m_ada), u"BOB"_s, QString(), kOtherPassword.toUtf8(), Role::User)
            .error()
            .message;
    QVERIFY(expected.contains(u"taken"_s));
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QTest::keyClick(tableOf(dialog), Qt::Key_N, Qt::ControlModifier);
    NewUserDialog *form = nullptr;
    QTRY_VERIFY((form = dialog.findChild<NewUserDialog *>()) && form->isVisible());
    QTest::keyClicks(form->findChild<QLineEdit *>(u"username"_s), u"BOB"_s);
    QTest::keyClicks(form->findChild<QLineEdit *>(u"password"_s), kOtherPassword);
    QTest::keyClicks(form->findChild<QLineEdit *>(u"repeatPassword"_s), kOtherPassword);
    QTest::mouseClick(form->findChild<QPushButton *>(u"ok"_s), Qt::LeftButton);
    QTRY_VERIFY2(feedback(*form).contains(expected, Qt::CaseInsensitive), qPrintable(feedback(*form)));
    QVERIFY(form->isVisible());
    QCOMPARE(storedUsers().size(), 2);

    QTest::mouseClick(form->findChild<QPushButton *>(u"cancel"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog.findChild<NewUserDialog *>());
    QCOMPARE(dialog.model()->rowCount(), 2);
}

void TestUsersDialog::changesRoleAndDisablesAndEnables()
{
    const UserRecord bob = createUser(u"bob"_s, Role::User);
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QSignalSpy resets(dialog.model(), &QAbstractItemModel::modelReset);
    clickUser(dialog, bob.id);
    QPushButton *role = button(dialog, u"changeRole"_s);
    QPushButton *disable = button(dialog, u"disable"_s);
    QVERIFY(role && disable);
    QCOMPARE(role->text(), u"Make &Administrator"_s);
    QCOMPARE(disable->text(), u"&Disable"_s);

    QTest::mouseClick(role, Qt::LeftButton);
    QTRY_COMPARE(stored(bob.id).role, Role::Admin);
    QTRY_VERIFY(!dialog.isBusy());
    const int row = dialog.model()->rowOf(bob.id);
    QCOMPARE(dialog.model()->index(row, UsersModel::RoleColumn).data().toString(), u"Administrator"_s);
    QCOMPARE(role->text(), u"Make &User"_s);

    QTest::mouseClick(role, Qt::LeftButton);
    QTRY_COMPARE(stored(bob.id).role, Role::User);
    QTRY_VERIFY(!dialog.isBusy());

    QTest::mouseClick(disable, Qt::LeftButton);
    QTRY_VERIFY(stored(bob.id).disabled);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(dialog.model()->index(row, UsersModel::StateColumn).data().toString(), u"Disabled"_s);
    QCOMPARE(disable->text(), u"&Enable"_s);
    QVERIFY(!m_auth->signIn(u"bob"_s, kPassword.toUtf8()));

    QTest::mouseClick(disable, Qt::LeftButton);
    QTRY_VERIFY(!stored(bob.id).disabled);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(dialog.model()->index(row, UsersModel::StateColumn).data().toString(), u"Enabled"_s);
    QVERIFY(m_auth->signIn(u"bob"_s, kPassword.toUtf8()));
    QCOMPARE(resets.size(), 0);
    QVERIFY(dialog.isVisible());
}

void TestUsersDialog::resetsPasswordWithEnter()
{
    const UserRecord bob = createUser(u"bob"_s, Role::User);
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    clickUser(dialog, bob.id);
    QCOMPARE(button(dialog, u"resetPassword"_s)->text(), u"&Reset Password…"_s);
    QTest::keyClick(tableOf(dialog), Qt::Key_Return);
    QPointer<ResetPasswordDialog> form;
    QTRY_VERIFY((form = dialog.findChild<ResetPasswordDialog *>()) && form->isVisible());
    QCOMPARE(form->userId(), bob.id);
    QVERIFY(dialog.isVisible()); // Enter opened the form; it closed nothing

    auto *password = form->findChild<QLineEdit *>(u"password"_s);
    auto *repeat = form->findChild<QLineEdit *>(u"repeatPassword"_s);
    auto *ok = form->findChild<QPushButton *>(u"ok"_s);
    QVERIFY(password && repeat && ok);
    QTest::keyClicks(password, u"bob"_s); // the user's own name: the policy says no
    QTest::keyClicks(repeat, u"bob"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!feedback(*form).isEmpty());
    QTest::keyClick(password, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(password, kOtherPassword);
    QTest::keyClick(repeat, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(repeat, kOtherPassword);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_VERIFY(!form); // closed and gone
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY2(feedback(dialog).contains(u"bob"_s), qPrintable(feedback(dialog)));
    Result<AuthService::Session> session = m_auth->signIn(u"bob"_s, kOtherPassword.toUtf8());
    QVERIFY2(session, session ? "" : qPrintable(session.error().toString()));
    QVERIFY(!m_auth->signIn(u"bob"_s, kPassword.toUtf8()));
}

void TestUsersDialog::ownRowAsksForCurrentPassword()
{
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    clickUser(dialog, m_ada.id);
    QCOMPARE(button(dialog, u"resetPassword"_s)->text(), u"Change &Password…"_s);
    QTest::mouseClick(button(dialog, u"resetPassword"_s), Qt::LeftButton);
    ChangePasswordDialog *form = nullptr;
    QTRY_VERIFY((form = dialog.findChild<ChangePasswordDialog *>()) && form->isVisible());
    QVERIFY(form->findChild<QLineEdit *>(u"currentPassword"_s));
    QVERIFY(!dialog.findChild<ResetPasswordDialog *>());
    QTest::keyClick(form, Qt::Key_Escape);
    QTRY_VERIFY(!dialog.findChild<ChangePasswordDialog *>());
}

void TestUsersDialog::lastAdminIsKept()
{
    createUser(u"bob"_s, Role::User);
    const Actor actor = Actor::of(m_ada);
    // The core's words, asked of it directly: both refusals change nothing.
    const QString lastAdminDelete = m_auth->deleteUser(actor, m_ada.id).error().message;
    const QString lastAdminDemote = m_auth->setRole(actor, m_ada.id, Role::User).error().message;
    QVERIFY(lastAdminDelete.contains(u"last administrator"_s));
    QVERIFY(lastAdminDemote.contains(u"last administrator"_s));

    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QSignalSpy own(&dialog, &UsersDialog::ownAccountChanged);
    clickUser(dialog, m_ada.id);

    // Delete key, confirmed: the core refuses, the dialog says why in the core's words.
    QTest::keyClick(tableOf(dialog), Qt::Key_Delete);
    QMessageBox *box = confirmation(dialog);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"your own account"_s));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY2(feedback(dialog).contains(lastAdminDelete), qPrintable(feedback(dialog)));
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(storedUsers().size(), 2);
    QCOMPARE(dialog.model()->rowCount(), 2);

    // Demoting oneself, confirmed: refused too.
    QTRY_VERIFY(!dialog.findChild<QMessageBox *>(u"confirm"_s));
    QTest::mouseClick(button(dialog, u"changeRole"_s), Qt::LeftButton);
    box = confirmation(dialog);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY2(feedback(dialog).contains(lastAdminDemote), qPrintable(feedback(dialog)));
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(stored(m_ada.id).role, Role::Admin);
    QCOMPARE(stored(m_ada.id).tokenVersion, m_ada.tokenVersion);
    QCOMPARE(dialog.model()->index(dialog.model()->rowOf(m_ada.id), UsersModel::RoleColumn).data().toString(),
             u"Administrator"_s);
    QVERIFY(dialog.isVisible());
    QCOMPARE(own.size(), 0);
}

void TestUsersDialog::demotingSelfWithAnotherAdminCloses()
{
    createUser(u"carla"_s, Role::Admin);
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QSignalSpy own(&dialog, &UsersDialog::ownAccountChanged);
    clickUser(dialog, m_ada.id);
    QTest::mouseClick(button(dialog, u"changeRole"_s), Qt::LeftButton);
    QMessageBox *box = confirmation(dialog);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE(own.size(), 1);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(stored(m_ada.id).role, Role::User);
}

void TestUsersDialog::deleteAsksFirst()
{
    const UserRecord bob = createUser(u"bob"_s, Role::User);
    UsersDialog dialog(*m_auth, *m_storage, m_ada);
    open(dialog);
    QSignalSpy removed(dialog.model(), &QAbstractItemModel::rowsRemoved);
    clickUser(dialog, bob.id);

    // Cancel (also what Enter picks): nothing happens.
    QTest::mouseClick(button(dialog, u"delete"_s), Qt::LeftButton);
    QMessageBox *box = confirmation(dialog);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"bob"_s));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!dialog.findChild<QMessageBox *>(u"confirm"_s));
    QVERIFY(!dialog.isBusy());
    QCOMPARE(storedUsers().size(), 2);

    dialog.activateWindow(); // what a window manager does when the box goes; the offscreen platform does not
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    clickUser(dialog, bob.id); // back in the table, where Delete means the row
    QTest::keyClick(tableOf(dialog), Qt::Key_Delete);
    box = confirmation(dialog);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE(dialog.model()->rowCount(), 1);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(storedUsers().size(), 1);
    QCOMPARE(dialog.model()->rowOf(bob.id), -1);
    QVERIFY2(feedback(dialog).contains(u"bob"_s), qPrintable(feedback(dialog)));
}

void TestUsersDialog::changePasswordChecksCurrent()
{
    const UserRecord bob = createUser(u"bob"_s, Role::User);
    const QString wrongCurrent =
        m_auth->changeOwnPassword(Actor::of(bob), "not the password", kOtherPassword.toUtf8())
            .error()
            .message;
    QVERIFY(stored(bob.id).failedAttempts == 1); // that try counted; so does the dialog's below

    ChangePasswordDialog dialog(*m_auth, *m_storage, bob);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *current = dialog.findChild<QLineEdit *>(u"currentPassword"_s);
    auto *password = dialog.findChild<QLineEdit *>(u"password"_s);
    auto *repeat = dialog.findChild<QLineEdit *>(u"repeatPassword"_s);
    auto *ok = dialog.findChild<QPushButton *>(u"ok"_s);
    QVERIFY(current && password && repeat && ok);
    QCOMPARE(current->echoMode(), QLineEdit::Password);
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(current, u"wrong guess"_s);
    QTest::keyClicks(password, kOtherPassword);
    QTest::keyClicks(repeat, kOtherPassword);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY2(feedback(dialog).contains(wrongCurrent, Qt::CaseInsensitive), qPrintable(feedback(dialog)));
    QTRY_VERIFY(current->isEnabled());
    QVERIFY(dialog.isVisible());
    QCOMPARE(current->text(), QString());
    QVERIFY(!ok->isEnabled());
    QCOMPARE(stored(bob.id).failedAttempts, 2);
    QVERIFY(m_auth->signIn(u"bob"_s, kPassword.toUtf8())); // unchanged

    QTest::keyClicks(current, kPassword);
    QVERIFY(ok->isEnabled());
    QTest::keyClick(current, Qt::Key_Return);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(current->text(), QString());
    QVERIFY(!m_auth->signIn(u"bob"_s, kPassword.toUtf8()));
    Result<AuthService::Session> session = m_auth->signIn(u"bob"_s, kOtherPassword.toUtf8());
    QVERIFY2(session, session ? "" : qPrintable(session.error().toString()));
}

void TestUsersDialog::userWithoutAdminRoleSeesRefusal()
{
    const UserRecord bob = createUser(u"bob"_s, Role::User);
    const QString expected = m_auth->users(Actor::of(bob)).error().message;
    UsersDialog dialog(*m_auth, *m_storage, bob);
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY2(feedback(dialog).contains(expected), qPrintable(feedback(dialog)));
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!button(dialog, u"delete"_s)->isEnabled());
}

QTEST_MAIN(TestUsersDialog)
#include "tst_users_dialog.moc"
