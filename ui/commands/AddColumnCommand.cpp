#include "AddColumnCommand.h"

namespace fabrica {

AddColumnCommand::AddColumnCommand(SchemaDocument *document, int table, int index, Column column,
                                   const QString &text)
    : SchemaCommand(document), m_table(table), m_index(index), m_column(std::move(column))
{
    setText(text.isEmpty() ? tr("Add column %1.%2").arg(document->table(table).name, m_column.name) : text);
}

void AddColumnCommand::redo()
{
    m_document->insertColumn(m_table, m_index, m_column);
}

void AddColumnCommand::undo()
{
    m_document->takeColumn(m_table, m_index);
}

} // namespace fabrica
