#pragma once

#include <QCoreApplication>
#include <QString>

namespace fabrica {

// Where an error sits in the user's input. Any part may be empty or zero when unknown.
struct SourceLocation
{
    QString file;
    int line = 0;   // 1-based; 0 = unknown
    int column = 0; // 1-based, in characters; 0 = unknown
    QString path;   // logical place, e.g. "orders.amount" or "orders.amount.min"

    bool isEmpty() const { return file.isEmpty() && line == 0 && path.isEmpty(); }
    // "file:line:column" with the parts that are known.
    QString toString() const;
    bool operator==(const SourceLocation &) const = default;
};

enum class ErrorCode {
    InvalidInput,  // the user's input is malformed (JSON, DDL, CSV, HTTP body)
    Validation,    // well-formed but violates a rule of the schema
    NotFound,      // a named thing does not exist
    AlreadyExists, // a name is taken
    Conflict,      // the thing is in a state that does not allow it (a running run, a stale version)
    Io,            // the file system or network failed
    Database,      // the database refused or failed
    Unsupported,   // a valid request we cannot serve
    PermissionDenied,
    Unauthenticated,
    Cancelled,
    Internal, // a bug: an invariant did not hold
};

// A failure as a value: what went wrong, where, and a message the user can act on.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    SourceLocation where;

    // "file:line:column: path: message", skipping the unknown parts.
    QString toString() const;
    bool operator==(const Error &) const = default;
};

} // namespace fabrica
