#pragma once

#include "StoredRecords.h"
#include "model/Schema.h"

#include <QList>

#include <optional>

namespace fabrica {

// A stored schema with the storage ids of its parts, for callers that address tables, columns and samples by
// id (the REST API). The id lists run parallel to the schema: tableIds[t], columnIds[t][c] and
// sampleIds[t][c][s]. An id of 0, or a list shorter than the schema's, means "not stored yet": updating
// inserts it (Repository::updateStoredSchema).
struct StoredSchema
{
    SchemaRecord record;
    Schema schema;
    QList<qint64> tableIds;
    QList<QList<qint64>> columnIds;
    QList<QList<QList<qint64>>> sampleIds;

    qint64 tableId(int table) const;
    qint64 columnId(int table, int column) const;
    qint64 sampleId(int table, int column, int sample) const;
    // Index of the table with that id, or -1.
    int tableIndex(qint64 id) const;
    // (table, column) indexes of the column with that id, or nullopt.
    std::optional<std::pair<int, int>> columnIndex(qint64 id) const;

    // Adds a table (with its columns and samples) as not stored yet, at index (appended when out of range).
    void insertTable(int index, const Table &table);
    void removeTable(int table);
    // Adds a column (with its samples) as not stored yet, at index (appended when out of range).
    void insertColumn(int table, int index, const Column &column);
    void removeColumn(int table, int column);
    // Pads the id lists to the schema's shape with zeros, so they can be edited alongside it.
    void padIds();
};

} // namespace fabrica
