// `fabrica users` and `fabrica db` run as a headless operator would, on SQLite and PostgreSQL storage.

#include "CliRunner.h"
#include "StorageTestSupport.h"

#include "storage/Repository.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace fabrica;
using namespace Qt::StringLiterals;

class TestCliStorage : public QObject
{
    Q_OBJECT

public:
    explicit TestCliStorage(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(u"TestCliStorage(%1)"_s.arg(sqlDialectId(dialect)));
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_databases.check();
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        QVERIFY(m_home.isValid());
        // Settings, the token secret and the default database go to a private folder.
        m_environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        m_environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    }
    void migrateAndStatus();
    void usersLifecycle();
    void refusesBadInput();
    void passwordSources();

private:
    test::CliRun fabrica(QStringList arguments, const QByteArray &input = {})
    {
        arguments << u"--database"_s << m_url;
        return test::runFabrica(arguments, input, m_environment);
    }
    QString freshUrl()
    {
        const DatabaseUrl url = m_databases.fresh();
        if (url.isPostgres()) {
            // The server's URL with the new database.
            QString server = qEnvironmentVariable("FABRICA_TEST_PG_URL");
            return server.left(server.lastIndexOf(u'/') + 1) + url.database;
        }
        return u"sqlite:"_s + url.path;
    }

    test::StorageDatabases m_databases;
    QTemporaryDir m_home;
    QProcessEnvironment m_environment;
    QString m_url;
};

void TestCliStorage::migrateAndStatus()
{
    m_url = freshUrl();
    test::CliRun run = fabrica({u"db"_s, u"status"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"storage version 0"_s), qPrintable(run.out + run.err));
    run = fabrica({u"db"_s, u"migrate"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"upgraded from version 0 to 6"_s), qPrintable(run.out + run.err));
    QCOMPARE(run.err, QString()); // no server notices on the terminal
    run = fabrica({u"db"_s, u"migrate"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"up to date (version 6)"_s));
    run = fabrica({u"db"_s, u"status"_s});
    QCOMPARE(run.exitCode, 0);
    if (m_url.startsWith(u"sqlite:"_s)) {
        // The storage holds password hashes: only its owner may read it.
        const QFileInfo file(m_url.mid(7));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }
}

void TestCliStorage::usersLifecycle()
{
    m_url = freshUrl();
    // No default account, and the first user must be an administrator.
    test::CliRun run =
        fabrica({u"users"_s, u"add"_s, u"bob"_s, u"--password-stdin"_s}, "a long passphrase\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"first user must be an administrator"_s), qPrintable(run.err));
    run = fabrica({u"users"_s, u"add"_s, u"root"_s, u"--admin"_s, u"--email"_s, u"root@example.com"_s,
                   u"--password-stdin"_s},
                  "correct horse battery staple\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"created root (admin)"_s), qPrintable(run.out + run.err));
    run = fabrica({u"users"_s, u"add"_s, u"bob"_s, u"--password-stdin"_s}, "another fine passphrase\n");
    QCOMPARE(run.exitCode, 0);

    run = fabrica({u"users"_s, u"list"_s});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[1].contains(u"root"_s) && lines[1].contains(u"admin"_s) &&
            lines[1].contains(u"root@example.com"_s));
    QVERIFY(lines[2].contains(u"bob"_s) && lines[2].contains(u"user"_s) && lines[2].contains(u"active"_s));
    QVERIFY(!run.out.contains(u"argon2"_s)); // hashes are never shown

    QCOMPARE(fabrica({u"users"_s, u"role"_s, u"bob"_s, u"admin"_s}).exitCode, 0);
    QCOMPARE(fabrica({u"users"_s, u"disable"_s, u"bob"_s}).exitCode, 0);
    run = fabrica({u"users"_s, u"list"_s});
    QVERIFY(run.out.split(u'\n')[2].contains(u"admin"_s));
    QVERIFY(run.out.split(u'\n')[2].contains(u"disabled"_s));
    QCOMPARE(fabrica({u"users"_s, u"enable"_s, u"bob"_s}).exitCode, 0);
    run = fabrica({u"users"_s, u"passwd"_s, u"bob"_s, u"--password-stdin"_s}, "a brand new passphrase\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"sessions have ended"_s));

    // Root can now be demoted, since bob is an administrator too; then bob is the last one.
    QCOMPARE(fabrica({u"users"_s, u"role"_s, u"root"_s, u"user"_s}).exitCode, 0);
    run = fabrica({u"users"_s, u"delete"_s, u"bob"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"last administrator"_s), qPrintable(run.err));
    QCOMPARE(fabrica({u"users"_s, u"delete"_s, u"root"_s}).exitCode, 0);
    run = fabrica({u"users"_s, u"list"_s});
    QCOMPARE(run.out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
}

void TestCliStorage::refusesBadInput()
{
    m_url = freshUrl();
    QCOMPARE(fabrica({u"users"_s, u"add"_s, u"root"_s, u"--admin"_s, u"--password-stdin"_s},
                     "correct horse battery staple\n")
                 .exitCode,
             0);
    test::CliRun run = fabrica({u"users"_s, u"add"_s, u"eve"_s, u"--password-stdin"_s}, "short\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"at least 8 characters"_s), qPrintable(run.err));
    run = fabrica({u"users"_s, u"add"_s, u"eve"_s, u"--password-stdin"_s}, "password123\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"too common"_s), qPrintable(run.err));
    run = fabrica({u"users"_s, u"add"_s, u"ROOT"_s, u"--password-stdin"_s}, "a long passphrase here\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"taken"_s), qPrintable(run.err));
    run = fabrica({u"users"_s, u"add"_s, u"eve"_s}); // no terminal to ask on
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"--password-stdin"_s), qPrintable(run.err));
    run = fabrica({u"users"_s, u"role"_s, u"root"_s, u"king"_s});
    QCOMPARE(run.exitCode, 2);
    run = fabrica({u"users"_s, u"frobnicate"_s});
    QCOMPARE(run.exitCode, 2);
    run = fabrica({u"users"_s, u"passwd"_s, u"nobody"_s, u"--password-stdin"_s}, "a long passphrase here\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(u"no user called \"nobody\""_s));
    run = test::runFabrica({u"users"_s, u"list"_s, u"--database"_s, u"mysql://x"_s}, {}, m_environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"invalid database URL"_s), qPrintable(run.err));
}

void TestCliStorage::passwordSources()
{
    if (m_databases.dialect() != SqlDialect::PostgreSQL)
        return; // SQLite files have no passwords
    // A role that must give its password (scripts/pg.sh trusts only the tests' own role).
    const QString base = freshUrl();
    const QString role = u"fabrica_pw_%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(10));
    const QString database = base.mid(base.lastIndexOf(u'/') + 1);
    {
        std::shared_ptr<Database> admin = Database::open(DatabaseUrl::parse(base).value()).value();
        QSqlDatabase db = admin->connection().value();
        QSqlQuery query(db);
        QVERIFY2(
            query.exec(u"CREATE ROLE %1 LOGIN PASSWORD 'pass phrase; with \\ and ''quotes'''"_s.arg(role)),
            qPrintable(query.lastError().text()));
        QVERIFY(query.exec(u"GRANT ALL ON SCHEMA public TO %1"_s.arg(role)));
        QVERIFY(query.exec(u"ALTER DATABASE %1 OWNER TO %2"_s.arg(database, role)));
    }
    const QByteArray password = "pass phrase; with \\ and 'quotes'";
    QString url = base;
    url.replace(u"postgresql://fabrica@"_s, u"postgresql://%1@"_s.arg(role));
    QVERIFY(url.contains(role));
    const auto status = [&](const QProcessEnvironment &extra = {}) {
        QProcessEnvironment environment = m_environment;
        environment.insert(extra);
        return test::runFabrica({u"db"_s, u"migrate"_s, u"--database"_s, url}, {}, environment);
    };

    // No password anywhere: refused, and the message says so.
    test::CliRun run = status();
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"password"_s), qPrintable(run.err));

    // PGPASSWORD, read by libpq. An ordinary role may not join fabrica_app by itself: the message says
    // what the database administrator has to do, and after that the migration goes through.
    QProcessEnvironment fromEnvironment;
    fromEnvironment.insert(u"PGPASSWORD"_s, QString::fromUtf8(password));
    run = status(fromEnvironment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"GRANT fabrica_app TO %1"_s.arg(role)), qPrintable(run.err));
    {
        std::shared_ptr<Database> admin = Database::open(DatabaseUrl::parse(base).value()).value();
        QSqlDatabase db = admin->connection().value();
        QSqlQuery query(db);
        QVERIFY(
            query.exec(u"DO $$ BEGIN CREATE ROLE fabrica_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN "
                       u"NULL; END $$"_s));
        QVERIFY2(query.exec(u"GRANT fabrica_app TO %1"_s.arg(role)), qPrintable(query.lastError().text()));
    }
    run = status(fromEnvironment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // ~/.pgpass (here PGPASSFILE), read by libpq; ':' and '\' are escaped in its lines.
    QTemporaryDir passDir;
    const QString passFile = passDir.filePath(u"pgpass"_s);
    {
        QFile file(passFile);
        QVERIFY(file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const DatabaseUrl parsed = DatabaseUrl::parse(url).value();
        QByteArray escaped = password;
        escaped.replace("\\", "\\\\").replace(":", "\\:");
        file.write(u"%1:%2:%3:%4:"_s.arg(parsed.host).arg(parsed.port).arg(parsed.database, role).toUtf8() +
                   escaped + "\n");
    }
    QProcessEnvironment fromFile;
    fromFile.insert(u"PGPASSFILE"_s, passFile);
    run = status(fromFile);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Saved by the user: encrypted in the settings, found when libpq has none.
    run = test::runFabrica({u"db"_s, u"password"_s, u"--password-stdin"_s, u"--database"_s, url}, "wrong\n",
                           m_environment);
    QCOMPARE(run.exitCode, 1); // checked before it is kept
    run = test::runFabrica({u"db"_s, u"password"_s, u"--password-stdin"_s, u"--database"_s, url},
                           password + "\n", m_environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = status();
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString settingsFile = m_home.filePath(u"config/Fabrica/fabrica.conf"_s);
    QFile settings(settingsFile);
    QVERIFY2(settings.open(QIODevice::ReadOnly), qPrintable(settingsFile));
    const QByteArray stored = settings.readAll();
    settings.close();
    QVERIFY(stored.contains("databasePasswords"));
    QVERIFY(!stored.contains("pass phrase")); // never in plain text
    const QFileInfo key(m_home.filePath(u"config/Fabrica/fabrica/settings.key"_s));
    QVERIFY(key.exists());
    QCOMPARE(key.permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                                   QFileDevice::WriteUser),
             QFileDevice::Permissions());

    // A tampered entry is a clear error, not a wrong password sent to the server.
    {
        QByteArray tampered = stored;
        const qsizetype at = tampered.indexOf("v1:") + 10;
        tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
        QVERIFY(settings.open(QIODevice::WriteOnly | QIODevice::Truncate));
        settings.write(tampered);
        settings.close();
    }
    run = status();
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"cannot be decrypted"_s), qPrintable(run.err));
    run = test::runFabrica({u"db"_s, u"password"_s, u"--forget"_s, u"--database"_s, url}, {}, m_environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(status().exitCode, 1);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestCliStorage>(argc, argv);
}

#include "tst_cli_storage.moc"
