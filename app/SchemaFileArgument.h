#pragma once

#include "model/Schema.h"

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
};

} // namespace fabrica
