// Export formats: JSON, NDJSON and SQL scripts checked by parsing them and by running them against SQLite
// and PostgreSQL; CSV's one-table rule, gzip, abort and byte-identical output whatever the threads.
#include "CompiledPlan.h"
#include "SchemaBuilding.h"
#include "export/CsvSink.h"
#include "export/ExportFormat.h"
#include "export/JsonSink.h"
#include "export/NdjsonSink.h"
#include "export/SqlSink.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "sql/SqlIdentifier.h"
#include "sql/SqlLiteral.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <atomic>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kPgUrlVariable = u"FABRICA_TEST_PG_URL"_s;
const QString kNull = u"<NULL>"_s; // how a NULL cell shows in the lists compared below

using test::column;
using test::tableIndex;

// Strings that break naive quoting in JSON, SQL or CSV.
QStringList hostileValues()
{
    return {
        u"He said \"hi\""_s,
        u"O'Brien"_s,
        u"'; DROP TABLE strings; --"_s,
        u"back\\slash \\n \\' \\\\"_s,
        u"line1\nline2\r\nline3"_s,
        u"tab\there"_s,
        u"ctrl \x01 \x1f \x7f end"_s,
        u"ünïcödé 表 😀"_s,
        u"\u2028 separators \u2029"_s,
        u""_s,
        u"semi;colon /* not a comment */ -- nor this"_s,
        u"$$dollar$$ $tag$"_s,
        u"{\"looks\": \"like json\"}"_s,
        u"  spaces  "_s,
    };
}

QJsonObject hostileEnum(const QByteArray &more)
{
    QJsonObject constraints = QJsonDocument::fromJson(more).object();
    constraints.insert(u"values"_s, QJsonArray::fromStringList(hostileValues()));
    return constraints;
}

// strings(id, value): every hostile value exactly once (a unique enum with as many rows as values).
Table stringsTable()
{
    Table strings{u"strings"_s, {}, hostileValues().size(), {}};
    Column value = column(u"value"_s, u"enum"_s);
    value.constraints = hostileEnum(R"({"unique": true, "notNull": true})");
    strings.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"), value};
    return strings;
}

Schema hostile()
{
    Schema schema;
    schema.name = u"hostile"_s;
    schema.tables = {stringsTable()};
    return schema;
}

// customers and orders, with numbers, booleans, NULLs and hostile text.
Schema shop(qint64 customers = 50, qint64 orders = 120)
{
    Schema schema;
    schema.name = u"shop"_s;
    Table customerTable{u"customers"_s, {}, customers, {}};
    Column note = column(u"note"_s, u"enum"_s);
    note.constraints = hostileEnum(R"({"nullPercent": 20})");
    customerTable.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"email"_s, u"email"_s, R"({"unique": true, "notNull": true})"),
        column(u"first_name"_s, u"first_name"_s),
        column(u"balance"_s, u"decimal"_s, R"({"min": 0, "max": 1000, "scale": 2, "nullPercent": 30})"),
        column(u"active"_s, u"boolean"_s, R"({"notNull": true})"),
        note};
    Table orderTable{u"orders"_s, {}, orders, {}};
    orderTable.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"customer_id"_s, u"foreign_key"_s, R"({"references": "customers.id", "notNull": true})"),
        column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 9})")};
    schema.tables = {customerTable, orderTable};
    return schema;
}

// Everything the SQL scripts must load: shop, strings, a cycle through a nullable key (departments.head
// ↔ employees.department), a self reference (employees.manager) and a constraint name over 63 bytes.
Schema everything()
{
    Schema schema = shop();
    schema.name = u"everything"_s;
    Table departments{u"departments"_s, {}, 6, {}};
    departments.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"name"_s, u"enum"_s, R"({"values": ["R&D", "Sales"]})"),
        column(u"head_id"_s, u"foreign_key"_s, R"({"references": "employees.id", "nullPercent": 30})")};
    Table employees{u"employees"_s, {}, 40, {}};
    employees.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"department_id"_s, u"foreign_key"_s, R"({"references": "departments.id", "notNull": true})"),
        column(u"manager_id"_s, u"foreign_key"_s, R"({"references": "employees.id"})")};
    Table longNames{u"t_"_s + QString(48, u'l'), {}, 10, {}};
    longNames.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"customer_of_the_long_table"_s, u"foreign_key"_s, R"({"references": "customers.id"})")};
    schema.tables << departments << employees << stringsTable() << longNames;
    return schema;
}

// tiny: p(id, flag) with one row and c(id, p_id → p.id, label) with three, every value predictable.
Schema tiny()
{
    Schema schema;
    schema.name = u"tiny"_s;
    Table p{u"p"_s, {}, 1, {}};
    p.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
                 column(u"flag"_s, u"boolean"_s, R"({"notNull": true, "truePercent": 100})")};
    Table c{u"c"_s, {}, 3, {}};
    c.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
                 column(u"p_id"_s, u"foreign_key"_s, R"({"references": "p.id", "notNull": true})"),
                 column(u"label"_s, u"enum"_s, R"({"values": ["it's \\ ok"]})")};
    schema.tables = {p, c};
    return schema;
}

std::shared_ptr<const Plan> compile(const Schema &schema, quint64 seed = 7)
{
    auto plan = Plan::compile(schema, Plan::Options{seed, {}});
    if (!plan) {
        qWarning() << "compile failed:" << plan.error().toString();
        return nullptr;
    }
    return *plan;
}

ExportOptions optionsFor(const QString &path, bool singleFile)
{
    ExportOptions options;
    options.path = path;
    options.singleFile = singleFile;
    return options;
}

QString run(const Plan &plan, Sink &sink, int threads = 2, int chunkRows = 7)
{
    GenerationJob::Options options;
    options.threads = threads;
    options.chunkRows = chunkRows;
    const auto result = GenerationJob::run(plan, sink, options);
    return result ? QString() : result.error().toString();
}

// The values the engine makes for one column, straight from the plan: what every format must carry.
QStringList cells(const Plan &plan, const QString &table, const QString &columnName)
{
    const int t = tableIndex(plan, table);
    const TablePlan &tablePlan = plan.tables()[std::size_t(t)];
    std::size_t c = 0;
    while (tablePlan.columns[c].name != columnName)
        ++c;
    TableChunk chunk;
    plan.fillChunk(t, 0, int(tablePlan.rows), chunk);
    QStringList values;
    for (int row = 0; row < chunk.rows; ++row) {
        const ColumnChunk &column = chunk.columns[c];
        values << (column.isNull(row) ? kNull : QString::fromUtf8(column.value(row)));
    }
    return values;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<cannot read " + path.toUtf8() + '>';
    return file.readAll();
}

// All files under dir, relative path → bytes.
QMap<QString, QByteArray> readTree(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(dir).relativeFilePath(path), readAll(path));
    }
    return files;
}

QByteArray gunzip(const QString &path)
{
    QProcess gzip;
    gzip.start(u"gzip"_s, {u"-dc"_s, path});
    if (!gzip.waitForFinished(60000) || gzip.exitCode() != 0)
        return "<gzip failed: " + gzip.readAllStandardError() + '>';
    return gzip.readAllStandardOutput();
}

// One SQL script as statements: ';' ends a statement outside quotes, "--" starts a comment outside
// quotes. A doubled quote inside a literal closes and reopens it, which comes to the same thing.
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'-' && i + 1 < script.size() && script.at(i + 1) == u'-') {
            while (i < script.size() && script.at(i) != u'\n')
                ++i;
            current += u'\n';
            continue;
        }
        if (c == u';') {
            if (!current.trimmed().isEmpty())
                statements << current.trimmed();
            current.clear();
            continue;
        }
        if (c == u'\'' || c == u'"' || c == u'`')
            quote = c;
        current += c;
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

// Runs every statement; the first failure as text, or an empty string.
QString execScript(QSqlDatabase &db, const QString &script)
{
    for (const QString &statement : splitStatements(script)) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return statement.left(300) + u": "_s + query.lastError().text();
    }
    return {};
}

QStringList column0(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return {u"<error: "_s + query.lastError().text() + u">"_s};
    QStringList values;
    while (query.next())
        values << (query.value(0).isNull() ? kNull : query.value(0).toString());
    return values;
}

qint64 count(QSqlDatabase &db, const QString &table, SqlDialect dialect, const QString &where = {})
{
    QSqlQuery query(db);
    const QString sql = u"SELECT count(*) FROM "_s + SqlIdentifier::quote(dialect, table) +
                        (where.isEmpty() ? QString() : u" WHERE "_s + where);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

struct ConnectionGuard
{
    QString name;
    ~ConnectionGuard()
    {
        if (!name.isEmpty())
            QSqlDatabase::removeDatabase(name);
    }
};

// Writes JSON documents, for want of a type that makes them yet; swapped into a compiled plan.
class JsonDocumentGenerator : public Generator
{
public:
    ValueClass valueClass() const override { return ValueClass::Json; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        for (int i = 0; i < ctx.rows; ++i)
            out.append(document(ctx.firstRow + i));
    }
    static std::string document(qint64 row)
    {
        return "{\"row\": " + std::to_string(row) + ", \"text\": \"it's \\\"x\\\" \\\\ \\u00e9\"}";
    }
};

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void jsonExactText_data();
    void jsonExactText();
    void jsonEscaping();
    void jsonSingleFile_data();
    void jsonSingleFile();
    void jsonPerTable_data();
    void jsonPerTable();
    void jsonHostileRoundTrip();
    void jsonValueClassJson();
    void ndjson();
    void ndjsonSingleFile();
    void sqlExactText_data();
    void sqlExactText();
    void sqlLiterals();
    void mysqlHostileLiterals();
    void foreignKeyNames();
    void sqlSingleFileOrDirectory();
    void sqlite();
    void sqliteJsonValues();
    void postgres();
    void csvSingleFileRejected();
    void abortLeavesNoFiles_data();
    void abortLeavesNoFiles();
    void gzip_data();
    void gzip();
    void failedOpenKeepsEarlierFiles_data();
    void failedOpenKeepsEarlierFiles();
    void failedWriteKeepsEarlierFiles_data();
    void failedWriteKeepsEarlierFiles();
    void sameBytesWhateverThreadsAndChunks_data();
    void sameBytesWhateverThreadsAndChunks();
    void wideRowsTakeSmallerChunks();
    void formats();
};

void TestExport::jsonExactText_data()
{
    QTest::addColumn<bool>("singleFile");
    QTest::addColumn<bool>("pretty");
    QTest::addColumn<QByteArray>("expected");      // the single file, or t.json
    QTest::addColumn<QByteArray>("expectedEmpty"); // e.json
    QTest::newRow("single compact") << true << false
                                    << QByteArray("{\"t\":[\n"
                                                  "{\"id\":1,\"name\":\"a\\\"b\"},\n"
                                                  "{\"id\":2,\"name\":\"a\\\"b\"}\n"
                                                  "],\n"
                                                  "\"e\":[]}\n")
                                    << QByteArray();
    QTest::newRow("single pretty") << true << true
                                   << QByteArray("{\n"
                                                 "  \"t\": [\n"
                                                 "    {\"id\": 1, \"name\": \"a\\\"b\"},\n"
                                                 "    {\"id\": 2, \"name\": \"a\\\"b\"}\n"
                                                 "  ],\n"
                                                 "  \"e\": []\n"
                                                 "}\n")
                                   << QByteArray();
    QTest::newRow("per table compact") << false << false
                                       << QByteArray("[\n"
                                                     "{\"id\":1,\"name\":\"a\\\"b\"},\n"
                                                     "{\"id\":2,\"name\":\"a\\\"b\"}\n"
                                                     "]\n")
                                       << QByteArray("[]\n");
    QTest::newRow("per table pretty") << false << true
                                      << QByteArray("[\n"
                                                    "  {\"id\": 1, \"name\": \"a\\\"b\"},\n"
                                                    "  {\"id\": 2, \"name\": \"a\\\"b\"}\n"
                                                    "]\n")
                                      << QByteArray("[]\n");
}

void TestExport::jsonExactText()
{
    QFETCH(bool, singleFile);
    QFETCH(bool, pretty);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, expectedEmpty);

    Schema schema;
    schema.name = u"exact"_s;
    Table t{u"t"_s, {}, 2, {}};
    t.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
                 column(u"name"_s, u"enum"_s, R"({"values": ["a\"b"], "notNull": true})")};
    Table e{u"e"_s, {}, 0, {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})")}};
    schema.tables = {t, e};
    const auto plan = compile(schema);
    QVERIFY(plan);

    QTemporaryDir dir;
    const QString path = singleFile ? dir.filePath(u"out.json"_s) : dir.filePath(u"out"_s);
    ExportOptions options = optionsFor(path, singleFile);
    options.pretty = pretty;
    JsonSink sink(options);
    // One row per chunk: the separators between chunks are what is tested.
    QCOMPARE(run(*plan, sink, 2, 1), QString());
    if (singleFile) {
        QCOMPARE(readAll(path), expected);
    } else {
        QCOMPARE(readAll(path + u"/t.json"_s), expected);
        QCOMPARE(readAll(path + u"/e.json"_s), expectedEmpty);
    }
}

void TestExport::jsonEscaping()
{
    static constexpr char input[] = "q\" b\\ \0 \x01 \x1f \b\f\n\r\t \x7f é 😀 \u2028";
    const std::string_view value(input, sizeof input - 1);
    std::string out;
    JsonSink::appendString(value, out);
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray("\"q\\\" b\\\\ \\u0000 \\u0001 \\u001f \\b\\f\\n\\r\\t \x7f é 😀 \u2028\""));
    // What a JSON parser makes of it is the input again.
    const QJsonDocument parsed = QJsonDocument::fromJson("[" + QByteArray::fromStdString(out) + "]");
    QCOMPARE(parsed.array().at(0).toString().toUtf8(), QByteArray(value.data(), qsizetype(value.size())));
}

void TestExport::jsonSingleFile_data()
{
    QTest::addColumn<bool>("pretty");
    QTest::newRow("compact") << false;
    QTest::newRow("pretty") << true;
}

void TestExport::jsonSingleFile()
{
    QFETCH(bool, pretty);
    const auto plan = compile(shop());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"shop.json"_s), true);
    options.pretty = pretty;
    JsonSink sink(options);
    QCOMPARE(run(*plan, sink), QString());

    const QByteArray bytes = readAll(options.path);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isObject());
    QCOMPARE(document.object().keys(), (QStringList{u"customers"_s, u"orders"_s}));
    // "customers" comes first in the file, as in the plan.
    QVERIFY(bytes.indexOf("\"customers\"") < bytes.indexOf("\"orders\""));

    const QJsonArray customers = document.object().value(u"customers"_s).toArray();
    const QJsonArray orders = document.object().value(u"orders"_s).toArray();
    QCOMPARE(customers.size(), 50);
    QCOMPARE(orders.size(), 120);

    const QStringList balances = cells(*plan, u"customers"_s, u"balance"_s);
    const QStringList notes = cells(*plan, u"customers"_s, u"note"_s);
    QVERIFY(balances.contains(kNull));
    QVERIFY(notes.contains(kNull));
    for (qsizetype i = 0; i < customers.size(); ++i) {
        const QJsonObject row = customers.at(i).toObject();
        QCOMPARE(row.keys().size(), 6);
        QVERIFY(row.value(u"id"_s).isDouble());
        QCOMPARE(row.value(u"id"_s).toInteger(), i + 1);
        QVERIFY(row.value(u"email"_s).isString());
        QVERIFY(row.value(u"active"_s).isBool());
        const QJsonValue balance = row.value(u"balance"_s);
        if (balances.at(i) == kNull) {
            QVERIFY(balance.isNull());
        } else {
            QVERIFY(balance.isDouble());
            QCOMPARE(balance.toDouble(), balances.at(i).toDouble());
        }
        const QJsonValue note = row.value(u"note"_s);
        QCOMPARE(note.isNull() ? kNull : note.toString(), notes.at(i));
    }
    for (const QJsonValue &order : orders) {
        const qint64 customer = order.toObject().value(u"customer_id"_s).toInteger();
        QVERIFY(customer >= 1 && customer <= 50);
    }

    // One row object per line: every line but the frame is a complete object.
    const QList<QByteArray> lines = bytes.split('\n');
    QCOMPARE(lines.size(), 50 + 120 + (pretty ? 7 : 5)); // the last "line" is empty: the file ends in '\n'
    int objects = 0;
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (!line.startsWith("{\"") || line.endsWith('['))
            continue; // not a row: the frame around the tables
        if (line.endsWith(','))
            line.chop(1);
        QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        ++objects;
    }
    QCOMPARE(objects, 170);
}

void TestExport::jsonPerTable_data()
{
    jsonSingleFile_data();
}

void TestExport::jsonPerTable()
{
    QFETCH(bool, pretty);
    const auto plan = compile(shop());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"out"_s), false);
    options.pretty = pretty;
    JsonSink sink(options);
    QCOMPARE(run(*plan, sink), QString());
    QCOMPARE(QDir(options.path).entryList(QDir::Files), (QStringList{u"customers.json"_s, u"orders.json"_s}));

    for (const auto &[table, rows] : {std::pair{u"customers"_s, 50}, std::pair{u"orders"_s, 120}}) {
        const QByteArray bytes = readAll(options.path + u'/' + table + u".json"_s);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), rows);
        QCOMPARE(bytes.count('\n'), rows + 2);
        QCOMPARE(document.array().at(rows - 1).toObject().value(u"id"_s).toInteger(), rows);
    }
}

void TestExport::jsonHostileRoundTrip()
{
    const auto plan = compile(hostile());
    QVERIFY(plan);
    for (const bool pretty : {false, true}) {
        QTemporaryDir dir;
        ExportOptions options = optionsFor(dir.filePath(u"hostile.json"_s), true);
        options.pretty = pretty;
        JsonSink sink(options);
        QCOMPARE(run(*plan, sink, 3, 3), QString());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(readAll(options.path), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList values;
        for (const QJsonValue &row : document.object().value(u"strings"_s).toArray())
            values << row.toObject().value(u"value"_s).toString();
        QCOMPARE(values, cells(*plan, u"strings"_s, u"value"_s));
        QStringList sorted = values, expected = hostileValues();
        sorted.sort();
        expected.sort();
        QCOMPARE(sorted, expected);
    }
}

void TestExport::jsonValueClassJson()
{
    auto plan = compile(hostile());
    QVERIFY(plan);
    // The plan was built non-const by Plan::compile, so replacing a generator here is sound.
    const_cast<ColumnPlan &>(plan->tables()[0].columns[1]).generator =
        std::make_unique<JsonDocumentGenerator>();

    QTemporaryDir dir;
    JsonSink json(optionsFor(dir.filePath(u"json"_s), false));
    QCOMPARE(run(*plan, json), QString());
    const QJsonArray rows = QJsonDocument::fromJson(readAll(dir.filePath(u"json/strings.json"_s))).array();
    QCOMPARE(rows.size(), hostileValues().size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue value = rows.at(i).toObject().value(u"value"_s);
        QVERIFY2(value.isObject(), "a JSON value is written bare, not as a string");
        QCOMPARE(value.toObject().value(u"row"_s).toInteger(), i);
        QCOMPARE(value.toObject().value(u"text"_s).toString(), u"it's \"x\" \\ é"_s);
    }

    NdjsonSink ndjson(optionsFor(dir.filePath(u"ndjson"_s), false));
    QCOMPARE(run(*plan, ndjson), QString());
    const QList<QByteArray> lines = readAll(dir.filePath(u"ndjson/strings.ndjson"_s)).split('\n');
    QVERIFY(QJsonDocument::fromJson(lines.at(2)).object().value(u"value"_s).isObject());
}

void TestExport::ndjson()
{
    const auto plan = compile(shop());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"out"_s), false);
    options.pretty = true; // no effect: a line holds one compact object
    NdjsonSink sink(options);
    QCOMPARE(run(*plan, sink), QString());
    QCOMPARE(QDir(options.path).entryList(QDir::Files),
             (QStringList{u"customers.ndjson"_s, u"orders.ndjson"_s}));

    const QStringList notes = cells(*plan, u"customers"_s, u"note"_s);
    for (const auto &[table, rows] : {std::pair{u"customers"_s, 50}, std::pair{u"orders"_s, 120}}) {
        const QByteArray bytes = readAll(options.path + u'/' + table + u".ndjson"_s);
        QVERIFY(bytes.endsWith('\n'));
        QList<QByteArray> lines = bytes.split('\n');
        lines.removeLast();
        QCOMPARE(lines.size(), rows);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonObject row = QJsonDocument::fromJson(lines.at(i), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, lines.at(i).constData());
            // Compact: no white space outside string literals (values themselves may hold ": ").
            bool inString = false, escaped = false, spaceOutside = false;
            for (const char c : lines.at(i)) {
                if (escaped)
                    escaped = false;
                else if (inString && c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = !inString;
                else if (!inString && (c == ' ' || c == '\t'))
                    spaceOutside = true;
            }
            QVERIFY2(!spaceOutside, lines.at(i).constData());
            QCOMPARE(row.value(u"id"_s).toInteger(), i + 1);
            if (table == u"customers"_s) {
                const QJsonValue note = row.value(u"note"_s);
                QCOMPARE(note.isNull() ? kNull : note.toString(), notes.at(i));
            }
        }
    }
}

void TestExport::ndjsonSingleFile()
{
    QTemporaryDir dir;
    const auto plan = compile(shop());
    QVERIFY(plan);
    NdjsonSink rejected(optionsFor(dir.filePath(u"shop.ndjson"_s), true));
    QCOMPARE(run(*plan, rejected),
             u"an NDJSON file holds one table, and the schema has 2; write to a directory instead"_s);
    QVERIFY(QDir(dir.path()).isEmpty());

    const auto one = compile(hostile());
    QVERIFY(one);
    NdjsonSink sink(optionsFor(dir.filePath(u"hostile.ndjson"_s), true));
    QCOMPARE(run(*one, sink), QString());
    QList<QByteArray> lines = readAll(dir.filePath(u"hostile.ndjson"_s)).split('\n');
    lines.removeLast();
    QStringList values;
    for (const QByteArray &line : lines)
        values << QJsonDocument::fromJson(line).object().value(u"value"_s).toString();
    QCOMPARE(values, cells(*one, u"strings"_s, u"value"_s));
}

void TestExport::sqlExactText_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("PostgreSQL")
        << SqlDialect::PostgreSQL
        << QByteArray("-- Generated by Fabrica: schema \"tiny\", seed 7, PostgreSQL\n"
                      "SET client_encoding = 'UTF8';\n"
                      "SET standard_conforming_strings = on;\n"
                      "BEGIN;\n"
                      "\n"
                      "CREATE TABLE \"p\" (\n"
                      "    \"id\" bigint NOT NULL,\n"
                      "    \"flag\" boolean NOT NULL,\n"
                      "    PRIMARY KEY (\"id\")\n"
                      ");\n"
                      "\n"
                      "CREATE TABLE \"c\" (\n"
                      "    \"id\" bigint NOT NULL,\n"
                      "    \"p_id\" bigint NOT NULL,\n"
                      "    \"label\" varchar(255),\n"
                      "    PRIMARY KEY (\"id\")\n"
                      ");\n"
                      "\n"
                      "INSERT INTO \"p\" (\"id\", \"flag\") VALUES\n"
                      "(1, true);\n"
                      "\n"
                      "INSERT INTO \"c\" (\"id\", \"p_id\", \"label\") VALUES\n"
                      "(1, 1, 'it''s \\ ok'),\n"
                      "(2, 1, 'it''s \\ ok');\n"
                      "INSERT INTO \"c\" (\"id\", \"p_id\", \"label\") VALUES\n"
                      "(3, 1, 'it''s \\ ok');\n"
                      "\n"
                      "ALTER TABLE \"c\" ADD CONSTRAINT \"fk_c_p_id\" FOREIGN KEY (\"p_id\") "
                      "REFERENCES \"p\" (\"id\");\n"
                      "\n"
                      "COMMIT;\n");
    QTest::newRow("MySQL") << SqlDialect::MySQL
                           << QByteArray("-- Generated by Fabrica: schema \"tiny\", seed 7, MySQL\n"
                                         "SET NAMES utf8mb4;\n"
                                         "SET time_zone = '+00:00';\n"
                                         "START TRANSACTION;\n"
                                         "\n"
                                         "CREATE TABLE `p` (\n"
                                         "    `id` bigint NOT NULL,\n"
                                         "    `flag` boolean NOT NULL,\n"
                                         "    PRIMARY KEY (`id`)\n"
                                         ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
                                         "\n"
                                         "CREATE TABLE `c` (\n"
                                         "    `id` bigint NOT NULL,\n"
                                         "    `p_id` bigint NOT NULL,\n"
                                         "    `label` varchar(255),\n"
                                         "    PRIMARY KEY (`id`)\n"
                                         ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
                                         "\n"
                                         "INSERT INTO `p` (`id`, `flag`) VALUES\n"
                                         "(1, true);\n"
                                         "\n"
                                         "INSERT INTO `c` (`id`, `p_id`, `label`) VALUES\n"
                                         "(1, 1, 'it''s \\\\ ok'),\n"
                                         "(2, 1, 'it''s \\\\ ok');\n"
                                         "INSERT INTO `c` (`id`, `p_id`, `label`) VALUES\n"
                                         "(3, 1, 'it''s \\\\ ok');\n"
                                         "\n"
                                         "ALTER TABLE `c` ADD CONSTRAINT `fk_c_p_id` FOREIGN KEY (`p_id`) "
                                         "REFERENCES `p` (`id`);\n"
                                         "\n"
                                         "COMMIT;\n");
    QTest::newRow("SQLite")
        << SqlDialect::SQLite
        << QByteArray("-- Generated by Fabrica: schema \"tiny\", seed 7, SQLite\n"
                      "PRAGMA foreign_keys=ON;\n"
                      "BEGIN;\n"
                      "PRAGMA defer_foreign_keys=ON;\n"
                      "\n"
                      "CREATE TABLE \"p\" (\n"
                      "    \"id\" INTEGER NOT NULL,\n"
                      "    \"flag\" INTEGER NOT NULL,\n"
                      "    PRIMARY KEY (\"id\")\n"
                      ");\n"
                      "\n"
                      "CREATE TABLE \"c\" (\n"
                      "    \"id\" INTEGER NOT NULL,\n"
                      "    \"p_id\" INTEGER NOT NULL,\n"
                      "    \"label\" TEXT,\n"
                      "    PRIMARY KEY (\"id\"),\n"
                      "    CONSTRAINT \"fk_c_p_id\" FOREIGN KEY (\"p_id\") REFERENCES \"p\" (\"id\")\n"
                      ");\n"
                      "\n"
                      "INSERT INTO \"p\" (\"id\", \"flag\") VALUES\n"
                      "(1, 1);\n"
                      "\n"
                      "INSERT INTO \"c\" (\"id\", \"p_id\", \"label\") VALUES\n"
                      "(1, 1, 'it''s \\ ok'),\n"
                      "(2, 1, 'it''s \\ ok');\n"
                      "INSERT INTO \"c\" (\"id\", \"p_id\", \"label\") VALUES\n"
                      "(3, 1, 'it''s \\ ok');\n"
                      "\n"
                      "COMMIT;\n");
}

void TestExport::sqlExactText()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QByteArray, expected);
    const auto plan = compile(tiny());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"tiny.sql"_s), true);
    options.dialect = dialect;
    options.batchRows = 2;
    SqlSink sink(options);
    QCOMPARE(run(*plan, sink, 2, 1), QString());
    QCOMPARE(readAll(options.path), expected);

    // Without createTables: only the data, in the same transaction.
    options.createTables = false;
    SqlSink dataOnly(options);
    QCOMPARE(run(*plan, dataOnly, 2, 1), QString());
    const QByteArray data = readAll(options.path);
    QVERIFY(!data.contains("CREATE TABLE"));
    QVERIFY(!data.contains("ALTER TABLE"));
    QVERIFY(data.contains("INSERT INTO"));
    QVERIFY(data.endsWith("\nCOMMIT;\n"));
}

void TestExport::sqlLiterals()
{
    const QString value = u"it's a \\ back'slash"_s;
    QCOMPARE(SqlLiteral::string(SqlDialect::PostgreSQL, value), u"'it''s a \\ back''slash'"_s);
    QCOMPARE(SqlLiteral::string(SqlDialect::SQLite, value), u"'it''s a \\ back''slash'"_s);
    QCOMPARE(SqlLiteral::string(SqlDialect::MySQL, value), u"'it''s a \\\\ back''slash'"_s);
    // NUL never reaches a script.
    for (const SqlDialect dialect : allSqlDialects()) {
        std::string out;
        SqlLiteral::appendString(dialect, std::string_view("a\0b\0", 4), out);
        QCOMPARE(QByteArray::fromStdString(out), QByteArray("'ab'"));
    }
    std::string booleans;
    SqlLiteral::appendBoolean(SqlDialect::SQLite, "true", booleans);
    SqlLiteral::appendBoolean(SqlDialect::SQLite, "false", booleans);
    SqlLiteral::appendBoolean(SqlDialect::PostgreSQL, "true", booleans);
    SqlLiteral::appendBoolean(SqlDialect::MySQL, "false", booleans);
    QCOMPARE(QByteArray::fromStdString(booleans), QByteArray("10truefalse"));
}

// No MySQL server here: the script's literals are compared with the exact text MySQL reads back as the
// value under its default sql_mode (backslash escapes on).
void TestExport::mysqlHostileLiterals()
{
    const auto plan = compile(hostile());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"hostile.sql"_s), true);
    options.dialect = SqlDialect::MySQL;
    SqlSink sink(options);
    QCOMPARE(run(*plan, sink), QString());
    const QByteArray script = readAll(options.path);
    QVERIFY(script.contains(
        "CREATE TABLE `strings` (\n    `id` bigint NOT NULL,\n    `value` varchar(255) NOT NULL,\n"
        "    PRIMARY KEY (`id`),\n    UNIQUE (`value`)\n)"));
    const QList<QByteArray> expected = {
        "'He said \"hi\"'",
        "'O''Brien'",
        "'''; DROP TABLE strings; --'",
        "'back\\\\slash \\\\n \\\\'' \\\\\\\\'",
        "'line1\nline2\r\nline3'",
        "'tab\there'",
        "'ctrl \x01 \x1f \x7f end'",
        "'ünïcödé 表 😀'",
        "'\u2028 separators \u2029'",
        "''",
        "'semi;colon /* not a comment */ -- nor this'",
        "'$$dollar$$ $tag$'",
        "'{\"looks\": \"like json\"}'",
        "'  spaces  '",
    };
    QCOMPARE(expected.size(), hostileValues().size());
    for (const QByteArray &literal : expected)
        QVERIFY2(script.contains(QByteArray(", " + literal + ")")), literal.constData());
}

void TestExport::foreignKeyNames()
{
    QCOMPARE(SqlSink::foreignKeyName(u"orders"_s, u"customer_id"_s), u"fk_orders_customer_id"_s);
    const QString table = u"t_"_s + QString(48, u'l');
    const QString name = SqlSink::foreignKeyName(table, u"customer_of_the_long_table"_s);
    QVERIFY(name.toUtf8().size() <= 63);
    QVERIFY2(QRegularExpression(u"^fk_t_l{48}_[0-9a-f]{8}$"_s).match(name).hasMatch(), qPrintable(name));
    QCOMPARE(name, SqlSink::foreignKeyName(table, u"customer_of_the_long_table"_s));
    QVERIFY(name != SqlSink::foreignKeyName(table, u"customer_of_the_long_tablf"_s));
    // Cut at whole characters: 'ä' is two bytes and must not be split.
    const QString umlauts = SqlSink::foreignKeyName(u"ä"_s.repeated(40), u"x"_s);
    QVERIFY(umlauts.toUtf8().size() <= 63);
    QVERIFY(!umlauts.contains(QChar::ReplacementCharacter));
    QVERIFY(umlauts.startsWith(u"fk_ää"_s));
}

void TestExport::sqlSingleFileOrDirectory()
{
    const auto plan = compile(shop());
    QVERIFY(plan);
    QTemporaryDir dir;
    SqlSink directory(optionsFor(dir.filePath(u"out"_s), false));
    QCOMPARE(run(*plan, directory), QString());
    QCOMPARE(directory.path(), dir.filePath(u"out/shop.sql"_s));
    QCOMPARE(QDir(dir.filePath(u"out"_s)).entryList(QDir::Files), QStringList{u"shop.sql"_s});

    SqlSink file(optionsFor(dir.filePath(u"any name.txt"_s), true));
    QCOMPARE(run(*plan, file), QString());
    QCOMPARE(readAll(dir.filePath(u"any name.txt"_s)), readAll(dir.filePath(u"out/shop.sql"_s)));
}

void TestExport::sqlite()
{
    const auto plan = compile(everything());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"everything.sql"_s), true);
    options.dialect = SqlDialect::SQLite;
    options.batchRows = 16;
    SqlSink sink(options);
    QCOMPARE(run(*plan, sink), QString());
    const QByteArray script = readAll(options.path);
    QVERIFY(script.startsWith("-- Generated by Fabrica: schema \"everything\", seed 7, SQLite\n"
                              "PRAGMA foreign_keys=ON;\nBEGIN;\nPRAGMA defer_foreign_keys=ON;\n"));
    QVERIFY(!script.contains("ALTER TABLE"));

    const ConnectionGuard guard{u"tst_export_sqlite"_s};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, guard.name);
    db.setDatabaseName(u":memory:"_s);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    const QString error = execScript(db, QString::fromUtf8(script));
    QVERIFY2(error.isEmpty(), qPrintable(error));

    for (const TablePlan &table : plan->tables())
        QCOMPARE(count(db, table.name, SqlDialect::SQLite), table.rows);
    // Values read back byte for byte, NULLs as NULL, booleans as 1/0.
    QCOMPARE(column0(db, u"SELECT value FROM strings ORDER BY id"_s), cells(*plan, u"strings"_s, u"value"_s));
    QCOMPARE(column0(db, u"SELECT note FROM customers ORDER BY id"_s),
             cells(*plan, u"customers"_s, u"note"_s));
    QCOMPARE(column0(db, u"SELECT CAST(balance AS TEXT) FROM customers ORDER BY id"_s).count(kNull),
             cells(*plan, u"customers"_s, u"balance"_s).count(kNull));
    QCOMPARE(column0(db, u"SELECT DISTINCT typeof(active) FROM customers"_s), QStringList{u"integer"_s});
    QCOMPARE(column0(db, u"SELECT DISTINCT typeof(quantity) FROM orders WHERE quantity IS NOT NULL"_s),
             QStringList{u"integer"_s});

    // The foreign keys exist, hold, and are enforced.
    QCOMPARE(
        column0(db,
                u"SELECT \"table\" || '.' || \"to\" FROM pragma_foreign_key_list('employees') ORDER BY 1"_s),
        (QStringList{u"departments.id"_s, u"employees.id"_s}));
    QCOMPARE(column0(db, u"SELECT \"table\" FROM pragma_foreign_key_list('departments')"_s),
             QStringList{u"employees"_s});
    QCOMPARE(column0(db, u"PRAGMA foreign_key_check"_s), QStringList());
    QCOMPARE(column0(db, u"PRAGMA foreign_keys"_s), QStringList{u"1"_s});
    QSqlQuery bad(db);
    QVERIFY(!bad.exec(u"INSERT INTO orders (id, customer_id) VALUES (100000, 100000)"_s));
    QVERIFY2(bad.lastError().text().contains(u"FOREIGN KEY"_s), qPrintable(bad.lastError().text()));
    // The self reference: the first employee has no manager, later ones point at earlier ones.
    QVERIFY(count(db, u"employees"_s, SqlDialect::SQLite, u"manager_id IS NULL"_s) >= 1);
    QVERIFY(count(db, u"employees"_s, SqlDialect::SQLite, u"manager_id IS NOT NULL"_s) >= 1);
    QCOMPARE(count(db, u"employees"_s, SqlDialect::SQLite, u"manager_id >= id"_s), 0);
    // The cycle through the nullable head_id loaded too.
    QVERIFY(count(db, u"departments"_s, SqlDialect::SQLite, u"head_id IS NOT NULL"_s) >= 1);
    // Declared constraints.
    QSqlQuery duplicate(db);
    QVERIFY(!duplicate.exec(
        u"INSERT INTO customers (id, email, active) SELECT 1000, email, 1 FROM customers LIMIT 1"_s));
    QVERIFY(!duplicate.exec(u"INSERT INTO strings (id, value) VALUES (1000, NULL)"_s));
}

void TestExport::sqliteJsonValues()
{
    auto plan = compile(hostile());
    QVERIFY(plan);
    const_cast<ColumnPlan &>(plan->tables()[0].columns[1]).generator =
        std::make_unique<JsonDocumentGenerator>();
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"json.sql"_s), true);
    options.dialect = SqlDialect::SQLite;
    SqlSink sink(options);
    QCOMPARE(run(*plan, sink), QString());

    const ConnectionGuard guard{u"tst_export_sqlite_json"_s};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, guard.name);
    db.setDatabaseName(u":memory:"_s);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    const QString error = execScript(db, QString::fromUtf8(readAll(options.path)));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList values = column0(db, u"SELECT value FROM strings ORDER BY id"_s);
    QCOMPARE(values.size(), hostileValues().size());
    for (qsizetype i = 0; i < values.size(); ++i)
        QCOMPARE(values.at(i).toUtf8(), QByteArray::fromStdString(JsonDocumentGenerator::document(i)));
}

void TestExport::postgres()
{
    const QString value = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    if (value.isEmpty())
        QFAIL(
            qPrintable(u"%1 is not set: run scripts/test.sh, which starts a PostgreSQL server for the tests, "
                       u"or set %1=postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable)));
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s) ||
        url.host().isEmpty() || url.path().size() < 2)
        QFAIL(qPrintable(
            u"%1=%2 is not of the form postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable, value)));
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        QFAIL("the Qt PostgreSQL driver (QPSQL) is not installed");

    const auto plan = compile(everything());
    QVERIFY(plan);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.filePath(u"everything.sql"_s), true);
    options.dialect = SqlDialect::PostgreSQL;
    options.batchRows = 16;
    SqlSink sink(options);
    QCOMPARE(run(*plan, sink), QString());

    const ConnectionGuard guard{u"tst_export_pg"_s};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, guard.name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    if (!db.open())
        QFAIL(qPrintable(
            u"cannot connect to %1: %2"_s.arg(url.toString(QUrl::RemovePassword), db.lastError().text())));

    // A schema of its own per run, dropped whatever happens.
    const QString schema =
        u"fabrica tst_export %1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    const QString quoted = SqlIdentifier::quote(SqlDialect::PostgreSQL, schema);
    struct DropSchema
    {
        QSqlDatabase &db;
        QString quoted;
        bool inTransaction = false;
        ~DropSchema()
        {
            QSqlQuery query(db);
            if (inTransaction)
                query.exec(u"ROLLBACK"_s); // the script failed halfway
            if (!query.exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(quoted)))
                qWarning() << "cannot drop" << quoted << query.lastError().text();
        }
    } dropSchema{db, quoted};
    QCOMPARE(
        execScript(
            db, u"SET client_min_messages TO warning; CREATE SCHEMA %1; SET search_path TO %1"_s.arg(quoted)),
        QString());

    dropSchema.inTransaction = true;
    const QString error = execScript(db, QString::fromUtf8(readAll(options.path)));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    dropSchema.inTransaction = false;

    for (const TablePlan &table : plan->tables())
        QCOMPARE(count(db, table.name, SqlDialect::PostgreSQL), table.rows);
    QCOMPARE(column0(db, u"SELECT value FROM strings ORDER BY id"_s), cells(*plan, u"strings"_s, u"value"_s));
    QCOMPARE(column0(db, u"SELECT note FROM customers ORDER BY id"_s),
             cells(*plan, u"customers"_s, u"note"_s));
    QCOMPARE(column0(db, u"SELECT DISTINCT pg_typeof(active)::text FROM customers"_s),
             QStringList{u"boolean"_s});
    QCOMPARE(column0(db, u"SELECT count(*) FROM customers WHERE balance IS NULL"_s),
             QStringList{QString::number(cells(*plan, u"customers"_s, u"balance"_s).count(kNull))});

    // Every foreign key is there; PostgreSQL checked the loaded rows when it added each one.
    QSqlQuery constraints(db);
    QVERIFY(constraints.prepare(
        u"SELECT c.conname FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n "
        u"ON n.oid = c.connamespace WHERE n.nspname = ? AND c.contype = 'f' AND c.convalidated "
        u"ORDER BY 1"_s));
    constraints.addBindValue(schema);
    QVERIFY2(constraints.exec(), qPrintable(constraints.lastError().text()));
    QStringList names;
    while (constraints.next())
        names << constraints.value(0).toString();
    QStringList expected{
        u"fk_orders_customer_id"_s, u"fk_departments_head_id"_s, u"fk_employees_department_id"_s,
        u"fk_employees_manager_id"_s,
        SqlSink::foreignKeyName(u"t_"_s + QString(48, u'l'), u"customer_of_the_long_table"_s)};
    expected.sort();
    QCOMPARE(names, expected);
    QSqlQuery bad(db);
    QVERIFY(!bad.exec(u"INSERT INTO employees (id, department_id) VALUES (100000, 100000)"_s));
    QVERIFY2(bad.lastError().text().contains(u"foreign key"_s), qPrintable(bad.lastError().text()));
    QCOMPARE(count(db, u"employees"_s, SqlDialect::PostgreSQL, u"manager_id >= id"_s), 0);
    QVERIFY(count(db, u"employees"_s, SqlDialect::PostgreSQL, u"manager_id IS NULL"_s) >= 1);
}

void TestExport::csvSingleFileRejected()
{
    const auto plan = compile(shop());
    QVERIFY(plan);
    QTemporaryDir dir;
    CsvSink sink(optionsFor(dir.filePath(u"shop.csv"_s), true));
    QCOMPARE(run(*plan, sink),
             u"a CSV file holds one table, and the schema has 2; write to a directory instead"_s);
    QVERIFY(QDir(dir.path()).isEmpty());
}

void TestExport::abortLeavesNoFiles_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("singleFile");
    QTest::addColumn<bool>("gzip");
    for (const ExportFormat &format : ExportFormat::all()) {
        for (const bool gzip : {false, true}) {
            const char *suffix = gzip ? " gzip" : "";
            QTest::addRow("%s file%s", qPrintable(format.id), suffix) << format.id << true << gzip;
            QTest::addRow("%s directory%s", qPrintable(format.id), suffix) << format.id << false << gzip;
        }
    }
}

void TestExport::abortLeavesNoFiles()
{
    QFETCH(QString, format);
    QFETCH(bool, singleFile);
    QFETCH(bool, gzip);
    const auto plan = compile(hostile());
    QVERIFY(plan);
    QTemporaryDir dir;
    const QString out = dir.filePath(u"out"_s);
    QVERIFY(QDir().mkpath(out));
    ExportOptions options = optionsFor(singleFile ? out + u"/data"_s : out, singleFile);
    options.gzip = gzip;

    // Halfway through by hand: begun, one chunk written, then aborted.
    std::unique_ptr<Sink> sink = ExportFormat::find(format)->create(options);
    QVERIFY(sink->begin(*plan));
    QVERIFY(sink->beginTable(0));
    TableChunk chunk;
    plan->fillChunk(0, 0, 5, chunk);
    ByteBuffer encoded;
    sink->encode(chunk, encoded);
    QVERIFY(sink->write(chunk, encoded));
    QVERIFY(sink->bytesWritten() > 0);
    sink->abort();
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
             QStringList());

    // A cancelled job aborts the same way.
    std::unique_ptr<Sink> cancelledSink = ExportFormat::find(format)->create(options);
    const std::atomic<bool> cancel{true};
    GenerationJob::Options jobOptions;
    jobOptions.cancel = &cancel;
    const auto result = GenerationJob::run(*plan, *cancelledSink, jobOptions);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
             QStringList());
}

void TestExport::gzip_data()
{
    QTest::addColumn<QString>("format");
    for (const ExportFormat &format : ExportFormat::all())
        QTest::newRow(qPrintable(format.id)) << format.id;
}

void TestExport::gzip()
{
    QFETCH(QString, format);
    const auto plan = compile(shop(3000, 5000));
    QVERIFY(plan);
    QTemporaryDir dir;
    const ExportOptions plain = optionsFor(dir.filePath(u"plain"_s), false);
    ExportOptions compressed = optionsFor(dir.filePath(u"gzip"_s), false);
    compressed.gzip = true;
    for (const ExportOptions &options : {plain, compressed}) {
        std::unique_ptr<Sink> sink = ExportFormat::find(format)->create(options);
        QCOMPARE(run(*plan, *sink, 3, 1000), QString());
    }
    const QMap<QString, QByteArray> expected = readTree(plain.path);
    QVERIFY(!expected.isEmpty());
    const QStringList names = QDir(compressed.path).entryList(QDir::Files);
    QCOMPARE(names.size(), expected.size());
    for (const QString &name : names) {
        QVERIFY2(name.endsWith(u".gz"_s), qPrintable(name));
        const QByteArray bytes = readAll(compressed.path + u'/' + name);
        QVERIFY(bytes.startsWith("\x1f\x8b"));
        QVERIFY(bytes.size() < expected.value(name.chopped(3)).size());
        QCOMPARE(gunzip(compressed.path + u'/' + name), expected.value(name.chopped(3)));
    }
}

void TestExport::failedOpenKeepsEarlierFiles_data()
{
    QTest::addColumn<bool>("gzip");
    QTest::newRow("plain") << false;
    QTest::newRow("gzip") << true;
}

void TestExport::failedOpenKeepsEarlierFiles()
{
    // A per-table export over an earlier one, where one file cannot be written (a directory holds its
    // name): the earlier files stay as they were and no temporary file is left.
    QFETCH(bool, gzip);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(dir.path(), false);
    options.gzip = gzip;
    const QString suffix = gzip ? u".csv.gz"_s : u".csv"_s;
    const auto first = compile(shop(), 7);
    QVERIFY(first);
    std::unique_ptr<Sink> sink = ExportFormat::find(u"csv")->create(options);
    QCOMPARE(run(*first, *sink), QString());
    QVERIFY(QFile::remove(dir.filePath(u"orders"_s + suffix)));
    QVERIFY(QDir(dir.path()).mkdir(u"orders"_s + suffix));
    const QMap<QString, QByteArray> earlier = readTree(dir.path());
    QCOMPARE(earlier.keys(), QStringList{u"customers"_s + suffix});

    const auto second = compile(shop(), 8);
    QVERIFY(second);
    sink = ExportFormat::find(u"csv")->create(options);
    QVERIFY(run(*second, *sink).contains(u"orders"_s + suffix));
    QCOMPARE(readTree(dir.path()), earlier);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"customers"_s + suffix, u"orders"_s + suffix}));
}

void TestExport::failedWriteKeepsEarlierFiles_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("singleFile");
    QTest::addColumn<bool>("gzip");
    QTest::newRow("csv directory") << u"csv"_s << false << false;
    QTest::newRow("csv directory gzip") << u"csv"_s << false << true;
    QTest::newRow("json file") << u"json"_s << true << false;
    QTest::newRow("json directory gzip") << u"json"_s << false << true;
    QTest::newRow("sql file gzip") << u"sql"_s << true << true;
}

void TestExport::failedWriteKeepsEarlierFiles()
{
#ifdef Q_OS_LINUX
    // The disk fills up during an export over an earlier one: simulated with a file size limit (writes
    // past it fail with EFBIG) of half the largest earlier file, which the small customers file fits
    // under. The export must fail, and no file may be replaced, not even a complete one: the earlier
    // export stays whole. gzip keeps the compressed bytes until the end, so there the failure comes as
    // the files are finished.
    QFETCH(QString, format);
    QFETCH(bool, singleFile);
    QFETCH(bool, gzip);
    QTemporaryDir dir;
    ExportOptions options = optionsFor(singleFile ? dir.filePath(u"shop"_s) : dir.path(), singleFile);
    options.gzip = gzip;
    const auto first = compile(shop(5, 4000), 7);
    QVERIFY(first);
    std::unique_ptr<Sink> sink = ExportFormat::find(format)->create(options);
    QCOMPARE(run(*first, *sink), QString());
    const QMap<QString, QByteArray> earlier = readTree(dir.path());
    QCOMPARE(earlier.size(), singleFile ? 1 : 2);
    qsizetype largest = 0;
    for (const QByteArray &bytes : earlier)
        largest = std::max(largest, bytes.size());

    const auto second = compile(shop(5, 4000), 8);
    QVERIFY(second);
    sink = ExportFormat::find(format)->create(options);
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit limited = saved;
    limited.rlim_cur = rlim_t(largest / 2);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const QString error = run(*second, *sink);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY2(error.contains(u"cannot write the file"_s), qPrintable(error));
    QCOMPARE(readTree(dir.path()), earlier);
#else
    QSKIP("simulates a full disk with RLIMIT_FSIZE, which only Linux is tested with");
#endif
}

void TestExport::sameBytesWhateverThreadsAndChunks_data()
{
    gzip_data();
}

void TestExport::sameBytesWhateverThreadsAndChunks()
{
    QFETCH(QString, format);
    const auto plan = compile(shop(20000, 25000));
    QVERIFY(plan);
    const bool singleFile = format == u"json"_s || format == u"sql"_s;
    QTemporaryDir dir;
    QList<QMap<QString, QByteArray>> outputs;
    for (const auto &[threads, chunkRows] : {std::pair{1, 1000}, std::pair{3, 8192}}) {
        const QString out = dir.filePath(u"%1-%2"_s.arg(threads).arg(chunkRows));
        QVERIFY(QDir().mkpath(out));
        std::unique_ptr<Sink> sink =
            ExportFormat::find(format)->create(optionsFor(singleFile ? out + u"/data"_s : out, singleFile));
        QCOMPARE(run(*plan, *sink, threads, chunkRows), QString());
        outputs << readTree(out);
    }
    QCOMPARE(outputs.at(0).keys(), outputs.at(1).keys());
    for (const QString &name : outputs.at(0).keys()) {
        QVERIFY(outputs.at(0).value(name).size() > 100000);
        QVERIFY2(outputs.at(0).value(name) == outputs.at(1).value(name), qPrintable(name));
    }
}

void TestExport::wideRowsTakeSmallerChunks()
{
    // Rows of about 2 KB: a chunk of 8,192 of them would be 16 MB, far beyond the core's cache, so the job
    // makes chunks of about 1 MiB (progress is reported once per chunk) and the bytes stay those of any
    // other chunking. A narrow table keeps chunks of chunkRows.
    QList<Column> wide;
    for (int c = 0; c < 24; ++c)
        wide << column(u"text_%1"_s.arg(c), u"lorem_paragraph"_s);
    Schema schema = test::oneTable(u"wide"_s, 12000, wide);
    schema.tables.append(Table{u"narrow"_s, {}, 20000, {column(u"n"_s, u"integer"_s)}});
    const auto plan = compile(schema);
    QVERIFY(plan);
    QTemporaryDir dir;
    QList<QMap<QString, QByteArray>> outputs;
    for (const int chunkRows : {8192, 3}) {
        const QString out = dir.filePath(QString::number(chunkRows));
        QVERIFY(QDir().mkpath(out));
        std::unique_ptr<Sink> sink = ExportFormat::find(u"csv")->create(optionsFor(out, false));
        QMap<int, int> chunks; // table → progress reports
        qint64 done = 0;
        GenerationJob::Options options;
        options.threads = 2;
        options.chunkRows = chunkRows;
        options.progress = [&](const GenerationJob::Progress &progress) {
            ++chunks[progress.table];
            QVERIFY(progress.rowsDone > done);
            done = progress.rowsDone;
        };
        const auto result = GenerationJob::run(*plan, *sink, options);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        if (chunkRows == 8192) {
            const int wideTable = tableIndex(*plan, u"t"_s); // oneTable names its table t
            QVERIFY2(chunks.value(wideTable) >= 12, qPrintable(QString::number(chunks.value(wideTable))));
            QCOMPARE(chunks.value(1 - wideTable), 3); // 20,000 narrow rows in chunks of 8,192
        }
        outputs << readTree(out);
    }
    QVERIFY(outputs.at(0).value(u"t.csv"_s).size() > 12000 * 1000);
    QVERIFY(outputs.at(0) == outputs.at(1));
}

void TestExport::formats()
{
    QStringList ids;
    for (const ExportFormat &format : ExportFormat::all()) {
        ids << format.id;
        QVERIFY(!format.name.isEmpty());
        QVERIFY(format.create);
        QCOMPARE(format.needsDialect, format.id == u"sql"_s);
    }
    QCOMPARE(ids, (QStringList{u"csv"_s, u"tsv"_s, u"json"_s, u"ndjson"_s, u"sql"_s}));
    QVERIFY(ExportFormat::find(u"NDJSON") == &ExportFormat::all().at(3));
    QVERIFY(!ExportFormat::find(u"xml"));
    QCOMPARE(ExportFormat::fileDialogFilters(),
             u"Comma-separated values (*.csv);;Comma-separated values, gzip-compressed (*.csv.gz);;"
             u"Tab-separated values (*.tsv);;Tab-separated values, gzip-compressed (*.tsv.gz);;"
             u"JSON (*.json);;JSON, gzip-compressed (*.json.gz);;"
             u"Newline-delimited JSON (*.ndjson);;Newline-delimited JSON, gzip-compressed (*.ndjson.gz);;"
             u"SQL script (*.sql);;SQL script, gzip-compressed (*.sql.gz)"_s);

    // A dialog's filter or a typed file name leads back to the format and the compression.
    for (const QString &filter : ExportFormat::fileDialogFilters().split(u";;"_s)) {
        const auto type = ExportFormat::fromFileDialogFilter(filter);
        QVERIFY2(type && type->format, qPrintable(filter));
        QCOMPARE(type->format->fileDialogFilter(type->gzip), filter);
    }
    QVERIFY(!ExportFormat::fromFileDialogFilter(u"All files (*)"));
    const auto ndjsonGz = ExportFormat::fromFileName(u"/tmp/shop.v2.NDJSON.gz");
    QVERIFY(ndjsonGz && ndjsonGz->format == ExportFormat::find(u"ndjson") && ndjsonGz->gzip);
    const auto json = ExportFormat::fromFileName(u"shop.json");
    QVERIFY(json && json->format == ExportFormat::find(u"json") && !json->gzip);
    QCOMPARE(json->format->suffix(true), u".json.gz"_s);
    QVERIFY(!ExportFormat::fromFileName(u"shop.gz"));
    QVERIFY(!ExportFormat::fromFileName(u"shop.xjson"));
    QVERIFY(!ExportFormat::fromFileName(u"shop"));

    // TSV is CSV with tabs, in .tsv files.
    const auto plan = compile(hostile());
    QVERIFY(plan);
    QTemporaryDir dir;
    std::unique_ptr<Sink> tsv = ExportFormat::find(u"tsv")->create(optionsFor(dir.path(), false));
    QCOMPARE(run(*plan, *tsv), QString());
    QVERIFY(readAll(dir.filePath(u"strings.tsv"_s)).startsWith("id\tvalue\n1\t"));
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
