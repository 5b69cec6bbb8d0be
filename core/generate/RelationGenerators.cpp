// Generators of the relations between columns of a row ("after", "formula", "weightsBy";
// docs/schema-format.md, "Relations between columns"). They read the source columns' text from the chunk,
// which the Plan fills first, parsing it with the source column's own format: correct for any output format,
// and the cost stays with the relation columns. The column's own generator answers where the relation has no
// value to work from (a NULL source).
#include "CivilDates.h"
#include "DateTimeFormat.h"
#include "Distribution.h"
#include "FixedDecimal.h"
#include "FormulaProgram.h"
#include "GeneratorFactory.h"
#include "TextFormat.h"
#include "model/ConstraintKeys.h"
#include "types/FormulaSyntax.h"
#include "types/TypeRegistry.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTime>
#include <QTimeZone>

#include <cmath>
#include <limits>
#include <map>

namespace fabrica {

namespace {

// The column's own range, which holds inside the gap where the two overlap.
const QString kOwnMin = QStringLiteral("min");
const QString kOwnMax = QStringLiteral("max");

const QString kFormat = QStringLiteral("format");
constexpr qint64 kDayMs = 86400000;

// A constraint of another column of the table, or its type's default.
QJsonValue sourceValue(const Column &column, const QString &key)
{
    const QJsonValue given = column.constraints.value(key);
    if (!given.isUndefined())
        return given;
    const TypeRegistry &registry = TypeRegistry::instance();
    const DataType *type = registry.find(column.type);
    const ConstraintKey *spec = type ? registry.key(*type, key) : nullptr;
    return spec ? spec->defaultValue : QJsonValue(QJsonValue::Undefined);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return -floorDiv(-a, b);
}

// The gap [low, high] always holds; inside it, the column's own [floor, cap] where the two overlap, else
// the gap's end nearest to the column's range. A column without a min or max has the 64-bit limits there
// (floorBound(), capBound()), so each row needs no test whether it has one.
void narrow(qint64 &low, qint64 &high, qint64 floor, qint64 cap)
{
    const qint64 a = std::max(low, floor), b = std::min(high, cap);
    if (a <= b) {
        low = a;
        high = b;
    } else if (cap < low) {
        high = low;
    } else {
        low = high;
    }
}

// A value of the gap [low, high], narrowed by the column's own [floor, cap], spread as the gap's
// distribution (over [min, max] as written) says, or uniformly.
[[gnu::always_inline]] inline qint64 pickInGap(qint64 low, qint64 high, qint64 floor, qint64 cap,
                                               const std::optional<Distribution> &distribution, double min,
                                               double max, Random &random)
{
    narrow(low, high, floor, cap);
    if (high <= low)
        return low;
    if (!distribution)
        return random.between(low, high);
    const double fraction = max > min ? (distribution->sample(random) - min) / (max - min) : 0.0;
    return low + std::llround(std::clamp(fraction, 0.0, 1.0) * double(high - low));
}

qint64 floorBound(std::optional<qint64> floor)
{
    return floor.value_or(std::numeric_limits<qint64>::min());
}

qint64 capBound(std::optional<qint64> cap)
{
    return cap.value_or(std::numeric_limits<qint64>::max());
}

// The shared part: the column's own generator for rows the relation cannot compute, filled once per chunk
// and only when such a row occurs.
class RelationGenerator : public Generator
{
public:
    explicit RelationGenerator(GeneratorPtr base)
        : m_base(std::move(base))
    {}
    ValueClass valueClass() const override { return m_base->valueClass(); }
    std::string_view alphabet() const override { return m_base->alphabet(); }

protected:
    // The column's own values for this chunk, made on first use, with numbers when this column writes them.
    const ColumnChunk &fallback(GenerationContext &ctx, bool &made, bool numbers) const
    {
        thread_local ColumnChunk own;
        if (!made) {
            own.reset(ctx.rows);
            own.requestNumbers(numbers);
            m_base->fill(ctx, own);
            made = true;
        }
        return own;
    }
    // Appends row i of the column's own values; its number too, when it has one in the unit of this
    // column's numbers (else this chunk's numbers are dropped and readers parse the text).
    void appendFallback(GenerationContext &ctx, int i, bool &made, ColumnChunk &out,
                        std::int64_t *&numbers) const
    {
        const ColumnChunk &own = fallback(ctx, made, numbers != nullptr);
        out.bytes().append(own.value(i));
        out.finish();
        if (!numbers)
            return;
        if (own.numberUnit() == out.numberUnit() && own.numberScale() == out.numberScale())
            numbers[i] = own.number(i);
        else
            dropNumbers(out, numbers);
    }
    // Numbers for this column's readers stay only when every row has one.
    static void dropNumbers(ColumnChunk &out, std::int64_t *&numbers)
    {
        if (numbers)
            out.startNumbers(NumberUnit::None, 0);
        numbers = nullptr;
    }

    GeneratorPtr m_base;
};

// Reads the text of a date, time or timestamp column as wall-clock milliseconds (since 1970-01-01, or
// since midnight for time), in the source column's own format.
class TemporalReader
{
public:
    TemporalReader(const Column &source)
        : m_format(DateTimeFormat::compile(sourceValue(source, kFormat).toString()))
        , m_timeOfDay(source.type == QLatin1String("time"))
    {}
    std::optional<qint64> read(std::string_view text) const
    {
        const std::optional<CivilTime> time = m_format.parse(text);
        if (!time)
            return std::nullopt;
        const qint64 clock =
            ((qint64(time->hour) * 60 + time->minute) * 60 + time->second) * 1000 + time->millisecond;
        if (m_timeOfDay)
            return clock;
        return DateTimeFormat::daysFromCivil(time->year, time->month, time->day) * kDayMs + clock;
    }

    // Milliseconds per number of a source chunk's side channel; 0 when the text must be parsed.
    static qint64 millisecondsPer(NumberUnit unit)
    {
        switch (unit) {
        case NumberUnit::Days:
            return kDayMs;
        case NumberUnit::Seconds:
        case NumberUnit::TimeSeconds:
            return 1000;
        case NumberUnit::Milliseconds:
        case NumberUnit::TimeMillis:
            return 1;
        default:
            return 0;
        }
    }

private:
    DateTimeFormat m_format;
    bool m_timeOfDay;
};

// "after" on a date, time, timestamp or timestamptz column: the source's instant plus a gap.
class TemporalAfterGenerator : public RelationGenerator
{
public:
    enum class Kind { Date, Time, Timestamp };

    TemporalAfterGenerator(GeneratorPtr base, int source, TemporalReader reader, Kind kind,
                           DateTimeFormat format, QTimeZone zone, double min, double max, qint64 unitMs,
                           int months, std::optional<Distribution> distribution, std::optional<qint64> floor,
                           std::optional<qint64> cap)
        : RelationGenerator(std::move(base))
        , m_source(source)
        , m_reader(std::move(reader))
        , m_kind(kind)
        , m_format(std::move(format))
        , m_zone(std::move(zone))
        , m_utc(!m_zone.isValid() || m_zone == QTimeZone::utc())
        , m_resolution(kind == Kind::Date ? kDayMs : (m_format.usesMilliseconds() ? 1 : 1000))
        , m_unit(kind == Kind::Date   ? NumberUnit::Days
                 : kind == Kind::Time ? (m_resolution == 1 ? NumberUnit::TimeMillis : NumberUnit::TimeSeconds)
                                      : (m_resolution == 1 ? NumberUnit::Milliseconds : NumberUnit::Seconds))
        , m_dates(CivilDates::instance())
        , m_min(min)
        , m_max(max)
        , m_unitMs(unitMs)
        , m_months(months)
        , m_distribution(std::move(distribution))
        , m_floor(floorBound(floor))
        , m_cap(capBound(cap))
        // The gap's ends in whole months, in milliseconds and in whole days after a whole day, once.
        , m_lowMonths(qint64(std::ceil(min * months - 1e-9)))
        , m_highMonths(qint64(std::floor(max * months + 1e-9)))
        , m_lowMs(qint64(std::ceil(min * double(unitMs) - 1e-6)))
        , m_highMs(qint64(std::floor(max * double(unitMs) + 1e-6)))
        , m_lowUnits(ceilDiv(m_lowMs, m_resolution))
        , m_highUnits(floorDiv(m_highMs, m_resolution))
        , m_wholeYears(m_lowMonths % 12 == 0 && m_highMonths % 12 == 0)
    {}

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        // The kind and resolution are constants of each loop, so its per-row arithmetic divides by constants.
        switch (m_kind) {
        case Kind::Date:
            return fillAs<Kind::Date, kDayMs>(ctx, out);
        case Kind::Time:
            return m_resolution == 1 ? fillAs<Kind::Time, 1>(ctx, out) : fillAs<Kind::Time, 1000>(ctx, out);
        case Kind::Timestamp:
            return m_resolution == 1 ? fillAs<Kind::Timestamp, 1>(ctx, out)
                                     : fillAs<Kind::Timestamp, 1000>(ctx, out);
        }
    }

private:
    // Its helpers are inlined by force: five instantiations exceed the compiler's own inlining budget.
    template<Kind K, qint64 Resolution> void fillAs(GenerationContext &ctx, ColumnChunk &out) const
    {
        const ColumnChunk &source = ctx.chunk.columns[std::size_t(m_source)];
        const qint64 perNumber = TemporalReader::millisecondsPer(source.numberUnit());
        // Source numbers in whole units of this column: worked on as they are.
        const qint64 ratio = perNumber && perNumber % Resolution == 0 ? perNumber / Resolution : 0;
        const bool whole = ratio && (m_months == 0 || (K == Kind::Date && ratio == 1));
        // A zone's wall clock is no instant: as the column's own generator, leave readers the text then.
        std::int64_t *numbers = out.wantsNumbers() && m_utc ? out.startNumbers(m_unit, ctx.rows) : nullptr;
        bool made = false;
        ByteBuffer &bytes = out.bytes();
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            if (source.isNull(i)) {
                appendFallback(ctx, i, made, out, numbers);
                continue;
            }
            qint64 value;
            if (whole) {
                Random random = ctx.random(i);
                value = drawUnits<K, Resolution>(source.number(i) * ratio, random);
            } else {
                const std::optional<qint64> start = perNumber
                                                        ? std::optional<qint64>(source.number(i) * perNumber)
                                                        : m_reader.read(source.value(i));
                if (!start) {
                    appendFallback(ctx, i, made, out, numbers);
                    continue;
                }
                Random random = ctx.random(i);
                value = draw<K, Resolution>(*start, random);
            }
            if (numbers)
                numbers[i] = value;
            write<K, Resolution>(value, bytes);
            out.finish();
        }
    }

    // Adds whole calendar months to a day, keeping the day of the month where the month has it (31 Jan +
    // 1 month = 28/29 Feb).
    [[gnu::always_inline]] qint64 addMonthsToDay(const CivilTime &civil, qint64 months) const
    {
        const qint64 index = qint64(civil.year) * 12 + (civil.month - 1) + months;
        const int newYear = int(floorDiv(index, 12)), newMonth = int(index - qint64(newYear) * 12) + 1;
        int day = civil.day;
        if (day > 28) { // the month may be shorter: 31 Jan + 1 month = 28/29 Feb
            static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            const bool leap = (newYear % 4 == 0 && newYear % 100 != 0) || newYear % 400 == 0;
            day = std::min(day, newMonth == 2 && leap ? 29 : lengths[newMonth - 1]);
        }
        return m_dates.days(newYear, newMonth, day);
    }
    // The same for whole years (the common "years" gap): the month stays, only 29 Feb may become 28.
    [[gnu::always_inline]] qint64 addYearsToDay(const CivilTime &civil, int years) const
    {
        const int newYear = civil.year + years;
        int day = civil.day;
        if (civil.month == 2 && day == 29 &&
            !((newYear % 4 == 0 && newYear % 100 != 0) || newYear % 400 == 0))
            day = 28;
        return m_dates.days(newYear, civil.month, day);
    }
    qint64 addMonthsToDay(qint64 day, qint64 months) const
    {
        CivilTime civil;
        m_dates.civil(day, civil);
        return addMonthsToDay(civil, months);
    }
    qint64 addMonths(qint64 ms, qint64 months) const
    {
        const qint64 day = floorDiv(ms, kDayMs), clock = ms - day * kDayMs;
        return addMonthsToDay(day, months) * kDayMs + clock;
    }

    // The common case without millisecond arithmetic: the source in whole units of this column (a date
    // after a date, a timestamp after a timestamp of the same resolution).
    template<Kind K, qint64 Resolution>
    [[gnu::always_inline]] qint64 drawUnits(qint64 start, Random &random) const
    {
        qint64 low, high;
        if (K == Kind::Date && m_months > 0) { // whole units with months: only for a date after a date
            CivilTime civil;
            m_dates.civil(start, civil);
            if (m_wholeYears) {
                low = addYearsToDay(civil, int(m_lowMonths / 12));
                high = addYearsToDay(civil, int(m_highMonths / 12));
            } else {
                low = addMonthsToDay(civil, m_lowMonths);
                high = addMonthsToDay(civil, m_highMonths);
            }
        } else {
            low = start + m_lowUnits;
            high = start + m_highUnits;
            if (K == Kind::Time) // a time of day cannot pass midnight
                high = std::min(high, (kDayMs - 1) / Resolution);
        }
        return pick(low, high, random);
    }

    // The value in the column's resolution (days, seconds or milliseconds): at least start + min, at most
    // start + max, and not past the column's own max when the gap leaves room.
    template<Kind K, qint64 Resolution> [[gnu::always_inline]] qint64 draw(qint64 start, Random &random) const
    {
        qint64 lower, upper;
        if (m_months > 0) {
            lower = addMonths(start, m_lowMonths);
            upper = addMonths(start, m_highMonths);
        } else {
            lower = start + m_lowMs;
            upper = start + m_highMs;
        }
        qint64 low = ceilDiv(lower, Resolution), high = floorDiv(upper, Resolution);
        if (K == Kind::Time) // a time of day cannot pass midnight
            high = std::min(high, (kDayMs - 1) / Resolution);
        return pick(low, high, random);
    }

    [[gnu::always_inline]] qint64 pick(qint64 low, qint64 high, Random &random) const
    {
        return pickInGap(low, high, m_floor, m_cap, m_distribution, m_min, m_max, random);
    }

    template<Kind K, qint64 Resolution> [[gnu::always_inline]] void write(qint64 value, ByteBuffer &out) const
    {
        CivilTime time;
        if constexpr (K == Kind::Date) {
            m_dates.civil(value, time);
            m_format.append(time, out);
            return;
        }
        // The day and the units into it, in the column's resolution: whole seconds need no milliseconds.
        constexpr qint64 perDay = kDayMs / Resolution;
        const qint64 day = floorDiv(value, perDay), clock = value - day * perDay;
        if constexpr (K == Kind::Timestamp) {
            m_dates.civil(day, time);
            if (!m_utc) // the wall clock of the zone; its offset for the 't' token
                time.offsetSeconds =
                    m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(value * Resolution, Qt::UTC));
        }
        // 0 … 86399 (floorDiv leaves the clock non-negative): unsigned 32-bit division is the cheapest.
        const auto seconds = std::uint32_t(clock * Resolution / 1000);
        time.hour = int(seconds / 3600);
        time.minute = int(seconds / 60 % 60);
        time.second = int(seconds % 60);
        time.millisecond = int(clock * Resolution % 1000);
        m_format.append(time, out);
    }

    int m_source;
    TemporalReader m_reader;
    Kind m_kind;
    DateTimeFormat m_format;
    QTimeZone m_zone;
    bool m_utc;
    qint64 m_resolution; // milliseconds per unit of the column's values
    NumberUnit m_unit;   // the values' unit for readers of this column
    const CivilDates &m_dates;
    double m_min, m_max; // the gap, in its unit
    qint64 m_unitMs;     // milliseconds per gap unit (for seconds … days)
    int m_months;        // months per gap unit (months, years), else 0
    std::optional<Distribution> m_distribution;
    qint64 m_floor, m_cap; // the column's own min and max, in its resolution (or the 64-bit limits)
    qint64 m_lowMonths, m_highMonths, m_lowMs, m_highMs, m_lowUnits, m_highUnits;
    bool m_wholeYears; // the gap's ends are whole years
};

// "after" on a number column: the source's value plus a gap in the column's units, at the column's scale.
class NumberAfterGenerator : public RelationGenerator
{
public:
    NumberAfterGenerator(GeneratorPtr base, int source, int scale, qint64 gapMin, qint64 gapMax, double min,
                         double max, std::optional<Distribution> distribution, std::optional<qint64> floor,
                         std::optional<qint64> cap)
        : RelationGenerator(std::move(base))
        , m_source(source)
        , m_scale(scale)
        , m_gapMin(gapMin)
        , m_gapMax(gapMax)
        , m_min(min)
        , m_max(max)
        , m_distribution(std::move(distribution))
        , m_floor(floorBound(floor))
        , m_cap(capBound(cap))
    {}

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        const ColumnChunk &source = ctx.chunk.columns[std::size_t(m_source)];
        const bool scaled = source.numberUnit() == NumberUnit::Scaled;
        std::int64_t *numbers =
            out.wantsNumbers() ? out.startNumbers(NumberUnit::Scaled, ctx.rows, m_scale) : nullptr;
        bool made = false;
        ByteBuffer &bytes = out.bytes();
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            std::optional<FixedDecimal> start;
            if (!source.isNull(i))
                start =
                    scaled ? std::optional<FixedDecimal>(FixedDecimal(source.number(i), source.numberScale()))
                           : FixedDecimal::parse(source.value(i));
            std::optional<qint64> value;
            if (start) {
                Random random = ctx.random(i);
                value = draw(*start, random);
            }
            if (!value) {
                appendFallback(ctx, i, made, out, numbers);
                continue;
            }
            if (numbers)
                numbers[i] = *value;
            text::appendDecimal(bytes, *value, m_scale);
            out.finish();
        }
    }

private:
    std::optional<qint64> draw(const FixedDecimal &start, Random &random) const
    {
        // The source at the column's scale, rounded up for the lower bound and down for the upper one.
        FixedDecimal::Wide floor = start.mantissa(), ceil = start.mantissa();
        if (start.scale() > m_scale) {
            const FixedDecimal::Wide divisor = FixedDecimal::power(start.scale() - m_scale);
            floor = start.mantissa() / divisor - ((start.mantissa() % divisor != 0) && start.mantissa() < 0);
            ceil = floor + (start.mantissa() % divisor != 0);
        } else if (start.scale() < m_scale) {
            floor = ceil = start.mantissa() * FixedDecimal::power(m_scale - start.scale());
        }
        const FixedDecimal::Wide lowWide = ceil + m_gapMin, highWide = floor + m_gapMax;
        constexpr FixedDecimal::Wide limit = std::numeric_limits<qint64>::max();
        if (lowWide > limit || lowWide < -limit || highWide > limit || highWide < -limit)
            return std::nullopt;
        qint64 low = qint64(lowWide), high = qint64(highWide);
        return pickInGap(low, high, m_floor, m_cap, m_distribution, m_min, m_max, random);
    }

    int m_source;
    int m_scale;
    qint64 m_gapMin, m_gapMax; // the gap in units of 10^-scale
    double m_min, m_max;       // the gap as written, for the distribution
    std::optional<Distribution> m_distribution;
    qint64 m_floor, m_cap; // the column's own min and max, in units of 10^-scale (or the 64-bit limits)
};

// "formula": exact fixed-point arithmetic over the source columns' numbers (their text where they have
// none), rounded to the column's scale. Most chunks run the compiled 64-bit FormulaProgram; the rows it
// cannot compute, and chunks without numbers, take the exact 128-bit evaluation.
class FormulaGenerator : public RelationGenerator
{
public:
    using Step = FormulaProgram::Step;

    FormulaGenerator(GeneratorPtr base, std::vector<Step> steps, int scale, bool notNull,
                     const std::vector<int> &sourceScales)
        : RelationGenerator(std::move(base))
        , m_steps(std::move(steps))
        , m_scale(scale)
        , m_notNull(notNull)
        , m_program(m_steps, sourceScales, scale)
    {}

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        bool made = false;
        std::int64_t *numbers =
            out.wantsNumbers() ? out.startNumbers(NumberUnit::Scaled, ctx.rows, m_scale) : nullptr;
        if (!m_program.accepts(ctx.chunk)) {
            for (int i = 0; i < ctx.rows; ++i) {
                if (ctx.isNull(i))
                    out.appendNull();
                else
                    appendExact(ctx, i, made, out, numbers);
            }
            return;
        }
        // Reused by every chunk of this thread (the fallback's generator is no formula, so no reentry).
        thread_local std::vector<std::int64_t> values;
        thread_local std::vector<std::uint8_t> exact;
        if (values.size() < std::size_t(ctx.rows)) {
            values.resize(std::size_t(ctx.rows));
            exact.resize(std::size_t(ctx.rows));
        }
        m_program.run(ctx.chunk, ctx.rows, values.data(), exact.data());
        ByteBuffer &bytes = out.bytes();
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
            } else if (exact[std::size_t(i)]) {
                appendExact(ctx, i, made, out, numbers);
            } else { // most rows: computed in 64 bits, straight to the text
                const std::int64_t value = values[std::size_t(i)];
                if (numbers)
                    numbers[i] = value;
                text::appendDecimal(bytes, value, m_scale);
                out.finish();
            }
        }
    }

private:
    // Row i by the exact evaluation: its value, else NULL or (for a NOT NULL column) the column's own.
    void appendExact(GenerationContext &ctx, int i, bool &made, ColumnChunk &out,
                     std::int64_t *&numbers) const
    {
        if (const std::optional<FixedDecimal> value = evaluate(ctx.chunk, i)) {
            if (numbers) {
                constexpr FixedDecimal::Wide limit = std::numeric_limits<std::int64_t>::max();
                if (value->mantissa() > limit || value->mantissa() < -limit)
                    dropNumbers(out, numbers);
                else
                    numbers[i] = std::int64_t(value->mantissa());
            }
            value->append(out.bytes());
            out.finish();
        } else if (m_notNull) {
            appendFallback(ctx, i, made, out, numbers);
        } else {
            out.appendNull();
        }
    }

    // The row's value at the column's scale; nullopt for a NULL source, a division by zero or an overflow.
    std::optional<FixedDecimal> evaluate(const TableChunk &chunk, int row) const
    {
        using Kind = FormulaSyntax::Token::Kind;
        FixedDecimal stack[64];
        int depth = 0;
        for (const Step &step : m_steps) {
            std::optional<FixedDecimal> result;
            switch (step.kind) {
            case Kind::Column: {
                const ColumnChunk &source = chunk.columns[std::size_t(step.column)];
                if (source.isNull(row))
                    return std::nullopt;
                if (source.numberUnit() == NumberUnit::Scaled)
                    result = FixedDecimal(source.number(row), source.numberScale());
                else
                    result = FixedDecimal::parse(source.value(row));
                break;
            }
            case Kind::Number:
                result = step.literal;
                break;
            case Kind::Negate:
                result = stack[--depth].negated();
                break;
            case Kind::Add:
            case Kind::Subtract:
                depth -= 2;
                result = FixedDecimal::add(stack[depth], stack[depth + 1], step.kind == Kind::Subtract);
                break;
            case Kind::Multiply:
                depth -= 2;
                result = FixedDecimal::multiply(stack[depth], stack[depth + 1]);
                break;
            case Kind::Divide:
                depth -= 2;
                result = FixedDecimal::divide(stack[depth], stack[depth + 1], m_scale);
                break;
            }
            if (!result)
                return std::nullopt;
            stack[depth++] = *result;
        }
        return stack[0].rescaled(m_scale);
    }

    std::vector<Step> m_steps;
    int m_scale;
    bool m_notNull;
    FormulaProgram m_program;
};

// "weightsBy" on an enum: the weights of the row's source value, else the column's own.
class WeightsByGenerator : public RelationGenerator
{
public:
    WeightsByGenerator(GeneratorPtr base, int source, std::vector<std::string> values,
                       std::vector<std::uint64_t> own,
                       std::map<std::string, std::vector<std::uint64_t>, std::less<>> bySource,
                       const std::vector<std::string> &sourceValues)
        : RelationGenerator(std::move(base))
        , m_source(source)
        , m_values(std::move(values))
        , m_own(std::move(own))
        , m_bySource(std::move(bySource))
    {
        // An enum source writes each value's index beside it: the weights per index, looked up directly.
        for (const std::string &value : sourceValues) {
            const auto it = m_bySource.find(value);
            m_byIndex.push_back(it == m_bySource.end() ? &m_own : &it->second);
        }
    }

    // Cumulative thresholds scaled to 2^64 (as the enum generator draws); empty = uniform.
    static std::vector<std::uint64_t> thresholds(const std::vector<double> &weights)
    {
        std::vector<std::uint64_t> result;
        double total = 0;
        for (double weight : weights)
            total += weight;
        if (weights.empty() || total <= 0)
            return result;
        double running = 0;
        for (double weight : weights) {
            running += weight;
            const double share = running / total;
            result.push_back(share >= 1.0 ? ~std::uint64_t(0) : std::uint64_t(std::ldexp(share, 64)));
        }
        result.back() = ~std::uint64_t(0);
        return result;
    }

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        const ColumnChunk &source = ctx.chunk.columns[std::size_t(m_source)];
        const bool byIndex = !m_byIndex.empty() && source.numberUnit() == NumberUnit::Choice;
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            const std::vector<std::uint64_t> *weights = &m_own;
            if (source.isNull(i)) {
            } else if (byIndex) { // an enum source: its value's index picks the weights
                const auto index = std::size_t(source.number(i));
                weights = index < m_byIndex.size() ? m_byIndex[index] : &m_own;
            } else {
                const auto it = m_bySource.find(source.value(i));
                if (it != m_bySource.end())
                    weights = &it->second;
            }
            Random random = ctx.random(i);
            out.append(m_values[pick(*weights, random)]);
        }
    }

private:
    std::size_t pick(const std::vector<std::uint64_t> &thresholds, Random &random) const
    {
        if (thresholds.empty())
            return random.below(m_values.size());
        const std::uint64_t draw = random.next();
        std::size_t i = 0;
        while (draw >= thresholds[i] && i + 1 < thresholds.size())
            ++i;
        return i;
    }

    int m_source;
    std::vector<std::string> m_values;
    std::vector<std::uint64_t> m_own;
    std::map<std::string, std::vector<std::uint64_t>, std::less<>> m_bySource;
    std::vector<const std::vector<std::uint64_t> *> m_byIndex; // per value index of an enum source
};

Result<GeneratorPtr> makeAfter(const GeneratorSpec &spec, GeneratorPtr base)
{
    const QJsonObject after = spec.value(keys::after).toObject();
    const int source = spec.table.columnIndex(after.value(keys::sourceColumn).toString());
    const Column &sourceColumn = spec.table.columns.at(source);
    const double min = after.value(keys::gapMin).toDouble(0);
    const double max = after.value(keys::gapMax).toDouble(min + 30);
    const QJsonObject shape = after.value(keys::distribution).toObject();
    std::optional<Distribution> distribution;
    if (!shape.isEmpty() && shape.value(QStringLiteral("name")).toString() != QLatin1String("uniform") &&
        max > min)
        distribution = Distribution::fromJson(shape, min, max, false);

    if (spec.type.id == QLatin1String("date") || spec.type.id == QLatin1String("time") ||
        spec.type.id.startsWith(QLatin1String("timestamp"))) {
        const QString unit = after.value(keys::gapUnit).toString(QStringLiteral("days"));
        const qint64 unitMs = unit == QLatin1String("seconds")   ? 1000
                              : unit == QLatin1String("minutes") ? 60000
                              : unit == QLatin1String("hours")   ? 3600000
                                                                 : kDayMs;
        const int months = unit == QLatin1String("months") ? 1 : unit == QLatin1String("years") ? 12 : 0;
        const DateTimeFormat format = DateTimeFormat::compile(spec.string(kFormat));
        using Kind = TemporalAfterGenerator::Kind;
        const Kind kind = spec.type.id == QLatin1String("date")   ? Kind::Date
                          : spec.type.id == QLatin1String("time") ? Kind::Time
                                                                  : Kind::Timestamp;
        QTimeZone zone;
        if (spec.type.id == QLatin1String("timestamptz")) {
            const QString name = spec.string(QStringLiteral("timeZone"));
            if (!name.isEmpty() && name != QLatin1String("UTC"))
                zone = QTimeZone(name.toUtf8());
        }
        // The column's own min and max, in its resolution: kept where the gap allows.
        const qint64 resolution = kind == Kind::Date ? kDayMs : (format.usesMilliseconds() ? 1 : 1000);
        auto bound = [&](const QString &text, bool up) -> std::optional<qint64> {
            qint64 ms = 0;
            if (kind == Kind::Date) {
                const QDate date = QDate::fromString(text, Qt::ISODate);
                if (!date.isValid())
                    return std::nullopt;
                return DateTimeFormat::daysFromCivil(date.year(), date.month(), date.day());
            }
            if (kind == Kind::Time) {
                const QTime time = QTime::fromString(text.left(12), Qt::ISODateWithMs);
                if (!time.isValid())
                    return std::nullopt;
                ms = time.msecsSinceStartOfDay();
            } else {
                const QDateTime stamp = QDateTime::fromString(text, Qt::ISODateWithMs);
                if (!stamp.isValid())
                    return std::nullopt;
                // The bound's wall clock: as written, or in the column's zone when it has an offset.
                const QDateTime wall =
                    stamp.timeSpec() == Qt::LocalTime || !zone.isValid() ? stamp : stamp.toTimeZone(zone);
                ms = DateTimeFormat::daysFromCivil(wall.date().year(), wall.date().month(),
                                                   wall.date().day()) *
                         kDayMs +
                     wall.time().msecsSinceStartOfDay();
            }
            return up ? ceilDiv(ms, resolution) : floorDiv(ms, resolution);
        };
        return GeneratorPtr(new TemporalAfterGenerator(
            std::move(base), source, TemporalReader(sourceColumn), kind, format, zone, min, max, unitMs,
            months, std::move(distribution), bound(spec.string(kOwnMin), true),
            bound(spec.string(kOwnMax), false)));
    }
    const bool decimal = spec.type.key(QStringLiteral("scale")) != nullptr;
    const int scale = decimal ? int(spec.integer(QStringLiteral("scale"))) : 0;
    const double factor = std::pow(10.0, scale);
    auto bound = [&](const QString &key, bool up) -> std::optional<qint64> {
        if (!spec.value(key).isDouble() || std::fabs(spec.number(key) * factor) >= 9.2e18)
            return std::nullopt;
        return qint64(up ? std::ceil(spec.number(key) * factor - 1e-9)
                         : std::floor(spec.number(key) * factor + 1e-9));
    };
    return GeneratorPtr(
        new NumberAfterGenerator(std::move(base), source, scale, qint64(std::ceil(min * factor - 1e-9)),
                                 qint64(std::floor(max * factor + 1e-9)), min, max, std::move(distribution),
                                 bound(kOwnMin, true), bound(kOwnMax, false)));
}

Result<GeneratorPtr> makeFormula(const GeneratorSpec &spec, GeneratorPtr base)
{
    QList<FormulaSyntax::Token> rpn;
    if (const auto error = FormulaSyntax::parse(spec.string(keys::formula), &rpn))
        return generationError(spec, error->message);
    std::vector<FormulaGenerator::Step> steps;
    int depth = 0, deepest = 0;
    for (const FormulaSyntax::Token &token : rpn) {
        FormulaGenerator::Step step{token.kind, -1, {}};
        if (token.kind == FormulaSyntax::Token::Kind::Column)
            step.column = spec.table.columnIndex(token.text);
        if (token.kind == FormulaSyntax::Token::Kind::Number)
            step.literal = *FixedDecimal::parse(token.text.toStdString());
        const bool operand = token.kind == FormulaSyntax::Token::Kind::Column ||
                             token.kind == FormulaSyntax::Token::Kind::Number;
        depth += operand ? 1 : (token.kind == FormulaSyntax::Token::Kind::Negate ? 0 : -1);
        deepest = std::max(deepest, depth);
        steps.push_back(step);
    }
    if (deepest > 64)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "the formula nests too deeply; split it into columns"));
    const bool decimal = spec.type.key(QStringLiteral("scale")) != nullptr;
    const int scale = decimal ? int(spec.integer(QStringLiteral("scale"))) : 0;
    const bool notNull = spec.flag(keys::notNull) || spec.flag(keys::primaryKey);
    // The scale each source column's numbers have: 0 for whole numbers, the column's scale for decimals.
    std::vector<int> sourceScales;
    for (const FormulaGenerator::Step &step : steps) {
        int sourceScale = -1;
        if (step.kind == FormulaSyntax::Token::Kind::Column) {
            const Column &source = spec.table.columns.at(step.column);
            const TypeRegistry &registry = TypeRegistry::instance();
            const DataType *type = registry.find(source.type);
            sourceScale = type && type->key(QStringLiteral("scale"))
                              ? int(sourceValue(source, QStringLiteral("scale")).toInteger(-1))
                              : 0;
        }
        sourceScales.push_back(sourceScale);
    }
    return GeneratorPtr(
        new FormulaGenerator(std::move(base), std::move(steps), scale, notNull, sourceScales));
}

Result<GeneratorPtr> makeWeightsBy(const GeneratorSpec &spec, GeneratorPtr base)
{
    const QJsonObject weightsBy = spec.value(keys::weightsBy).toObject();
    const int source = spec.table.columnIndex(weightsBy.value(keys::sourceColumn).toString());
    std::vector<std::string> values;
    for (const QJsonValue &value : spec.value(keys::values).toArray())
        values.push_back(value.toString().toStdString());
    auto numbers = [](const QJsonArray &array) {
        std::vector<double> result;
        for (const QJsonValue &weight : array)
            result.push_back(weight.toDouble());
        return result;
    };
    std::map<std::string, std::vector<std::uint64_t>, std::less<>> bySource;
    std::vector<std::string> sourceValues; // an enum source's values, in the order of its indexes
    const Column &sourceColumn = spec.table.columns.at(source);
    if (sourceColumn.type == QLatin1String("enum") &&
        !sourceColumn.constraints.value(keys::unique).toBool() &&
        !sourceColumn.constraints.value(keys::primaryKey).toBool()) {
        for (const QJsonValue &value : sourceColumn.constraints.value(keys::values).toArray())
            sourceValues.push_back(value.toString().toStdString());
    }
    const QJsonObject weights = weightsBy.value(keys::weights).toObject();
    for (auto it = weights.begin(); it != weights.end(); ++it)
        bySource.emplace(it.key().toStdString(),
                         WeightsByGenerator::thresholds(numbers(it.value().toArray())));
    return GeneratorPtr(
        new WeightsByGenerator(std::move(base), source, std::move(values),
                               WeightsByGenerator::thresholds(numbers(spec.value(keys::weights).toArray())),
                               std::move(bySource), sourceValues));
}

} // namespace

Result<GeneratorPtr> makeRelation(const GeneratorSpec &spec, GeneratorPtr base)
{
    if (spec.has(keys::after))
        return makeAfter(spec, std::move(base));
    if (spec.has(keys::formula))
        return makeFormula(spec, std::move(base));
    if (spec.has(keys::weightsBy))
        return makeWeightsBy(spec, std::move(base));
    return base;
}

} // namespace fabrica
