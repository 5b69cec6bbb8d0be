#include "Crc32.h"

#include <zlib.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FABRICA_CRC32_PCLMUL 1
#include <immintrin.h>
#endif

namespace fabrica {

#ifdef FABRICA_CRC32_PCLMUL
namespace {

#define FABRICA_PCLMUL __attribute__((target("pclmul,sse4.1")))

FABRICA_PCLMUL inline __m128i load(const unsigned char *p)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}

// x folded over 128 bits by the constants k onto next.
FABRICA_PCLMUL inline __m128i fold(__m128i x, __m128i k, __m128i next)
{
    return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x11), next),
                         _mm_clmulepi64_si128(x, k, 0x00));
}

// Folds 64-byte blocks four lanes at a time, then 16-byte blocks, then reduces to 32 bits (Barrett), after
// Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ" for the reflected polynomial
// 0xEDB88320. size is at least 64 and a multiple of 16; crc is the running value without zlib's final
// inversion (~crc).
FABRICA_PCLMUL quint32 foldBlocks(quint32 crc, const unsigned char *data, std::size_t size)
{
    const __m128i k1k2 = _mm_set_epi64x(0x01c6e41596, 0x0154442bd4);
    const __m128i k3k4 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0);
    const __m128i k5k0 = _mm_set_epi64x(0x0000000000, 0x0163cd6124);
    const __m128i poly = _mm_set_epi64x(0x01f7011641, 0x01db710641);

    __m128i x1 = _mm_xor_si128(load(data), _mm_cvtsi32_si128(int(crc)));
    __m128i x2 = load(data + 16);
    __m128i x3 = load(data + 32);
    __m128i x4 = load(data + 48);
    data += 64;
    size -= 64;
    while (size >= 64) {
        x1 = fold(x1, k1k2, load(data));
        x2 = fold(x2, k1k2, load(data + 16));
        x3 = fold(x3, k1k2, load(data + 32));
        x4 = fold(x4, k1k2, load(data + 48));
        data += 64;
        size -= 64;
    }
    x1 = fold(fold(fold(x1, k3k4, x2), k3k4, x3), k3k4, x4);
    while (size >= 16) {
        x1 = fold(x1, k3k4, load(data));
        data += 16;
        size -= 16;
    }
    // 128 bits to 64, to 32.
    const __m128i mask32 = _mm_setr_epi32(~0, 0, ~0, 0);
    x2 = _mm_clmulepi64_si128(x1, k3k4, 0x10);
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), x2);
    x2 = _mm_srli_si128(x1, 4);
    x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, mask32), k5k0, 0x00), x2);
    x2 = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly, 0x10);
    x2 = _mm_clmulepi64_si128(_mm_and_si128(x2, mask32), poly, 0x00);
    return quint32(_mm_extract_epi32(_mm_xor_si128(x1, x2), 1));
}

bool hasPclmul()
{
    static const bool has = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    return has;
}

} // namespace
#endif

bool Crc32::accelerated()
{
#ifdef FABRICA_CRC32_PCLMUL
    return hasPclmul();
#else
    return false;
#endif
}

quint32 Crc32::update(quint32 crc, const char *data, std::size_t size)
{
    auto bytes = reinterpret_cast<const unsigned char *>(data);
#ifdef FABRICA_CRC32_PCLMUL
    if (size >= 64 && hasPclmul()) {
        const std::size_t blocks = size & ~std::size_t(15);
        crc = ~foldBlocks(~crc, bytes, blocks);
        bytes += blocks;
        size -= blocks;
    }
#endif
    // zlib takes at most 4 GiB per call (uInt).
    while (size > 0) {
        const std::size_t part = std::min<std::size_t>(size, 1u << 30);
        crc = quint32(::crc32(crc, bytes, uInt(part)));
        bytes += part;
        size -= part;
    }
    return crc;
}

} // namespace fabrica
