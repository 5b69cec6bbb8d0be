#include "FormulaProgram.h"

#include "TableChunk.h"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace fabrica {

namespace {

// n / d rounded half away from zero, as FixedDecimal::roundedDivide (d neither 0, -1 nor the 64-bit minimum).
inline std::int64_t roundedDivide(std::int64_t n, std::int64_t d)
{
    std::int64_t quotient = n / d, remainder = n % d;
    remainder = remainder < 0 ? -remainder : remainder;
    const std::int64_t half = d < 0 ? -d : d;
    if (remainder >= half - remainder) // remainder >= half / 2 without overflowing
        quotient += ((n < 0) != (d < 0)) ? -1 : 1;
    return quotient;
}

// The final rounding with the power of ten a constant: the compiler multiplies instead of dividing.
template<int Power> void divideByPower(const std::int64_t *in, std::int64_t *out, int rows)
{
    constexpr std::int64_t divisor = [] {
        std::int64_t value = 1;
        for (int i = 0; i < Power; ++i)
            value *= 10;
        return value;
    }();
    for (int i = 0; i < rows; ++i)
        out[i] = roundedDivide(in[i], divisor);
}

using DivideRows = void (*)(const std::int64_t *, std::int64_t *, int);

template<std::size_t... Power>
constexpr std::array<DivideRows, sizeof...(Power)> divideTable(std::index_sequence<Power...>)
{
    return {{&divideByPower<int(Power)>...}};
}

constexpr std::array<DivideRows, 19> kDivideByPower = divideTable(std::make_index_sequence<19>());

// out[i] = f(a[i], b[i]); rows where f reports that 64 bits do not suffice are flagged in exact.
template<typename F>
void eachRow(int rows, const std::int64_t *a, const std::int64_t *b, std::int64_t *out, std::uint8_t *exact,
             F f)
{
    for (int i = 0; i < rows; ++i)
        exact[i] |= std::uint8_t(f(a[i], b[i], out[i]));
}

} // namespace

FormulaProgram::FormulaProgram(const std::vector<Step> &steps, const std::vector<int> &sourceScales,
                               int scale)
{
    constexpr int maxPower = 18; // 10^18 is the largest power of ten in 64 bits
    std::vector<Op> ops;
    std::vector<int> scales; // of the stack's entries
    int deepest = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step &step = steps[i];
        Op op{step.kind};
        switch (step.kind) {
        case Kind::Column:
            if (sourceScales[i] < 0)
                return;
            op.column = step.column;
            op.scale = sourceScales[i];
            scales.push_back(op.scale);
            break;
        case Kind::Number:
            if (!FixedDecimal::fits64(step.literal.mantissa()))
                return;
            op.value = std::int64_t(step.literal.mantissa());
            scales.push_back(step.literal.scale());
            break;
        case Kind::Negate:
            break;
        case Kind::Add:
        case Kind::Subtract: {
            const int b = scales.back();
            scales.pop_back();
            const int a = scales.back(), s = std::max(a, b);
            if (s - a > maxPower || s - b > maxPower)
                return;
            op.left = std::int64_t(FixedDecimal::power(s - a));
            op.right = std::int64_t(FixedDecimal::power(s - b));
            scales.back() = s;
            break;
        }
        case Kind::Multiply: {
            const int b = scales.back();
            scales.pop_back();
            scales.back() += b;
            if (scales.back() > FixedDecimal::maxScale)
                return;
            break;
        }
        case Kind::Divide: {
            // a/b at the column's scale: a * 10^(scale + sb - sa) / b, as FixedDecimal::divide.
            const int b = scales.back();
            scales.pop_back();
            const int shift = scale + b - scales.back();
            if (shift > maxPower || -shift > maxPower)
                return;
            op.left = shift >= 0 ? std::int64_t(FixedDecimal::power(shift)) : 1;
            op.right = shift < 0 ? std::int64_t(FixedDecimal::power(-shift)) : 1;
            scales.back() = scale;
            break;
        }
        }
        deepest = std::max(deepest, int(scales.size()));
        if (deepest > kMaxDepth)
            return;
        ops.push_back(op);
    }
    if (scales.size() != 1)
        return;
    const int last = scales.back();
    if (last - scale > maxPower || scale - last > maxPower)
        return;
    m_finalPower = std::max(last - scale, 0);
    m_finalFactor = last < scale ? std::int64_t(FixedDecimal::power(scale - last)) : 1;
    m_depth = deepest;
    m_ops = std::move(ops);
}

bool FormulaProgram::accepts(const TableChunk &chunk) const
{
    for (const Op &op : m_ops) {
        if (op.kind != Kind::Column)
            continue;
        const ColumnChunk &source = chunk.columns[std::size_t(op.column)];
        if (source.numberUnit() != NumberUnit::Scaled || source.numberScale() != op.scale)
            return false;
    }
    return !m_ops.empty();
}

void FormulaProgram::run(const TableChunk &chunk, int rows, std::int64_t *values, std::uint8_t *exact) const
{
    std::fill(exact, exact + rows, std::uint8_t(0));
    // The stack's entries: where each one's rows are. A source column is read in place; computed entries
    // live in `values` (the bottom one) or in scratch rows reused by every chunk of this thread.
    thread_local std::vector<std::int64_t> scratch;
    const std::size_t needed = std::size_t(std::max(m_depth - 1, 0)) * std::size_t(rows);
    if (scratch.size() < needed)
        scratch.resize(needed);
    auto slot = [&](int entry) {
        return entry == 0 ? values : scratch.data() + std::size_t(entry - 1) * rows;
    };
    const std::int64_t *stack[kMaxDepth];
    int depth = 0;
    for (const Op &op : m_ops) {
        switch (op.kind) {
        case Kind::Column: {
            const ColumnChunk &source = chunk.columns[std::size_t(op.column)];
            const std::uint8_t *nulls = source.nullFlags();
            for (int i = 0; i < rows; ++i)
                exact[i] |= nulls[i];
            stack[depth++] = source.numberData();
            break;
        }
        case Kind::Number: {
            std::int64_t *out = slot(depth);
            std::fill(out, out + rows, op.value);
            stack[depth++] = out;
            break;
        }
        case Kind::Negate: {
            const std::int64_t *in = stack[depth - 1];
            std::int64_t *out = slot(depth - 1);
            for (int i = 0; i < rows; ++i)
                exact[i] |= std::uint8_t(__builtin_sub_overflow(std::int64_t(0), in[i], &out[i]));
            stack[depth - 1] = out;
            break;
        }
        case Kind::Add:
        case Kind::Subtract:
        case Kind::Multiply:
        case Kind::Divide: {
            --depth;
            const std::int64_t *a = stack[depth - 1], *b = stack[depth];
            std::int64_t *out = slot(depth - 1);
            const std::int64_t left = op.left, right = op.right;
            if (op.kind == Kind::Add) {
                eachRow(rows, a, b, out, exact, [=](std::int64_t x, std::int64_t y, std::int64_t &result) {
                    return __builtin_mul_overflow(x, left, &x) | __builtin_mul_overflow(y, right, &y) |
                           __builtin_add_overflow(x, y, &result);
                });
            } else if (op.kind == Kind::Subtract) {
                eachRow(rows, a, b, out, exact, [=](std::int64_t x, std::int64_t y, std::int64_t &result) {
                    return __builtin_mul_overflow(x, left, &x) | __builtin_mul_overflow(y, right, &y) |
                           __builtin_sub_overflow(x, y, &result);
                });
            } else if (op.kind == Kind::Multiply) {
                eachRow(rows, a, b, out, exact, [](std::int64_t x, std::int64_t y, std::int64_t &result) {
                    return __builtin_mul_overflow(x, y, &result);
                });
            } else {
                // A zero divisor (NULL in the exact evaluation) or one 64 bits cannot divide by is
                // flagged; the division is skipped then, also for a NULL row's meaningless numbers.
                eachRow(rows, a, b, out, exact, [=](std::int64_t x, std::int64_t y, std::int64_t &result) {
                    if (y == 0 || __builtin_mul_overflow(x, left, &x) ||
                        __builtin_mul_overflow(y, right, &y) || y == -1 ||
                        y == std::numeric_limits<std::int64_t>::min()) {
                        result = 0;
                        return true;
                    }
                    result = roundedDivide(x, y);
                    return false;
                });
            }
            stack[depth - 1] = out;
            break;
        }
        }
    }
    const std::int64_t *result = stack[0];
    if (m_finalPower > 0) {
        kDivideByPower[std::size_t(m_finalPower)](result, values, rows);
    } else if (m_finalFactor > 1) {
        for (int i = 0; i < rows; ++i)
            exact[i] |= std::uint8_t(__builtin_mul_overflow(result[i], m_finalFactor, &values[i]));
    } else if (result != values) {
        std::copy(result, result + rows, values);
    }
}

} // namespace fabrica
