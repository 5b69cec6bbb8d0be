#pragma once

#include <QList>
#include <QString>

namespace fabrica {

// One finding of schema validation: where it is (indexes into the schema), how bad, and what to do.
struct Problem
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString message;
    int table = -1;  // index into Schema::tables, -1 for the schema itself
    int column = -1; // index into Table::columns, -1 for the table itself
    QString key;     // constraint key, empty when the problem is not about one
    QString path;    // "table.column" (or "table", or empty for the schema) as the user reads it

    bool isError() const { return severity == Severity::Error; }
    // JSON pointer of the place in a schema file (for line and column).
    QString pointer() const;
    bool operator==(const Problem &) const = default;
};

using Problems = QList<Problem>;

bool hasErrors(const Problems &problems);

} // namespace fabrica
