#pragma once

#include "ImportedDefinitions.h"
#include "model/Column.h"

#include <QCoreApplication>

namespace fabrica {

// Chooses a Fabrica type and constraints for a column read from DDL: first what the column is (key,
// foreign key, enumeration, checked range), then what its name says (email, first_name, created_at,
// price …), then its SQL type. Every choice comes with a reason for the import report.
class ColumnMapper
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnMapper)

public:
    struct Mapped
    {
        Column column;
        QString reason; // "email (from the name)", "decimal 0..∞, scale 2 (numeric(10,2), name price)"
    };

    // table gives the context (its name for person- or company-like tables, its keys); references is the
    // "table.column" this column refers to, when it is a single-column foreign key.
    static Mapped map(const ImportedTable &table, const ImportedColumn &column,
                      const QString &references = {});

    // The Fabrica type of an SQL type alone, e.g. "int4" → integer, "character varying" → string.
    static QString typeOfSql(const ImportedColumn &column);
};

} // namespace fabrica
