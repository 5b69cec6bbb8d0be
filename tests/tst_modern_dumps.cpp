// Modern PostgreSQL dumps: partitioned tables become one table whose partition key stays within the
// partitions' bounds (their keys folded in), identity and generated columns and volatile defaults are
// marked "databaseGenerated", domains and enum types are honoured; and the DVD rental corpus
// (tests/data/realworld/dvdrental) round-trips: imported, generated and appended into its original DDL
// on PostgreSQL and SQLite, and loaded into Fabrica's own DDL, with 0 errors and every table filled.

#include "StorageTestSupport.h"

#include "export/DatabaseSink.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/DdlParser.h"
#include "import/ImportService.h"
#include "storage/Database.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

QString corpus(const QString &name)
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/realworld/dvdrental/") + name;
}

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QString::fromUtf8(file.readAll());
}

Schema importSql(const QString &text, ImportReport *reportOut = nullptr)
{
    ImportService::Options options;
    options.defaultRows = 200;
    options.referenceDate = QDate(2026, 1, 1);
    const ImportService::Outcome outcome = ImportService::importBytes(text.toUtf8(), u"dump.sql"_s, options);
    if (reportOut)
        *reportOut = outcome.report;
    if (!outcome.ok() || outcome.schemas.isEmpty()) {
        qWarning().noquote() << outcome.report.toText();
        return {};
    }
    return outcome.schemas.first();
}

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &table : schema.tables)
        names << table.name;
    return names;
}

QString constraint(const Schema &schema, const QString &table, const QString &column, const QString &key)
{
    const Table *t = schema.table(table);
    const Column *c = t ? t->column(column) : nullptr;
    return c ? c->constraints.value(key).toVariant().toString() : u"<no column>"_s;
}

// Generates plan into database with options; the error text, or empty.
QString load(const Plan &plan, const std::shared_ptr<Database> &database, DatabaseSink::Options options)
{
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(database, options);
    if (!sink)
        return sink.error().toString();
    GenerationJob::Options job;
    job.threads = 2;
    const Result<GenerationJob::Summary> loaded = GenerationJob::run(plan, **sink, job);
    return loaded ? QString() : loaded.error().toString();
}

qint64 count(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

// The row counts of the real sample database (Sakila 1.x / pagila), its two stores and two managers
// included.
Schema sakilaSized(Schema schema)
{
    const QHash<QString, qint64> rows{
        {u"actor"_s, 200},      {u"category"_s, 16},     {u"language"_s, 6},
        {u"film"_s, 1000},      {u"film_actor"_s, 5462}, {u"film_category"_s, 1000},
        {u"country"_s, 109},    {u"city"_s, 600},        {u"address"_s, 603},
        {u"store"_s, 2},        {u"staff"_s, 2},         {u"customer"_s, 599},
        {u"inventory"_s, 4581}, {u"rental"_s, 16044},    {u"payment"_s, 16049}};
    for (Table &table : schema.tables)
        table.rows = rows.value(table.name, table.rows);
    return schema;
}

const QStringList kTables{u"actor"_s,         u"category"_s, u"language"_s,  u"film"_s,    u"film_actor"_s,
                          u"film_category"_s, u"country"_s,  u"city"_s,      u"address"_s, u"store"_s,
                          u"staff"_s,         u"customer"_s, u"inventory"_s, u"rental"_s,  u"payment"_s};

} // namespace

class TestModernDumps : public QObject
{
    Q_OBJECT

private slots:
    void rangePartitionsFoldIntoOneTable();
    void listAndHashPartitions();
    void identityGeneratedAndDefaultsAreMarked();
    void domainsAndEnumsAreHonoured();
    void dvdRentalImports();
    void dvdRentalRoundTripsOnPostgres();
    void dvdRentalRoundTripsOnSqlite();
};

void TestModernDumps::rangePartitionsFoldIntoOneTable()
{
    // CREATE TABLE … PARTITION OF with inline bounds, and a partition attached later whose foreign key is
    // declared on it.
    const Schema schema = importSql(uR"(
CREATE TABLE customer (id integer PRIMARY KEY);
CREATE TABLE measurement (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    logdate date NOT NULL,
    peak integer
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2020 PARTITION OF measurement FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE measurement_y2021 (id bigint NOT NULL, customer_id integer NOT NULL, logdate date NOT NULL,
    peak integer);
ALTER TABLE ONLY measurement ATTACH PARTITION measurement_y2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
ALTER TABLE ONLY measurement_y2021 ADD CONSTRAINT m21_customer FOREIGN KEY (customer_id) REFERENCES customer(id);
CREATE UNIQUE INDEX m21_id ON measurement_y2021 (id);
)"_s);
    QCOMPARE(tableNames(schema), (QStringList{u"customer"_s, u"measurement"_s}));
    QCOMPARE(constraint(schema, u"measurement"_s, u"logdate"_s, u"min"_s), u"2020-01-01"_s);
    QCOMPARE(constraint(schema, u"measurement"_s, u"logdate"_s, u"max"_s), u"2021-12-31"_s);
    QCOMPARE(constraint(schema, u"measurement"_s, u"customer_id"_s, u"references"_s), u"customer.id"_s);

    // Timestamps with a zone, as pg_dump writes them; the upper bound is exclusive.
    const Schema stamped = importSql(uR"(
CREATE TABLE payment (id integer NOT NULL, paid timestamp with time zone NOT NULL) PARTITION BY RANGE (paid);
CREATE TABLE payment_a PARTITION OF payment FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
CREATE TABLE payment_b PARTITION OF payment FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');
)"_s);
    QCOMPARE(tableNames(stamped), QStringList{u"payment"_s});
    QCOMPARE(constraint(stamped, u"payment"_s, u"paid"_s, u"min"_s), u"2022-01-01T00:00:00Z"_s);
    QCOMPARE(constraint(stamped, u"payment"_s, u"paid"_s, u"max"_s), u"2022-02-28T23:59:59Z"_s);

    // Integer ranges; MAXVALUE leaves the top open.
    const Schema numbered = importSql(uR"(
CREATE TABLE t (k integer NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (100) TO (200);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (200) TO (MAXVALUE);
)"_s);
    QCOMPARE(constraint(numbered, u"t"_s, u"k"_s, u"min"_s), u"100"_s);
    QVERIFY(constraint(numbered, u"t"_s, u"k"_s, u"max"_s) != u"199"_s);
}

void TestModernDumps::listAndHashPartitions()
{
    const Schema listed = importSql(uR"(
CREATE TABLE cities (id integer NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE cities_west PARTITION OF cities FOR VALUES IN ('west', 'north');
CREATE TABLE cities_east PARTITION OF cities FOR VALUES IN ('east');
)"_s);
    QCOMPARE(tableNames(listed), QStringList{u"cities"_s});
    const Column *region = listed.table(u"cities"_s)->column(u"region"_s);
    QCOMPARE(region->type, u"enum"_s);
    QCOMPARE(region->constraints.value(u"values"_s).toArray().toVariantList(),
             (QVariantList{u"west"_s, u"north"_s, u"east"_s}));

    // A DEFAULT partition takes every other value: nothing to restrict.
    const Schema withDefault = importSql(uR"(
CREATE TABLE cities (id integer NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE cities_west PARTITION OF cities FOR VALUES IN ('west');
CREATE TABLE cities_other PARTITION OF cities DEFAULT;
)"_s);
    QVERIFY(withDefault.table(u"cities"_s)->column(u"region"_s)->type != u"enum"_s);

    const Schema hashed = importSql(uR"(
CREATE TABLE orders (id integer NOT NULL, total integer) PARTITION BY HASH (id);
CREATE TABLE orders_0 PARTITION OF orders FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE orders_1 PARTITION OF orders FOR VALUES WITH (MODULUS 2, REMAINDER 1);
)"_s);
    QCOMPARE(tableNames(hashed), QStringList{u"orders"_s});

    // An expression key is not restricted (reported), and MySQL's inline partitions stay one table.
    ImportReport report;
    const Schema expression = importSql(uR"(
CREATE TABLE log (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (date_trunc('month', at));
CREATE TABLE log_a PARTITION OF log FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
)"_s,
                                        &report);
    QCOMPARE(tableNames(expression), QStringList{u"log"_s});
    QVERIFY(report.toText().contains(u"partitioned by an expression or several columns"_s));
    const Schema mysql = importSql(uR"(CREATE TABLE `employees` (
  `id` int NOT NULL,
  `hired` date NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE (YEAR(`hired`))
(PARTITION p0 VALUES LESS THAN (1991) ENGINE = InnoDB,
 PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
)"_s);
    QCOMPARE(tableNames(mysql), QStringList{u"employees"_s});
    QVERIFY(!hashed.table(u"orders"_s)->column(u"id"_s)->constraints.contains(u"values"_s));
}

void TestModernDumps::identityGeneratedAndDefaultsAreMarked()
{
    const Schema schema = importSql(uR"(
CREATE TABLE item (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code integer GENERATED BY DEFAULT AS IDENTITY,
    price numeric(8,2) NOT NULL,
    quantity integer NOT NULL,
    total numeric(10,2) GENERATED ALWAYS AS (price * quantity) STORED,
    created timestamp with time zone DEFAULT now() NOT NULL,
    token uuid DEFAULT gen_random_uuid(),
    serial_no integer DEFAULT nextval('item_serial_seq'::regclass),
    kind text DEFAULT 'plain'
);
CREATE TABLE other (id integer NOT NULL);
ALTER TABLE other ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME other_id_seq);
)"_s);
    const QString key = u"databaseGenerated"_s;
    QCOMPARE(constraint(schema, u"item"_s, u"id"_s, key), u"identityAlways"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"code"_s, key), u"identity"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"total"_s, key), u"stored"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"created"_s, key), u"default"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"token"_s, key), u"default"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"serial_no"_s, key), u"default"_s);
    QCOMPARE(constraint(schema, u"item"_s, u"kind"_s, key), QString()); // a constant is data
    QCOMPARE(constraint(schema, u"item"_s, u"price"_s, key), QString());
    QCOMPARE(constraint(schema, u"other"_s, u"id"_s, key), u"identity"_s);
}

void TestModernDumps::domainsAndEnumsAreHonoured()
{
    const Schema schema = importSql(uR"(
CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));
CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE TABLE public.film (film_id integer PRIMARY KEY, release_year public.year, rating public.mpaa_rating);
)"_s);
    // Within the domain's check (the import may narrow it to plausible years).
    QVERIFY(constraint(schema, u"film"_s, u"release_year"_s, u"min"_s).toInt() >= 1901);
    QVERIFY(constraint(schema, u"film"_s, u"release_year"_s, u"max"_s).toInt() <= 2155);
    const Column *rating = schema.table(u"film"_s)->column(u"rating"_s);
    QCOMPARE(rating->type, u"enum"_s);
    QCOMPARE(rating->constraints.value(u"values"_s).toArray().size(), 5);
}

void TestModernDumps::dvdRentalImports()
{
    ImportReport report;
    const Schema schema = importSql(readText(corpus(u"postgresql.sql"_s)), &report);
    QStringList names = tableNames(schema);
    names.sort();
    QStringList expected = kTables;
    expected.sort();
    QCOMPARE(names, expected); // the six payment partitions are part of payment
    // The partitions' foreign keys are the payment table's.
    QCOMPARE(constraint(schema, u"payment"_s, u"customer_id"_s, u"references"_s), u"customer.customer_id"_s);
    QCOMPARE(constraint(schema, u"payment"_s, u"rental_id"_s, u"references"_s), u"rental.rental_id"_s);
    QCOMPARE(constraint(schema, u"payment"_s, u"staff_id"_s, u"references"_s), u"staff.staff_id"_s);
    QCOMPARE(constraint(schema, u"payment"_s, u"payment_date"_s, u"min"_s), u"2022-01-01T00:00:00Z"_s);
    QCOMPARE(constraint(schema, u"payment"_s, u"payment_date"_s, u"max"_s), u"2022-06-30T23:59:59Z"_s);
    // The cycle is kept as declared: both keys NOT NULL.
    QCOMPARE(constraint(schema, u"store"_s, u"manager_staff_id"_s, u"references"_s), u"staff.staff_id"_s);
    QCOMPARE(constraint(schema, u"store"_s, u"manager_staff_id"_s, u"notNull"_s), u"true"_s);
    QCOMPARE(constraint(schema, u"staff"_s, u"store_id"_s, u"references"_s), u"store.store_id"_s);
    QCOMPARE(constraint(schema, u"staff"_s, u"store_id"_s, u"notNull"_s), u"true"_s);
    QCOMPARE(constraint(schema, u"film"_s, u"fulltext"_s, u"databaseGenerated"_s), u"stored"_s);
    QCOMPARE(constraint(schema, u"actor"_s, u"actor_id"_s, u"databaseGenerated"_s), u"identityAlways"_s);
    QCOMPARE(constraint(schema, u"payment"_s, u"payment_id"_s, u"databaseGenerated"_s), u"identityAlways"_s);
    QCOMPARE(constraint(schema, u"film"_s, u"film_id"_s, u"databaseGenerated"_s), u"default"_s);
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, Plan::Options{});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    // The MySQL and SQLite files of the corpus: the same tables, the same cycle, the generated column.
    for (const QString &file : {u"mysql.sql"_s, u"sqlite.sql"_s}) {
        const Schema other = importSql(readText(corpus(file)));
        QStringList otherNames = tableNames(other);
        otherNames.sort();
        QCOMPARE(otherNames, expected);
        QCOMPARE(constraint(other, u"store"_s, u"manager_staff_id"_s, u"references"_s), u"staff.staff_id"_s);
        QCOMPARE(constraint(other, u"staff"_s, u"store_id"_s, u"references"_s), u"store.store_id"_s);
        QCOMPARE(constraint(other, u"film"_s, u"fulltext"_s, u"databaseGenerated"_s), u"stored"_s);
        const Result<std::shared_ptr<const Plan>> otherPlan = Plan::compile(other, Plan::Options{});
        QVERIFY2(otherPlan, qPrintable(otherPlan ? QString() : otherPlan.error().toString()));
    }
}

void TestModernDumps::dvdRentalRoundTripsOnPostgres()
{
    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    const Schema schema = sakilaSized(importSql(readText(corpus(u"postgresql.sql"_s))));
    QVERIFY(!schema.tables.isEmpty());
    Plan::Options planOptions;
    planOptions.seed = 13;
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, planOptions);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    // 1. The original DDL, loaded as it is; then appended into.
    std::shared_ptr<Database> original = Database::open(server.fresh()).value();
    QSqlDatabase db = original->connection().value();
    {
        QSqlQuery ddl(db);
        QVERIFY2(ddl.exec(readText(corpus(u"postgresql.sql"_s))), qPrintable(ddl.lastError().text()));
        // A session setting of the dump; back to the default for what follows.
        QVERIFY(ddl.exec(u"SET search_path TO public"_s));
    }
    DatabaseSink::Options append;
    append.ifExists = DatabaseSink::IfExists::Append;
    // The store/staff keys are not DEFERRABLE: refused before anything is written …
    const QString refused = load(**plan, original, append);
    QVERIFY2(refused.contains(u"--disable-triggers"_s) && refused.contains(u"DEFERRABLE"_s) &&
                 refused.contains(u"nothing was written"_s),
             qPrintable(refused));
    QCOMPARE(count(db, u"SELECT count(*) FROM actor"_s), 0);
    // … and loaded with the triggers off for the load, like pg_restore --disable-triggers.
    append.disableTriggers = true;
    const QString appended = load(**plan, original, append);
    QVERIFY2(appended.isEmpty(), qPrintable(appended));
    for (const QString &table : kTables) {
        QCOMPARE(count(db, u"SELECT count(*) FROM "_s + table), schema.table(table)->rows);
    }
    // Every row found its partition (an INSERT outside all of them fails), each partition got some.
    QCOMPARE(count(db, u"SELECT count(*) FROM payment_p2022_01"_s) > 0, true);
    QCOMPARE(count(db, u"SELECT count(*) FROM payment_p2022_06"_s) > 0, true);
    // The keys hold although they were not checked during the load, triggers are back on, and the
    // database computed the generated column.
    QCOMPARE(count(db, u"SELECT count(*) FROM store s LEFT JOIN staff m ON m.staff_id = s.manager_staff_id "
                       u"WHERE m.staff_id IS NULL"_s),
             0);
    QCOMPARE(count(db, u"SELECT count(*) FROM staff s LEFT JOIN store t ON t.store_id = s.store_id "
                       u"WHERE t.store_id IS NULL"_s),
             0);
    QCOMPARE(count(db, u"SELECT count(*) FROM pg_trigger WHERE tgrelid = 'staff'::regclass AND "
                       u"tgenabled = 'D'"_s),
             0);
    QCOMPARE(count(db, u"SELECT count(*) FROM film WHERE fulltext IS NULL"_s), 0);
    // The database numbered the payments (identity ALWAYS, referenced by nothing) …
    QCOMPARE(count(db, u"SELECT max(payment_id) FROM payment"_s), schema.table(u"payment"_s)->rows);
    // … and the sequences behind the loaded keys moved past them, so the next INSERTs find free numbers.
    QSqlQuery next(db);
    QVERIFY2(next.exec(u"INSERT INTO actor (first_name, last_name) VALUES ('Penelope', 'Guiness') "
                       u"RETURNING actor_id"_s) &&
                 next.next(),
             qPrintable(next.lastError().text()));
    QCOMPARE(next.value(0).toLongLong(), schema.table(u"actor"_s)->rows + 1);
    QVERIFY2(next.exec(u"INSERT INTO category (name) VALUES ('Noir') RETURNING category_id"_s) && next.next(),
             qPrintable(next.lastError().text()));
    QCOMPARE(next.value(0).toLongLong(), schema.table(u"category"_s)->rows + 1);
    QVERIFY2(next.exec(u"INSERT INTO language (name) VALUES ('Welsh') RETURNING language_id"_s) &&
                 next.next(),
             qPrintable(next.lastError().text()));
    QCOMPARE(next.value(0).toLongLong(), schema.table(u"language"_s)->rows + 1);
    QCOMPARE(count(db, u"SELECT count(*) FROM payment p LEFT JOIN rental r ON r.rental_id = p.rental_id "
                       u"WHERE r.rental_id IS NULL"_s),
             0);
    db = QSqlDatabase();

    // 2. A new database with Fabrica's own DDL: keys after the data, cycle included.
    std::shared_ptr<Database> fresh = Database::open(server.fresh()).value();
    const QString created = load(**plan, fresh, DatabaseSink::Options{});
    QVERIFY2(created.isEmpty(), qPrintable(created));
    QSqlDatabase own = fresh->connection().value();
    for (const QString &table : kTables)
        QCOMPARE(count(own, u"SELECT count(*) FROM "_s + table), schema.table(table)->rows);
    QVERIFY(count(own, u"SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND "
                       u"conname LIKE 'fk_st%'"_s) >= 3);
}

void TestModernDumps::dvdRentalRoundTripsOnSqlite()
{
    test::StorageDatabases files(SqlDialect::SQLite);
    QVERIFY(files.check().isEmpty());
    const Schema schema = sakilaSized(importSql(readText(corpus(u"postgresql.sql"_s))));
    Plan::Options planOptions;
    planOptions.seed = 13;
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, planOptions);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    // sqlite.sql as sqlite3 would load it, with foreign keys enforced.
    std::shared_ptr<Database> original = Database::open(files.fresh()).value();
    QSqlDatabase db = original->connection().value();
    QSqlQuery ddl(db);
    QVERIFY(ddl.exec(u"PRAGMA foreign_keys = ON"_s));
    for (const QString &statement : readText(corpus(u"sqlite.sql"_s)).split(u";\n"_s)) {
        const QString sql = statement.trimmed();
        bool comment = true;
        for (const QString &line : sql.split(u'\n'))
            comment = comment && (line.trimmed().isEmpty() || line.trimmed().startsWith(u"--"_s));
        if (!comment)
            QVERIFY2(ddl.exec(sql), qPrintable(sql + u": "_s + ddl.lastError().text()));
    }
    DatabaseSink::Options append;
    append.ifExists = DatabaseSink::IfExists::Append;
    const QString appended = load(**plan, original, append);
    QVERIFY2(appended.isEmpty(), qPrintable(appended));
    for (const QString &table : kTables) {
        QCOMPARE(count(db, u"SELECT count(*) FROM "_s + table), schema.table(table)->rows);
    }
    QVERIFY(ddl.exec(u"PRAGMA foreign_key_check"_s));
    QVERIFY2(!ddl.next(), qPrintable(ddl.value(0).toString()));
    QCOMPARE(count(db, u"SELECT count(*) FROM film WHERE fulltext IS NULL"_s), 0);

    // Fabrica's own tables in a new file.
    std::shared_ptr<Database> fresh = Database::open(files.fresh()).value();
    const QString created = load(**plan, fresh, DatabaseSink::Options{});
    QVERIFY2(created.isEmpty(), qPrintable(created));
    QSqlDatabase own = fresh->connection().value();
    for (const QString &table : kTables)
        QCOMPARE(count(own, u"SELECT count(*) FROM "_s + table), schema.table(table)->rows);
}

QTEST_GUILESS_MAIN(TestModernDumps)
#include "tst_modern_dumps.moc"
