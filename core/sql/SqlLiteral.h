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
    // Appends value (UTF-8) as a quoted string literal to a std::string or a byte buffer.
    template<typename Buffer>
    static void appendString(SqlDialect dialect, std::string_view value, Buffer &out)
    {
        const bool backslash = dialect == SqlDialect::MySQL;
        out.reserve(out.size() + value.size() + 2);
        out.push_back('\'');
        // Copy runs of plain bytes at once; most values need no escaping at all.
        std::size_t run = 0;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const char c = value[i];
            if (c != '\'' && c != '\0' && (c != '\\' || !backslash))
                continue;
            out.append(value.substr(run, i - run));
            run = i + 1;
            if (c == '\'')
                out.append(std::string_view("''"));
            else if (c == '\\')
                out.append(std::string_view("\\\\"));
        }
        out.append(value.substr(run));
        out.push_back('\'');
    }
    static QString string(SqlDialect dialect, const QString &value);

    // Appends a boolean given as "true" or "false": SQLite has no boolean type and stores 1 or 0;
    // PostgreSQL and MySQL take the keywords. Anything else is written as a string literal.
    template<typename Buffer>
    static void appendBoolean(SqlDialect dialect, std::string_view value, Buffer &out)
    {
        const bool isTrue = value == "true";
        if (!isTrue && value != "false") {
            appendString(dialect, value, out);
            return;
        }
        if (dialect == SqlDialect::SQLite)
            out.push_back(isTrue ? '1' : '0');
        else
            out.append(std::string_view(isTrue ? "true" : "false"));
    }
};

} // namespace fabrica
