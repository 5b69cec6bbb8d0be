#include "Problem.h"

#include "format/SchemaFile.h"

#include <algorithm>

namespace fabrica {

QString Problem::pointer() const
{
    if (table < 0)
        return QStringLiteral("/schema");
    if (column < 0)
        return SchemaFile::tablePointer(table);
    if (key.isEmpty())
        return SchemaFile::columnPointer(table, column);
    return SchemaFile::constraintPointer(table, column, key);
}

bool hasErrors(const Problems &problems)
{
    return std::any_of(problems.begin(), problems.end(), [](const Problem &p) { return p.isError(); });
}

} // namespace fabrica
