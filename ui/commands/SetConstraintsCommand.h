#pragma once

#include "ColumnChangeCommand.h"

#include <QJsonObject>

namespace fabrica {

// Replaces all constraints of a column at once (the raw JSON tab); typing merges into one step.
class SetConstraintsCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetConstraintsCommand)

public:
    SetConstraintsCommand(SchemaDocument *document, int table, int index, const QJsonObject &constraints);
    int id() const override { return int(CommandId::SetConstraints); }
    bool mergeWith(const QUndoCommand *other) override;
};

} // namespace fabrica
