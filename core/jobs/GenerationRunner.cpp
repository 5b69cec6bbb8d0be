#include "GenerationRunner.h"

#include "common/Logging.h"
#include "export/ExistingKeys.h"
#include "export/ExportFormat.h"
#include "storage/Database.h"
#include "storage/Repository.h"
#include "storage/StoredRunExport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace fabrica {

namespace {

// A SQLite file that a failed load created is removed again, so the target is left as it was.
class NewSqliteFile
{
public:
    explicit NewSqliteFile(const GenerationRequest &request)
    {
        if (request.target == GenerationRequest::Target::Database && request.database.isSqlite() &&
            !QFileInfo::exists(request.database.path))
            m_path = request.database.path;
    }
    void remove() const
    {
        if (m_path.isEmpty())
            return;
        for (const QString &suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
            QFile::remove(m_path + suffix);
    }

private:
    QString m_path;
};

// The sink of a Files or Database target; database keeps the target's connection alive with it.
Result<std::unique_ptr<Sink>> openTargetSink(const GenerationRequest &request,
                                             std::shared_ptr<Database> &database)
{
    if (request.target == GenerationRequest::Target::Files) {
        ExportOptions options = request.exportOptions;
        options.opensFiles = request.shard.isFirst();
        options.closesFiles = request.shard.isLast();
        return ExportFormat::find(request.formatId)->create(options);
    }
    Result<std::shared_ptr<Database>> opened = Database::open(request.database);
    if (!opened)
        return opened.error();
    database = *opened;
    Result<std::unique_ptr<DatabaseSink>> databaseSink = DatabaseSink::create(
        database, DatabaseSink::Options{request.ifExists, request.database.schema, request.disableTriggers,
                                        request.shard.isWhole()});
    if (!databaseSink)
        return databaseSink.error();
    return std::unique_ptr<Sink>(std::move(databaseSink).value());
}

} // namespace

Result<std::shared_ptr<const Plan>> GenerationRunner::compile(const GenerationRequest &request)
{
    if (Result<void> checked = request.check(); !checked)
        return checked.error();
    return Plan::compile(request.schema, planOptions(request));
}

Plan::Options GenerationRunner::planOptions(const GenerationRequest &request)
{
    Plan::Options options;
    options.seed = request.seed;
    options.rows = request.rows;
    return options;
}

Result<GenerationRunner::Outcome> GenerationRunner::run(const GenerationRequest &request,
                                                        const Context &context, const Listener &listener,
                                                        const std::atomic<bool> *cancel)
{
    if (request.sourceRunId > 0)
        return exportStoredRun(request, context, listener, cancel);
    const Result<std::shared_ptr<const Plan>> compiled = compile(request);
    if (!compiled)
        return compiled.error();
    return run(request, **compiled, context, listener, cancel);
}

Result<GenerationRunner::Outcome> GenerationRunner::run(const GenerationRequest &request, const Plan &plan,
                                                        const Context &context, const Listener &listener,
                                                        const std::atomic<bool> *cancel)
{
    if (request.sourceRunId > 0) // the plan is the stored run's, rebuilt from storage
        return exportStoredRun(request, context, listener, cancel);
    const bool record = request.schemaId > 0 && context.storage;
    if (request.target == GenerationRequest::Target::StoredRun && !context.storage)
        return makeError(ErrorCode::Unsupported, tr("there is no storage to keep the data in"));
    if (listener.planned) {
        QList<TablePlanInfo> tables;
        for (const TablePlan &table : plan.tables())
            tables.append({table.name, request.shard.rowsOf(table.rows)});
        listener.planned(tables);
    }

    Outcome outcome;
    outcome.target = request.targetDescription();
    std::optional<RunRecord> run;
    if (record) {
        Result<RunRecord> started =
            context.runId > 0
                ? context.storage->run(context.actor, context.runId)
                : context.storage->startRun(context.actor, request.schemaId, request.seed, outcome.target);
        if (!started)
            return started.error();
        run = *started;
        outcome.runId = run->id;
        if (listener.runStarted)
            listener.runStarted(*run);
    }
    auto recordEnd = [&](RunRecord::Status status, qint64 bytes, const QString &error) {
        if (!run)
            return;
        if (Result<void> finished =
                context.storage->finishRun(context.actor, run->id, status, outcome.rowCounts, bytes, error);
            !finished)
            qCWarning(lcGenerate) << "cannot record the end of run" << run->id << finished.error().toString();
    };

    if (request.target == GenerationRequest::Target::Download) {
        // Nothing is written now: every download generates the rows again from the recorded request.
        for (const TablePlan &table : plan.tables())
            outcome.rowCounts.insert(table.name, table.rows);
        recordEnd(RunRecord::Status::Finished, 0, {});
        return outcome;
    }

    // The sink, and what it needs to stay alive: a target database's connection.
    std::unique_ptr<Sink> sink;
    std::shared_ptr<Database> database;
    const NewSqliteFile newSqliteFile(request);
    auto fail = [&](const Error &error) -> Result<Outcome> {
        sink.reset();
        database.reset();
        newSqliteFile.remove();
        const bool cancelled = error.code == ErrorCode::Cancelled;
        recordEnd(cancelled ? RunRecord::Status::Cancelled : RunRecord::Status::Failed, 0,
                  cancelled ? QString() : error.toString());
        return error;
    };
    switch (request.target) {
    case GenerationRequest::Target::Files:
    case GenerationRequest::Target::Database: {
        Result<std::unique_ptr<Sink>> opened = openTargetSink(request, database);
        if (!opened)
            return fail(opened.error());
        sink = std::move(opened).value();
        break;
    }
    case GenerationRequest::Target::Download:
        break; // handled above
    case GenerationRequest::Target::StoredRun: {
        if (!run) // check() made sure of a schema id, so storage refused to start the run above otherwise
            return fail(makeError(ErrorCode::Internal, tr("the run was not recorded")));
        Result<std::unique_ptr<Sink>> stored = context.storage->generatedDataSink(context.actor, run->id);
        if (!stored)
            return fail(stored.error());
        sink = std::move(stored).value();
        break;
    }
    }

    // Appending into tables that hold rows already: their integer keys continue after the largest there.
    // Not for a shard: the rows there are other shards' and the keys are the whole data set's.
    std::shared_ptr<const Plan> continued;
    if (database && request.ifExists == DatabaseSink::IfExists::Append && request.shard.isWhole()) {
        Result<ExistingKeys::Moved> moved =
            ExistingKeys::continueAfter(request.schema, *database, request.database.schema);
        if (!moved)
            return fail(moved.error());
        if (!moved->notes.isEmpty()) {
            Result<std::shared_ptr<const Plan>> recompiled = Plan::compile(moved->schema, planOptions(request));
            if (!recompiled)
                return fail(recompiled.error());
            continued = *recompiled;
            outcome.notes = moved->notes;
        }
    }
    const Plan &loaded = continued ? *continued : plan;

    GenerationJob::Options jobOptions;
    jobOptions.threads = request.threads;
    jobOptions.chunkRows = request.chunkRows;
    jobOptions.cancel = cancel;
    jobOptions.progress = listener.progress;
    jobOptions.shard = request.shard;
    const Result<GenerationJob::Summary> summary = GenerationJob::run(loaded, *sink, jobOptions);
    if (!summary)
        return fail(summary.error());
    outcome.summary = *summary;
    for (auto it = summary->shortened.begin(); it != summary->shortened.end(); ++it)
        qCInfo(lcGenerate).noquote() << it.key() << ":" << it.value()
                                     << "values shortened to fit the declared size";
    for (const TablePlan &table : plan.tables())
        outcome.rowCounts.insert(table.name, request.shard.rowsOf(table.rows));
    if (const auto *loadedInto = dynamic_cast<const DatabaseSink *>(sink.get());
        loadedInto && !request.shard.isWhole()) {
        QStringList unkeyed;
        const QStringList created = loadedInto->createdTables();
        for (const TablePlan &table : loaded.tables()) {
            if (created.contains(table.name) &&
                std::any_of(table.columns.begin(), table.columns.end(),
                            [](const ColumnPlan &column) { return column.parentTable >= 0; }))
                unkeyed << table.name;
        }
        if (!unkeyed.isEmpty())
            outcome.notes
                << tr("shard %1: the tables this load created (%2) have no foreign keys: their rows "
                      "point at rows other shards load; add the keys once every shard is loaded")
                       .arg(request.shard.toString(), unkeyed.join(QLatin1String(", ")));
    }
    recordEnd(RunRecord::Status::Finished, summary->bytes, {});
    qCInfo(lcGenerate).noquote() << "generated" << summary->rows << "rows," << summary->bytes << "bytes into"
                                 << outcome.target << "in" << summary->seconds << "s";
    return outcome;
}

Result<GenerationRunner::Outcome> GenerationRunner::exportStoredRun(const GenerationRequest &request,
                                                                    const Context &context,
                                                                    const Listener &listener,
                                                                    const std::atomic<bool> *cancel)
{
    if (Result<void> checked = request.check(); !checked)
        return checked.error();
    if (!context.storage)
        return makeError(ErrorCode::Unsupported,
                         tr("there is no storage to read run %1 from").arg(request.sourceRunId));
    // No new run is recorded: the rows are the source run's, which the run list already shows; a copy of
    // them is not a generation (and recording one would make every export of a run look like a new run).
    Outcome outcome;
    outcome.target = request.targetDescription();
    std::shared_ptr<Database> database;
    const NewSqliteFile newSqliteFile(request);
    Result<std::unique_ptr<Sink>> sink = openTargetSink(request, database);
    auto fail = [&](const Error &error) -> Result<Outcome> {
        if (sink)
            sink->reset();
        database.reset();
        newSqliteFile.remove();
        return error;
    };
    if (!sink)
        return fail(sink.error());

    QElapsedTimer timer;
    timer.start();
    StoredRunExport::Options options;
    options.pageRows = request.chunkRows;
    options.cancel = cancel;
    options.progress = listener.progress;
    options.planned = [&](const Plan &plan) {
        QList<TablePlanInfo> tables;
        for (const TablePlan &table : plan.tables()) {
            tables.append({table.name, table.rows});
            outcome.rowCounts.insert(table.name, table.rows);
        }
        if (listener.planned)
            listener.planned(tables);
    };
    const Result<qint64> written =
        StoredRunExport::run(*context.storage, context.actor, request.sourceRunId, **sink, options);
    if (!written)
        return fail(written.error());
    outcome.summary = {*written, (*sink)->bytesWritten(), double(timer.nsecsElapsed()) / 1e9, {}};
    qCInfo(lcGenerate).noquote() << "exported the" << *written << "stored rows of run" << request.sourceRunId
                                 << "," << outcome.summary.bytes << "bytes, into" << outcome.target << "in"
                                 << outcome.summary.seconds << "s";
    return outcome;
}

} // namespace fabrica
