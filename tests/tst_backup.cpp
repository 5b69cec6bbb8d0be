// fabrica backup / restore, on SQLite and on the real PostgreSQL server: a backup taken while another
// connection keeps writing holds one consistent state and restores into an empty storage with the same
// users, schemas, runs and stored rows; restore refuses a non-empty target (unless forced), a backup of the
// other backend or of a newer Fabrica, and files that are no backup; an older backup is migrated.

#include "CliRunner.h"
#include "ExampleSchemas.h"
#include "SchemaBuilding.h"
#include "StorageTestSupport.h"

#include "export/Sink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "storage/Migrations.h"
#include "storage/PostgresBackup.h"
#include "storage/SqliteBackup.h"
#include "storage/StorageBackup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace fabrica;
using namespace Qt::StringLiterals;
using test::example;
using test::newUser;

namespace {

// What the writer saves, again and again while the backup runs.
Schema written(int index)
{
    return test::oneTable(u"w%1"_s.arg(index), 10 + index,
                          {test::column(u"name"_s, u"first_name"_s),
                           test::column(u"amount"_s, u"integer"_s, R"({"min": 1, "max": 99})")});
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

StorageContents contentsOf(const DatabaseUrl &url)
{
    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        qFatal("%s", qPrintable(database.error().toString()));
    QSqlDatabase db = (*database)->connection().value();
    Result<StorageContents> contents = StorageBackup::contents(db);
    if (!contents)
        qFatal("%s", qPrintable(contents.error().toString()));
    return contents.value();
}

void execOn(const DatabaseUrl &url, const QString &sql)
{
    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        qFatal("%s", qPrintable(database.error().toString()));
    QSqlDatabase db = (*database)->connection().value();
    if (Result<void> done = Database::exec(db, sql); !done)
        qFatal("%s", qPrintable(done.error().toString()));
}

// The files of a folder, hidden ones included: a failed or finished backup leaves no partial file.
QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

public:
    explicit TestBackup(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(dialect == SqlDialect::SQLite ? u"TestBackup(SQLite)"_s : u"TestBackup(PostgreSQL)"_s);
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_databases.check();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(m_dir.isValid());
    }
    void cleanupTestCase() { m_databases.dropAll(); }

    void roundTripWhileWriting();
    void restoreRefusesANonEmptyTargetUnlessForced();
    void olderBackupIsMigrated();
    void newerBackupIsRefused();
    void refusesFilesThatAreNoBackupOfThisBackend();
    void backupAppearsOnlyWhenComplete();
    void commandLine();

private:
    bool sqlite() const { return m_databases.dialect() == SqlDialect::SQLite; }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    // A storage with alice (admin), the shop schema and a finished run whose rows are stored.
    struct Seeded
    {
        std::unique_ptr<Repository> repository;
        UserRecord alice;
        SchemaRecord shop;
        RunRecord run;
    };
    Seeded seeded();

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
};

TestBackup::Seeded TestBackup::seeded()
{
    Seeded made;
    made.repository = m_databases.freshRepository();
    Repository &storage = *made.repository;
    made.alice = storage.createUser(Actor::systemActor(), newUser(u"alice"_s, Role::Admin)).value();
    const Actor actor = Actor::of(made.alice);
    const Schema shop = example(u"shop"_s);
    made.shop = storage.saveSchema(actor, made.alice.id, shop).value();
    const RunRecord started = storage.startRun(actor, made.shop.id, 7).value();
    Plan::Options options;
    options.seed = 7;
    for (const Table &table : shop.tables)
        options.rows.insert(table.name, 25);
    const std::shared_ptr<const Plan> plan = Plan::compile(shop, options).value();
    std::unique_ptr<Sink> sink = storage.generatedDataSink(actor, started.id).value();
    GenerationJob::Options job;
    job.threads = 1;
    if (Result<GenerationJob::Summary> done = GenerationJob::run(*plan, *sink, job); !done)
        qFatal("%s", qPrintable(done.error().toString()));
    if (!storage.finishRun(actor, started.id, RunRecord::Status::Finished,
                           {{u"customers"_s, 25}, {u"orders"_s, 25}}))
        qFatal("cannot finish the run");
    made.run = storage.run(actor, started.id).value();
    return made;
}

void TestBackup::roundTripWhileWriting()
{
    Seeded source = seeded();
    const DatabaseUrl sourceUrl = source.repository->url();
    const Actor actor = Actor::of(source.alice);

    // Another connection saves schemas, each in its own transaction, for as long as the test runs.
    std::atomic<bool> stop{false};
    std::atomic<int> saved{0};
    QString writerError;
    std::unique_ptr<QThread> writer(QThread::create([&] {
        Result<std::unique_ptr<Repository>> own = Repository::open(sourceUrl);
        if (!own) {
            writerError = own.error().toString();
            return;
        }
        for (int i = 0; !stop; ++i) {
            if (Result<SchemaRecord> done = (*own)->saveSchema(actor, source.alice.id, written(i)); !done) {
                writerError = done.error().toString();
                return;
            }
            ++saved;
        }
    }));
    writer->start();
    QTRY_VERIFY_WITH_TIMEOUT(saved >= 3 || !writerError.isEmpty(), 20000);
    QCOMPARE(writerError, QString());

    const QString backupFile = file(sqlite() ? u"round.sqlite.bak"_s : u"round.dump"_s);
    const int savedBefore = saved;
    const Result<StorageBackup::Made> made = StorageBackup::backup(sourceUrl, backupFile);
    const int savedAfter = saved;
    // The writer goes on after the backup: the copy did not stop it.
    QTRY_VERIFY_WITH_TIMEOUT(saved >= savedAfter + 3 || !writerError.isEmpty(), 20000);
    stop = true;
    writer->wait();
    QCOMPARE(writerError, QString());
    QVERIFY2(made, made ? "" : qPrintable(made.error().toString()));

    QCOMPARE(made->kind, sqlite() ? StorageBackup::Kind::Sqlite : StorageBackup::Kind::PostgresDump);
    QCOMPARE(StorageBackup::kindOf(backupFile).value(), made->kind);
    QCOMPARE(made->bytes, QFileInfo(backupFile).size());
    QCOMPARE(QFileInfo(backupFile).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    QCOMPARE(made->contents.version, Migrations::latestVersion(m_databases.dialect()));
    QCOMPARE(made->contents.users, 1);
    QCOMPARE(made->contents.runs, 1);
    // One moment's state: every schema committed before the backup began, none after it ended (one that
    // committed just before the end may not have been counted by the writer yet).
    const qint64 writtenInBackup = made->contents.schemas - 1;
    QVERIFY2(
        writtenInBackup >= savedBefore && writtenInBackup <= savedAfter + 1,
        qPrintable(u"%1 written schemas in the backup, %2 saved before it, %3 after"_s.arg(writtenInBackup)
                       .arg(savedBefore)
                       .arg(savedAfter)));
    QVERIFY(saved > writtenInBackup);
    qInfo("%d schemas saved when the backup began, %lld in it, %d when it ended, %d in all", savedBefore,
          writtenInBackup, savedAfter, int(saved));

    if (sqlite()) {
        // The file opens on its own as a single SQLite database (not WAL) and passes integrity_check.
        QCOMPARE(readAll(backupFile).at(18), char(1));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup-file"_s);
        db.setDatabaseName(backupFile);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QVERIFY(db.open());
        {
            QSqlQuery check(db);
            QVERIFY(check.exec(u"PRAGMA integrity_check"_s));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), u"ok"_s);
            QSqlQuery count(db);
            QVERIFY(count.exec(u"SELECT count(*) FROM schemas"_s) && count.next());
            QCOMPARE(count.value(0).toLongLong(), made->contents.schemas);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"backup-file"_s);
        QCOMPARE(SqliteBackup::inspect(backupFile).value().schemas, made->contents.schemas);
    }

    // Restored into an empty storage: the same users, schemas (each whole), run and stored rows.
    const DatabaseUrl targetUrl = m_databases.fresh();
    const Result<StorageBackup::Restored> restored = StorageBackup::restore(backupFile, targetUrl, false);
    QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
    QCOMPARE(restored->kind, made->kind);
    QCOMPARE(restored->backupVersion, made->contents.version);
    QCOMPARE(restored->contents.version, made->contents.version);
    QCOMPARE(restored->contents.users, made->contents.users);
    QCOMPARE(restored->contents.schemas, made->contents.schemas);
    QCOMPARE(restored->contents.runs, made->contents.runs);

    std::unique_ptr<Repository> target = Repository::open(targetUrl).value();
    QCOMPARE(target->version().value(), made->contents.version);
    const QList<UserRecord> users = target->users(Actor::systemActor()).value();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().username, u"alice"_s);
    QCOMPARE(users.first().passwordHash, source.alice.passwordHash);
    const QList<SchemaRecord> schemas = target->schemas(actor).value();
    QCOMPARE(schemas.size(), made->contents.schemas);
    for (const SchemaRecord &record : schemas) {
        const Schema loaded = target->loadSchema(actor, record.id).value();
        QCOMPARE(loaded, source.repository->loadSchema(actor, record.id).value());
        const Schema expected =
            record.name == u"shop"_s ? example(u"shop"_s) : written(record.name.mid(1).toInt());
        QCOMPARE(loaded.tables.size(), expected.tables.size());
        QCOMPARE(loaded.tables.first().columns.size(), expected.tables.first().columns.size());
        QCOMPARE(loaded.tables.first().rows, expected.tables.first().rows);
        const SchemaRecord original = source.repository->schemaRecord(actor, record.id).value();
        QCOMPARE(record.userId, original.userId);
        QCOMPARE(record.created, original.created);
        QCOMPARE(record.revision, original.revision);
    }
    const RunRecord run = target->run(actor, source.run.id).value();
    QCOMPARE(run.status, RunRecord::Status::Finished);
    QCOMPARE(run.seed, quint64(7));
    QCOMPARE(run.rowCounts, source.run.rowCounts);
    for (const QString &table : {u"customers"_s, u"orders"_s}) {
        const StoredRows before = source.repository->storedRows(actor, source.run.id, table, 0, 100).value();
        const StoredRows after = target->storedRows(actor, source.run.id, table, 0, 100).value();
        QCOMPARE(after.rows.size(), 25);
        QCOMPARE(after.columns, before.columns);
        QCOMPARE(after.rowIndexes, before.rowIndexes);
        QCOMPARE(after.rows, before.rows);
    }
    // The restored storage is in working order: a user (under row-level security on PostgreSQL) saves a
    // new schema, whose ids follow the restored ones.
    const UserRecord bob = target->createUser(Actor::of(users.first()), newUser(u"bob"_s)).value();
    QVERIFY(bob.id > source.alice.id);
    const Result<SchemaRecord> more = target->saveSchema(Actor::of(bob), bob.id, written(1000));
    QVERIFY2(more, more ? "" : qPrintable(more.error().toString()));
    QVERIFY(more->id > schemas.last().id);
}

void TestBackup::restoreRefusesANonEmptyTargetUnlessForced()
{
    std::unique_ptr<Repository> source = m_databases.freshRepository();
    source->createUser(Actor::systemActor(), newUser(u"alice"_s, Role::Admin)).value();
    const QString backupFile = file(u"nonempty.bak"_s);
    QVERIFY(StorageBackup::backup(source->url(), backupFile));

    // A storage made by a first start (migrated, nobody in it) counts as empty.
    std::unique_ptr<Repository> migratedOnly = m_databases.freshRepository();
    QVERIFY(StorageBackup::restore(backupFile, migratedOnly->url(), false));
    QCOMPARE(migratedOnly->users(Actor::systemActor()).value().first().username, u"alice"_s);

    std::unique_ptr<Repository> target = m_databases.freshRepository();
    const UserRecord bob = target->createUser(Actor::systemActor(), newUser(u"bob"_s, Role::Admin)).value();
    target->saveSchema(Actor::of(bob), bob.id, written(1)).value();
    const Result<StorageBackup::Restored> refused = StorageBackup::restore(backupFile, target->url(), false);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(u"is not empty (users: 1, schemas: 1, runs: 0)"_s) &&
                 refused.error().message.contains(u"--force"_s),
             qPrintable(refused.error().message));
    // Nothing changed.
    QCOMPARE(target->users(Actor::systemActor()).value().size(), 1);
    QCOMPARE(target->users(Actor::systemActor()).value().first().username, u"bob"_s);

    const Result<StorageBackup::Restored> forced = StorageBackup::restore(backupFile, target->url(), true);
    QVERIFY2(forced, forced ? "" : qPrintable(forced.error().toString()));
    QCOMPARE(forced->contents.users, 1);
    QCOMPARE(forced->contents.schemas, 0);
    const QList<UserRecord> users = target->users(Actor::systemActor()).value();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().username, u"alice"_s);
    QCOMPARE(target->schemas(Actor::systemActor()).value().size(), 0);
}

void TestBackup::olderBackupIsMigrated()
{
    // A storage of an older Fabrica: migrations up to 3, one user written with the columns of then.
    const DatabaseUrl url = m_databases.fresh();
    std::unique_ptr<Repository> old = Repository::open(url).value();
    QCOMPARE(old->migrate(3).value(), 3);
    execOn(url, u"INSERT INTO users (username, email, password_hash, role, created) "
                "VALUES ('old', '', 'x', 'admin', '2020-01-01T00:00:00Z')"_s);
    const QString backupFile = file(u"old.bak"_s);
    const Result<StorageBackup::Made> made = StorageBackup::backup(url, backupFile);
    QVERIFY2(made, made ? "" : qPrintable(made.error().toString()));
    QCOMPARE(made->contents.version, 3);

    const DatabaseUrl targetUrl = m_databases.fresh();
    const Result<StorageBackup::Restored> restored = StorageBackup::restore(backupFile, targetUrl, false);
    QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
    QCOMPARE(restored->backupVersion, 3);
    QCOMPARE(restored->contents.version, Migrations::latestVersion(m_databases.dialect()));
    QCOMPARE(restored->contents.users, 1);
    std::unique_ptr<Repository> target = Repository::open(targetUrl).value();
    QCOMPARE(target->version().value(), Migrations::latestVersion(m_databases.dialect()));
    QCOMPARE(target->userByName(Actor::systemActor(), u"old"_s).value().failedAttempts, 0);
}

void TestBackup::newerBackupIsRefused()
{
    std::unique_ptr<Repository> source = m_databases.freshRepository();
    execOn(source->url(),
           u"INSERT INTO schema_version (version, name, applied) VALUES (999, 'future', '2099-01-01')"_s);
    const QString backupFile = file(u"future.bak"_s);
    QVERIFY(StorageBackup::backup(source->url(), backupFile));

    const DatabaseUrl targetUrl = m_databases.fresh();
    const Result<StorageBackup::Restored> refused = StorageBackup::restore(backupFile, targetUrl, false);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unsupported);
    QVERIFY2(refused.error().message.contains(u"holds storage version 999, made by a newer Fabrica"_s),
             qPrintable(refused.error().message));
    // Refused before the target was touched.
    if (sqlite())
        QVERIFY(!QFileInfo::exists(targetUrl.path));
    else
        QCOMPARE(contentsOf(targetUrl).version, 0);
}

void TestBackup::refusesFilesThatAreNoBackupOfThisBackend()
{
    const DatabaseUrl targetUrl = m_databases.fresh();
    auto refusal = [&](const QString &path) {
        const Result<StorageBackup::Restored> refused = StorageBackup::restore(path, targetUrl, false);
        return refused ? QString() : refused.error().message;
    };

    QVERIFY(writeFile(file(u"garbage.bak"_s), QByteArray("this is no backup at all\n").repeated(100)));
    QCOMPARE(
        refusal(file(u"garbage.bak"_s)),
        file(u"garbage.bak"_s) +
            u" is not a Fabrica backup: it is neither a SQLite database file nor a pg_dump custom-format "
            "archive"_s);
    QVERIFY(
        writeFile(file(u"plain.sql"_s), "--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;\n"));
    QVERIFY(refusal(file(u"plain.sql"_s)).contains(u"looks like a plain SQL script"_s));
    QCOMPARE(refusal(file(u"missing.bak"_s)), u"there is no file %1"_s.arg(file(u"missing.bak"_s)));

    // A backup of the other backend.
    if (sqlite()) {
        QVERIFY(writeFile(file(u"other.dump"_s), QByteArray("PGDMP\x01\x0e\x00", 8) + QByteArray(100, 'x')));
        QCOMPARE(refusal(file(u"other.dump"_s)),
                 file(u"other.dump"_s) + u" is a pg_dump archive of PostgreSQL storage, but "_s +
                     targetUrl.displayString() +
                     u" is SQLite: restore it into PostgreSQL storage (--database "
                     "postgresql://user@host/database)"_s);
    } else {
        test::StorageDatabases sqliteStorage(SqlDialect::SQLite);
        QCOMPARE(sqliteStorage.check(), QString());
        std::unique_ptr<Repository> other = sqliteStorage.freshRepository();
        QVERIFY(StorageBackup::backup(other->url(), file(u"other.sqlite.bak"_s)));
        QCOMPARE(refusal(file(u"other.sqlite.bak"_s)),
                 file(u"other.sqlite.bak"_s) + u" is a backup of SQLite storage, but "_s +
                     targetUrl.displayString() +
                     u" is PostgreSQL: restore it into SQLite storage (--database sqlite:FILE)"_s);
    }

    // A file of the right kind that is damaged or holds something else.
    std::unique_ptr<Repository> source = m_databases.freshRepository();
    source->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const QString good = file(u"good.bak"_s);
    QVERIFY(StorageBackup::backup(source->url(), good));
    const QByteArray bytes = readAll(good);
    if (sqlite()) {
        // Pages past the first overwritten: the header still says SQLite.
        QByteArray damaged = bytes;
        for (qsizetype i = 4096; i < damaged.size(); i += 7)
            damaged[i] = char(0x5a);
        QVERIFY(writeFile(file(u"damaged.bak"_s), damaged));
        const QString why = refusal(file(u"damaged.bak"_s));
        QVERIFY2(why.startsWith(file(u"damaged.bak"_s) + u" is damaged ("_s), qPrintable(why));
        // A SQLite database that is not Fabrica's.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            db.setDatabaseName(file(u"foreign.sqlite"_s));
            QVERIFY(db.open());
            QVERIFY(Database::exec(db, u"CREATE TABLE notes (text text)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);
        QCOMPARE(refusal(file(u"foreign.sqlite"_s)),
                 file(u"foreign.sqlite"_s) +
                     u" is a SQLite database but holds no Fabrica storage (no schema_version table)"_s);
    } else {
        QVERIFY(writeFile(file(u"truncated.dump"_s), bytes.left(bytes.size() / 2)));
        const QString why = refusal(file(u"truncated.dump"_s));
        QVERIFY2(why.startsWith(u"pg_restore failed: "_s), qPrintable(why));
    }
    // None of them left anything in the target.
    QCOMPARE(contentsOf(targetUrl).version, 0);
}

void TestBackup::backupAppearsOnlyWhenComplete()
{
    QTemporaryDir folder;
    const QString out = folder.filePath(u"fabrica.bak"_s);
    QVERIFY(writeFile(out, "the previous backup"));

    // A storage without Fabrica's tables: the backup fails, the previous file stays, nothing is left over.
    const DatabaseUrl empty = m_databases.fresh();
    if (sqlite())
        QVERIFY(writeFile(empty.path, {})); // an empty SQLite file
    const Result<StorageBackup::Made> failed = StorageBackup::backup(empty, out);
    QVERIFY(!failed);
    QCOMPARE(failed.error().message,
             u"%1 holds no Fabrica storage (no schema_version table)"_s.arg(empty.displayString()));
    QCOMPARE(readAll(out), QByteArray("the previous backup"));
    QCOMPARE(filesIn(folder.path()), QStringList{u"fabrica.bak"_s});

    std::unique_ptr<Repository> source = m_databases.freshRepository();
    const Result<StorageBackup::Made> made = StorageBackup::backup(source->url(), out);
    QVERIFY2(made, made ? "" : qPrintable(made.error().toString()));
    QCOMPARE(filesIn(folder.path()), QStringList{u"fabrica.bak"_s});
    QVERIFY(readAll(out).startsWith(sqlite() ? QByteArray("SQLite format 3") : QByteArray("PGDMP")));

    // Where nothing can be written.
    const Result<StorageBackup::Made> nowhere =
        StorageBackup::backup(source->url(), folder.filePath(u"no/such/folder/fabrica.bak"_s));
    QVERIFY(!nowhere);
    QCOMPARE(nowhere.error().message,
             u"the folder %1 does not exist"_s.arg(folder.filePath(u"no/such/folder"_s)));
    if (sqlite()) {
        const Result<StorageBackup::Made> itself = StorageBackup::backup(source->url(), source->url().path);
        QVERIFY(!itself);
        QCOMPARE(itself.error().message,
                 u"%1 is the storage itself; name another file"_s.arg(source->url().path));
        const Result<StorageBackup::Made> missing =
            StorageBackup::backup(DatabaseUrl::sqliteFile(folder.filePath(u"none.sqlite"_s)), out);
        QVERIFY(!missing);
        QVERIFY(!QFileInfo::exists(folder.filePath(u"none.sqlite"_s))); // not made by asking
    }
}

void TestBackup::commandLine()
{
    QVERIFY2(QFileInfo(qEnvironmentVariable("FABRICA_BINARY")).isExecutable(),
             "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    std::unique_ptr<Repository> source = m_databases.freshRepository();
    source->createUser(Actor::systemActor(), newUser(u"alice"_s, Role::Admin)).value();
    const QString sourceUrl = source->url().toString();
    const QString out = file(u"cli.bak"_s);
    const QString version = QString::number(Migrations::latestVersion(m_databases.dialect()));

    const test::CliRun noOut = test::runFabrica({u"backup"_s, u"--database"_s, sourceUrl});
    QCOMPARE(noOut.exitCode, 2);
    QVERIFY(noOut.err.contains(u"--out FILE"_s));

    const test::CliRun backup = test::runFabrica({u"backup"_s, u"--database"_s, sourceUrl, u"--out"_s, out});
    QCOMPARE(backup.err, QString());
    QCOMPARE(backup.exitCode, 0);
    QVERIFY2(backup.out.startsWith(u"backed up %1 to %2 ("_s.arg(source->url().displayString(), out)) &&
                 backup.out.endsWith(u"storage version %1, users: 1, schemas: 0, runs: 0\n"_s.arg(version)),
             qPrintable(backup.out));

    const QString targetUrl = m_databases.fresh().toString();
    const test::CliRun restore = test::runFabrica({u"restore"_s, out, u"--database"_s, targetUrl});
    QCOMPARE(restore.err, QString());
    QCOMPARE(restore.exitCode, 0);
    QVERIFY2(restore.out.endsWith(u"it holds users: 1, schemas: 0, runs: 0\n"_s), qPrintable(restore.out));
    const test::CliRun status = test::runFabrica({u"db"_s, u"status"_s, u"--database"_s, targetUrl});
    QCOMPARE(status.exitCode, 0);

    const test::CliRun again = test::runFabrica({u"restore"_s, out, u"--database"_s, targetUrl});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.startsWith(u"fabrica restore: "_s) && again.err.contains(u"--force"_s),
             qPrintable(again.err));
    const test::CliRun forced =
        test::runFabrica({u"restore"_s, out, u"--database"_s, targetUrl, u"--force"_s});
    QCOMPARE(forced.err, QString());
    QCOMPARE(forced.exitCode, 0);

    const test::CliRun noFile = test::runFabrica({u"restore"_s, u"--database"_s, targetUrl});
    QCOMPARE(noFile.exitCode, 2);
    const test::CliRun help = test::runFabrica({u"--help"_s});
    QVERIFY(help.out.contains(u"\n  backup      Back up Fabrica's storage"_s));
    QVERIFY(help.out.contains(u"\n  restore     Restore a backup made by fabrica backup"_s));
}

// What only PostgreSQL storage has: the client tools and the password they are given.
class TestPostgresTools : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString problem = m_databases.check();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanupTestCase() { m_databases.dropAll(); }

    void findsTheTools()
    {
        for (const QString &tool : {u"pg_dump"_s, u"pg_restore"_s})
            QVERIFY2(QFileInfo(PostgresBackup::findTool(tool)).isExecutable(), qPrintable(tool));
        QCOMPARE(PostgresBackup::findTool(u"no-such-fabrica-tool"_s), QString());
    }

    // The password reaches pg_dump and pg_restore through their environment only, and no log line or
    // message carries it.
    void passwordStaysSecret()
    {
        std::unique_ptr<Repository> source = m_databases.freshRepository();
        source->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
        DatabaseUrl withPassword = source->url();
        withPassword.password = u"s3cret-backup-password"_s; // the test server trusts local connections
        withPassword.options.insert(u"sslmode"_s, u"disable"_s);
        Result<std::shared_ptr<Database>> database = Database::open(withPassword);
        QVERIFY(database);
        const QProcessEnvironment environment = PostgresBackup::environment(**database, u"shop"_s);
        QCOMPARE(environment.value(u"PGPASSWORD"_s), withPassword.password);
        QCOMPARE(environment.value(u"PGDATABASE"_s), u"shop"_s);
        QCOMPARE(environment.value(u"PGUSER"_s), withPassword.user);
        QCOMPARE(environment.value(u"PGSSLMODE"_s), u"disable"_s);
        QCOMPARE(environment.value(u"PGPORT"_s), QString::number(withPassword.port));

        static QStringList logged;
        logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { logged << message; });
        QLoggingCategory::setFilterRules(u"fabrica.*=true"_s);
        const QString out = m_dir.filePath(u"secret.dump"_s);
        const Result<StorageBackup::Made> made = StorageBackup::backup(withPassword, out);
        DatabaseUrl target = m_databases.fresh();
        target.password = withPassword.password;
        const Result<StorageBackup::Restored> restored = StorageBackup::restore(out, target, false);
        const Result<StorageBackup::Restored> refused = StorageBackup::restore(out, target, false);
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(previous);
        QVERIFY2(made, made ? "" : qPrintable(made.error().toString()));
        QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY(logged.size() >= 4); // the storage logs what it backs up and restores
        for (const QString &line : std::as_const(logged))
            QVERIFY2(!line.contains(withPassword.password), qPrintable(line));
        QVERIFY(!refused.error().message.contains(withPassword.password));
        QVERIFY(!readAll(out).contains(withPassword.password.toUtf8()));
    }

private:
    test::StorageDatabases m_databases{SqlDialect::PostgreSQL};
    QTemporaryDir m_dir;
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = test::runOnEveryBackend<TestBackup>(argc, argv);
    TestPostgresTools tools;
    failures += QTest::qExec(&tools, argc, argv);
    return failures;
}

#include "tst_backup.moc"
