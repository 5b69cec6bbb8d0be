// The dialog that chooses where "write into a database" loads, driven with the keyboard and the mouse
// against the PostgreSQL server of FABRICA_TEST_PG_URL and temporary SQLite files: Test reports the
// server's version or the core's error, saved connections come back, a remembered password is kept only
// encrypted, and the target carries what was chosen. Settings and the key file live in a temporary folder.

#include "export/DatabaseTarget.h"
#include "storage/Database.h"
#include "storage/SavedPasswords.h"
#include "targets/DatabaseTargetDialog.h"
#include "targets/SavedConnections.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <optional>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Replaces the text of a line edit the way a user does: select all, delete, type.
void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    if (!text.isEmpty())
        QTest::keyClicks(edit, text);
}

// Picks the combo box item with this text using the keyboard (Home, then Down), as a user would.
bool pick(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    if (index < 0)
        return false;
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentIndex() == index;
}

// Answers the next QInputDialog (opened by a button click) with `text`, or cancels it when text is empty.
void answerInputDialog(const QString &text)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    QObject::connect(timer, &QTimer::timeout, timer, [timer, text, deadline] {
        auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!input && deadline->elapsed() < 5000)
            return;
        timer->deleteLater();
        if (!input)
            return;
        auto *edit = input->findChild<QLineEdit *>();
        retype(edit, text);
        if (text.isEmpty())
            input->reject();
        else
            QTest::keyClick(edit, Qt::Key_Return);
    });
    timer->start();
}

// A port on 127.0.0.1 where nothing listens.
int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestDatabaseTargetDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void postgresTestShowsServerVersion();
    void wrongPortShowsCoreError();
    void sqliteTestShowsVersion();
    void savedConnectionsComeBack();
    void rememberedPasswordIsEncrypted();
    void targetCarriesChoices();
    void typedPasswordIsUsedForTest();
    void staysResponsiveAndCancelsWhileTesting();
    void keyboardReachesEveryField();
    void mysqlTestShowsServerVersionAndIsSaved();
    void disableTriggersOnlyForPostgresAppend();

private:
    struct Form
    {
        QComboBox *saved, *kind, *sslMode, *ifExists;
        QPushButton *save, *remove, *browse, *test, *ok, *cancel;
        QLineEdit *host, *database, *user, *password, *schema, *sqliteFile;
        QSpinBox *port;
        QCheckBox *remember;
        QLabel *result, *ifExistsHint;
        QCheckBox *disableTriggers;
    };
    static std::optional<Form> formOf(DatabaseTargetDialog &dialog);
    std::unique_ptr<DatabaseTargetDialog> makeDialog();
    // Types the test server's host, port, database and user into the fields.
    void fillServer(const Form &form, const QString &user = {});
    // Clicks Test and waits for the answer; the message shown.
    QString testAndWait(DatabaseTargetDialog &dialog, const Form &form);
    QByteArray settingsText() const;

    DatabaseUrl m_server;
    QTemporaryDir m_defaultSettings; // what QSettings() means here, so nothing touches the user's
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_settingsFile;
    QString m_keyFile;
};

std::optional<TestDatabaseTargetDialog::Form> TestDatabaseTargetDialog::formOf(DatabaseTargetDialog &dialog)
{
    auto line = [&dialog](const char *name) { return dialog.findChild<QLineEdit *>(QLatin1String(name)); };
    auto combo = [&dialog](const char *name) { return dialog.findChild<QComboBox *>(QLatin1String(name)); };
    auto button = [&dialog](const char *name) {
        return dialog.findChild<QPushButton *>(QLatin1String(name));
    };
    Form form{combo("savedConnections"),
              combo("kind"),
              combo("sslMode"),
              combo("ifExists"),
              button("saveConnection"),
              button("deleteConnection"),
              button("browse"),
              button("test"),
              button("ok"),
              button("cancel"),
              line("host"),
              line("database"),
              line("user"),
              line("password"),
              line("schema"),
              line("sqliteFile"),
              dialog.findChild<QSpinBox *>(u"port"_s),
              dialog.findChild<QCheckBox *>(u"rememberPassword"_s),
              dialog.findChild<QLabel *>(u"testResult"_s),
              dialog.findChild<QLabel *>(u"ifExistsHint"_s),
              dialog.findChild<QCheckBox *>(u"disableTriggers"_s)};
    for (QObject *part : std::initializer_list<QObject *>{
             form.saved,          form.kind,     form.sslMode,  form.ifExists, form.save,
             form.remove,         form.browse,   form.test,     form.ok,       form.cancel,
             form.host,           form.database, form.user,     form.password, form.schema,
             form.sqliteFile,     form.port,     form.remember, form.result,   form.ifExistsHint,
             form.disableTriggers}) {
        if (!part)
            return std::nullopt;
    }
    return form;
}

void TestDatabaseTargetDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(u"FabricaTest"_s);
    QCoreApplication::setApplicationName(u"tst_database_target_dialog"_s);
    QVERIFY(m_defaultSettings.isValid());
    // Database::open falls back to the application's saved passwords: those are here, and empty.
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_defaultSettings.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_defaultSettings.path());
    // Only what the dialog is given may supply a password.
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", m_defaultSettings.filePath(u"no-pgpass"_s).toLocal8Bit());

    const QString value = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    QVERIFY2(!value.isEmpty(),
             "FABRICA_TEST_PG_URL is not set: run scripts/test.sh, which starts a "
             "PostgreSQL server for the tests, or set it to postgresql://user@host:port/db");
    Result<DatabaseUrl> url = DatabaseUrl::parse(value);
    QVERIFY2(url, url ? "" : qPrintable(url.error().toString()));
    QVERIFY2(!url->host.isEmpty() && url->port > 0 && !url->database.isEmpty() && !url->user.isEmpty(),
             "FABRICA_TEST_PG_URL must name host, port, database and user");
    m_server = *url;
}

void TestDatabaseTargetDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settingsFile = m_dir->filePath(u"fabrica.conf"_s);
    m_keyFile = m_dir->filePath(u"settings.key"_s);
}

void TestDatabaseTargetDialog::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<DatabaseTargetDialog> TestDatabaseTargetDialog::makeDialog()
{
    // Passwords and connections in one settings file, as in the application.
    auto dialog = std::make_unique<DatabaseTargetDialog>(SavedConnections(m_settingsFile),
                                                         SavedPasswords(m_settingsFile, m_keyFile));
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    return dialog;
}

void TestDatabaseTargetDialog::fillServer(const Form &form, const QString &user)
{
    QVERIFY(pick(form.kind, u"PostgreSQL"_s));
    retype(form.host, m_server.host);
    form.port->setFocus();
    QTest::keyClick(form.port, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(form.port, QString::number(m_server.port));
    QCOMPARE(form.port->value(), m_server.port);
    retype(form.database, m_server.database);
    retype(form.user, user.isEmpty() ? m_server.user : user);
}

QString TestDatabaseTargetDialog::testAndWait(DatabaseTargetDialog &dialog, const Form &form)
{
    QSignalSpy finished(&dialog, &DatabaseTargetDialog::testFinished);
    if (!form.test->isEnabled())
        return u"(Test is disabled)"_s;
    QTest::mouseClick(form.test, Qt::LeftButton);
    if (!finished.wait(20000))
        return u"(no answer)"_s;
    return form.result->text();
}

QByteArray TestDatabaseTargetDialog::settingsText() const
{
    QFile file(m_settingsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestDatabaseTargetDialog::postgresTestShowsServerVersion()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    // A new dialog starts on PostgreSQL, port 5432, SSL as libpq prefers, nothing to test yet.
    QCOMPARE(form->kind->currentText(), u"PostgreSQL"_s);
    QCOMPARE(form->port->value(), 5432);
    QCOMPARE(form->sslMode->currentText(), u"prefer"_s);
    QCOMPARE(form->sslMode->count(), 6);
    QCOMPARE(form->password->echoMode(), QLineEdit::Password);
    QVERIFY(!form->test->isEnabled());
    QVERIFY(!form->ok->isEnabled());

    fillServer(*form);
    QVERIFY(form->test->isEnabled());
    QVERIFY(form->ok->isEnabled());
    const QString expected = u"Connected: "_s + Database::open(m_server).value()->serverVersion().value();
    QString shown = testAndWait(*dialog, *form);
    QCOMPARE(shown, expected);
    QVERIFY2(shown.startsWith(u"Connected: PostgreSQL 15"_s), qPrintable(shown));

    // A schema that is not there yet: the load creates it, and the answer says so.
    retype(form->schema, u"not there yet"_s);
    QCOMPARE(form->result->text(), QString()); // an edit clears an answer about other settings
    shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.startsWith(expected), qPrintable(shown));
    QVERIFY2(shown.contains(u"The schema \"not there yet\" does not exist yet; the load creates it."_s),
             qPrintable(shown));
    retype(form->schema, u"public"_s);
    shown = testAndWait(*dialog, *form);
    QCOMPARE(shown, expected);
}

void TestDatabaseTargetDialog::wrongPortShowsCoreError()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    fillServer(*form);
    const int port = freePort();
    QVERIFY(port > 0);
    form->port->setFocus();
    QTest::keyClick(form->port, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(form->port, QString::number(port));

    // The core's message, as the load would give it, made a sentence.
    DatabaseTarget same = dialog->target();
    QCOMPARE(same.url.port, port);
    const Result<DatabaseTarget::Check> direct = same.check();
    QVERIFY(!direct);
    QString expected = direct.error().message;
    expected[0] = expected[0].toUpper();
    if (!expected.endsWith(u'.'))
        expected += u'.';
    const QString shown = testAndWait(*dialog, *form);
    QCOMPARE(shown, expected);
    QVERIFY2(
        shown.startsWith(u"Cannot connect to postgresql://%1@%2:%3/%4"_s.arg(m_server.user, m_server.host)
                             .arg(port)
                             .arg(m_server.database)),
        qPrintable(shown));
    QVERIFY2(shown.contains(u"Connection refused"_s, Qt::CaseInsensitive), qPrintable(shown));
    QVERIFY(!shown.contains(u"Connected"_s));
    QVERIFY(dialog->isVisible());
}

void TestDatabaseTargetDialog::sqliteTestShowsVersion()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    QVERIFY(pick(form->kind, u"SQLite file"_s));
    QVERIFY(form->sqliteFile->isVisible());
    QVERIFY(form->browse->isVisible());
    QVERIFY(!form->host->isVisible());
    QVERIFY(!form->password->isVisible());
    QVERIFY(!form->schema->isVisible());
    QVERIFY(!form->test->isEnabled());

    // A file that does not exist: the answer says the load creates it, and the test creates nothing.
    const QString path = m_dir->filePath(u"new folder/target.db"_s);
    retype(form->sqliteFile, path);
    QString shown = testAndWait(*dialog, *form);
    QVERIFY2(QRegularExpression(u"^Connected: SQLite 3\\.\\d+\\.\\d+\\n"_s).match(shown).hasMatch(),
             qPrintable(shown));
    QVERIFY2(shown.endsWith(u"The file does not exist yet; the load creates it."_s), qPrintable(shown));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"new folder"_s)));

    // One that exists is opened.
    const QString existing = m_dir->filePath(u"existing.db"_s);
    QVERIFY(Database::open(DatabaseUrl::sqliteFile(existing)));
    retype(form->sqliteFile, existing);
    shown = testAndWait(*dialog, *form);
    QCOMPARE(shown, u"Connected: "_s +
                        Database::open(DatabaseUrl::sqliteFile(existing)).value()->serverVersion().value());

    // A folder is no database file: the core's error.
    retype(form->sqliteFile, m_dir->path());
    shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.contains(u"is a folder"_s), qPrintable(shown));

    retype(form->sqliteFile, path);
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    const DatabaseTarget target = dialog->target();
    QCOMPARE(target.url.dialect, SqlDialect::SQLite);
    QCOMPARE(target.url.path, path);
    QVERIFY(target.password.isEmpty());
    QVERIFY(!QFileInfo::exists(path)); // the load creates it, not the dialog
}

void TestDatabaseTargetDialog::savedConnectionsComeBack()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    QCOMPARE(form->saved->count(), 1); // "(none: new connection)"
    QVERIFY(!form->remove->isEnabled());
    QVERIFY(!form->save->isEnabled()); // nothing to save yet

    fillServer(*form);
    retype(form->schema, u"Groß & klein/2"_s);
    QVERIFY(pick(form->sslMode, u"disable"_s));
    retype(form->password, u"not kept"_s); // Remember is not ticked
    // A name with a slash, which QSettings would otherwise read as a group.
    answerInputDialog(u"staging/eu"_s);
    QTest::mouseClick(form->save, Qt::LeftButton);
    QCOMPARE(form->saved->currentText(), u"staging/eu"_s);
    QVERIFY(form->remove->isEnabled());
    QVERIFY2(form->result->text().contains(u"staging/eu"_s), qPrintable(form->result->text()));
    QVERIFY(!settingsText().contains("not kept"));
    QVERIFY(!SavedPasswords(m_settingsFile, m_keyFile).find(dialog->target().url).value().has_value());

    // A second one, a SQLite file.
    QVERIFY(pick(form->kind, u"SQLite file"_s));
    retype(form->sqliteFile, m_dir->filePath(u"local.db"_s));
    answerInputDialog(u"local file"_s);
    QTest::mouseClick(form->save, Qt::LeftButton);
    QCOMPARE(form->saved->count(), 3);
    QCOMPARE(form->saved->itemText(1), u"local file"_s); // sorted by name
    QCOMPARE(form->saved->itemText(2), u"staging/eu"_s);
    // Cancelling the name question saves nothing.
    answerInputDialog(QString());
    QTest::mouseClick(form->save, Qt::LeftButton);
    QCOMPARE(form->saved->count(), 3);

    // Picking a connection fills the fields; in a new dialog too.
    const auto second = makeDialog();
    QVERIFY(second);
    const std::optional<Form> other = formOf(*second);
    QVERIFY(other);
    QCOMPARE(other->saved->count(), 3);
    QVERIFY(pick(other->saved, u"staging/eu"_s));
    QCOMPARE(other->kind->currentText(), u"PostgreSQL"_s);
    QCOMPARE(other->host->text(), m_server.host);
    QCOMPARE(other->port->value(), m_server.port);
    QCOMPARE(other->database->text(), m_server.database);
    QCOMPARE(other->user->text(), m_server.user);
    QCOMPARE(other->schema->text(), u"Groß & klein/2"_s);
    QCOMPARE(other->sslMode->currentText(), u"disable"_s);
    QCOMPARE(other->password->text(), QString()); // not remembered
    QVERIFY(!other->remember->isChecked());
    QCOMPARE(second->target().displayName, u"staging/eu"_s);
    QVERIFY(pick(other->saved, u"local file"_s));
    QCOMPARE(other->kind->currentText(), u"SQLite file"_s);
    QCOMPARE(other->sqliteFile->text(), m_dir->filePath(u"local.db"_s));
    QCOMPARE(second->target().displayName, u"local file"_s);
    // An edit makes it another connection: no longer named after the saved one.
    QTest::keyClicks(other->sqliteFile, u"x"_s);
    QCOMPARE(second->target().displayName, QString());

    // Delete removes it from the list and the settings; the fields stay.
    QVERIFY(pick(other->saved, u"staging/eu"_s));
    QTest::mouseClick(other->remove, Qt::LeftButton);
    QCOMPARE(other->saved->count(), 2);
    QCOMPARE(other->saved->currentIndex(), 0);
    QCOMPARE(other->host->text(), m_server.host);
    QCOMPARE(SavedConnections(m_settingsFile).list().size(), 1);
    QVERIFY(!SavedConnections(m_settingsFile).find(u"staging/eu"_s));
}

void TestDatabaseTargetDialog::rememberedPasswordIsEncrypted()
{
    const QString password = u"Zebra-Plain-Text-42"_s;
    DatabaseUrl url;
    {
        const auto dialog = makeDialog();
        QVERIFY(dialog);
        const std::optional<Form> form = formOf(*dialog);
        QVERIFY(form);
        fillServer(*form);
        retype(form->password, password);
        form->remember->setFocus();
        QTest::keyClick(form->remember, Qt::Key_Space);
        QVERIFY(form->remember->isChecked());
        QTest::mouseClick(form->ok, Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        const DatabaseTarget target = dialog->target();
        QCOMPARE(target.password, password.toUtf8());
        QCOMPARE(target.url.password, QString());
        QCOMPARE(form->password->text(), QString()); // the field is emptied once OK took it
        url = target.url;
    }
    // Kept, but only as ciphertext; the key file is private.
    Result<std::optional<QByteArray>> found = SavedPasswords(m_settingsFile, m_keyFile).find(url);
    QVERIFY2(found, found ? "" : qPrintable(found.error().toString()));
    QCOMPARE(found->value_or(QByteArray()), password.toUtf8());
    const QByteArray stored = settingsText();
    QVERIFY(stored.contains("databasePasswords"));
    QVERIFY(stored.contains("databaseTarget"));
    QVERIFY(!stored.contains(password.toUtf8()));
    QVERIFY(!stored.contains("Zebra"));
    QCOMPARE(QFileInfo(m_keyFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                                   QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());

    // The next dialog starts with the last target, its password filled in and Remember ticked …
    {
        const auto dialog = makeDialog();
        QVERIFY(dialog);
        const std::optional<Form> form = formOf(*dialog);
        QVERIFY(form);
        QCOMPARE(form->host->text(), m_server.host);
        QCOMPARE(form->password->text(), password);
        QVERIFY(form->remember->isChecked());
        QVERIFY(testAndWait(*dialog, *form).startsWith(u"Connected: PostgreSQL"_s));
        // … and unticking it forgets the password on OK.
        form->remember->setFocus();
        QTest::keyClick(form->remember, Qt::Key_Space);
        QVERIFY(!form->remember->isChecked());
        QTest::mouseClick(form->ok, Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
    }
    found = SavedPasswords(m_settingsFile, m_keyFile).find(url);
    QVERIFY(found);
    QVERIFY(!found->has_value());
    QVERIFY(!settingsText().contains("databasePasswords"));
}

void TestDatabaseTargetDialog::targetCarriesChoices()
{
    {
        const auto dialog = makeDialog();
        QVERIFY(dialog);
        const std::optional<Form> form = formOf(*dialog);
        QVERIFY(form);
        QCOMPARE(form->ifExists->currentText(), u"Fail"_s);
        QVERIFY2(form->ifExistsHint->text().contains(u"Stops before writing anything"_s),
                 qPrintable(form->ifExistsHint->text()));
        fillServer(*form);
        retype(form->schema, u"load_here"_s);
        QVERIFY(pick(form->sslMode, u"require"_s));
        QVERIFY(pick(form->ifExists, u"Truncate"_s));
        QVERIFY2(form->ifExistsHint->text().contains(u"Empties existing tables first"_s),
                 qPrintable(form->ifExistsHint->text()));
        QVERIFY(pick(form->ifExists, u"Append"_s));
        QVERIFY2(form->ifExistsHint->text().contains(u"Adds the rows to existing tables"_s),
                 qPrintable(form->ifExistsHint->text()));
        QTest::keyClick(form->schema, Qt::Key_Return); // Enter presses OK
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        const DatabaseTarget target = dialog->target();
        QCOMPARE(target.ifExists, DatabaseSink::IfExists::Append);
        QCOMPARE(target.url.schema, u"load_here"_s);
        QCOMPARE(target.url.options.value(u"sslmode"_s), u"require"_s);
        QCOMPARE(target.url.host, m_server.host);
        QCOMPARE(target.url.port, m_server.port);
        QCOMPARE(target.url.database, m_server.database);
        QCOMPARE(target.url.user, m_server.user);
        QCOMPARE(target.sinkOptions().ifExists, DatabaseSink::IfExists::Append);
        QCOMPARE(target.sinkOptions().schema, u"load_here"_s);
        QVERIFY(target.password.isEmpty());
        QCOMPARE(target.label(), target.url.displayString());
    }
    // Cancel keeps nothing: the next dialog shows the last confirmed target.
    {
        const auto dialog = makeDialog();
        QVERIFY(dialog);
        const std::optional<Form> form = formOf(*dialog);
        QVERIFY(form);
        QCOMPARE(form->ifExists->currentText(), u"Append"_s);
        QCOMPARE(form->schema->text(), u"load_here"_s);
        QCOMPARE(form->sslMode->currentText(), u"require"_s);
        QVERIFY(pick(form->ifExists, u"Truncate"_s));
        retype(form->schema, u"other"_s);
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }
    const std::optional<DatabaseTarget> last = SavedConnections(m_settingsFile).last();
    QVERIFY(last);
    QCOMPARE(last->ifExists, DatabaseSink::IfExists::Append);
    QCOMPARE(last->url.schema, u"load_here"_s);

    // setTarget fills the fields, keeping options that have no field of their own.
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    DatabaseTarget given;
    given.url =
        DatabaseUrl::parse(u"postgresql://someone@db.example.com:6543/shop?schema=s&sslmode=verify-full&"
                           u"connect_timeout=3&sslrootcert=/etc/ca.pem"_s)
            .value();
    given.ifExists = DatabaseSink::IfExists::Truncate;
    dialog->setTarget(given);
    QCOMPARE(form->host->text(), u"db.example.com"_s);
    QCOMPARE(form->port->value(), 6543);
    QCOMPARE(form->sslMode->currentText(), u"verify-full"_s);
    QCOMPARE(form->ifExists->currentText(), u"Truncate"_s);
    QCOMPARE(dialog->target().url, given.url);
}

void TestDatabaseTargetDialog::typedPasswordIsUsedForTest()
{
    // A role that must give its password (the test server trusts only the tests' own role).
    const QString role = u"fabrica_dbt_%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(10));
    const QString password = u"dialog pass; with 'quotes'"_s;
    std::shared_ptr<Database> admin = Database::open(m_server).value();
    {
        QSqlDatabase db = admin->connection().value();
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"CREATE ROLE %1 LOGIN PASSWORD 'dialog pass; with ''quotes'''"_s.arg(role)),
                 qPrintable(query.lastError().text()));
    }
    const auto dropRole = qScopeGuard([&] {
        QSqlDatabase db = admin->connection().value();
        QSqlQuery(db).exec(u"DROP ROLE IF EXISTS %1"_s.arg(role));
    });

    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    fillServer(*form, role);
    QString shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.startsWith(u"Cannot connect to"_s) && shown.contains(u"password"_s), qPrintable(shown));

    retype(form->password, u"wrong"_s);
    shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.contains(u"password authentication failed"_s), qPrintable(shown));

    retype(form->password, password);
    shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.startsWith(u"Connected: PostgreSQL 15"_s), qPrintable(shown));
    // The server saw that role.
    QCOMPARE(dialog->target().connectionUrl().user, role);
    QCOMPARE(dialog->target().password, password.toUtf8());
}

void TestDatabaseTargetDialog::staysResponsiveAndCancelsWhileTesting()
{
    // A server that accepts connections and never answers: the test waits for the connect timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    DatabaseTarget given;
    given.url = DatabaseUrl::parse(
                    u"postgresql://nobody@127.0.0.1:%1/none?connect_timeout=3"_s.arg(silent.serverPort()))
                    .value();
    dialog->setTarget(given);
    QSignalSpy finished(dialog.get(), &DatabaseTargetDialog::testFinished);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(form->test, Qt::LeftButton);
    QVERIFY(clock.elapsed() < 1000); // the click returns at once
    QVERIFY(dialog->isTesting());
    QVERIFY2(form->result->text().startsWith(u"Connecting to postgresql://nobody@127.0.0.1"_s),
             qPrintable(form->result->text()));
    QVERIFY(!form->test->isEnabled()); // one test of the same settings at a time

    // Meanwhile the dialog takes input.
    QTest::qWait(200);
    QTest::keyClicks(form->schema, u"abc"_s);
    QCOMPARE(form->schema->text(), u"abc"_s);
    QCOMPARE(form->result->text(), QString()); // the running test is about other settings now
    QVERIFY(form->test->isEnabled());
    retype(form->schema, QString());

    // A test of the settings again, then Cancel: the dialog closes at once.
    QTest::mouseClick(form->test, Qt::LeftButton);
    QVERIFY(dialog->isTesting());
    clock.restart();
    QTest::mouseClick(form->cancel, Qt::LeftButton);
    QVERIFY(clock.elapsed() < 1000);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QCOMPARE(finished.size(), 0);
    QVERIFY(!SavedConnections(m_settingsFile).last()); // Cancel keeps nothing
    // The worker ends on its own (connect timeout), also after the dialog is gone.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), 15000);
}

void TestDatabaseTargetDialog::keyboardReachesEveryField()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);

    // Every field has a label whose mnemonic leads to it.
    const QList<std::pair<Qt::Key, QWidget *>> mnemonics{
        {Qt::Key_C, form->saved},    {Qt::Key_Y, form->kind},     {Qt::Key_H, form->host},
        {Qt::Key_P, form->port},     {Qt::Key_D, form->database}, {Qt::Key_U, form->user},
        {Qt::Key_W, form->password}, {Qt::Key_S, form->sslMode},  {Qt::Key_E, form->schema},
        {Qt::Key_T, form->ifExists}};
    for (const auto &[key, field] : mnemonics) {
        QTest::keyClick(dialog.get(), key, Qt::AltModifier);
        QVERIFY2(field->hasFocus(), qPrintable(field->objectName()));
    }
    QTest::keyClick(dialog.get(), Qt::Key_R, Qt::AltModifier); // toggles Remember password
    QTRY_VERIFY(form->remember->isChecked());

    // Tab runs through the PostgreSQL fields top to bottom, then to the buttons (Delete is disabled:
    // no saved connection is picked).
    fillServer(*form);
    form->saved->setFocus();
    QStringList order;
    for (int i = 0; i < 17; ++i) {
        order << QApplication::focusWidget()->objectName();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QCOMPARE(order, (QStringList{u"savedConnections"_s, u"saveConnection"_s, u"kind"_s, u"host"_s, u"port"_s,
                                 u"database"_s, u"user"_s, u"password"_s, u"rememberPassword"_s, u"sslMode"_s,
                                 u"schema"_s, u"ifExists"_s, u"test"_s, u"ok"_s, u"cancel"_s,
                                 u"savedConnections"_s, u"saveConnection"_s}));

    // SQLite shows its file and Browse, also by mnemonic.
    QVERIFY(pick(form->kind, u"SQLite file"_s));
    QTest::keyClick(dialog.get(), Qt::Key_F, Qt::AltModifier);
    QVERIFY(form->sqliteFile->hasFocus());

    if (!qEnvironmentVariableIsEmpty("FABRICA_DBTARGET_SCREENSHOT")) {
        QVERIFY(pick(form->kind, u"PostgreSQL"_s));
        retype(form->password, u"secret"_s);
        retype(form->schema, u"staging"_s);
        testAndWait(*dialog, *form);
        dialog->grab().save(qEnvironmentVariable("FABRICA_DBTARGET_SCREENSHOT"));
    }
}

// MySQL / MariaDB: the server rows without SSL mode and schema, port 3306, Test against the server of
// FABRICA_TEST_MYSQL_URL, and a saved connection (with its remembered password) that comes back as MySQL.
void TestDatabaseTargetDialog::mysqlTestShowsServerVersionAndIsSaved()
{
    const QString value = qEnvironmentVariable("FABRICA_TEST_MYSQL_URL");
    QVERIFY2(!value.isEmpty(), "FABRICA_TEST_MYSQL_URL is not set: run scripts/test.sh, which starts a "
                               "MariaDB server for the tests, or source scripts/mariadb.sh");
    const DatabaseUrl server = DatabaseUrl::parse(value).value();
    QVERIFY(server.isMysql() && !server.password.isEmpty());
    qunsetenv("MYSQL_PWD"); // only the dialog's password
    DatabaseUrl withoutPassword = server;
    withoutPassword.password.clear();

    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    QCOMPARE(form->port->value(), 5432);
    QVERIFY(pick(form->kind, u"MySQL / MariaDB"_s));
    QCOMPARE(form->port->value(), 3306); // the default port follows the kind
    for (QWidget *shown : std::initializer_list<QWidget *>{form->host, form->port, form->database, form->user,
                                                           form->password, form->remember})
        QVERIFY2(shown->isVisible(), qPrintable(shown->objectName()));
    for (QWidget *hidden :
         std::initializer_list<QWidget *>{form->sslMode, form->schema, form->sqliteFile, form->browse})
        QVERIFY2(!hidden->isVisible(), qPrintable(hidden->objectName()));
    QVERIFY(form->password->placeholderText().contains(u"MYSQL_PWD"_s));

    retype(form->host, server.host);
    form->port->setFocus();
    QTest::keyClick(form->port, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(form->port, QString::number(server.port));
    retype(form->database, server.database);
    retype(form->user, server.user);

    // Without the password the server refuses, with the core's message; with it, its version.
    QString shown = testAndWait(*dialog, *form);
    QVERIFY2(shown.startsWith(u"Cannot connect to mysql://"_s) && shown.contains(u"Access denied"_s),
             qPrintable(shown));
    retype(form->password, server.password);
    shown = testAndWait(*dialog, *form);
    const QString version = Database::open(server).value()->serverVersion().value();
    QCOMPARE(shown, u"Connected: "_s + version);
    QVERIFY2(shown.contains(u"MariaDB"_s) || shown.contains(u"MySQL"_s), qPrintable(shown));

    DatabaseTarget target = dialog->target();
    QCOMPARE(target.url.dialect, SqlDialect::MySQL);
    QCOMPARE(target.url, withoutPassword); // no sslmode, no schema
    QCOMPARE(target.password, server.password.toUtf8());
    QVERIFY(target.connectionUrl().toString().startsWith(u"mysql://"_s));

    // Saved with the password remembered (encrypted, under the MySQL login).
    QTest::keyClick(dialog.get(), Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(form->remember->isChecked());
    answerInputDialog(u"maria"_s);
    QTest::mouseClick(form->save, Qt::LeftButton);
    QCOMPARE(form->saved->currentText(), u"maria"_s);
    QVERIFY(!settingsText().contains(server.password.toUtf8()));
    QCOMPARE(SavedPasswords(m_settingsFile, m_keyFile).find(withoutPassword).value(),
             std::optional<QByteArray>(server.password.toUtf8()));
    QTest::mouseClick(form->ok, Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(SavedConnections(m_settingsFile).last()->url, withoutPassword);

    // A new dialog starts with it (the last target), and picking it again fills every field.
    const auto second = makeDialog();
    QVERIFY(second);
    const std::optional<Form> other = formOf(*second);
    QVERIFY(other);
    QCOMPARE(other->kind->currentText(), u"MySQL / MariaDB"_s);
    QCOMPARE(other->saved->currentText(), u"maria"_s);
    QVERIFY(pick(other->kind, u"SQLite file"_s));
    QVERIFY(pick(other->saved, u"(none: new connection)"_s));
    QVERIFY(pick(other->saved, u"maria"_s));
    QCOMPARE(other->kind->currentText(), u"MySQL / MariaDB"_s);
    QCOMPARE(other->host->text(), server.host);
    QCOMPARE(other->port->value(), server.port);
    QCOMPARE(other->database->text(), server.database);
    QCOMPARE(other->user->text(), server.user);
    QCOMPARE(other->password->text(), server.password); // remembered
    QVERIFY(other->remember->isChecked());
    QVERIFY(!other->schema->isVisible());
    shown = testAndWait(*second, *other);
    QCOMPARE(shown, u"Connected: "_s + version);
    if (!qEnvironmentVariableIsEmpty("FABRICA_SCREENSHOT_DIR"))
        QVERIFY(second->grab().save(
            QDir(qEnvironmentVariable("FABRICA_SCREENSHOT_DIR")).filePath(u"database-target-mysql.png"_s)));

    // Back to PostgreSQL: its port, its rows.
    QVERIFY(pick(other->kind, u"PostgreSQL"_s));
    retype(other->host, u"localhost"_s);
    QVERIFY(other->schema->isVisible() && other->sslMode->isVisible());
    QVERIFY(second->target().url.isPostgres());
    QCOMPARE(second->target().url.options.value(u"sslmode"_s), u"prefer"_s);
}

// "Disable triggers" is offered for PostgreSQL when tables exist and stay (Append, Truncate) only; the
// target carries it, and the last target remembers it.
void TestDatabaseTargetDialog::disableTriggersOnlyForPostgresAppend()
{
    const auto dialog = makeDialog();
    QVERIFY(dialog);
    const std::optional<Form> form = formOf(*dialog);
    QVERIFY(form);
    QCheckBox *box = form->disableTriggers;
    QVERIFY(box->isVisible());
    QVERIFY(box->toolTip().contains(u"owner"_s) && box->toolTip().contains(u"superuser"_s));
    QVERIFY(box->toolTip().contains(u"cycle"_s));
    QCOMPARE(form->ifExists->currentText(), u"Fail"_s);
    QVERIFY(!box->isEnabled());
    fillServer(*form);

    QVERIFY(pick(form->ifExists, u"Append"_s));
    QVERIFY(box->isEnabled());
    QVERIFY(!dialog->target().disableTriggers);
    QTest::keyClick(dialog.get(), Qt::Key_G, Qt::AltModifier); // the mnemonic ticks it
    QTRY_VERIFY(box->isChecked());
    QVERIFY(dialog->target().disableTriggers);

    // Tab reaches it after "If tables exist".
    form->ifExists->setFocus();
    QTest::keyClick(form->ifExists, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), box);
    QTest::keyClick(box, Qt::Key_Space);
    QVERIFY(!box->isChecked());
    QTest::keyClick(box, Qt::Key_Space);
    QVERIFY(box->isChecked());

    QVERIFY(pick(form->ifExists, u"Truncate"_s));
    QVERIFY(box->isEnabled());
    QVERIFY(dialog->target().disableTriggers);
    QVERIFY(pick(form->ifExists, u"Fail"_s));
    QVERIFY(!box->isEnabled());
    QVERIFY(!dialog->target().disableTriggers); // nothing to disable: no table stays
    QVERIFY(pick(form->ifExists, u"Append"_s));
    QVERIFY(pick(form->kind, u"MySQL / MariaDB"_s));
    QVERIFY(!box->isEnabled()); // MySQL's load switches FOREIGN_KEY_CHECKS off itself
    QVERIFY(!dialog->target().disableTriggers);
    QVERIFY(pick(form->kind, u"SQLite file"_s));
    QVERIFY(!box->isEnabled());
    QVERIFY(pick(form->kind, u"PostgreSQL"_s));
    QVERIFY(box->isEnabled());
    QVERIFY(dialog->target().disableTriggers);

    QTest::mouseClick(form->ok, Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->target().disableTriggers);
    const std::optional<DatabaseTarget> last = SavedConnections(m_settingsFile).last();
    QVERIFY(last && last->disableTriggers);
    QCOMPARE(last->ifExists, DatabaseSink::IfExists::Append);

    const auto second = makeDialog();
    QVERIFY(second);
    const std::optional<Form> other = formOf(*second);
    QVERIFY(other);
    QVERIFY(other->disableTriggers->isChecked() && other->disableTriggers->isEnabled());
    QVERIFY(second->target().disableTriggers);
    // Like "If tables exist", a choice per load: picking a saved connection keeps it.
    answerInputDialog(u"pg"_s);
    QTest::mouseClick(other->save, Qt::LeftButton);
    QVERIFY(pick(other->saved, u"(none: new connection)"_s));
    QVERIFY(pick(other->saved, u"pg"_s));
    QVERIFY(other->disableTriggers->isChecked());
    QVERIFY(second->target().disableTriggers);

    if (!qEnvironmentVariableIsEmpty("FABRICA_SCREENSHOT_DIR"))
        QVERIFY(second->grab().save(
            QDir(qEnvironmentVariable("FABRICA_SCREENSHOT_DIR")).filePath(u"database-target-dialog.png"_s)));
}

QTEST_MAIN(TestDatabaseTargetDialog)
#include "tst_database_target_dialog.moc"
