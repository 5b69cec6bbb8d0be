#pragma once

#include "storage/StoredRecords.h"

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
};

} // namespace fabrica
