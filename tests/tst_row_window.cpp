// RowWindow: any window of a table's rows, cell for cell what `fabrica generate --seed 7 --format csv` writes
// for the shop example — the first rows against a real exported file, the last rows of the 3,000,000 orders
// against the chunks the export makes there — plus its edges, row-count overrides and use from many threads.
#include "ExampleSchemas.h"
#include "SchemaBuilding.h"
#include "export/ExportFormat.h"
#include "export/Sink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "generate/RowWindow.h"
#include "import/CsvReader.h"
#include "validate/SchemaValidator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentMap>
#include <QtTest>

using namespace fabrica;
using fabrica::test::column;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 7;
constexpr int kCliChunkRows = 8192; // `fabrica generate`'s default --chunk-rows
constexpr int kHeadRows = 300;

Schema shop()
{
    return test::shopExample();
}

// A real export sink that keeps only the chunks holding the first `head` rows of each table: the job still
// runs the whole plan as the CLI does (every table, every chunk, in order), but nobody needs 400 MB of CSV
// on disk to look at its beginning.
class HeadSink : public Sink
{
public:
    HeadSink(std::unique_ptr<Sink> inner, qint64 head)
        : m_inner(std::move(inner))
        , m_head(head)
    {}

    Result<void> begin(const Plan &plan) override { return m_inner->begin(plan); }
    Result<void> beginTable(int table) override { return m_inner->beginTable(table); }
    void encode(const TableChunk &chunk, ByteBuffer &out) const override
    {
        if (chunk.firstRow < m_head)
            m_inner->encode(chunk, out);
    }
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override
    {
        return chunk.firstRow < m_head ? m_inner->write(chunk, encoded) : Result<void>();
    }
    Result<void> endTable(int table) override { return m_inner->endTable(table); }
    Result<void> finish() override { return m_inner->finish(); }
    void abort() override { m_inner->abort(); }
    qint64 bytesWritten() const override { return m_inner->bytesWritten(); }

private:
    std::unique_ptr<Sink> m_inner;
    qint64 m_head;
};

Result<CsvTable> readCsv(const QString &fileName, const QByteArray &bytes)
{
    CsvOptions options;
    options.maxRows = 100000;
    ImportReport report;
    return CsvReader(options).read(fileName, QString::fromUtf8(bytes), report);
}

QString describe(const RowWindow::Cell &cell)
{
    return cell ? u"\"%1\""_s.arg(*cell) : u"NULL"_s;
}

// Compares window rows with CSV rows, cell by cell; the first difference as text, or empty. Counts NULLs.
QString difference(const QList<RowWindow::Row> &window, const QList<CsvTable::Row> &csv, qint64 firstRow,
                   const QStringList &header, int *nulls)
{
    if (window.size() != csv.size())
        return u"%1 rows in the window, %2 in the CSV"_s.arg(window.size()).arg(csv.size());
    for (int r = 0; r < window.size(); ++r) {
        if (window.at(r).size() != csv.at(r).size())
            return u"row %1: %2 cells, CSV %3"_s.arg(firstRow + r)
                .arg(window.at(r).size())
                .arg(csv.at(r).size());
        for (int c = 0; c < window.at(r).size(); ++c) {
            if (window.at(r).at(c) != csv.at(r).at(c))
                return u"row %1, %2: window %3, CSV %4"_s.arg(firstRow + r)
                    .arg(header.value(c), describe(window.at(r).at(c)), describe(csv.at(r).at(c)));
            *nulls += window.at(r).at(c) ? 0 : 1;
        }
    }
    return {};
}

std::shared_ptr<const RowWindow> openWindow(const Schema &schema, const QString &table,
                                            const Plan::Options &options = Plan::Options{kSeed, {}})
{
    const auto window = RowWindow::open(schema, table, options);
    if (!window) {
        qWarning() << window.error().toString();
        return nullptr;
    }
    return *window;
}

// A schema whose parent is wide (44 columns) and has every kind of key: customers have a composite primary
// key of a cardinality foreign key to regions and a number, a unique email that orders reference, a unique
// template login read from two other templates, a two-column uniqueKey and a unique uuid; the other 33
// columns (relations, a template, JSON) are read by nothing the orders need.
Schema crm()
{
    Schema schema;
    schema.name = u"crm"_s;
    schema.locale = u"en_US"_s;
    schema.referenceDate = QDate(2024, 6, 1);
    Table regions{u"regions"_s, {}, 30, {}};
    regions.columns = {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
                       column(u"name"_s, u"city"_s), column(u"founded"_s, u"date"_s),
                       column(u"population"_s, u"integer"_s, R"({"min": 1000, "max": 9000000})")};
    Table customers{u"customers"_s, {}, 0, {}};
    customers.columns = {
        column(u"phone"_s, u"phone"_s),
        column(u"region_id"_s, u"foreign_key"_s,
               R"({"primaryKey": true, "references": "regions.id", "cardinality": {"min": 5, "max": 60}})"),
        column(u"first_name"_s, u"first_name"_s, R"({"notNull": true})"),
        column(u"code"_s, u"integer"_s, R"({"primaryKey": true, "min": 1, "max": 500})"),
        column(u"job"_s, u"job_title"_s),
        column(u"last_name"_s, u"last_name"_s, R"({"notNull": true})"),
        column(u"email"_s, u"email"_s, R"({"unique": true, "notNull": true})"),
        column(u"short"_s, u"template"_s, R"({"template": "{first_name|lower}"})"),
        column(u"initials"_s, u"template"_s, R"({"template": "{short}{last_name|lower}"})"),
        column(u"login"_s, u"template"_s,
               R"({"unique": true, "notNull": true, "template": "{initials}.{region_id}-{code}"})"),
        column(u"nick"_s, u"username"_s, R"({"notNull": true, "uniqueKey": "handle"})"),
        column(u"joined"_s, u"integer"_s,
               R"({"notNull": true, "min": 1990, "max": 2024, "uniqueKey": "handle"})"),
        column(u"token"_s, u"uuid"_s, R"({"unique": true})"),
        column(u"street"_s, u"street"_s),
        column(u"building"_s, u"building_number"_s),
        column(u"city"_s, u"city"_s),
        column(u"region"_s, u"region"_s),
        column(u"postal_code"_s, u"postal_code"_s),
        column(u"country"_s, u"country"_s),
        column(u"latitude"_s, u"latitude"_s),
        column(u"longitude"_s, u"longitude"_s),
        column(u"time_zone"_s, u"time_zone"_s),
        column(u"company"_s, u"company_name"_s),
        column(u"department"_s, u"department"_s),
        column(u"industry"_s, u"industry"_s),
        column(u"website"_s, u"url"_s),
        column(u"mac"_s, u"mac_address"_s),
        column(u"agent"_s, u"user_agent"_s),
        column(u"color"_s, u"hex_color"_s),
        column(u"iban"_s, u"iban"_s),
        column(u"card"_s, u"credit_card"_s),
        column(u"currency"_s, u"currency_code"_s),
        column(u"credit"_s, u"amount"_s),
        column(u"credit_limit"_s, u"decimal"_s, R"({"min": 0, "max": 5000, "scale": 2})"),
        column(u"spent"_s, u"decimal"_s, R"({"scale": 2, "formula": "credit_limit / 2"})"),
        column(u"born"_s, u"date"_s, R"({"nullPercent": 10})"),
        column(u"signed_up"_s, u"timestamp"_s,
               R"({"after": {"column": "born", "min": 18, "max": 60, "unit": "years"}})"),
        column(u"tier"_s, u"enum"_s, R"({"values": ["gold", "silver", "bronze"]})"),
        column(u"active"_s, u"boolean"_s, R"({"nullPercent": 30})"),
        column(u"greeting"_s, u"template"_s, R"({"template": "Dear {first_name} {last_name} of {city}"})"),
        column(u"bio"_s, u"lorem_sentence"_s),
        column(u"notes"_s, u"lorem_paragraph"_s, R"({"nullPercent": 50})"),
        column(u"profile"_s, u"json"_s,
               R"({"fields": {"city": {"type": "template", "constraints": {"template": "{city}"}},
                              "score": {"type": "integer", "constraints": {"min": 0, "max": 100}}}})"),
        column(u"slug"_s, u"slug"_s)};
    Table orders{u"orders"_s, {}, 2000000, {}};
    orders.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"customer_email"_s, u"foreign_key"_s,
               R"({"notNull": true, "references": "customers.email"})"),
        column(u"region_id"_s, u"foreign_key"_s, R"({"references": "regions.id", "nullPercent": 20})"),
        column(u"total"_s, u"decimal"_s, R"({"min": 1, "max": 900, "scale": 2})"),
        column(u"label"_s, u"template"_s, R"({"template": "{id}/{customer_email}"})")};
    Table lines{u"order_lines"_s, {}, 0, {}};
    lines.columns = {
        column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})"),
        column(u"order_id"_s, u"foreign_key"_s,
               R"({"notNull": true, "references": "orders.id", "cardinality": {"min": 1, "max": 4}})"),
        column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 9})")};
    schema.tables = {regions, customers, orders, lines};
    return schema;
}

// Rows [first, first + count) of table `name`, cut at its end, as Plan::compile of the whole schema makes
// them (what every exporter writes), in the window's cells.
QList<RowWindow::Row> planRows(const Plan &plan, const QString &name, qint64 first, int count)
{
    QList<RowWindow::Row> rows;
    for (std::size_t t = 0; t < plan.tables().size(); ++t) {
        if (plan.tables()[t].name != name)
            continue;
        TableChunk chunk;
        const int wanted = int(std::clamp<qint64>(plan.tables()[t].rows - first, 0, count));
        plan.fillChunk(int(t), first, wanted, chunk);
        for (int r = 0; r < wanted; ++r) {
            RowWindow::Row row;
            for (const ColumnChunk &values : chunk.columns)
                row.append(RowWindow::cell(values, r));
            rows.append(row);
        }
    }
    return rows;
}

QStringList columnNames(const Table &table)
{
    QStringList names;
    for (const Column &column : table.columns)
        names << column.name;
    return names;
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

class TestRowWindow : public QObject
{
    Q_OBJECT

private slots:
    void firstRowsMatchExportedCsv();
    void lastOrdersMatchExportChunks();
    void describesColumns();
    void anyAlignmentGivesTheSameRows();
    void edges();
    void rowOverrides();
    void errors();
    void unrelatedTableDoesNotMatter();
    void parentsKeepOnlyWhatTheTableReads();
    void windowsOfAWideSchemaEqualTheWholePlan();
    void unreadBrokenColumnOfParentDoesNotMatter();
    void manyThreadsAtOnce();
};

void TestRowWindow::firstRowsMatchExportedCsv()
{
    const Schema schema = shop();
    const auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.path();
    HeadSink sink(ExportFormat::find(u"csv")->create(options), kHeadRows);
    GenerationJob::Options job;
    job.threads = 2;
    job.chunkRows = kCliChunkRows;
    const auto run = GenerationJob::run(**plan, sink, job);
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));

    int nulls = 0;
    for (const QString &table : {u"customers"_s, u"orders"_s}) {
        QFile file(QDir(dir.path()).filePath(table + u".csv"_s));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const Result<CsvTable> csv = readCsv(file.fileName(), file.readAll());
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error().toString()));
        // The first chunk, written as the CLI writes it (at most --chunk-rows; fewer for wide rows).
        QVERIFY2(csv->dataRows >= kHeadRows && csv->dataRows <= kCliChunkRows, qPrintable(table));
        const auto window = openWindow(schema, table);
        QVERIFY(window);
        QStringList names;
        for (const RowWindow::Column &column : window->columns())
            names << column.name;
        QCOMPARE(names, csv->header);
        const auto rows = window->rows(0, kHeadRows);
        QVERIFY(rows.ok());
        const QString problem = difference(*rows, csv->rows.mid(0, kHeadRows), 0, names, &nulls);
        QVERIFY2(problem.isEmpty(), qPrintable(table + u": "_s + problem));
    }
    QVERIFY(nulls > 50); // orders.note is NULL on 30 % of the rows: NULLs were compared, not skipped
}

void TestRowWindow::lastOrdersMatchExportChunks()
{
    // The export's last two chunks of orders, made and encoded exactly as GenerationJob makes them for the
    // CLI (the full plan, chunks of 8,192 rows from row 0), without writing the 2,990,000 rows before them.
    const Schema schema = shop();
    const auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY(plan.ok());
    const int orders = 1; // customers come first: orders refer to them
    QCOMPARE((*plan)->tables()[orders].name, u"orders"_s);
    const qint64 total = (*plan)->tables()[orders].rows;
    QCOMPARE(total, qint64(3000000));
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.path();
    std::unique_ptr<Sink> sink = ExportFormat::find(u"csv")->create(options);
    QVERIFY(sink->begin(**plan).ok()); // encode() formats for the plan begun
    QByteArray text = "id,customer_id,order_date,amount,status,note\n";
    const qint64 lastChunk = (total - 1) / kCliChunkRows;
    const qint64 firstExported = (lastChunk - 1) * kCliChunkRows;
    for (qint64 index = lastChunk - 1; index <= lastChunk; ++index) {
        TableChunk chunk;
        const qint64 first = index * kCliChunkRows;
        (*plan)->fillChunk(orders, first, int(std::min<qint64>(kCliChunkRows, total - first)), chunk);
        ByteBuffer encoded;
        sink->encode(chunk, encoded);
        text.append(encoded.data(), qsizetype(encoded.size()));
    }
    sink->abort();
    const Result<CsvTable> csv = readCsv(u"orders.csv"_s, text);
    QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error().toString()));
    QCOMPARE(csv->dataRows, total - firstExported);
    QCOMPARE(csv->rows.constLast().constFirst(), u"3000000"_s); // id of row 2,999,999

    const auto window = openWindow(schema, u"orders"_s);
    QVERIFY(window);
    QCOMPARE(window->rowCount(), total);
    int nulls = 0;
    // The very end, and a window across the export's chunk border (the preview's windows need not align).
    for (const auto &[first, count] :
         {std::pair<qint64, int>{2999999, 1}, {2999700, 300}, {lastChunk * kCliChunkRows - 150, 300}}) {
        const auto rows = window->rows(first, count);
        QVERIFY(rows.ok());
        const QString problem =
            difference(*rows, csv->rows.mid(first - firstExported, count), first, csv->header, &nulls);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(nulls > 50);
}

void TestRowWindow::describesColumns()
{
    const auto window = openWindow(shop(), u"orders"_s);
    QVERIFY(window);
    QCOMPARE(window->table(), u"orders"_s);
    QCOMPARE(window->seed(), kSeed);
    QCOMPARE(window->columns().size(), 6);
    const RowWindow::Column &customer = window->columns().at(1);
    QCOMPARE(customer.name, u"customer_id"_s);
    QCOMPARE(customer.type, u"foreign_key"_s);
    QCOMPARE(customer.valueClass, ValueClass::Number);
    QCOMPARE(window->columns().at(3).type, u"decimal"_s);
    QCOMPARE(window->columns().at(5).name, u"note"_s);
    QCOMPARE(window->columns().at(5).valueClass, ValueClass::Text);
}

void TestRowWindow::anyAlignmentGivesTheSameRows()
{
    const auto window = openWindow(shop(), u"orders"_s);
    QVERIFY(window);
    const auto wide = window->rows(1000000, 20000); // more than one internal piece of 8,192 rows
    QVERIFY(wide.ok());
    QCOMPARE(wide->size(), 20000);
    for (const auto &[offset, count] :
         {std::pair<int, int>{0, 1}, {17, 256}, {8190, 5}, {19999, 1}, {5000, 9000}}) {
        const auto part = window->rows(1000000 + offset, count);
        QVERIFY(part.ok());
        QCOMPARE(*part, wide->mid(offset, count));
    }
    TableChunk chunk;
    QVERIFY(window->fill(1000017, 3, chunk).ok());
    QCOMPARE(chunk.rows, 3);
    QCOMPARE(RowWindow::cell(chunk.columns[0], 2), wide->at(19).at(0));
    QCOMPARE(wide->at(19).at(0), u"1000020"_s); // id = row + 1
    const auto otherSeed = openWindow(shop(), u"orders"_s, Plan::Options{kSeed + 1, {}});
    QVERIFY(otherSeed);
    QVERIFY(*otherSeed->rows(1000000, 20) != wide->mid(0, 20));
}

void TestRowWindow::edges()
{
    const auto window = openWindow(shop(), u"orders"_s);
    QVERIFY(window);
    QCOMPARE(window->rows(2999995, 100)->size(), 5); // cut at the end
    QCOMPARE(window->rows(3000000, 10)->size(), 0);
    QCOMPARE(window->rows(5000000, 10)->size(), 0);
    QCOMPARE(window->rows(0, 0)->size(), 0);
    QCOMPARE(window->rows(0, RowWindow::maxRowsPerCall)->size(), RowWindow::maxRowsPerCall);
    Schema empty = shop();
    empty.tables[1].rows = 0;
    const auto none = openWindow(empty, u"orders"_s);
    QVERIFY(none);
    QCOMPARE(none->rowCount(), qint64(0));
    QCOMPARE(none->rows(0, 10)->size(), 0);
}

void TestRowWindow::rowOverrides()
{
    const Schema schema = shop();
    const auto small =
        openWindow(schema, u"orders"_s, Plan::Options{kSeed, {{u"orders"_s, 25}, {u"nothing"_s, 3}}});
    QVERIFY(small); // a count for a table the window does not reach is ignored, as it changes nothing
    QCOMPARE(small->rowCount(), qint64(25));
    const auto full = openWindow(schema, u"orders"_s);
    QCOMPARE(*small->rows(0, 25), *full->rows(0, 25)); // the table's own count does not move its values
    // Fewer customers: orders draw their customers from fewer rows.
    const auto fewCustomers = openWindow(schema, u"orders"_s, Plan::Options{kSeed, {{u"customers"_s, 10}}});
    QVERIFY(fewCustomers);
    const auto rows = fewCustomers->rows(0, 200);
    QVERIFY(rows.ok());
    for (const RowWindow::Row &row : *rows)
        QVERIFY2(row.at(1)->toInt() >= 1 && row.at(1)->toInt() <= 10, qPrintable(*row.at(1)));
    const auto negative = RowWindow::open(schema, u"orders"_s, Plan::Options{kSeed, {{u"orders"_s, -1}}});
    QVERIFY(!negative.ok());
    QCOMPARE(negative.error().code, ErrorCode::InvalidInput);
}

void TestRowWindow::errors()
{
    const Schema schema = shop();
    const auto missing = RowWindow::open(schema, u"invoices"_s, Plan::Options{kSeed, {}});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.contains(u"invoices"_s));
    QCOMPARE(RowWindow::open(schema, 2, Plan::Options{}).error().code, ErrorCode::NotFound);
    QCOMPARE(RowWindow::open(schema, -1, Plan::Options{}).error().code, ErrorCode::NotFound);

    const auto window = openWindow(schema, u"orders"_s);
    QCOMPARE(window->rows(-1, 10).error().code, ErrorCode::InvalidInput);
    QCOMPARE(window->rows(0, -1).error().code, ErrorCode::InvalidInput);
    QCOMPARE(window->rows(0, RowWindow::maxRowsPerCall + 1).error().code, ErrorCode::InvalidInput);
    TableChunk chunk;
    QVERIFY(!window->fill(-5, 1, chunk).ok());

    // A broken key of the parent (the unique email) stops the child's window with the validator's message
    // and place; a broken column the child does not read stops only the parent's own window.
    Schema broken = schema;
    broken.tables[0].columns[3].constraints.insert(u"template"_s, u"{first_name|shout}.{id}@example.com"_s);
    const auto orders = RowWindow::open(broken, u"orders"_s, Plan::Options{kSeed, {}});
    QVERIFY(!orders.ok());
    QCOMPARE(orders.error().code, ErrorCode::Validation);
    QCOMPARE(orders.error().where.path, u"customers.email"_s);
    Schema unread = schema;
    unread.tables[0].columns[4].constraints.insert(u"min"_s, u"2010-01-01"_s); // birth_date min > max
    QVERIFY(openWindow(unread, u"orders"_s));
    const auto customers = RowWindow::open(unread, u"customers"_s, Plan::Options{kSeed, {}});
    QVERIFY(!customers.ok());
    QCOMPARE(customers.error().code, ErrorCode::Validation);
    QCOMPARE(customers.error().where.path, u"customers.birth_date"_s);
}

void TestRowWindow::unrelatedTableDoesNotMatter()
{
    Schema schema = shop();
    const auto before = openWindow(schema, u"orders"_s);
    Table broken{u"broken"_s, {}, 10, {Column{u"x"_s, u"no_such_type"_s, {}, {}, {}}}};
    schema.tables.prepend(broken);
    QVERIFY(!Plan::compile(schema, Plan::Options{kSeed, {}}).ok());
    const auto after = openWindow(schema, u"orders"_s);
    QVERIFY(after);
    QCOMPARE(*after->rows(123456, 50), *before->rows(123456, 50));
    Schema reduced = RowWindow::reduced(schema, 2);
    QCOMPARE(reduced.tables.size(), 2); // customers and orders, not the broken table
}

void TestRowWindow::parentsKeepOnlyWhatTheTableReads()
{
    const Schema schema = crm();
    int index = -1;
    const Schema forOrders = RowWindow::reduced(schema, 2, &index);
    QCOMPARE(index, 2);
    QCOMPARE(forOrders.tables.size(), 3);
    QCOMPARE(forOrders.referenceDate, schema.referenceDate); // date defaults are the whole schema's
    QCOMPARE(forOrders.locale, schema.locale);
    QCOMPARE(columnNames(forOrders.tables.at(0)), QStringList{u"id"_s});
    // The composite primary key (region_id, code), the referenced unique email, the unique login with the
    // templates it reads (initials ← short ← first_name, last_name), the uniqueKey (nick, joined) and the
    // unique token; not the 33 others, nor the templates and relations only they take part in.
    const QStringList keys{u"region_id"_s, u"first_name"_s, u"code"_s, u"last_name"_s, u"email"_s, u"short"_s,
                           u"initials"_s,  u"login"_s,      u"nick"_s, u"joined"_s,    u"token"_s};
    QCOMPARE(columnNames(forOrders.tables.at(1)), keys);
    QCOMPARE(forOrders.tables.at(2), schema.tables.at(2)); // the table itself stays whole
    QCOMPARE(forOrders.tables.at(1).rows, schema.tables.at(1).rows);

    // Two levels up: orders keep their key and foreign keys (which decide nothing here but are kept all).
    const Schema forLines = RowWindow::reduced(schema, 3, &index);
    QCOMPARE(index, 3);
    QCOMPARE(forLines.tables.size(), 4);
    QCOMPARE(columnNames(forLines.tables.at(0)), QStringList{u"id"_s});
    QCOMPARE(columnNames(forLines.tables.at(1)), keys);
    QCOMPARE(columnNames(forLines.tables.at(2)), (QStringList{u"id"_s, u"customer_email"_s, u"region_id"_s}));
    QCOMPARE(forLines.tables.at(3), schema.tables.at(3));

    // A parent's own window keeps all of it; the reference names its column in any case.
    const Schema forCustomers = RowWindow::reduced(schema, 1, &index);
    QCOMPARE(index, 1);
    QCOMPARE(forCustomers.tables.size(), 2);
    QCOMPARE(forCustomers.tables.at(1), schema.tables.at(1));
    QCOMPARE(columnNames(forCustomers.tables.at(0)), QStringList{u"id"_s});
    Schema upper = schema;
    upper.tables[2].columns[2].constraints.insert(u"references"_s, u"regions.ID"_s);
    QCOMPARE(columnNames(RowWindow::reduced(upper, 2).tables.at(0)), QStringList{u"id"_s});
}

void TestRowWindow::windowsOfAWideSchemaEqualTheWholePlan()
{
    const Schema schema = crm();
    for (const quint64 seed : {kSeed, quint64(20261207)}) {
        const auto whole = Plan::compile(schema, Plan::Options{seed, {}});
        QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().toString()));
        int nulls = 0;
        for (const QString &name : {u"orders"_s, u"order_lines"_s, u"customers"_s}) {
            const auto window = openWindow(schema, name, Plan::Options{seed, {}});
            QVERIFY(window);
            const Table &table = *schema.table(name);
            QCOMPARE(window->columns().size(), table.columns.size());
            const std::vector<TablePlan> &tables = (*whole)->tables();
            const auto plan = std::find_if(tables.begin(), tables.end(),
                                           [&name](const TablePlan &t) { return t.name == name; });
            QCOMPARE(window->rowCount(), plan->rows);
            const qint64 rows = window->rowCount();
            QVERIFY(rows > 500);
            for (const auto &[first, count] :
                 {std::pair<qint64, int>{0, 300}, {rows / 2 - 77, 250}, {rows - 120, 200}, {rows - 1, 1}}) {
                const auto got = window->rows(first, count);
                QVERIFY(got.ok());
                const QList<RowWindow::Row> expected = planRows(**whole, name, first, count);
                QCOMPARE(got->size(), expected.size());
                for (int r = 0; r < got->size(); ++r) {
                    for (int c = 0; c < got->at(r).size(); ++c) {
                        if (got->at(r).at(c) != expected.at(r).at(c))
                            QFAIL(qPrintable(
                                u"%1 row %2, %3: window %4, plan %5"_s.arg(name).arg(first + r).arg(
                                    table.columns.at(c).name, describe(got->at(r).at(c)),
                                    describe(expected.at(r).at(c)))));
                        nulls += got->at(r).at(c) ? 0 : 1;
                    }
                    QCOMPARE(got->at(r).size(), table.columns.size());
                }
            }
        }
        QVERIFY(nulls > 100); // orders.region_id, customers.active, …: NULLs were compared too
    }
}

void TestRowWindow::unreadBrokenColumnOfParentDoesNotMatter()
{
    const Schema schema = crm();
    const auto whole = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY(whole.ok());
    Schema broken = schema;
    // A pattern only the engine rejects, and a type the validator does not know.
    broken.tables[1].columns.insert(5, column(u"ghost"_s, u"pattern"_s, R"({"pattern": "[A-Z"})"));
    broken.tables[1].columns.append(column(u"mystery"_s, u"no_such_type"_s));
    QVERIFY(!Plan::compile(broken, Plan::Options{kSeed, {}}).ok());
    for (const QString &name : {u"orders"_s, u"order_lines"_s}) {
        const auto window = openWindow(broken, name);
        QVERIFY(window);
        QCOMPARE(*window->rows(1234, 40), planRows(**whole, name, 1234, 40));
        QCOMPARE(*window->rows(window->rowCount() - 40, 40),
                 planRows(**whole, name, window->rowCount() - 40, 40));
    }
    // The parent's own window reads those columns: it fails with the validator's message and place.
    const auto customers = RowWindow::open(broken, u"customers"_s, Plan::Options{kSeed, {}});
    QVERIFY(!customers.ok());
    QCOMPARE(customers.error().code, ErrorCode::Validation);
    QCOMPARE(customers.error().message, firstError(RowWindow::reduced(broken, 1)));
    QCOMPARE(customers.error().where.path, u"customers.mystery"_s);
    // Without the unknown type, the engine's message about the pattern (the validator lets it pass).
    broken.tables[1].columns.removeLast();
    QVERIFY(firstError(broken).isEmpty());
    const auto ghost = RowWindow::open(broken, u"customers"_s, Plan::Options{kSeed, {}});
    QVERIFY(!ghost.ok());
    QCOMPARE(ghost.error().message, Plan::compile(broken, Plan::Options{kSeed, {}}).error().message);
    QVERIFY2(ghost.error().message.contains(u"never closed"_s), qPrintable(ghost.error().message));
    QCOMPARE(ghost.error().where.path, u"customers.ghost"_s);
    QVERIFY(openWindow(broken, u"orders"_s));

    // A column a key reads (login ← initials ← short ← first_name) stops the child's window as well.
    Schema keyBroken = schema;
    keyBroken.tables[1].columns[2].type = u"no_such_type"_s;
    const auto orders = RowWindow::open(keyBroken, u"orders"_s, Plan::Options{kSeed, {}});
    QVERIFY(!orders.ok());
    QCOMPARE(orders.error().code, ErrorCode::Validation);
    QCOMPARE(orders.error().where.path, u"customers.first_name"_s);
    QVERIFY(orders.error().message.contains(u"no_such_type"_s));
}

void TestRowWindow::manyThreadsAtOnce()
{
    const auto window = openWindow(shop(), u"orders"_s);
    QVERIFY(window);
    QList<qint64> starts;
    for (qint64 i = 0; i < 64; ++i)
        starts << i * 46853;
    QList<QList<RowWindow::Row>> serial;
    for (const qint64 first : starts)
        serial << *window->rows(first, 100);
    const QList<QList<RowWindow::Row>> parallel = QtConcurrent::blockingMapped(
        starts, [window](qint64 first) { return window->rows(first, 100).value(); });
    QCOMPARE(parallel, serial);
}

QTEST_GUILESS_MAIN(TestRowWindow)
#include "tst_row_window.moc"
