#pragma once

#include "GenerationRequest.h"
#include "common/Result.h"
#include "generate/GenerationJob.h"
#include "storage/StoredRecords.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QStringList>

#include <atomic>
#include <functional>

namespace fabrica {

class Repository;

// Carries out a GenerationRequest for every surface: validates it, compiles the plan, opens the target
// (files, a database, Fabrica's storage), runs the GenerationJob into it and, for a stored schema, records
// the run (status, counts, bytes, target) as it ends. Blocking: the window calls it on a worker thread,
// the CLI on its own. A failed or cancelled run leaves every target as it was. With a sourceRunId it
// exports the rows that run kept in storage instead (StoredRunExport), with the same listener and cancel.
class GenerationRunner
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GenerationRunner)

public:
    struct TablePlanInfo
    {
        QString name;
        qint64 rows = 0;
    };
    struct Listener
    {
        // Once the plan is compiled: the tables in the order they are generated.
        std::function<void(const QList<TablePlanInfo> &tables)> planned;
        // Per chunk, from the calling thread (GenerationJob::Options::progress).
        std::function<void(const GenerationJob::Progress &)> progress;
        // The run recorded in storage (stored schemas only), before the first row.
        std::function<void(const RunRecord &)> runStarted;
    };
    struct Context
    {
        Repository *storage = nullptr; // needed for StoredRun and to record runs of stored schemas
        Actor actor;
        // A run already recorded for this request (a job JobService claimed): its end is recorded there
        // instead of in a new run.
        qint64 runId = 0;
    };
    struct Outcome
    {
        GenerationJob::Summary summary;
        QMap<QString, qint64> rowCounts; // table → rows written
        qint64 runId = 0;                // the recorded run, 0 when none was recorded
        QString target;                  // GenerationRequest::targetDescription()
        QStringList notes;               // what the load adjusted, e.g. keys continued after existing rows
    };

    // The request checked and its schema compiled: what run() does first. A surface that reports problems
    // of the schema differently from those of the target (the CLI names the file) calls it on its own.
    // Not for a re-export (sourceRunId), whose plan is rebuilt from storage.
    static Result<std::shared_ptr<const Plan>> compile(const GenerationRequest &request);
    // The plan options a request asks for (seed, rows).
    static Plan::Options planOptions(const GenerationRequest &request);

    static Result<Outcome> run(const GenerationRequest &request, const Context &context,
                               const Listener &listener, const std::atomic<bool> *cancel = nullptr);
    // With the plan compile() made of the same request (ignored for a re-export).
    static Result<Outcome> run(const GenerationRequest &request, const Plan &plan, const Context &context,
                               const Listener &listener, const std::atomic<bool> *cancel = nullptr);

private:
    // request.sourceRunId's stored rows into the request's files or database; Outcome::runId stays 0.
    static Result<Outcome> exportStoredRun(const GenerationRequest &request, const Context &context,
                                           const Listener &listener, const std::atomic<bool> *cancel);
};

} // namespace fabrica
