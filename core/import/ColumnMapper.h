#pragma once

#include "ImportedDefinitions.h"
#include "model/Column.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

namespace fabrica {

// Chooses a Fabrica type and constraints for a column read from DDL: first what the column is (foreign
// key, array, enumeration, sequence or integer primary key: 1, 2, 3 …), then what its name says (email,
// title, password, district … see NamedTypes), then its SQL type with the range its CHECKs, DEFAULT and
// name suggest (ValueRanges). Every choice comes with a reason for the import report.
class ColumnMapper
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnMapper)

public:
    struct Mapped
    {
        Column column;
        QString reason; // "email (from the name; SQL type varchar(50))", "decimal (from the SQL type …)"
        // Further guesses about the values, one report line each: "1..5 around the DEFAULT 3 (from DEFAULT)".
        QStringList guesses;
    };

    // table gives the context (its name for person- or company-like tables, its keys); references is the
    // "table.column" this column refers to, when it is a single-column foreign key. Dates end at
    // referenceDate (the schema's "now"; invalid: today).
    static Mapped map(const ImportedTable &table, const ImportedColumn &column,
                      const QString &references = {}, const QDate &referenceDate = {});

    // The Fabrica type of an SQL type alone, e.g. "int4" → integer, "character varying" → string.
    static QString typeOfSql(const ImportedColumn &column);
};

} // namespace fabrica
