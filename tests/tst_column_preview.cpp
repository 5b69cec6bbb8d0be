// ColumnPreview: the first values of a column, byte for byte what a CSV export of the same schema and seed
// holds, computed from a schema cut down to the column's table and the keys of the tables its foreign keys
// reach.
#include "SchemaBuilding.h"
#include "export/CsvSink.h"
#include "format/SchemaFile.h"
#include "generate/ColumnPreview.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "generate/RowWindow.h"
#include "import/CsvReader.h"
#include "validate/SchemaValidator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using test::column;

// The shop example, small, plus order_items: a third level of foreign keys whose row count comes from a
// cardinality, so the preview depends on the rows of two ancestor tables.
Schema smallShop()
{
    Result<Schema> loaded =
        SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"));
    if (!loaded)
        qFatal("cannot load the shop example: %s", qPrintable(loaded.error().toString()));
    Schema schema = *loaded;
    schema.tables[0].rows = 40;
    schema.tables[1].rows = 100;
    Table items{u"order_items"_s, {}, 0, {}};
    items.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"order_id"_s, u"foreign_key"_s,
               R"({"notNull": true, "references": "orders.id", "cardinality": {"min": 0, "max": 3}})"),
        column(u"quantity"_s, u"integer"_s,
               R"({"min": 1, "max": 9, "distribution": {"name": "poisson", "lambda": 2}})"),
        column(u"gift"_s, u"boolean"_s, R"({"nullPercent": 25})"),
        column(u"label"_s, u"template"_s, "{\"template\": \"{order_id}-{id} \\\"{city}\\\", x\"}")};
    schema.tables.append(items);
    return schema;
}

// The CSV export of every table of schema, read back: table name → its rows.
QHash<QString, CsvTable> exportCsv(const Schema &schema, quint64 seed)
{
    QHash<QString, CsvTable> tables;
    const auto plan = Plan::compile(schema, Plan::Options{seed, {}});
    if (!plan) {
        qWarning() << plan.error().toString();
        return tables;
    }
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.path();
    CsvSink sink(options);
    GenerationJob::Options jobOptions;
    jobOptions.threads = 2;
    jobOptions.chunkRows = 7; // many chunks, so chunk borders are crossed
    if (const auto run = GenerationJob::run(**plan, sink, jobOptions); !run) {
        qWarning() << run.error().toString();
        return tables;
    }
    for (const Table &table : schema.tables) {
        QFile file(dir.filePath(table.name + u".csv"_s));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ImportReport report;
        const Result<CsvTable> read =
            CsvReader().read(file.fileName(), QString::fromUtf8(file.readAll()), report);
        if (read)
            tables.insert(table.name, *read);
    }
    return tables;
}

ColumnPreview::Values csvColumn(const CsvTable &table, int column)
{
    ColumnPreview::Values values;
    for (const CsvTable::Row &row : table.rows)
        values.append(row.at(column));
    return values;
}

QString firstError(const Schema &schema)
{
    for (const Problem &problem : SchemaValidator().validate(schema)) {
        if (problem.isError())
            return problem.message;
    }
    return {};
}

} // namespace

class TestColumnPreview : public QObject
{
    Q_OBJECT

private slots:
    void matchesCsvExport_data();
    void matchesCsvExport();
    void countLimitsRows();
    void seedChangesValues();
    void reducedKeepsReachedTablesOnly();
    void unrelatedErrorDoesNotStopPreview();
    void errorInReachedTableStopsPreview();
    void largeSchemaStaysFast();
    void invalidIndexIsAnError();
};

void TestColumnPreview::matchesCsvExport_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 42") << quint64(42);
    QTest::newRow("seed 987654321") << quint64(987654321);
}

void TestColumnPreview::matchesCsvExport()
{
    QFETCH(quint64, seed);
    const Schema schema = smallShop();
    const QHash<QString, CsvTable> csv = exportCsv(schema, seed);
    QCOMPARE(csv.size(), schema.tables.size());
    int nulls = 0;
    for (int t = 0; t < schema.tables.size(); ++t) {
        const Table &table = schema.tables.at(t);
        const CsvTable &exported = csv.value(table.name);
        QCOMPARE(exported.header.size(), table.columns.size());
        QVERIFY2(!exported.rows.isEmpty(), qPrintable(table.name));
        for (int c = 0; c < table.columns.size(); ++c) {
            // Ask for more than the table has: the preview stops where the export does.
            const auto preview = ColumnPreview::values(schema, t, c, seed, 100000);
            QVERIFY2(preview.ok(), qPrintable(preview.ok() ? QString() : preview.error().toString()));
            const ColumnPreview::Values expected = csvColumn(exported, c);
            QCOMPARE(preview->size(), expected.size());
            for (int row = 0; row < expected.size(); ++row) {
                if (preview->at(row) != expected.at(row))
                    QFAIL(qPrintable(u"%1.%2 row %3: preview %4, CSV %5"_s.arg(
                        table.name, table.columns.at(c).name, QString::number(row),
                        preview->at(row).value_or(u"NULL"_s), expected.at(row).value_or(u"NULL"_s))));
                nulls += preview->at(row) ? 0 : 1;
            }
        }
    }
    QVERIFY(nulls > 0); // NULLs were part of the comparison (orders.note, order_items.gift)
}

void TestColumnPreview::countLimitsRows()
{
    const Schema schema = smallShop();
    const auto all = ColumnPreview::values(schema, 1, 4, 7, 100);
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 100);
    const auto ten = ColumnPreview::values(schema, 1, 4, 7, 10);
    QVERIFY(ten.ok());
    QCOMPARE(*ten, all->mid(0, 10));
    const auto none = ColumnPreview::values(schema, 1, 4, 7, 0);
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
    Schema empty = schema;
    empty.tables[0].rows = 0; // customers: nothing to draw from, and nothing to show
    empty.tables[1].rows = 0;
    const auto noRows = ColumnPreview::values(empty, 0, 1, 7, 10);
    QVERIFY(noRows.ok());
    QVERIFY(noRows->isEmpty());
}

void TestColumnPreview::seedChangesValues()
{
    const Schema schema = smallShop();
    const auto a = ColumnPreview::values(schema, 0, 1, 1, 20);
    const auto b = ColumnPreview::values(schema, 0, 1, 2, 20);
    const auto again = ColumnPreview::values(schema, 0, 1, 1, 20);
    QVERIFY(a.ok() && b.ok() && again.ok());
    QVERIFY(*a != *b);
    QCOMPARE(*a, *again);
}

void TestColumnPreview::reducedKeepsReachedTablesOnly()
{
    Schema schema = smallShop();
    schema.tables.prepend(Table{u"unrelated"_s, {}, 5, {column(u"id"_s, u"sequence"_s)}});
    // Clashes with customers ignoring case: kept, so its duplicate name is reported as in a generation.
    schema.tables.append(Table{u"CUSTOMERS"_s, {}, 5, {column(u"id"_s, u"sequence"_s)}});
    int index = -1;
    const Schema items = RowWindow::reduced(schema, 3, &index);
    QStringList names;
    for (const Table &table : items.tables)
        names << table.name;
    QCOMPARE(names, (QStringList{u"customers"_s, u"orders"_s, u"order_items"_s, u"CUSTOMERS"_s}));
    QCOMPARE(index, 2);
    QCOMPARE(items.locale, schema.locale);
    const Schema customers = RowWindow::reduced(schema, 1, &index);
    QCOMPARE(customers.tables.size(), 2);
    QCOMPARE(customers.tables.at(0).name, u"customers"_s);
    QCOMPARE(index, 0);
    QVERIFY(!ColumnPreview::values(schema, 1, 0, 42, 5).ok()); // the clash stops the preview
}

void TestColumnPreview::unrelatedErrorDoesNotStopPreview()
{
    Schema schema = smallShop();
    const auto before = ColumnPreview::values(schema, 2, 1, 42, 10);
    QVERIFY(before.ok());
    Table broken{u"broken"_s, {}, 10, {column(u"id"_s, u"sequence"_s), column(u"x"_s, u"no_such_type"_s)}};
    schema.tables.insert(1, broken); // before orders: indexes of later tables move, values do not
    QVERIFY(!Plan::compile(schema, Plan::Options{42, {}}).ok());
    const auto after = ColumnPreview::values(schema, 3, 1, 42, 10);
    QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error().message));
    QCOMPARE(*after, *before);

    const auto ofBroken = ColumnPreview::values(schema, 1, 0, 42, 10);
    QVERIFY(!ofBroken.ok());
    QCOMPARE(ofBroken.error().code, ErrorCode::Validation);
    QCOMPARE(ofBroken.error().message,
             firstError(Schema{schema.name, {}, {}, {}, schema.locale, {broken}, {}}));
    QVERIFY(ofBroken.error().message.contains(u"no_such_type"_s));
}

void TestColumnPreview::errorInReachedTableStopsPreview()
{
    // An error in a column of a parent that the previewed values depend on (a key: the unique email) stops
    // the preview; one in a column they do not read (birth_date) stops only the parent's own preview.
    Schema schema = smallShop();
    const auto before = ColumnPreview::values(schema, 1, 4, 42, 10);
    QVERIFY(before.ok());
    Schema keyBroken = schema;
    keyBroken.tables[0].columns[3].constraints.insert(u"template"_s,
                                                      u"{first_name|shout}.{id}@example.com"_s);
    const auto orders = ColumnPreview::values(keyBroken, 1, 4, 42, 10);
    QVERIFY(!orders.ok());
    QCOMPARE(orders.error().message, firstError(keyBroken));
    QCOMPARE(orders.error().where.path, u"customers.email"_s);

    schema.tables[0].columns[4].constraints.insert(u"min"_s, u"2010-01-01"_s); // birth_date min > max
    const auto unread = ColumnPreview::values(schema, 1, 4, 42, 10);
    QVERIFY2(unread.ok(), qPrintable(unread.ok() ? QString() : unread.error().message));
    QCOMPARE(*unread, *before);
    const auto customers = ColumnPreview::values(schema, 0, 0, 42, 10);
    QVERIFY(!customers.ok());
    QCOMPARE(customers.error().message, firstError(schema));
    QVERIFY(customers.error().message.contains(u"greater than"_s));
    QCOMPARE(customers.error().where.path, u"customers.birth_date"_s);
}

void TestColumnPreview::largeSchemaStaysFast()
{
    // 1,000 tables in chains of four; the last one is broken. A preview compiles one chain.
    Schema schema;
    schema.name = u"large"_s;
    for (int t = 0; t < 1000; ++t) {
        Table table{u"t%1"_s.arg(t), {}, 1000, {}};
        table.columns << column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})");
        if (t % 4 != 0)
            table.columns << column(
                u"parent"_s, u"foreign_key"_s,
                QJsonDocument(QJsonObject{{u"references"_s, u"t%1.id"_s.arg(t - 1)}}).toJson());
        for (int c = 0; c < 8; ++c)
            table.columns << column(u"c%1"_s.arg(c), t == 999 ? u"broken"_s : u"first_name"_s);
        schema.tables << table;
    }
    QElapsedTimer timer;
    timer.start();
    const auto values = ColumnPreview::values(schema, 502, 1, 42, 10);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(values.ok(), qPrintable(values.ok() ? QString() : values.error().message));
    QCOMPARE(values->size(), 10);
    QCOMPARE(RowWindow::reduced(schema, 502).tables.size(), 3); // t500, t501, t502
    QVERIFY2(elapsed < 1000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void TestColumnPreview::invalidIndexIsAnError()
{
    const Schema schema = smallShop();
    QCOMPARE(ColumnPreview::values(schema, 3, 0, 42, 10).error().code, ErrorCode::NotFound);
    QCOMPARE(ColumnPreview::values(schema, 0, 99, 42, 10).error().code, ErrorCode::NotFound);
    QCOMPARE(ColumnPreview::values(schema, -1, 0, 42, 10).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestColumnPreview)
#include "tst_column_preview.moc"
