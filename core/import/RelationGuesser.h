#pragma once

#include "ImportReport.h"
#include "model/Table.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace fabrica {

// Proposes relations between columns of an imported table where the names make the order obvious
// (`*_start`/`*_end`, `created_at`/`updated_at`, `rental_date`/`return_date`, `birth_date`/`hire_date`,
// `order_date`/`shipped_date`/`delivery_date`, …): the later column gets an "after" the earlier one with a
// gap that fits the pair, and every proposal is a Guess line of the report.
class RelationGuesser
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RelationGuesser)

public:
    struct Proposal
    {
        int later = -1;    // index of the column that gets "after"
        int earlier = -1;  // index of its source
        QJsonObject after; // the "after" value
    };

    // What would be proposed for table, without changing it.
    static QList<Proposal> proposals(const Table &table);
    // Adds the proposals to table and one Guess line each to report (where: the table's place in the input).
    static void propose(Table &table, const SourceLocation &where, ImportReport &report);
};

} // namespace fabrica
