#include "ColumnChangeCommand.h"

namespace fabrica {

ColumnChangeCommand::ColumnChangeCommand(SchemaDocument *document, int table, int index, Column after)
    : SchemaCommand(document)
    , m_table(table)
    , m_index(index)
    , m_before(document->column(table, index))
    , m_after(std::move(after))
{
}

bool ColumnChangeCommand::absorb(const ColumnChangeCommand *other)
{
    if (other->m_table != m_table || other->m_index != m_index)
        return false;
    m_after = other->m_after;
    setObsolete(m_after == m_before);
    return true;
}

QString ColumnChangeCommand::columnName() const
{
    return m_document->table(m_table).name + QLatin1Char('.') + m_before.name;
}

} // namespace fabrica
