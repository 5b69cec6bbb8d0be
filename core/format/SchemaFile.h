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

    // One table (with its columns) or one column object of a schema file on its own (the REST API's nested
    // resources), read as strictly as in a file. index is its place among its siblings (for messages); json
    // is the text the object was read from, so an error gets its line and column there (pointers are taken
    // from the text's root).
    static Result<Table> parseTable(const QJsonObject &object, int index, const QByteArray &json);
    static Result<Column> parseColumn(const QJsonObject &object, const QString &tableName, int index,
                                      const QByteArray &json);
    // The object of a table (with its columns) or a column as a schema file holds it.
    static QJsonObject tableObject(const Table &table);
    static QJsonObject columnObject(const Column &column);

    // JSON pointer of a table, a column and a constraint key in a schema file.
    static QString tablePointer(int table);
    static QString columnPointer(int table, int column);
    static QString constraintPointer(int table, int column, const QString &key);
};

} // namespace fabrica
