// ColumnStatistics: a sample of a column's generated values shows the shares, null rates, ranges and
// uniqueness the schema asks for, counted on exactly the values the engine writes.
#include "SchemaBuilding.h"
#include "ExampleSchemas.h"
#include "format/SchemaFile.h"
#include "generate/ColumnPreview.h"
#include "generate/ColumnStatistics.h"
#include "generate/DateTimeFormat.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using test::column;

Schema shop()
{
    return test::shopExample();
}

// The shop with extra columns on orders (streams are keyed by names, so the shop's own columns keep their
// values): an integer with bounds and NULLs, a date in a day-first format, a boolean.
Schema extendedShop()
{
    Schema schema = shop();
    schema.tables[1].columns << column(u"quantity"_s, u"integer"_s,
                                       R"({"min": 3, "max": 57, "nullPercent": 10})")
                             << column(
                                    u"ship_day"_s, u"date"_s,
                                    R"({"min": "2020-01-01", "max": "2020-12-31", "format": "dd.MM.yyyy"})")
                             << column(u"gift"_s, u"boolean"_s, R"({"truePercent": 12.5})");
    return schema;
}

int columnIndex(const Schema &schema, int table, const QString &name)
{
    for (int c = 0; c < schema.tables.at(table).columns.size(); ++c) {
        if (schema.tables.at(table).columns.at(c).name == name)
            return c;
    }
    qFatal("no column %s", qPrintable(name));
}

qint64 histogramTotal(const ColumnStatistics &statistics)
{
    qint64 total = 0;
    for (const ColumnStatistics::Bin &bin : statistics.histogram)
        total += bin.count;
    return total;
}

const ColumnStatistics::TopValue *topValue(const ColumnStatistics &statistics, const QString &value)
{
    for (const ColumnStatistics::TopValue &top : statistics.topValues) {
        if (top.value == value)
            return &top;
    }
    return nullptr;
}

#define SAMPLE(var, schema, table, column, ...)                                                              \
    const Result<ColumnStatistics> var##Result =                                                             \
        ColumnStatistics::sample(schema, table, column, __VA_ARGS__);                                        \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.ok() ? QString() : var##Result.error().toString()));   \
    const ColumnStatistics &var = *var##Result

} // namespace

class TestColumnStatistics : public QObject
{
    Q_OBJECT

private slots:
    void enumSharesMatchWeights();
    void nullShareMatchesNullPercent();
    void integerStaysInBounds();
    void uniqueKeyIsDistinct();
    void timestampsAndDayFirstDates();
    void decimalHistogram();
    void booleanTruePercent();
    void manyValuesGoToOther();
    void smallTableIsSampledWhole();
    void foreignKeyReadsAsItsParent();
    void cancelStops();
    void invalidIndexIsAnError();
    void dateTimeFormatReadsBack_data();
    void dateTimeFormatReadsBack();
};

void TestColumnStatistics::enumSharesMatchWeights()
{
    const Schema schema = shop();
    QElapsedTimer timer;
    timer.start();
    SAMPLE(status, schema, 1, columnIndex(schema, 1, u"status"_s), 42);
    qInfo("orders.status, 100,000 rows: %lld ms", timer.elapsed());
    QCOMPARE(status.table, u"orders"_s);
    QCOMPARE(status.column, u"status"_s);
    QCOMPARE(status.kind, ColumnStatistics::Kind::Categorical);
    QCOMPARE(status.tableRows, 3000000);
    QCOMPARE(status.rowsSampled, 100000);
    QCOMPARE(status.nulls, 0);
    QCOMPARE(status.distinct, 4);
    QVERIFY(status.hasRequested);
    QCOMPARE(status.topValues.size(), 4);
    QCOMPARE(status.otherCount, 0);
    QVERIFY(!status.otherRequested);
    const QStringList order{u"delivered"_s, u"shipped"_s, u"pending"_s, u"cancelled"_s};
    const QList<double> weights{0.70, 0.15, 0.10, 0.05};
    qint64 counted = 0;
    for (int i = 0; i < 4; ++i) {
        const ColumnStatistics::TopValue &top = status.topValues.at(i);
        QCOMPARE(top.value, order.at(i)); // most frequent first
        QVERIFY(top.requested);
        QVERIFY(qAbs(*top.requested - weights.at(i)) < 1e-12);
        QVERIFY2(
            qAbs(top.share - weights.at(i)) < 0.01,
            qPrintable(u"%1: %2 observed, %3 requested"_s.arg(top.value).arg(top.share).arg(weights.at(i))));
        QCOMPARE(top.share, double(top.count) / 100000.0);
        counted += top.count;
    }
    QCOMPARE(counted, 100000);
    QCOMPARE(status.min, u"cancelled"_s); // text columns: byte order
    QCOMPARE(status.max, u"shipped"_s);
    QVERIFY(status.histogram.isEmpty());
}

void TestColumnStatistics::nullShareMatchesNullPercent()
{
    const Schema schema = extendedShop();
    SAMPLE(note, schema, 1, columnIndex(schema, 1, u"note"_s), 42);
    QCOMPARE(note.kind, ColumnStatistics::Kind::Text);
    QCOMPARE(note.requestedNullShare, 0.30);
    QVERIFY2(qAbs(note.nullShare - 0.30) < 0.01, qPrintable(QString::number(note.nullShare)));
    QCOMPARE(note.nullShare, double(note.nulls) / double(note.rowsSampled));
    QVERIFY(!note.hasRequested);
    qint64 counted = note.otherCount;
    for (const ColumnStatistics::TopValue &top : note.topValues)
        counted += top.count;
    QCOMPARE(counted, note.nonNull());
    QVERIFY(note.topValues.size() <= ColumnStatistics::maxTopValues);

    SAMPLE(quantity, schema, 1, columnIndex(schema, 1, u"quantity"_s), 42);
    QCOMPARE(quantity.requestedNullShare, 0.10);
    QVERIFY2(qAbs(quantity.nullShare - 0.10) < 0.01, qPrintable(QString::number(quantity.nullShare)));
}

void TestColumnStatistics::integerStaysInBounds()
{
    const Schema schema = extendedShop();
    SAMPLE(quantity, schema, 1, columnIndex(schema, 1, u"quantity"_s), 7);
    QCOMPARE(quantity.kind, ColumnStatistics::Kind::Numeric);
    QCOMPARE(quantity.rowsSampled, 100000);
    bool ok = false;
    const int min = quantity.min.toInt(&ok);
    QVERIFY(ok);
    const int max = quantity.max.toInt(&ok);
    QVERIFY(ok);
    QVERIFY(min >= 3 && max <= 57);
    QCOMPARE(min, 3); // 90,000 uniform draws over 55 values reach both ends
    QCOMPARE(max, 57);
    QCOMPARE(quantity.distinct, 55);
    QCOMPARE(histogramTotal(quantity), quantity.nonNull());
    // 55 values split evenly: 11 bins of 5, from 3 to 57.
    QCOMPARE(quantity.histogram.size(), 11);
    QCOMPARE(quantity.histogram.first().lowText, u"3"_s);
    QCOMPARE(quantity.histogram.first().highText, u"7"_s);
    QCOMPARE(quantity.histogram.last().highText, u"57"_s);
    for (const ColumnStatistics::Bin &bin : quantity.histogram) // uniform: each bin near 1/11
        QVERIFY2(qAbs(double(bin.count) / double(quantity.nonNull()) - 1.0 / 11) < 0.01,
                 qPrintable(bin.lowText));
    QVERIFY(quantity.topValues.isEmpty());
}

void TestColumnStatistics::uniqueKeyIsDistinct()
{
    const Schema schema = shop();
    SAMPLE(id, schema, 1, 0, 42);
    QCOMPARE(id.kind, ColumnStatistics::Kind::Numeric);
    QCOMPARE(id.rowsSampled, 100000);
    QCOMPARE(id.distinct, id.rowsSampled);
    QCOMPARE(histogramTotal(id), id.rowsSampled);
    // The sample is spread over all 3,000,000 rows, first and last included.
    QCOMPARE(id.min, u"1"_s);
    QCOMPARE(id.max, u"3000000"_s);
    QCOMPARE(id.histogram.size(), 20);
    for (const ColumnStatistics::Bin &bin : id.histogram) // evenly over the rows: each bin holds ~1/20
        QVERIFY2(qAbs(double(bin.count) / double(id.rowsSampled) - 0.05) < 0.0025, qPrintable(bin.lowText));

    SAMPLE(email, schema, 0, columnIndex(schema, 0, u"email"_s), 42);
    QCOMPARE(email.kind, ColumnStatistics::Kind::Text);
    QCOMPARE(email.distinct, email.rowsSampled);
    QCOMPARE(email.topValues.first().count, 1);
}

void TestColumnStatistics::timestampsAndDayFirstDates()
{
    const Schema schema = extendedShop();
    SAMPLE(ordered, schema, 1, columnIndex(schema, 1, u"order_date"_s), 42);
    QCOMPARE(ordered.kind, ColumnStatistics::Kind::Temporal);
    // "yyyy-MM-dd HH:mm:ss" orders like its text.
    QVERIFY2(ordered.min >= u"2015-01-01 00:00:00"_s && ordered.min < u"2015-03-01"_s,
             qPrintable(ordered.min));
    QVERIFY2(ordered.max <= u"2025-12-31 23:59:59"_s && ordered.max > u"2025-11-01"_s,
             qPrintable(ordered.max));
    QCOMPARE(histogramTotal(ordered), ordered.nonNull());
    QCOMPARE(ordered.histogram.size(), ColumnStatistics::histogramBins);
    QVERIFY(ordered.histogram.first().lowText.startsWith(u"2015-01-0"_s));
    QVERIFY(ordered.histogram.last().highText.startsWith(u"2025-12-"_s));
    for (const ColumnStatistics::Bin &bin : ordered.histogram) // uniform over the range
        QVERIFY2(qAbs(double(bin.count) / double(ordered.nonNull()) - 0.05) < 0.01, qPrintable(bin.lowText));

    // Day-first text does not order like its dates: the smallest and largest are chronological.
    SAMPLE(day, schema, 1, columnIndex(schema, 1, u"ship_day"_s), 42);
    QCOMPARE(day.kind, ColumnStatistics::Kind::Temporal);
    QCOMPARE(day.min, u"01.01.2020"_s);
    QCOMPARE(day.max, u"31.12.2020"_s);
    QCOMPARE(day.distinct, 366);
    QCOMPARE(histogramTotal(day), day.nonNull());
    QCOMPARE(day.histogram.first().lowText, u"2020-01-01"_s);
    QCOMPARE(day.histogram.last().highText, u"2020-12-31"_s);
    // 366 days in bins of 19 whole days; the last holds the 5 days left and says so.
    QCOMPARE(day.histogram.size(), 20);
    QCOMPARE(day.histogram.first().span, 1.0);
    QCOMPARE(day.histogram.last().lowText, u"2020-12-27"_s);
    QCOMPARE(day.histogram.last().span, 5.0 / 19);
}

void TestColumnStatistics::decimalHistogram()
{
    const Schema schema = shop();
    SAMPLE(amount, schema, 1, columnIndex(schema, 1, u"amount"_s), 42);
    QCOMPARE(amount.kind, ColumnStatistics::Kind::Numeric);
    QVERIFY(amount.min.toDouble() >= 1 && amount.max.toDouble() <= 2000);
    QVERIFY(amount.min.contains(u'.')); // as written: two decimals
    QCOMPARE(histogramTotal(amount), amount.nonNull());
    // Round bounds: 0, 100, …, 2000.
    QCOMPARE(amount.histogram.size(), 20);
    QCOMPARE(amount.histogram.first().lowText, u"0"_s);
    QCOMPARE(amount.histogram.at(1).lowText, u"100"_s);
    QCOMPARE(amount.histogram.last().highText, u"2000"_s);
}

void TestColumnStatistics::booleanTruePercent()
{
    const Schema schema = extendedShop();
    SAMPLE(gift, schema, 1, columnIndex(schema, 1, u"gift"_s), 42);
    QCOMPARE(gift.kind, ColumnStatistics::Kind::Categorical);
    QVERIFY(gift.hasRequested);
    const ColumnStatistics::TopValue *yes = topValue(gift, u"true"_s);
    const ColumnStatistics::TopValue *no = topValue(gift, u"false"_s);
    QVERIFY(yes && no);
    QCOMPARE(*yes->requested, 0.125);
    QCOMPARE(*no->requested, 0.875);
    QVERIFY(qAbs(yes->share - 0.125) < 0.01);
    QCOMPARE(gift.topValues.first().value, u"false"_s);
}

void TestColumnStatistics::manyValuesGoToOther()
{
    const Schema schema = shop();
    SAMPLE(country, schema, 0, columnIndex(schema, 0, u"country"_s), 42);
    QCOMPARE(country.kind, ColumnStatistics::Kind::Categorical);
    QCOMPARE(country.distinct, 50);
    QCOMPARE(country.topValues.size(), ColumnStatistics::maxTopValues);
    QCOMPARE(country.otherDistinct, 50 - ColumnStatistics::maxTopValues);
    qint64 counted = country.otherCount;
    for (const ColumnStatistics::TopValue &top : country.topValues) {
        counted += top.count;
        QVERIFY(qAbs(*top.requested - 0.02) < 1e-12);
    }
    QCOMPARE(counted, country.rowsSampled);
    QVERIFY(country.otherRequested);
    QVERIFY(qAbs(*country.otherRequested - 38.0 / 50) < 1e-9);
    QVERIFY(qAbs(country.otherShare - 38.0 / 50) < 0.01);
}

void TestColumnStatistics::smallTableIsSampledWhole()
{
    Schema schema = shop();
    schema.tables[0].rows = 60;
    schema.tables[1].rows = 500;
    const int status = columnIndex(schema, 1, u"status"_s);
    SAMPLE(statistics, schema, 1, status, 9);
    QCOMPARE(statistics.tableRows, 500);
    QCOMPARE(statistics.rowsSampled, 500);
    // The counts are those of the values the engine writes (ColumnPreview is byte for byte the export).
    const auto values = ColumnPreview::values(schema, 1, status, 9, 500);
    QVERIFY(values.ok());
    QHash<QString, qint64> expected;
    for (const auto &value : *values)
        ++expected[*value];
    QCOMPARE(statistics.topValues.size(), expected.size());
    for (const ColumnStatistics::TopValue &top : statistics.topValues)
        QCOMPARE(top.count, expected.value(top.value));

    // Fewer rows asked for than the table has: exactly that many, still spread.
    SAMPLE(few, schema, 1, 0, 9, 100);
    QCOMPARE(few.rowsSampled, 100);
    QCOMPARE(few.max, u"500"_s);

    schema.tables[1].rows = 0;
    SAMPLE(empty, schema, 1, status, 9);
    QCOMPARE(empty.rowsSampled, 0);
    QCOMPARE(empty.distinct, 0);
    QVERIFY(empty.min.isEmpty());
    QCOMPARE(empty.nullShare, 0.0);
}

void TestColumnStatistics::foreignKeyReadsAsItsParent()
{
    const Schema schema = shop();
    SAMPLE(customer, schema, 1, columnIndex(schema, 1, u"customer_id"_s), 42);
    QCOMPARE(customer.kind, ColumnStatistics::Kind::Numeric);
    QVERIFY(customer.min.toLongLong() >= 1 && customer.max.toLongLong() <= 1000000);
    QCOMPARE(histogramTotal(customer), customer.rowsSampled);
}

void TestColumnStatistics::cancelStops()
{
    const Schema schema = shop();
    std::atomic<bool> cancel{true};
    const auto result = ColumnStatistics::sample(schema, 1, 4, 42, 100000, &cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
}

void TestColumnStatistics::invalidIndexIsAnError()
{
    const Schema schema = shop();
    QCOMPARE(ColumnStatistics::sample(schema, 2, 0, 42).error().code, ErrorCode::NotFound);
    QCOMPARE(ColumnStatistics::sample(schema, 1, 99, 42).error().code, ErrorCode::NotFound);
    QCOMPARE(ColumnStatistics::sample(schema, -1, 0, 42).error().code, ErrorCode::NotFound);
    Schema broken = schema; // an error of the schema comes back as the validator's message
    broken.tables[1].columns[4].constraints.remove(u"values"_s);
    const auto result = ColumnStatistics::sample(broken, 1, 4, 42);
    QVERIFY(!result.ok());
    QVERIFY(!result.error().message.isEmpty());
}

void TestColumnStatistics::dateTimeFormatReadsBack_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("iso") << u"yyyy-MM-dd HH:mm:ss"_s;
    QTest::newRow("millis and offset") << u"yyyy-MM-ddTHH:mm:ss.zzzt"_s;
    QTest::newRow("no separators") << u"yyyyMMddHHmmss"_s;
    QTest::newRow("twelve hours") << u"d/M/yyyy h:m:s AP"_s;
    QTest::newRow("quoted") << u"'day' dd 'of' MM, yy; hh.mm ap"_s;
}

void TestColumnStatistics::dateTimeFormatReadsBack()
{
    QFETCH(QString, pattern);
    const DateTimeFormat format = DateTimeFormat::compile(pattern);
    const bool seconds = pattern.contains(u's');
    for (const CivilTime &time :
         {CivilTime{2024, 2, 29, 0, 5, 9, 7, 3600}, CivilTime{1999, 12, 31, 12, 59, 59, 999, -19800},
          CivilTime{2015, 7, 4, 23, 0, 0, 0, 0}, CivilTime{2068, 1, 1, 13, 1, 1, 0, 0}}) {
        ByteBuffer out;
        format.append(time, out);
        const std::string_view text(out.data(), out.size());
        const std::optional<CivilTime> back = format.parse(text);
        QVERIFY2(back, out.data());
        QCOMPARE(back->year, time.year);
        QCOMPARE(back->month, time.month);
        QCOMPARE(back->day, time.day);
        QCOMPARE(back->hour, time.hour);
        QCOMPARE(back->minute, time.minute);
        QCOMPARE(back->second, seconds ? time.second : 0);
        QCOMPARE(back->millisecond, pattern.contains(u'z') ? time.millisecond : 0);
        QCOMPARE(back->offsetSeconds, pattern.contains(u't') ? time.offsetSeconds : 0);
    }
    QVERIFY(!format.parse("garbage"));
    QVERIFY(!DateTimeFormat::compile(u"yyyy-MM-dd"_s).parse("2024-13-01"));
    QVERIFY(!DateTimeFormat::compile(u"yyyy-MM-dd"_s).parse("2024-12-01 "));
}

QTEST_GUILESS_MAIN(TestColumnStatistics)
#include "tst_column_statistics.moc"
