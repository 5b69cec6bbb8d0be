#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Moves a column within its table.
class MoveColumnCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::MoveColumnCommand)

public:
    MoveColumnCommand(SchemaDocument *document, int table, int from, int to);
    void redo() override;
    void undo() override;

private:
    int m_table;
    int m_from;
    int m_to;
};

} // namespace fabrica
