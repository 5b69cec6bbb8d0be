#pragma once

#include "Cardinality.h"
#include "Permutation.h"

#include <QtGlobal>

#include <memory>
#include <vector>

namespace fabrica {

// A key over several columns (a join table such as post_tags(post_id, tag_id), or salaries(emp_no,
// from_date)): each row gets a distinct combination of component indexes (parent rows for foreign keys,
// value indexes for the other columns) by permuting the row number over the product of the components'
// domains and reading the digits in mixed radix. Unique combinations, no set in memory.
//
// When one component is a foreign key with "cardinality", its children are consecutive rows of one
// parent (as Cardinality says) and the other components are permuted per parent: the k-th child of
// parent p takes combination (k + offset(p)) mod (product of the others), distinct within the parent.
class CompositeKey
{
public:
    // counted: the index of the component whose parents `cardinality` gives, or -1 for none.
    CompositeKey(std::vector<quint64> radices, quint64 key,
                 std::shared_ptr<const Cardinality> cardinality = {}, int counted = -1);

    // The number of distinct combinations (saturating).
    static quint64 product(const std::vector<quint64> &radices);

    bool hasCardinality() const { return m_cardinality != nullptr; }
    // The index of component `index` for `row`.
    qint64 component(qint64 row, int index) const;
    // The same for rows [firstRow, firstRow + rows), into out: one lookup of the first row's parent per
    // call when a cardinality is involved, instead of one per row.
    void components(qint64 firstRow, int rows, int index, qint64 *out) const;

private:
    qint64 digit(quint64 combination, int index) const;
    quint64 childCombination(qint64 parent, qint64 child) const;

    std::vector<quint64> m_radices;
    std::shared_ptr<const Cardinality> m_cardinality;
    int m_counted;
    quint64 m_key;
    Permutation m_permutation;
};

} // namespace fabrica
