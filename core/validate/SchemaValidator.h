#pragma once

#include "Problem.h"
#include "model/Schema.h"

#include <QCoreApplication>

namespace fabrica {

class TypeRegistry;

// Validates a whole schema: identifiers, duplicate names, types and constraints (ConstraintChecker),
// keys, foreign-key targets and types, and NOT NULL self references (cycles across tables are fine). Problems
// name the table, column and key and say what to change. Usable from any thread.
class SchemaValidator
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaValidator)

public:
    SchemaValidator();
    explicit SchemaValidator(const TypeRegistry &registry);

    Problems validate(const Schema &schema) const;

    // Locales Fabrica generates data for.
    static QStringList locales();

    // "table.column" of every column a foreign key may reference: one of a type that can be a key, unique or
    // its table's only primary-key column — the targets checkKeys() accepts. The window's pickers list these.
    QStringList referenceTargets(const Schema &schema) const;

private:
    void checkSchema(const Schema &schema, Problems &problems) const;
    void checkTableNames(const Schema &schema, Problems &problems) const;
    void checkColumnNames(const Table &table, int tableIndex, Problems &problems) const;
    void checkKeys(const Schema &schema, Problems &problems) const;
    // Empty, repeated and single-column "uniqueKey" names of one column.
    static void checkUniqueKeyNames(const Table &table, const Column &column, int tableIndex, int columnIndex,
                                    Problems &problems);
    void checkCycles(const Schema &schema, Problems &problems) const;
    QString keyFamily(const Schema &schema, const Column &column, int depth = 0) const;
    // Unique on its own: marked unique, or the only primary-key column of its table.
    static bool isUniqueKey(const Table &table, const Column &column);

    const TypeRegistry &m_registry;
};

} // namespace fabrica
