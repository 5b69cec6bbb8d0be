#pragma once

#include <cstdint>
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace fabrica {

// The engine's pseudo-random stream: SplitMix64, a counter-based generator (state += gamma, then a
// strong 64-bit mix). Seeding costs nothing, so every cell can get its own stream seeded from
// (seed, table, column, row): the output is then a pure function of the schema and the seed, the same
// for any thread count and any chunk size, and any thread can produce any row.
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    {}

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
    // Derives the seed of one column's streams from the generation seed and the column's place;
    // purpose separates independent uses within a column (values, nulls, …).
    static std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t table, std::uint64_t column,
                                    std::uint64_t purpose = 0)
    {
        std::uint64_t h = hash(seed ^ 0x5EEDF00Dull);
        h = hash(h ^ (table * 0x9E3779B97F4A7C15ull));
        h = hash(h ^ (column * 0xC2B2AE3D27D4EB4Full));
        return hash(h ^ (purpose * 0x165667B19E3779F9ull));
    }

    std::uint64_t next() { return splitMix(m_state); }

    // The stream of one cell: column seed (streamSeed) and absolute row index.
    static Random forRow(std::uint64_t columnSeed, std::uint64_t row)
    {
        return Random(hash(columnSeed ^ (row * 0xD1B54A32D192ED03ull)));
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
        __extension__ typedef unsigned __int128 Wide; // GCC and Clang; -Wpedantic knows no 128-bit type
        return static_cast<std::uint64_t>((static_cast<Wide>(a) * b) >> 64);
#endif
    }

private:
    std::uint64_t m_state;
};

} // namespace fabrica
