#pragma once

#include "Random.h"

#include <cstdint>

namespace fabrica {

// A keyed bijection of [0, size): a balanced Feistel network over the smallest even number of bits that
// covers size, with cycle-walking for the values that fall outside. Unique columns map their row index
// through it, so values are distinct by construction and look random, with no set of values in memory.
class Permutation
{
public:
    Permutation(std::uint64_t size, std::uint64_t key)
        : m_size(size)
    {
        int bits = 2;
        while (bits < 64 && (std::uint64_t(1) << bits) < size)
            bits += 2;
        m_halfBits = bits / 2;
        m_halfMask = (m_halfBits >= 32) ? 0xFFFFFFFFull : ((std::uint64_t(1) << m_halfBits) - 1);
        for (int round = 0; round < kRounds; ++round)
            m_keys[round] = Random::hash(key + 0x632BE59BD9B4E019ull * (round + 1));
    }

    std::uint64_t size() const { return m_size; }

    // The image of index (< size) under the permutation.
    std::uint64_t map(std::uint64_t index) const
    {
        if (m_size <= 1)
            return index;
        std::uint64_t value = index;
        do { // cycle-walk: the image of a value < size is eventually < size again
            value = encrypt(value);
        } while (value >= m_size);
        return value;
    }

private:
    static constexpr int kRounds = 4;

    std::uint64_t encrypt(std::uint64_t value) const
    {
        std::uint64_t left = (value >> m_halfBits) & m_halfMask;
        std::uint64_t right = value & m_halfMask;
        for (int round = 0; round < kRounds; ++round) {
            const std::uint64_t mixed = Random::hash(right ^ m_keys[round]) & m_halfMask;
            const std::uint64_t next = left ^ mixed;
            left = right;
            right = next;
        }
        return (left << m_halfBits) | right;
    }

    std::uint64_t m_size;
    int m_halfBits = 1;
    std::uint64_t m_halfMask = 1;
    std::uint64_t m_keys[kRounds] = {};
};

} // namespace fabrica
