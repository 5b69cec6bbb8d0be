#pragma once

#include "ColumnChangeCommand.h"

namespace fabrica {

// Changes a column's data type; constraints the new type does not accept are dropped (and come back
// on undo).
class SetColumnTypeCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetColumnTypeCommand)

public:
    SetColumnTypeCommand(SchemaDocument *document, int table, int index, const QString &type);

private:
    static Column retyped(const Column &column, const QString &type);
};

} // namespace fabrica
