#include "RenameTableCommand.h"

namespace fabrica {

RenameTableCommand::RenameTableCommand(SchemaDocument *document, int index, const QString &name)
    : SchemaCommand(document)
    , m_index(index)
    , m_before(document->table(index).name)
    , m_after(name)
    , m_references(*document)
{
    setText(tr("Rename table %1 to %2").arg(m_before, m_after));
}

void RenameTableCommand::redo()
{
    m_document->renameTable(m_index, m_after);
}

void RenameTableCommand::undo()
{
    m_document->renameTable(m_index, m_before);
    m_references.restore(*m_document);
}

bool RenameTableCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const RenameTableCommand *>(other);
    if (next->m_index != m_index)
        return false;
    m_after = next->m_after;
    setText(tr("Rename table %1 to %2").arg(m_before, m_after));
    setObsolete(m_after == m_before);
    return true;
}

} // namespace fabrica
