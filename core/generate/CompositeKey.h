#pragma once

#include "Permutation.h"

#include <QtGlobal>

#include <vector>

namespace fabrica {

// A primary key of several foreign keys (a join table such as post_tags(post_id, tag_id)): each row gets
// a distinct combination of parent rows by permuting the row number over the product of the parents'
// row counts and reading the digits in mixed radix. Unique combinations, no set in memory.
class CompositeKey
{
public:
    CompositeKey(std::vector<quint64> radices, quint64 key)
        : m_radices(std::move(radices))
        , m_permutation(product(m_radices), key)
    {}

    // The number of distinct combinations (saturating).
    static quint64 product(const std::vector<quint64> &radices)
    {
        quint64 total = 1;
        for (const quint64 radix : radices) {
            if (radix != 0 && total > ~quint64(0) / radix)
                return ~quint64(0);
            total *= radix;
        }
        return total;
    }

    // The parent row of component `index` for `row`.
    qint64 component(qint64 row, int index) const
    {
        quint64 value = m_permutation.map(quint64(row) % m_permutation.size());
        for (int i = 0; i < index; ++i)
            value /= m_radices[std::size_t(i)];
        return qint64(value % m_radices[std::size_t(index)]);
    }

private:
    std::vector<quint64> m_radices;
    Permutation m_permutation;
};

} // namespace fabrica
