#pragma once

#include "SqlDialect.h"

#include <QString>

#include <string>
#include <string_view>

namespace fabrica {

// SQL literals for generated scripts. String literals follow each dialect's default settings:
// PostgreSQL (standard_conforming_strings on) and SQLite double single quotes only; MySQL also
// doubles backslashes, since its default sql_mode reads them as escapes. NUL bytes are dropped:
// PostgreSQL refuses them in text, and some clients end a string at the first one.
class SqlLiteral
{
public:
    // Appends value (UTF-8) as a quoted string literal.
    static void appendString(SqlDialect dialect, std::string_view value, std::string &out);
    static QString string(SqlDialect dialect, const QString &value);

    // Appends a boolean given as "true" or "false": SQLite has no boolean type and stores 1 or 0;
    // PostgreSQL and MySQL take the keywords. Anything else is written as a string literal.
    static void appendBoolean(SqlDialect dialect, std::string_view value, std::string &out);
};

} // namespace fabrica
