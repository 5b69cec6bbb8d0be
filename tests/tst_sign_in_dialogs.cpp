// The desktop side of sign-in: the first-administrator and sign-in dialogs, driven with the keyboard and
// the mouse like a user would, against a real SQLite storage. Messages are compared with the core's.

#include "FirstAdminDialog.h"
#include "SignInDialog.h"
#include "AuthTestSupport.h"
#include "StorageTestSupport.h"
#include "auth/AuthService.h"
#include "auth/PasswordPolicy.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"correct horse battery"_s;

// Replaces the text of a line edit the way a user does: select all, delete, type.
void retype(QLineEdit *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestSignInDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void firstAdminWaitsForAcceptableInput();
    void firstAdminRefusesCommonPassword();
    void firstAdminShowsCoreErrorAndStaysOpen();
    void firstAdminCreatesOneAdmin();
    void signInShowsStorage();
    void signInWrongPasswordStaysOpen();
    void signInRightPasswordAccepts();

private:
    // The dialog's widgets, found by object name as a user would find them by their labels.
    struct FirstAdminForm
    {
        QLineEdit *username, *email, *password, *repeat;
        QLabel *feedback;
        QPushButton *ok, *cancel;
    };
    struct SignInForm
    {
        QLineEdit *username, *password;
        QLabel *feedback, *storage;
        QPushButton *ok;
    };
    static std::optional<FirstAdminForm> formOf(FirstAdminDialog &dialog);
    static std::optional<SignInForm> formOf(SignInDialog &dialog);
    QList<UserRecord> storedUsers();
    UserRecord createAda();

    std::unique_ptr<test::StorageDatabases> m_databases;
    std::unique_ptr<QTemporaryDir> m_secrets;
    std::unique_ptr<Repository> m_storage;
    std::optional<AuthService> m_auth;
};

std::optional<TestSignInDialogs::FirstAdminForm> TestSignInDialogs::formOf(FirstAdminDialog &dialog)
{
    FirstAdminForm form{
        dialog.findChild<QLineEdit *>(u"username"_s), dialog.findChild<QLineEdit *>(u"email"_s),
        dialog.findChild<QLineEdit *>(u"password"_s), dialog.findChild<QLineEdit *>(u"repeatPassword"_s),
        dialog.findChild<QLabel *>(u"feedback"_s),    dialog.findChild<QPushButton *>(u"ok"_s),
        dialog.findChild<QPushButton *>(u"cancel"_s)};
    if (!form.username || !form.email || !form.password || !form.repeat || !form.feedback || !form.ok ||
        !form.cancel)
        return std::nullopt;
    return form;
}

std::optional<TestSignInDialogs::SignInForm> TestSignInDialogs::formOf(SignInDialog &dialog)
{
    SignInForm form{dialog.findChild<QLineEdit *>(u"username"_s),
                    dialog.findChild<QLineEdit *>(u"password"_s), dialog.findChild<QLabel *>(u"feedback"_s),
                    dialog.findChild<QLabel *>(u"storage"_s), dialog.findChild<QPushButton *>(u"ok"_s)};
    if (!form.username || !form.password || !form.feedback || !form.storage || !form.ok)
        return std::nullopt;
    return form;
}

QList<UserRecord> TestSignInDialogs::storedUsers()
{
    Result<QList<UserRecord>> users = m_storage->users(Actor::systemActor());
    if (!users)
        qFatal("cannot list the users: %s", qPrintable(users.error().toString()));
    return users.value();
}

UserRecord TestSignInDialogs::createAda()
{
    Result<UserRecord> ada = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword.toUtf8());
    if (!ada)
        qFatal("cannot create ada: %s", qPrintable(ada.error().toString()));
    return ada.value();
}

void TestSignInDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSignInDialogs::init()
{
    m_databases = std::make_unique<test::StorageDatabases>(SqlDialect::SQLite);
    QCOMPARE(m_databases->check(), QString());
    m_secrets = std::make_unique<QTemporaryDir>();
    QVERIFY(m_secrets->isValid());
    m_storage = m_databases->freshRepository();
    m_auth.emplace(test::authService(*m_storage, *m_secrets));
}

void TestSignInDialogs::cleanup()
{
    m_auth.reset();
    m_storage.reset();
    m_databases.reset();
    m_secrets.reset();
}

void TestSignInDialogs::firstAdminWaitsForAcceptableInput()
{
    QVERIFY(m_auth->needsFirstAdmin());
    FirstAdminDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<FirstAdminForm> form = formOf(dialog);
    QVERIFY(form);
    auto says = [&form](const QString &message) {
        return form->feedback->text().contains(message, Qt::CaseInsensitive);
    };

    // Empty: no user name yet, and the label says what one looks like.
    QVERIFY(!form->ok->isEnabled());
    QVERIFY2(says(AuthService::checkUsername(QString()).error().message), qPrintable(form->feedback->text()));

    QTest::keyClicks(form->username, u"ada"_s);
    QVERIFY(!form->ok->isEnabled());
    QVERIFY2(says(u"at least 8 characters"_s), qPrintable(form->feedback->text()));

    QTest::keyClicks(form->email, u"ada-at-example"_s);
    QVERIFY(!form->ok->isEnabled());
    QVERIFY2(says(AuthService::checkEmail(u"ada-at-example"_s).error().message),
             qPrintable(form->feedback->text()));
    retype(form->email, u"ada@example.com"_s);

    QTest::keyClicks(form->password, u"short"_s);
    QTest::keyClicks(form->repeat, u"short"_s);
    QVERIFY(!form->ok->isEnabled());
    QVERIFY2(says(PasswordPolicy::check(u"short"_s, u"ada"_s).error().message),
             qPrintable(form->feedback->text()));
    QVERIFY(says(u"at least 8 characters"_s));

    retype(form->password, kPassword);
    retype(form->repeat, u"correct horse"_s);
    QVERIFY(!form->ok->isEnabled());
    QVERIFY2(says(u"the passwords differ"_s), qPrintable(form->feedback->text()));
    QCOMPARE(form->password->echoMode(), QLineEdit::Password);
    QCOMPARE(form->repeat->echoMode(), QLineEdit::Password);

    QTest::keyClicks(form->repeat, u" battery"_s);
    QVERIFY(form->ok->isEnabled());
    QCOMPARE(form->feedback->text(), QString());

    // A disabled OK cannot be clicked into creating anyone, and Cancel creates no one either.
    retype(form->repeat, u"something else"_s);
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QTest::mouseClick(form->cancel, Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(storedUsers().isEmpty());
    QCOMPARE(form->password->text(), QString()); // wiped as far as a line edit allows
    QCOMPARE(form->repeat->text(), QString());
}

void TestSignInDialogs::firstAdminRefusesCommonPassword()
{
    QVERIFY(PasswordPolicy::isCommon(u"password123"_s));
    FirstAdminDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<FirstAdminForm> form = formOf(dialog);
    QVERIFY(form);

    QTest::keyClicks(form->username, u"ada"_s);
    QTest::keyClicks(form->password, u"password123"_s);
    QTest::keyClicks(form->repeat, u"password123"_s);
    const QString expected = PasswordPolicy::check(u"password123"_s, u"ada"_s).error().message;
    QVERIFY2(form->feedback->text().contains(expected, Qt::CaseInsensitive),
             qPrintable(form->feedback->text()));
    QVERIFY(!form->ok->isEnabled());

    QTest::keyClick(form->repeat, Qt::Key_Return);
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTest::qWait(50);
    QVERIFY(dialog.isVisible());
    QVERIFY(storedUsers().isEmpty());
    QVERIFY(m_auth->needsFirstAdmin());
}

void TestSignInDialogs::firstAdminShowsCoreErrorAndStaysOpen()
{
    FirstAdminDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<FirstAdminForm> form = formOf(dialog);
    QVERIFY(form);
    QTest::keyClicks(form->username, u"grace"_s);
    QTest::keyClicks(form->password, kPassword);
    QTest::keyClicks(form->repeat, kPassword);
    QVERIFY(form->ok->isEnabled());

    // Someone else (fabrica users add, another window) made the first admin meanwhile: the core refuses.
    const UserRecord ada = createAda();
    const QString expected =
        m_auth->createFirstAdmin(u"grace"_s, QString(), kPassword.toUtf8()).error().message;
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY2(form->feedback->text().contains(expected, Qt::CaseInsensitive),
                 qPrintable(form->feedback->text()));
    QTRY_VERIFY(form->password->isEnabled());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not accepted
    QCOMPARE(form->username->text(), u"grace"_s);
    const QList<UserRecord> users = storedUsers();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().id, ada.id);
}

void TestSignInDialogs::firstAdminCreatesOneAdmin()
{
    FirstAdminDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<FirstAdminForm> form = formOf(dialog);
    QVERIFY(form);
    QTest::keyClicks(form->username, u"ada"_s);
    QTest::keyClicks(form->email, u"ada@example.com"_s);
    QTest::keyClicks(form->password, kPassword);
    QTest::keyClicks(form->repeat, kPassword);
    QVERIFY(form->ok->isEnabled());
    QTest::mouseClick(form->ok, Qt::LeftButton);

    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QList<UserRecord> users = storedUsers();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().username, u"ada"_s);
    QCOMPARE(users.first().email, u"ada@example.com"_s);
    QCOMPARE(users.first().role, Role::Admin);
    QCOMPARE(dialog.admin().id, users.first().id);
    QVERIFY(!m_auth->needsFirstAdmin());
    QCOMPARE(form->password->text(), QString());
    QCOMPARE(form->repeat->text(), QString());
    // The password typed is the one stored.
    QVERIFY(m_auth->signIn(u"ada"_s, kPassword.toUtf8()));
}

void TestSignInDialogs::signInShowsStorage()
{
    SignInDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<SignInForm> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY2(form->storage->text().contains(m_storage->url().displayString()),
             qPrintable(form->storage->text()));
    QCOMPARE(form->password->echoMode(), QLineEdit::Password);
    QVERIFY(!form->ok->isEnabled());
    QTest::keyClicks(form->username, u"ada"_s);
    QVERIFY(!form->ok->isEnabled());
    QTest::keyClicks(form->password, u"x"_s);
    QVERIFY(form->ok->isEnabled());
}

void TestSignInDialogs::signInWrongPasswordStaysOpen()
{
    const UserRecord ada = createAda();
    SignInDialog dialog(*m_auth, *m_storage);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<SignInForm> form = formOf(dialog);
    QVERIFY(form);

    QTest::keyClicks(form->username, u"ada"_s);
    QTest::keyClicks(form->password, u"not the password"_s);
    QTest::mouseClick(form->ok, Qt::LeftButton);

    // The core's message is the same for every failure, so an unknown user shows it too.
    const QString expected = m_auth->signIn(u"nobody"_s, "whatever").error().message;
    QTRY_VERIFY2(form->feedback->text().contains(expected, Qt::CaseInsensitive),
                 qPrintable(form->feedback->text()));
    QTRY_VERIFY(form->password->isEnabled());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(form->password->text(), QString());
    QCOMPARE(form->username->text(), u"ada"_s);
    QVERIFY(!form->ok->isEnabled()); // until a password is typed again
    Result<UserRecord> stored = m_storage->user(Actor::systemActor(), ada.id);
    QVERIFY(stored);
    QCOMPARE(stored->failedAttempts, 1);

    // A second try in the same dialog works.
    QTest::keyClicks(form->password, kPassword);
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.session().user.id, ada.id);
}

void TestSignInDialogs::signInRightPasswordAccepts()
{
    const UserRecord ada = createAda();
    SignInDialog dialog(*m_auth, *m_storage);
    dialog.setUsername(u"ada"_s); // as after the first-admin dialog
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<SignInForm> form = formOf(dialog);
    QVERIFY(form);
    QCOMPARE(form->username->text(), u"ada"_s);

    QTest::keyClicks(form->password, kPassword);
    QTest::keyClick(form->password, Qt::Key_Return); // Enter presses the default button, Sign In

    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const AuthService::Session &session = dialog.session();
    QCOMPARE(session.user.username, u"ada"_s);
    QCOMPARE(session.user.id, ada.id);
    QCOMPARE(session.user.role, Role::Admin);
    QCOMPARE(form->password->text(), QString());
    QVERIFY(!session.token.isEmpty());
    const Result<UserRecord> authenticated = m_auth->authenticate(session.token);
    QVERIFY2(authenticated, authenticated ? "" : qPrintable(authenticated.error().toString()));
    QCOMPARE(authenticated->id, ada.id);
}

QTEST_MAIN(TestSignInDialogs)
#include "tst_sign_in_dialogs.moc"
