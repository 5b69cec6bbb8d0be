#pragma once

#include "DdlContext.h"

#include <QCoreApplication>

namespace fabrica {

// Reads a column's data type into an ImportedColumn: multi-word names (double precision, character
// varying, timestamp(3) with time zone), arguments, arrays, MySQL's UNSIGNED, enum(…) and set(…),
// SERIAL, and the enum types and domains defined earlier in the file.
class DdlTypeReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DdlTypeReader)

public:
    // Fills sqlType, typeArguments and isArray (and, for SERIAL, enums and domains, what they imply).
    // A type may be missing only in SQLite, where "CREATE TABLE t (a, b)" is valid. False, with the
    // error reported, when the type is malformed.
    static bool read(DdlContext &context, ImportedColumn &column, const QString &owner);

    // Words that begin a column constraint rather than continue a type.
    static bool startsConstraint(const SqlToken &token);

private:
    static bool readArguments(DdlContext &context, ImportedColumn &column, QStringList &values,
                              const QString &owner);
    static void applyNamedType(DdlContext &context, ImportedColumn &column, const QString &name,
                               const QStringList &values);
};

} // namespace fabrica
