#include "RemoveTableCommand.h"

namespace fabrica {

RemoveTableCommand::RemoveTableCommand(SchemaDocument *document, int index)
    : SchemaCommand(document), m_index(index), m_table(document->table(index))
{
    setText(tr("Delete table %1").arg(m_table.name));
}

void RemoveTableCommand::redo()
{
    m_table = m_document->takeTable(m_index);
}

void RemoveTableCommand::undo()
{
    m_document->insertTable(m_index, m_table);
}

} // namespace fabrica
