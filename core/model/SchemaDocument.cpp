#include "SchemaDocument.h"

#include "common/Logging.h"
#include "model/ConstraintKeys.h"

namespace fabrica {

SchemaDocument::SchemaDocument(QObject *parent) : QObject(parent) {}

SchemaDocument::SchemaDocument(Schema schema, QObject *parent) : QObject(parent), m_schema(std::move(schema))
{
}

void SchemaDocument::reset(Schema schema)
{
    emit aboutToBeReset();
    m_schema = std::move(schema);
    emit wasReset();
    emit changed();
    setModified(false);
}

void SchemaDocument::setName(const QString &name)
{
    if (m_schema.name == name)
        return;
    m_schema.name = name;
    emit propertiesChanged();
    edited();
}

void SchemaDocument::setDescription(const QString &description)
{
    if (m_schema.description == description)
        return;
    m_schema.description = description;
    emit propertiesChanged();
    edited();
}

void SchemaDocument::setOwner(const QString &owner)
{
    if (m_schema.owner == owner)
        return;
    m_schema.owner = owner;
    emit propertiesChanged();
    edited();
}

void SchemaDocument::setLocale(const QString &locale)
{
    if (m_schema.locale == locale)
        return;
    m_schema.locale = locale;
    emit propertiesChanged();
    edited();
}

void SchemaDocument::setReferenceDate(const QDate &date)
{
    if (m_schema.referenceDate == date)
        return;
    m_schema.referenceDate = date;
    emit propertiesChanged();
    edited();
}

void SchemaDocument::insertTable(int index, Table table)
{
    Q_ASSERT(index >= 0 && index <= tableCount());
    if (index < 0 || index > tableCount())
        return;
    emit tableAboutToBeInserted(index);
    m_schema.tables.insert(index, std::move(table));
    emit tableInserted(index);
    edited();
}

Table SchemaDocument::takeTable(int index)
{
    if (!validTable(index))
        return {};
    emit tableAboutToBeRemoved(index);
    Table table = m_schema.tables.takeAt(index);
    emit tableRemoved(index);
    edited();
    return table;
}

void SchemaDocument::moveTable(int from, int to)
{
    if (!validTable(from) || !validTable(to) || from == to)
        return;
    emit tableAboutToBeMoved(from, to);
    m_schema.tables.move(from, to);
    emit tableMoved(from, to);
    edited();
}

void SchemaDocument::renameTable(int index, const QString &name)
{
    if (!validTable(index) || m_schema.tables.at(index).name == name)
        return;
    const QString oldName = m_schema.tables.at(index).name;
    m_schema.tables[index].name = name;
    emit tableChanged(index);
    retargetReferences({oldName, {}}, {name, {}});
    edited();
}

void SchemaDocument::setTableDescription(int index, const QString &description)
{
    if (!validTable(index) || m_schema.tables.at(index).description == description)
        return;
    m_schema.tables[index].description = description;
    emit tableChanged(index);
    edited();
}

void SchemaDocument::setTableRows(int index, qint64 rows)
{
    if (!validTable(index) || m_schema.tables.at(index).rows == rows)
        return;
    m_schema.tables[index].rows = rows;
    emit tableChanged(index);
    edited();
}

void SchemaDocument::insertColumn(int table, int index, Column column)
{
    if (!validTable(table))
        return;
    const int count = int(m_schema.tables.at(table).columns.size());
    Q_ASSERT(index >= 0 && index <= count);
    if (index < 0 || index > count)
        return;
    emit columnAboutToBeInserted(table, index);
    m_schema.tables[table].columns.insert(index, std::move(column));
    emit columnInserted(table, index);
    edited();
}

Column SchemaDocument::takeColumn(int table, int index)
{
    if (!validColumn(table, index))
        return {};
    emit columnAboutToBeRemoved(table, index);
    Column column = m_schema.tables[table].columns.takeAt(index);
    emit columnRemoved(table, index);
    edited();
    return column;
}

void SchemaDocument::moveColumn(int table, int from, int to)
{
    if (!validColumn(table, from) || !validColumn(table, to) || from == to)
        return;
    emit columnAboutToBeMoved(table, from, to);
    m_schema.tables[table].columns.move(from, to);
    emit columnMoved(table, from, to);
    edited();
}

void SchemaDocument::setColumn(int table, int index, Column column)
{
    if (!validColumn(table, index) || m_schema.tables.at(table).columns.at(index) == column)
        return;
    m_schema.tables[table].columns[index] = std::move(column);
    emit columnChanged(table, index);
    edited();
}

void SchemaDocument::renameColumn(int table, int index, const QString &name)
{
    if (!validColumn(table, index) || m_schema.tables.at(table).columns.at(index).name == name)
        return;
    const QString tableName = m_schema.tables.at(table).name;
    const QString oldName = m_schema.tables.at(table).columns.at(index).name;
    m_schema.tables[table].columns[index].name = name;
    emit columnChanged(table, index);
    retargetReferences({tableName, oldName}, {tableName, name});
    edited();
}

void SchemaDocument::setColumnType(int table, int index, const QString &type)
{
    if (!validColumn(table, index))
        return;
    Column column = m_schema.tables.at(table).columns.at(index);
    column.type = type;
    setColumn(table, index, std::move(column));
}

void SchemaDocument::setColumnConstraints(int table, int index, const QJsonObject &constraints)
{
    if (!validColumn(table, index))
        return;
    Column column = m_schema.tables.at(table).columns.at(index);
    column.constraints = constraints;
    setColumn(table, index, std::move(column));
}

void SchemaDocument::setColumnSamples(int table, int index, const QStringList &samples)
{
    if (!validColumn(table, index))
        return;
    Column column = m_schema.tables.at(table).columns.at(index);
    column.samples = samples;
    setColumn(table, index, std::move(column));
}

void SchemaDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

bool SchemaDocument::validTable(int index) const
{
    const bool valid = index >= 0 && index < tableCount();
    Q_ASSERT_X(valid, "SchemaDocument", "table index out of range");
    return valid;
}

bool SchemaDocument::validColumn(int table, int index) const
{
    const bool valid = validTable(table) && index >= 0 && index < m_schema.tables.at(table).columns.size();
    Q_ASSERT_X(valid, "SchemaDocument", "column index out of range");
    return valid;
}

void SchemaDocument::edited()
{
    emit changed();
    setModified(true);
}

void SchemaDocument::retargetReferences(const ColumnReference &from, const ColumnReference &to)
{
    for (int t = 0; t < tableCount(); ++t) {
        QList<Column> &columns = m_schema.tables[t].columns;
        for (int c = 0; c < columns.size(); ++c) {
            const auto target = ColumnReference::fromConstraint(columns.at(c).constraints.value(keys::references));
            if (!target || target->table != from.table || (!from.column.isEmpty() && target->column != from.column))
                continue;
            const ColumnReference updated{to.table, from.column.isEmpty() ? target->column : to.column};
            columns[c].constraints.insert(keys::references, updated.toString());
            qCDebug(lcModel) << "reference" << target->toString() << "now" << updated.toString();
            emit columnChanged(t, c);
        }
    }
}

} // namespace fabrica
