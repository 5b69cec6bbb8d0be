#pragma once

#include "ByteBuffer.h"
#include "TextFormat.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace fabrica {

// An exact decimal number: a 128-bit mantissa and a scale (value = mantissa / 10^scale), for the
// "formula" relation. + - * are exact; division and rescaling round half away from zero. Every operation
// that would overflow 128 bits (about 38 digits) answers nullopt instead of a wrong number.
class FixedDecimal
{
public:
    __extension__ typedef __int128 Wide; // GCC and Clang; -Wpedantic knows no 128-bit type
    __extension__ typedef unsigned __int128 UnsignedWide;
    static constexpr int maxScale = 36;

    FixedDecimal() = default; // uninitialised, like an int

    FixedDecimal(Wide mantissa, int scale)
        : m_mantissa(mantissa)
        , m_scale(scale)
    {}

    Wide mantissa() const { return m_mantissa; }
    int scale() const { return m_scale; }

    // Reads "-12.345", "7", "+0.5", ".5"; nullopt for anything else (also more than 36 digits).
    static std::optional<FixedDecimal> parse(std::string_view text)
    {
        std::size_t at = 0;
        bool negative = false;
        if (at < text.size() && (text[at] == '-' || text[at] == '+'))
            negative = text[at++] == '-';
        Wide mantissa = 0;
        int scale = 0, digits = 0;
        bool point = false;
        for (; at < text.size(); ++at) {
            const char c = text[at];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9' || ++digits > maxScale)
                return std::nullopt;
            mantissa = mantissa * 10 + (c - '0');
            scale += point ? 1 : 0;
        }
        if (digits == 0)
            return std::nullopt;
        return FixedDecimal(negative ? -mantissa : mantissa, scale);
    }

    // 10^exponent for 0 <= exponent <= 38, from a table.
    static Wide power(int exponent)
    {
        static const auto table = [] {
            std::array<Wide, 39> powers{};
            powers[0] = 1;
            for (std::size_t i = 1; i < powers.size(); ++i)
                powers[i] = powers[i - 1] * 10;
            return powers;
        }();
        return table[std::size_t(exponent)];
    }

    // The same number at `scale` digits: exact when scale grows, rounded half away from zero otherwise.
    std::optional<FixedDecimal> rescaled(int scale) const
    {
        if (scale == m_scale)
            return *this;
        if (scale > m_scale) {
            if (scale > maxScale)
                return std::nullopt;
            // 64-bit mantissas times at most 10^18 cannot overflow 128 bits: no check needed.
            if (fits64(m_mantissa) && scale - m_scale <= 18)
                return FixedDecimal(m_mantissa * power(scale - m_scale), scale);
            Wide result;
            if (__builtin_mul_overflow(m_mantissa, power(scale - m_scale), &result))
                return std::nullopt;
            return FixedDecimal(result, scale);
        }
        return FixedDecimal(roundedDivide(m_mantissa, power(m_scale - scale)), scale);
    }

    static std::optional<FixedDecimal> add(const FixedDecimal &a, const FixedDecimal &b, bool subtract)
    {
        if (a.m_scale == b.m_scale && fits64(a.m_mantissa) && fits64(b.m_mantissa))
            return FixedDecimal(subtract ? a.m_mantissa - b.m_mantissa : a.m_mantissa + b.m_mantissa,
                                a.m_scale);
        const int scale = a.m_scale > b.m_scale ? a.m_scale : b.m_scale;
        const auto x = a.rescaled(scale), y = b.rescaled(scale);
        if (x && y && fits64(x->m_mantissa) && fits64(y->m_mantissa))
            return FixedDecimal(subtract ? x->m_mantissa - y->m_mantissa : x->m_mantissa + y->m_mantissa,
                                scale);
        Wide result;
        if (!x || !y ||
            (subtract ? __builtin_sub_overflow(x->m_mantissa, y->m_mantissa, &result)
                      : __builtin_add_overflow(x->m_mantissa, y->m_mantissa, &result)))
            return std::nullopt;
        return FixedDecimal(result, scale);
    }

    static std::optional<FixedDecimal> multiply(const FixedDecimal &a, const FixedDecimal &b)
    {
        Wide result;
        if (fits64(a.m_mantissa) && fits64(b.m_mantissa))
            result = a.m_mantissa * b.m_mantissa; // two 64-bit factors always fit 128 bits
        else if (__builtin_mul_overflow(a.m_mantissa, b.m_mantissa, &result))
            return std::nullopt;
        FixedDecimal product(result, a.m_scale + b.m_scale);
        // Keep the scale small enough for later steps; digits past 36 decimals cannot reach any column.
        return product.m_scale > maxScale ? product.rescaled(maxScale) : product;
    }

    // a / b rounded half away from zero to `scale` digits; nullopt for b = 0.
    static std::optional<FixedDecimal> divide(const FixedDecimal &a, const FixedDecimal &b, int scale)
    {
        if (b.m_mantissa == 0)
            return std::nullopt;
        // a/b = (ma / 10^sa) / (mb / 10^sb) = ma * 10^(sb - sa) / mb; times 10^scale for the result.
        const int shift = scale + b.m_scale - a.m_scale;
        Wide numerator = a.m_mantissa, denominator = b.m_mantissa;
        if (shift >= 0) {
            if (shift > 38 || __builtin_mul_overflow(numerator, power(shift), &numerator))
                return std::nullopt;
        } else if (-shift > 38 || __builtin_mul_overflow(denominator, power(-shift), &denominator)) {
            return std::nullopt;
        }
        return FixedDecimal(roundedDivide(numerator, denominator), scale);
    }

    FixedDecimal negated() const { return FixedDecimal(-m_mantissa, m_scale); }

    // Writes the number with exactly scale() digits after the point ("-0.50", "12").
    void append(ByteBuffer &out) const
    {
        if (fits64(m_mantissa) && m_scale <= 18) { // the common case, with 64-bit digit arithmetic
            text::appendDecimal(out, std::int64_t(m_mantissa), m_scale);
            return;
        }
        char buffer[96];
        char *const end = buffer + sizeof buffer;
        char *at = end;
        const bool negative = m_mantissa < 0;
        UnsignedWide magnitude =
            negative ? 0 - static_cast<UnsignedWide>(m_mantissa) : static_cast<UnsignedWide>(m_mantissa);
        int written = 0;
        do {
            *--at = char('0' + int(magnitude % 10));
            magnitude /= 10;
            if (++written == m_scale)
                *--at = '.';
        } while (magnitude != 0 || written < m_scale);
        if (*at == '.')
            *--at = '0';
        if (negative)
            *--at = '-';
        out.append(at, std::size_t(end - at));
    }

    // numerator / denominator rounded half away from zero (denominator != 0).
    static Wide roundedDivide(Wide numerator, Wide denominator)
    {
        // Most values fit 64 bits, whose division is several times faster than the 128-bit one.
        constexpr Wide limit = std::numeric_limits<std::int64_t>::max();
        if (numerator <= limit && numerator >= -limit && denominator <= limit && denominator >= -limit) {
            const auto n = std::int64_t(numerator), d = std::int64_t(denominator);
            std::int64_t quotient = n / d, remainder = n % d;
            remainder = remainder < 0 ? -remainder : remainder;
            const std::int64_t half = d < 0 ? -d : d;
            if (remainder >= half - remainder)
                quotient += ((n < 0) != (d < 0)) ? -1 : 1;
            return quotient;
        }
        Wide quotient = numerator / denominator, remainder = numerator % denominator;
        if (remainder < 0)
            remainder = -remainder;
        const Wide half = denominator < 0 ? -denominator : denominator;
        if (remainder >= half - remainder) // remainder >= half / 2 without overflowing
            quotient += ((numerator < 0) != (denominator < 0)) ? -1 : 1;
        return quotient;
    }

    static bool fits64(Wide value)
    {
        return value >= std::numeric_limits<std::int64_t>::min() &&
               value <= std::numeric_limits<std::int64_t>::max();
    }

private:
    // No initialisers: a formula's evaluation stack is not zeroed for every row.
    Wide m_mantissa;
    int m_scale;
};

} // namespace fabrica
