#include "MoveTableCommand.h"

namespace fabrica {

MoveTableCommand::MoveTableCommand(SchemaDocument *document, int from, int to)
    : SchemaCommand(document), m_from(from), m_to(to)
{
    setText(tr("Move table %1").arg(document->table(from).name));
}

void MoveTableCommand::redo()
{
    m_document->moveTable(m_from, m_to);
}

void MoveTableCommand::undo()
{
    m_document->moveTable(m_to, m_from);
}

} // namespace fabrica
