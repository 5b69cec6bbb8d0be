#pragma once

#include <cstdint>
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace fabrica {

// The engine's pseudo-random stream: xoshiro256** seeded through SplitMix64. Small, fast and
// reproducible on every platform. Every (seed, table, column, chunk) gets its own stream (streamSeed),
// so any thread can produce any chunk and the output never depends on scheduling.
class Random
{
public:
    explicit Random(std::uint64_t seed)
    {
        for (std::uint64_t &word : m_state)
            word = splitMix(seed);
    }

    // One step of SplitMix64: a strong 64-bit mixer, also used to hash indexes into values.
    static std::uint64_t splitMix(std::uint64_t &state)
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // A well-mixed 64-bit hash of x; hash(a) and hash(b) look independent for a != b.
    static std::uint64_t hash(std::uint64_t x) { return splitMix(x); }
    // Derives the seed of one stream from its coordinates.
    static std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t table, std::uint64_t column,
                                    std::uint64_t chunk)
    {
        std::uint64_t h = hash(seed ^ 0x5EEDF00Dull);
        h = hash(h ^ (table * 0x9E3779B97F4A7C15ull));
        h = hash(h ^ (column * 0xC2B2AE3D27D4EB4Full));
        return hash(h ^ (chunk * 0x165667B19E3779F9ull));
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n) for n > 0 (Lemire's multiply-shift; the bias is below 2^-64 * n).
    std::uint64_t below(std::uint64_t n) { return mulHigh(next(), n); }
    // Uniform in [low, high], inclusive; low <= high.
    std::int64_t between(std::int64_t low, std::int64_t high)
    {
        const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
        if (span == ~std::uint64_t(0))
            return static_cast<std::int64_t>(next());
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + below(span + 1));
    }
    // Uniform in [0, 1) with 53 random bits.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // True with probability p (0..1).
    bool chance(double p) { return unit() < p; }

    // The high 64 bits of a * b.
    static std::uint64_t mulHigh(std::uint64_t a, std::uint64_t b)
    {
#if defined(_MSC_VER) && !defined(__clang__)
        return __umulh(a, b);
#else
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64);
#endif
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace fabrica
