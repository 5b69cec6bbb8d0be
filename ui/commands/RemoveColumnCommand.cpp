#include "RemoveColumnCommand.h"

namespace fabrica {

RemoveColumnCommand::RemoveColumnCommand(SchemaDocument *document, int table, int index)
    : SchemaCommand(document), m_table(table), m_index(index), m_column(document->column(table, index))
{
    setText(tr("Delete column %1.%2").arg(document->table(table).name, m_column.name));
}

void RemoveColumnCommand::redo()
{
    m_column = m_document->takeColumn(m_table, m_index);
}

void RemoveColumnCommand::undo()
{
    m_document->insertColumn(m_table, m_index, m_column);
}

} // namespace fabrica
