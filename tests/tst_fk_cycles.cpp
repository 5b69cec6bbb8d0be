// Foreign-key cycles, NOT NULL ones included (Sakila's store <-> staff): valid, generated from parent row
// numbers, written with the keys after the data in every SQL dialect, loaded into new tables, and appended
// into existing tables that enforce the cycle: deferred where the keys are DEFERRABLE (PostgreSQL), with
// the triggers off only when asked (--disable-triggers), deferred to COMMIT in SQLite, and otherwise
// refused before anything is written. Appending also writes only the columns the target lets it write.

#include "CliRunner.h"
#include "SchemaBuilding.h"
#include "StorageTestSupport.h"

#include "export/DatabaseSink.h"
#include "export/SqlSink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "jobs/GenerationRequest.h"
#include "storage/Database.h"
#include "validate/SchemaValidator.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fabrica;
using namespace Qt::StringLiterals;
using test::column;

namespace {

// Sakila's cycle: every store has a manager on its staff, every staff member works in a store.
Schema storeAndStaff(qint64 rows = 50)
{
    Schema schema;
    schema.name = u"rental"_s;
    schema.tables = {
        Table{u"store"_s,
              {},
              rows,
              {column(u"store_id"_s, u"sequence"_s, R"({"primaryKey": true})"),
               column(u"manager_staff_id"_s, u"foreign_key"_s,
                      R"({"references": "staff.staff_id", "notNull": true, "unique": true})"),
               column(u"name"_s, u"city"_s, R"({"notNull": true})")}},
        Table{
            u"staff"_s,
            {},
            rows * 2,
            {column(u"staff_id"_s, u"sequence"_s, R"({"primaryKey": true})"),
             column(u"store_id"_s, u"foreign_key"_s, R"({"references": "store.store_id", "notNull": true})"),
             column(u"first_name"_s, u"first_name"_s, R"({"notNull": true})")}},
    };
    return schema;
}

std::shared_ptr<const Plan> compile(const Schema &schema)
{
    Plan::Options options;
    options.seed = 5;
    Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, options);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    return *plan;
}

QString load(const Plan &plan, const std::shared_ptr<Database> &database,
             const DatabaseSink::Options &options)
{
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(database, options);
    if (!sink)
        return sink.error().toString();
    const Result<GenerationJob::Summary> loaded = GenerationJob::run(plan, **sink, GenerationJob::Options{});
    return loaded ? QString() : loaded.error().message;
}

qint64 count(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

bool run(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning().noquote() << sql << query.lastError().text();
        return false;
    }
    return true;
}

// The cycle's tables in PostgreSQL, as a dump would create them; deferrable: the keys' DEFERRABLE clause.
QString postgresDdl(const QString &deferrable)
{
    return uR"(CREATE TABLE store (store_id integer PRIMARY KEY, manager_staff_id integer NOT NULL UNIQUE,
    name text NOT NULL);
CREATE TABLE staff (staff_id integer PRIMARY KEY, store_id integer NOT NULL, first_name text NOT NULL);
ALTER TABLE store ADD CONSTRAINT store_manager FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id) %1;
ALTER TABLE staff ADD CONSTRAINT staff_store FOREIGN KEY (store_id) REFERENCES store (store_id) %1;)"_s.arg(
        deferrable);
}

// Checks that every store's manager and every staff member's store exist.
void verifyKeys(QSqlDatabase db)
{
    QCOMPARE(count(db, u"SELECT count(*) FROM store s LEFT JOIN staff m ON m.staff_id = s.manager_staff_id "
                       u"WHERE m.staff_id IS NULL"_s),
             0);
    QCOMPARE(count(db, u"SELECT count(*) FROM staff s LEFT JOIN store t ON t.store_id = s.store_id "
                       u"WHERE t.store_id IS NULL"_s),
             0);
}

} // namespace

class TestFkCycles : public QObject
{
    Q_OBJECT

private slots:
    void notNullCyclesValidate();
    void cyclesGenerate();
    void lateReferencesName();
    void scriptsAddKeysAfterData_data();
    void scriptsAddKeysAfterData();
    void newPostgresTables();
    void deferrableKeysAreDeferred();
    void enforcedKeysAreRefusedBeforeWriting();
    void disableTriggersLoads();
    void disableTriggersOnEverySurface();
    void sqliteDefersToCommit();
    void appendWritesWhatTheTargetAllows();
    void appendRefusesMissingColumns();
};

void TestFkCycles::notNullCyclesValidate()
{
    Schema schema = storeAndStaff();
    QVERIFY(SchemaValidator().validate(schema).isEmpty());
    // A NOT NULL self reference is still refused: the first row has no earlier row to refer to.
    schema.tables[1].columns << column(u"boss_id"_s, u"foreign_key"_s,
                                       R"({"references": "staff.staff_id", "notNull": true})");
    const Problems problems = SchemaValidator().validate(schema);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems[0].path, u"staff.boss_id"_s);
    QVERIFY(problems[0].message.contains(u"references its own table"_s));
}

void TestFkCycles::cyclesGenerate()
{
    const std::shared_ptr<const Plan> plan = compile(storeAndStaff());
    QCOMPARE(plan->tables().size(), std::size_t(2));
    // Whatever the order, every key is a parent's key: the SQLite target checks them all at COMMIT.
    test::StorageDatabases files(SqlDialect::SQLite);
    QVERIFY(files.check().isEmpty());
    std::shared_ptr<Database> database = Database::open(files.fresh()).value();
    QCOMPARE(load(*plan, database, {}), QString());
    QSqlDatabase db = database->connection().value();
    QCOMPARE(count(db, u"SELECT count(*) FROM store"_s), 50);
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 100);
    QCOMPARE(count(db, u"SELECT count(DISTINCT manager_staff_id) FROM store"_s), 50); // unique
    verifyKeys(db);
    // The same plan, the same bytes: a second load gives the same managers.
    std::shared_ptr<Database> again = Database::open(files.fresh()).value();
    QCOMPARE(load(*plan, again, {}), QString());
    QCOMPARE(count(again->connection().value(), u"SELECT sum(manager_staff_id * store_id) FROM store"_s),
             count(db, u"SELECT sum(manager_staff_id * store_id) FROM store"_s));
}

void TestFkCycles::lateReferencesName()
{
    const std::shared_ptr<const Plan> plan = compile(storeAndStaff());
    const QList<DatabaseSink::LateReference> late = DatabaseSink::lateReferences(*plan);
    QCOMPARE(late.size(), 1); // one key of the cycle points at a table loaded after its own
    const TablePlan &child = plan->tables()[std::size_t(late[0].table)];
    QCOMPARE(plan->tables()[std::size_t(late[0].parent)].name,
             child.name == u"store"_s ? u"staff"_s : u"store"_s);
    QVERIFY(late[0].parent > late[0].table);
    // A schema without a cycle has none.
    Schema plain = storeAndStaff();
    plain.tables[0].columns.removeAt(1);
    QVERIFY(DatabaseSink::lateReferences(*compile(plain)).isEmpty());
}

void TestFkCycles::scriptsAddKeysAfterData_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::newRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::newRow("mysql") << SqlDialect::MySQL;
    QTest::newRow("sqlite") << SqlDialect::SQLite;
}

void TestFkCycles::scriptsAddKeysAfterData()
{
    QFETCH(SqlDialect, dialect);
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.filePath(u"rental.sql"_s);
    options.singleFile = true;
    options.dialect = dialect;
    const std::shared_ptr<const Plan> plan = compile(storeAndStaff());
    SqlSink sink(options);
    QVERIFY(GenerationJob::run(*plan, sink, GenerationJob::Options{}));
    QFile file(options.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString script = QString::fromUtf8(file.readAll());
    const qsizetype lastInsert = script.lastIndexOf(u"INSERT INTO"_s);
    if (dialect == SqlDialect::SQLite) {
        // Declared in CREATE TABLE, checked at COMMIT.
        QVERIFY(script.indexOf(u"PRAGMA defer_foreign_keys=ON"_s) < script.indexOf(u"INSERT INTO"_s));
        test::StorageDatabases files(SqlDialect::SQLite);
        QVERIFY(files.check().isEmpty());
        std::shared_ptr<Database> database = Database::open(files.fresh()).value();
        QSqlDatabase db = database->connection().value();
        for (const QString &statement : script.split(u";\n"_s)) {
            if (!statement.trimmed().isEmpty())
                QVERIFY(run(db, statement));
        }
        QVERIFY(run(db, u"PRAGMA foreign_keys = ON"_s));
        QSqlQuery check(db);
        QVERIFY(check.exec(u"PRAGMA foreign_key_check"_s));
        QVERIFY(!check.next());
        verifyKeys(db);
        return;
    }
    // Both keys of the cycle come after the last row.
    for (const QString &name : {u"fk_store_manager_staff_id"_s, u"fk_staff_store_id"_s}) {
        const qsizetype at = script.indexOf(name);
        QVERIFY2(at > lastInsert, qPrintable(name));
    }
    if (dialect != SqlDialect::PostgreSQL)
        return; // the MySQL script meets a server in the mysql tests
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, script));
    verifyKeys(db);
    QCOMPARE(count(db, u"SELECT count(*) FROM pg_constraint WHERE contype = 'f'"_s), 2);
}

void TestFkCycles::newPostgresTables()
{
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    QCOMPARE(load(*compile(storeAndStaff()), database, {}), QString());
    QSqlDatabase db = database->connection().value();
    verifyKeys(db);
    QCOMPARE(count(db, u"SELECT count(*) FROM pg_constraint WHERE contype = 'f'"_s), 2);
}

void TestFkCycles::deferrableKeysAreDeferred()
{
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, postgresDdl(u"DEFERRABLE"_s)));
    DatabaseSink::Options append;
    append.ifExists = DatabaseSink::IfExists::Append;
    QCOMPARE(load(*compile(storeAndStaff()), database, append), QString());
    QCOMPARE(count(db, u"SELECT count(*) FROM store"_s), 50);
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 100);
    verifyKeys(db);
}

void TestFkCycles::enforcedKeysAreRefusedBeforeWriting()
{
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, postgresDdl(QString())));
    // One store and its manager already there, put in as a dump would.
    QVERIFY(run(db, u"ALTER TABLE staff DISABLE TRIGGER ALL; INSERT INTO staff VALUES (900, 900, 'Mike'); "_s
                    u"INSERT INTO store VALUES (900, 900, 'Here'); ALTER TABLE staff ENABLE TRIGGER ALL"_s));
    for (const DatabaseSink::IfExists mode :
         {DatabaseSink::IfExists::Append, DatabaseSink::IfExists::Truncate}) {
        DatabaseSink::Options options;
        options.ifExists = mode;
        const QString message = load(*compile(storeAndStaff()), database, options);
        QVERIFY2(message.contains(u"nothing was written"_s) && message.contains(u"DEFERRABLE"_s) &&
                     message.contains(u"--disable-triggers"_s),
                 qPrintable(message));
        QVERIFY2(message.contains(u"store_manager"_s) || message.contains(u"staff_store"_s),
                 qPrintable(message));
        // Not even the truncate happened.
        QCOMPARE(count(db, u"SELECT count(*) FROM store"_s), 1);
        QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 1);
    }
}

void TestFkCycles::disableTriggersLoads()
{
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, postgresDdl(QString())));
    DatabaseSink::Options options;
    options.ifExists = DatabaseSink::IfExists::Append;
    options.disableTriggers = true;
    QCOMPARE(load(*compile(storeAndStaff()), database, options), QString());
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 100);
    verifyKeys(db);
    // Back on before COMMIT: the keys are enforced again.
    QCOMPARE(count(db, u"SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('store'::regclass, "
                       u"'staff'::regclass) AND tgenabled = 'D'"_s),
             0);
    QSqlQuery broken(db);
    QVERIFY(!broken.exec(u"INSERT INTO staff VALUES (5000, 777777, 'Nobody')"_s));
}

void TestFkCycles::disableTriggersOnEverySurface()
{
    // The request the window, the API and the CLI share keeps the option through its JSON record.
    GenerationRequest request;
    request.schema = storeAndStaff();
    request.target = GenerationRequest::Target::Database;
    request.database = DatabaseUrl::sqliteFile(u"/tmp/x.db"_s);
    request.disableTriggers = true;
    const Result<GenerationRequest> back = GenerationRequest::fromJson(request.toJson());
    QVERIFY(back);
    QVERIFY(back->disableTriggers);
    request.disableTriggers = false;
    QVERIFY(!GenerationRequest::fromJson(request.toJson())->disableTriggers);

    // The command line: refused with a pointer to the option, then loaded with it.
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    const DatabaseUrl url = server.fresh();
    std::shared_ptr<Database> database = Database::open(url).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, postgresDdl(QString())));
    QTemporaryDir dir;
    const QString schemaPath = dir.filePath(u"rental.fabrica.json"_s);
    QFile file(schemaPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(SchemaFile::serialize(storeAndStaff()));
    file.close();
    const QStringList load{u"generate"_s,    schemaPath,  u"--to"_s,   url.toString(),
                           u"--if-exists"_s, u"append"_s, u"--quiet"_s};
    const test::CliRun refused = test::runFabrica(load);
    QVERIFY2(refused.exitCode != 0 && refused.err.contains(u"--disable-triggers"_s), qPrintable(refused.err));
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 0);
    const test::CliRun loaded = test::runFabrica(load + QStringList{u"--disable-triggers"_s});
    QVERIFY2(loaded.exitCode == 0, qPrintable(loaded.err));
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 100);
    verifyKeys(db);
    // Only with --to.
    const test::CliRun misplaced = test::runFabrica(
        {u"generate"_s, schemaPath, u"--out"_s, dir.filePath(u"x.sql"_s), u"--disable-triggers"_s});
    QCOMPARE(misplaced.exitCode, 2);
    QVERIFY2(misplaced.err.contains(u"--disable-triggers applies only with --to"_s),
             qPrintable(misplaced.err));
}

void TestFkCycles::sqliteDefersToCommit()
{
    test::StorageDatabases files(SqlDialect::SQLite);
    QVERIFY(files.check().isEmpty());
    std::shared_ptr<Database> database = Database::open(files.fresh()).value();
    QSqlDatabase db = database->connection().value();
    QVERIFY(run(db, u"PRAGMA foreign_keys = ON"_s));
    QVERIFY(run(db, u"CREATE TABLE store (store_id INTEGER PRIMARY KEY, manager_staff_id INTEGER NOT NULL "
                    u"UNIQUE REFERENCES staff (staff_id), name TEXT NOT NULL)"_s));
    QVERIFY(run(db, u"CREATE TABLE staff (staff_id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL "
                    u"REFERENCES store (store_id), first_name TEXT NOT NULL)"_s));
    DatabaseSink::Options append;
    append.ifExists = DatabaseSink::IfExists::Append;
    QCOMPARE(load(*compile(storeAndStaff()), database, append), QString());
    QCOMPARE(count(db, u"SELECT count(*) FROM staff"_s), 100);
    QSqlQuery check(db);
    QVERIFY(check.exec(u"PRAGMA foreign_key_check"_s));
    QVERIFY(!check.next());
}

void TestFkCycles::appendWritesWhatTheTargetAllows()
{
    // The target's own column order, a generated column, an identity ALWAYS column no key references and a
    // NOT NULL column with a default the schema does not have: the load writes what it may.
    const Schema schema =
        test::oneTable(u"items"_s, 40,
                       {column(u"price"_s, u"integer"_s, R"({"min": 1, "max": 9, "notNull": true})"),
                        column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 5, "notNull": true})"),
                        column(u"total"_s, u"integer"_s, R"({"databaseGenerated": "stored"})"),
                        column(u"serial"_s, u"integer"_s, R"({"databaseGenerated": "identityAlways"})")});
    QVERIFY(SchemaValidator().validate(schema).isEmpty());
    const std::shared_ptr<const Plan> plan = compile(schema);
    {
        test::StorageDatabases server(SqlDialect::PostgreSQL);
        const QString problem = server.check();
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        std::shared_ptr<Database> database = Database::open(server.fresh()).value();
        QSqlDatabase db = database->connection().value();
        QVERIFY(run(
            db, u"CREATE TABLE t (quantity integer NOT NULL, serial integer GENERATED ALWAYS AS IDENTITY, "
                u"id integer PRIMARY KEY, created timestamptz NOT NULL DEFAULT now(), "
                u"price integer NOT NULL, total integer GENERATED ALWAYS AS (price * quantity) STORED)"_s));
        DatabaseSink::Options append;
        append.ifExists = DatabaseSink::IfExists::Append;
        QCOMPARE(load(*plan, database, append), QString());
        QCOMPARE(
            count(db, u"SELECT count(*) FROM t WHERE total = price * quantity AND serial BETWEEN 1 AND 40"_s),
            40);
    }
    {
        test::StorageDatabases files(SqlDialect::SQLite);
        QVERIFY(files.check().isEmpty());
        std::shared_ptr<Database> database = Database::open(files.fresh()).value();
        QSqlDatabase db = database->connection().value();
        QVERIFY(run(db, u"CREATE TABLE t (quantity INTEGER NOT NULL, id INTEGER PRIMARY KEY, serial INTEGER, "
                        u"created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, price INTEGER NOT NULL, "
                        u"total INTEGER GENERATED ALWAYS AS (price * quantity) STORED)"_s));
        DatabaseSink::Options append;
        append.ifExists = DatabaseSink::IfExists::Append;
        QCOMPARE(load(*plan, database, append), QString());
        QCOMPARE(
            count(db, u"SELECT count(*) FROM t WHERE total = price * quantity AND created IS NOT NULL"_s),
            40);
    }
}

void TestFkCycles::appendRefusesMissingColumns()
{
    const Schema schema =
        test::oneTable(u"items"_s, 10, {column(u"price"_s, u"integer"_s, R"({"notNull": true})")});
    const std::shared_ptr<const Plan> plan = compile(schema);
    test::StorageDatabases files(SqlDialect::SQLite);
    QVERIFY(files.check().isEmpty());
    DatabaseSink::Options append;
    append.ifExists = DatabaseSink::IfExists::Append;
    {
        std::shared_ptr<Database> database = Database::open(files.fresh()).value();
        QSqlDatabase db = database->connection().value();
        QVERIFY(run(db, u"CREATE TABLE t (id INTEGER PRIMARY KEY, price INTEGER, sku TEXT NOT NULL)"_s));
        const QString message = load(*plan, database, append);
        QVERIFY2(message.contains(u"\"sku\""_s) && message.contains(u"NOT NULL"_s) &&
                     message.contains(u"nothing was written"_s),
                 qPrintable(message));
        QCOMPARE(count(db, u"SELECT count(*) FROM t"_s), 0);
    }
    {
        std::shared_ptr<Database> database = Database::open(files.fresh()).value();
        QSqlDatabase db = database->connection().value();
        QVERIFY(run(db, u"CREATE TABLE t (id INTEGER PRIMARY KEY)"_s));
        const QString message = load(*plan, database, append);
        QVERIFY2(message.contains(u"no column \"price\""_s), qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(TestFkCycles)
#include "tst_fk_cycles.moc"
