#pragma once

#include "ByteBuffer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fabrica::text {

// Fast appends to byte buffers: the hot path of every generator.

// Appends a short value. std::string::append calls memcpy, and on some x86 machines glibc's AVX-512
// memcpy costs tens of nanoseconds for a few bytes (measured: a quarter of the generator's time); a
// push_back loop stays inline. Long values still go through memcpy.
inline void appendShort(ByteBuffer &out, std::string_view value)
{
    out.append(value);
}

inline void appendShort(std::string &out, std::string_view value)
{
    if (value.size() > 32) {
        out.append(value);
        return;
    }
    for (const char c : value)
        out.push_back(c);
}

// Writes the decimal digits of value (at least minDigits, zero padded) so that they end at `end`; returns
// where they start. Two digits per step from a table: ids, amounts and counts are most of every row.
inline char *writeDigitsBackwards(char *end, std::uint64_t value, int minDigits = 1)
{
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char *p = end;
    while (value >= 100) {
        const unsigned pair = unsigned(value % 100) * 2;
        value /= 100;
        *--p = kPairs[pair + 1];
        *--p = kPairs[pair];
    }
    if (value >= 10) {
        *--p = kPairs[value * 2 + 1];
        *--p = kPairs[value * 2];
    } else {
        *--p = char('0' + value);
    }
    while (end - p < minDigits)
        *--p = '0';
    return p;
}

inline void appendUnsigned(ByteBuffer &out, std::uint64_t value)
{
    char buffer[24];
    char *const end = buffer + sizeof buffer;
    const char *start = writeDigitsBackwards(end, value);
    out.append(start, std::size_t(end - start));
}

inline void appendInt(ByteBuffer &out, std::int64_t value)
{
    char buffer[24];
    char *const end = buffer + sizeof buffer;
    char *start = writeDigitsBackwards(end, value < 0 ? 0 - std::uint64_t(value) : std::uint64_t(value));
    if (value < 0)
        *--start = '-';
    out.append(start, std::size_t(end - start));
}

// Appends value with at least width digits, zero padded (value >= 0).
inline void appendPadded(ByteBuffer &out, std::uint64_t value, int width)
{
    char buffer[32];
    char *const end = buffer + sizeof buffer;
    const char *start = writeDigitsBackwards(end, value, std::min(width, 24));
    out.append(start, std::size_t(end - start));
}

// A fixed-point number: units / 10^scale, e.g. (123456, 2) → "1234.56", (-5, 2) → "-0.05".
inline void appendDecimal(ByteBuffer &out, std::int64_t units, int scale)
{
    if (scale <= 0) {
        appendInt(out, units);
        return;
    }
    const std::uint64_t magnitude =
        units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
    std::uint64_t divisor = 1;
    for (int i = 0; i < scale && i < 19; ++i)
        divisor *= 10;
    char buffer[48];
    char *const end = buffer + sizeof buffer;
    char *start = writeDigitsBackwards(end, magnitude % divisor, scale);
    *--start = '.';
    start = writeDigitsBackwards(start, magnitude / divisor);
    if (units < 0)
        *--start = '-';
    out.append(start, std::size_t(end - start));
}

// Shortest text that reads back as the same double.
inline void appendDouble(ByteBuffer &out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    appendShort(out, std::string_view(buffer, std::size_t(result.ptr - buffer)));
}

// Copies n bytes and returns the end, without a call to memcpy for short values (ByteBuffer::copy).
inline char *copyShort(char *to, const char *from, std::size_t n)
{
    return ByteBuffer::copy(to, from, n);
}

// Makes room for `extra` more bytes, growing by half again at least: chunk buffers are reused, and a
// reserve that tracks each chunk's exact size would reallocate (and fault in fresh pages) every time.
template<typename Buffer> void reserveMore(Buffer &out, std::size_t extra)
{
    const std::size_t needed = out.size() + extra;
    if (needed > out.capacity())
        out.reserve(std::max(needed, out.capacity() + out.capacity() / 2));
}

// Base 36 (0-9a-z): short suffixes that keep derived values unique.
inline void appendBase36(ByteBuffer &out, std::uint64_t value)
{
    char buffer[16];
    int n = 0;
    do {
        buffer[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[value % 36];
        value /= 36;
    } while (value > 0);
    while (n > 0)
        out.push_back(buffer[--n]);
}

inline const char *hexDigits()
{
    return "0123456789abcdef";
}

} // namespace fabrica::text
