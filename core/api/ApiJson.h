#pragma once

#include "common/Error.h"
#include "storage/StoredRecords.h"
#include "storage/StoredSchema.h"
#include "validate/Problem.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fabrica {

class ImportReport;
struct Schema;

// The JSON of the stored records the API answers with, one shape per record on every route.
class ApiJson
{
public:
    static QJsonObject user(const UserRecord &user);
    static QJsonObject schema(const SchemaRecord &schema);
    // A schema an import understood and did not store (a dry run): name, description, table count and the
    // whole .fabrica.json document.
    static QJsonObject importedSchema(const Schema &schema);
    // The import report's lines: level (info, guess, skipped, warning, refused, error), file, line,
    // column, path (where known) and message.
    static QJsonArray importReport(const ImportReport &report);
    // {"id", "schemaId", "ownerId", "seed" (a string: 64 bits), "status", "rowsDone", "rowsTotal",
    //  "rowCounts": {table: n}, "bytes", "target", "started", "finished", "error", "cancelRequested",
    //  "claimedBy"}; target is {"kind": "stored"}, {"kind": "files", "format", "dialect", "gzip"},
    // {"kind": "database", "url" (never with a password), "ifExists"} or, for a run the window exported to
    // the server's disk, {"kind": "serverFiles", "path"}.
    static QJsonObject run(const RunRecord &run);
    // A table or column object as the schema document holds it, plus "id", its parent's id and its
    // "position" (0-based); a table's columns carry their "id" too.
    static QJsonObject table(const StoredSchema &schema, int table);
    static QJsonObject column(const StoredSchema &schema, int table, int column);
    static QJsonObject sample(qint64 id, const QString &value);
    // A validation problem: severity, message, path, and where it is: the JSON pointer (with line and
    // column, when where has them, in GET /schemas/{id}/document's text), the constraint key, and the ids
    // of its table and column.
    static QJsonObject problem(const Problem &problem, const StoredSchema &schema,
                               const SourceLocation &where);
};

} // namespace fabrica
