#pragma once

#include "common/Error.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace fabrica {

// Table definitions as read from SQL DDL, before Fabrica types are chosen: the parser fills these, the
// mapper turns them into a Schema. Names are unquoted as the database would see them (unquoted
// identifiers folded to lower case for PostgreSQL, kept as written otherwise).
struct ImportedColumn
{
    QString name;
    QString sqlType; // base type, lower case, without arguments or array brackets: "varchar", "numeric"
    QList<int> typeArguments; // varchar(20) → {20}; numeric(10, 2) → {10, 2}
    bool isArray = false;
    bool notNull = false;
    bool unique = false;           // a single-column UNIQUE
    bool primaryKey = false;       // a single-column PRIMARY KEY
    bool autoIncrement = false;    // SERIAL, IDENTITY, AUTO_INCREMENT, SQLite INTEGER PRIMARY KEY
    bool isUnsigned = false;       // MySQL's and SQLite's UNSIGNED: TINYINT UNSIGNED holds 0..255
    QString defaultValue;          // the DEFAULT expression as written; empty when none
    std::optional<double> minimum; // from CHECK (col >= x), BETWEEN, …
    std::optional<double> maximum;
    bool minimumExclusive = false; // CHECK (col > x): the minimum itself is not allowed
    bool maximumExclusive = false; // CHECK (col < x)
    // GENERATED ALWAYS AS (expr) STORED, MySQL's AS (expr) VIRTUAL: the database computes the value, so
    // an INSERT must leave the column out. Empty for ordinary columns.
    QString generatedExpression;
    QStringList allowedValues; // from CHECK (col IN (…)) or an enum type, in order
    QString comment;
    SourceLocation where;
};

struct ImportedForeignKey
{
    QStringList columns;
    QString referencedTable;       // without a schema prefix
    QStringList referencedColumns; // empty = the referenced table's primary key
    SourceLocation where;
};

struct ImportedTable
{
    QString sqlSchema; // "public", or empty when not qualified
    QString name;
    QList<ImportedColumn> columns;
    QStringList primaryKey;        // also set for a single-column inline PRIMARY KEY
    QList<QStringList> uniqueKeys; // multi- and single-column UNIQUE constraints and unique indexes
    QList<ImportedForeignKey> foreignKeys;
    QString comment;
    // Rows of INSERT … VALUES statements, as text (NULL = a null optional), by column name.
    QStringList sampleColumns;
    QList<QList<std::optional<QString>>> sampleRows;
    SourceLocation where;

    int columnIndex(const QString &column) const
    {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i].name == column)
                return i;
        }
        return -1;
    }
};

} // namespace fabrica
