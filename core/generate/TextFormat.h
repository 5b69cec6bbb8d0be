#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace fabrica::text {

// Fast appends of numbers to byte buffers: the hot path of every generator.

inline void appendInt(std::string &out, std::int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

inline void appendUnsigned(std::string &out, std::uint64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// Appends value with at least width digits, zero padded (value >= 0).
inline void appendPadded(std::string &out, std::uint64_t value, int width)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    for (int pad = width - int(result.ptr - buffer); pad > 0; --pad)
        out.push_back('0');
    out.append(buffer, result.ptr);
}

// A fixed-point number: units / 10^scale, e.g. (123456, 2) → "1234.56", (-5, 2) → "-0.05".
inline void appendDecimal(std::string &out, std::int64_t units, int scale)
{
    if (scale <= 0) {
        appendInt(out, units);
        return;
    }
    std::uint64_t magnitude = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
    if (units < 0)
        out.push_back('-');
    std::uint64_t divisor = 1;
    for (int i = 0; i < scale; ++i)
        divisor *= 10;
    appendUnsigned(out, magnitude / divisor);
    out.push_back('.');
    appendPadded(out, magnitude % divisor, scale);
}

// Shortest text that reads back as the same double.
inline void appendDouble(std::string &out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

inline const char *hexDigits() { return "0123456789abcdef"; }

} // namespace fabrica::text
