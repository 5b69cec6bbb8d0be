#include "SetColumnDescriptionCommand.h"

namespace fabrica {

namespace {

Column withDescription(Column column, const QString &description)
{
    column.description = description;
    return column;
}

} // namespace

SetColumnDescriptionCommand::SetColumnDescriptionCommand(SchemaDocument *document, int table, int index,
                                                         const QString &description)
    : ColumnChangeCommand(document, table, index, withDescription(document->column(table, index), description))
{
    setText(tr("Describe column %1").arg(columnName()));
}

bool SetColumnDescriptionCommand::mergeWith(const QUndoCommand *other)
{
    return absorb(static_cast<const ColumnChangeCommand *>(other));
}

} // namespace fabrica
