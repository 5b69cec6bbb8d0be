// RowWindow: any window of a table's rows, cell for cell what `fabrica generate --seed 7 --format csv` writes
// for the shop example — the first rows against a real exported file, the last rows of the 3,000,000 orders
// against the chunks the export makes there — plus its edges, row-count overrides and use from many threads.
#include "ExampleSchemas.h"
#include "export/ExportFormat.h"
#include "export/Sink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "generate/RowWindow.h"
#include "import/CsvReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentMap>
#include <QtTest>

using namespace fabrica;
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
        QCOMPARE(csv->dataRows, qint64(kCliChunkRows)); // the first chunk, written as the CLI writes it
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

    // A broken parent stops the child's window with the validator's message and place.
    Schema broken = schema;
    broken.tables[0].columns[4].constraints.insert(u"min"_s, u"2010-01-01"_s); // birth_date min > max
    const auto orders = RowWindow::open(broken, u"orders"_s, Plan::Options{kSeed, {}});
    QVERIFY(!orders.ok());
    QCOMPARE(orders.error().code, ErrorCode::Validation);
    QCOMPARE(orders.error().where.path, u"customers.birth_date"_s);
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
