#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Base of the edits that change one column in place (type, constraints, samples, description): it keeps
// the column before and after, so undo restores it exactly. Subclasses decide what merges.
class ColumnChangeCommand : public SchemaCommand
{
public:
    ColumnChangeCommand(SchemaDocument *document, int table, int index, Column after);
    void redo() override { m_document->setColumn(m_table, m_index, m_after); }
    void undo() override { m_document->setColumn(m_table, m_index, m_before); }

protected:
    // Takes the other command's result when it edits the same column; obsolete when nothing changed.
    bool absorb(const ColumnChangeCommand *other);
    QString columnName() const;

    int m_table;
    int m_index;
    Column m_before;
    Column m_after;
};

} // namespace fabrica
