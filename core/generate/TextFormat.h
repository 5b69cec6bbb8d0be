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

inline void appendInt(ByteBuffer &out, std::int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    appendShort(out, std::string_view(buffer, std::size_t(result.ptr - buffer)));
}

inline void appendUnsigned(ByteBuffer &out, std::uint64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    appendShort(out, std::string_view(buffer, std::size_t(result.ptr - buffer)));
}

// Appends value with at least width digits, zero padded (value >= 0).
inline void appendPadded(ByteBuffer &out, std::uint64_t value, int width)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    for (int pad = width - int(result.ptr - buffer); pad > 0; --pad)
        out.push_back('0');
    appendShort(out, std::string_view(buffer, std::size_t(result.ptr - buffer)));
}

// A fixed-point number: units / 10^scale, e.g. (123456, 2) → "1234.56", (-5, 2) → "-0.05".
inline void appendDecimal(ByteBuffer &out, std::int64_t units, int scale)
{
    if (scale <= 0) {
        appendInt(out, units);
        return;
    }
    std::uint64_t magnitude =
        units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
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
inline void reserveMore(std::string &out, std::size_t extra)
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
