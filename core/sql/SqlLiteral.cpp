#include "SqlLiteral.h"

namespace fabrica {

void SqlLiteral::appendString(SqlDialect dialect, std::string_view value, std::string &out)
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
            out.append("''");
        else if (c == '\\')
            out.append("\\\\");
    }
    out.append(value.substr(run));
    out.push_back('\'');
}

QString SqlLiteral::string(SqlDialect dialect, const QString &value)
{
    std::string out;
    appendString(dialect, value.toStdString(), out);
    return QString::fromStdString(out);
}

void SqlLiteral::appendBoolean(SqlDialect dialect, std::string_view value, std::string &out)
{
    const bool isTrue = value == "true";
    if (!isTrue && value != "false") {
        appendString(dialect, value, out);
        return;
    }
    if (dialect == SqlDialect::SQLite)
        out.push_back(isTrue ? '1' : '0');
    else
        out.append(isTrue ? "true" : "false");
}

} // namespace fabrica
