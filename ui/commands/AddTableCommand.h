#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Inserts a table (new, duplicated or pasted) at an index.
class AddTableCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::AddTableCommand)

public:
    AddTableCommand(SchemaDocument *document, int index, Table table, const QString &text = {});
    void redo() override;
    void undo() override;

private:
    int m_index;
    Table m_table;
};

} // namespace fabrica
