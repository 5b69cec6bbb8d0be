#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Moves a table to another position (drag and drop, move up/down).
class MoveTableCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::MoveTableCommand)

public:
    MoveTableCommand(SchemaDocument *document, int from, int to);
    void redo() override;
    void undo() override;

private:
    int m_from;
    int m_to;
};

} // namespace fabrica
