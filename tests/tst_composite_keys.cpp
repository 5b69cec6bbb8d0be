// Composite primary keys and multi-column unique keys ("uniqueKey") over any mix of column kinds: the
// engine gives every row a distinct combination at sizes where drawing values independently would
// certainly collide, no column becomes unique on its own, the output is the same whatever the chunking
// or threads, the validator explains bad key names, and Fabrica's DDL declares the keys.
#include "CompiledPlan.h"
#include "SchemaBuilding.h"
#include "export/SqlDdl.h"
#include "generate/Plan.h"
#include "validate/SchemaValidator.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;

using test::column;
using test::Compiled;
using test::tableIndex;
using Row = std::vector<std::string>;

Column idColumn(const QString &name = u"id"_s)
{
    return column(name, u"sequence"_s, R"({"primaryKey": true})");
}

Compiled compile(const Schema &schema, quint64 seed = kSeed)
{
    return test::compile(schema, seed);
}

// Rows [first, first + count) of a table as text ("\\N" for NULL), chunk by chunk.
std::vector<Row> rowsOf(const Plan &plan, int t, qint64 first, qint64 count, int chunkRows)
{
    std::vector<Row> rows;
    TableChunk chunk;
    for (qint64 at = first; at < first + count; at += chunkRows) {
        const int n = int(std::min<qint64>(chunkRows, first + count - at));
        plan.fillChunk(t, at, n, chunk);
        for (int r = 0; r < n; ++r) {
            Row row;
            for (const ColumnChunk &cells : chunk.columns)
                row.emplace_back(cells.isNull(r) ? std::string("\\N") : std::string(cells.value(r)));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<Row> tableRows(const Plan &plan, const QString &name, int chunkRows = 777)
{
    const int t = tableIndex(plan, name);
    return rowsOf(plan, t, 0, plan.tables()[std::size_t(t)].rows, chunkRows);
}

// The same rows made by `threads` threads at once, each taking every threads-th chunk of its own.
std::vector<Row> tableRowsThreaded(const Plan &plan, const QString &name, int threads, int chunkRows)
{
    const int t = tableIndex(plan, name);
    const qint64 total = plan.tables()[std::size_t(t)].rows;
    const qint64 chunks = (total + chunkRows - 1) / chunkRows;
    std::vector<std::vector<Row>> parts{std::size_t(chunks)};
    std::vector<std::thread> workers;
    for (int w = 0; w < threads; ++w) {
        workers.emplace_back([&, w] {
            for (qint64 c = w; c < chunks; c += threads) {
                const qint64 first = c * chunkRows;
                parts[std::size_t(c)] =
                    rowsOf(plan, t, first, std::min<qint64>(chunkRows, total - first), chunkRows);
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    std::vector<Row> rows;
    for (std::vector<Row> &part : parts)
        rows.insert(rows.end(), part.begin(), part.end());
    return rows;
}

// The first row whose combination of columns repeats an earlier one, or -1.
qint64 repeated(const std::vector<Row> &rows, const std::vector<int> &columns)
{
    std::set<Row> seen;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        Row key;
        for (int c : columns)
            key.push_back(rows[r][std::size_t(c)]);
        if (!seen.insert(key).second)
            return qint64(r);
    }
    return -1;
}

// "row r repeats (a, b)" for a failure message; QVERIFY2 builds it before it tests, so -1 is fine.
QString repeatMessage(const std::vector<Row> &rows, qint64 repeat, const std::vector<int> &columns)
{
    if (repeat < 0)
        return {};
    QStringList values;
    for (int c : columns)
        values << QString::fromStdString(rows[std::size_t(repeat)][std::size_t(c)]);
    return u"row %1 repeats (%2)"_s.arg(repeat).arg(values.join(u", "_s));
}

std::size_t distinct(const std::vector<Row> &rows, int column)
{
    std::set<std::string> values;
    for (const Row &row : rows)
        values.insert(row[std::size_t(column)]);
    return values.size();
}

// employees(emp_no) and salaries(emp_no, from_date) keyed by the pair; to_date after from_date.
Schema salaries(qint64 employees, qint64 rows, const QByteArray &fromDate)
{
    Schema schema;
    schema.name = u"employees"_s;
    schema.tables = {
        Table{
            u"employees"_s, {}, employees, {idColumn(u"emp_no"_s), column(u"first_name"_s, u"first_name"_s)}},
        Table{u"salaries"_s,
              {},
              rows,
              {column(u"emp_no"_s, u"foreign_key"_s,
                      R"({"primaryKey": true, "references": "employees.emp_no"})"),
               column(u"salary"_s, u"integer"_s, R"({"min": 40000, "max": 160000})"),
               column(u"from_date"_s, u"date"_s, fromDate),
               column(u"to_date"_s, u"date"_s,
                      R"({"after": {"column": "from_date", "min": 1, "max": 365, "unit": "days"}})")}}};
    return schema;
}

QStringList messages(const Problems &problems, Problem::Severity severity)
{
    QStringList out;
    for (const Problem &problem : problems) {
        if (problem.severity == severity)
            out << problem.path + u": "_s + problem.message;
    }
    return out;
}

} // namespace

class TestCompositeKeys : public QObject
{
    Q_OBJECT

private slots:
    void foreignKeyTimesDate();
    void mixOfKinds_data();
    void mixOfKinds();
    void uniqueKeyGroup();
    void tooFewCombinations();
    void cardinalityInsideKey();
    void uniqueColumnShortCuts();
    void overlappingKeys();
    void sameBytesForAnyThreads();
    void validatorMessages();
    void ddlDeclaresKeys();
};

void TestCompositeKeys::foreignKeyTimesDate()
{
    // 400 employees × 120 days = 48,000 pairs for 30,000 rows: drawn independently, some pair would
    // repeat about 9,000 times over; as a key, none does, and neither column is unique on its own.
    const Compiled compiled =
        compile(salaries(400, 30000, R"({"primaryKey": true, "min": "2020-01-01", "max": "2020-04-29"})"));
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> rows = tableRows(*compiled.plan, u"salaries"_s);
    QCOMPARE(rows.size(), std::size_t(30000));
    const qint64 repeat = repeated(rows, {0, 2});
    QVERIFY2(repeat < 0, qPrintable(repeatMessage(rows, repeat, {0, 2})));
    QCOMPARE(distinct(rows, 0), std::size_t(400)); // every employee has salaries
    QCOMPARE(distinct(rows, 2), std::size_t(120)); // every day occurs, many times
    for (const Row &row : rows) {
        const int emp = std::stoi(row[0]);
        QVERIFY(emp >= 1 && emp <= 400);
        const QDate from = QDate::fromString(QString::fromStdString(row[2]), Qt::ISODate);
        const QDate to = QDate::fromString(QString::fromStdString(row[3]), Qt::ISODate);
        QVERIFY(from >= QDate(2020, 1, 1) && from <= QDate(2020, 4, 29));
        // to_date reads from_date's numbers beside its text: the relation still holds.
        QVERIFY2(to > from && from.daysTo(to) <= 365,
                 qPrintable(QString::fromStdString(row[2] + " " + row[3])));
    }
}

void TestCompositeKeys::mixOfKinds_data()
{
    QTest::addColumn<QByteArray>("typeA");
    QTest::addColumn<QByteArray>("constraintsA");
    QTest::addColumn<QByteArray>("typeB");
    QTest::addColumn<QByteArray>("constraintsB");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("maxDistinctB"); // 0 = no bound to check
    // Each pair has barely more combinations than rows, so independent draws collide many times.
    QTest::newRow("text × date") << QByteArray("string") << QByteArray(R"({"minLength": 3, "maxLength": 12})")
                                 << QByteArray("date")
                                 << QByteArray(R"({"min": "2024-01-01", "max": "2024-01-10"})") << 5000 << 10;
    QTest::newRow("enum × integer") << QByteArray("enum")
                                    << QByteArray(R"({"values": ["new", "open", "held", "done", "lost"]})")
                                    << QByteArray("integer") << QByteArray(R"({"min": 1, "max": 200})") << 990
                                    << 200;
    QTest::newRow("timestamp × smallint")
        << QByteArray("timestamp")
        << QByteArray(R"({"min": "2024-01-01T00:00:00", "max": "2024-01-01T00:09:59"})")
        << QByteArray("smallint") << QByteArray(R"({"min": 0, "max": 9})") << 5900 << 10;
    QTest::newRow("decimal × char") << QByteArray("decimal")
                                    << QByteArray(R"({"min": 0, "max": 9.99, "scale": 2})")
                                    << QByteArray("char")
                                    << QByteArray(R"({"length": 1, "alphabet": "ABCDEF"})") << 5900 << 6;
    QTest::newRow("uuid × enum") << QByteArray("uuid") << QByteArray("{}") << QByteArray("enum")
                                 << QByteArray(R"({"values": ["a", "b"]})") << 4000 << 2;
    QTest::newRow("pattern × bigint")
        << QByteArray("pattern") << QByteArray(R"({"pattern": "[A-C][0-9]"})") << QByteArray("bigint")
        << QByteArray(R"({"min": 1, "max": 100})") << 2950 << 100;
}

void TestCompositeKeys::mixOfKinds()
{
    QFETCH(QByteArray, typeA);
    QFETCH(QByteArray, constraintsA);
    QFETCH(QByteArray, typeB);
    QFETCH(QByteArray, constraintsB);
    QFETCH(int, rows);
    QFETCH(int, maxDistinctB);
    auto keyed = [](const QByteArray &constraints) {
        QJsonObject object = QJsonDocument::fromJson(constraints).object();
        object.insert(u"primaryKey"_s, true);
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    Schema schema;
    schema.name = u"mix"_s;
    schema.tables = {Table{u"t"_s,
                           {},
                           rows,
                           {column(u"a"_s, QString::fromLatin1(typeA), keyed(constraintsA)),
                            column(u"b"_s, QString::fromLatin1(typeB), keyed(constraintsB)),
                            column(u"note"_s, u"string"_s)}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> values = tableRows(*compiled.plan, u"t"_s);
    QCOMPARE(values.size(), std::size_t(rows));
    const qint64 repeat = repeated(values, {0, 1});
    QVERIFY2(repeat < 0, qPrintable(repeatMessage(values, repeat, {0, 1})));
    // Neither column is unique alone: b repeats within its own domain.
    QVERIFY(distinct(values, 1) < std::size_t(rows));
    QVERIFY(distinct(values, 0) < std::size_t(rows));
    QVERIFY(int(distinct(values, 1)) <= maxDistinctB);
    for (const Row &row : values)
        QVERIFY(row[0] != "\\N" && row[1] != "\\N");
}

void TestCompositeKeys::uniqueKeyGroup()
{
    // UNIQUE (title, from_date) by name, next to a sequence primary key: the pair never repeats.
    Schema schema = test::oneTable(
        u"titles"_s, 4000,
        {column(
             u"title"_s, u"enum"_s,
             R"({"uniqueKey": "title_day", "values": ["Engineer", "Senior Engineer", "Staff", "Manager"]})"),
         column(u"from_date"_s, u"date"_s,
                R"({"uniqueKey": "title_day", "min": "2020-01-01", "max": "2022-12-31"})")});
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> rows = tableRows(*compiled.plan, u"t"_s);
    QCOMPARE(repeated(rows, {1, 2}), qint64(-1));
    QCOMPARE(distinct(rows, 1), std::size_t(4));
    QVERIFY(distinct(rows, 2) < std::size_t(4000));
}

void TestCompositeKeys::tooFewCombinations()
{
    // 5 states × 10 numbers = 50 combinations: 50 rows fit, 51 are refused with the arithmetic.
    auto schemaOf = [](qint64 rows) {
        Schema schema;
        schema.name = u"few"_s;
        schema.tables = {Table{
            u"t"_s,
            {},
            rows,
            {column(u"state"_s, u"enum"_s, R"({"primaryKey": true, "values": ["a", "b", "c", "d", "e"]})"),
             column(u"n"_s, u"integer"_s, R"({"primaryKey": true, "min": 1, "max": 10})")}}};
        return schema;
    };
    const Compiled fits = compile(schemaOf(50));
    QVERIFY2(fits.plan, qPrintable(fits.error));
    QCOMPARE(repeated(tableRows(*fits.plan, u"t"_s, 7), {0, 1}), qint64(-1));
    const Compiled refused = compile(schemaOf(51));
    QVERIFY(!refused.plan);
    QVERIFY2(refused.error.contains(u"the primary key (state, n) of table \"t\" has only 50 distinct "
                                    "combinations (state: 5 × n: 10) for 51 rows"_s),
             qPrintable(refused.error));
}

void TestCompositeKeys::cardinalityInsideKey()
{
    // 5..15 salaries per employee, in consecutive rows, over 20 possible days: each employee's days are
    // distinct, and the days differ from one employee to the next.
    auto schemaOf = [](const char *fromDate) {
        Schema schema = salaries(300, 1, fromDate);
        schema.tables[1].columns[0].constraints.insert(u"cardinality"_s,
                                                       QJsonObject{{u"min"_s, 5}, {u"max"_s, 15}});
        return schema;
    };
    const Compiled compiled =
        compile(schemaOf(R"({"primaryKey": true, "min": "2020-01-01", "max": "2020-01-20"})"));
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> rows = tableRows(*compiled.plan, u"salaries"_s, 500);
    QVERIFY(rows.size() >= 300 * 5 && rows.size() <= 300 * 15);
    QVERIFY2(repeated(rows, {0, 2}) < 0, qPrintable(repeatMessage(rows, repeated(rows, {0, 2}), {0, 2})));
    std::set<std::string> finished;
    std::map<std::string, int> counts;
    std::set<std::string> firstDays;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string &emp = rows[r][0];
        if (r > 0 && rows[r - 1][0] != emp) {
            QVERIFY2(finished.insert(rows[r - 1][0]).second, "an employee's salaries are not consecutive");
        }
        if (counts[emp]++ == 0)
            firstDays.insert(rows[r][2]);
        const QDate from = QDate::fromString(QString::fromStdString(rows[r][2]), Qt::ISODate);
        const QDate to = QDate::fromString(QString::fromStdString(rows[r][3]), Qt::ISODate);
        QVERIFY(to > from);
    }
    QCOMPARE(counts.size(), std::size_t(300));
    for (const auto &[emp, count] : counts)
        QVERIFY2(count >= 5 && count <= 15, emp.c_str());
    QVERIFY(firstDays.size() > 10); // employees do not all start on one day
    // The same bytes with other chunks and two threads.
    QCOMPARE(tableRowsThreaded(*compiled.plan, u"salaries"_s, 2, 333), rows);

    // Up to 15 children over 10 days cannot be distinct: refused with the arithmetic.
    const Compiled refused =
        compile(schemaOf(R"({"primaryKey": true, "min": "2020-01-01", "max": "2020-01-10"})"));
    QVERIFY(!refused.plan);
    QVERIFY2(refused.error.contains(
                 u"the primary key (emp_no, from_date) of table \"salaries\": a parent of emp_no "
                 "gets up to 15 children (cardinality), but the other columns have only 10 "
                 "distinct combinations (from_date: 10)"_s),
             qPrintable(refused.error));
}

void TestCompositeKeys::uniqueColumnShortCuts()
{
    // A sequence in the key makes every combination unique already: the other column keeps its random
    // values (all three states, not one per row).
    Schema schema;
    schema.name = u"short"_s;
    schema.tables = {Table{
        u"t"_s,
        {},
        3000,
        {idColumn(), column(u"state"_s, u"enum"_s, R"({"primaryKey": true, "values": ["a", "b", "c"]})")}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> rows = tableRows(*compiled.plan, u"t"_s);
    QCOMPARE(distinct(rows, 0), std::size_t(3000));
    QCOMPARE(distinct(rows, 1), std::size_t(3));
}

void TestCompositeKeys::overlappingKeys()
{
    // PRIMARY KEY (a, b) and UNIQUE (b, c): both hold. The second is made unique through c, the column
    // no earlier key fixes, so c alone is unique there; a key containing the first, (a, b, d), is free.
    Schema schema;
    schema.name = u"overlap"_s;
    schema.tables = {Table{
        u"t"_s,
        {},
        2000,
        {column(u"a"_s, u"integer"_s, R"({"primaryKey": true, "uniqueKey": "all", "min": 1, "max": 50})"),
         column(
             u"b"_s, u"date"_s,
             R"({"primaryKey": true, "uniqueKey": ["b_c", "all"], "min": "2024-01-01", "max": "2024-02-29"})"),
         column(u"c"_s, u"integer"_s, R"({"uniqueKey": "b_c", "min": 1, "max": 100000})"),
         column(u"d"_s, u"integer"_s, R"({"uniqueKey": "all", "min": 1, "max": 3})")}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> rows = tableRows(*compiled.plan, u"t"_s);
    QCOMPARE(repeated(rows, {0, 1}), qint64(-1));
    QCOMPARE(repeated(rows, {1, 2}), qint64(-1));
    QCOMPARE(distinct(rows, 3), std::size_t(3));
}

void TestCompositeKeys::sameBytesForAnyThreads()
{
    const Schema schema =
        salaries(300, 20000, R"({"primaryKey": true, "min": "2000-01-01", "max": "2000-12-31"})");
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Row> one = tableRows(*compiled.plan, u"salaries"_s, 777);
    QCOMPARE(tableRowsThreaded(*compiled.plan, u"salaries"_s, 1, 4096), one);
    QCOMPARE(tableRowsThreaded(*compiled.plan, u"salaries"_s, 2, 1000), one);
    // A different seed gives other combinations.
    QVERIFY(tableRows(*compile(schema, kSeed + 1).plan, u"salaries"_s) != one);
}

void TestCompositeKeys::validatorMessages()
{
    auto validate = [](const QList<Column> &columns) {
        return SchemaValidator().validate(test::oneTable(u"v"_s, 10, columns));
    };
    // A good key: no problem at all.
    Problems problems = validate({column(u"a"_s, u"integer"_s, R"({"uniqueKey": "ab"})"),
                                  column(u"b"_s, u"date"_s, R"({"uniqueKey": ["ab"]})")});
    QVERIFY2(problems.isEmpty(), qPrintable(messages(problems, Problem::Severity::Error).join(u'\n')));

    problems = validate({column(u"a"_s, u"integer"_s, R"({"uniqueKey": " "})")});
    QVERIFY2(messages(problems, Problem::Severity::Error)
                 .contains(
                     u"t.a: uniqueKey has an empty name; name the multi-column unique key, e.g. \"t_key\""_s),
             qPrintable(messages(problems, Problem::Severity::Error).join(u'\n')));

    problems =
        validate({column(u"a"_s, u"integer"_s, R"({"uniqueKey": "solo"})"), column(u"b"_s, u"integer"_s)});
    QVERIFY(messages(problems, Problem::Severity::Error).isEmpty());
    QVERIFY2(
        messages(problems, Problem::Severity::Warning)
            .contains(u"t.a: unique key \"solo\" has only this column; a key of one column is \"unique\": "
                      "true (it is generated so)"_s),
        qPrintable(messages(problems, Problem::Severity::Warning).join(u'\n')));

    problems = validate({column(u"a"_s, u"integer"_s, R"({"uniqueKey": 3})")});
    QVERIFY2(messages(problems, Problem::Severity::Error)
                 .contains(
                     u"t.a: constraint \"uniqueKey\" must be a key name or an array of key names, found 3"_s),
             qPrintable(messages(problems, Problem::Severity::Error).join(u'\n')));

    problems = validate({column(u"a"_s, u"boolean"_s, R"({"uniqueKey": "ab"})"),
                         column(u"b"_s, u"integer"_s, R"({"uniqueKey": "ab"})")});
    QVERIFY2(
        messages(problems, Problem::Severity::Error)
            .contains(u"t.a: type boolean cannot be part of a unique key; key columns need a type with a "
                      "large domain such as sequence, integer, uuid or string"_s),
        qPrintable(messages(problems, Problem::Severity::Error).join(u'\n')));

    // A single-column key is generated unique: 20 rows of a 0..19 range take every value once.
    Schema solo = test::oneTable(
        u"v"_s, 20, {column(u"a"_s, u"integer"_s, R"({"uniqueKey": "solo", "min": 0, "max": 19})")});
    const Compiled compiled = compile(solo);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    QCOMPARE(distinct(tableRows(*compiled.plan, u"t"_s), 1), std::size_t(20));
}

void TestCompositeKeys::ddlDeclaresKeys()
{
    Schema schema = test::oneTable(u"ddl"_s, 10,
                                   {column(u"a"_s, u"integer"_s, R"({"uniqueKey": ["ab", "abc"]})"),
                                    column(u"b"_s, u"date"_s, R"({"uniqueKey": ["ab", "abc"]})"),
                                    column(u"c"_s, u"string"_s, R"({"uniqueKey": "abc"})")});
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const SqlDdl postgres(*compiled.plan, SqlDialect::PostgreSQL);
    const QString create = QString::fromStdString(postgres.createTable(0, true));
    QVERIFY2(create.contains(u"UNIQUE (\"a\", \"b\")"_s) &&
                 create.contains(u"UNIQUE (\"a\", \"b\", \"c\")"_s),
             qPrintable(create));
    QVERIFY(!QString::fromStdString(postgres.createTable(0, false)).contains(u"UNIQUE"_s));
    QStringList added;
    for (const std::string &statement : postgres.addKeys(0))
        added << QString::fromStdString(statement);
    QVERIFY2(added.contains(u"ALTER TABLE \"t\" ADD UNIQUE (\"a\", \"b\")"_s), qPrintable(added.join(u'\n')));
    const QString mysql =
        QString::fromStdString(SqlDdl(*compiled.plan, SqlDialect::MySQL).createTable(0, true));
    QVERIFY2(mysql.contains(u"UNIQUE (`a`, `b`)"_s), qPrintable(mysql));
    const QString sqlite =
        QString::fromStdString(SqlDdl(*compiled.plan, SqlDialect::SQLite).createTable(0, true));
    QVERIFY2(sqlite.contains(u"UNIQUE (\"a\", \"b\", \"c\")"_s), qPrintable(sqlite));
}

QTEST_GUILESS_MAIN(TestCompositeKeys)
#include "tst_composite_keys.moc"
