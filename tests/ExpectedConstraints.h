#pragma once

#include "generate/Plan.h"
#include "model/ConstraintKeys.h"

#include <QStringList>

namespace fabrica::test {

// What the database should show for plan: per table the primary key, a unique constraint per unique column
// (not for a column that is the whole primary key) and every foreign key. "table|kind|columns|referenced".
inline QStringList expectedConstraints(const Plan &plan)
{
    QStringList lines;
    for (const TablePlan &table : plan.tables()) {
        const Table &source = plan.schema().tables.at(table.schemaIndex);
        QStringList keyColumns;
        for (const Column &column : source.columns)
            if (column.constraints.value(keys::primaryKey).toBool())
                keyColumns << column.name;
        keyColumns.sort();
        if (!keyColumns.isEmpty())
            lines << QStringLiteral("%1|p|%2|").arg(table.name, keyColumns.join(u','));
        for (const ColumnPlan &column : table.columns) {
            const bool unique = source.column(column.name)->constraints.value(keys::unique).toBool();
            if (unique && keyColumns != QStringList{column.name})
                lines << QStringLiteral("%1|u|%2|").arg(table.name, column.name);
            if (column.parentTable >= 0)
                lines << QStringLiteral("%1|f|%2|%3")
                             .arg(table.name, column.name,
                                  plan.tables()[std::size_t(column.parentTable)].name);
        }
    }
    lines.sort();
    return lines;
}

} // namespace fabrica::test
