#include "SetConstraintsCommand.h"

namespace fabrica {

namespace {

Column withConstraints(Column column, const QJsonObject &constraints)
{
    column.constraints = constraints;
    return column;
}

} // namespace

SetConstraintsCommand::SetConstraintsCommand(SchemaDocument *document, int table, int index,
                                             const QJsonObject &constraints)
    : ColumnChangeCommand(document, table, index, withConstraints(document->column(table, index), constraints))
{
    setText(tr("Edit the constraints of %1").arg(columnName()));
}

bool SetConstraintsCommand::mergeWith(const QUndoCommand *other)
{
    return absorb(static_cast<const ColumnChangeCommand *>(other));
}

} // namespace fabrica
