#pragma once

#include "ImportReport.h"
#include "ImportedDefinitions.h"
#include "model/Table.h"

#include <QCoreApplication>
#include <QList>

namespace fabrica {

// PostgreSQL's declarative partitions (PARTITION BY, PARTITION OF, ATTACH PARTITION) as one table: the
// partitions' foreign keys, keys and sample rows fold into the partitioned table, and its partition key is
// kept within the union of the partitions' bounds, so every generated row has a partition to go to.
class DdlPartitions
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlPartitions)

public:
    // Merges every table read as a partition (ImportedTable::partitionOf) into its topmost parent and
    // removes it; foreign keys that referenced a partition reference the parent.
    static void fold(QList<ImportedTable> &tables, ImportReport &report);

    // Constraints on out's partition-key column from imported's partition bounds: RANGE → min and max of
    // the union (the upper bound is exclusive), LIST → the listed values; nothing for HASH, a DEFAULT
    // partition or a key over several columns or expressions. Each change is reported as a guess.
    static void applyBounds(const ImportedTable &imported, Table &out, ImportReport &report);
};

} // namespace fabrica
