#pragma once

#include "ByteBuffer.h"

#include <cstdint>
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

    FixedDecimal() = default;
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

    static Wide power(int exponent)
    {
        Wide value = 1;
        for (int i = 0; i < exponent; ++i)
            value *= 10;
        return value;
    }

    // The same number at `scale` digits: exact when scale grows, rounded half away from zero otherwise.
    std::optional<FixedDecimal> rescaled(int scale) const
    {
        if (scale == m_scale)
            return *this;
        if (scale > m_scale) {
            Wide result;
            if (scale > maxScale || __builtin_mul_overflow(m_mantissa, power(scale - m_scale), &result))
                return std::nullopt;
            return FixedDecimal(result, scale);
        }
        return FixedDecimal(roundedDivide(m_mantissa, power(m_scale - scale)), scale);
    }

    static std::optional<FixedDecimal> add(const FixedDecimal &a, const FixedDecimal &b, bool subtract)
    {
        const int scale = a.m_scale > b.m_scale ? a.m_scale : b.m_scale;
        const auto x = a.rescaled(scale), y = b.rescaled(scale);
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
        if (__builtin_mul_overflow(a.m_mantissa, b.m_mantissa, &result))
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

private:
    static Wide roundedDivide(Wide numerator, Wide denominator)
    {
        Wide quotient = numerator / denominator, remainder = numerator % denominator;
        if (remainder < 0)
            remainder = -remainder;
        const Wide half = denominator < 0 ? -denominator : denominator;
        if (remainder >= half - remainder) // remainder >= half / 2 without overflowing
            quotient += ((numerator < 0) != (denominator < 0)) ? -1 : 1;
        return quotient;
    }

    Wide m_mantissa = 0;
    int m_scale = 0;
};

} // namespace fabrica
