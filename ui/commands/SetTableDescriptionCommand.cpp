#include "SetTableDescriptionCommand.h"

namespace fabrica {

SetTableDescriptionCommand::SetTableDescriptionCommand(SchemaDocument *document, int index,
                                                       const QString &description)
    : SchemaCommand(document), m_index(index), m_before(document->table(index).description), m_after(description)
{
    setText(tr("Describe table %1").arg(document->table(index).name));
}

bool SetTableDescriptionCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetTableDescriptionCommand *>(other);
    if (next->m_index != m_index)
        return false;
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace fabrica
