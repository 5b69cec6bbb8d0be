#include "SchemaSession.h"

#include "commands/AddColumnCommand.h"
#include "commands/AddTableCommand.h"
#include "commands/DeriveFromSamplesCommand.h"
#include "commands/EditSamplesCommand.h"
#include "commands/ImportIntoSchemaCommand.h"
#include "commands/MoveColumnCommand.h"
#include "commands/MoveTableCommand.h"
#include "commands/RemoveColumnCommand.h"
#include "commands/RemoveTableCommand.h"
#include "commands/RenameColumnCommand.h"
#include "commands/RenameTableCommand.h"
#include "commands/SetColumnDescriptionCommand.h"
#include "commands/SetColumnTypeCommand.h"
#include "commands/SetConstraintCommand.h"
#include "commands/SetConstraintsCommand.h"
#include "commands/SetTableDescriptionCommand.h"
#include "commands/SetTableRowsCommand.h"
#include "model/ConstraintKeys.h"
#include "model/UniqueName.h"

#include <QFileInfo>
#include <QUndoStack>

#include <memory>

namespace fabrica {

namespace {

constexpr qint64 kNewTableRows = 1000;

QStringList columnNames(const Table &table)
{
    QStringList names;
    for (const Column &column : table.columns)
        names << column.name;
    return names;
}

} // namespace

SchemaSession::SchemaSession(Schema schema, QObject *parent)
    : QObject(parent), m_document(new SchemaDocument(std::move(schema), this)), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        m_document->setModified(!clean);
        emit dirtyChanged(!clean);
    });
}

SchemaSession::~SchemaSession()
{
    // The stack's commands point at the document: let them go first. Quietly: a stack being deleted says it
    // is clean, which must not read as "saved" (that would drop the crash-recovery copy).
    m_undoStack->disconnect(this);
    delete m_undoStack;
    m_undoStack = nullptr;
}

void SchemaSession::setFile(const QString &path)
{
    m_origin = Origin::File;
    m_filePath = path;
    m_storedId = 0;
    emit originChanged();
}

void SchemaSession::setStored(qint64 id, qint64 ownerId, const QString &owner)
{
    m_origin = Origin::Stored;
    m_storedId = id;
    m_storedOwnerId = ownerId;
    m_storedOwner = owner;
    m_filePath.clear();
    emit originChanged();
}

void SchemaSession::setUnsaved()
{
    m_origin = Origin::Unsaved;
    m_storedId = 0;
    m_filePath.clear();
    emit originChanged();
}

QString SchemaSession::displayName() const
{
    if (!schema().name.isEmpty())
        return schema().name;
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return tr("Untitled");
}

bool SchemaSession::isDirty() const
{
    return !m_undoStack->isClean();
}

void SchemaSession::markSaved()
{
    m_undoStack->setClean();
    m_document->setModified(false);
}

void SchemaSession::setSchemaProperty(SetSchemaPropertyCommand::Property property, const QString &value)
{
    if (SetSchemaPropertyCommand::value(schema(), property) != value)
        m_undoStack->push(new SetSchemaPropertyCommand(m_document, property, value));
}

QStringList SchemaSession::tableNames() const
{
    QStringList names;
    for (const Table &table : schema().tables)
        names << table.name;
    return names;
}

int SchemaSession::addTable(int index)
{
    if (index < 0 || index > m_document->tableCount())
        index = m_document->tableCount();
    Table table;
    table.name = uniqueName(QStringLiteral("table"), tableNames());
    table.rows = kNewTableRows;
    Column id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("sequence");
    id.constraints = {{keys::primaryKey, true}, {keys::notNull, true}};
    table.columns << id;
    m_undoStack->push(new AddTableCommand(m_document, index, table));
    return index;
}

int SchemaSession::duplicateTable(int index)
{
    Table copy = m_document->table(index);
    copy.name = uniqueName(copy.name + QStringLiteral("_copy"), tableNames());
    m_undoStack->push(new AddTableCommand(m_document, index + 1, copy,
                                          tr("Duplicate table %1").arg(m_document->table(index).name)));
    return index + 1;
}

void SchemaSession::removeTable(int index)
{
    m_undoStack->push(new RemoveTableCommand(m_document, index));
}

void SchemaSession::moveTable(int from, int to)
{
    if (from != to)
        m_undoStack->push(new MoveTableCommand(m_document, from, to));
}

QString SchemaSession::tableNameProblem(int index, const QString &name) const
{
    if (name.trimmed().isEmpty())
        return tr("A table needs a name.");
    if (name.contains(u'.'))
        return tr("A table name cannot contain \".\": references are written table.column.");
    const int existing = schema().tableIndex(name);
    if (existing >= 0 && existing != index)
        return tr("Another table is already called \"%1\".").arg(name);
    return {};
}

QString SchemaSession::columnNameProblem(int table, int index, const QString &name) const
{
    if (name.trimmed().isEmpty())
        return tr("A column needs a name.");
    if (name.contains(u'.'))
        return tr("A column name cannot contain \".\": references are written table.column.");
    const int existing = m_document->table(table).columnIndex(name);
    if (existing >= 0 && existing != index)
        return tr("Another column of %1 is already called \"%2\".").arg(m_document->table(table).name, name);
    return {};
}

bool SchemaSession::renameTable(int index, const QString &name)
{
    if (!tableNameProblem(index, name).isEmpty())
        return false;
    if (m_document->table(index).name != name)
        m_undoStack->push(new RenameTableCommand(m_document, index, name));
    return true;
}

void SchemaSession::setTableRows(int index, qint64 rows)
{
    if (m_document->table(index).rows != rows)
        m_undoStack->push(new SetTableRowsCommand(m_document, index, rows));
}

void SchemaSession::setTableDescription(int index, const QString &description)
{
    if (m_document->table(index).description != description)
        m_undoStack->push(new SetTableDescriptionCommand(m_document, index, description));
}

int SchemaSession::addColumn(int table, int index)
{
    const Table &target = m_document->table(table);
    if (index < 0 || index > target.columns.size())
        index = int(target.columns.size());
    Column column;
    column.name = uniqueName(QStringLiteral("column"), columnNames(target));
    column.type = QStringLiteral("string");
    m_undoStack->push(new AddColumnCommand(m_document, table, index, column));
    return index;
}

int SchemaSession::duplicateColumn(int table, int index)
{
    Column copy = m_document->column(table, index);
    copy.name = uniqueName(copy.name + QStringLiteral("_copy"), columnNames(m_document->table(table)));
    // A copy of a key would be a second primary key: keep the values, not the role.
    copy.constraints.remove(keys::primaryKey);
    m_undoStack->push(new AddColumnCommand(
        m_document, table, index + 1, copy,
        tr("Duplicate column %1.%2").arg(m_document->table(table).name, m_document->column(table, index).name)));
    return index + 1;
}

void SchemaSession::removeColumn(int table, int index)
{
    m_undoStack->push(new RemoveColumnCommand(m_document, table, index));
}

void SchemaSession::moveColumn(int table, int from, int to)
{
    if (from != to)
        m_undoStack->push(new MoveColumnCommand(m_document, table, from, to));
}

bool SchemaSession::renameColumn(int table, int index, const QString &name)
{
    if (!columnNameProblem(table, index, name).isEmpty())
        return false;
    if (m_document->column(table, index).name != name)
        m_undoStack->push(new RenameColumnCommand(m_document, table, index, name));
    return true;
}

void SchemaSession::setColumnType(int table, int index, const QString &type)
{
    if (m_document->column(table, index).type != type)
        m_undoStack->push(new SetColumnTypeCommand(m_document, table, index, type));
}

void SchemaSession::setConstraint(int table, int index, const QString &key, const QJsonValue &value)
{
    const QJsonObject &constraints = m_document->column(table, index).constraints;
    if (constraints.value(key) == value && (!value.isUndefined() || !constraints.contains(key)))
        return;
    m_undoStack->push(new SetConstraintCommand(m_document, table, index, key, value));
}

void SchemaSession::setConstraints(int table, int index, const QJsonObject &constraints)
{
    if (m_document->column(table, index).constraints != constraints)
        m_undoStack->push(new SetConstraintsCommand(m_document, table, index, constraints));
}

void SchemaSession::setSamples(int table, int index, const QStringList &samples, const QString &text)
{
    if (m_document->column(table, index).samples != samples)
        m_undoStack->push(new EditSamplesCommand(m_document, table, index, samples, text));
}

void SchemaSession::setColumnDescription(int table, int index, const QString &description)
{
    if (m_document->column(table, index).description != description)
        m_undoStack->push(new SetColumnDescriptionCommand(m_document, table, index, description));
}

QStringList SchemaSession::deriveFromSamples(int table, int index)
{
    auto command = std::make_unique<DeriveFromSamplesCommand>(m_document, table, index);
    const QStringList report = command->report();
    if (command->changes())
        m_undoStack->push(command.release());
    return report;
}

int SchemaSession::importTables(const QList<Table> &tables, const QString &source)
{
    const int first = m_document->tableCount();
    if (!tables.isEmpty())
        m_undoStack->push(new ImportIntoSchemaCommand(m_document, tables, source));
    return first;
}

void SchemaSession::beginMacro(const QString &text)
{
    m_undoStack->beginMacro(text);
}

void SchemaSession::endMacro()
{
    m_undoStack->endMacro();
}

} // namespace fabrica
