#pragma once

#include "generate/ByteBuffer.h"
#include "generate/ByteSet.h"
#include "generate/TextFormat.h"

#include <algorithm>
#include <array>
#include <string_view>

// PostgreSQL COPY's text format: backslash, tab, newline and carriage return escaped, NUL dropped
// (PostgreSQL text cannot hold it); \N stands for NULL. Used by every COPY Fabrica sends.
namespace fabrica::copytext {

// Bytes that COPY's text format escapes (or, for NUL, drops).
inline const ByteSet &specialBytes()
{
    static const ByteSet special{'\\', '\t', '\n', '\r', '\0'};
    return special;
}

inline bool isPlain(std::string_view value)
{
    return !specialBytes().foundIn(value);
}

// Writes value escaped at out, which has room for 2 * value.size() bytes; returns the end.
inline char *write(std::string_view value, char *out)
{
    if (isPlain(value))
        return text::copyShort(out, value.data(), value.size());
    for (const char c : value) {
        switch (c) {
        case '\\':
            *out++ = '\\';
            *out++ = '\\';
            break;
        case '\t':
            *out++ = '\\';
            *out++ = 't';
            break;
        case '\n':
            *out++ = '\\';
            *out++ = 'n';
            break;
        case '\r':
            *out++ = '\\';
            *out++ = 'r';
            break;
        case '\0':
            break;
        default:
            *out++ = c;
        }
    }
    return out;
}

inline void append(std::string_view value, ByteBuffer &out)
{
    const std::size_t start = out.size();
    char *begin = out.grow(value.size() * 2);
    out.resize(start + std::size_t(write(value, begin) - begin));
}

} // namespace fabrica::copytext
