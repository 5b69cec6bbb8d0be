#pragma once

#include "Column.h"

#include <QList>

namespace fabrica {

// One table of a schema: its columns and how many rows to generate.
struct Table
{
    QString name;
    QString description;
    qint64 rows = 0;
    QList<Column> columns;

    // Index of the column called name (exact match), or -1.
    int columnIndex(const QString &name) const;
    const Column *column(const QString &name) const;
    // How many columns have "primaryKey": two or more form one composite key, unique only together.
    int primaryKeyColumns() const;
    // Whether column's values are unique on their own: "unique", or the table's only primary-key column.
    bool isUniqueOnItsOwn(const Column &column) const;

    bool operator==(const Table &) const = default;
};

} // namespace fabrica
