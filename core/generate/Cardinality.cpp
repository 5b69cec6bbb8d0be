#include "Cardinality.h"

#include <algorithm>

namespace fabrica {

Cardinality::Cardinality(qint64 parents, qint64 min, qint64 max, std::optional<Distribution> distribution,
                         quint64 seed)
    : m_parents(parents)
    , m_min(min)
    , m_max(max)
    , m_distribution(std::move(distribution))
    , m_seed(seed)
{
    m_blockStarts.reserve(std::size_t(parents / kBlock + 1));
    for (qint64 p = 0; p < parents; ++p) {
        if (p % kBlock == 0)
            m_blockStarts.push_back(m_total);
        m_total += count(p);
    }
}

qint64 Cardinality::count(qint64 parent) const
{
    Random random = Random::forRow(m_seed, quint64(parent));
    return m_distribution ? m_distribution->sampleInteger(random) : random.between(m_min, m_max);
}

Cardinality::Position Cardinality::locate(qint64 row) const
{
    // The last block that starts at or before row, then parent by parent inside it.
    const auto block =
        std::upper_bound(m_blockStarts.begin(), m_blockStarts.end(), row) - m_blockStarts.begin() - 1;
    qint64 parent = qint64(block) * kBlock;
    qint64 start = m_blockStarts[std::size_t(block)];
    while (parent < m_parents) {
        const qint64 children = count(parent);
        if (row < start + children)
            return {parent, start + children - row};
        start += children;
        ++parent;
    }
    return {m_parents - 1, 1}; // row beyond the total: cannot happen when the table has totalChildren() rows
}

Cardinality::Position Cardinality::next(Position position) const
{
    if (position.remaining > 1)
        return {position.parent, position.remaining - 1};
    qint64 parent = position.parent + 1;
    while (parent < m_parents) {
        const qint64 children = count(parent);
        if (children > 0)
            return {parent, children};
        ++parent;
    }
    return {m_parents - 1, 1};
}

} // namespace fabrica
