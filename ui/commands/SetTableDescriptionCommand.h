#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Sets a table's description; typing merges into one step.
class SetTableDescriptionCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetTableDescriptionCommand)

public:
    SetTableDescriptionCommand(SchemaDocument *document, int index, const QString &description);
    void redo() override { m_document->setTableDescription(m_index, m_after); }
    void undo() override { m_document->setTableDescription(m_index, m_before); }
    int id() const override { return int(CommandId::SetTableDescription); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_index;
    QString m_before;
    QString m_after;
};

} // namespace fabrica
