#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Sets how many rows a table gets; spinning the value merges into one step.
class SetTableRowsCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetTableRowsCommand)

public:
    SetTableRowsCommand(SchemaDocument *document, int index, qint64 rows);
    void redo() override { m_document->setTableRows(m_index, m_after); }
    void undo() override { m_document->setTableRows(m_index, m_before); }
    int id() const override { return int(CommandId::SetTableRows); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_index;
    qint64 m_before;
    qint64 m_after;
};

} // namespace fabrica
