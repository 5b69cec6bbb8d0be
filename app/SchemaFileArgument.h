#pragma once

#include "common/Error.h"
#include "model/Schema.h"
#include "validate/Problem.h"

#include <QByteArray>
#include <QTextStream>

#include <functional>
#include <optional>

namespace fabrica {

// A schema file named on the command line, read and parsed; what went wrong is printed to out.
struct SchemaFileArgument
{
    QString path;
    QByteArray bytes;
    Schema schema;

    static std::optional<SchemaFileArgument> read(const QString &path, QTextStream &out);
    // The shared body of the commands that take schema files: reads each of files and hands it to check,
    // which returns whether the file passed. Returns the exit code: 2 when no file is named, 1 when a file
    // could not be read or did not pass, else 0.
    static int forEach(const QString &command, const QStringList &files,
                       const std::function<bool(const SchemaFileArgument &, QTextStream &out)> &check);
    // A problem for an error whose path names a table or "table.column" of the schema.
    Problem problemAt(const Error &error) const;
    // Prints each problem as "file:line:column: table.column: [warning: ]message" and counts them.
    void printProblems(const Problems &problems, QTextStream &out, int *errors, int *warnings) const;
};

} // namespace fabrica
