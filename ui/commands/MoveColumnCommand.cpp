#include "MoveColumnCommand.h"

namespace fabrica {

MoveColumnCommand::MoveColumnCommand(SchemaDocument *document, int table, int from, int to)
    : SchemaCommand(document), m_table(table), m_from(from), m_to(to)
{
    setText(tr("Move column %1.%2").arg(document->table(table).name, document->column(table, from).name));
}

void MoveColumnCommand::redo()
{
    m_document->moveColumn(m_table, m_from, m_to);
}

void MoveColumnCommand::undo()
{
    m_document->moveColumn(m_table, m_to, m_from);
}

} // namespace fabrica
