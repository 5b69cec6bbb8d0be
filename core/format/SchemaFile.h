#pragma once

#include "common/Result.h"
#include "model/Schema.h"

#include <QByteArray>

namespace fabrica {

// Reads and writes Fabrica schema files (*.fabrica.json, docs/schema-format.md).
// Reading is strict: an unknown property, a wrong JSON type or a newer version is an error with the
// file, line and column. Writing is canonical, so read → write → read loses nothing and a written
// file is byte-identical when written again.
class SchemaFile
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaFile)

public:
    static constexpr int kVersion = 1;
    static QString formatName() { return QStringLiteral("fabrica-schema"); }
    static QString suffix() { return QStringLiteral(".fabrica.json"); }

    static Result<Schema> parse(const QByteArray &json, const QString &fileName = {});
    static Result<Schema> load(const QString &path);
    static QByteArray serialize(const Schema &schema);
    // Writes through QSaveFile: the old file stays intact if anything fails.
    static Result<void> save(const Schema &schema, const QString &path);

    // JSON pointer of a table, a column and a constraint key in a schema file.
    static QString tablePointer(int table);
    static QString columnPointer(int table, int column);
    static QString constraintPointer(int table, int column, const QString &key);
};

} // namespace fabrica
