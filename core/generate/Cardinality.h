#pragma once

#include "Distribution.h"
#include "Random.h"

#include <QtGlobal>

#include <optional>
#include <vector>

namespace fabrica {

// Children per parent for a foreign key with "cardinality": parent p gets count(p) children, a pure
// function of p, and the children of one parent are consecutive rows of the child table. The child
// table's row count is the sum of the counts. To find the parent of a row without a table per parent, the
// index keeps one running total per block of parents (a few KB for millions of parents): a lookup is a
// binary search over blocks and a walk inside one block, done once per chunk.
class Cardinality
{
public:
    Cardinality(qint64 parents, qint64 min, qint64 max, std::optional<Distribution> distribution,
                quint64 seed);

    qint64 count(qint64 parent) const;
    qint64 totalChildren() const { return m_total; }
    qint64 parents() const { return m_parents; }

    // The parent of child row `row` and how many children of that parent come from `row` on (>= 1).
    struct Position
    {
        qint64 parent;
        qint64 remaining;
    };
    Position locate(qint64 row) const;
    // The position of the row after the one at `position`.
    Position next(Position position) const;

private:
    static constexpr qint64 kBlock = 4096;

    qint64 m_parents;
    qint64 m_min;
    qint64 m_max;
    std::optional<Distribution> m_distribution;
    quint64 m_seed;
    std::vector<qint64> m_blockStarts; // children before block k
    qint64 m_total = 0;
};

} // namespace fabrica
