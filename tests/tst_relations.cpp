// Relations between columns of a row ("after", "formula", "weightsBy"): the order always holds, arithmetic
// is exact (recomputed here from the output text with integer math), conditional weights land within one
// percentage point at 100,000 rows, NULL sources behave as documented, output is the same for any thread
// count, and the validator names every mistake (also cycles through templates).
#include "SchemaBuilding.h"
#include "export/ExportFormat.h"
#include "export/ExportOptions.h"
#include "export/Sink.h"
#include "generate/FixedDecimal.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/ImportService.h"
#include "import/RelationGuesser.h"
#include "types/FormulaSyntax.h"
#include "validate/SchemaValidator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <limits>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;
constexpr qint64 kRows = 100000;

using test::column;

Schema oneTable(qint64 rows, const QList<Column> &columns)
{
    return test::oneTable(u"relations"_s, rows, columns);
}

// Every row of table t as text (NULL as a null QString), by column name.
struct Rows
{
    QHash<QString, QStringList> values;
    QStringList at(const QString &name) const { return values.value(name); }
};

Rows generate(const Schema &schema, QString *error = nullptr)
{
    Rows rows;
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    if (!plan) {
        if (error)
            *error = plan.error().toString();
        return rows;
    }
    const TablePlan &table = (*plan)->tables().front();
    TableChunk chunk;
    for (qint64 first = 0; first < table.rows; first += 4099) {
        const int count = int(std::min<qint64>(4099, table.rows - first));
        (*plan)->fillChunk(0, first, count, chunk);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            QStringList &list = rows.values[table.columns[c].name];
            for (int r = 0; r < count; ++r) {
                const ColumnChunk &values = chunk.columns[c];
                list.append(values.isNull(r) ? QString()
                                             : QString::fromUtf8(values.value(r).data(),
                                                                 qsizetype(values.value(r).size())));
            }
        }
    }
    return rows;
}

// An exact decimal as an integer of units of 10^-scale, read from text with the scale the test expects.
qint64 units(const QString &text, int scale)
{
    const qsizetype point = text.indexOf(u'.');
    const QString whole = point < 0 ? text : text.left(point);
    QString fraction = point < 0 ? QString() : text.mid(point + 1);
    if (fraction.size() > scale)
        qFatal("more digits than the scale: %s", qPrintable(text));
    fraction = fraction.leftJustified(scale, u'0');
    const bool negative = text.startsWith(u'-');
    const qint64 magnitude = whole.mid(negative ? 1 : 0).toLongLong() * qint64(std::pow(10, scale)) +
                             (scale ? fraction.toLongLong() : 0);
    return negative ? -magnitude : magnitude;
}

// a / b rounded half away from zero.
qint64 roundedDivide(qint64 a, qint64 b)
{
    const bool negative = (a < 0) != (b < 0);
    const qint64 x = std::abs(a), y = std::abs(b);
    const qint64 q = x / y + ((x % y) * 2 >= y ? 1 : 0);
    return negative ? -q : q;
}

Problems validate(const Schema &schema)
{
    return SchemaValidator().validate(schema);
}

// The first error about column (table t), or an empty problem.
Problem errorAt(const Problems &problems, const QString &column)
{
    for (const Problem &problem : problems) {
        if (problem.isError() && problem.path == u"t."_s + column)
            return problem;
    }
    return {};
}

} // namespace

class TestRelations : public QObject
{
    Q_OBJECT

private slots:
    void orderAlwaysHolds();
    void numberGaps();
    void formulaIsExact();
    void formulaBeyond64Bits();
    void weightsBySourceValue();
    void nullSources();
    void sourcesReadFromText();
    void sameBytesForAnyThreadCount();
    void fixedDecimal();
    void formulaSyntax();
    void validatorMessages_data();
    void validatorMessages();
    void cyclesAreRefused();
    void importProposesRelations();
    void guesserLeavesKeysAlone();
};

void TestRelations::orderAlwaysHolds()
{
    const Schema schema = oneTable(
        kRows,
        {column(u"rental_date"_s, u"timestamp"_s,
                R"({"min": "2020-01-01T00:00:00", "max": "2024-12-31T23:59:59"})"),
         column(u"return_date"_s, u"timestamp"_s,
                R"({"after": {"column": "rental_date", "min": 1, "max": 10, "unit": "days"}})"),
         column(u"birth_date"_s, u"date"_s,
                R"({"min": "1950-01-01", "max": "1995-12-31", "format": "dd.MM.yyyy"})"),
         column(
             u"hire_date"_s, u"date"_s,
             R"({"after": {"column": "birth_date", "min": 18, "max": 50, "unit": "years"}, "format": "dd/MM/yyyy"})"),
         column(u"created_at"_s, u"timestamptz"_s),
         column(
             u"updated_at"_s, u"timestamptz"_s,
             R"({"after": {"column": "created_at", "max": 72, "unit": "hours", "distribution": {"name": "exponential"}}})"),
         column(u"start"_s, u"time"_s, R"({"max": "20:00:00"})"),
         column(u"end"_s, u"time"_s,
                R"({"after": {"column": "start", "min": 30, "max": 240, "unit": "minutes"}})")});
    const Rows rows = generate(schema);
    QCOMPARE(rows.at(u"return_date"_s).size(), kRows);
    qint64 shortest = std::numeric_limits<qint64>::max(), longest = 0;
    for (qint64 r = 0; r < kRows; ++r) {
        const QDateTime rental =
            QDateTime::fromString(rows.at(u"rental_date"_s).at(r), u"yyyy-MM-dd HH:mm:ss"_s);
        const QDateTime back =
            QDateTime::fromString(rows.at(u"return_date"_s).at(r), u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(rental.isValid() && back.isValid(), qPrintable(rows.at(u"return_date"_s).at(r)));
        const qint64 gap = rental.secsTo(back);
        QVERIFY2(gap >= 86400 && gap <= 10 * 86400,
                 qPrintable(u"row %1: %2 → %3"_s.arg(r).arg(rental.toString(), back.toString())));
        shortest = std::min(shortest, gap);
        longest = std::max(longest, gap);

        const QDate birth = QDate::fromString(rows.at(u"birth_date"_s).at(r), u"dd.MM.yyyy"_s);
        const QDate hire = QDate::fromString(rows.at(u"hire_date"_s).at(r), u"dd/MM/yyyy"_s);
        QVERIFY2(birth.isValid() && hire.isValid(), qPrintable(rows.at(u"hire_date"_s).at(r)));
        QVERIFY2(birth.addYears(18) <= hire && hire <= birth.addYears(50),
                 qPrintable(u"row %1: born %2, hired %3"_s.arg(r).arg(birth.toString(Qt::ISODate),
                                                                      hire.toString(Qt::ISODate))));

        const QDateTime created =
            QDateTime::fromString(rows.at(u"created_at"_s).at(r), u"yyyy-MM-dd HH:mm:sst"_s);
        const QDateTime updated =
            QDateTime::fromString(rows.at(u"updated_at"_s).at(r), u"yyyy-MM-dd HH:mm:sst"_s);
        QVERIFY2(created.isValid() && updated.isValid(), qPrintable(rows.at(u"updated_at"_s).at(r)));
        QVERIFY(created <= updated && created.secsTo(updated) <= 72 * 3600);

        const QTime start = QTime::fromString(rows.at(u"start"_s).at(r), u"HH:mm:ss"_s);
        const QTime end = QTime::fromString(rows.at(u"end"_s).at(r), u"HH:mm:ss"_s);
        QVERIFY(start.isValid() && end.isValid());
        QVERIFY2(start.secsTo(end) >= 30 * 60 && start.secsTo(end) <= 240 * 60,
                 qPrintable(rows.at(u"end"_s).at(r)));
    }
    // The gap spreads over its range, not onto one edge.
    QVERIFY(shortest < 86400 + 3600);
    QVERIFY(longest > 10 * 86400 - 3600);
}

void TestRelations::numberGaps()
{
    const Schema schema = oneTable(
        kRows, {column(u"low"_s, u"integer"_s, R"({"min": -500, "max": 500})"),
                column(u"high"_s, u"integer"_s, R"({"after": {"column": "low", "min": 0, "max": 5}})"),
                column(u"price"_s, u"decimal"_s, R"({"min": 1, "max": 100, "scale": 3})"),
                column(u"list_price"_s, u"decimal"_s,
                       R"({"after": {"column": "price", "min": 0.5, "max": 3.25}, "scale": 2})"),
                column(u"capped"_s, u"decimal"_s, R"({"after": {"column": "price", "max": 10}, "min": 20, "max": 60, "scale": 3})")});
    const Rows rows = generate(schema);
    QSet<qint64> gaps;
    for (qint64 r = 0; r < kRows; ++r) {
        const qint64 gap = rows.at(u"high"_s).at(r).toLongLong() - rows.at(u"low"_s).at(r).toLongLong();
        QVERIFY(gap >= 0 && gap <= 5);
        gaps.insert(gap);
        // list_price ≥ price + 0.50 exactly, at the column's two decimals.
        const qint64 price = units(rows.at(u"price"_s).at(r), 3);
        const qint64 list = units(rows.at(u"list_price"_s).at(r), 2) * 10;
        // The column's own 20..60 holds where the gap 0..10 reaches it; the order always holds.
        const qint64 capped = units(rows.at(u"capped"_s).at(r), 3);
        QVERIFY(capped >= price && capped <= price + 10000);
        if (price + 10000 >= 20000 && price <= 60000)
            QVERIFY2(capped >= 20000 && capped <= 60000, qPrintable(rows.at(u"capped"_s).at(r)));
        else
            QCOMPARE(capped, price < 20000 ? price + 10000 : price);
        QVERIFY2(list >= price + 500 && list <= price + 3250,
                 qPrintable(rows.at(u"price"_s).at(r) + u" → "_s + rows.at(u"list_price"_s).at(r)));
    }
    QCOMPARE(gaps.size(), 6);
}

void TestRelations::formulaIsExact()
{
    const Schema schema = oneTable(
        kRows,
        {column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 50})"),
         column(u"unit_price"_s, u"decimal"_s, R"({"min": 0.01, "max": 999.99, "scale": 2})"),
         column(u"discount"_s, u"decimal"_s, R"({"min": 0, "max": 0.3, "scale": 3})"),
         column(u"total"_s, u"decimal"_s,
                R"j({"formula": "quantity * unit_price * (1 - discount)", "scale": 2, "precision": 14})j"),
         column(u"average"_s, u"decimal"_s, R"({"formula": "total / quantity", "scale": 2})"),
         column(u"cents"_s, u"bigint"_s, R"({"formula": "unit_price * 100"})"),
         column(u"shortfall"_s, u"integer"_s, R"j({"formula": "-(quantity - 10) / 3"})j")});
    const Rows rows = generate(schema);
    for (qint64 r = 0; r < kRows; ++r) {
        const qint64 quantity = rows.at(u"quantity"_s).at(r).toLongLong();
        const qint64 price = units(rows.at(u"unit_price"_s).at(r), 2);
        const qint64 discount = units(rows.at(u"discount"_s).at(r), 3);
        // quantity * price * (1 - discount) has 5 decimals; rounded half away from zero to 2.
        const qint64 total = roundedDivide(quantity * price * (1000 - discount), 1000);
        QCOMPARE(units(rows.at(u"total"_s).at(r), 2), total);
        QCOMPARE(rows.at(u"total"_s).at(r).section(u'.', 1).size(), 2);
        QCOMPARE(units(rows.at(u"average"_s).at(r), 2), roundedDivide(total, quantity));
        QCOMPARE(rows.at(u"cents"_s).at(r).toLongLong(), price);
        QCOMPARE(rows.at(u"shortfall"_s).at(r).toLongLong(), roundedDivide(-(quantity - 10), 3));
    }
}

// The 64-bit program flags rows it cannot compute (products past 2^63, a divisor of 0 or -1); those rows
// take the exact 128-bit evaluation, and every row reads as exact arithmetic would write it.
void TestRelations::formulaBeyond64Bits()
{
    const Schema schema = oneTable(
        20000,
        {column(u"a"_s, u"bigint"_s, R"({"min": 2000000000, "max": 5000000000})"),
         column(u"b"_s, u"bigint"_s, R"({"min": 2000000000, "max": 5000000000})"),
         column(u"d"_s, u"integer"_s, R"({"min": -1, "max": 1})"),
         column(u"product"_s, u"decimal"_s, R"({"formula": "a * b - 7", "scale": 0, "precision": 38})"),
         column(u"quarter"_s, u"decimal"_s, R"j({"formula": "(a * b) / 4", "scale": 1, "precision": 38})j"),
         column(u"ratio"_s, u"bigint"_s, R"({"formula": "a / d"})")});
    const Rows rows = generate(schema);
    __extension__ typedef __int128 Wide;
    auto text = [](Wide value, int scale) {
        const bool negative = value < 0;
        QString digits;
        for (Wide magnitude = negative ? -value : value; magnitude != 0 || digits.size() <= scale;
             magnitude /= 10)
            digits.prepend(QChar(u'0' + int(magnitude % 10)));
        if (scale > 0)
            digits.insert(digits.size() - scale, u'.');
        return negative ? u'-' + digits : digits;
    };
    int wide = 0, byZero = 0, byMinusOne = 0;
    for (int r = 0; r < 20000; ++r) {
        const qint64 a = rows.at(u"a"_s).at(r).toLongLong(), b = rows.at(u"b"_s).at(r).toLongLong();
        const qint64 d = rows.at(u"d"_s).at(r).toLongLong();
        const Wide product = Wide(a) * b;
        wide += product > Wide(std::numeric_limits<qint64>::max()) ? 1 : 0;
        QCOMPARE(rows.at(u"product"_s).at(r), text(product - 7, 0));
        // product / 4 at scale 1: product * 10 / 4 rounded half away from zero (all positive here).
        QCOMPARE(rows.at(u"quarter"_s).at(r), text((product * 10 + 2) / 4, 1));
        if (d == 0) {
            ++byZero;
            QVERIFY(rows.at(u"ratio"_s).at(r).isNull());
        } else {
            byMinusOne += d == -1 ? 1 : 0;
            QCOMPARE(rows.at(u"ratio"_s).at(r).toLongLong(), a * d);
        }
    }
    QVERIFY(wide > 1000 && wide < 19000); // both paths ran
    QVERIFY(byZero > 1000 && byMinusOne > 1000);
}

void TestRelations::weightsBySourceValue()
{
    const Schema schema =
        oneTable(kRows, {column(u"country"_s, u"enum"_s, R"({"values": ["DE", "US", "FR"]})"),
                         column(u"status"_s, u"enum"_s,
                                R"({"values": ["new", "paid", "shipped"], "weights": [1, 1, 2],
                           "weightsBy": {"column": "country", "weights": {"DE": [70, 20, 10], "US": [40, 40, 20]}}})")});
    const Rows rows = generate(schema);
    QHash<QString, QHash<QString, int>> counts;
    QHash<QString, int> totals;
    for (qint64 r = 0; r < kRows; ++r) {
        ++counts[rows.at(u"country"_s).at(r)][rows.at(u"status"_s).at(r)];
        ++totals[rows.at(u"country"_s).at(r)];
    }
    const QHash<QString, QList<double>> expected{
        {u"DE"_s, {70, 20, 10}}, {u"US"_s, {40, 40, 20}}, {u"FR"_s, {25, 25, 50}}};
    const QStringList statuses{u"new"_s, u"paid"_s, u"shipped"_s};
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY(totals.value(it.key()) > 30000);
        for (int s = 0; s < 3; ++s) {
            const double share = 100.0 * counts[it.key()].value(statuses.at(s)) / totals.value(it.key());
            QVERIFY2(std::abs(share - it.value().at(s)) < 1.0,
                     qPrintable(u"%1 %2: %3 %"_s.arg(it.key(), statuses.at(s)).arg(share)));
        }
    }
}

void TestRelations::nullSources()
{
    // after: the column's own range; formula: NULL, or the own range on a notNull column; weightsBy: own
    // weights.
    const Schema schema = oneTable(
        20000,
        {column(u"start_date"_s, u"date"_s,
                R"({"min": "2000-01-01", "max": "2000-12-31", "nullPercent": 50})"),
         column(
             u"end_date"_s, u"date"_s,
             R"({"after": {"column": "start_date", "min": 1, "max": 3}, "min": "2030-01-01", "max": "2030-01-31"})"),
         column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 9, "nullPercent": 50})"),
         column(u"double_quantity"_s, u"integer"_s, R"({"formula": "quantity * 2"})"),
         column(u"required"_s, u"integer"_s,
                R"({"formula": "quantity * 2", "notNull": true, "min": 100, "max": 200})"),
         column(u"country"_s, u"enum"_s, R"({"values": ["DE"], "nullPercent": 50})"),
         column(
             u"status"_s, u"enum"_s,
             R"({"values": ["a", "b"], "weights": [0, 1], "weightsBy": {"column": "country", "weights": {"DE": [1, 0]}}})")});
    const Rows rows = generate(schema);
    int fallbacks = 0;
    for (int r = 0; r < 20000; ++r) {
        const QDate start = QDate::fromString(rows.at(u"start_date"_s).at(r), Qt::ISODate);
        const QDate end = QDate::fromString(rows.at(u"end_date"_s).at(r), Qt::ISODate);
        QVERIFY(end.isValid());
        if (rows.at(u"start_date"_s).at(r).isNull()) {
            ++fallbacks;
            QVERIFY(end >= QDate(2030, 1, 1) && end <= QDate(2030, 1, 31));
        } else {
            QVERIFY(start.daysTo(end) >= 1 && start.daysTo(end) <= 3);
        }
        const QString quantity = rows.at(u"quantity"_s).at(r);
        QCOMPARE(rows.at(u"double_quantity"_s).at(r).isNull(), quantity.isNull());
        const qint64 required = rows.at(u"required"_s).at(r).toLongLong();
        if (quantity.isNull()) {
            QVERIFY(required >= 100 && required <= 200);
        } else {
            QCOMPARE(rows.at(u"double_quantity"_s).at(r).toLongLong(), quantity.toLongLong() * 2);
            QCOMPARE(required, quantity.toLongLong() * 2);
        }
        QCOMPARE(rows.at(u"status"_s).at(r), rows.at(u"country"_s).at(r).isNull() ? u"b"_s : u"a"_s);
    }
    QVERIFY(fallbacks > 9000 && fallbacks < 11000);
}

void TestRelations::sourcesReadFromText()
{
    // Sources whose generators write no numbers beside the text (a time zone other than UTC, a foreign key,
    // a choice of another type) are read back from their text, in their own format.
    Schema schema = oneTable(
        20000, {column(u"opened"_s, u"timestamptz"_s,
                       R"({"timeZone": "Europe/Berlin", "format": "dd.MM.yyyy HH:mm:ss", "min": "2024-01-01T00:00:00Z", "max": "2024-12-31T00:00:00Z"})"),
                column(u"closed"_s, u"timestamptz"_s,
                       R"({"timeZone": "Europe/Berlin", "format": "yyyy-MM-dd HH:mm:ss", "after": {"column": "opened", "min": 1, "max": 2, "unit": "hours"}})"),
                column(u"parent_id"_s, u"integer"_s, R"({"references": "p.id", "notNull": true})"),
                column(u"scaled"_s, u"bigint"_s, R"({"formula": "parent_id * 10 + 1"})"),
                column(u"gender"_s, u"gender"_s, R"({"values": ["female", "male"]})"),
                column(u"tone"_s, u"enum"_s,
                       R"({"values": ["a", "b"], "weights": [1, 0], "weightsBy": {"column": "gender", "weights": {"male": [0, 1]}}})")});
    schema.tables.prepend(Table{u"p"_s, {}, 50, {column(u"id"_s, u"sequence"_s, R"({"primaryKey": true, "start": 7})")}});
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error().toString()));
    const TablePlan &table = (*plan)->tables().at(1);
    QCOMPARE(table.name, u"t"_s);
    TableChunk chunk;
    (*plan)->fillChunk(1, 0, 20000, chunk);
    auto text = [&chunk](int column, int row) {
        const std::string_view value = chunk.columns[std::size_t(column)].value(row);
        return QString::fromUtf8(value.data(), qsizetype(value.size()));
    };
    for (int r = 0; r < 20000; ++r) {
        const QDateTime opened = QDateTime::fromString(text(1, r), u"dd.MM.yyyy HH:mm:ss"_s);
        const QDateTime closed = QDateTime::fromString(text(2, r), u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(opened.isValid() && closed.isValid(), qPrintable(text(1, r) + u" "_s + text(2, r)));
        const qint64 gap = opened.secsTo(closed); // both read as the same zone's wall clock
        QVERIFY2(gap >= 3600 && gap <= 7200, qPrintable(text(1, r) + u" → "_s + text(2, r)));
        QCOMPARE(text(4, r).toLongLong(), text(3, r).toLongLong() * 10 + 1);
        QVERIFY(text(3, r).toLongLong() >= 7 && text(3, r).toLongLong() < 57);
        QCOMPARE(text(6, r), text(5, r) == u"male"_s ? u"b"_s : u"a"_s);
    }
}

void TestRelations::sameBytesForAnyThreadCount()
{
    const Schema schema = oneTable(
        50000,
        {column(u"rental_date"_s, u"timestamp"_s, R"({"nullPercent": 0.05})"),
         // A lossy format and NULL sources (rows from the column's own range) in a chain: the chain reads
         // the same numbers in every chunk, whatever the chunk size.
         column(u"return_date"_s, u"timestamp"_s,
                R"({"after": {"column": "rental_date", "max": 10}, "nullPercent": 5, "format": "yyyy-MM-dd HH:mm"})"),
         column(u"checked_at"_s, u"timestamp"_s, R"({"after": {"column": "return_date", "unit": "seconds", "max": 90}})"),
         column(u"quantity"_s, u"integer"_s, R"({"min": 1, "max": 50, "nullPercent": 5})"),
         column(u"price"_s, u"decimal"_s, R"({"max": 100})"),
         column(u"total"_s, u"decimal"_s, R"({"formula": "quantity * price", "notNull": true})"),
         column(u"country"_s, u"enum"_s, R"({"values": ["DE", "US"]})"),
         column(u"status"_s, u"enum"_s,
                R"({"values": ["x", "y"], "weightsBy": {"column": "country", "weights": {"DE": [9, 1]}}})")});
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error().toString()));
    QTemporaryDir dir;
    QByteArray reference;
    for (const int threads : {1, 4}) {
        ExportOptions options;
        options.path = dir.filePath(QString::number(threads));
        std::unique_ptr<Sink> sink = ExportFormat::find(u"csv"_s)->create(options);
        GenerationJob::Options job;
        job.threads = threads;
        job.chunkRows = threads == 1 ? 8192 : 1000;
        const auto result = GenerationJob::run(**plan, *sink, job);
        QVERIFY2(result, result ? "" : qPrintable(result.error().toString()));
        QFile file(QDir(options.path).filePath(u"t.csv"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray digest = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
        if (reference.isEmpty())
            reference = digest;
        QCOMPARE(digest, reference);
    }
}

void TestRelations::fixedDecimal()
{
    auto text = [](const std::optional<FixedDecimal> &value) {
        ByteBuffer out;
        if (value)
            value->append(out);
        return value ? QString::fromUtf8(out.view().data(), qsizetype(out.view().size())) : u"null"_s;
    };
    const auto a = FixedDecimal::parse("2.5"), b = FixedDecimal::parse("-0.05"), z = FixedDecimal::parse("0");
    QVERIFY(a && b && z);
    QCOMPARE(text(a->rescaled(0)), u"3"_s);
    QCOMPARE(text(a->negated().rescaled(0)), u"-3"_s);
    QCOMPARE(text(b->rescaled(1)), u"-0.1"_s);
    QCOMPARE(text(FixedDecimal::multiply(*a, *b)), u"-0.125"_s);
    QCOMPARE(text(FixedDecimal::add(*a, *b, true)), u"2.55"_s);
    QCOMPARE(text(FixedDecimal::divide(*a, *FixedDecimal::parse("3"), 4)), u"0.8333"_s);
    QCOMPARE(text(FixedDecimal::divide(*FixedDecimal::parse("-1"), *FixedDecimal::parse("8"), 2)),
             u"-0.13"_s);
    QCOMPARE(text(FixedDecimal::divide(*a, *z, 2)), u"null"_s);
    QVERIFY(!FixedDecimal::parse("1e5"));
    QVERIFY(!FixedDecimal::parse(""));
    QVERIFY(!FixedDecimal::parse("-"));
    // 38 digits times 10 overflows 128 bits: no value rather than a wrong one.
    const FixedDecimal huge(FixedDecimal::power(37) * 9, 0);
    QCOMPARE(text(FixedDecimal::multiply(huge, *FixedDecimal::parse("10"))), u"null"_s);
}

void TestRelations::formulaSyntax()
{
    QList<FormulaSyntax::Token> rpn;
    QVERIFY(!FormulaSyntax::parse(u"quantity * (unit_price - 1.5) / -2"_s, &rpn));
    QStringList written;
    for (const FormulaSyntax::Token &token : rpn)
        written.append(token.text);
    QCOMPARE(written.join(u' '), u"quantity unit_price 1.5 - * 2 - /"_s);
    QCOMPARE(FormulaSyntax::columns(u"a * b + a"_s), (QStringList{u"a"_s, u"b"_s}));
    auto error = FormulaSyntax::parse(u"quantity * * unit_price"_s, nullptr);
    QVERIFY(error);
    QCOMPARE(error->offset, 11);
    QVERIFY2(error->message.contains(u"position 12"_s), qPrintable(error->message));
    error = FormulaSyntax::parse(u"(a + b"_s, nullptr);
    QVERIFY(error && error->message.contains(u"never closed"_s));
    error = FormulaSyntax::parse(u"a + b)"_s, nullptr);
    QVERIFY(error && error->message.contains(u"closes no"_s));
    error = FormulaSyntax::parse(u"a +"_s, nullptr);
    QVERIFY(error && error->message.contains(u"ends after an operator"_s));
    QVERIFY(FormulaSyntax::parse(u"  "_s, nullptr));
}

void TestRelations::validatorMessages_data()
{
    QTest::addColumn<QList<Column>>("columns");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    const Column rental = column(u"rental_date"_s, u"date"_s);
    const Column quantity = column(u"quantity"_s, u"integer"_s);
    const Column name = column(u"name"_s, u"string"_s);
    QTest::newRow("unknown source") << QList<Column>{rental, column(u"return_date"_s, u"date"_s,
                                                                    R"({"after": {"column": "rental_dat"}})")}
                                    << u"return_date"_s << u"after"_s << u"did you mean \"rental_date\""_s;
    QTest::newRow("text source")
        << QList<Column>{name, column(u"return_date"_s, u"date"_s, R"({"after": {"column": "name"}})")}
        << u"return_date"_s << u"after"_s
        << u"can only follow a date, timestamp or timestamptz column; name is string"_s;
    QTest::newRow("gap on text") << QList<Column>{rental, column(u"note"_s, u"string"_s,
                                                                 R"({"after": {"column": "rental_date"}})")}
                                 << u"note"_s << u"after"_s << u"not on type string"_s;
    QTest::newRow("unit on number")
        << QList<Column>{quantity, column(u"more"_s, u"integer"_s,
                                          R"({"after": {"column": "quantity", "unit": "days"}})")}
        << u"more"_s << u"after"_s << u"remove \"unit\""_s;
    QTest::newRow("bad unit")
        << QList<Column>{rental, column(u"return_date"_s, u"date"_s,
                                        R"({"after": {"column": "rental_date", "unit": "weeks"}})")}
        << u"return_date"_s << u"after"_s << u"unknown unit \"weeks\""_s;
    QTest::newRow("min above max")
        << QList<Column>{rental, column(u"return_date"_s, u"date"_s,
                                        R"({"after": {"column": "rental_date", "min": 5, "max": 1}})")}
        << u"return_date"_s << u"after"_s << u"greater than its max"_s;
    QTest::newRow("formula syntax") << QList<Column>{quantity, column(u"total"_s, u"decimal"_s,
                                                                      R"({"formula": "quantity * * 2"})")}
                                    << u"total"_s << u"formula"_s
                                    << u"formula: unexpected \"*\" at position 12"_s;
    QTest::newRow("formula unknown name")
        << QList<Column>{quantity,
                         column(u"total"_s, u"decimal"_s, R"({"formula": "quantity * unit_price"})")}
        << u"total"_s << u"formula"_s << u"unknown column \"unit_price\" at position 12"_s;
    QTest::newRow("formula text source")
        << QList<Column>{name, column(u"total"_s, u"decimal"_s, R"({"formula": "name + 1"})")} << u"total"_s
        << u"formula"_s << u"column \"name\" at position 1 is string"_s;
    QTest::newRow("formula on text") << QList<Column>{quantity, column(u"label"_s, u"string"_s,
                                                                       R"({"formula": "quantity"})")}
                                     << u"label"_s << u"formula"_s << u"not type string"_s;
    QTest::newRow("formula kind") << QList<Column>{quantity,
                                                   column(u"total"_s, u"decimal"_s, R"({"formula": 5})")}
                                  << u"total"_s << u"formula"_s << u"must be a string"_s;
    QTest::newRow("weights length")
        << QList<
               Column>{column(u"country"_s, u"enum"_s, R"({"values": ["DE", "US"]})"),
                       column(
                           u"status"_s, u"enum"_s,
                           R"({"values": ["a", "b", "c"], "weightsBy": {"column": "country", "weights": {"DE": [1, 2]}}})")}
        << u"status"_s << u"weightsBy"_s << u"list 2 numbers, but the column has 3 values"_s;
    QTest::newRow("weightsBy on string")
        << QList<Column>{name, column(u"code"_s, u"string"_s,
                                      R"({"weightsBy": {"column": "name", "weights": {}}})")}
        << u"code"_s << u"weightsBy"_s << u"works on enum columns"_s;
    QTest::newRow("primary key") << QList<Column>{quantity,
                                                  column(u"key"_s, u"integer"_s,
                                                         R"({"formula": "quantity + 1", "unique": true})")}
                                 << u"key"_s << u"formula"_s << u"cannot be unique"_s;
    QTest::newRow("foreign key")
        << QList<Column>{quantity, column(u"parent"_s, u"integer"_s,
                                          R"({"formula": "quantity + 1", "references": "t.id"})")}
        << u"parent"_s << u"formula"_s << u"is a foreign key"_s;
    QTest::newRow("two relations")
        << QList<Column>{quantity, column(u"total"_s, u"integer"_s,
                                          R"({"formula": "quantity", "after": {"column": "quantity"}})")}
        << u"total"_s << u"formula"_s << u"one relation"_s;
}

void TestRelations::validatorMessages()
{
    QFETCH(QList<Column>, columns);
    QFETCH(QString, where);
    QFETCH(QString, key);
    QFETCH(QString, message);
    const Schema schema = oneTable(10, columns);
    const Problem problem = errorAt(validate(schema), where);
    QVERIFY2(problem.message.contains(message), qPrintable(problem.message));
    QCOMPARE(problem.key, key);
    // The engine refuses the schema with the same message.
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    QVERIFY(!plan);
}

void TestRelations::cyclesAreRefused()
{
    // a → b → a through "after".
    Schema schema = oneTable(10, {column(u"a"_s, u"integer"_s, R"({"after": {"column": "b"}})"),
                                  column(u"b"_s, u"integer"_s, R"({"formula": "a + 1"})")});
    Problems problems = validate(schema);
    Problem problem = errorAt(problems, u"b"_s);
    if (problem.message.isEmpty())
        problem = errorAt(problems, u"a"_s);
    QVERIFY2(problem.message.contains(u"cycle (a → b → a)"_s) ||
                 problem.message.contains(u"cycle (b → a → b)"_s),
             qPrintable(problem.message));
    QVERIFY(!Plan::compile(schema, Plan::Options{kSeed, {}}));

    // Through a template: label reads status, status's weights follow label.
    schema = oneTable(
        10, {column(u"label"_s, u"template"_s, R"({"template": "{status}!"})"),
             column(u"status"_s, u"enum"_s,
                    R"({"values": ["a"], "weightsBy": {"column": "label", "weights": {"x!": [1]}}})")});
    problems = validate(schema);
    bool found = false;
    for (const Problem &p : problems)
        found = found || (p.isError() && p.message.contains(u"cycle"_s) && p.message.contains(u"label"_s) &&
                          p.message.contains(u"status"_s));
    QVERIFY2(found, qPrintable(problems.value(0).message));

    // A chain without a cycle is fine, and runs sources first whatever the column order.
    schema = oneTable(1000, {column(u"c"_s, u"integer"_s, R"({"formula": "b * 2"})"),
                             column(u"b"_s, u"integer"_s, R"({"after": {"column": "a", "max": 3}})"),
                             column(u"a"_s, u"integer"_s, R"({"min": 0, "max": 10})")});
    QVERIFY(!hasErrors(validate(schema)));
    const Rows rows = generate(schema);
    for (int r = 0; r < 1000; ++r) {
        const qint64 a = rows.at(u"a"_s).at(r).toLongLong(), b = rows.at(u"b"_s).at(r).toLongLong();
        QVERIFY(b >= a && b <= a + 3);
        QCOMPARE(rows.at(u"c"_s).at(r).toLongLong(), b * 2);
    }
}

void TestRelations::importProposesRelations()
{
    const QByteArray ddl = R"sql(
CREATE TABLE rental (
    rental_id serial PRIMARY KEY,
    rental_date timestamp NOT NULL,
    return_date timestamp,
    last_update timestamp NOT NULL DEFAULT now()
);
CREATE TABLE staff (
    staff_id integer PRIMARY KEY,
    birth_date date NOT NULL,
    hire_date date NOT NULL,
    contract_start date,
    contract_end date,
    shift_start time,
    shift_end time,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    order_date date NOT NULL,
    shipped_date date,
    delivery_date date,
    note text
);
)sql";
    QTemporaryDir dir;
    QFile file(dir.filePath(u"dvd.sql"_s));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(ddl) == ddl.size());
    file.close();
    const ImportService::Outcome outcome = ImportService::importFile(file.fileName());
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QCOMPARE(outcome.schemas.size(), 1);
    const Schema &schema = outcome.schemas.first();
    auto after = [&schema](const QString &table, const QString &column) {
        const Table *t = schema.table(table);
        const Column *c = t ? t->column(column) : nullptr;
        return c ? c->constraints.value(u"after"_s).toObject() : QJsonObject();
    };
    QCOMPARE(after(u"rental"_s, u"return_date"_s).value(u"column"_s).toString(), u"rental_date"_s);
    QCOMPARE(after(u"rental"_s, u"return_date"_s).value(u"max"_s).toDouble(), 10.0);
    QCOMPARE(after(u"staff"_s, u"hire_date"_s).value(u"column"_s).toString(), u"birth_date"_s);
    QCOMPARE(after(u"staff"_s, u"hire_date"_s).value(u"min"_s).toDouble(), 18.0);
    QCOMPARE(after(u"staff"_s, u"hire_date"_s).value(u"unit"_s).toString(), u"years"_s);
    QCOMPARE(after(u"staff"_s, u"contract_end"_s).value(u"column"_s).toString(), u"contract_start"_s);
    QCOMPARE(after(u"staff"_s, u"shift_end"_s).value(u"unit"_s).toString(), u"hours"_s);
    QCOMPARE(after(u"staff"_s, u"updated_at"_s).value(u"column"_s).toString(), u"created_at"_s);
    QCOMPARE(after(u"orders"_s, u"shipped_date"_s).value(u"column"_s).toString(), u"order_date"_s);
    QCOMPARE(after(u"orders"_s, u"delivery_date"_s).value(u"column"_s).toString(), u"shipped_date"_s);
    QVERIFY(after(u"rental"_s, u"last_update"_s).isEmpty()); // no creation column to follow
    QVERIFY(after(u"orders"_s, u"note"_s).isEmpty());
    // Each proposal is a guess line of the report, naming the column and its source.
    int guesses = 0;
    for (const ImportReport::Line &line : outcome.report.lines()) {
        if (line.level == ImportReport::Level::Guess && line.message.startsWith(u"after "_s))
            ++guesses;
    }
    QCOMPARE(guesses, 7);
    bool found = false;
    for (const ImportReport::Line &line : outcome.report.lines())
        found = found || (line.where.path == u"rental.return_date"_s &&
                          line.message.startsWith(u"after rental_date by 1..10 days"_s));
    QVERIFY2(found, qPrintable(outcome.report.toText()));
    // The imported schema generates, and the order holds.
    Schema sized = schema;
    for (Table &table : sized.tables)
        table.rows = 2000;
    auto plan = Plan::compile(sized, Plan::Options{kSeed, {}});
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error().toString()));
}

void TestRelations::guesserLeavesKeysAlone()
{
    // A unique or foreign-key "end", one that already has a relation, or a source that reads the column
    // back gets no proposal.
    Table table{u"t"_s,
                {},
                10,
                {column(u"start_date"_s, u"date"_s), column(u"end_date"_s, u"date"_s, R"({"unique": true})"),
                 column(u"created_at"_s, u"timestamp"_s, R"({"after": {"column": "updated_at"}})"),
                 column(u"updated_at"_s, u"timestamp"_s), column(u"rental_date"_s, u"string"_s),
                 column(u"return_date"_s, u"date"_s)}};
    QVERIFY(RelationGuesser::proposals(table).isEmpty());
}

QTEST_GUILESS_MAIN(TestRelations)
#include "tst_relations.moc"
