// Generators of the datetime category (date, time, timestamp, timestamptz) and boolean.
#include "ByteBuffer.h"
#include "CivilDates.h"
#include "DateTimeFormat.h"
#include "Distribution.h"
#include "GeneratorFactory.h"
#include "Permutation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");

enum class Unit { Day, Second, Millisecond };

// Instants as whole numbers of a unit (days since 1970-01-01, or seconds / milliseconds since the epoch or
// since midnight), drawn uniformly, by a distribution, or through a permutation for unique columns.
class TemporalGenerator : public Generator
{
public:
    TemporalGenerator(Unit unit, bool timeOfDay, qint64 min, qint64 max, DateTimeFormat format,
                      std::optional<Distribution> distribution, bool unique, quint64 key, QTimeZone zone)
        : m_unit(unit)
        , m_timeOfDay(timeOfDay)
        , m_min(min)
        , m_max(max)
        , m_format(std::move(format))
        , m_distribution(std::move(distribution))
        , m_unique(unique)
        , m_permutation(quint64(max - min) + 1, key)
        , m_zone(std::move(zone))
        , m_utc(!m_zone.isValid() || m_zone == QTimeZone::utc())
        , m_dates(CivilDates::instance())
    {}

    bool isRowFunction() const override { return m_unique; }
    std::optional<quint64> domainSize() const override { return quint64(m_max - m_min) + 1; }
    std::string_view alphabet() const override { return m_format.alphabet(); }
    void valueAt(qint64 row, ByteBuffer &out) const override { write(uniqueValue(row), out); }

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        if (out.wantsNumbers() && m_utc) {
            fillWithNumbers(ctx, out);
            return;
        }
        if (m_unique) {
            fillFromRows(*this, ctx, out);
            return;
        }
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) { write(draw(random), bytes); });
    }

private:
    qint64 uniqueValue(qint64 row) const
    {
        return m_min + qint64(m_permutation.map(quint64(row) % (quint64(m_max - m_min) + 1)));
    }
    qint64 draw(Random &random) const
    {
        return m_distribution ? m_distribution->sampleInteger(random) : random.between(m_min, m_max);
    }
    // The same values, with their numbers beside them for the relations that read this column (the wall
    // clock is the instant only in UTC, so other zones leave the readers to parse the text).
    void fillWithNumbers(GenerationContext &ctx, ColumnChunk &out) const
    {
        const NumberUnit unit =
            m_unit == Unit::Day ? NumberUnit::Days
            : m_timeOfDay       ? (m_unit == Unit::Second ? NumberUnit::TimeSeconds : NumberUnit::TimeMillis)
            : m_unit == Unit::Second ? NumberUnit::Seconds
                                     : NumberUnit::Milliseconds;
        std::int64_t *numbers = out.startNumbers(unit, ctx.rows);
        ByteBuffer &bytes = out.bytes();
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i)) {
                out.appendNull();
                continue;
            }
            qint64 value;
            if (m_unique) {
                value = uniqueValue(ctx.firstRow + i);
            } else {
                Random random = ctx.random(i);
                value = draw(random);
            }
            numbers[i] = value;
            write(value, bytes);
            out.finish();
        }
    }

    void civil(qint64 day, CivilTime &time) const { m_dates.civil(day, time); }

    void write(qint64 value, ByteBuffer &out) const
    {
        CivilTime time;
        qint64 milliseconds = 0;
        if (m_unit == Unit::Millisecond) {
            milliseconds = value % 1000;
            if (milliseconds < 0)
                milliseconds += 1000;
            value = (value - milliseconds) / 1000;
        }
        time.millisecond = int(milliseconds);
        if (m_unit == Unit::Day) {
            civil(value, time);
        } else if (m_timeOfDay) {
            time.hour = int(value / 3600);
            time.minute = int(value / 60 % 60);
            time.second = int(value % 60);
        } else {
            if (!m_utc) {
                time.offsetSeconds = m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(value, Qt::UTC));
                value += time.offsetSeconds;
            }
            qint64 days = value / 86400, seconds = value % 86400;
            if (seconds < 0) {
                seconds += 86400;
                --days;
            }
            civil(days, time);
            time.hour = int(seconds / 3600);
            time.minute = int(seconds / 60 % 60);
            time.second = int(seconds % 60);
        }
        m_format.append(time, out);
    }

    Unit m_unit;
    bool m_timeOfDay;
    qint64 m_min;
    qint64 m_max;
    DateTimeFormat m_format;
    std::optional<Distribution> m_distribution;
    bool m_unique;
    Permutation m_permutation;
    QTimeZone m_zone;
    bool m_utc;
    const CivilDates &m_dates;
};

Result<GeneratorPtr> makeDate(const GeneratorSpec &spec)
{
    const QDate min = QDate::fromString(spec.string(kMin), Qt::ISODate);
    const QDate max = QDate::fromString(spec.string(kMax), Qt::ISODate);
    const qint64 low = DateTimeFormat::daysFromCivil(min.year(), min.month(), min.day());
    const qint64 high = DateTimeFormat::daysFromCivil(max.year(), max.month(), max.day());
    return GeneratorPtr(new TemporalGenerator(
        Unit::Day, false, low, high, DateTimeFormat::compile(spec.string(QStringLiteral("format"))),
        spec.distribution(double(low), double(high), true), spec.unique, spec.seed, {}));
}

Result<GeneratorPtr> makeTime(const GeneratorSpec &spec)
{
    const DateTimeFormat format = DateTimeFormat::compile(spec.string(QStringLiteral("format")));
    const QTime min = QTime::fromString(spec.string(kMin).left(12), Qt::ISODateWithMs);
    const QTime max = QTime::fromString(spec.string(kMax).left(12), Qt::ISODateWithMs);
    const bool ms = format.usesMilliseconds();
    const qint64 low = ms ? min.msecsSinceStartOfDay() : (min.msecsSinceStartOfDay() + 999) / 1000;
    const qint64 high = ms ? max.msecsSinceStartOfDay() : max.msecsSinceStartOfDay() / 1000;
    return GeneratorPtr(new TemporalGenerator(ms ? Unit::Millisecond : Unit::Second, true, low, high, format,
                                              spec.distribution(double(low), double(high), true), spec.unique,
                                              spec.seed, {}));
}

Result<GeneratorPtr> makeTimestamp(const GeneratorSpec &spec)
{
    const DateTimeFormat format = DateTimeFormat::compile(spec.string(QStringLiteral("format")));
    QTimeZone zone;
    if (spec.type.id == QLatin1String("timestamptz")) {
        const QString name = spec.string(QStringLiteral("timeZone"));
        if (!name.isEmpty() && name != QLatin1String("UTC")) {
            zone = QTimeZone(name.toUtf8());
            if (!zone.isValid())
                return generationError(
                    spec,
                    QCoreApplication::translate(
                        "fabrica::Plan", "unknown time zone \"%1\"; use an IANA name such as Europe/Berlin")
                        .arg(name));
        }
    }
    // A bound without an offset is a wall-clock time: in timeZone for timestamptz, as written otherwise.
    auto instant = [&zone](const QString &text) {
        // Without an offset, the date and the time are read apart: QDateTime::fromString would first make
        // a local time, and every local time consults the system's zone file (a stat call each, thousands on
        // a big schema).
        const QStringView rest = text.size() > 11 ? QStringView(text).sliced(11) : QStringView();
        const bool offset = rest.endsWith(u'Z') || rest.contains(u'+') || rest.contains(u'-');
        if (!offset && (text.size() == 10 || (text.size() > 11 && (text[10] == u'T' || text[10] == u' ')))) {
            const QDate date = QDate::fromString(QStringView(text).first(10), Qt::ISODate);
            const QTime time = rest.isEmpty() ? QTime(0, 0) : QTime::fromString(rest, Qt::ISODateWithMs);
            if (date.isValid() && time.isValid())
                return (zone.isValid() ? QDateTime(date, time, zone) : QDateTime(date, time, Qt::UTC))
                    .toMSecsSinceEpoch();
        }
        QDateTime stamp = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (stamp.timeSpec() == Qt::LocalTime)
            stamp = zone.isValid() ? QDateTime(stamp.date(), stamp.time(), zone)
                                   : QDateTime(stamp.date(), stamp.time(), Qt::UTC);
        return stamp.toMSecsSinceEpoch();
    };
    const bool ms = format.usesMilliseconds();
    const qint64 minMs = instant(spec.string(kMin)), maxMs = instant(spec.string(kMax));
    // Whole seconds inside the bounds: round the lower bound up and the upper one down, also before 1970.
    const auto floorDiv = [](qint64 a, qint64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
    const qint64 low = ms ? minMs : -floorDiv(-minMs, 1000), high = ms ? maxMs : floorDiv(maxMs, 1000);
    if (ms && zone.isValid() && zone != QTimeZone::utc())
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "milliseconds in the format work with timeZone UTC only"));
    return GeneratorPtr(new TemporalGenerator(ms ? Unit::Millisecond : Unit::Second, false, low, high, format,
                                              spec.distribution(double(low), double(high), true), spec.unique,
                                              spec.seed, zone));
}

class BooleanGenerator : public Generator
{
public:
    explicit BooleanGenerator(double truePercent)
        : m_threshold(truePercent >= 100 ? ~std::uint64_t(0)
                                         : std::uint64_t(std::ldexp(truePercent / 100.0, 64)))
    {}
    ValueClass valueClass() const override { return ValueClass::Boolean; }
    std::optional<quint64> domainSize() const override { return 2; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        for (int i = 0; i < ctx.rows; ++i) {
            if (ctx.isNull(i))
                out.appendNull();
            else
                out.append(ctx.random(i).next() < m_threshold ? std::string_view("true")
                                                              : std::string_view("false"));
        }
    }

private:
    std::uint64_t m_threshold;
};

Result<GeneratorPtr> makeBoolean(const GeneratorSpec &spec)
{
    return GeneratorPtr(new BooleanGenerator(spec.number(QStringLiteral("truePercent"))));
}

} // namespace

void registerTemporalGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("date"), &makeDate);
    factory.add(QStringLiteral("time"), &makeTime);
    factory.add(QStringLiteral("timestamp"), &makeTimestamp);
    factory.add(QStringLiteral("timestamptz"), &makeTimestamp);
    factory.add(QStringLiteral("boolean"), &makeBoolean);
}

} // namespace fabrica
