#include "SetColumnTypeCommand.h"

#include "types/TypeRegistry.h"

namespace fabrica {

SetColumnTypeCommand::SetColumnTypeCommand(SchemaDocument *document, int table, int index, const QString &type)
    : ColumnChangeCommand(document, table, index, retyped(document->column(table, index), type))
{
    setText(tr("Set type of %1 to %2").arg(columnName(), type));
}

Column SetColumnTypeCommand::retyped(const Column &column, const QString &type)
{
    Column result = column;
    result.type = type;
    if (const DataType *dataType = TypeRegistry::instance().find(type))
        result.constraints = TypeRegistry::instance().acceptedConstraints(*dataType, column.constraints);
    return result;
}

} // namespace fabrica
