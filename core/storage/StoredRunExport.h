#pragma once

#include "Repository.h"
#include "common/Result.h"

#include <QCoreApplication>

namespace fabrica {

class Sink;

// Writes the rows a run stored in generated_data through any sink — CSV, JSON, SQL, a target database —
// table by table in foreign-key order, reading them page by page so memory stays flat: the re-export of a
// saved run. The run's schema, seed and row counts rebuild the plan the sinks describe the columns by.
class StoredRunExport
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::StoredRunExport)

public:
    // The rows written; on any failure the sink is aborted.
    static Result<qint64> run(Repository &repository, const Actor &actor, qint64 runId, Sink &sink,
                              int pageRows = 4096);
};

} // namespace fabrica
