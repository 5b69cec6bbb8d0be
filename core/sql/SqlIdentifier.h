#pragma once

#include "SqlDialect.h"

#include <QList>
#include <QString>

namespace fabrica {

// Validation and quoting of SQL identifiers (table and column names).
// Fabrica always quotes identifiers with its own function: QSqlDriver::escapeIdentifier passes names
// that begin or end with a quote through unquoted, which would let a hostile name escape.
class SqlIdentifier
{
public:
    enum class Kind { Table, Column };
    enum class Severity { Error, Warning };

    struct Finding
    {
        Severity severity;
        QString message; // complete sentence about the name, e.g. "name \"x\"\" contains a double quote"
    };

    // PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the server.
    static constexpr int kPostgresMaxBytes = 63;

    // Quotes name for dialect: "name" with " doubled (PostgreSQL, SQLite), `name` with ` doubled (MySQL).
    // The name must not contain NUL (check() reports it); a NUL is dropped rather than passed through.
    static QString quote(SqlDialect dialect, const QString &name);

    // Problems with using name as an identifier of the given kind in any supported dialect.
    // Errors: empty; NUL or other control characters; leading or trailing white space; a double quote,
    // backtick or '.'; table names starting with "sqlite_" (reserved by SQLite).
    // Warnings: longer than 63 bytes in UTF-8 (PostgreSQL truncates); a reserved word in any dialect.
    static QList<Finding> check(const QString &name, Kind kind);

    // Whether word (case-insensitive) is reserved in dialect.
    static bool isReserved(SqlDialect dialect, const QString &word);
    // The dialects in which word is reserved.
    static QList<SqlDialect> reservedIn(const QString &word);

    // The name PostgreSQL stores for name: cut to 63 bytes of UTF-8 without splitting a character.
    static QString postgresTruncated(const QString &name);
};

} // namespace fabrica
