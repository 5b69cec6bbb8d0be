// The import service end to end: every kind of input, the report, atomic storage, hostile archives that
// write nothing, and a real application's DDL plus CSV samples that become data PostgreSQL accepts with
// every constraint on.

#include "CliRunner.h"
#include "StorageTestSupport.h"
#include "ZipFixture.h"

#include "export/DatabaseSink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/ImportService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

QString data(const QString &path)
{
    return test::importData(path);
}

QByteArray read(const QString &path)
{
    return test::readFile(path);
}

using test::appArchive;

QStringList linesOf(const ImportReport &report, ImportReport::Level level)
{
    QStringList lines;
    for (const ImportReport::Line &line : report.lines()) {
        if (line.level == level)
            lines << (line.where.path.isEmpty() ? QString() : line.where.path + u": "_s) + line.message;
    }
    return lines;
}

UserRecord owner(Repository &storage)
{
    UserRecord user;
    user.username = u"importer"_s;
    user.passwordHash = u"x"_s;
    user.role = Role::Admin;
    return storage.createUser(Actor::systemActor(), user).value();
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private slots:
    void importsEachKindOfFile();
    void foldersBecomeSchemas();
    void reportsEveryGuess();
    void storesAtomically();
    void hostileArchivesWriteNothing_data();
    void hostileArchivesWriteNothing();
    void applicationLoadsIntoPostgres();
    void everyDdlFixtureLoads_data();
    void everyDdlFixtureLoads();
    void commandLine();
    void limitsFromSettings();
};

void TestImport::importsEachKindOfFile()
{
    // DDL alone.
    ImportService::Outcome sql = ImportService::importFile(data(u"app/schema.sql"_s));
    QVERIFY2(sql.ok(), qPrintable(sql.report.toText()));
    QCOMPARE(sql.schemas.size(), 1);
    QCOMPARE(sql.schemas[0].name, u"schema"_s);
    QStringList tables;
    for (const Table &table : std::as_const(sql.schemas[0].tables))
        tables << table.name;
    QCOMPARE(tables,
             (QStringList{u"customers"_s, u"products"_s, u"orders"_s, u"order_items"_s, u"reviews"_s}));
    const Table *orders = sql.schemas[0].table(u"orders"_s);
    QCOMPARE(orders->column(u"customer_id"_s)->constraints.value(u"references"_s).toString(),
             u"customers.id"_s);
    QCOMPARE(orders->column(u"status"_s)->type, u"enum"_s);
    QCOMPARE(orders->column(u"status"_s)->constraints.value(u"values"_s).toArray().size(), 5);
    // CHECK (total >= 0) holds; inside it the name gives a price-like range.
    QVERIFY(orders->column(u"total"_s)->constraints.value(u"min"_s).toDouble() >= 0.0);
    QCOMPARE(sql.schemas[0].table(u"customers"_s)->column(u"email"_s)->type, u"email"_s);
    QVERIFY(
        sql.schemas[0].table(u"customers"_s)->column(u"email"_s)->constraints.value(u"unique"_s).toBool());
    QCOMPARE(
        sql.schemas[0].table(u"order_items"_s)->column(u"quantity"_s)->constraints.value(u"max"_s).toInt(),
        20);
    QVERIFY(linesOf(sql.report, ImportReport::Level::Skipped).contains(u"CREATE FUNCTION touch skipped"_s));

    // CSV alone: the file name is the table, the values choose the types.
    ImportService::Outcome csv = ImportService::importFile(data(u"app/customers.csv"_s));
    QVERIFY2(csv.ok(), qPrintable(csv.report.toText()));
    const Table &customers = csv.schemas[0].tables[0];
    QCOMPARE(customers.name, u"customers"_s);
    QCOMPARE(customers.column(u"tier"_s)->type, u"enum"_s);
    QCOMPARE(customers.column(u"created_at"_s)->type, u"timestamptz"_s);
    QCOMPARE(customers.column(u"first_name"_s)->samples.size(), 10);

    // Fabrica's own format comes through as it is.
    ImportService::Outcome own =
        ImportService::importFile(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"));
    QVERIFY2(own.ok(), qPrintable(own.report.toText()));
    const Schema shop =
        SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json")).value();
    QCOMPARE(own.schemas[0].tables, shop.tables);
    QCOMPARE(own.schemas[0].description, shop.description);
}

void TestImport::foldersBecomeSchemas()
{
    QList<QPair<QString, QByteArray>> entries;
    for (const QString &name : {u"schema.sql"_s, u"customers.csv"_s, u"orders.csv"_s})
        entries.append({u"webshop/"_s + name, read(data(u"app/"_s + name))});
    entries.append({u"examples/shop.fabrica.json"_s,
                    read(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"))});
    entries.append({u"loose.csv"_s, "id,label\n1,a\n2,b\n"});
    entries.append({u"README.md"_s, "# notes\n"});
    const ImportService::Outcome outcome =
        ImportService::importBytes(test::zipOf(entries), u"bundle.zip"_s, {});
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QStringList names;
    for (const Schema &schema : outcome.schemas)
        names << schema.name;
    QCOMPARE(names, (QStringList{u"webshop"_s, u"examples"_s, u"bundle"_s}));
    // DDL for structure, CSV for samples: the same table from two files.
    const Table *customers = outcome.schemas[0].table(u"customers"_s);
    // Samples beat what the name suggests (issue 13): the CSV's cities are drawn from.
    QCOMPARE(customers->column(u"city"_s)->type, u"sample"_s);
    QVERIFY(customers->column(u"city"_s)->samples.contains(u"Boston"_s));
    QVERIFY(customers->column(u"email"_s)->constraints.value(u"unique"_s).toBool());
    QCOMPARE(outcome.schemas[2].tables[0].name, u"loose"_s);
    QVERIFY(linesOf(outcome.report, ImportReport::Level::Skipped)
                .contains(u"not a schema (.fabrica.json), DDL (.sql) or sample (.csv, .tsv) file"_s));
}

void TestImport::reportsEveryGuess()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const QStringList guesses = linesOf(outcome.report, ImportReport::Level::Guess);
    // One guess for every column of the resulting schema, at "table.column".
    for (const Table &table : outcome.schemas[0].tables) {
        for (const Column &column : table.columns) {
            const QString prefix = table.name + u'.' + column.name + u": "_s;
            QVERIFY2(std::any_of(guesses.begin(), guesses.end(),
                                 [&](const QString &line) { return line.startsWith(prefix); }),
                     qPrintable(prefix));
        }
    }
    QVERIFY2(guesses.contains(
                 u"customers.tier: enum of the 3 distinct samples, weighted as observed (3 distinct "
                 u"values: standard 60 %, gold 20 %, silver 20 %) (from the values of the CSV samples)"_s),
             qPrintable(guesses.filter(u"customers.tier"_s).join(u'\n')));
    QVERIFY(guesses.contains(u"orders.customer_id: foreign key to customers.id"_s));
    // A multi-column UNIQUE is kept as a uniqueKey group, said in the report.
    QVERIFY2(
        guesses.contains(u"reviews: unique key (product_id, customer_id) kept as \"uniqueKey\": "
                         u"\"reviews_product_id_customer_id_key\": the combinations are unique, no column "
                         u"on its own"_s),
        qPrintable(guesses.join(u'\n')));
    const Table *reviews = outcome.schemas[0].table(u"reviews"_s);
    QVERIFY(reviews);
    QCOMPARE(reviews->column(u"product_id"_s)->constraints.value(u"uniqueKey"_s).toString(),
             u"reviews_product_id_customer_id_key"_s);
    QCOMPARE(reviews->column(u"customer_id"_s)->constraints.value(u"uniqueKey"_s).toString(),
             u"reviews_product_id_customer_id_key"_s);
}

void TestImport::storesAtomically()
{
    test::StorageDatabases databases(SqlDialect::SQLite);
    QCOMPARE(databases.check(), QString());
    auto storage = databases.freshRepository();
    const UserRecord user = owner(*storage);
    const Actor actor = Actor::systemActor();
    // Two schemas of one archive are stored together …
    QList<QPair<QString, QByteArray>> entries{
        {u"a/x.sql"_s, "CREATE TABLE t (id int PRIMARY KEY, name text);"},
        {u"b/y.sql"_s, "CREATE TABLE u (id int PRIMARY KEY);"}};
    const ImportService::Outcome two = ImportService::importBytes(test::zipOf(entries), u"two.zip"_s, {});
    QVERIFY2(two.ok(), qPrintable(two.report.toText()));
    QVERIFY(ImportService::commit(*storage, actor, user.id, two));
    QCOMPARE(storage->schemas(actor)->size(), 2);
    // … and when one name is taken, cancel stores neither, rename stores both.
    entries[1].first = u"c/y.sql"_s;
    const ImportService::Outcome again = ImportService::importBytes(test::zipOf(entries), u"again.zip"_s, {});
    const Result<QList<SchemaRecord>> cancelled = ImportService::commit(*storage, actor, user.id, again);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, ErrorCode::AlreadyExists);
    QCOMPARE(storage->schemas(actor)->size(), 2);
    const Result<QList<SchemaRecord>> renamed =
        ImportService::commit(*storage, actor, user.id, again, Repository::NameConflict::Rename);
    QVERIFY(renamed);
    QCOMPARE(renamed->at(0).name, u"a (2)"_s);
    QCOMPARE(storage->schemas(actor)->size(), 4);
    // An outcome with errors is never stored.
    const ImportService::Outcome broken = ImportService::importBytes("CREATE TABLE (", u"broken.sql"_s, {});
    QVERIFY(!broken.ok());
    QVERIFY(!ImportService::commit(*storage, actor, user.id, broken));
    QCOMPARE(storage->schemas(actor)->size(), 4);
}

void TestImport::hostileArchivesWriteNothing_data()
{
    QTest::addColumn<QByteArray>("upload");
    QTest::addColumn<QString>("line");
    const QByteArray good = read(data(u"app/schema.sql"_s));
    QTest::newRow("zip slip") << test::zipOf({{u"app/schema.sql"_s, good}, {u"../evil.sql"_s, good}})
                              << u"../evil.sql"_s;
    QTest::newRow("absolute") << test::zipOf({{u"app/schema.sql"_s, good}, {u"/etc/cron.d/x.sql"_s, good}})
                              << u"/etc/cron.d/x.sql"_s;
    QTest::newRow("nested archive") << test::zipOf({{u"app/schema.sql"_s, good},
                                                    {u"app/more.zip"_s, test::zipOf({{u"x.sql"_s, good}})}})
                                    << u"more.zip"_s;
    {
        test::ZipWriter writer;
        writer.add(u"app/schema.sql"_s, good);
        writer.addStreamed(u"app/zeros.csv"_s, qint64(40) << 20,
                           [](qint64, qint64 count) { return QByteArray(count, '\0'); });
        QTest::newRow("bomb") << writer.finish() << u"zeros.csv"_s;
    }
    QTest::newRow("renamed non-zip") << QByteArray("\x89PNG\r\n\x1a\n not an archive at all")
                                     << u"test.zip"_s;
    {
        test::ZipWriter writer;
        writer.add(u"app/schema.sql"_s, good);
        writer.add(u"app/link.sql"_s, "/etc/passwd", Z_DEFLATED, quint32(0120777) << 16);
        QTest::newRow("symlink") << writer.finish() << u"a symbolic link"_s;
    }
    {
        test::ZipWriter writer;
        writer.add(u"app/schema.sql"_s, good);
        writer.add(u"app/secret.sql"_s, good, Z_DEFLATED, 0, "password");
        QTest::newRow("encrypted") << writer.finish() << u"encrypted"_s;
    }
    {
        // Declares 1,000 bytes, inflates to 40 MiB: stopped at the 32 MiB cap, not at the declared size.
        QByteArray zip =
            test::zipOf({{u"app/schema.sql"_s, good}, {u"app/liar.csv"_s, QByteArray(40 << 20, 'a')}});
        test::patchEntry(zip, "app/liar.csv", [](QByteArray &bytes, qsizetype central, qsizetype local) {
            test::put32(bytes, central + 24, 1000);
            test::put32(bytes, local + 22, 1000);
        });
        QTest::newRow("lying size") << zip << u"liar.csv"_s;
    }
    {
        test::ZipWriter writer;
        writer.add(u"app/schema.sql"_s, good);
        writer.addStreamed(
            u"app/zeros.csv"_s, qint64(1) << 30, [](qint64, qint64 count) { return QByteArray(count, '\0'); },
            Z_DEFLATED, 0, nullptr, 1);
        QTest::newRow("1 GB bomb") << writer.finish() << u"zeros.csv"_s;
    }
    {
        test::ZipWriter writer;
        for (int i = 0; i < 10000; ++i)
            writer.add(u"app/t%1.csv"_s.arg(i), "id\n1\n");
        QTest::newRow("10,000 entries") << writer.finish() << u"more than 1000 entries"_s;
    }
    {
        const QByteArray whole = test::zipOf(
            {{u"app/schema.sql"_s, good}, {u"app/customers.csv"_s, read(data(u"app/customers.csv"_s))}});
        QTest::newRow("truncated") << whole.left(whole.size() - 40) << u"damaged"_s;
    }
}

void TestImport::hostileArchivesWriteNothing()
{
    QFETCH(QByteArray, upload);
    QFETCH(QString, line);
    test::StorageDatabases databases(SqlDialect::SQLite);
    QCOMPARE(databases.check(), QString());
    auto storage = databases.freshRepository();
    const UserRecord user = owner(*storage);
    const ImportService::Outcome outcome = ImportService::importBytes(upload, u"test.zip"_s, {});
    QVERIFY(!outcome.ok());
    QVERIFY(outcome.schemas.isEmpty());
    const QString text = outcome.report.toText();
    QVERIFY2(text.contains(line), qPrintable(text));
    QVERIFY2(text.contains(u"nothing was imported"_s), qPrintable(text));
    QVERIFY(!ImportService::commit(*storage, Actor::systemActor(), user.id, outcome));
    QCOMPARE(storage->schemas(Actor::systemActor())->size(), 0);
}

void TestImport::applicationLoadsIntoPostgres()
{
    // The test: a real application's DDL plus CSV samples, imported, generated and loaded into
    // PostgreSQL with every key and constraint declared.
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    ImportService::Options options;
    options.defaultRows = 2000;
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, options);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    Plan::Options planOptions;
    planOptions.seed = 7;
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(outcome.schemas[0], planOptions);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    const DatabaseUrl url = server.fresh();
    std::shared_ptr<Database> database = Database::open(url).value();
    DatabaseSink::Options sinkOptions;
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(database, sinkOptions);
    QVERIFY2(sink, qPrintable(sink ? QString() : sink.error().toString()));
    GenerationJob::Options job;
    job.threads = 2;
    const Result<GenerationJob::Summary> loaded = GenerationJob::run(**plan, **sink, job);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    QCOMPARE(loaded->rows, qint64(5 * 2000));

    QSqlDatabase db = database->connection().value();
    QSqlQuery query(db);
    // Every key is there and checked by the server: primary keys, unique, foreign keys and checks.
    QVERIFY(query.exec(
        u"SELECT contype, count(*) FROM pg_constraint WHERE conrelid::regclass::text IN "
        u"('customers','products','orders','order_items','reviews') GROUP BY contype ORDER BY contype"_s));
    QMap<QString, int> constraints;
    while (query.next())
        constraints.insert(query.value(0).toString(), query.value(1).toInt());
    QCOMPARE(constraints.value(u"p"_s), 5);
    QCOMPARE(constraints.value(u"f"_s), 5); // orders→customers, items→orders, items→products, reviews→2
    QVERIFY(constraints.value(u"u"_s) >= 2); // customers.email, products.sku
    QVERIFY(query.exec(
        u"SELECT count(*) FROM order_items i LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    QVERIFY(query.exec(u"SELECT count(DISTINCT status), min(total) >= 0 FROM orders"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 5);
    QVERIFY(query.value(1).toBool());
    QVERIFY(query.exec(u"SELECT min(quantity), max(quantity) FROM order_items"_s));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toInt() >= 1 && query.value(1).toInt() <= 20);
    QVERIFY(query.exec(u"SELECT count(*) FROM customers WHERE tier NOT IN ('standard','gold','silver')"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0); // the CSV's values, by their observed weights
}

void TestImport::everyDdlFixtureLoads_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &name :
         {u"postgresql.sql"_s, u"mysql.sql"_s, u"sqlite.sql"_s, u"pg_dump_shop.sql"_s, u"dvd_rental.sql"_s})
        QTest::newRow(qPrintable(name)) << data(u"ddl/"_s + name);
}

void TestImport::everyDdlFixtureLoads()
{
    // DDL of each dialect with the hard cases (enums, domains, checks, composite and multi-column keys,
    // generated columns …) becomes a schema whose data PostgreSQL takes with every Fabrica key declared.
    QFETCH(QString, file);
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    ImportService::Options options;
    options.defaultRows = 300;
    const ImportService::Outcome outcome = ImportService::importFile(file, options);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QCOMPARE(outcome.schemas.size(), 1);
    QVERIFY(outcome.schemas[0].tables.size() >= 3);
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(outcome.schemas[0], Plan::Options{});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    std::shared_ptr<Database> database = Database::open(server.fresh()).value();
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(database, DatabaseSink::Options{});
    QVERIFY(sink);
    const Result<GenerationJob::Summary> loaded =
        GenerationJob::run(**plan, **sink, GenerationJob::Options{});
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    QCOMPARE(loaded->rows, qint64(300 * outcome.schemas[0].tables.size()));
}

void TestImport::commandLine()
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(u"app.zip"_s);
    {
        QFile file(zip);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(appArchive());
    }
    QProcessEnvironment environment;
    environment.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    const QString storage = u"sqlite:"_s + dir.filePath(u"fabrica.sqlite"_s);
    auto fabrica = [&](QStringList arguments, const QByteArray &input = {}) {
        return test::runFabrica(arguments, input, environment);
    };

    // --dry-run prints the report and stores nothing.
    test::CliRun run = fabrica({u"import"_s, zip, u"--dry-run"_s, u"--database"_s, storage});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.out.contains(u"app/schema.sql:28:5: orders.customer_id: guess: foreign key to customers.id"_s),
        qPrintable(run.out));
    QVERIFY(run.out.contains(u"dry run: 1 schema(s) understood, nothing stored"_s));

    // --out writes a schema file that generates and loads straight away.
    const QString schemaFile = dir.filePath(u"app.fabrica.json"_s);
    run = fabrica({u"import"_s, zip, u"--out"_s, schemaFile});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(fabrica({u"validate"_s, schemaFile}).exitCode, 0);
    // --reference-date: the schema keeps it, and guessed date ranges end there.
    const QString dated = dir.filePath(u"dated.fabrica.json"_s);
    run = fabrica({u"import"_s, zip, u"--out"_s, dated, u"--reference-date"_s, u"2020-02-29"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Result<Schema> datedSchema = SchemaFile::load(dated);
    QVERIFY(datedSchema);
    QCOMPARE(datedSchema->referenceDate, QDate(2020, 2, 29));
    QVERIFY2(run.out.contains(u"the reference date 2020-02-29"_s) ||
                 run.out.contains(u"2020-02-29T00:00:00"_s) || run.out.contains(u"..2020-02-29"_s),
             qPrintable(run.out));
    run = fabrica({u"import"_s, zip, u"--dry-run"_s, u"--reference-date"_s, u"2020-02-30"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--reference-date takes a date as YYYY-MM-DD"_s), qPrintable(run.err));
    run = fabrica({u"generate"_s, schemaFile, u"--to"_s, u"sqlite:"_s + dir.filePath(u"target.sqlite"_s),
                   u"--rows"_s, u"customers=50"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Stored for the only user; a second import of the same name needs --on-conflict.
    QCOMPARE(fabrica({u"users"_s, u"add"_s, u"root"_s, u"--admin"_s, u"--password-stdin"_s, u"--database"_s,
                      storage},
                     "correct horse battery staple\n")
                 .exitCode,
             0);
    run = fabrica({u"import"_s, zip, u"--database"_s, storage});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"stored schema \"app\""_s));
    run = fabrica({u"import"_s, zip, u"--database"_s, storage});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"--on-conflict"_s), qPrintable(run.err));
    run = fabrica({u"import"_s, zip, u"--database"_s, storage, u"--on-conflict"_s, u"rename"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"stored schema \"app (2)\""_s));

    // A hostile archive: refused, exit 1, nothing stored.
    const QString evil = dir.filePath(u"evil.zip"_s);
    {
        QFile file(evil);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            test::zipOf({{u"x/schema.sql"_s, "CREATE TABLE t (id int);"}, {u"../../etc/passwd.sql"_s, "x"}}));
    }
    run = fabrica({u"import"_s, evil, u"--database"_s, storage, u"--on-conflict"_s, u"rename"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains(u"refused"_s));
    Result<std::unique_ptr<Repository>> opened = Repository::open(DatabaseUrl::parse(storage).value());
    QVERIFY(opened);
    QCOMPARE((*opened)->schemas(Actor::systemActor())->size(), 2);
}

void TestImport::limitsFromSettings()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"fabrica.conf"_s), QSettings::IniFormat);
    QCOMPARE(ImportLimits::fromSettings(settings).entryBytes, ImportLimits{}.entryBytes);
    settings.setValue(u"import/uploadMiB"_s, 8);
    settings.setValue(u"import/entries"_s, 3);
    settings.setValue(u"import/entryMiB"_s, u"lots"_s); // unusable: the default stays
    settings.setValue(u"import/maxRatio"_s, -5);
    const ImportLimits limits = ImportLimits::fromSettings(settings);
    QCOMPARE(limits.uploadBytes, qint64(8) << 20);
    QCOMPARE(limits.entries, 3);
    QCOMPARE(limits.entryBytes, ImportLimits{}.entryBytes);
    QCOMPARE(limits.maxRatio, ImportLimits{}.maxRatio);
    // The limits are the ones the import obeys.
    ImportService::Options options;
    options.limits = limits;
    QList<QPair<QString, QByteArray>> entries;
    for (int i = 0; i < 5; ++i)
        entries.append({u"s/t%1.csv"_s.arg(i), "id\n1\n"});
    const ImportService::Outcome outcome =
        ImportService::importBytes(test::zipOf(entries), u"five.zip"_s, options);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.report.toText().contains(u"more than 3 entries"_s), qPrintable(outcome.report.toText()));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestImport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_import.moc"
