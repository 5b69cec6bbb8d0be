#pragma once

#include "model/SchemaDocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace fabrica {

// Ids that let QUndoStack merge consecutive edits of one field (typing a name, spinning a row count).
enum class CommandId {
    RenameTable = 1,
    SetTableRows,
    SetTableDescription,
    RenameColumn,
    SetConstraint,
    SetConstraints,
    SetColumnDescription,
    SetSchemaProperty,
};

// Base of every edit of a SchemaDocument: the document it changes. Commands hold indexes, not
// pointers, because the stack replays them in order and the indexes are valid again at that point.
class SchemaCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaCommand)

public:
    explicit SchemaCommand(SchemaDocument *document, QUndoCommand *parent = nullptr)
        : QUndoCommand(parent), m_document(document)
    {
    }

protected:
    SchemaDocument *m_document;
};

} // namespace fabrica
