#pragma once

#include "jobs/GenerationRequest.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace fabrica {

// The body of POST /schemas/{id}/runs as a GenerationRequest of the stored schema:
// {"seed", "rows": {"table": n}, "rowsPerTable": n, "threads", "chunkRows",
//  "shard": {"index": K, "count": N} | "K/N" (GenerationRequest::shard; for database targets),
//  "target": {"kind": "stored"} | {"kind": "database", "url", "ifExists", "disableTriggers"} |
//            {"kind": "files", "format", "dialect", "gzip", "header", "delimiter", "nullText", "lineEnding",
//             "formulaGuard", "pretty", "createTables", "batchRows"}}.
// Unknown keys and wrong types are InvalidInput errors whose location path names the key ("target.kind");
// a table the schema does not have is a Validation error.
class RunInput
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RunInput)

public:
    static Result<GenerationRequest> request(const QJsonObject &body, const Schema &schema, qint64 schemaId);
};

} // namespace fabrica
