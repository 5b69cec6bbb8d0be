#include "SetTableRowsCommand.h"

#include <QLocale>

namespace fabrica {

SetTableRowsCommand::SetTableRowsCommand(SchemaDocument *document, int index, qint64 rows)
    : SchemaCommand(document), m_index(index), m_before(document->table(index).rows), m_after(rows)
{
    setText(tr("Set rows of %1 to %2").arg(document->table(index).name, QLocale().toString(rows)));
}

bool SetTableRowsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetTableRowsCommand *>(other);
    if (next->m_index != m_index)
        return false;
    m_after = next->m_after;
    setText(next->text());
    setObsolete(m_after == m_before);
    return true;
}

} // namespace fabrica
