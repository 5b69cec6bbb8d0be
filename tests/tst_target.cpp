// Loading straight into a database (`fabrica generate --to`): PostgreSQL through COPY and SQLite through
// bound INSERTs. Every example loads with all its keys and the values the CSV sink writes; the if-exists
// modes; and failed or cancelled loads that leave the target exactly as it was.
#include "SchemaBuilding.h"
#include "CliRunner.h"
#include "ExpectedConstraints.h"
#include "FailingSink.h"
#include "export/DatabaseSink.h"
#include "export/DatabaseTarget.h"
#include "export/ExportFormat.h"
#include "export/FileSink.h"
#include "export/PostgresTargetSink.h"
#include "export/SqlDdl.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "model/ConstraintKeys.h"
#include "sql/SqlIdentifier.h"
#include "storage/CopyText.h"
#include "storage/Database.h"
#include "storage/PostgresCopy.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kPgUrlVariable = u"FABRICA_TEST_PG_URL"_s;
const QString kNull = u"<NULL>"_s; // how a NULL cell shows in the lists compared below
constexpr quint64 kSeed = 20261125;

using test::column;

Schema loadExample(const QString &name, QString *error)
{
    const QString path = qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
                         u"/examples/"_s + name + u".fabrica.json"_s;
    Result<Schema> schema = SchemaFile::load(path);
    if (!schema) {
        *error = schema.error().toString();
        return {};
    }
    return schema.value();
}

QStringList exampleNames()
{
    const QDir dir(qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
                   u"/examples"_s);
    QStringList names;
    for (const QString &file : dir.entryList({u"*.fabrica.json"_s}, QDir::Files, QDir::Name))
        names << file.chopped(int(qstrlen(".fabrica.json")));
    return names;
}

// A few thousand rows per table at most, for the examples that ask for more.
QHash<QString, qint64> smallRows(const Schema &schema)
{
    QHash<QString, qint64> rows;
    for (const Table &table : schema.tables)
        rows.insert(table.name, std::min<qint64>(table.rows, 3000));
    return rows;
}

// parents(id, code unique, name) and children(id, parent_id → parents.id, amount, flag, note), ids from
// start: loads with another start append without colliding.
Schema family(qint64 start, qint64 parents = 300, qint64 children = 900)
{
    Schema schema;
    schema.name = u"family"_s;
    const QByteArray id = R"({"primaryKey": true, "start": )" + QByteArray::number(start) + "}";
    Table parentTable{u"parents"_s, {}, parents, {}};
    parentTable.columns = {
        column(u"id"_s, u"sequence"_s, id),
        column(u"code"_s, u"sequence"_s,
               R"({"unique": true, "notNull": true, "start": )" + QByteArray::number(start * 10) + "}"),
        column(u"name"_s, u"first_name"_s)};
    Table childTable{u"children"_s, {}, children, {}};
    childTable.columns = {
        column(u"id"_s, u"sequence"_s, id),
        column(u"parent_id"_s, u"foreign_key"_s, R"({"references": "parents.id", "notNull": true})"),
        column(u"amount"_s, u"decimal"_s, R"({"min": 0, "max": 1000, "scale": 2, "nullPercent": 20})"),
        column(u"flag"_s, u"boolean"_s, R"({"notNull": true})"),
        column(u"note"_s, u"lorem_sentence"_s, R"({"nullPercent": 30})")};
    schema.tables = {parentTable, childTable};
    return schema;
}

// Text that breaks naive COPY, CSV or SQL quoting; each value exactly once.
QStringList hostileValues()
{
    return {u"tab\there"_s,
            u"line1\nline2\r\nline3"_s,
            u"back\\slash \\n \\t \\\\"_s,
            u"\\N"_s,
            u"\\."_s,
            u"before\n\\.\nafter"_s,
            u""_s,
            u"O'Brien \"quoted\""_s,
            u"'; DROP TABLE strings; --"_s,
            u"ünïcödé 表 😀 \u2028"_s,
            u"ctrl \x01 \x1f \x7f end"_s,
            u"  spaces  "_s};
}

Schema hostile()
{
    Schema schema;
    schema.name = u"hostile"_s;
    Table strings{u"strings"_s, {}, hostileValues().size(), {}};
    Column value = column(u"value"_s, u"enum"_s, R"({"unique": true, "notNull": true})");
    value.constraints.insert(u"values"_s, QJsonArray::fromStringList(hostileValues()));
    strings.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"), value};
    schema.tables = {strings};
    return schema;
}

std::shared_ptr<const Plan> compile(const Schema &schema, const QHash<QString, qint64> &rows = {})
{
    auto plan = Plan::compile(schema, Plan::Options{kSeed, rows});
    if (!plan) {
        qWarning() << "compile failed:" << plan.error().toString();
        return nullptr;
    }
    return *plan;
}

// The values the engine makes for one column of a table, straight from the plan.
QStringList cells(const Plan &plan, int table, std::size_t column)
{
    TableChunk chunk;
    plan.fillChunk(table, 0, int(plan.tables()[std::size_t(table)].rows), chunk);
    QStringList values;
    for (int row = 0; row < chunk.rows; ++row) {
        const ColumnChunk &values_ = chunk.columns[column];
        values << (values_.isNull(row) ? kNull : QString::fromUtf8(values_.value(row)));
    }
    return values;
}

struct JobOptions
{
    int threads = 2;
    int chunkRows = 700; // not a multiple of SQLite's batch, so statements span chunks
    int cancelAfterChunks = -1;
};

// Runs plan into sink; the error, or an empty string.
Result<void> runJob(const Plan &plan, Sink &sink, const JobOptions &options = {})
{
    std::atomic<bool> cancel{false};
    int chunks = 0;
    GenerationJob::Options job;
    job.threads = options.threads;
    job.chunkRows = options.chunkRows;
    job.cancel = &cancel;
    if (options.cancelAfterChunks >= 0) {
        job.progress = [&](const GenerationJob::Progress &) {
            if (++chunks >= options.cancelAfterChunks)
                cancel = true;
        };
    }
    const auto result = GenerationJob::run(plan, sink, job);
    if (!result)
        return result.error();
    return {};
}

QString errorText(const Result<void> &result)
{
    return result ? QString() : result.error().toString();
}

// The same number for every row: swapped into a compiled plan to break a unique column.
class ConstantGenerator : public Generator
{
public:
    ValueClass valueClass() const override { return ValueClass::Number; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        for (int i = 0; i < ctx.rows; ++i)
            out.append("7");
    }
};

// RFC 4180 as CsvSink writes it: a NULL is an empty unquoted field, an empty string is "".
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false, wasQuoted = false;
    auto endField = [&] {
        row << (field.isEmpty() && !wasQuoted ? kNull : QString::fromUtf8(field));
        field.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = wasQuoted = true;
        } else if (c == ',') {
            endField();
        } else if (c == '\n') {
            endField();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

QString requirePostgres()
{
    const QString value = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    if (value.isEmpty())
        return u"%1 is not set: run scripts/test.sh, which starts a PostgreSQL server for the tests, "
               u"or set %1=postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable);
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s) ||
        url.host().isEmpty() || url.path().size() < 2)
        return u"%1=%2 is not of the form postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable, value);
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return u"the Qt PostgreSQL driver (QPSQL) is not installed"_s;
    return {};
}

// A database to load into: a PostgreSQL schema of its own (created by the load through ?schema=, dropped at
// the end) or a SQLite file in a temporary directory; and a second connection to look at it.
class Target
{
public:
    SqlDialect dialect;
    QString url;    // for DatabaseUrl::parse and --to
    QString schema; // PostgreSQL
    QTemporaryDir dir;
    std::shared_ptr<Database> admin;

    static std::unique_ptr<Target> make(const QString &backend, QString *error)
    {
        auto target = std::make_unique<Target>();
        DatabaseUrl adminUrl;
        if (backend == u"postgresql"_s) {
            target->dialect = SqlDialect::PostgreSQL;
            // A space, a capital and a non-ASCII letter: the name must be quoted everywhere.
            target->schema = u"tst_target Ü %1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
            QUrl url(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
            QUrlQuery query(url);
            query.addQueryItem(u"schema"_s, target->schema);
            url.setQuery(query);
            target->url = url.toString(QUrl::FullyEncoded);
            Result<DatabaseUrl> parsed = DatabaseUrl::parse(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
            if (!parsed) {
                *error = parsed.error().toString();
                return nullptr;
            }
            adminUrl = *parsed;
        } else {
            target->dialect = SqlDialect::SQLite;
            target->url = u"sqlite:"_s + target->dir.filePath(u"target.db"_s);
            adminUrl = DatabaseUrl::sqliteFile(target->dir.filePath(u"target.db"_s));
        }
        Result<std::shared_ptr<Database>> admin = Database::open(adminUrl);
        if (!admin) {
            *error = admin.error().toString();
            return nullptr;
        }
        target->admin = *admin;
        return target;
    }

    ~Target()
    {
        if (dialect == SqlDialect::PostgreSQL && admin)
            exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(quote(schema)));
    }

    QString quote(const QString &name) const { return SqlIdentifier::quote(dialect, name); }
    QString qualified(const QString &table) const
    {
        return dialect == SqlDialect::PostgreSQL ? quote(schema) + u'.' + quote(table) : quote(table);
    }
    QSqlDatabase db() { return admin->connection().value(); }

    // Runs one statement; the error text, or an empty string.
    QString exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(db());
        if (values.isEmpty()) // DDL cannot be prepared in PostgreSQL
            return query.exec(sql) ? QString() : query.lastError().text();
        if (!query.prepare(sql))
            return query.lastError().text();
        for (const QVariant &value : values)
            query.addBindValue(value);
        return query.exec() ? QString() : query.lastError().text();
    }

    // The first column of every row, NULL as kNull; an error as the only element.
    QStringList column0(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(db());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return {u"<error: "_s + query.lastError().text() + u">"_s};
        QStringList result;
        while (query.next())
            result << (query.value(0).isNull() ? kNull : query.value(0).toString());
        return result;
    }

    // The target's tables (PostgreSQL: in its schema), sorted.
    QStringList tables()
    {
        if (dialect == SqlDialect::SQLite)
            return column0(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"_s);
        return column0(u"SELECT c.relname::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                       u"ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY 1"_s,
                       {schema});
    }

    bool schemaExists()
    {
        return column0(u"SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?"_s, {schema}) ==
               QStringList{u"1"_s};
    }

    qint64 count(const QString &table)
    {
        const QStringList n = column0(u"SELECT count(*) FROM "_s + qualified(table));
        return n.size() == 1 ? n.first().toLongLong() : -1;
    }

    // The keys the database has, in test::expectedConstraints()'s form.
    QStringList constraints()
    {
        QStringList lines;
        if (dialect == SqlDialect::PostgreSQL) {
            lines = column0(uR"(SELECT cl.relname || '|' || c.contype::text || '|' ||
                      array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) k
                                            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k
                                            ORDER BY a.attname), ',') || '|' ||
                      coalesce((SELECT p.relname FROM pg_class p WHERE p.oid = c.confrelid), '')
               FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
                    JOIN pg_namespace n ON n.oid = c.connamespace
               WHERE n.nspname = ? AND c.contype IN ('p', 'u', 'f') AND c.convalidated)"_s,
                            {schema});
        } else {
            for (const QString &table : tables()) {
                const QStringList key =
                    column0(u"SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY name"_s, {table});
                if (!key.isEmpty())
                    lines << u"%1|p|%2|"_s.arg(table, key.join(u','));
                for (const QString &index :
                     column0(u"SELECT name FROM pragma_index_list(?) WHERE origin = 'u'"_s, {table}))
                    lines << u"%1|u|%2|"_s.arg(
                        table, column0(u"SELECT name FROM pragma_index_info(?) ORDER BY name"_s, {index})
                                   .join(u','));
                for (const QString &fk : column0(
                         u"SELECT \"from\" || '|' || \"table\" FROM pragma_foreign_key_list(?)"_s, {table}))
                    lines << u"%1|f|%2"_s.arg(table, fk);
            }
        }
        lines.sort();
        return lines;
    }

    // Loads plan into this target with a new connection, as the CLI does.
    Result<void> load(const Plan &plan, DatabaseSink::IfExists mode = DatabaseSink::IfExists::Fail,
                      const JobOptions &options = {}, int failAtChunk = -1)
    {
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
        if (!parsed)
            return parsed.error();
        Result<std::shared_ptr<Database>> database = Database::open(*parsed);
        if (!database)
            return database.error();
        Result<std::unique_ptr<DatabaseSink>> sink =
            DatabaseSink::create(*database, DatabaseSink::Options{mode, parsed->schema});
        if (!sink)
            return sink.error();
        if (failAtChunk < 0)
            return runJob(plan, *sink.value(), options);
        test::FailingSink failing(*sink.value(), failAtChunk);
        Result<void> result = runJob(plan, failing, options);
        if (!failing.aborted())
            return makeError(ErrorCode::Internal, u"the job did not abort the sink"_s);
        return result;
    }

    // Every table of plan against what the CSV sink writes for it: rows matched by primary key; text columns
    // compared exactly, numbers as numbers, booleans as true/false. Returns how many cells matched, or -1 and
    // a message in *error.
    qint64 compareWithCsv(const Plan &plan, const QString &csvDir, QString *error)
    {
        const SqlDdl ddl(plan, dialect);
        qint64 matched = 0;
        for (int t = 0; t < int(plan.tables().size()); ++t) {
            const TablePlan &table = plan.tables()[std::size_t(t)];
            QFile file(QDir(csvDir).filePath(FileSink::fileNameOf(table.name) + u".csv"_s));
            if (!file.open(QIODevice::ReadOnly)) {
                *error = u"cannot read "_s + file.fileName();
                return -1;
            }
            QList<QStringList> csv = parseCsv(file.readAll());
            csv.removeFirst(); // the header
            QList<std::size_t> key, compared;
            QStringList selected;
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const QString name = quote(table.columns[c].name);
                const QString type = ddl.columnType(t, c).toLower();
                const ValueClass kind = table.columns[c].generator->valueClass();
                const bool textual = type == u"text"_s || type.startsWith(u"varchar"_s);
                if (table.columns[c].primaryKey)
                    key << c;
                if (textual || kind == ValueClass::Number || kind == ValueClass::Boolean)
                    compared << c;
                selected << (dialect == SqlDialect::PostgreSQL ? name + u"::text"_s : name);
            }
            if (key.isEmpty()) {
                *error = table.name + u" has no primary key to match rows by"_s;
                return -1;
            }
            QSqlQuery query(db());
            if (!query.exec(u"SELECT "_s + selected.join(u", "_s) + u" FROM "_s + qualified(table.name))) {
                *error = query.lastError().text();
                return -1;
            }
            auto keyOf = [&key](const QStringList &row) {
                QStringList parts;
                for (const std::size_t c : key)
                    parts << row.at(qsizetype(c));
                return parts.join(u'\x1f');
            };
            QHash<QString, QStringList> loaded;
            while (query.next()) {
                QStringList row;
                for (std::size_t c = 0; c < table.columns.size(); ++c) {
                    const QVariant value = query.value(int(c));
                    QString cell = value.isNull() ? kNull : value.toString();
                    if (table.columns[c].generator->valueClass() == ValueClass::Boolean)
                        cell = cell == u"1"_s ? u"true"_s : cell == u"0"_s ? u"false"_s : cell;
                    row << cell;
                }
                loaded.insert(keyOf(row), row);
            }
            if (loaded.size() != csv.size()) {
                *error =
                    u"%1: %2 rows loaded, %3 in the CSV"_s.arg(table.name).arg(loaded.size()).arg(csv.size());
                return -1;
            }
            for (const QStringList &expected : csv) {
                const QStringList actual = loaded.value(keyOf(expected));
                if (actual.isEmpty()) {
                    *error = u"%1: no row with key %2"_s.arg(table.name, keyOf(expected));
                    return -1;
                }
                for (const std::size_t c : compared) {
                    const QString a = actual.at(qsizetype(c)), e = expected.at(qsizetype(c));
                    bool same = a == e;
                    if (!same && table.columns[c].generator->valueClass() == ValueClass::Number &&
                        a != kNull && e != kNull)
                        same = std::abs(a.toDouble() - e.toDouble()) <=
                               1e-6 * std::max(1.0, std::abs(e.toDouble()));
                    if (!same) {
                        *error = u"%1.%2 of row %3: loaded \"%4\", the CSV has \"%5\""_s.arg(
                            table.name, table.columns[c].name, keyOf(expected), a, e);
                        return -1;
                    }
                    ++matched;
                }
            }
        }
        return matched;
    }
};

} // namespace

class TestTarget : public QObject
{
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void hostileText_data();
    void hostileText();
    void appendAndTruncate_data();
    void appendAndTruncate();
    void failModeChangesNothing_data();
    void failModeChangesNothing();
    void failedLoadLeavesNothing_data();
    void failedLoadLeavesNothing();
    void postgresSchemaTarget();
    void postgresCopy();
    void copyText();
    void ifExistsIds();
    void targetCheck();
    void cliSqlite();
    void cliPostgres();

private:
    static void addBackends();
    // The target for the current data row's backend; fails the test when PostgreSQL is wanted and missing.
    static std::unique_ptr<Target> target(const QString &backend);
};

void TestTarget::addBackends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

std::unique_ptr<Target> TestTarget::target(const QString &backend)
{
    if (backend == u"postgresql"_s) {
        if (const QString missing = requirePostgres(); !missing.isEmpty()) {
            QTest::qFail(qPrintable(missing), __FILE__, __LINE__);
            return nullptr;
        }
    }
    QString error;
    std::unique_ptr<Target> made = Target::make(backend, &error);
    if (!made)
        QTest::qFail(qPrintable(u"cannot open the %1 target: %2"_s.arg(backend, error)), __FILE__, __LINE__);
    return made;
}

void TestTarget::examples_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("example");
    const QStringList names = exampleNames();
    QVERIFY(names.size() >= 3);
    for (const QString &backend : {u"postgresql"_s, u"sqlite"_s}) {
        for (const QString &example : names)
            QTest::addRow("%s %s", qPrintable(backend), qPrintable(example)) << backend << example;
    }
}

void TestTarget::examples()
{
    QFETCH(QString, backend);
    QFETCH(QString, example);
    const std::unique_ptr<Target> target = this->target(backend);
    if (!target)
        return;
    QString error;
    const Schema schema = loadExample(example, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto plan = compile(schema, smallRows(schema));
    QVERIFY(plan);

    QCOMPARE(errorText(target->load(*plan)), QString());
    QStringList names;
    for (const TablePlan &table : plan->tables()) {
        names << table.name;
        QCOMPARE(target->count(table.name), table.rows);
    }
    names.sort();
    QCOMPARE(target->tables(), names);
    QCOMPARE(target->constraints(), test::expectedConstraints(*plan));
    if (target->dialect == SqlDialect::SQLite)
        QCOMPARE(target->column0(u"PRAGMA foreign_key_check"_s), QStringList());

    // The same plan and seed as CSV: the loaded values are the CSV's.
    QTemporaryDir csv;
    ExportOptions options;
    options.path = csv.path();
    std::unique_ptr<Sink> csvSink = ExportFormat::find(u"csv")->create(options);
    QCOMPARE(errorText(runJob(*plan, *csvSink)), QString());
    const qint64 matched = target->compareWithCsv(*plan, csv.path(), &error);
    QVERIFY2(matched > 0, qPrintable(error));
}

void TestTarget::hostileText_data()
{
    addBackends();
}

void TestTarget::hostileText()
{
    QFETCH(QString, backend);
    const std::unique_ptr<Target> target = this->target(backend);
    if (!target)
        return;
    const auto plan = compile(hostile());
    QVERIFY(plan);
    QCOMPARE(errorText(target->load(*plan, DatabaseSink::IfExists::Fail, JobOptions{2, 5, -1})), QString());
    QCOMPARE(target->column0(u"SELECT value FROM %1 ORDER BY id"_s.arg(target->qualified(u"strings"_s))),
             cells(*plan, 0, 1));
    QCOMPARE(target->count(u"strings"_s), hostileValues().size());
}

void TestTarget::appendAndTruncate_data()
{
    addBackends();
}

void TestTarget::appendAndTruncate()
{
    QFETCH(QString, backend);
    const std::unique_ptr<Target> target = this->target(backend);
    if (!target)
        return;
    const auto first = compile(family(1));
    const auto second = compile(family(1001));
    QVERIFY(first && second);
    auto counts = [&target] {
        return QList<qint64>{target->count(u"parents"_s), target->count(u"children"_s)};
    };
    QCOMPARE(errorText(target->load(*first)), QString());
    QCOMPARE(counts(), (QList<qint64>{300, 900}));
    const QStringList constraints = target->constraints();
    QCOMPARE(constraints, test::expectedConstraints(*first));

    // Append: the rows go in next to the others, the keys stay and hold.
    QCOMPARE(errorText(target->load(*second, DatabaseSink::IfExists::Append)), QString());
    QCOMPARE(counts(), (QList<qint64>{600, 1800}));
    QCOMPARE(target->constraints(), constraints);
    QCOMPARE(target->column0(
                 u"SELECT count(*) FROM %1 WHERE parent_id > 1000"_s.arg(target->qualified(u"children"_s))),
             QStringList{u"900"_s});

    // Truncate: only this load's rows are left.
    QCOMPARE(errorText(target->load(*first, DatabaseSink::IfExists::Truncate)), QString());
    QCOMPARE(counts(), (QList<qint64>{300, 900}));
    QCOMPARE(target->constraints(), constraints);
    QCOMPARE(target->column0(u"SELECT max(id) FROM %1"_s.arg(target->qualified(u"parents"_s))),
             QStringList{u"300"_s});

    // Append rows whose keys half exist: the server refuses in the middle, and nothing of the load stays.
    const auto overlapping = compile(family(151));
    QVERIFY(overlapping);
    const Result<void> refused = target->load(*overlapping, DatabaseSink::IfExists::Append);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Database);
    const QString message = refused.error().message;
    QVERIFY2(message.contains(u"\"parents\""_s) && message.contains(u"UNIQUE"_s, Qt::CaseInsensitive),
             qPrintable(message));
    if (target->dialect == SqlDialect::PostgreSQL)
        QVERIFY2(message.contains(u"Key (id)=(151) already exists"_s), qPrintable(message));
    QCOMPARE(counts(), (QList<qint64>{300, 900}));
    QCOMPARE(target->column0(u"SELECT max(id) FROM %1"_s.arg(target->qualified(u"parents"_s))),
             QStringList{u"300"_s});
}

void TestTarget::failModeChangesNothing_data()
{
    addBackends();
}

void TestTarget::failModeChangesNothing()
{
    QFETCH(QString, backend);
    const std::unique_ptr<Target> target = this->target(backend);
    if (!target)
        return;
    const auto plan = compile(family(1));
    QVERIFY(plan);
    QCOMPARE(errorText(target->load(*plan)), QString());
    const QStringList parents =
        target->column0(u"SELECT name FROM %1 ORDER BY id"_s.arg(target->qualified(u"parents"_s)));

    const Result<void> refused = target->load(*compile(family(5000)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
    QVERIFY2(refused.error().message.startsWith(
                 u"the target already has tables named \"parents\", \"children\"; nothing was written"_s),
             qPrintable(refused.error().message));
    QCOMPARE(target->count(u"parents"_s), 300);
    QCOMPARE(target->count(u"children"_s), 900);
    QCOMPARE(target->column0(u"SELECT name FROM %1 ORDER BY id"_s.arg(target->qualified(u"parents"_s))),
             parents);

    // One of the two tables there: refused too, and the other one is not created.
    QCOMPARE(target->exec(u"DROP TABLE %1"_s.arg(target->qualified(u"children"_s))), QString());
    QCOMPARE(target->exec(u"DROP TABLE %1"_s.arg(target->qualified(u"parents"_s))), QString());
    QCOMPARE(target->exec(u"CREATE TABLE %1 (x integer)"_s.arg(target->qualified(u"children"_s))), QString());
    const Result<void> again = target->load(*plan);
    QVERIFY(!again);
    QCOMPARE(again.error().message.section(u';', 0, 0),
             u"the target already has tables named \"children\""_s);
    QCOMPARE(target->tables(), QStringList{u"children"_s});
}

void TestTarget::failedLoadLeavesNothing_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("failure");
    QTest::addColumn<bool>(
        "populated"); // the target holds a table of its own (and, in PostgreSQL, the schema)
    for (const QString &backend : {u"postgresql"_s, u"sqlite"_s}) {
        for (const QString &failure : {u"write"_s, u"cancel"_s, u"duplicate"_s}) {
            for (const bool populated : {false, true})
                QTest::addRow("%s %s %s", qPrintable(backend), qPrintable(failure),
                              populated ? "populated" : "fresh")
                    << backend << failure << populated;
        }
    }
}

void TestTarget::failedLoadLeavesNothing()
{
    QFETCH(QString, backend);
    QFETCH(QString, failure);
    QFETCH(bool, populated);
    const std::unique_ptr<Target> target = this->target(backend);
    if (!target)
        return;
    const auto plan = compile(family(1, 300, 2500));
    QVERIFY(plan);
    if (populated) {
        if (target->dialect == SqlDialect::PostgreSQL)
            QCOMPARE(target->exec(u"CREATE SCHEMA "_s + target->quote(target->schema)), QString());
        QCOMPARE(
            target->exec(u"CREATE TABLE %1 (id integer PRIMARY KEY)"_s.arg(target->qualified(u"keep"_s))),
            QString());
        QCOMPARE(target->exec(u"INSERT INTO %1 VALUES (1), (2), (3)"_s.arg(target->qualified(u"keep"_s))),
                 QString());
    }

    // Chunks of 700 rows: parents are chunk 0, children chunks 1..4; each failure comes in the middle of
    // the children, after the parents are in.
    Result<void> result;
    if (failure == u"write"_s) {
        result = target->load(*plan, DatabaseSink::IfExists::Fail, {}, 2);
        QVERIFY(!result);
        QCOMPARE(result.error().message, u"injected failure"_s);
    } else if (failure == u"cancel"_s) {
        result = target->load(*plan, DatabaseSink::IfExists::Fail, JobOptions{2, 700, 3});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    } else {
        // Every parent's code the same: PostgreSQL refuses when it adds the unique key after all rows are
        // in, SQLite at the first duplicate row.
        const_cast<ColumnPlan &>(plan->tables()[0].columns[1]).generator =
            std::make_unique<ConstantGenerator>();
        result = target->load(*plan);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Database);
        QVERIFY2(result.error().message.contains(u"\"parents\""_s), qPrintable(result.error().message));
    }

    if (target->dialect == SqlDialect::PostgreSQL)
        QCOMPARE(target->schemaExists(), populated);
    QCOMPARE(target->tables(), populated ? QStringList{u"keep"_s} : QStringList());
    if (populated)
        QCOMPARE(target->count(u"keep"_s), 3);

    // The same target takes the load afterwards: nothing was left locked or half made.
    const auto good = compile(family(1, 300, 2500));
    QCOMPARE(errorText(target->load(*good)), QString());
    QCOMPARE(target->count(u"children"_s), 2500);
}

void TestTarget::postgresSchemaTarget()
{
    const std::unique_ptr<Target> target = this->target(u"postgresql"_s);
    if (!target)
        return;
    // A schema that needs quoting, given in the URL; the tables go there and nowhere else.
    target->schema =
        u"Fabrica \"quoted\" schema %1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QUrl url(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
    url.setQuery(u"schema="_s + QString::fromLatin1(QUrl::toPercentEncoding(target->schema)));
    target->url = url.toString(QUrl::FullyEncoded);
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(target->url);
    QVERIFY(parsed);
    QCOMPARE(parsed->schema, target->schema);

    const QStringList before = target->column0(u"SELECT count(*) FROM pg_catalog.pg_class c JOIN "
                                               u"pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                               u"WHERE n.nspname = current_schema()"_s);
    const auto plan = compile(family(1));
    QCOMPARE(errorText(target->load(*plan)), QString());
    QCOMPARE(target->tables(), (QStringList{u"children"_s, u"parents"_s}));
    QCOMPARE(target->constraints(), test::expectedConstraints(*plan));
    QCOMPARE(target->column0(u"SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
                             u"n.oid = c.relnamespace WHERE n.nspname = current_schema()"_s),
             before);
    // The connection's search_path was changed for the load's transaction only.
    Result<std::shared_ptr<Database>> database = Database::open(*parsed);
    QVERIFY(database);
    QSqlDatabase db = database.value()->connection().value();
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(
        *database, DatabaseSink::Options{DatabaseSink::IfExists::Append, parsed->schema});
    QVERIFY(sink);
    QCOMPARE(errorText(runJob(*compile(family(1001)), *sink.value())), QString());
    QSqlQuery path(db);
    QVERIFY(path.exec(u"SHOW search_path"_s) && path.next());
    QVERIFY2(!path.value(0).toString().contains(u"quoted"_s), qPrintable(path.value(0).toString()));
    QCOMPARE(target->count(u"parents"_s), 600);
}

void TestTarget::postgresCopy()
{
    const std::unique_ptr<Target> target = this->target(u"postgresql"_s);
    if (!target)
        return;
    QCOMPARE(target->exec(u"CREATE SCHEMA "_s + target->quote(target->schema)), QString());
    const QString table = target->qualified(u"t"_s);
    QCOMPARE(target->exec(u"CREATE TABLE %1 (id integer PRIMARY KEY, s text)"_s.arg(table)), QString());
    QSqlDatabase db = target->db();

    // Pieces split anywhere, inside a transaction of the Qt connection.
    QVERIFY(db.transaction());
    {
        Result<PostgresCopy> copy = PostgresCopy::start(db, u"COPY %1 FROM STDIN"_s.arg(table));
        QVERIFY2(copy, qPrintable(copy ? QString() : copy.error().toString()));
        for (const char *piece : {"1\ta", "\\tb\n2", "\t\\N\n"})
            QVERIFY(copy.value().put(piece));
        QCOMPARE(copy.value().bytesSent(), qint64(12));
        const Result<qint64> rows = copy.value().finish();
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().toString()));
        QCOMPARE(*rows, qint64(2));
        QVERIFY(!copy.value().isRunning());
    }
    QVERIFY(db.commit());
    QCOMPARE(target->column0(u"SELECT coalesce(s, 'null') FROM %1 ORDER BY id"_s.arg(table)),
             (QStringList{u"a\tb"_s, u"null"_s}));

    // The server's refusal, with its detail and the line.
    QVERIFY(db.transaction());
    {
        Result<PostgresCopy> copy = PostgresCopy::start(db, u"COPY %1 FROM STDIN"_s.arg(table));
        QVERIFY(copy);
        QVERIFY(copy.value().put("3\tc\n1\td\n"));
        const Result<qint64> rows = copy.value().finish();
        QVERIFY(!rows);
        QCOMPARE(rows.error().code, ErrorCode::Database);
        QVERIFY2(rows.error().message.contains(u"Key (id)=(1) already exists"_s) &&
                     rows.error().message.contains(u"line 2"_s),
                 qPrintable(rows.error().message));
    }
    QVERIFY(db.rollback());

    // Aborted: nothing arrives, and the connection goes on working.
    QVERIFY(db.transaction());
    {
        Result<PostgresCopy> copy = PostgresCopy::start(db, u"COPY %1 FROM STDIN"_s.arg(table));
        QVERIFY(copy);
        QVERIFY(copy.value().put("5\te\n"));
        copy.value().abort("test");
        QVERIFY(!copy.value().isRunning());
        QVERIFY(!copy.value().put("6\tf\n"));
    }
    QVERIFY(db.rollback());
    QCOMPARE(target->count(u"t"_s), 2);

    // A copy dropped while running is aborted too.
    {
        Result<PostgresCopy> copy = PostgresCopy::start(db, u"COPY %1 FROM STDIN"_s.arg(table));
        QVERIFY(copy);
        QVERIFY(copy.value().put("7\tg\n"));
    }
    QCOMPARE(target->count(u"t"_s), 2);

    // Refused statements, and a connection that is not PostgreSQL.
    const Result<PostgresCopy> bad = PostgresCopy::start(db, u"COPY nosuchtable FROM STDIN"_s);
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.contains(u"nosuchtable"_s), qPrintable(bad.error().message));
    const Result<PostgresCopy> notIn = PostgresCopy::start(db, u"SELECT 1"_s);
    QVERIFY(!notIn);
    QCOMPARE(target->count(u"t"_s), 2);
    QTemporaryDir dir;
    Result<std::shared_ptr<Database>> sqlite =
        Database::open(DatabaseUrl::sqliteFile(dir.filePath(u"x.db"_s)));
    QVERIFY(sqlite);
    QSqlDatabase sqliteDb = sqlite.value()->connection().value();
    const Result<PostgresCopy> wrong = PostgresCopy::start(sqliteDb, u"COPY t FROM STDIN"_s);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::Internal);
}

void TestTarget::copyText()
{
    ByteBuffer out;
    copytext::append(std::string_view("a\\b\tc\nd\re\0f", 12), out);
    QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), QByteArray("a\\\\b\\tc\\nd\\ref"));
    out.clear();
    copytext::append("\\N", out);
    QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), QByteArray("\\\\N"));
}

void TestTarget::ifExistsIds()
{
    QCOMPARE(DatabaseSink::ifExistsFromId(u"FAIL"_s), DatabaseSink::IfExists::Fail);
    QCOMPARE(DatabaseSink::ifExistsFromId(u"append"_s), DatabaseSink::IfExists::Append);
    QCOMPARE(DatabaseSink::ifExistsFromId(u"truncate"_s), DatabaseSink::IfExists::Truncate);
    QVERIFY(!DatabaseSink::ifExistsFromId(u"replace"_s));
    QCOMPARE(DatabaseSink::ifExistsId(DatabaseSink::IfExists::Truncate), u"truncate"_s);
}

void TestTarget::targetCheck()
{
    // SQLite: a file that does not exist yet is reported, not created; one that exists is opened.
    QTemporaryDir dir;
    DatabaseTarget target;
    target.url = DatabaseUrl::sqliteFile(dir.filePath(u"new folder/target.db"_s));
    Result<DatabaseTarget::Check> check = target.check();
    QVERIFY2(check, check ? "" : qPrintable(check.error().toString()));
    QVERIFY2(check->serverVersion.startsWith(u"SQLite 3."_s), qPrintable(check->serverVersion));
    QVERIFY(!check->exists);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"new folder"_s)));
    target.url = DatabaseUrl::sqliteFile(dir.filePath(u"target.db"_s));
    {
        auto made = Database::open(target.url);
        QVERIFY(made);
    }
    check = target.check();
    QVERIFY2(check, check ? "" : qPrintable(check.error().toString()));
    QVERIFY(check->exists);
    target.url = DatabaseUrl::sqliteFile(dir.path());
    check = target.check();
    QVERIFY(!check);
    QVERIFY2(check.error().message.contains(u"is a folder"_s), qPrintable(check.error().message));

    // PostgreSQL: the server's version(), whether the target schema exists, and the core's error as is.
    if (const QString missing = requirePostgres(); !missing.isEmpty())
        QFAIL(qPrintable(missing));
    Result<DatabaseUrl> server = DatabaseUrl::parse(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
    QVERIFY(server);
    target = DatabaseTarget{};
    target.url = *server;
    target.url.schema = u"public"_s;
    target.ifExists = DatabaseSink::IfExists::Truncate;
    QCOMPARE(target.sinkOptions().ifExists, DatabaseSink::IfExists::Truncate);
    QCOMPARE(target.sinkOptions().schema, u"public"_s);
    check = target.check();
    QVERIFY2(check, check ? "" : qPrintable(check.error().toString()));
    QVERIFY2(check->serverVersion.startsWith(u"PostgreSQL "_s), qPrintable(check->serverVersion));
    QVERIFY(check->exists);
    target.url.schema = u"tst_target no such ' schema"_s;
    check = target.check();
    QVERIFY2(check, check ? "" : qPrintable(check.error().toString()));
    QVERIFY(!check->exists);
    // A typed password goes into the connection URL only.
    target.password = "s3cret";
    QCOMPARE(target.url.password, QString());
    QCOMPARE(target.connectionUrl().password, u"s3cret"_s);
    QVERIFY(!target.label().contains(u"s3cret"_s));
    target.wipePassword();
    QVERIFY(target.password.isEmpty());
    target.url.port = 1; // nothing listens there
    check = target.check();
    QVERIFY(!check);
    QCOMPARE(check.error().code, ErrorCode::Database);
    QVERIFY2(check.error().message.startsWith(u"cannot connect to"_s), qPrintable(check.error().message));
}

void TestTarget::cliSqlite()
{
    QVERIFY2(QFileInfo(qEnvironmentVariable("FABRICA_BINARY")).isExecutable(),
             "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    QTemporaryDir dir;
    const QString shop = qEnvironmentVariable("FABRICA_SOURCE_DIR") + u"/examples/shop.fabrica.json"_s;
    const QString file = dir.filePath(u"shop.db"_s);
    const QStringList small{u"--rows"_s, u"customers=300"_s, u"--rows"_s, u"orders=900"_s};
    const QStringList load = QStringList{u"generate"_s, shop, u"--to"_s, u"sqlite:"_s + file} + small;

    const test::CliRun run = test::runFabrica(load);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        QRegularExpression(u"^1,200 rows, [0-9.]+ kB in [0-9.]+ s: [0-9,]+ rows/s, [0-9.]+ [kM]B/s\\n$"_s)
            .match(run.err)
            .hasMatch(),
        qPrintable(run.err));
    Result<std::shared_ptr<Database>> database = Database::open(DatabaseUrl::sqliteFile(file));
    QVERIFY(database);
    auto count = [&database](const QString &table) {
        QSqlQuery query(database.value()->connection().value());
        return query.exec(u"SELECT count(*) FROM "_s + table) && query.next() ? query.value(0).toLongLong()
                                                                              : -1;
    };
    QCOMPARE(count(u"customers"_s), 300);
    QCOMPARE(count(u"orders"_s), 900);

    // Again: refused, with the way out; then emptied and loaded.
    const test::CliRun again = test::runFabrica(load);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.startsWith(u"the target already has tables named \"customers\", \"orders\""_s),
             qPrintable(again.err));
    QVERIFY2(again.err.contains(u"--if-exists truncate"_s), qPrintable(again.err));
    QCOMPARE(test::runFabrica(load + QStringList{u"--if-exists"_s, u"truncate"_s, u"--quiet"_s}).exitCode, 0);
    QCOMPARE(count(u"orders"_s), 900);

    // Usage errors.
    const test::CliRun both = test::runFabrica(load + QStringList{u"--out"_s, dir.filePath(u"x"_s)});
    QCOMPARE(both.exitCode, 2);
    QCOMPARE(both.err,
             u"fabrica generate: --out writes files and --to writes into a database: choose one\n"_s);
    const test::CliRun mode = test::runFabrica(load + QStringList{u"--if-exists"_s, u"replace"_s});
    QCOMPARE(mode.exitCode, 2);
    QCOMPARE(mode.err,
             u"fabrica generate: --if-exists takes fail, append or truncate, found \"replace\"\n"_s);
    const test::CliRun format = test::runFabrica(load + QStringList{u"--format"_s, u"json"_s});
    QCOMPARE(format.exitCode, 2);
    QCOMPARE(format.err, u"fabrica generate: --format is for files; it does not apply with --to\n"_s);
    const test::CliRun url = test::runFabrica({u"generate"_s, shop, u"--to"_s, u"oracle://localhost/x"_s});
    QCOMPARE(url.exitCode, 2);
    QVERIFY2(url.err.startsWith(u"fabrica generate: invalid database URL: "_s), qPrintable(url.err));
    const test::CliRun ifExistsAlone = test::runFabrica(
        {u"generate"_s, shop, u"--out"_s, dir.filePath(u"x"_s), u"--if-exists"_s, u"append"_s});
    QCOMPARE(ifExistsAlone.exitCode, 2);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"x"_s)));
    const test::CliRun unreachable = test::runFabrica(
        QStringList{u"generate"_s, shop, u"--to"_s, u"postgresql://nobody@127.0.0.1:1/none"_s} + small);
    QCOMPARE(unreachable.exitCode, 1);
    QVERIFY2(unreachable.err.startsWith(u"cannot connect to postgresql://nobody@127.0.0.1:1/none"_s),
             qPrintable(unreachable.err));
}

void TestTarget::cliPostgres()
{
    const std::unique_ptr<Target> target = this->target(u"postgresql"_s);
    if (!target)
        return;
    const QString shop = qEnvironmentVariable("FABRICA_SOURCE_DIR") + u"/examples/shop.fabrica.json"_s;
    const test::CliRun run =
        test::runFabrica({u"generate"_s, shop, u"--to"_s, target->url, u"--rows"_s, u"customers=3000"_s,
                          u"--rows"_s, u"orders=9000"_s, u"--threads"_s, u"2"_s, u"--quiet"_s});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(target->count(u"customers"_s), 3000);
    QCOMPARE(target->count(u"orders"_s), 9000);
    QCOMPARE(target->constraints(), (QStringList{u"customers|p|id|"_s, u"customers|u|email|"_s,
                                                 u"orders|f|customer_id|customers"_s, u"orders|p|id|"_s}));
}

QTEST_GUILESS_MAIN(TestTarget)
#include "tst_target.moc"
