#pragma once

#include "Repository.h"
#include "common/Result.h"
#include "generate/GenerationJob.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>

namespace fabrica {

class Plan;
class Sink;

// Writes the rows a run stored in generated_data through any sink — CSV, JSON, SQL, a target database —
// table by table in foreign-key order, reading them page by page so memory stays flat: the re-export of a
// saved run. The run's schema, seed and row counts rebuild the plan the sinks describe the columns by.
class StoredRunExport
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::StoredRunExport)

public:
    struct Options
    {
        int pageRows = 4096;
        // Once the run's plan is rebuilt, before the sink begins.
        std::function<void(const Plan &)> planned;
        // After every page, from the calling thread; the same shape as a generation's progress.
        std::function<void(const GenerationJob::Progress &)> progress;
        // Set to stop before the next page: run() then aborts the sink and returns ErrorCode::Cancelled.
        const std::atomic<bool> *cancel = nullptr;
    };

    // The rows written; on any failure the sink is aborted. Only a finished run that kept its rows in
    // storage can be exported.
    static Result<qint64> run(Repository &repository, const Actor &actor, qint64 runId, Sink &sink,
                              const Options &options);
    static Result<qint64> run(Repository &repository, const Actor &actor, qint64 runId, Sink &sink,
                              int pageRows = 4096);
};

} // namespace fabrica
