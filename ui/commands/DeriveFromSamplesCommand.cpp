#include "DeriveFromSamplesCommand.h"

#include "import/ColumnProfiler.h"

namespace fabrica {

DeriveFromSamplesCommand::DeriveFromSamplesCommand(SchemaDocument *document, int table, int index)
    : ColumnChangeCommand(document, table, index, document->column(table, index))
{
    // The profiler is quick on a column's samples (linear, a few thousand values at most).
    m_report = ColumnProfiler().apply(m_after);
    setText(tr("Derive %1 from its samples").arg(columnName()));
}

} // namespace fabrica
