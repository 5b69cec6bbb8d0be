#include "SetConstraintCommand.h"

namespace fabrica {

namespace {

Column withConstraint(Column column, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        column.constraints.remove(key);
    else
        column.constraints.insert(key, value);
    return column;
}

} // namespace

SetConstraintCommand::SetConstraintCommand(SchemaDocument *document, int table, int index, const QString &key,
                                           const QJsonValue &value)
    : ColumnChangeCommand(document, table, index, withConstraint(document->column(table, index), key, value))
    , m_key(key)
{
    setText(value.isUndefined() ? tr("Remove %1 of %2").arg(key, columnName())
                                : tr("Set %1 of %2").arg(key, columnName()));
}

bool SetConstraintCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetConstraintCommand *>(other);
    return next->m_key == m_key && absorb(next);
}

} // namespace fabrica
