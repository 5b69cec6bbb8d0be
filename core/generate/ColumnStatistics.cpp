#include "ColumnStatistics.h"

#include "RowWindow.h"
#include "DateTimeFormat.h"
#include "Plan.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace fabrica {

namespace {

constexpr int kChunkRows = 8192;

// A run of consecutive rows to generate.
struct Block
{
    qint64 first = 0;
    int rows = 0;
};

// All rows when the table has no more than wanted; otherwise wanted rows in some 500 short blocks spread
// evenly over the table, so sequences, dates drawn by row and foreign keys with a cardinality show their
// whole range (not the table's first rows), and a histogram over the rows' order stays flat, not combed.
std::vector<Block> sampleBlocks(qint64 tableRows, qint64 wanted)
{
    std::vector<Block> blocks;
    if (tableRows <= 0 || wanted <= 0)
        return blocks;
    // Each fillChunk() call has a fixed cost of its own: 500 calls cost a few dozen milliseconds.
    const qint64 blockRows = std::clamp<qint64>(wanted / 512, 32, kChunkRows);
    const qint64 count = (wanted + blockRows - 1) / blockRows;
    if (tableRows < wanted + count) { // (nearly) the whole table: the first rows, in chunks
        const qint64 rows = std::min(tableRows, wanted);
        for (qint64 first = 0; first < rows; first += kChunkRows)
            blocks.push_back(Block{first, int(std::min<qint64>(kChunkRows, rows - first))});
        return blocks;
    }
    // Block b starts at b/count of the table (the last one ends at its last row) and holds its even share
    // of the wanted rows; the stride (at least tableRows / count rows) is longer than a block, so no row is
    // drawn twice.
    for (qint64 b = 0; b < count; ++b) {
        const qint64 rows = qint64((__int128(wanted) * (b + 1)) / count - (__int128(wanted) * b) / count);
        const qint64 first = b + 1 == count ? tableRows - rows : qint64((__int128(tableRows) * b) / count);
        blocks.push_back(Block{first, int(rows)});
    }
    return blocks;
}

QByteArray bytesOf(std::string_view value)
{
    return QByteArray(value.data(), qsizetype(value.size()));
}

// The column a value really comes from: a foreign key writes its parent's keys, so a key to a date is
// read as a date and a key to a number as a number.
struct Source
{
    const ColumnPlan *column = nullptr;
    const Column *schemaColumn = nullptr;
};

Source sourceOf(const Plan &plan, int table, int column)
{
    Source source{&plan.tables()[std::size_t(table)].columns[std::size_t(column)], nullptr};
    int sourceTable = table;
    int sourceColumn = column;
    // A chain of keys is at most as long as the schema has tables; the bound only guards against a cycle.
    for (std::size_t hops = 0; hops <= plan.tables().size() && source.column->parentTable >= 0; ++hops) {
        const TablePlan &parent = plan.tables()[std::size_t(source.column->parentTable)];
        const auto found =
            std::find_if(parent.columns.begin(), parent.columns.end(), [&](const ColumnPlan &c) {
                return c.name.compare(source.column->parentColumn, Qt::CaseInsensitive) == 0;
            });
        if (found == parent.columns.end())
            break;
        sourceTable = source.column->parentTable;
        sourceColumn = int(found - parent.columns.begin());
        source.column = &*found;
    }
    const TablePlan &tablePlan = plan.tables()[std::size_t(sourceTable)];
    source.schemaColumn = &plan.schema().tables.at(tablePlan.schemaIndex).columns.at(sourceColumn);
    return source;
}

ColumnStatistics::Kind kindOf(const Source &source)
{
    const DataType *type = source.column->type;
    const ValueClass valueClass = source.column->generator->valueClass();
    if (valueClass == ValueClass::Number || (type && type->category == QLatin1String("number")))
        return ColumnStatistics::Kind::Numeric;
    if (type && type->category == QLatin1String("datetime"))
        return ColumnStatistics::Kind::Temporal;
    if (valueClass == ValueClass::Boolean ||
        (type && (type->key(keys::values) || type->id == QLatin1String("sample"))))
        return ColumnStatistics::Kind::Categorical;
    return ColumnStatistics::Kind::Text;
}

// A constraint of column, or its type's default.
QJsonValue constraint(const Column &column, const DataType *type, const QString &key)
{
    const QJsonValue given = column.constraints.value(key);
    if (!given.isUndefined() || !type)
        return given;
    const ConstraintKey *spec = TypeRegistry::instance().key(*type, key);
    return spec ? spec->defaultValue : QJsonValue(QJsonValue::Undefined);
}

// The share of the non-null values the schema asks each value to get, keyed by the value's UTF-8 bytes;
// empty when the column does not ask for shares (or a unique column takes every value once regardless).
QHash<QByteArray, double> requestedShares(const ColumnPlan &plan, const Column &column)
{
    QHash<QByteArray, double> shares;
    const DataType *type = plan.type;
    if (!type || plan.unique || plan.parentTable >= 0)
        return shares;
    if (type->id == QLatin1String("enum")) {
        const QJsonArray values = column.constraints.value(keys::values).toArray();
        const QJsonArray weights = column.constraints.value(keys::weights).toArray();
        double total = 0;
        for (qsizetype i = 0; i < values.size(); ++i)
            total += weights.isEmpty() ? 1.0 : std::max(0.0, weights.at(i).toDouble());
        for (qsizetype i = 0; total > 0 && i < values.size(); ++i)
            shares[values.at(i).toString().toUtf8()] +=
                (weights.isEmpty() ? 1.0 : std::max(0.0, weights.at(i).toDouble())) / total;
    } else if (plan.generator->valueClass() == ValueClass::Boolean) {
        const double truePercent =
            std::clamp(constraint(column, type, QStringLiteral("truePercent")).toDouble(50), 0.0, 100.0);
        shares.insert(QByteArrayLiteral("true"), truePercent / 100.0);
        shares.insert(QByteArrayLiteral("false"), 1.0 - truePercent / 100.0);
    } else if (type->id == QLatin1String("sample") && !column.samples.isEmpty()) {
        // "observed" repeats samples as often as they were seen; "uniform" gives each distinct one the same.
        const bool observed =
            constraint(column, type, QStringLiteral("frequency")).toString() == QLatin1String("observed");
        QHash<QByteArray, double> counts;
        for (const QString &sample : column.samples)
            counts[sample.toUtf8()] = observed ? counts.value(sample.toUtf8()) + 1 : 1;
        double total = 0;
        for (const double count : std::as_const(counts))
            total += count;
        // A blend gives that share of the rows new values: the samples share the rest.
        const double drawn =
            1.0 - std::clamp(constraint(column, type, QStringLiteral("blend")).toDouble(0), 0.0, 1.0);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            shares.insert(it.key(), drawn * it.value() / total);
    }
    return shares;
}

std::optional<double> parseNumber(std::string_view text)
{
    double value = 0;
    const char *end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Reads a temporal column's values (in its own format) as whole numbers of its unit: days since
// 1970-01-01, milliseconds of the day, or milliseconds since the epoch in UTC.
class TemporalReader
{
public:
    enum class Unit { Day, TimeOfDay, Instant };

    TemporalReader(const Column &column, const DataType *type)
        : m_format(DateTimeFormat::compile(constraint(column, type, QStringLiteral("format")).toString()))
    {
        const ConstraintKey *min = type ? type->key(QStringLiteral("min")) : nullptr;
        m_unit = !min || min->kind == ValueKind::Timestamp ? Unit::Instant
                 : min->kind == ValueKind::Date            ? Unit::Day
                                                           : Unit::TimeOfDay;
    }

    Unit unit() const { return m_unit; }
    // The step between neighbouring values, in the unit, for bins that hold whole steps.
    qint64 step() const { return m_unit == Unit::Day || m_format.usesMilliseconds() ? 1 : 1000; }

    std::optional<qint64> read(std::string_view text) const
    {
        const std::optional<CivilTime> time = m_format.parse(text);
        if (!time)
            return std::nullopt;
        const qint64 ofDay =
            (qint64(time->hour) * 3600 + time->minute * 60 + time->second) * 1000 + time->millisecond;
        switch (m_unit) {
        case Unit::Day:
            return DateTimeFormat::daysFromCivil(time->year, time->month, time->day);
        case Unit::TimeOfDay:
            return ofDay;
        case Unit::Instant:
            return DateTimeFormat::daysFromCivil(time->year, time->month, time->day) * 86400000 + ofDay -
                   qint64(time->offsetSeconds) * 1000;
        }
        return std::nullopt;
    }

    // Milliseconds (since the epoch, or of the day) of a value in the unit, for Bin::low / high.
    double milliseconds(qint64 value) const
    {
        return m_unit == Unit::Day ? double(value) * 86400000.0 : double(value);
    }

    // A bin bound as the user reads it: ISO dates, times of day, "date hh:mm" for instants (UTC).
    QString text(qint64 value) const
    {
        auto twoDigits = [](qint64 n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
        auto date = [&](qint64 days) {
            int year = 0, month = 0, day = 0;
            DateTimeFormat::civilFromDays(days, year, month, day);
            return QStringLiteral("%1-%2-%3")
                .arg(year, 4, 10, QLatin1Char('0'))
                .arg(twoDigits(month), twoDigits(day));
        };
        if (m_unit == Unit::Day)
            return date(value);
        const qint64 days = value >= 0 ? value / 86400000 : -((-value + 86399999) / 86400000);
        const qint64 ofDay = value - days * 86400000;
        const QString time = twoDigits(ofDay / 3600000) + QLatin1Char(':') + twoDigits(ofDay / 60000 % 60);
        if (m_unit == Unit::TimeOfDay)
            return time + QLatin1Char(':') + twoDigits(ofDay / 1000 % 60);
        return date(days) + QLatin1Char(' ') + time;
    }

private:
    DateTimeFormat m_format;
    Unit m_unit = Unit::Instant;
};

// A step of 1, 2 or 5 times a power of ten at least raw: bin bounds people read at a glance.
double niceStep(double raw, bool integral)
{
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double step = factor * magnitude;
        if (step >= raw * (1 - 1e-9) && (!integral || std::floor(step) == step))
            return std::max(step, integral ? 1.0 : 0.0);
    }
    return 10 * magnitude;
}

// Bins of whole steps over [min, max] (whole numbers, days, seconds): one per value when there are few,
// else widths that divide the range evenly when one is near, else round widths.
struct IntegralLayout
{
    qint64 start = 0;
    qint64 width = 1; // in values (multiples of the step)
    int bins = 1;
};

IntegralLayout integralLayout(qint64 min, qint64 max, qint64 step, bool roundWidths)
{
    IntegralLayout layout;
    const qint64 values = (max - min) / step + 1;
    layout.start = min;
    if (values <= ColumnStatistics::histogramBins) {
        layout.bins = int(values);
        return layout;
    }
    const qint64 least = (values + ColumnStatistics::histogramBins - 1) / ColumnStatistics::histogramBins;
    for (qint64 width = least; width <= 2 * least && width - least < 2000; ++width) {
        if (values % width == 0) { // every bin covers the same number of values
            layout.width = width;
            layout.bins = int(values / width);
            return layout;
        }
    }
    if (roundWidths) { // whole numbers (step 1): bounds at multiples of a round width
        layout.width = qint64(niceStep(double(least), true));
        layout.start = qint64(std::floor(double(min) / double(layout.width))) * layout.width;
    } else {
        layout.width = least;
    }
    layout.bins = int((max - layout.start) / step / layout.width + 1);
    return layout;
}

QString numberText(double value)
{
    // 12 significant digits hide the binary noise of start + i * width.
    return QString::number(value, 'g', 12);
}

// The bins of integralLayout() over values in steps of step, cut to the values' range; scale turns a value
// into Bin::low / high, text(v) writes a bound.
template<typename Text>
void integralBins(ColumnStatistics &result, const std::vector<qint64> &values, qint64 step, bool roundWidths,
                  double scale, Text &&text)
{
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const IntegralLayout layout = integralLayout(*low, *high, step, roundWidths);
    const qint64 span = layout.width * step;
    for (int b = 0; b < layout.bins; ++b) {
        const qint64 from = std::max(*low, layout.start + qint64(b) * span);
        const qint64 last = std::min(*high, layout.start + qint64(b + 1) * span - step); // inclusive
        ColumnStatistics::Bin bin;
        bin.low = double(from) * scale;
        bin.high = double(last) * scale;
        bin.lowText = text(from);
        bin.highText = text(last);
        bin.span = double((last - from) / step + 1) / double(layout.width);
        result.histogram.append(bin);
    }
    for (const qint64 v : values)
        ++result.histogram[int((v - layout.start) / span)].count;
}

void fillNumericHistogram(ColumnStatistics &result, const std::vector<double> &values)
{
    if (values.empty())
        return;
    const bool integral = std::all_of(values.begin(), values.end(),
                                      [](double v) { return std::floor(v) == v && std::abs(v) < 4.0e18; });
    if (integral) {
        const std::vector<qint64> whole(values.begin(), values.end());
        integralBins(result, whole, 1, true, 1.0, [](qint64 v) { return QString::number(v); });
        return;
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double width = niceStep((*high - *low) / ColumnStatistics::histogramBins, false);
    const double start = std::floor(*low / width) * width;
    const int bins = std::max(1, int(std::ceil((*high - start) / width - 1e-9)));
    for (int b = 0; b < bins; ++b) {
        const double from = start + b * width;
        ColumnStatistics::Bin bin;
        bin.low = from;
        bin.high = from + width;
        bin.lowText = numberText(from);
        bin.highText = numberText(from + width);
        result.histogram.append(bin);
    }
    for (const double v : values) // the largest value closes the last bin
        ++result.histogram[std::clamp(int((v - start) / width), 0, bins - 1)].count;
}

void fillTemporalHistogram(ColumnStatistics &result, const TemporalReader &reader,
                           const std::vector<qint64> &values)
{
    if (values.empty())
        return;
    integralBins(result, values, reader.step(), false, reader.milliseconds(1),
                 [&reader](qint64 v) { return reader.text(v); });
}

void fillTopValues(ColumnStatistics &result, const QHash<QByteArray, qint64> &counts,
                   const QHash<QByteArray, double> &requested)
{
    std::vector<std::pair<QByteArray, qint64>> sorted;
    sorted.reserve(std::size_t(counts.size()));
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        sorted.emplace_back(it.key(), it.value());
    // Values the schema asks for but the sample never drew belong on the chart too, with count 0.
    for (auto it = requested.cbegin(); it != requested.cend(); ++it) {
        if (it.value() > 0 && !counts.contains(it.key()))
            sorted.emplace_back(it.key(), 0);
    }
    std::sort(sorted.begin(), sorted.end(), [&](const auto &a, const auto &b) {
        if (a.second != b.second)
            return a.second > b.second;
        const double ra = requested.value(a.first), rb = requested.value(b.first);
        return ra != rb ? ra > rb : a.first < b.first;
    });
    const qint64 nonNull = result.nonNull();
    result.hasRequested = !requested.isEmpty();
    double requestedShown = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const auto &[value, count] = sorted[i];
        if (i < std::size_t(ColumnStatistics::maxTopValues)) {
            ColumnStatistics::TopValue top;
            top.value = QString::fromUtf8(value);
            top.count = count;
            top.share = nonNull > 0 ? double(count) / double(nonNull) : 0;
            if (result.hasRequested) {
                top.requested = requested.value(value);
                requestedShown += *top.requested;
            }
            result.topValues.append(top);
        } else {
            result.otherCount += count;
            result.otherDistinct += count > 0 ? 1 : 0;
        }
    }
    result.otherShare = nonNull > 0 ? double(result.otherCount) / double(nonNull) : 0;
    if (result.hasRequested && sorted.size() > std::size_t(ColumnStatistics::maxTopValues))
        result.otherRequested = std::max(0.0, 1.0 - requestedShown);
}

} // namespace

Result<ColumnStatistics> ColumnStatistics::sample(const Schema &schema, int table, int column, quint64 seed,
                                                  qint64 rows, const std::atomic<bool> *cancel)
{
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (table < 0 || table >= schema.tables.size() || column < 0 ||
        column >= schema.tables.at(table).columns.size())
        return makeError(ErrorCode::NotFound, tr("the schema has no such column to describe"));
    int tableInReduced = -1;
    const Schema small = RowWindow::reduced(schema, table, &tableInReduced);
    const Result<std::shared_ptr<const Plan>> compiled = Plan::compile(small, Plan::Options{seed, {}});
    if (!compiled)
        return compiled.error();
    const Plan &plan = **compiled;
    int planTable = -1;
    for (std::size_t t = 0; t < plan.tables().size(); ++t) {
        if (plan.tables()[t].schemaIndex == tableInReduced)
            planTable = int(t);
    }
    Q_ASSERT(planTable >= 0);
    const TablePlan &tablePlan = plan.tables()[std::size_t(planTable)];
    const ColumnPlan &columnPlan = tablePlan.columns[std::size_t(column)];
    const Source source = sourceOf(plan, planTable, column);

    ColumnStatistics result;
    result.table = tablePlan.name;
    result.column = columnPlan.name;
    result.type = schema.tables.at(table).columns.at(column).type;
    result.kind = kindOf(source);
    result.tableRows = tablePlan.rows;
    result.requestedNullShare = columnPlan.nullRate;

    const TemporalReader temporal(*source.schemaColumn, source.column->type);
    QHash<QByteArray, qint64> counts;
    std::vector<double> numbers;
    std::vector<qint64> instants;
    std::optional<double> lowNumber, highNumber;
    std::optional<qint64> lowInstant, highInstant;
    QByteArray lowText, highText; // the values behind min and max, as written
    bool anyValue = false;
    TableChunk chunk;
    for (const Block &block : sampleBlocks(tablePlan.rows, std::max<qint64>(rows, 0))) {
        if (cancelled())
            return makeError(ErrorCode::Cancelled, tr("column statistics were cancelled"));
        plan.fillChunk(planTable, block.first, block.rows, chunk);
        const ColumnChunk &values = chunk.columns[std::size_t(column)];
        result.rowsSampled += values.size();
        for (int row = 0; row < values.size(); ++row) {
            if (values.isNull(row)) {
                ++result.nulls;
                continue;
            }
            const std::string_view value = values.value(row);
            QByteArray bytes = bytesOf(value);
            ++counts[bytes];
            // min and max by the kind's order; text in byte order (which is code point order in UTF-8).
            if (result.kind == Kind::Numeric) {
                if (const std::optional<double> number = parseNumber(value)) {
                    numbers.push_back(*number);
                    if (!lowNumber || *number < *lowNumber)
                        lowNumber = *number, lowText = bytes;
                    if (!highNumber || *number > *highNumber)
                        highNumber = *number, highText = bytes;
                }
            } else if (result.kind == Kind::Temporal) {
                if (const std::optional<qint64> instant = temporal.read(value)) {
                    instants.push_back(*instant);
                    if (!lowInstant || *instant < *lowInstant)
                        lowInstant = *instant, lowText = bytes;
                    if (!highInstant || *instant > *highInstant)
                        highInstant = *instant, highText = bytes;
                }
            } else {
                if (!anyValue || bytes < lowText)
                    lowText = bytes;
                if (!anyValue || bytes > highText)
                    highText = bytes;
            }
            anyValue = true;
        }
    }
    if (cancelled())
        return makeError(ErrorCode::Cancelled, tr("column statistics were cancelled"));

    // A format the reader cannot follow (or numbers in an unexpected form) leaves the values as text.
    if ((result.kind == Kind::Numeric && numbers.empty() && anyValue) ||
        (result.kind == Kind::Temporal && instants.empty() && anyValue)) {
        result.kind = Kind::Text;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (lowText.isNull() || it.key() < lowText)
                lowText = it.key();
            if (highText.isNull() || it.key() > highText)
                highText = it.key();
        }
    }
    result.nullShare = result.rowsSampled > 0 ? double(result.nulls) / double(result.rowsSampled) : 0;
    result.distinct = counts.size();
    result.min = QString::fromUtf8(lowText);
    result.max = QString::fromUtf8(highText);
    if (result.kind == Kind::Numeric)
        fillNumericHistogram(result, numbers);
    else if (result.kind == Kind::Temporal)
        fillTemporalHistogram(result, temporal, instants);
    else
        fillTopValues(result, counts,
                      requestedShares(columnPlan, schema.tables.at(table).columns.at(column)));
    return result;
}

} // namespace fabrica
