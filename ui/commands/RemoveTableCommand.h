#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Removes a table; undo puts it back where it was, columns and samples included.
class RemoveTableCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RemoveTableCommand)

public:
    RemoveTableCommand(SchemaDocument *document, int index);
    void redo() override;
    void undo() override;

private:
    int m_index;
    Table m_table;
};

} // namespace fabrica
