#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Appends the tables of an import (a dropped DDL or CSV file) to the open schema in one step.
class ImportIntoSchemaCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ImportIntoSchemaCommand)

public:
    ImportIntoSchemaCommand(SchemaDocument *document, QList<Table> tables, const QString &source);
    void redo() override;
    void undo() override;

private:
    int m_first;
    QList<Table> m_tables;
};

} // namespace fabrica
