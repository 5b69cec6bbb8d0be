#include "StoredSchema.h"

namespace fabrica {

qint64 StoredSchema::tableId(int table) const
{
    return tableIds.value(table);
}

qint64 StoredSchema::columnId(int table, int column) const
{
    return columnIds.value(table).value(column);
}

qint64 StoredSchema::sampleId(int table, int column, int sample) const
{
    return sampleIds.value(table).value(column).value(sample);
}

int StoredSchema::tableIndex(qint64 id) const
{
    if (id <= 0)
        return -1;
    const qsizetype at = tableIds.indexOf(id);
    return at < schema.tables.size() ? int(at) : -1;
}

std::optional<std::pair<int, int>> StoredSchema::columnIndex(qint64 id) const
{
    if (id <= 0)
        return std::nullopt;
    for (int t = 0; t < columnIds.size() && t < schema.tables.size(); ++t) {
        const qsizetype at = columnIds[t].indexOf(id);
        if (at >= 0 && at < schema.tables[t].columns.size())
            return std::pair<int, int>(t, int(at));
    }
    return std::nullopt;
}

void StoredSchema::padIds()
{
    const qsizetype tables = schema.tables.size();
    tableIds.resize(tables);
    columnIds.resize(tables);
    sampleIds.resize(tables);
    for (qsizetype t = 0; t < tables; ++t) {
        const QList<Column> &columns = schema.tables[t].columns;
        columnIds[t].resize(columns.size());
        sampleIds[t].resize(columns.size());
        for (qsizetype c = 0; c < columns.size(); ++c)
            sampleIds[t][c].resize(columns[c].samples.size());
    }
}

void StoredSchema::insertTable(int index, const Table &table)
{
    padIds();
    if (index < 0 || index > schema.tables.size())
        index = int(schema.tables.size());
    schema.tables.insert(index, table);
    tableIds.insert(index, 0);
    columnIds.insert(index, QList<qint64>());
    sampleIds.insert(index, QList<QList<qint64>>());
    padIds();
}

void StoredSchema::removeTable(int table)
{
    padIds();
    schema.tables.removeAt(table);
    tableIds.removeAt(table);
    columnIds.removeAt(table);
    sampleIds.removeAt(table);
}

void StoredSchema::insertColumn(int table, int index, const Column &column)
{
    padIds();
    QList<Column> &columns = schema.tables[table].columns;
    if (index < 0 || index > columns.size())
        index = int(columns.size());
    columns.insert(index, column);
    columnIds[table].insert(index, 0);
    sampleIds[table].insert(index, QList<qint64>());
    padIds();
}

void StoredSchema::removeColumn(int table, int column)
{
    padIds();
    schema.tables[table].columns.removeAt(column);
    columnIds[table].removeAt(column);
    sampleIds[table].removeAt(column);
}

} // namespace fabrica
