// Generators of the number category: integer, smallint, bigint, decimal, float, double, sequence, and
// finance's amount (a decimal with a currency-style default range).
#include "ByteBuffer.h"
#include "Distribution.h"
#include "GeneratorFactory.h"
#include "Permutation.h"
#include "TextFormat.h"

#include <QJsonObject>

#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");

// Whole numbers in [min, max], written with `scale` implied decimal places (0 for integers): decimals
// are integers of units of 10^-scale, so they are exact and unique columns stay unique.
class ScaledIntegerGenerator : public Generator
{
public:
    ScaledIntegerGenerator(qint64 min, qint64 max, int scale, std::optional<Distribution> distribution,
                           bool unique, quint64 key)
        : m_min(min)
        , m_max(max)
        , m_scale(scale)
        , m_distribution(std::move(distribution))
        , m_unique(unique)
        , m_permutation(span(), key)
    {}

    ValueClass valueClass() const override { return ValueClass::Number; }
    bool isRowFunction() const override { return m_unique; }
    std::optional<quint64> domainSize() const override { return span(); }

    void valueAt(qint64 row, ByteBuffer &out) const override { write(uniqueValue(row), out); }

    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        if (out.wantsNumbers()) { // a relation reads this column: the units beside the text
            std::int64_t *numbers = out.startNumbers(NumberUnit::Scaled, ctx.rows, m_scale);
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
                    value =
                        m_distribution ? m_distribution->sampleInteger(random) : random.between(m_min, m_max);
                }
                numbers[i] = value;
                write(value, bytes);
                out.finish();
            }
            return;
        }
        if (m_unique) {
            fillFromRows(*this, ctx, out);
            return;
        }
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) {
            write(m_distribution ? m_distribution->sampleInteger(random) : random.between(m_min, m_max),
                  bytes);
        });
    }

private:
    qint64 uniqueValue(qint64 row) const
    {
        return qint64(quint64(m_min) + m_permutation.map(quint64(row) % std::max<quint64>(span(), 1)));
    }
    // Number of values in [min, max]; saturates at 2^64 - 1 for the full 64-bit range.
    quint64 span() const
    {
        const quint64 width = quint64(m_max) - quint64(m_min);
        return width == std::numeric_limits<quint64>::max() ? width : width + 1;
    }
    void write(qint64 value, ByteBuffer &out) const
    {
        if (m_scale == 0)
            text::appendInt(out, value);
        else
            text::appendDecimal(out, value, m_scale);
    }

    qint64 m_min;
    qint64 m_max;
    int m_scale;
    std::optional<Distribution> m_distribution;
    bool m_unique;
    Permutation m_permutation;
};

class SequenceGenerator : public Generator
{
public:
    SequenceGenerator(qint64 start, qint64 step, std::optional<quint64> domain = std::nullopt)
        : m_start(start)
        , m_step(step)
        , m_domain(domain)
    {}
    ValueClass valueClass() const override { return ValueClass::Number; }
    std::optional<quint64> domainSize() const override { return m_domain; }
    bool isRowFunction() const override { return true; }
    void valueAt(qint64 row, ByteBuffer &out) const override { text::appendInt(out, m_start + m_step * row); }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        ByteBuffer &bytes = out.bytes(); // the row function inlined: ids are the most common column
        std::int64_t *numbers = out.wantsNumbers() ? out.startNumbers(NumberUnit::Scaled, ctx.rows) : nullptr;
        // Two loops, so that columns no relation reads have no test per row.
        auto loop = [&](auto record) {
            for (int i = 0; i < ctx.rows; ++i) {
                if (ctx.isNull(i)) {
                    out.appendNull();
                    continue;
                }
                const qint64 value = m_start + m_step * (ctx.firstRow + i);
                if constexpr (decltype(record)::value)
                    numbers[i] = value;
                text::appendInt(bytes, value);
                out.finish();
            }
        };
        numbers ? loop(std::true_type{}) : loop(std::false_type{});
    }

private:
    qint64 m_start;
    qint64 m_step;
    std::optional<quint64> m_domain; // the SQL type's room from start, for an integer primary key
};

class FloatingGenerator : public Generator
{
public:
    FloatingGenerator(double min, double max, bool single, std::optional<Distribution> distribution)
        : m_min(min)
        , m_max(max)
        , m_single(single)
        , m_distribution(std::move(distribution))
    {}
    ValueClass valueClass() const override { return ValueClass::Number; }
    void fill(GenerationContext &ctx, ColumnChunk &out) const override
    {
        fillValues(ctx, out, [&](qint64, Random &random, ByteBuffer &bytes) {
            const double value = m_distribution ? m_distribution->sample(random)
                                                : std::min(m_max, m_min + random.unit() * (m_max - m_min));
            if (m_single) {
                char buffer[32];
                const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value));
                bytes.append(buffer, std::size_t(result.ptr - buffer));
            } else {
                text::appendDouble(bytes, value);
            }
        });
    }

private:
    double m_min;
    double m_max;
    bool m_single;
    std::optional<Distribution> m_distribution;
};

Result<GeneratorPtr> makeInteger(const GeneratorSpec &spec)
{
    // A single-column integer primary key without a range counts 1, 2, 3 … like every real table; with
    // min or max the user asked for a range, which keeps the keyed permutation.
    if (spec.unique && spec.column.constraints.value(QStringLiteral("primaryKey")).toBool() &&
        spec.table.primaryKeyColumns() == 1 && !spec.has(kMin) && !spec.has(kMax)) {
        std::optional<quint64> room; // keys 1..room fit the SQL type; bigint never runs out
        if (spec.type.id == QLatin1String("smallint"))
            room = 32767;
        else if (spec.type.id == QLatin1String("integer"))
            room = 2147483647;
        return GeneratorPtr(new SequenceGenerator(1, 1, room));
    }
    const qint64 min = spec.integer(kMin), max = spec.integer(kMax);
    return GeneratorPtr(new ScaledIntegerGenerator(
        min, max, 0, spec.distribution(double(min), double(max), true), spec.unique, spec.seed));
}

// decimal and amount: min/max in the column's units, `scale` digits after the point.
Result<GeneratorPtr> makeDecimal(const GeneratorSpec &spec)
{
    const int scale = int(spec.integer(QStringLiteral("scale")));
    if (scale > 18)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "scale %1 is more than the 18 digits Fabrica generates")
                      .arg(scale));
    const double factor = std::pow(10.0, scale);
    const double low = std::ceil(spec.number(kMin) * factor - 1e-9);
    const double high = std::floor(spec.number(kMax) * factor + 1e-9);
    if (std::fabs(low) > 9.2e18 || std::fabs(high) > 9.2e18 || low > high)
        return generationError(
            spec, QCoreApplication::translate("fabrica::Plan",
                                              "the range %1..%2 with scale %3 does not fit in 64-bit "
                                              "fixed-point numbers")
                      .arg(spec.number(kMin))
                      .arg(spec.number(kMax))
                      .arg(scale));
    // The values must fit the column's SQL type, numeric(precision, scale); amount is numeric(14, scale).
    const int precision =
        spec.type.key(QStringLiteral("precision")) ? int(spec.integer(QStringLiteral("precision"))) : 14;
    const double limit = std::pow(10.0, precision - scale);
    if (std::max(std::fabs(spec.number(kMin)), std::fabs(spec.number(kMax))) >= limit)
        return generationError(
            spec, QCoreApplication::translate(
                      "fabrica::Plan", "the range %1..%2 does not fit numeric(%3,%4), which holds at most %5 "
                                       "digits before the point; raise precision or narrow the range")
                      .arg(spec.number(kMin))
                      .arg(spec.number(kMax))
                      .arg(precision)
                      .arg(scale)
                      .arg(precision - scale));
    const qint64 min = qint64(low), max = qint64(high);
    return GeneratorPtr(new ScaledIntegerGenerator(
        min, max, scale, spec.distribution(low, high, true, factor), spec.unique, spec.seed));
}

Result<GeneratorPtr> makeFloat(const GeneratorSpec &spec)
{
    const double min = spec.number(kMin), max = spec.number(kMax);
    return GeneratorPtr(new FloatingGenerator(min, max, spec.type.id == QLatin1String("float"),
                                              spec.distribution(min, max, false)));
}

Result<GeneratorPtr> makeSequence(const GeneratorSpec &spec)
{
    return GeneratorPtr(
        new SequenceGenerator(spec.integer(QStringLiteral("start")), spec.integer(QStringLiteral("step"))));
}

} // namespace

void registerNumberGenerators(GeneratorFactory &factory)
{
    factory.add(QStringLiteral("integer"), &makeInteger);
    factory.add(QStringLiteral("smallint"), &makeInteger);
    factory.add(QStringLiteral("bigint"), &makeInteger);
    factory.add(QStringLiteral("decimal"), &makeDecimal);
    factory.add(QStringLiteral("amount"), &makeDecimal);
    factory.add(QStringLiteral("float"), &makeFloat);
    factory.add(QStringLiteral("double"), &makeFloat);
    factory.add(QStringLiteral("sequence"), &makeSequence);
}

} // namespace fabrica
