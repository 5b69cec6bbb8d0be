#pragma once

#include "ColumnChangeCommand.h"

#include <QJsonValue>

namespace fabrica {

// Sets one constraint key of a column (an Undefined value removes it); editing the same key again
// merges into one step.
class SetConstraintCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetConstraintCommand)

public:
    SetConstraintCommand(SchemaDocument *document, int table, int index, const QString &key,
                         const QJsonValue &value);
    int id() const override { return int(CommandId::SetConstraint); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QString m_key;
};

} // namespace fabrica
