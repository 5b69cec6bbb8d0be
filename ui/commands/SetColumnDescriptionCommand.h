#pragma once

#include "ColumnChangeCommand.h"

namespace fabrica {

// Sets a column's description; typing merges into one step.
class SetColumnDescriptionCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetColumnDescriptionCommand)

public:
    SetColumnDescriptionCommand(SchemaDocument *document, int table, int index, const QString &description);
    int id() const override { return int(CommandId::SetColumnDescription); }
    bool mergeWith(const QUndoCommand *other) override;
};

} // namespace fabrica
