#pragma once

#include "common/Result.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace fabrica {

// The first values of one column as the real engine makes them: byte for byte what `fabrica generate`
// writes for those rows with the same seed. A RowWindow onto the column's table, so only that table and
// the key columns of the tables its foreign keys reach are compiled. Safe to call from any thread.
class ColumnPreview
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnPreview)

public:
    using Values = QList<std::optional<QString>>; // std::nullopt = NULL

    // Values of rows 0 .. min(count, rows of the table) - 1 of column `column` of table `table` (indexes
    // into schema); count is capped at RowWindow::maxRowsPerCall. Errors are the validator's (or the
    // engine's) messages about the reduced schema.
    static Result<Values> values(const Schema &schema, int table, int column, quint64 seed, int count);
};

} // namespace fabrica
