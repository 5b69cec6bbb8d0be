// MySQL on a real server (MariaDB, started by scripts/test.sh; FABRICA_TEST_MYSQL_URL): every registry type
// in one table through the MySQL SQL script (run by the mariadb client) and through `--to mysql://`, read
// back and compared with what the engine made; the if-exists modes; a failed load that leaves the
// database as it was; appending into existing tables whose NOT NULL foreign keys form a cycle; passwords
// (MYSQL_PWD, saved) and ?socket= (FABRICA_TEST_MYSQL_SOCKET, exported by scripts/mariadb.sh too).
#include "CliRunner.h"
#include "FailingSink.h"
#include "SchemaBuilding.h"
#include "export/DatabaseSink.h"
#include "export/ExportOptions.h"
#include "export/MysqlValueForm.h"
#include "export/SqlSink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "storage/Database.h"
#include "types/TypeRegistry.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <cmath>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kUrlVariable = u"FABRICA_TEST_MYSQL_URL"_s;
const QString kNull = u"<NULL>"_s;
constexpr quint64 kSeed = 20261207;
constexpr qint64 kRows = 1500; // more than one INSERT batch

using test::column;

// A table with a column of every registry type (and a parent for the foreign key), as tst_generate's
// everyType builds them; timestamptz also in another zone, with an offset to convert.
Schema everyType()
{
    const QHash<QString, QByteArray> required{
        {u"pattern"_s, R"({"pattern": "[A-Z]{2}-[0-9]{4}"})"},
        {u"template"_s, R"({"template": "{id}: {lorem_word|upper}"})"},
        {u"enum"_s, R"({"values": ["red", "green", "blue"]})"},
        {u"json"_s, R"({"fields": {"size": {"type": "enum", "constraints": {"values": ["S", "M"]}},
                                   "price": {"type": "decimal"}}})"},
        {u"foreign_key"_s, R"({"references": "p.id"})"},
    };
    Table table{u"t"_s, {}, kRows, {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})")}};
    for (const DataType &type : TypeRegistry::instance().types()) {
        Column value = column(u"c_"_s + type.id, type.id, required.value(type.id, "{}"));
        if (type.id == u"sample"_s)
            value.samples = {u"alpha"_s, u"beta"_s, u"gamma"_s};
        table.columns << value;
    }
    table.columns << column(u"c_timestamptz_berlin"_s, u"timestamptz"_s,
                            R"({"timeZone": "Europe/Berlin", "min": "1901-01-01T00:00:00Z",
                                "max": "2100-12-31T00:00:00Z"})");
    table.columns << column(u"c_timestamp_wide"_s, u"timestamp"_s,
                            R"({"min": "1001-01-01T00:00:00", "max": "9998-12-31T23:59:59"})");
    table.columns << column(u"c_timestamp_offset"_s, u"timestamp"_s, R"({"format": "yyyy-MM-ddTHH:mm:sst"})");
    table.columns << column(u"c_date_wide"_s, u"date"_s, R"({"min": "1001-01-01", "max": "9998-12-31"})");
    Schema schema;
    schema.name = u"every_type"_s;
    schema.tables = {Table{u"p"_s, {}, 50, {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})")}},
                     table};
    return schema;
}

// parents(id, code unique) and children(id, parent_id → parents.id, amount, flag), ids from start.
Schema family(qint64 start, qint64 parents = 300, qint64 children = 2500)
{
    Schema schema;
    schema.name = u"family"_s;
    const QByteArray id = R"({"primaryKey": true, "start": )" + QByteArray::number(start) + "}";
    schema.tables = {
        Table{
            u"parents"_s,
            {},
            parents,
            {column(u"id"_s, u"sequence"_s, id),
             column(u"code"_s, u"sequence"_s,
                    R"({"unique": true, "notNull": true, "start": )" + QByteArray::number(start * 10) + "}"),
             column(u"name"_s, u"first_name"_s)}},
        Table{u"children"_s,
              {},
              children,
              {column(u"id"_s, u"sequence"_s, id),
               column(u"parent_id"_s, u"foreign_key"_s, R"({"references": "parents.id", "notNull": true})"),
               column(u"amount"_s, u"decimal"_s, R"({"min": 0, "max": 1000, "scale": 2, "nullPercent": 20})"),
               column(u"flag"_s, u"boolean"_s, R"({"notNull": true})")}}};
    return schema;
}

std::shared_ptr<const Plan> compile(const Schema &schema)
{
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    if (!plan) {
        qWarning() << "compile failed:" << plan.error().toString();
        return nullptr;
    }
    return *plan;
}

QStringList cells(const Plan &plan, int table, std::size_t column)
{
    TableChunk chunk;
    plan.fillChunk(table, 0, int(plan.tables()[std::size_t(table)].rows), chunk);
    QStringList values;
    for (int row = 0; row < chunk.rows; ++row) {
        const ColumnChunk &c = chunk.columns[column];
        values << (c.isNull(row) ? kNull : QString::fromUtf8(c.value(row)));
    }
    return values;
}

Result<void> runJob(const Plan &plan, Sink &sink)
{
    GenerationJob::Options job;
    job.threads = 2;
    job.chunkRows = 700; // statements span chunks
    const auto result = GenerationJob::run(plan, sink, job);
    if (!result)
        return result.error();
    return {};
}

// A database of the test's own on the server, dropped at the end; a connection to look at it.
class Target
{
public:
    QString name;
    QString url; // for DatabaseUrl::parse and --to
    std::shared_ptr<Database> admin;
    std::shared_ptr<Database> database; // the test database itself

    QString open()
    {
        const QString base = qEnvironmentVariable(kUrlVariable.toUtf8().constData());
        if (base.isEmpty())
            return u"%1 is not set: run scripts/test.sh, which starts a MariaDB server for the tests, or "
                   u"source scripts/mariadb.sh and run start_test_mariadb"_s.arg(kUrlVariable);
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(base);
        if (!parsed)
            return parsed.error().toString();
        if (!parsed->isMysql())
            return u"%1 is not a mysql:// URL"_s.arg(kUrlVariable);
        Result<std::shared_ptr<Database>> server = Database::open(*parsed);
        if (!server)
            return server.error().toString();
        admin = *server;
        name = u"tst_mysql_%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        if (const QString error = exec(admin, u"CREATE DATABASE `%1` CHARACTER SET utf8mb4"_s.arg(name));
            !error.isEmpty())
            return error;
        DatabaseUrl own = *parsed;
        own.database = name;
        url = base.section(u'/', 0, 2) + u'/' + name;
        Result<std::shared_ptr<Database>> opened = Database::open(own);
        if (!opened)
            return opened.error().toString();
        database = *opened;
        return {};
    }
    ~Target()
    {
        if (admin && !name.isEmpty())
            exec(admin, u"DROP DATABASE IF EXISTS `%1`"_s.arg(name));
    }

    static QString exec(const std::shared_ptr<Database> &db, const QString &sql)
    {
        QSqlQuery query(db->connection().value());
        return query.exec(sql) ? QString() : query.lastError().text();
    }
    QString exec(const QString &sql) { return exec(database, sql); }

    // Every row of a query, its cells as text (NULL as kNull); an error as the only row.
    QList<QStringList> rows(const QString &sql)
    {
        QSqlQuery query(database->connection().value());
        if (!query.exec(sql))
            return {{query.lastError().text()}};
        QList<QStringList> out;
        while (query.next()) {
            QStringList row;
            for (int i = 0; i < query.record().count(); ++i)
                row << (query.isNull(i) ? kNull : query.value(i).toString());
            out << row;
        }
        return out;
    }
    qint64 count(const QString &table)
    {
        const QList<QStringList> r = rows(u"SELECT count(*) FROM `%1`"_s.arg(table));
        return r.size() == 1 && r[0].size() == 1 ? r[0][0].toLongLong() : -1;
    }
    QStringList tables()
    {
        QStringList names;
        for (const QStringList &row : rows(u"SELECT table_name FROM information_schema.tables "
                                           u"WHERE table_schema = DATABASE() ORDER BY table_name"_s))
            names << row.value(0);
        return names;
    }
    void dropAll()
    {
        exec(u"SET FOREIGN_KEY_CHECKS = 0"_s);
        for (const QString &table : tables())
            exec(u"DROP TABLE `%1`"_s.arg(table));
        exec(u"SET FOREIGN_KEY_CHECKS = 1"_s);
    }

    Result<void> load(const Plan &plan, DatabaseSink::IfExists mode, int failAt = -1)
    {
        Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(database, {mode, {}});
        if (!sink)
            return sink.error();
        if (failAt < 0)
            return runJob(plan, **sink);
        test::FailingSink failing(**sink, failAt);
        return runJob(plan, failing);
    }
};

// The generated value as the server gives it back (CAST(… AS CHAR)).
QString expected(const QString &type, const QString &value)
{
    if (value == kNull)
        return value;
    if (type == u"boolean"_s)
        return value == u"true"_s ? u"1"_s : u"0"_s;
    if (type == u"timestamptz"_s || type == u"timestamp"_s) {
        std::string utc;
        if (MysqlValueForm::utcDateTime(value.toStdString(), utc))
            return QString::fromStdString(utc);
    }
    return value;
}

// "2021-06-14 14:35:07.000000" → "2021-06-14 14:35:07": DATETIME(6) and TIME(6) show six digits.
QString withoutZeroFraction(const QString &value)
{
    static const QRegularExpression zeros(u"\\.0+$"_s);
    QString out = value;
    out.remove(zeros);
    return out;
}

bool sameValue(const QString &type, const QString &want, const QString &got)
{
    if (want == got || withoutZeroFraction(want) == withoutZeroFraction(got))
        return true;
    bool wantNumber = false, gotNumber = false;
    const double a = want.toDouble(&wantNumber), b = got.toDouble(&gotNumber);
    if (!wantNumber || !gotNumber)
        return false;
    // A float column keeps single precision; decimals and doubles come back as written, give or take
    // trailing zeros and the last digit of a double's shortest form.
    const double tolerance = type == u"float"_s ? 1e-6 : 1e-12;
    return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

// The same number for every row: swapped into a compiled plan to break a foreign key.
class ConstantGenerator : public Generator
{
public:
    ValueClass valueClass() const override { return ValueClass::Number; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        for (int i = 0; i < ctx.rows; ++i)
            out.append("999999");
    }
};

} // namespace

class TestMysqlTarget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyTypeThroughScript();
    void everyTypeThroughCli();
    void ifExists();
    void failedLoadsRollBack();
    void appendIntoForeignKeyCycle();
    void passwords();
    void socket();
    void utcDateTime_data();
    void utcDateTime();

private:
    // Compares every column of table "t" of everyType() in the target with the engine's values.
    void compareEveryType(Target &target, const Plan &plan);

    std::unique_ptr<Target> m_target;
};

void TestMysqlTarget::initTestCase()
{
    m_target = std::make_unique<Target>();
    const QString error = m_target->open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestMysqlTarget::compareEveryType(Target &target, const Plan &plan)
{
    const TablePlan &table = plan.tables()[1];
    const Table &source = plan.schema().tables[1];
    QCOMPARE(target.count(u"t"_s), kRows);
    QCOMPARE(target.count(u"p"_s), qint64(50));
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const QString name = table.columns[c].name;
        QString type = source.columns[qsizetype(c)].type;
        if (type == u"foreign_key"_s)
            type = u"sequence"_s;
        const QStringList want = cells(plan, 1, c);
        // A FLOAT as text shows 6 digits; as a double, the single-precision value it holds.
        const QList<QStringList> got = target.rows(u"SELECT CAST(`%1` AS %2) FROM `t` ORDER BY `id`"_s.arg(
            name, type == u"float"_s ? u"DOUBLE"_s : u"CHAR"_s));
        QCOMPARE(got.size(), want.size());
        for (qsizetype r = 0; r < want.size(); ++r) {
            const QString wanted = expected(type, want[r]);
            QVERIFY2(sameValue(type, wanted, got[r].value(0)),
                     qPrintable(u"column %1 (%2), row %3: wrote %4, expected %5, read back %6"_s.arg(
                         name, type, QString::number(r + 1), want[r], wanted, got[r].value(0))));
        }
    }
    // The foreign key is there and holds.
    const QList<QStringList> keys = target.rows(
        u"SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = "
        u"DATABASE() AND table_name = 't'"_s);
    QCOMPARE(keys.value(0).value(0), u"1"_s);
}

void TestMysqlTarget::everyTypeThroughScript()
{
    m_target->dropAll();
    const auto plan = compile(everyType());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.filePath(u"every.sql"_s);
    options.singleFile = true;
    options.createTables = true;
    options.dialect = SqlDialect::MySQL;
    options.batchRows = 400;
    SqlSink sink(options);
    const Result<void> written = runJob(*plan, sink);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));

    // The script as a user runs it: the mariadb client, reading the file.
    Result<DatabaseUrl> url = DatabaseUrl::parse(m_target->url);
    QVERIFY(url);
    QProcess client;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"MYSQL_PWD"_s, url->password);
    client.setProcessEnvironment(environment);
    client.setStandardInputFile(options.path);
    client.start(u"mariadb"_s, {u"--no-defaults"_s, u"-h"_s, url->host, u"-P"_s, QString::number(url->port),
                                u"-u"_s, url->user, url->database});
    QVERIFY2(client.waitForFinished(120000), "the mariadb client did not finish");
    QVERIFY2(client.exitCode() == 0, client.readAllStandardError().constData());
    compareEveryType(*m_target, *plan);
}

void TestMysqlTarget::everyTypeThroughCli()
{
    m_target->dropAll();
    const auto plan = compile(everyType());
    QVERIFY(plan);
    QTemporaryDir dir;
    const QString schemaPath = dir.filePath(u"every.fabrica.json"_s);
    QVERIFY(SchemaFile::save(plan->schema(), schemaPath));
    const test::CliRun run = test::runFabrica(
        {u"generate"_s, schemaPath, u"--to"_s, m_target->url, u"--seed"_s, QString::number(kSeed)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    compareEveryType(*m_target, *plan);
    // The keys came after the rows and the server checked them: every child's parent exists.
    QCOMPARE(m_target
                 ->rows(u"SELECT count(*) FROM `t` LEFT JOIN `p` ON `t`.`c_foreign_key` = `p`.`id` "
                        u"WHERE `p`.`id` IS NULL"_s)
                 .value(0)
                 .value(0),
             u"0"_s);
}

void TestMysqlTarget::ifExists()
{
    m_target->dropAll();
    const auto first = compile(family(1));
    const auto second = compile(family(100001));
    QVERIFY(first && second);
    QVERIFY(m_target->load(*first, DatabaseSink::IfExists::Fail));
    QCOMPARE(m_target->count(u"children"_s), qint64(2500));

    // fail: nothing written, the tables named.
    const Result<void> refused = m_target->load(*second, DatabaseSink::IfExists::Fail);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
    QVERIFY2(refused.error().message.contains(u"\"parents\""_s), qPrintable(refused.error().message));
    QCOMPARE(m_target->count(u"children"_s), qint64(2500));

    // append: the rows of both loads.
    const Result<void> appended = m_target->load(*second, DatabaseSink::IfExists::Append);
    QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().toString()));
    QCOMPARE(m_target->count(u"parents"_s), qint64(600));
    QCOMPARE(m_target->count(u"children"_s), qint64(5000));
    QCOMPARE(m_target->rows(u"SELECT min(id), max(id) FROM children"_s).value(0),
             (QStringList{u"1"_s, u"102500"_s}));
    // The session's foreign-key checks are back on after the load.
    QCOMPARE(m_target->rows(u"SELECT @@SESSION.foreign_key_checks"_s).value(0).value(0), u"1"_s);

    // truncate: only the second load's rows.
    const Result<void> truncated = m_target->load(*second, DatabaseSink::IfExists::Truncate);
    QVERIFY2(truncated, qPrintable(truncated ? QString() : truncated.error().toString()));
    QCOMPARE(m_target->count(u"parents"_s), qint64(300));
    QCOMPARE(m_target->count(u"children"_s), qint64(2500));
    QCOMPARE(m_target->rows(u"SELECT min(id) FROM children"_s).value(0).value(0), u"100001"_s);
    // Booleans as 1 and 0, the flag values the engine made.
    const QStringList flags = cells(*second, 1, 3);
    const QList<QStringList> stored = m_target->rows(u"SELECT flag FROM children ORDER BY id"_s);
    QCOMPARE(stored.size(), flags.size());
    for (qsizetype i = 0; i < flags.size(); ++i)
        QCOMPARE(stored[i].value(0), flags[i] == u"true"_s ? u"1"_s : u"0"_s);
}

void TestMysqlTarget::failedLoadsRollBack()
{
    m_target->dropAll();
    const auto first = compile(family(1));
    const auto second = compile(family(100001));
    QVERIFY(first && second);

    // New tables: a failure in the middle leaves no table behind.
    const Result<void> failedNew = m_target->load(*first, DatabaseSink::IfExists::Fail, 3);
    QVERIFY(!failedNew);
    QVERIFY2(failedNew.error().message.contains(u"injected failure"_s),
             qPrintable(failedNew.error().message));
    QCOMPARE(m_target->tables(), QStringList());

    // A foreign key found broken after the data (which MySQL's ALTER TABLE has committed by then): the
    // new tables are dropped again, and the message names the value.
    const auto broken = compile(family(1));
    QVERIFY(broken);
    const_cast<ColumnPlan &>(broken->tables()[1].columns[1]).generator =
        std::make_unique<ConstantGenerator>();
    const Result<void> orphans = m_target->load(*broken, DatabaseSink::IfExists::Fail);
    QVERIFY(!orphans);
    QVERIFY2(orphans.error().message.contains(u"parent_id holds 999999"_s),
             qPrintable(orphans.error().message));
    QCOMPARE(m_target->tables(), QStringList());
    QCOMPARE(m_target->rows(u"SELECT @@SESSION.foreign_key_checks"_s).value(0).value(0), u"1"_s);

    // Existing tables: appended rows and emptied tables come back as they were.
    QVERIFY(m_target->load(*first, DatabaseSink::IfExists::Fail));
    for (const auto mode : {DatabaseSink::IfExists::Append, DatabaseSink::IfExists::Truncate}) {
        const Result<void> failed = m_target->load(*second, mode, 2);
        QVERIFY(!failed);
        QCOMPARE(m_target->count(u"parents"_s), qint64(300));
        QCOMPARE(m_target->count(u"children"_s), qint64(2500));
        QCOMPARE(m_target->rows(u"SELECT max(id) FROM children"_s).value(0).value(0), u"2500"_s);
    }
    // A row the server refuses (a duplicate primary key) rolls the load back too.
    const Result<void> collided = m_target->load(*first, DatabaseSink::IfExists::Append);
    QVERIFY(!collided);
    QVERIFY2(collided.error().message.contains(u"Duplicate"_s), qPrintable(collided.error().message));
    QCOMPARE(m_target->count(u"children"_s), qint64(2500));
}

void TestMysqlTarget::appendIntoForeignKeyCycle()
{
    m_target->dropAll();
    // The original DDL: staff and store reference each other through NOT NULL keys (Sakila's cycle).
    for (const QString &sql :
         {u"CREATE TABLE store (store_id int NOT NULL PRIMARY KEY, manager_staff_id int NOT NULL, "
          u"name varchar(45) NOT NULL) ENGINE=InnoDB"_s,
          u"CREATE TABLE staff (staff_id int NOT NULL PRIMARY KEY, store_id int NOT NULL, "
          u"first_name varchar(45) NOT NULL, CONSTRAINT fk_staff_store FOREIGN KEY (store_id) "
          u"REFERENCES store (store_id)) ENGINE=InnoDB"_s,
          u"ALTER TABLE store ADD CONSTRAINT fk_store_staff FOREIGN KEY (manager_staff_id) "
          u"REFERENCES staff (staff_id)"_s})
        QCOMPARE(m_target->exec(sql), QString());
    // Fabrica's schema of the same tables; the cycle goes through a nullable column that is never NULL.
    Schema schema;
    schema.name = u"sakila"_s;
    schema.tables = {
        Table{u"store"_s,
              {},
              20,
              {column(u"store_id"_s, u"sequence"_s, R"({"primaryKey": true})"),
               column(u"manager_staff_id"_s, u"foreign_key"_s, R"({"references": "staff.staff_id"})"),
               column(u"name"_s, u"city"_s, R"({"notNull": true})")}},
        Table{
            u"staff"_s,
            {},
            200,
            {column(u"staff_id"_s, u"sequence"_s, R"({"primaryKey": true})"),
             column(u"store_id"_s, u"foreign_key"_s, R"({"references": "store.store_id", "notNull": true})"),
             column(u"first_name"_s, u"first_name"_s, R"({"notNull": true})")}}};
    const auto plan = compile(schema);
    QVERIFY(plan);
    // Checked as the server checks: with its foreign-key checks on, the first table cannot go in.
    const Result<void> loaded = m_target->load(*plan, DatabaseSink::IfExists::Append);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    QCOMPARE(m_target->count(u"store"_s), qint64(20));
    QCOMPARE(m_target->count(u"staff"_s), qint64(200));
    for (const QString &orphans :
         {u"SELECT count(*) FROM store s LEFT JOIN staff f ON s.manager_staff_id = f.staff_id "
          u"WHERE f.staff_id IS NULL"_s,
          u"SELECT count(*) FROM staff f LEFT JOIN store s ON f.store_id = s.store_id "
          u"WHERE s.store_id IS NULL"_s})
        QCOMPARE(m_target->rows(orphans).value(0).value(0), u"0"_s);
    QCOMPARE(m_target->rows(u"SELECT @@SESSION.foreign_key_checks"_s).value(0).value(0), u"1"_s);
    // The cycle's keys are still there, enforced.
    QVERIFY(!m_target->exec(u"INSERT INTO staff VALUES (9999, 9999, 'x')"_s).isEmpty());
}

// The password from the URL, MYSQL_PWD or one saved with `fabrica db password`; none is a clear failure.
void TestMysqlTarget::passwords()
{
    m_target->dropAll();
    Result<DatabaseUrl> url = DatabaseUrl::parse(m_target->url);
    QVERIFY(url);
    const QString password = url->password;
    QVERIFY(!password.isEmpty());
    DatabaseUrl bare = *url;
    bare.password.clear();
    const QString withoutPassword = bare.toString();
    QVERIFY(!withoutPassword.contains(password));
    QTemporaryDir home;
    QProcessEnvironment environment;
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"MYSQL_PWD"_s, QString()); // none from the test's own environment
    QTemporaryDir dir;
    const QString schemaPath = dir.filePath(u"family.fabrica.json"_s);
    QVERIFY(SchemaFile::save(family(1, 10, 20), schemaPath));
    const QStringList generate{u"generate"_s,   schemaPath,       u"--to"_s,
                               withoutPassword, u"--if-exists"_s, u"truncate"_s};

    const test::CliRun refused = test::runFabrica(generate, {}, environment);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"cannot connect to mysql://"_s), qPrintable(refused.err));
    QVERIFY(!refused.err.contains(password));

    QProcessEnvironment withEnvironment = environment;
    withEnvironment.insert(u"MYSQL_PWD"_s, password);
    const test::CliRun fromEnvironment = test::runFabrica(generate, {}, withEnvironment);
    QVERIFY2(fromEnvironment.exitCode == 0, qPrintable(fromEnvironment.err));
    QCOMPARE(m_target->count(u"children"_s), qint64(20));

    const test::CliRun wrong =
        test::runFabrica({u"db"_s, u"password"_s, u"--database"_s, withoutPassword, u"--password-stdin"_s},
                         "not it\n", environment);
    QCOMPARE(wrong.exitCode, 1);
    const test::CliRun saved =
        test::runFabrica({u"db"_s, u"password"_s, u"--database"_s, withoutPassword, u"--password-stdin"_s},
                         password.toUtf8() + '\n', environment);
    QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
    const test::CliRun fromSaved = test::runFabrica(generate, {}, environment);
    QVERIFY2(fromSaved.exitCode == 0, qPrintable(fromSaved.err));
    QCOMPARE(m_target->count(u"children"_s), qint64(20));
}

// ?socket= connects through the server's Unix socket (scripts/mariadb.sh exports its path).
void TestMysqlTarget::socket()
{
    const QString path = qEnvironmentVariable("FABRICA_TEST_MYSQL_SOCKET");
    QVERIFY2(!path.isEmpty(),
             "FABRICA_TEST_MYSQL_SOCKET is not set: start the server with scripts/mariadb.sh");
    Result<DatabaseUrl> url = DatabaseUrl::parse(m_target->url);
    QVERIFY(url);
    DatabaseUrl local = *url;
    local.host = u"localhost"_s;
    local.port = 0;
    local.options.insert(u"socket"_s, path);
    QCOMPARE(DatabaseUrl::parse(local.toString())->options.value(u"socket"_s), path);
    QVERIFY(local.connectOptions().contains(u"UNIX_SOCKET="_s + path));
    Result<std::shared_ptr<Database>> opened = Database::open(local);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QSqlQuery query((*opened)->connection().value());
    QVERIFY(query.exec(u"SELECT CURRENT_USER(), DATABASE(), @@SESSION.time_zone"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"fabrica@localhost"_s); // the socket's account, not 127.0.0.1's
    QCOMPARE(query.value(1).toString(), m_target->name);
    QCOMPARE(query.value(2).toString(), u"+00:00"_s);
    Result<QString> version = (*opened)->serverVersion();
    QVERIFY(version && version->startsWith(u"MariaDB "_s));

    DatabaseUrl missing = local;
    missing.options.insert(u"socket"_s, path + u".missing"_s);
    const Result<std::shared_ptr<Database>> failed = Database::open(missing);
    QVERIFY(!failed);
    QVERIFY2(failed.error().message.startsWith(u"cannot connect to mysql://"_s),
             qPrintable(failed.error().message));
}

void TestMysqlTarget::utcDateTime_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("utc"); // empty: not rewritten
    QTest::newRow("utc offset") << u"1981-12-16 16:13:46+00:00"_s << u"1981-12-16 16:13:46"_s;
    QTest::newRow("berlin") << u"2021-06-14 16:35:07+02:00"_s << u"2021-06-14 14:35:07"_s;
    QTest::newRow("Z and T") << u"2021-06-14T14:35:07Z"_s << u"2021-06-14 14:35:07"_s;
    QTest::newRow("fraction") << u"2021-06-14 14:35:07.25+01:00"_s << u"2021-06-14 13:35:07.25"_s;
    QTest::newRow("negative, no colon") << u"2021-12-31 22:30:00-0330"_s << u"2022-01-01 02:00:00"_s;
    QTest::newRow("hours only") << u"2000-03-01 00:10:00+01"_s << u"2000-02-29 23:10:00"_s;
    QTest::newRow("UTC word") << u"1901-01-01 00:00:00 UTC"_s << u"1901-01-01 00:00:00"_s;
    QTest::newRow("no offset") << u"2021-06-14 14:35:07"_s << QString();
    QTest::newRow("other format") << u"14.06.2021 14:35"_s << QString();
    QTest::newRow("bad offset") << u"2021-06-14 14:35:07+2"_s << QString();
}

void TestMysqlTarget::utcDateTime()
{
    QFETCH(QString, value);
    QFETCH(QString, utc);
    std::string out;
    const bool rewritten = MysqlValueForm::utcDateTime(value.toStdString(), out);
    QCOMPARE(rewritten, !utc.isEmpty());
    if (rewritten)
        QCOMPARE(QString::fromStdString(out), utc);
    // Other kinds, and values without the form, stay as written.
    std::string scratch;
    QCOMPARE(MysqlValueForm::rewrite(MysqlValueForm::Kind::AsIs, "a+01:00", scratch),
             std::string_view("a+01:00"));
}

QTEST_GUILESS_MAIN(TestMysqlTarget)
#include "tst_mysql_target.moc"
