#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Moves a column within its table.
class MoveColumnCommand : public SchemaCommand
{
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
