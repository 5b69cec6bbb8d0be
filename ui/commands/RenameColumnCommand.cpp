#include "RenameColumnCommand.h"

namespace fabrica {

RenameColumnCommand::RenameColumnCommand(SchemaDocument *document, int table, int index, const QString &name)
    : SchemaCommand(document)
    , m_table(table)
    , m_index(index)
    , m_before(document->column(table, index).name)
    , m_after(name)
    , m_references(*document)
{
    describe();
}

void RenameColumnCommand::describe()
{
    setText(tr("Rename column %1.%2 to %3").arg(m_document->table(m_table).name, m_before, m_after));
}

void RenameColumnCommand::redo()
{
    m_document->renameColumn(m_table, m_index, m_after);
}

void RenameColumnCommand::undo()
{
    m_document->renameColumn(m_table, m_index, m_before);
    m_references.restore(*m_document);
}

bool RenameColumnCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const RenameColumnCommand *>(other);
    if (next->m_table != m_table || next->m_index != m_index)
        return false;
    m_after = next->m_after;
    describe();
    setObsolete(m_after == m_before);
    return true;
}

} // namespace fabrica
