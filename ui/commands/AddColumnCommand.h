#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Inserts a column (new, duplicated or pasted) into a table.
class AddColumnCommand : public SchemaCommand
{
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
