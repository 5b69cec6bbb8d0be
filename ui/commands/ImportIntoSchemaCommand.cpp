#include "ImportIntoSchemaCommand.h"

namespace fabrica {

ImportIntoSchemaCommand::ImportIntoSchemaCommand(SchemaDocument *document, QList<Table> tables,
                                                 const QString &source)
    : SchemaCommand(document), m_first(document->tableCount()), m_tables(std::move(tables))
{
    setText(tr("Import %n table(s) from %1", nullptr, int(m_tables.size())).arg(source));
}

void ImportIntoSchemaCommand::redo()
{
    for (int i = 0; i < m_tables.size(); ++i)
        m_document->insertTable(m_first + i, m_tables.at(i));
}

void ImportIntoSchemaCommand::undo()
{
    for (int i = int(m_tables.size()) - 1; i >= 0; --i)
        m_document->takeTable(m_first + i);
}

} // namespace fabrica
