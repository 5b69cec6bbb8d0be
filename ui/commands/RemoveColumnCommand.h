#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Removes a column; undo puts it back with its constraints and samples.
class RemoveColumnCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RemoveColumnCommand)

public:
    RemoveColumnCommand(SchemaDocument *document, int table, int index);
    void redo() override;
    void undo() override;

private:
    int m_table;
    int m_index;
    Column m_column;
};

} // namespace fabrica
