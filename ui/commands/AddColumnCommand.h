#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Inserts a column (new, duplicated or pasted) into a table.
class AddColumnCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::AddColumnCommand)

public:
    AddColumnCommand(SchemaDocument *document, int table, int index, Column column, const QString &text = {});
    void redo() override;
    void undo() override;

private:
    int m_table;
    int m_index;
    Column m_column;
};

} // namespace fabrica
