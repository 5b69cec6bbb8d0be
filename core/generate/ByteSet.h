#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fabrica {

// A few bytes that a format must escape (CSV: delimiter, quote, CR, LF; COPY text: backslash, tab, CR,
// LF, NUL), and a fast answer to "does this text hold any of them". Sinks ask it of a column's whole
// chunk at once: most text columns hold none, and are then copied without looking at each value.
class ByteSet
{
public:
    static constexpr std::size_t maxBytes = 12;

    ByteSet() = default;
    ByteSet(std::initializer_list<char> bytes)
    {
        for (const char b : bytes)
            add(b);
    }

    void add(char b)
    {
        if (m_member[static_cast<unsigned char>(b)] || m_count == maxBytes)
            return;
        m_member[static_cast<unsigned char>(b)] = true;
        m_bytes[m_count++] = b;
    }
    bool contains(char b) const { return m_member[static_cast<unsigned char>(b)]; }
    // Whether any byte of text is in the set; 16 bytes per step where SSE2 is there (every x86-64).
    bool foundIn(std::string_view text) const
    {
        const char *p = text.data();
        std::size_t left = text.size();
#if defined(__SSE2__)
        if (left >= 16) {
            __m128i sets[maxBytes];
            for (std::size_t i = 0; i < m_count; ++i)
                sets[i] = _mm_set1_epi8(m_bytes[i]);
            while (left >= 16) {
                const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
                __m128i hits = _mm_setzero_si128();
                for (std::size_t i = 0; i < m_count; ++i)
                    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(block, sets[i]));
                if (_mm_movemask_epi8(hits))
                    return true;
                p += 16;
                left -= 16;
            }
        }
#endif
        for (; left > 0; --left, ++p) {
            if (m_member[static_cast<unsigned char>(*p)])
                return true;
        }
        return false;
    }

private:
    std::array<bool, 256> m_member{};
    std::array<char, maxBytes> m_bytes{};
    std::size_t m_count = 0;
};

} // namespace fabrica
