#pragma once

#include "Plan.h"
#include "Shard.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QMap>

#include <atomic>
#include <functional>

namespace fabrica {

class Sink;

// Runs a plan into a sink: chunks generated and encoded on worker threads, written in row order by the
// calling thread (ARCHITECTURE.md, "Emit in order"). Memory stays at a few chunks per thread whatever
// the row count; the bytes do not depend on the number of threads or the chunk size.
class GenerationJob
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GenerationJob)

public:
    struct Progress
    {
        qint64 rowsDone = 0;
        qint64 rowsTotal = 0;
        int table = 0; // index into Plan::tables()
    };
    struct Options
    {
        int threads = 0;      // 0 = one per core
        int chunkRows = 8192; // the most rows per chunk; wide tables get fewer (about 1 MiB of values)
        std::function<void(const Progress &)> progress; // called from the calling thread, per chunk
        const std::atomic<bool> *cancel = nullptr; // set to stop; run() then returns ErrorCode::Cancelled
        // Only this shard's rows of every table (Shard::firstRow to endRow); rows keep their numbers in the
        // whole plan, so their values and bytes are the whole's.
        Shard shard;
    };
    struct Summary
    {
        qint64 rows = 0;
        qint64 bytes = 0;
        double seconds = 0;
        // "table.column" → values no draw made fit their declared size, shortened or clamped as a last
        // resort (SizeLimit); columns without any are absent.
        QMap<QString, qint64> shortened;
    };

    // The rows run() writes of the plan with options.shard: the sum of every table's shard.
    static qint64 rowsOf(const Plan &plan, const Shard &shard);

    // Calls begin/…/finish on sink, or abort() when anything fails or is cancelled.
    static Result<Summary> run(const Plan &plan, Sink &sink, const Options &options);
};

} // namespace fabrica
