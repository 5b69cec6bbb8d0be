#include "EditSamplesCommand.h"

namespace fabrica {

namespace {

Column withSamples(Column column, const QStringList &samples)
{
    column.samples = samples;
    return column;
}

} // namespace

EditSamplesCommand::EditSamplesCommand(SchemaDocument *document, int table, int index, const QStringList &samples,
                                       const QString &text)
    : ColumnChangeCommand(document, table, index, withSamples(document->column(table, index), samples))
{
    setText(text.isEmpty() ? tr("Edit the samples of %1").arg(columnName()) : text);
}

} // namespace fabrica
