#pragma once

#include "ReferenceSnapshot.h"
#include "SchemaCommand.h"

namespace fabrica {

// Renames a table and the foreign keys that point at it; typing in one name field merges into one step.
class RenameTableCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RenameTableCommand)

public:
    RenameTableCommand(SchemaDocument *document, int index, const QString &name);
    void redo() override;
    void undo() override;
    int id() const override { return int(CommandId::RenameTable); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_index;
    QString m_before;
    QString m_after;
    ReferenceSnapshot m_references;
};

} // namespace fabrica
