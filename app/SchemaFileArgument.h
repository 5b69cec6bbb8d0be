#pragma once

#include "common/Error.h"
#include "model/Schema.h"
#include "validate/Problem.h"

#include <QByteArray>
#include <QTextStream>

#include <optional>

namespace fabrica {

// A schema file named on the command line, read and parsed; what went wrong is printed to out.
struct SchemaFileArgument
{
    QString path;
    QByteArray bytes;
    Schema schema;

    static std::optional<SchemaFileArgument> read(const QString &path, QTextStream &out);
    // A problem for an error whose path names a table or "table.column" of the schema.
    Problem problemAt(const Error &error) const;
    // Prints each problem as "file:line:column: table.column: [warning: ]message" and counts them.
    void printProblems(const Problems &problems, QTextStream &out, int *errors, int *warnings) const;
};

} // namespace fabrica
