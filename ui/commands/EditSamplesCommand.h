#pragma once

#include "ColumnChangeCommand.h"

namespace fabrica {

// Replaces a column's sample values (added, deleted, pasted or loaded from a CSV column).
class EditSamplesCommand : public ColumnChangeCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::EditSamplesCommand)

public:
    EditSamplesCommand(SchemaDocument *document, int table, int index, const QStringList &samples,
                       const QString &text = {});
};

} // namespace fabrica
