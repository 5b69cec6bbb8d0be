#pragma once

#include "ReferenceSnapshot.h"
#include "SchemaCommand.h"

namespace fabrica {

// Renames a column and the foreign keys that point at it; typing in one name field merges into one step.
class RenameColumnCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RenameColumnCommand)

public:
    RenameColumnCommand(SchemaDocument *document, int table, int index, const QString &name);
    void redo() override;
    void undo() override;
    int id() const override { return int(CommandId::RenameColumn); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void describe();

    int m_table;
    int m_index;
    QString m_before;
    QString m_after;
    ReferenceSnapshot m_references;
};

} // namespace fabrica
