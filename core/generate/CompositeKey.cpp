#include "CompositeKey.h"

namespace fabrica {

namespace {

// The product of the radices other than `skip`.
std::vector<quint64> without(std::vector<quint64> radices, int skip)
{
    if (skip >= 0 && skip < int(radices.size()))
        radices.erase(radices.begin() + skip);
    return radices;
}

} // namespace

CompositeKey::CompositeKey(std::vector<quint64> radices, quint64 key,
                           std::shared_ptr<const Cardinality> cardinality, int counted)
    : m_radices(std::move(radices))
    , m_cardinality(std::move(cardinality))
    , m_counted(m_cardinality ? counted : -1)
    , m_key(key)
    , m_permutation(product(without(m_radices, m_counted)), key)
{}

quint64 CompositeKey::product(const std::vector<quint64> &radices)
{
    quint64 total = 1;
    for (const quint64 radix : radices) {
        if (radix != 0 && total > ~quint64(0) / radix)
            return ~quint64(0);
        total *= radix;
    }
    return total;
}

qint64 CompositeKey::digit(quint64 combination, int index) const
{
    for (int i = 0; i < index; ++i) {
        if (i != m_counted)
            combination /= m_radices[std::size_t(i)];
    }
    return qint64(combination % m_radices[std::size_t(index)]);
}

quint64 CompositeKey::childCombination(qint64 parent, qint64 child) const
{
    // A per-parent offset, so the parents' first children do not all share one combination.
    const quint64 size = m_permutation.size();
    const quint64 offset = Random::hash(quint64(parent) ^ m_key) % size;
    return m_permutation.map((quint64(child) % size + offset) % size);
}

qint64 CompositeKey::component(qint64 row, int index) const
{
    if (!m_cardinality)
        return digit(m_permutation.map(quint64(row) % m_permutation.size()), index);
    const Cardinality::Position position = m_cardinality->locate(row);
    if (index == m_counted)
        return position.parent;
    const qint64 child = m_cardinality->count(position.parent) - position.remaining;
    return digit(childCombination(position.parent, child), index);
}

void CompositeKey::components(qint64 firstRow, int rows, int index, qint64 *out) const
{
    if (!m_cardinality) {
        for (int i = 0; i < rows; ++i)
            out[i] = component(firstRow + i, index);
        return;
    }
    if (rows <= 0)
        return;
    Cardinality::Position position = m_cardinality->locate(firstRow);
    qint64 children = m_cardinality->count(position.parent);
    for (int i = 0; i < rows; ++i) {
        if (index == m_counted)
            out[i] = position.parent;
        else
            out[i] = digit(childCombination(position.parent, children - position.remaining), index);
        const qint64 parent = position.parent;
        position = m_cardinality->next(position);
        if (position.parent != parent)
            children = m_cardinality->count(position.parent);
    }
}

} // namespace fabrica
