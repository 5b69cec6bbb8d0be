// The storage suite, run on SQLite and on the real PostgreSQL server: migrations, users, schemas, runs,
// generated data, access control in the application and (PostgreSQL) in the database itself.

#include "ExampleSchemas.h"
#include "FailingSink.h"
#include "StorageTestSupport.h"

#include "export/ExportFormat.h"
#include "export/ExportOptions.h"
#include "export/Sink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "storage/Migrations.h"
#include "storage/PostgresRepository.h"
#include "storage/SqlRepository.h"
#include "storage/StoredRunExport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <QtConcurrent>

using namespace fabrica;
using namespace Qt::StringLiterals;
using test::example;
using test::newUser;

namespace {

// A schema of tables × columns, every fifth column with three samples: the size of a large import.
Schema largeSchema(int tables, int columns)
{
    Schema schema;
    schema.name = u"large"_s;
    schema.description = u"many tables"_s;
    schema.locale = u"de_DE"_s;
    for (int t = 0; t < tables; ++t) {
        Table table;
        table.name = u"table_%1"_s.arg(t, 4, 10, QLatin1Char('0'));
        table.rows = 100 + t;
        for (int c = 0; c < columns; ++c) {
            Column column;
            column.name = u"column_%1"_s.arg(c);
            column.type = c == 0 ? u"sequence"_s : u"integer"_s;
            column.constraints = QJsonObject{{u"min"_s, c}, {u"max"_s, 1000 + c}};
            column.description = u"column %1 of %2"_s.arg(c).arg(table.name);
            if (c % 5 == 1)
                column.samples = QStringList{u"a%1"_s.arg(t), u"b%1"_s.arg(c), u"c"_s};
            table.columns << column;
        }
        schema.tables << table;
    }
    return schema;
}

qint64 count(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

public:
    explicit TestStorage(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(u"TestStorage(%1)"_s.arg(sqlDialectId(dialect)));
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { m_databases.dropAll(); }
    void migratesAndUpgrades();
    void refusesNewerStorage();
    void usersAndRoles();
    void lastAdminStays();
    void firstUserOnlyOnce();
    void schemasRoundTrip();
    void schemasAreScopedToTheirOwner();
    void savesSeveralSchemasAtOnce();
    void updatesSchemaInPlace();
    void updateRefusesAndChangesNothing();
    void updateKeepsIds();
    void revisionRefusesStaleWrites();
    void upgradeKeepsSchemaIds();
    void deletesCascade();
    void storesAndReadsGeneratedData();
    void failedSaveLeavesNothing();
    void worksFromManyThreads();
    void roundTripsLargeSchema();
    void rowLevelSecurity();
    void readsBesideAWriter();
    void reportsServerVersion();

private:
    std::unique_ptr<Repository> repository() { return m_databases.freshRepository(); }
    bool postgres() const { return m_databases.dialect() == SqlDialect::PostgreSQL; }
    // Runs a generation of `schemaId` into its run's generated_data; the job's error text or empty.
    QString store(Repository &repository, const Actor &actor, qint64 runId, const Schema &schema,
                  int failAt = -1, int rows = 40);

    test::StorageDatabases m_databases;
};

void TestStorage::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
}

void TestStorage::migratesAndUpgrades()
{
    const DatabaseUrl url = m_databases.fresh();
    Result<std::unique_ptr<Repository>> opened = Repository::open(url);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    Repository &storage = *opened.value();
    QCOMPARE(storage.version().value(), 0);
    // An older storage (version 1) with a user in it …
    QCOMPARE(storage.migrate(1).value(), 1);
    {
        Result<std::shared_ptr<Database>> raw = Database::open(url);
        QVERIFY(raw);
        QSqlDatabase db = (*raw)->connection().value();
        QSqlQuery insert(db);
        QVERIFY(insert.exec(u"INSERT INTO users (username, email, password_hash, role, created) "
                            u"VALUES ('old', 'old@example.com', 'x', 'admin', '2020-01-01T00:00:00Z')"_s));
        QVERIFY(!db.record(u"users"_s).contains(u"failed_attempts"_s));
    }
    // … is upgraded in place, the user kept, the new columns filled with their defaults.
    const int latest = Migrations::latestVersion(url.dialect);
    QVERIFY(latest >= 2);
    QCOMPARE(storage.migrate().value(), latest);
    QCOMPARE(storage.version().value(), latest);
    Result<UserRecord> old = storage.userByName(Actor::systemActor(), u"OLD"_s);
    QVERIFY(old);
    QCOMPARE(old->email, u"old@example.com"_s);
    QCOMPARE(old->failedAttempts, 0);
    QCOMPARE(old->created, QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC));
    // Migrating again changes nothing.
    QCOMPARE(storage.migrate().value(), latest);
}

void TestStorage::refusesNewerStorage()
{
    const DatabaseUrl url = m_databases.fresh();
    std::unique_ptr<Repository> storage = std::move(Repository::open(url).value());
    QVERIFY(storage->migrate());
    {
        std::shared_ptr<Database> raw = Database::open(url).value();
        QSqlDatabase db = raw->connection().value();
        QSqlQuery insert(db);
        QVERIFY(insert.exec(
            u"INSERT INTO schema_version (version, name, applied) VALUES (999, 'future', 'now')"_s));
    }
    const Result<int> migrated = storage->migrate();
    QVERIFY(!migrated);
    QCOMPARE(migrated.error().code, ErrorCode::Unsupported);
    QVERIFY(migrated.error().message.contains(u"999"_s));
}

void TestStorage::usersAndRoles()
{
    auto storage = repository();
    const Actor system = Actor::systemActor();
    Result<UserRecord> admin = storage->createUser(system, newUser(u"alice"_s, Role::Admin));
    QVERIFY2(admin, qPrintable(admin ? QString() : admin.error().toString()));
    QVERIFY(admin->id > 0);
    QVERIFY(admin->created.isValid());
    Result<UserRecord> bob = storage->createUser(Actor::of(*admin), newUser(u"bob"_s));
    QVERIFY(bob);

    // Names are unique whatever their case.
    const Result<UserRecord> twin = storage->createUser(Actor::of(*admin), newUser(u"BOB"_s));
    QVERIFY(!twin);
    QCOMPARE(twin.error().code, ErrorCode::AlreadyExists);

    // A user neither lists nor creates users, sees only their own row, and cannot raise their role.
    const Actor asBob = Actor::of(*bob);
    QCOMPARE(storage->users(asBob).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(storage->createUser(asBob, newUser(u"carol"_s)).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(storage->user(asBob, admin->id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->userByName(asBob, u"alice"_s).error().code, ErrorCode::NotFound);
    UserRecord self = storage->user(asBob, bob->id).value();
    self.email = u"bob@example.org"_s;
    QVERIFY(storage->updateUser(asBob, self));
    QCOMPARE(storage->user(asBob, bob->id)->email, u"bob@example.org"_s);
    self.role = Role::Admin;
    QCOMPARE(storage->updateUser(asBob, self).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(storage->user(Actor::of(*admin), bob->id)->role, Role::User);

    // The admin sees everyone and manages them.
    const QList<UserRecord> all = storage->users(Actor::of(*admin)).value();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[1].username, u"bob"_s);
    UserRecord promoted = all[1];
    promoted.role = Role::Admin;
    promoted.lockedUntil = QDateTime(QDate(2030, 5, 6), QTime(7, 8, 9), Qt::UTC);
    promoted.failedAttempts = 3;
    QVERIFY(storage->updateUser(Actor::of(*admin), promoted));
    const UserRecord reread = storage->user(system, bob->id).value();
    QCOMPARE(reread.role, Role::Admin);
    QCOMPARE(reread.lockedUntil, promoted.lockedUntil);
    QCOMPARE(reread.failedAttempts, 3);
    QCOMPARE(storage->countAdmins(system).value(), 2);
    QVERIFY(storage->deleteUser(Actor::of(*admin), bob->id));
    QCOMPARE(storage->user(system, bob->id).error().code, ErrorCode::NotFound);
}

void TestStorage::lastAdminStays()
{
    auto storage = repository();
    const UserRecord admin =
        storage->createUser(Actor::systemActor(), newUser(u"root"_s, Role::Admin)).value();
    UserRecord demoted = admin;
    demoted.role = Role::User;
    Result<void> changed = storage->updateUser(Actor::of(admin), demoted);
    QVERIFY(!changed);
    QVERIFY(changed.error().message.contains(u"last administrator"_s));
    UserRecord disabled = admin;
    disabled.disabled = true;
    QVERIFY(!storage->updateUser(Actor::of(admin), disabled));
    QVERIFY(!storage->deleteUser(Actor::of(admin), admin.id));
    QCOMPARE(storage->countAdmins(Actor::systemActor()).value(), 1);
}

void TestStorage::firstUserOnlyOnce()
{
    // Several first starts at the same moment: exactly one creates the first administrator.
    auto storage = repository();
    Repository *shared = storage.get();
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    QList<QFuture<ErrorCode>> attempts;
    for (int i = 0; i < 4; ++i) {
        attempts << QtConcurrent::run(&pool, [shared, i] {
            const Result<UserRecord> created =
                shared->createFirstUser(newUser(u"admin%1"_s.arg(i), Role::Admin));
            return created ? ErrorCode::Internal : created.error().code; // Internal stands for "created" here
        });
    }
    int created = 0;
    for (QFuture<ErrorCode> &attempt : attempts) {
        const ErrorCode code = attempt.result();
        if (code == ErrorCode::Internal)
            ++created;
        else
            QCOMPARE(code, ErrorCode::AlreadyExists);
    }
    QCOMPARE(created, 1);
    QCOMPARE(storage->countUsers(Actor::systemActor()).value(), 1);
    QCOMPARE(storage->createFirstUser(newUser(u"late"_s, Role::Admin)).error().code,
             ErrorCode::AlreadyExists);
}

void TestStorage::schemasRoundTrip()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    for (const QString &name : {u"hr"_s, u"shop"_s, u"blog"_s}) {
        Schema schema = example(name);
        schema.tables[0].columns[0].samples =
            QStringList{u"one"_s, u"two, with a comma"_s, u"drei 'quoted'"_s};
        schema.tables[0].columns[0].description = u"with samples"_s;
        Result<SchemaRecord> saved = storage->saveSchema(actor, alice.id, schema);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
        QCOMPARE(saved->owner, u"alice"_s); // the record of a save names its owner as a read does
        Result<Schema> loaded = storage->loadSchema(actor, saved->id);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->owner, u"alice"_s);
        schema.owner = loaded->owner;
        if (!schema.created.isValid())
            schema.created = loaded->created;
        QCOMPARE(SchemaFile::serialize(loaded.value()), SchemaFile::serialize(schema));
        QCOMPARE(loaded.value(), schema);
    }
    QCOMPARE(storage->schemas(actor)->size(), 3);

    // Same name again: refused, or replaced when asked.
    Schema again = example(u"hr"_s);
    QCOMPARE(storage->saveSchema(actor, alice.id, again).error().code, ErrorCode::AlreadyExists);
    again.description = u"replaced"_s;
    Result<SchemaRecord> replaced = storage->saveSchema(actor, alice.id, again, true);
    QVERIFY(replaced);
    QCOMPARE(storage->loadSchema(actor, replaced->id)->description, u"replaced"_s);
    QCOMPARE(storage->schemas(actor)->size(), 3);
}

void TestStorage::schemasAreScopedToTheirOwner()
{
    auto storage = repository();
    const Actor system = Actor::systemActor();
    const UserRecord admin = storage->createUser(system, newUser(u"admin"_s, Role::Admin)).value();
    const UserRecord alice = storage->createUser(system, newUser(u"alice"_s)).value();
    const UserRecord bob = storage->createUser(system, newUser(u"bob"_s)).value();
    const SchemaRecord aliceSchema =
        storage->saveSchema(Actor::of(alice), alice.id, example(u"hr"_s)).value();
    const SchemaRecord bobSchema = storage->saveSchema(Actor::of(bob), bob.id, example(u"hr"_s)).value();

    QCOMPARE(storage->schemas(Actor::of(alice))->size(), 1);
    QCOMPARE(storage->schemas(Actor::of(alice))->first().id, aliceSchema.id);
    QCOMPARE(storage->loadSchema(Actor::of(bob), aliceSchema.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->deleteSchema(Actor::of(bob), aliceSchema.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->startRun(Actor::of(bob), aliceSchema.id, 1).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->saveSchema(Actor::of(bob), alice.id, example(u"blog"_s)).error().code,
             ErrorCode::PermissionDenied);
    QVERIFY(storage->loadSchema(Actor::of(alice), aliceSchema.id));

    // The admin sees both, with their owners.
    const QList<SchemaRecord> all = storage->schemas(Actor::of(admin)).value();
    QCOMPARE(all.size(), 2);
    QStringList owners{all[0].owner, all[1].owner};
    owners.sort();
    QCOMPARE(owners, (QStringList{u"alice"_s, u"bob"_s}));
    QVERIFY(storage->loadSchema(Actor::of(admin), bobSchema.id));
    const RunRecord aliceRun = storage->startRun(Actor::of(alice), aliceSchema.id, 7).value();
    QCOMPARE(storage->run(Actor::of(bob), aliceRun.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->runs(Actor::of(bob), aliceSchema.id)->size(), 0);
    QCOMPARE(storage->runs(Actor::of(admin), aliceSchema.id)->size(), 1);
}

void TestStorage::savesSeveralSchemasAtOnce()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    QVERIFY(storage->saveSchema(actor, alice.id, example(u"hr"_s)));
    const QList<Schema> imported{example(u"blog"_s), example(u"hr"_s)};

    // Cancel: a taken name stops the whole import; not even the first schema is kept.
    Result<QList<SchemaRecord>> saved =
        storage->saveSchemas(actor, alice.id, imported, Repository::NameConflict::Cancel);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::AlreadyExists);
    QCOMPARE(storage->schemas(actor)->size(), 1);

    // Rename: the new one is saved beside the old one.
    saved = storage->saveSchemas(actor, alice.id, imported, Repository::NameConflict::Rename);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    QCOMPARE(saved->size(), 2);
    QCOMPARE(saved->at(0).name, u"blog"_s);
    QCOMPARE(saved->at(1).name, u"hr (2)"_s);
    QCOMPARE(storage->schemas(actor)->size(), 3);

    // Replace: the old one goes, with its runs.
    const qint64 oldBlog = saved->at(0).id;
    QVERIFY(storage->startRun(actor, oldBlog, 1));
    saved = storage->saveSchemas(actor, alice.id, {example(u"blog"_s)}, Repository::NameConflict::Replace);
    QVERIFY(saved);
    QVERIFY(saved->first().id != oldBlog);
    QCOMPARE(storage->schemas(actor)->size(), 3);
    QCOMPARE(storage->runs(actor, oldBlog)->size(), 0);

    // Two schemas of one import with the same name are renamed apart, or refused.
    saved = storage->saveSchemas(actor, alice.id, {example(u"shop"_s), example(u"shop"_s)},
                                 Repository::NameConflict::Rename);
    QVERIFY(saved);
    QCOMPARE(saved->at(1).name, u"shop (2)"_s);
    QCOMPARE(storage->saveSchemas(actor, alice.id, {example(u"shop"_s)}, Repository::NameConflict::Replace)
                 ->size(),
             1);
}

void TestStorage::updatesSchemaInPlace()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    Schema schema = example(u"blog"_s);
    schema.tables[4].columns[0].samples = QStringList{u"1"_s, u"2"_s};
    schema.tables[2].columns[6].samples = QStringList{u"approved"_s, u"pending"_s, u"spam"_s};
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, schema).value();
    const Schema original = storage->loadSchema(actor, saved.id).value();
    const RunRecord run = storage->startRun(actor, saved.id, 3).value();
    QCOMPARE(store(*storage, actor, run.id, schema, -1, 20), QString()); // tags.name has 30 distinct values
    QVERIFY(storage->finishRun(actor, run.id, RunRecord::Status::Finished, {{u"users"_s, 20}}));
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    const qint64 storedValues = count(raw->connection().value(), u"SELECT count(*) FROM generated_data"_s);
    QVERIFY(storedValues > 0);
    const StoredRows commentsBefore = storage->storedRows(actor, run.id, u"comments"_s, 0, 20).value();
    QCOMPARE(commentsBefore.rows.size(), 20);

    // users, posts, comments, tags, post_tags → reactions (new), posts (edited), comments, labels (was
    // tags), users (moved to the end); post_tags removed.
    Schema edited = original;
    edited.name = u"blog v2"_s;
    edited.description = u"edited in the window"_s;
    edited.locale = u"fr_FR"_s;
    edited.created = QDateTime(QDate(2001, 2, 3), QTime(4, 5, 6), Qt::UTC); // ignored: created stays
    Table users = edited.tables.takeAt(0);
    edited.tables.removeAt(3); // post_tags
    edited.tables << users;
    Table &posts = edited.tables[0];
    posts.rows = 1234;
    posts.description = u"articles"_s;
    posts.columns.removeAt(5);             // excerpt
    posts.columns[2].name = u"headline"_s; // was title
    posts.columns[2].samples = QStringList{u"Hallo"_s, u"Welt"_s};
    posts.columns[3].constraints.insert(u"maxLength"_s, 80);
    posts.columns.move(1, posts.columns.size() - 1); // author_id last
    Column pinned;
    pinned.name = u"pinned"_s;
    pinned.type = u"boolean"_s;
    pinned.description = u"shown on top"_s;
    pinned.samples = QStringList{u"true"_s, u""_s, u"false"_s};
    posts.columns << pinned;
    edited.tables[1].columns[6].samples = QStringList{u"spam"_s, u"approved"_s}; // comments.status
    edited.tables[2].name = u"labels"_s;
    edited.tables[3].columns[4].samples = QStringList{u"admin"_s}; // users.role
    Table reactions;
    reactions.name = u"reactions"_s;
    reactions.rows = 5;
    Column id;
    id.name = u"id"_s;
    id.type = u"sequence"_s;
    id.constraints = QJsonObject{{u"primaryKey"_s, true}};
    Column kind;
    kind.name = u"kind"_s;
    kind.type = u"sample"_s;
    kind.samples = QStringList{u"👍"_s, u"❤"_s, u"🎉"_s};
    reactions.columns = {id, kind};
    edited.tables.insert(1, reactions);

    Result<SchemaRecord> updated = storage->updateSchema(actor, saved.id, edited);
    QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().toString()));
    QCOMPARE(updated->id, saved.id);
    QCOMPARE(updated->userId, alice.id);
    QCOMPARE(updated->owner, u"alice"_s);
    QCOMPARE(updated->name, u"blog v2"_s);
    QCOMPARE(updated->description, edited.description);
    QCOMPARE(updated->created, original.created);
    QCOMPARE(updated->tables, 5);

    // Read back exactly as edited, under the same id, with the stored owner and created time.
    Result<Schema> loaded = storage->loadSchema(actor, saved.id);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    QCOMPARE(loaded->created, original.created);
    QCOMPARE(loaded->owner, u"alice"_s);
    edited.created = original.created;
    QCOMPARE(SchemaFile::serialize(loaded.value()), SchemaFile::serialize(edited));
    QCOMPARE(loaded.value(), edited);
    const QList<SchemaRecord> listed = storage->schemas(actor).value();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].id, saved.id);
    QCOMPARE(listed[0].name, u"blog v2"_s);
    QCOMPARE(listed[0].tables, 5);

    // The runs and their stored rows stay.
    const QList<RunRecord> runs = storage->runs(actor, saved.id).value();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs[0].id, run.id);
    QCOMPARE(runs[0].status, RunRecord::Status::Finished);
    QCOMPARE(count(raw->connection().value(), u"SELECT count(*) FROM generated_data"_s), storedValues);
    const StoredRows commentsAfter = storage->storedRows(actor, run.id, u"comments"_s, 0, 20).value();
    QCOMPARE(commentsAfter.columns, commentsBefore.columns);
    QCOMPARE(commentsAfter.rowIndexes, commentsBefore.rowIndexes);
    QVERIFY(commentsAfter.rows == commentsBefore.rows);

    // The old tables, columns and samples are gone, not orphaned.
    qint64 columns = 0;
    qint64 samples = 0;
    for (const Table &table : edited.tables) {
        columns += table.columns.size();
        for (const Column &column : table.columns)
            samples += column.samples.size();
    }
    QSqlDatabase db = raw->connection().value();
    QCOMPARE(count(db, u"SELECT count(*) FROM schema_tables"_s), 5);
    QCOMPARE(count(db, u"SELECT count(*) FROM columns"_s), columns);
    QCOMPARE(count(db, u"SELECT count(*) FROM sample_data"_s), samples);

    // Saved again unchanged, and emptied: both round-trip too.
    QVERIFY(storage->updateSchema(actor, saved.id, edited));
    QCOMPARE(storage->loadSchema(actor, saved.id).value(), edited);
    edited.tables.clear();
    QVERIFY(storage->updateSchema(actor, saved.id, edited));
    QCOMPARE(storage->loadSchema(actor, saved.id).value(), edited);
    QCOMPARE(count(db, u"SELECT count(*) FROM columns"_s), 0);
    QCOMPARE(storage->runs(actor, saved.id)->size(), 1);
}

void TestStorage::updateRefusesAndChangesNothing()
{
    auto storage = repository();
    const Actor system = Actor::systemActor();
    const UserRecord admin = storage->createUser(system, newUser(u"admin"_s, Role::Admin)).value();
    const UserRecord alice = storage->createUser(system, newUser(u"alice"_s)).value();
    const UserRecord bob = storage->createUser(system, newUser(u"bob"_s)).value();
    const Actor asAlice = Actor::of(alice);
    Schema shop = example(u"shop"_s);
    shop.tables[1].columns[4].samples = QStringList{u"new"_s, u"paid"_s};
    const SchemaRecord aliceShop = storage->saveSchema(asAlice, alice.id, shop).value();
    storage->saveSchema(asAlice, alice.id, example(u"hr"_s)).value();
    const SchemaRecord bobBlog = storage->saveSchema(Actor::of(bob), bob.id, example(u"blog"_s)).value();
    const RunRecord run = storage->startRun(asAlice, aliceShop.id, 1).value();
    const Schema before = storage->loadSchema(system, aliceShop.id).value();
    auto unchanged = [&] {
        const Result<Schema> now = storage->loadSchema(system, aliceShop.id);
        return now && now.value() == before && storage->runs(system, aliceShop.id)->size() == 1 &&
               storage->runs(system, aliceShop.id)->first().id == run.id;
    };

    Schema edited = before;
    edited.description = u"edited"_s;
    edited.tables[0].columns.removeLast();

    // A name the owner has already: refused. Another user's schema of that name does not count.
    edited.name = u"hr"_s;
    Result<SchemaRecord> result = storage->updateSchema(asAlice, aliceShop.id, edited);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::AlreadyExists);
    QVERIFY(result.error().message.contains(u"hr"_s));
    QVERIFY(unchanged());

    // Another user's schema: not even there for bob (and on PostgreSQL not even with a forged admin flag).
    edited.name = u"shop"_s;
    QCOMPARE(storage->updateSchema(Actor::of(bob), aliceShop.id, edited).error().code, ErrorCode::NotFound);
    if (postgres()) {
        Actor forged = Actor::of(bob);
        forged.admin = true;
        QCOMPARE(storage->updateSchema(forged, aliceShop.id, edited).error().code, ErrorCode::NotFound);
    }
    QCOMPARE(storage->updateSchema(asAlice, bobBlog.id, edited).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->updateSchema(asAlice, 987654, edited).error().code, ErrorCode::NotFound);
    QVERIFY(unchanged());
    QCOMPARE(storage->loadSchema(system, bobBlog.id)->name, u"blog"_s);

    // Two tables, or two columns of a table, with one name.
    Schema twins = edited;
    twins.tables[1].name = twins.tables[0].name;
    result = storage->updateSchema(asAlice, aliceShop.id, twins);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Validation);
    QVERIFY2(result.error().message.contains(u"customers"_s), qPrintable(result.error().message));
    twins = edited;
    twins.tables[1].columns[2].name = twins.tables[1].columns[1].name;
    QCOMPARE(storage->updateSchema(asAlice, aliceShop.id, twins).error().code, ErrorCode::Validation);
    QVERIFY(unchanged());

    // A failure in the middle, after the old tables were deleted and many new rows written: the database
    // refuses a negative row count of the last table (when inserting tables), or a missing name of its last
    // column (when inserting columns), and the whole update goes back.
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    for (const bool failInColumns : {false, true}) {
        Schema broken = edited;
        for (int i = 0; i < 300; ++i) { // more than one batch of tables
            Table extra = broken.tables[0];
            extra.name = u"extra_%1"_s.arg(i);
            broken.tables << extra;
        }
        if (failInColumns)
            broken.tables.last().columns.last().name = QString(); // NOT NULL
        else
            broken.tables.last().rows = -1;
        result = storage->updateSchema(asAlice, aliceShop.id, broken);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Database);
        QVERIFY2(result.error().message.contains(failInColumns ? u"columns"_s : u"row_count"_s),
                 qPrintable(result.error().message));
        QVERIFY(unchanged());
        QCOMPARE(count(raw->connection().value(),
                       u"SELECT count(*) FROM schema_tables WHERE name LIKE 'extra%'"_s),
                 0);
    }

    // The admin may update anyone's schema; the owner stays, and the name must be free among the owner's.
    edited.name = u"hr"_s;
    QCOMPARE(storage->updateSchema(Actor::of(admin), aliceShop.id, edited).error().code,
             ErrorCode::AlreadyExists);
    QVERIFY(unchanged());
    edited.name = u"blog"_s; // bob's name, not alice's
    result = storage->updateSchema(Actor::of(admin), aliceShop.id, edited);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result->userId, alice.id);
    QCOMPARE(result->owner, u"alice"_s);
    const Schema byAdmin = storage->loadSchema(asAlice, aliceShop.id).value();
    QCOMPARE(byAdmin.owner, u"alice"_s);
    QCOMPARE(byAdmin.name, u"blog"_s);
    QCOMPARE(byAdmin.tables, edited.tables);
    QCOMPARE(storage->runs(asAlice, aliceShop.id)->size(), 1);

    // And the owner, after all those failures, still saves.
    edited.name = u"shop again"_s;
    QVERIFY(storage->updateSchema(asAlice, aliceShop.id, edited));
    QCOMPARE(storage->loadSchema(asAlice, aliceShop.id)->name, u"shop again"_s);
}

void TestStorage::updateKeepsIds()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    Schema schema = example(u"blog"_s); // users, posts, comments, tags, post_tags
    schema.tables[0].columns[1].samples = QStringList{u"a"_s, u"b"_s, u"c"_s, u"b"_s};
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, schema).value();
    QCOMPARE(saved.revision, 1);
    const StoredSchema before = storage->storedSchema(actor, saved.id).value();
    QCOMPARE(before.record.revision, 1);
    QCOMPARE(before.record.id, saved.id);
    QCOMPARE(before.tableIds.size(), schema.tables.size());
    qint64 largest = 0;
    QSet<qint64> ids;
    for (int t = 0; t < before.schema.tables.size(); ++t) {
        QVERIFY(before.tableId(t) > 0);
        QCOMPARE(before.columnIds[t].size(), before.schema.tables[t].columns.size());
        for (int c = 0; c < before.columnIds[t].size(); ++c) {
            ids.insert(before.columnId(t, c));
            largest = qMax(largest, before.columnId(t, c));
        }
    }
    QCOMPARE(before.sampleIds[0][1].size(), 4);

    // Saved as the window saves (a document, no ids): tables and columns keep their ids by name, wherever
    // they moved; samples that stay keep theirs; what is new gets ids never used before.
    Schema edited = before.schema;
    edited.tables.move(0, 2);            // users after comments
    edited.tables.removeAt(3);           // tags
    edited.tables[0].columns.move(0, 2); // posts: id third
    edited.tables[0].columns[1].constraints.insert(u"maxLength"_s, 77);
    edited.tables[0].columns.removeAt(4);
    Column extra;
    extra.name = u"extra"_s;
    extra.type = u"boolean"_s;
    extra.samples = QStringList{u"true"_s};
    edited.tables[0].columns << extra;
    edited.tables[2].columns[1].samples = QStringList{u"a"_s, u"c"_s, u"b"_s, u"d"_s}; // users: one b gone
    Table fresh;
    fresh.name = u"fresh"_s;
    fresh.rows = 3;
    fresh.columns << extra;
    edited.tables << fresh;
    Result<SchemaRecord> updated = storage->updateSchema(actor, saved.id, edited);
    QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().toString()));
    QCOMPARE(updated->revision, 2);
    const StoredSchema after = storage->storedSchema(actor, saved.id).value();
    edited.owner = after.schema.owner;
    edited.created = after.schema.created;
    QCOMPARE(after.schema, edited);
    QCOMPARE(after.record.revision, 2);
    QCOMPARE(storage->schemaRecord(actor, saved.id)->revision, 2);
    QCOMPARE(storage->schemas(actor)->first().revision, 2);
    auto idOf = [](const StoredSchema &stored, const QString &table, const QString &column = {}) -> qint64 {
        const int t = stored.schema.tableIndex(table);
        if (t < 0)
            return -1;
        return column.isEmpty() ? stored.tableId(t)
                                : stored.columnId(t, stored.schema.tables[t].columnIndex(column));
    };
    for (const QString &table : {u"users"_s, u"posts"_s, u"comments"_s, u"post_tags"_s}) {
        QCOMPARE(idOf(after, table), idOf(before, table));
        for (const Column &column : after.schema.tables[after.schema.tableIndex(table)].columns) {
            if (column.name != u"extra"_s)
                QCOMPARE(idOf(after, table, column.name), idOf(before, table, column.name));
        }
    }
    QVERIFY(idOf(after, u"posts"_s, u"extra"_s) > largest);
    QVERIFY(idOf(after, u"fresh"_s, u"extra"_s) > largest);
    QVERIFY(!ids.contains(idOf(after, u"fresh"_s, u"extra"_s)));
    QVERIFY(idOf(after, u"fresh"_s) > before.tableIds.last());
    // users.<second column> had a(1) b(2) c(3) b(4) and now has a c b d: a, c and the second b stay.
    const QList<qint64> samplesBefore = before.sampleIds[0][1];
    const QList<qint64> samplesAfter = after.sampleIds[2][1];
    QCOMPARE(samplesAfter.size(), 4);
    QCOMPARE(samplesAfter[0], samplesBefore[0]);
    QCOMPARE(samplesAfter[1], samplesBefore[2]);
    QCOMPARE(samplesAfter[2], samplesBefore[3]);
    QVERIFY(samplesAfter[3] > samplesBefore[3]);
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    QSqlDatabase db = raw->connection().value();
    QCOMPARE(count(db, u"SELECT count(*) FROM schema_tables"_s), edited.tables.size());

    // Through the ids, a rename keeps them: two columns of posts swap names, and the table is renamed.
    StoredSchema renamed = after;
    Table &posts = renamed.schema.tables[0];
    const QString first = posts.columns[0].name;
    posts.columns[0].name = posts.columns[1].name;
    posts.columns[1].name = first;
    posts.name = u"articles"_s;
    Result<StoredSchema> stored = storage->updateStoredSchema(actor, renamed, 2);
    QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().toString()));
    QCOMPARE(stored->record.revision, 3);
    QCOMPARE(stored->tableIds, after.tableIds);
    QCOMPARE(stored->columnIds, after.columnIds);
    QCOMPARE(stored->sampleIds, after.sampleIds);
    QCOMPARE(stored->schema.tables[0].name, u"articles"_s);
    QCOMPARE(stored->schema.tables[0].columns[0].name, after.schema.tables[0].columns[1].name);

    // Samples by id: of two equal values, the one whose id is left out goes.
    StoredSchema samples = stored.value();
    samples.schema.tables[0].columns[2].samples = QStringList{u"x"_s, u"x"_s, u"y"_s};
    stored = storage->updateStoredSchema(actor, samples, std::nullopt);
    QVERIFY(stored);
    const QList<qint64> three = stored->sampleIds[0][2];
    QCOMPARE(three.size(), 3);
    samples = stored.value();
    samples.schema.tables[0].columns[2].samples.removeFirst();
    samples.sampleIds[0][2].removeFirst();
    samples.schema.tables[0].columns[2].samples << u"z"_s;
    samples.padIds();
    stored = storage->updateStoredSchema(actor, samples, std::nullopt);
    QVERIFY(stored);
    QCOMPARE(stored->schema.tables[0].columns[2].samples, (QStringList{u"x"_s, u"y"_s, u"z"_s}));
    QCOMPARE(stored->sampleIds[0][2].mid(0, 2), three.mid(1, 2));
    QVERIFY(stored->sampleIds[0][2][2] > three[2]);

    // A deleted table's id is never given to a new one (nor its columns' ids to new columns).
    const qint64 lastTable = stored->tableIds.last();
    const qint64 lastColumn = stored->columnIds.last().last();
    Schema shorter = stored->schema;
    shorter.tables.removeLast();
    QVERIFY(storage->updateSchema(actor, saved.id, shorter));
    shorter.tables << fresh;
    QVERIFY(storage->updateSchema(actor, saved.id, shorter));
    const StoredSchema last = storage->storedSchema(actor, saved.id).value();
    QVERIFY(last.tableIds.last() > lastTable);
    QVERIFY(last.columnIds.last().last() > lastColumn);
    QCOMPARE(last.record.revision, 7);

    // The table and column ids lead back to their schema for its owner and an admin, for nobody else.
    const UserRecord bob = storage->createUser(Actor::systemActor(), newUser(u"bob"_s)).value();
    const UserRecord admin =
        storage->createUser(Actor::systemActor(), newUser(u"root"_s, Role::Admin)).value();
    QCOMPARE(storage->tableSchema(actor, last.tableId(1)).value(), saved.id);
    QCOMPARE(storage->columnSchema(actor, last.columnId(1, 0)).value(), saved.id);
    QCOMPARE(storage->tableSchema(Actor::of(admin), last.tableId(1)).value(), saved.id);
    QCOMPARE(storage->tableSchema(Actor::of(bob), last.tableId(1)).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->columnSchema(Actor::of(bob), last.columnId(1, 0)).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->storedSchema(Actor::of(bob), saved.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->schemaRecord(Actor::of(bob), saved.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->tableSchema(actor, lastTable).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->columnSchema(actor, 987654).error().code, ErrorCode::NotFound);
    if (postgres()) {
        Actor forged = Actor::of(bob);
        forged.admin = true;
        QCOMPARE(storage->tableSchema(forged, last.tableId(1)).error().code, ErrorCode::NotFound);
        QCOMPARE(storage->columnSchema(forged, last.columnId(1, 0)).error().code, ErrorCode::NotFound);
        QCOMPARE(storage->storedSchema(forged, saved.id).error().code, ErrorCode::NotFound);
    }
}

void TestStorage::revisionRefusesStaleWrites()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, example(u"shop"_s)).value();
    const Schema original = storage->loadSchema(actor, saved.id).value();
    Schema edited = original;
    edited.description = u"first"_s;
    QCOMPARE(storage->updateSchema(actor, saved.id, edited, 1)->revision, 2);
    // Written against revision 1 again: refused, nothing changed.
    Schema stale = original;
    stale.description = u"second"_s;
    stale.tables.removeLast();
    Result<SchemaRecord> refused = storage->updateSchema(actor, saved.id, stale, 1);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QCOMPARE(storage->loadSchema(actor, saved.id)->description, u"first"_s);
    QCOMPARE(storage->loadSchema(actor, saved.id)->tables.size(), 2);
    QCOMPARE(storage->schemaRecord(actor, saved.id)->revision, 2);
    StoredSchema stored = storage->storedSchema(actor, saved.id).value();
    QCOMPARE(storage->updateStoredSchema(actor, stored, 1).error().code, ErrorCode::Conflict);
    // A failing write does not raise the revision either.
    Schema twins = edited;
    twins.tables[1].name = twins.tables[0].name;
    QCOMPARE(storage->updateSchema(actor, saved.id, twins).error().code, ErrorCode::Validation);
    QCOMPARE(storage->schemaRecord(actor, saved.id)->revision, 2);
    // Deleting at a stale revision is refused too; at the current one it deletes.
    QCOMPARE(storage->deleteSchema(actor, saved.id, 1).error().code, ErrorCode::Conflict);
    QCOMPARE(storage->deleteSchema(actor, 987654, 1).error().code, ErrorCode::NotFound);
    QVERIFY(storage->deleteSchema(actor, saved.id, 2));
    QCOMPARE(storage->schemaRecord(actor, saved.id).error().code, ErrorCode::NotFound);

    // Writers that read the same revision at the same moment: exactly one of them wins, every time.
    const SchemaRecord contested = storage->saveSchema(actor, alice.id, example(u"shop"_s)).value();
    Repository *shared = storage.get();
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    for (int round = 0; round < 5; ++round) {
        const StoredSchema base = storage->storedSchema(actor, contested.id).value();
        QList<QFuture<ErrorCode>> writers;
        for (int w = 0; w < 4; ++w) {
            writers << QtConcurrent::run(&pool, [shared, actor, base, w] {
                StoredSchema mine = base;
                mine.schema.tables[0].columns[1].samples << u"writer %1"_s.arg(w);
                mine.padIds();
                const Result<StoredSchema> written =
                    shared->updateStoredSchema(actor, mine, base.record.revision);
                return written ? ErrorCode::Internal : written.error().code; // Internal stands for "written"
            });
        }
        int won = 0;
        for (QFuture<ErrorCode> &writer : writers) {
            const ErrorCode code = writer.result();
            if (code == ErrorCode::Internal)
                ++won;
            else
                QCOMPARE(code, ErrorCode::Conflict);
        }
        QCOMPARE(won, 1);
        QCOMPARE(storage->schemaRecord(actor, contested.id)->revision, base.record.revision + 1);
    }
    QCOMPARE(storage->loadSchema(actor, contested.id)->tables[0].columns[1].samples.size(), 5);

    // Read, change, write against the revision read, again on a conflict: no change is lost.
    QList<QFuture<QString>> editors;
    for (int e = 0; e < 6; ++e) {
        editors << QtConcurrent::run(&pool, [shared, actor, id = contested.id, e] {
            for (int attempt = 0; attempt < 100; ++attempt) {
                Result<StoredSchema> base = shared->storedSchema(actor, id);
                if (!base)
                    return base.error().toString();
                StoredSchema mine = base.value();
                mine.schema.tables[1].columns[0].samples << u"editor %1"_s.arg(e);
                mine.padIds();
                const Result<StoredSchema> written =
                    shared->updateStoredSchema(actor, mine, base->record.revision);
                if (written)
                    return QString();
                if (written.error().code != ErrorCode::Conflict)
                    return written.error().toString();
            }
            return u"no luck in 100 attempts"_s;
        });
    }
    for (QFuture<QString> &editor : editors)
        QCOMPARE(editor.result(), QString());
    QStringList samples = storage->loadSchema(actor, contested.id)->tables[1].columns[0].samples;
    samples.sort();
    QCOMPARE(samples, (QStringList{u"editor 0"_s, u"editor 1"_s, u"editor 2"_s, u"editor 3"_s, u"editor 4"_s,
                                   u"editor 5"_s}));
}

void TestStorage::upgradeKeepsSchemaIds()
{
    // A schema stored by version 4 keeps its ids through the upgrade and starts at revision 1.
    const DatabaseUrl url = m_databases.fresh();
    std::unique_ptr<Repository> storage = std::move(Repository::open(url).value());
    QCOMPARE(storage->migrate(4).value(), 4);
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    std::shared_ptr<Database> raw = Database::open(url).value();
    QSqlDatabase db = raw->connection().value();
    auto insert = [&db](const QString &sql) -> qint64 {
        QSqlQuery query(db);
        if (!query.exec(sql + u" RETURNING id"_s) || !query.next())
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return query.value(0).toLongLong();
    };
    const qint64 schemaId = insert(u"INSERT INTO schemas (user_id, name, created) VALUES (%1, 'old', "
                                   u"'2020-01-01T00:00:00Z')"_s.arg(alice.id));
    QList<qint64> tableIds;
    for (const QString &name : {u"first"_s, u"second"_s})
        tableIds << insert(u"INSERT INTO schema_tables (schema_id, name, row_count, position) "
                           u"VALUES (%1, '%2', 5, %3)"_s.arg(schemaId)
                               .arg(name)
                               .arg(tableIds.size()));
    const qint64 columnId = insert(u"INSERT INTO columns (table_id, name, data_type, position) "
                                   u"VALUES (%1, 'id', 'sequence', 0)"_s.arg(tableIds.last()));
    const qint64 sampleId =
        insert(u"INSERT INTO sample_data (column_id, value) VALUES (%1, 'seven')"_s.arg(columnId));

    QCOMPARE(storage->migrate().value(), Migrations::latestVersion(url.dialect));
    const StoredSchema stored = storage->storedSchema(Actor::of(alice), schemaId).value();
    QCOMPARE(stored.record.revision, 1);
    QCOMPARE(stored.tableIds, tableIds);
    QCOMPARE(stored.columnIds, (QList<QList<qint64>>{{}, {columnId}}));
    QCOMPARE(stored.sampleIds, (QList<QList<QList<qint64>>>{{}, {{sampleId}}}));
    QCOMPARE(stored.schema.tables[1].columns[0].samples, QStringList{u"seven"_s});

    // The last table deleted and another added: a new id, not the deleted one's.
    Schema edited = stored.schema;
    edited.tables.removeLast();
    QVERIFY(storage->updateSchema(Actor::of(alice), schemaId, edited));
    Table third;
    third.name = u"third"_s;
    edited.tables << third;
    QVERIFY(storage->updateSchema(Actor::of(alice), schemaId, edited));
    QVERIFY(storage->storedSchema(Actor::of(alice), schemaId)->tableIds.last() > tableIds.last());
    QCOMPARE(storage->schemaRecord(Actor::of(alice), schemaId)->revision, 3);
    // Runs of the schema survive too (SQLite rebuilt the table they reference).
    QVERIFY(storage->startRun(Actor::of(alice), schemaId, 1));
    QVERIFY(storage->deleteSchema(Actor::of(alice), schemaId));
    QCOMPARE(count(db, u"SELECT count(*) FROM generation_runs"_s), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM columns"_s), 0);
}

QString TestStorage::store(Repository &repository, const Actor &actor, qint64 runId, const Schema &schema,
                           int failAt, int rows)
{
    Plan::Options options;
    options.seed = 99;
    for (const Table &table : schema.tables)
        options.rows.insert(table.name, rows);
    Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, options);
    if (!plan)
        return plan.error().toString();
    Result<std::unique_ptr<Sink>> sink = repository.generatedDataSink(actor, runId);
    if (!sink)
        return sink.error().toString();
    GenerationJob::Options job;
    job.threads = 2;
    job.chunkRows = 16;
    test::FailingSink failing(**sink, failAt);
    Result<GenerationJob::Summary> done = GenerationJob::run(**plan, failAt >= 0 ? failing : **sink, job);
    return done ? QString() : done.error().toString();
}

void TestStorage::storesAndReadsGeneratedData()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    const Schema schema = example(u"shop"_s);
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, schema).value();
    const RunRecord run = storage->startRun(actor, saved.id, 99).value();
    QCOMPARE(run.status, RunRecord::Status::Running);
    QCOMPARE(store(*storage, actor, run.id, schema), QString());
    QVERIFY(storage->finishRun(actor, run.id, RunRecord::Status::Finished,
                               {{u"customers"_s, 40}, {u"orders"_s, 40}}));
    const RunRecord finished = storage->run(actor, run.id).value();
    QCOMPARE(finished.status, RunRecord::Status::Finished);
    QCOMPARE(finished.seed, quint64(99));
    QCOMPARE(finished.rowCounts.value(u"orders"_s), 40);
    QVERIFY(finished.finished >= finished.started);

    // Read back as a table: the same values the engine makes for these rows, NULLs as NULLs.
    Plan::Options options;
    options.seed = 99;
    options.rows = {{u"customers"_s, 40}, {u"orders"_s, 40}};
    const auto plan = Plan::compile(schema, options).value();
    for (std::size_t t = 0; t < plan->tables().size(); ++t) {
        const TablePlan &table = plan->tables()[t];
        TableChunk expected;
        plan->fillChunk(int(t), 10, 20, expected);
        Result<StoredRows> rows = storage->storedRows(actor, run.id, table.name, 10, 20);
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().toString()));
        QCOMPARE(rows->rows.size(), 20);
        QCOMPARE(rows->rowIndexes.first(), 10);
        QCOMPARE(rows->columns.size(), qsizetype(table.columns.size()));
        int nulls = 0;
        for (int r = 0; r < 20; ++r) {
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                QCOMPARE(rows->columns[qsizetype(c)], table.columns[c].name);
                const ColumnChunk &column = expected.columns[c];
                const std::optional<QString> &stored = rows->rows[r][qsizetype(c)];
                if (column.isNull(r)) {
                    QVERIFY(!stored.has_value());
                    ++nulls;
                } else {
                    QVERIFY(stored.has_value());
                    QCOMPARE(stored->toUtf8(), QByteArray::fromStdString(std::string(column.value(r))));
                }
            }
        }
        if (table.name == u"orders"_s)
            QVERIFY(nulls > 0); // note is NULL in about 30 % of the rows
    }
    QCOMPARE(storage->storedRows(actor, run.id, u"nope"_s, 0, 10).error().code, ErrorCode::NotFound);

    // Re-exported through a sink, page by page, the stored rows are the very bytes the engine writes.
    QTemporaryDir dir;
    ExportOptions exportOptions;
    exportOptions.path = dir.filePath(u"stored"_s);
    std::unique_ptr<Sink> fromStorage = ExportFormat::find(u"csv")->create(exportOptions);
    const Result<qint64> exported = StoredRunExport::run(*storage, actor, run.id, *fromStorage, 7);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().toString()));
    QCOMPARE(exported.value(), qint64(80));
    exportOptions.path = dir.filePath(u"direct"_s);
    std::unique_ptr<Sink> direct = ExportFormat::find(u"csv")->create(exportOptions);
    QVERIFY(GenerationJob::run(*plan, *direct, GenerationJob::Options{}));
    for (const QString &file : {u"customers.csv"_s, u"orders.csv"_s}) {
        QFile a(dir.filePath(u"stored/"_s + file));
        QFile b(dir.filePath(u"direct/"_s + file));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray stored = a.readAll();
        QVERIFY(stored.size() > 1000);
        QCOMPARE(stored, b.readAll());
    }
    // Another user cannot re-export it.
    const UserRecord bob = storage->createUser(Actor::systemActor(), newUser(u"bob"_s)).value();
    exportOptions.path = dir.filePath(u"bob"_s);
    std::unique_ptr<Sink> bobs = ExportFormat::find(u"csv")->create(exportOptions);
    QCOMPARE(StoredRunExport::run(*storage, Actor::of(bob), run.id, *bobs).error().code, ErrorCode::NotFound);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"bob/customers.csv"_s)));
}

void TestStorage::failedSaveLeavesNothing()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    const Schema schema = example(u"shop"_s);
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, schema).value();
    const RunRecord run = storage->startRun(actor, saved.id, 99).value();
    // Chunks of 16 rows: the failure comes at the fourth chunk, after 48 rows were sent.
    QCOMPARE(store(*storage, actor, run.id, schema, 3), u"injected failure"_s);
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    QCOMPARE(count(raw->connection().value(), u"SELECT count(*) FROM generated_data"_s), 0);
    // A run of another user's schema is refused before anything is written.
    const UserRecord bob = storage->createUser(Actor::systemActor(), newUser(u"bob"_s)).value();
    QVERIFY(store(*storage, Actor::of(bob), run.id, schema).contains(u"no run"_s));
    // The storage is still usable: the same run saves completely.
    QCOMPARE(store(*storage, actor, run.id, schema), QString());
    QCOMPARE(count(raw->connection().value(), u"SELECT count(*) FROM generated_data"_s),
             qint64(40 * (schema.tables[0].columns.size() + schema.tables[1].columns.size())));
}

void TestStorage::deletesCascade()
{
    auto storage = repository();
    const UserRecord admin =
        storage->createUser(Actor::systemActor(), newUser(u"admin"_s, Role::Admin)).value();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    Schema schema = example(u"shop"_s);
    schema.tables[0].columns[1].samples = QStringList{u"a"_s, u"b"_s};
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, schema).value();
    const RunRecord run = storage->startRun(actor, saved.id, 1).value();
    QCOMPARE(store(*storage, actor, run.id, schema), QString());
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    QSqlDatabase db = raw->connection().value();
    QVERIFY(count(db, u"SELECT count(*) FROM sample_data"_s) == 2);
    QVERIFY(count(db, u"SELECT count(*) FROM generated_data"_s) > 0);

    QVERIFY(storage->deleteSchema(actor, saved.id));
    for (const QString &table : {u"schemas"_s, u"schema_tables"_s, u"columns"_s, u"sample_data"_s,
                                 u"generation_runs"_s, u"generated_data"_s})
        QCOMPARE(count(db, u"SELECT count(*) FROM "_s + table), 0);

    // Deleting a user takes their schemas along.
    storage->saveSchema(actor, alice.id, schema).value();
    QVERIFY(storage->deleteUser(Actor::of(admin), alice.id));
    QCOMPARE(count(db, u"SELECT count(*) FROM schemas"_s), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM columns"_s), 0);
}

void TestStorage::worksFromManyThreads()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    Repository *shared = storage.get();
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    QList<QFuture<QString>> futures;
    for (int i = 0; i < 8; ++i) {
        futures << QtConcurrent::run(&pool, [shared, actor, alice, i] {
            Schema schema = example(u"blog"_s);
            schema.name = u"blog %1"_s.arg(i);
            Result<SchemaRecord> saved = shared->saveSchema(actor, alice.id, schema);
            if (!saved)
                return saved.error().toString();
            Result<Schema> loaded = shared->loadSchema(actor, saved->id);
            return loaded && loaded->name == schema.name ? QString() : u"lost schema %1"_s.arg(i);
        });
    }
    for (QFuture<QString> &future : futures)
        QCOMPARE(future.result(), QString());
    pool.waitForDone();
    QCOMPARE(storage->schemas(actor)->size(), 8);

    // Threads that end take their connections with them: a pool that came and went leaves none open.
    const QStringList before = QSqlDatabase::connectionNames();
    {
        QThreadPool passing;
        passing.setMaxThreadCount(3);
        for (int i = 0; i < 6; ++i)
            passing.start([shared, actor] { QVERIFY(shared->schemas(actor).ok()); });
        passing.waitForDone(); // its threads end here
    }
    QTRY_COMPARE(QSqlDatabase::connectionNames(), before);
}

void TestStorage::roundTripsLargeSchema()
{
    // A 1,000-table schema round-trips through save, load and an update in place. How fast is measured in
    // bench/ (bench_workbench opens and saves such a schema), not here: a timed test would be flaky.
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    Schema schema = largeSchema(1000, 20);
    Result<SchemaRecord> saved = storage->saveSchema(actor, alice.id, schema);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    Result<Schema> loaded = storage->loadSchema(actor, saved->id);
    QVERIFY(loaded);
    schema.owner = loaded->owner;
    schema.created = loaded->created;
    QVERIFY(loaded.value() == schema);

    // Edited in the window and saved in place: every table renamed, one column less, samples changed.
    for (Table &table : schema.tables) {
        table.name += u"_v2"_s;
        table.columns.removeAt(3);
        table.columns[0].samples = QStringList{u"x"_s};
    }
    Result<SchemaRecord> updated = storage->updateSchema(actor, saved->id, schema);
    QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().toString()));
    QVERIFY(storage->loadSchema(actor, saved->id).value() == schema);
}

// A reader never waits for a writer: on SQLite (one writer at a time) a read takes a snapshot, so a long
// write elsewhere (a stored run, an import) does not stall sign-ins and lists.
void TestStorage::readsBesideAWriter()
{
    auto storage = repository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    QSemaphore holding;
    QSemaphore readsDone;
    // A QThread (not a std::thread): its connection closes when it ends, as a pool thread's does.
    std::unique_ptr<QThread> writer(QThread::create([&] {
        // Another connection, on its own thread, holds the write lock while the reads below run.
        std::shared_ptr<Database> other = Database::open(storage->url()).value();
        QSqlDatabase db = other->connection().value();
        QSqlQuery(db).exec(postgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
        QSqlQuery(db).exec(u"UPDATE users SET email = 'held@example.com' WHERE id = %1"_s.arg(alice.id));
        holding.release();
        readsDone.acquire();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
    }));
    writer->start();
    holding.acquire();
    const bool listed = storage->users(Actor::systemActor()).ok();
    Result<UserRecord> read = storage->user(Actor::of(alice), alice.id);
    const bool schemas = storage->schemas(Actor::of(alice)).ok();
    const bool runs = storage->runs(Actor::of(alice), 0).ok();
    readsDone.release();
    writer->wait();
    QVERIFY(listed);
    QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->email, alice.email); // the writer's change is not committed
    QVERIFY(schemas);
    QVERIFY(runs);
}

void TestStorage::rowLevelSecurity()
{
    if (!postgres())
        return; // SQLite has no roles: access control there is the application's (tested above)
    auto storage = repository();
    const Actor system = Actor::systemActor();
    const UserRecord admin = storage->createUser(system, newUser(u"admin"_s, Role::Admin)).value();
    const UserRecord alice = storage->createUser(system, newUser(u"alice"_s)).value();
    const UserRecord bob = storage->createUser(system, newUser(u"bob"_s)).value();
    Schema schema = example(u"shop"_s);
    schema.tables[0].columns[1].samples = QStringList{u"secret sample"_s};
    const SchemaRecord aliceSchema = storage->saveSchema(Actor::of(alice), alice.id, schema).value();
    const RunRecord aliceRun = storage->startRun(Actor::of(alice), aliceSchema.id, 5).value();
    QCOMPARE(store(*storage, Actor::of(alice), aliceRun.id, schema), QString());
    storage->saveSchema(Actor::of(bob), bob.id, example(u"blog"_s)).value();

    // A direct SQL session, as the application's role, acting for bob: the database itself hides
    // alice's rows, whatever the query asks for.
    std::shared_ptr<Database> raw = Database::open(storage->url()).value();
    QSqlDatabase db = raw->connection().value();
    auto as = [&db](qint64 userId) {
        QSqlQuery setup(db);
        QVERIFY(db.transaction());
        QVERIFY(setup.exec(u"SET LOCAL ROLE fabrica_app"_s));
        QVERIFY(setup.exec(u"SELECT set_config('fabrica.user_id', '%1', true)"_s.arg(userId)));
    };
    as(bob.id);
    QCOMPARE(count(db, u"SELECT count(*) FROM users"_s), 1);
    QCOMPARE(count(db, u"SELECT count(*) FROM schemas WHERE user_id = %1"_s.arg(alice.id)), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM schema_tables t JOIN schemas s ON s.id = t.schema_id "
                       u"WHERE s.user_id = %1"_s.arg(alice.id)),
             0);
    QCOMPARE(count(db, u"SELECT count(*) FROM schema_tables WHERE schema_id = %1"_s.arg(aliceSchema.id)), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM columns"_s),
             count(db, u"SELECT count(*) FROM columns c "
                       u"JOIN schema_tables t ON t.id = c.table_id "
                       u"JOIN schemas s ON s.id = t.schema_id "
                       u"WHERE s.user_id = %1"_s.arg(bob.id)));
    QCOMPARE(count(db, u"SELECT count(*) FROM sample_data WHERE value = 'secret sample'"_s), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM generation_runs"_s), 0);
    QCOMPARE(count(db, u"SELECT count(*) FROM generated_data"_s), 0);
    QVERIFY(count(db, u"SELECT count(*) FROM schemas"_s) == 1);
    {
        // Bob can neither change alice's rows nor make himself an admin nor plant a schema on her.
        QSqlQuery write(db);
        QVERIFY(write.exec(u"UPDATE schemas SET name = 'taken' WHERE user_id = %1"_s.arg(alice.id)));
        QCOMPARE(write.numRowsAffected(), 0);
        QVERIFY(write.exec(u"DELETE FROM generated_data"_s));
        QCOMPARE(write.numRowsAffected(), 0);
        QVERIFY(!write.exec(u"UPDATE users SET role = 'admin' WHERE id = %1"_s.arg(bob.id)));
    }
    db.rollback();
    // What updateSchema does (update the schemas row, delete its tables): nothing of alice's for bob …
    auto updateInPlace = [&db, &aliceSchema](qint64 userId, int expected) {
        QVERIFY(db.transaction());
        QSqlQuery setup(db);
        QVERIFY(setup.exec(u"SET LOCAL ROLE fabrica_app"_s));
        QVERIFY(setup.exec(u"SELECT set_config('fabrica.user_id', '%1', true)"_s.arg(userId)));
        QSqlQuery write(db);
        QVERIFY2(write.exec(u"UPDATE schemas SET name = 'edited', description = 'x' WHERE id = %1"_s.arg(
                     aliceSchema.id)),
                 qPrintable(write.lastError().text()));
        QCOMPARE(write.numRowsAffected(), expected);
        QVERIFY2(write.exec(u"DELETE FROM schema_tables WHERE schema_id = %1"_s.arg(aliceSchema.id)),
                 qPrintable(write.lastError().text()));
        QCOMPARE(write.numRowsAffected(), expected == 0 ? 0 : 2);
        QVERIFY2(
            write.exec(u"INSERT INTO schema_tables (schema_id, name, position) VALUES (%1, 't', 0)"_s.arg(
                aliceSchema.id)) == (expected == 1),
            qPrintable(write.lastError().text()));
        db.rollback();
    };
    updateInPlace(bob.id, 0);
    // … while alice herself and the admin may.
    updateInPlace(alice.id, 1);
    updateInPlace(admin.id, 1);
    QCOMPARE(storage->loadSchema(Actor::of(alice), aliceSchema.id)->tables.size(), 2);
    as(bob.id);
    {
        QSqlQuery write(db);
        QVERIFY(!write.exec(u"INSERT INTO schemas (user_id, name) VALUES (%1, 'planted')"_s.arg(alice.id)));
    }
    db.rollback();
    // Without a user id, nothing at all.
    {
        QVERIFY(db.transaction());
        QSqlQuery setup(db);
        QVERIFY(setup.exec(u"SET LOCAL ROLE fabrica_app"_s));
        QCOMPARE(count(db, u"SELECT count(*) FROM users"_s), 0);
        QCOMPARE(count(db, u"SELECT count(*) FROM schemas"_s), 0);
        db.rollback();
    }
    // The admin, as the database reads it from users, sees everything.
    as(admin.id);
    QCOMPARE(count(db, u"SELECT count(*) FROM users"_s), 3);
    QCOMPARE(count(db, u"SELECT count(*) FROM schemas"_s), 2);
    QVERIFY(count(db, u"SELECT count(*) FROM generated_data"_s) > 0);
    db.rollback();
    // The application's role owns none of the tables.
    QCOMPARE(count(db, u"SELECT count(*) FROM pg_tables WHERE tableowner = 'fabrica_app'"_s), 0);

    // And the repository, asked by bob for alice's things through its own methods, goes through the same
    // wall: even with a forged admin flag, the database shows bob nothing of alice's.
    Actor forged = Actor::of(bob);
    forged.admin = true;
    QCOMPARE(storage->loadSchema(forged, aliceSchema.id).error().code, ErrorCode::NotFound);
    QCOMPARE(storage->schemas(forged)->size(), 1);
    QCOMPARE(storage->storedRows(forged, aliceRun.id, u"orders"_s, 0, 10).error().code, ErrorCode::NotFound);
}

void TestStorage::reportsServerVersion()
{
    Result<std::shared_ptr<Database>> database = Database::open(m_databases.fresh());
    QVERIFY2(database, database ? "" : qPrintable(database.error().toString()));
    const Result<QString> version = (*database)->serverVersion();
    QVERIFY2(version, version ? "" : qPrintable(version.error().toString()));
    // The server's own words: PostgreSQL's version(), or the SQLite library's number.
    const QRegularExpression expected(postgres() ? u"^PostgreSQL \\d+(\\.\\d+)*"_s
                                                 : u"^SQLite 3\\.\\d+\\.\\d+$"_s);
    QVERIFY2(expected.match(*version).hasMatch(), qPrintable(*version));
    if (postgres()) {
        QSqlDatabase db = (*database)->connection().value();
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SHOW server_version"_s) && query.next());
        QVERIFY2(version->contains(query.value(0).toString().section(u' ', 0, 0)), qPrintable(*version));
    }
}

// Database URLs as users type them.
class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void parses();
    void roundTripsWithoutPassword();
    void refuses_data();
    void refuses();
};

void TestDatabaseUrl::parses()
{
    Result<DatabaseUrl> url = DatabaseUrl::parse(
        u"postgresql://app%40corp:s%3Acret@db.example.com:6543/shop?sslmode=verify-full&schema=load&connect_timeout=5"_s);
    QVERIFY2(url, qPrintable(url ? QString() : url.error().toString()));
    QVERIFY(url->isPostgres());
    QCOMPARE(url->user, u"app@corp"_s);
    QCOMPARE(url->password, u"s:cret"_s);
    QCOMPARE(url->host, u"db.example.com"_s);
    QCOMPARE(url->port, 6543);
    QCOMPARE(url->database, u"shop"_s);
    QCOMPARE(url->schema, u"load"_s);
    QCOMPARE(url->options.value(u"sslmode"_s), u"verify-full"_s);
    // The password never shows.
    QVERIFY(!url->displayString().contains(u"cret"_s));
    QVERIFY(url->displayString().contains(u"db.example.com:6543/shop"_s));
    QVERIFY(url->connectOptions().contains(u"sslmode=verify-full"_s));
    QVERIFY(url->connectOptions().contains(u"connect_timeout=5"_s));
    QVERIFY(url->connectOptions().contains(u"application_name=fabrica"_s));

    url = DatabaseUrl::parse(u"postgres://localhost"_s);
    QVERIFY(url);
    QCOMPARE(url->port, 0);
    QCOMPARE(url->database, QString());

    url = DatabaseUrl::parse(u"sqlite:data/fabrica.db"_s);
    QVERIFY(url);
    QCOMPARE(url->dialect, SqlDialect::SQLite);
    QCOMPARE(url->path, u"data/fabrica.db"_s);
    QCOMPARE(DatabaseUrl::parse(u"sqlite:///var/lib/x.db"_s)->path, u"/var/lib/x.db"_s);
}

void TestDatabaseUrl::roundTripsWithoutPassword()
{
    // toString() is what saved connections keep: read back, it is the same URL minus the password.
    for (const QString &text :
         {u"postgresql://app%40corp:s%3Acret@db.example.com:6543/shop?sslmode=verify-full&schema=load"_s,
          u"postgresql://u@h/d?schema=Gro%C3%9F%20und%20klein&sslmode=require"_s,
          u"postgresql://u@h/d?schema=a%26b%3Dc%23d%2Be%25f"_s, u"postgresql://u@localhost:5432/d"_s,
          u"sqlite:/tmp/some folder/a.db"_s}) {
        Result<DatabaseUrl> url = DatabaseUrl::parse(text);
        QVERIFY2(url, qPrintable(text));
        QVERIFY(!url->toString().contains(u"cret"_s));
        const Result<DatabaseUrl> reread = DatabaseUrl::parse(url->toString());
        QVERIFY2(reread,
                 qPrintable(url->toString() + u": "_s + (reread ? QString() : reread.error().toString())));
        DatabaseUrl withoutPassword = *url;
        withoutPassword.password.clear();
        QVERIFY2(*reread == withoutPassword, qPrintable(url->toString()));
    }
    QCOMPARE(DatabaseUrl::parse(u"postgresql://u@h/d?schema=Gro%C3%9F%20und%20klein"_s)->schema,
             u"Groß und klein"_s);
    QCOMPARE(DatabaseUrl::parse(u"postgresql://u@h/d?schema=a%26b%3Dc%23d%2Be%25f"_s)->schema,
             u"a&b=c#d+e%f"_s);
    // For people, the display form stays readable.
    QVERIFY(
        DatabaseUrl::parse(u"postgresql://u@h/d?schema=Gro%C3%9F"_s)->displayString().contains(u"Groß"_s));
    // Every mode the list offers is one parse() takes.
    QCOMPARE(DatabaseUrl::sslModes().size(), 6);
    for (const QString &mode : DatabaseUrl::sslModes())
        QVERIFY2(DatabaseUrl::parse(u"postgresql://u@h/d?sslmode="_s + mode), qPrintable(mode));
}

void TestDatabaseUrl::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("scheme") << u"oracle://root@localhost/x"_s << u"expected postgresql://"_s;
    QTest::newRow("mysql without database") << u"mysql://root@localhost"_s << u"names its database"_s;
    QTest::newRow("mysql schema") << u"mysql://root@localhost/d?schema=s"_s << u"unknown option \"schema\""_s;
    QTest::newRow("empty sqlite") << u"sqlite:"_s << u"needs a file name"_s;
    QTest::newRow("two path parts") << u"postgresql://u@h/a/b"_s << u"names one database"_s;
    QTest::newRow("unknown option") << u"postgresql://u@h/d?sslmod=require"_s
                                    << u"unknown option \"sslmod\""_s;
    QTest::newRow("bad sslmode") << u"postgresql://u@h/d?sslmode=always"_s << u"sslmode must be one of"_s;
    QTest::newRow("option injection")
        << u"postgresql://u@h/d?application_name=a;host=evil"_s << u"may not contain"_s;
    QTest::newRow("port") << u"postgresql://u@h:99999/d"_s << u"expected postgresql://"_s;
}

void TestDatabaseUrl::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    QVERIFY(!url);
    QCOMPARE(url.error().code, ErrorCode::InvalidInput);
    QVERIFY2(url.error().message.contains(message), qPrintable(url.error().message));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestDatabaseUrl urls;
    return QTest::qExec(&urls, argc, argv) + test::runOnEveryBackend<TestStorage>(argc, argv);
}

#include "tst_storage.moc"
