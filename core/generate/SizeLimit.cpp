#include "SizeLimit.h"

#include "model/ConstraintKeys.h"
#include "types/DeclaredSqlType.h"
#include "validate/RelationChecker.h"

#include <QJsonObject>

#include <charconv>
#include <cmath>

namespace fabrica {

namespace {

// Redraws read rows this far away (and a stream of their own), so a template or an entity shared by
// the row's columns (a person, a city) yields another candidate, not the same value again.
constexpr int kRowShift = 40;

bool isContinuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Digits before the point of a decimal's text, leading zeros not counted ("0.50" has none).
int integerDigits(std::string_view value)
{
    std::size_t i = 0;
    if (i < value.size() && (value[i] == '-' || value[i] == '+'))
        ++i;
    while (i < value.size() && value[i] == '0')
        ++i;
    int digits = 0;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') {
        ++digits;
        ++i;
    }
    return digits;
}

// Probed rows of a unique column: all of a small table, else both ends and an even spread.
std::vector<qint64> probeRows(qint64 rows)
{
    std::vector<qint64> out;
    constexpr qint64 kAll = 4096;
    if (rows <= kAll) {
        for (qint64 r = 0; r < rows; ++r)
            out.push_back(r);
        return out;
    }
    for (qint64 r = 0; r < kAll / 4; ++r) {
        out.push_back(r);
        out.push_back(rows - 1 - r);
    }
    for (qint64 i = 0; i < kAll / 2; ++i)
        out.push_back(i * (rows / (kAll / 2)));
    return out;
}

} // namespace

qsizetype SizeLimit::characters(std::string_view value)
{
    qsizetype count = 0;
    for (const char byte : value)
        count += isContinuation(byte) ? 0 : 1;
    return count;
}

bool SizeLimit::Fit::fits(std::string_view value) const
{
    if (maxChars > 0 && value.size() > std::size_t(maxChars) && characters(value) > maxChars)
        return false;
    if (integerRange) {
        qint64 number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc::result_out_of_range)
            return false;
        if (error == std::errc() && end == value.data() + value.size() &&
            (number < minimum || number > maximum))
            return false;
    }
    if (integerDigits >= 0 && fabrica::integerDigits(value) > integerDigits)
        return false;
    return true;
}

std::string_view SizeLimit::shorten(std::string_view value, int maxChars)
{
    if (maxChars <= 0)
        return {};
    // The byte where character maxChars + 1 starts.
    std::size_t cut = 0;
    int chars = 0;
    while (cut < value.size()) {
        if (!isContinuation(value[cut])) {
            if (chars == maxChars)
                break;
            ++chars;
        }
        ++cut;
    }
    if (cut >= value.size())
        return value;
    std::size_t end = cut;
    if (value[cut] != ' ') {
        // Back to the last word boundary, if there is one: whole words read better than a cut one.
        std::size_t boundary = cut;
        while (boundary > 0 && value[boundary - 1] != ' ' && value[boundary - 1] != '-')
            --boundary;
        if (boundary > 0)
            end = boundary;
    }
    auto trailing = [](char c) {
        return c == ' ' || c == '-' || c == ',' || c == '.' || c == '\'' || c == '/';
    };
    std::size_t trimmed = end;
    while (trimmed > 0 && trailing(value[trimmed - 1]))
        --trimmed;
    return value.substr(0, trimmed > 0 ? trimmed : cut);
}

SizeLimit::Fit SizeLimit::fitOf(const QJsonObject &constraints, ValueClass valueClass)
{
    Fit fit;
    if (valueClass != ValueClass::Text && valueClass != ValueClass::Number)
        return fit;
    const DeclaredSqlType declared = DeclaredSqlType::parse(constraints.value(keys::sqlType).toString());
    int maxChars = declared.maxLength().value_or(0);
    if (const QJsonValue given = constraints.value(keys::maxLength);
        given.isDouble() && given.toDouble() >= 1)
        maxChars = maxChars > 0 ? std::min(maxChars, given.toInt()) : given.toInt();
    fit.maxChars = maxChars;
    if (valueClass == ValueClass::Number && declared.kind() == DeclaredSqlType::Kind::Integer) {
        fit.integerRange = true;
        fit.minimum = declared.minimum();
        fit.maximum = declared.maximum();
    }
    if (valueClass == ValueClass::Number && declared.kind() == DeclaredSqlType::Kind::Decimal)
        fit.integerDigits = declared.precision() - declared.scale();
    return fit;
}

Result<GeneratorPtr> SizeLimit::wrap(const GeneratorSpec &spec, GeneratorPtr base)
{
    // A foreign key holds its parent's values, which fit the parent's size; a composite key's parts are
    // combinations that a re-draw would break.
    if (spec.type.id == QLatin1String("foreign_key") || spec.compositeKey)
        return base;
    const Fit fit = fitOf(spec.column.constraints, base->valueClass());
    if (!fit.any())
        return base;
    if (!spec.unique)
        return GeneratorPtr(new SizeLimit(
            std::move(base), fit, RelationChecker::dependencies(spec.table, spec.columnIndex).isEmpty()));
    // A unique column stays as it is: shortening could repeat values. Its values must fit already.
    if (!base->isRowFunction())
        return base;
    ByteBuffer value;
    for (const qint64 row : probeRows(spec.rows)) {
        value.clear();
        base->valueAt(row, value);
        const std::string_view text(value.data(), value.size());
        if (fit.fits(text))
            continue;
        const QString shown = QString::fromUtf8(text.data(), qsizetype(text.size()));
        if (fit.maxChars > 0 && characters(text) > fit.maxChars)
            return generationError(
                spec,
                tr("the column is unique and holds at most %n character(s), but type %1 makes \"%2\" "
                   "(row %3); unique values are never shortened, as that could repeat them: choose a "
                   "type with shorter values (e.g. a pattern), widen the column, or generate fewer rows",
                   nullptr, fit.maxChars)
                    .arg(spec.column.type, shown)
                    .arg(row + 1));
        return generationError(spec,
                               tr("the column is unique and its SQL type %1 holds no value %2 (row %3 of "
                                  "type %4); unique values are never changed, as that could repeat them: "
                                  "generate fewer rows, or widen the column's SQL type")
                                   .arg(spec.column.constraints.value(keys::sqlType).toString(), shown)
                                   .arg(row + 1)
                                   .arg(spec.column.type));
    }
    return base;
}

SizeLimit::SizeLimit(GeneratorPtr base, Fit fit, bool rowByRow)
    : m_base(std::move(base))
    , m_fit(fit)
    , m_rowByRow(rowByRow)
{}

void SizeLimit::lastResort(std::string_view value, ByteBuffer &out) const
{
    if (m_fit.integerRange) {
        // Out of range: the nearest end of the range.
        const bool negative = !value.empty() && value.front() == '-';
        out.append(std::to_string(negative ? m_fit.minimum : m_fit.maximum));
        return;
    }
    if (m_fit.integerDigits >= 0 && integerDigits(value) > m_fit.integerDigits) {
        // The largest magnitude numeric(p,s) holds in its integer digits, e.g. 999 for numeric(5,2).
        if (!value.empty() && value.front() == '-')
            out.append("-");
        out.append(m_fit.integerDigits > 0 ? std::string(std::size_t(m_fit.integerDigits), '9')
                                           : std::string("0"));
        return;
    }
    if (m_base->valueClass() == ValueClass::Number) {
        out.append(value); // a number's text is not cut: it would become another number
        return;
    }
    out.append(shorten(value, m_fit.maxChars));
}

void SizeLimit::fill(GenerationContext &ctx, ColumnChunk &out) const
{
    m_base->fill(ctx, out);
    std::vector<int> pending;
    for (int i = 0; i < ctx.rows; ++i) {
        if (!out.isNull(i) && !m_fit.fits(out.value(i)))
            pending.push_back(i);
    }
    if (pending.empty())
        return;
    const int misfits = int(pending.size());
    const bool numbered = out.numberUnit() != NumberUnit::None;

    // The values that fit, in the order found, and which row takes which.
    ColumnChunk picked;
    picked.reset(misfits);
    std::vector<std::int64_t> pickedNumbers;
    std::vector<int> pick(std::size_t(ctx.rows), -1);
    auto take = [&](int row, const ColumnChunk &from, int index) {
        pick[std::size_t(row)] = picked.size();
        picked.append(from.value(index));
        pickedNumbers.push_back(numbered && from.numberUnit() != NumberUnit::None ? from.number(index) : 0);
    };
    auto attemptSeed = [&ctx](int k) {
        return Random::hash(ctx.columnSeed ^ (std::uint64_t(k) * 0x9E3779B97F4A7C15ull));
    };
    if (m_rowByRow) {
        // A generator that reads no other column gives a row the same value alone as in a chunk (values
        // are pure functions of the row), so only the rows that need it are drawn again.
        ColumnChunk attempt;
        for (const int i : pending) {
            for (int k = 1; k <= kAttempts; ++k) {
                attempt.reset(1);
                attempt.requestNumbers(out.wantsNumbers());
                GenerationContext one{ctx.chunk, nullptr, ctx.firstRow + i + (qint64(k) << kRowShift), 1,
                                      attemptSeed(k)};
                m_base->fill(one, attempt);
                if (m_fit.fits(attempt.value(0))) {
                    take(i, attempt, 0);
                    break;
                }
            }
        }
    } else {
        // Templates and relations read the chunk's other columns by position: whole chunks are drawn again.
        ColumnChunk attempt;
        for (int k = 1; k <= kAttempts && !pending.empty(); ++k) {
            attempt.reset(ctx.rows);
            attempt.requestNumbers(out.wantsNumbers());
            GenerationContext other{ctx.chunk, ctx.nulls, ctx.firstRow + (qint64(k) << kRowShift), ctx.rows,
                                    attemptSeed(k)};
            m_base->fill(other, attempt);
            std::vector<int> still;
            for (const int i : pending) {
                if (m_fit.fits(attempt.value(i)))
                    take(i, attempt, i);
                else
                    still.push_back(i);
            }
            pending.swap(still);
        }
    }

    ColumnChunk result;
    result.reset(ctx.rows);
    result.requestNumbers(out.wantsNumbers());
    std::int64_t *numbers =
        numbered ? result.startNumbers(out.numberUnit(), ctx.rows, out.numberScale()) : nullptr;
    int shortened = 0;
    for (int i = 0; i < ctx.rows; ++i) {
        const int from = pick[std::size_t(i)];
        if (numbers)
            numbers[i] = from >= 0 ? pickedNumbers[std::size_t(from)] : out.number(i);
        if (out.isNull(i)) {
            result.appendNull();
        } else if (from >= 0) {
            result.append(picked.value(from));
        } else if (!m_fit.fits(out.value(i))) {
            lastResort(out.value(i), result.bytes());
            result.finish();
            ++shortened;
        } else {
            result.append(out.value(i));
        }
    }
    result.countSizes(misfits, shortened);
    out = std::move(result);
}

} // namespace fabrica
