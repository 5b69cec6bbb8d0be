#include "AddTableCommand.h"

namespace fabrica {

AddTableCommand::AddTableCommand(SchemaDocument *document, int index, Table table, const QString &text)
    : SchemaCommand(document), m_index(index), m_table(std::move(table))
{
    setText(text.isEmpty() ? tr("Add table %1").arg(m_table.name) : text);
}

void AddTableCommand::redo()
{
    m_document->insertTable(m_index, m_table);
}

void AddTableCommand::undo()
{
    m_document->takeTable(m_index);
}

} // namespace fabrica
