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

    bool operator==(const Table &) const = default;
};

} // namespace fabrica
