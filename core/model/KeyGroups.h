#pragma once

#include "Table.h"

#include <QList>
#include <QStringList>

namespace fabrica {

// A key over several columns: the composite primary key (empty name) or the columns of one table that
// share a "uniqueKey" name, in column order. Its combinations are unique; no column is on its own.
struct KeyGroup
{
    QString name;       // empty for the primary key
    QList<int> columns; // indexes into Table::columns, ascending

    bool isPrimaryKey() const { return name.isEmpty(); }
};

// Reads a table's key groups from its columns' "primaryKey" and "uniqueKey" constraints.
class KeyGroups
{
public:
    // The names in a column's "uniqueKey" (a string or an array of strings); malformed entries are left
    // out (the validator reports them).
    static QStringList uniqueKeyNames(const Column &column);
    // The primary key when it has two columns or more, then every uniqueKey name in order of first use,
    // including names used by a single column (the validator warns about those; they mean unique).
    static QList<KeyGroup> of(const Table &table);
    // The names of the columns of group, for messages and DDL: "a, b".
    static QStringList columnNames(const Table &table, const KeyGroup &group);
};

} // namespace fabrica
