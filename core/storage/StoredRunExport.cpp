#include "StoredRunExport.h"

#include "export/Sink.h"
#include "generate/Plan.h"

namespace fabrica {

Result<qint64> StoredRunExport::run(Repository &repository, const Actor &actor, qint64 runId, Sink &sink,
                                    int pageRows)
{
    Options options;
    options.pageRows = pageRows;
    return run(repository, actor, runId, sink, options);
}

Result<qint64> StoredRunExport::run(Repository &repository, const Actor &actor, qint64 runId, Sink &sink,
                                    const Options &options)
{
    const Result<RunRecord> record = repository.run(actor, runId);
    if (!record)
        return record.error();
    // Said before anything is written: otherwise the sink would only learn of it from a missing page.
    if (record->target != QLatin1String("storage"))
        return makeError(ErrorCode::InvalidInput, tr("run %1 kept no rows in storage; its data went to %2")
                                                      .arg(QString::number(runId), record->target));
    if (record->status != RunRecord::Status::Finished)
        return makeError(ErrorCode::Conflict,
                         tr("run %1 did not finish, so it has no rows to export").arg(runId));
    const Result<Schema> schema = repository.loadSchema(actor, record->schemaId);
    if (!schema)
        return schema.error();
    Plan::Options planOptions;
    planOptions.seed = record->seed;
    for (auto it = record->rowCounts.begin(); it != record->rowCounts.end(); ++it)
        planOptions.rows.insert(it.key(), it.value());
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema.value(), planOptions);
    if (!plan)
        return makeError(plan.error().code,
                         tr("the run's schema no longer compiles: %1").arg(plan.error().message));
    if (options.planned)
        options.planned(**plan);

    const int pageRows = std::max(1, options.pageRows);
    auto fail = [&sink](const Error &error) -> Result<qint64> {
        sink.abort();
        return error;
    };
    auto cancelled = [&options] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    if (Result<void> begun = sink.begin(**plan); !begun)
        return fail(begun.error());
    GenerationJob::Progress progress{0, (*plan)->totalRows(), 0};
    ByteBuffer encoded;
    for (int t = 0; t < int((*plan)->tables().size()); ++t) {
        const TablePlan &table = (*plan)->tables()[std::size_t(t)];
        progress.table = t;
        if (Result<void> begun = sink.beginTable(t); !begun)
            return fail(begun.error());
        for (qint64 first = 0; first < table.rows; first += pageRows) {
            if (cancelled())
                return fail(makeError(ErrorCode::Cancelled, tr("the export was cancelled")));
            const Result<StoredRows> page = repository.storedRows(actor, runId, table.name, first, pageRows);
            if (!page)
                return fail(page.error());
            TableChunk chunk;
            chunk.table = t;
            chunk.index = first / pageRows;
            chunk.firstRow = first;
            chunk.rows = int(page->rows.size());
            chunk.columns.resize(table.columns.size());
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                // By name: a column added to the schema after the run reads as NULL.
                const qsizetype stored = page->columns.indexOf(table.columns[c].name);
                ColumnChunk &column = chunk.columns[c];
                column.reset(chunk.rows);
                for (const QList<std::optional<QString>> &row : page->rows) {
                    if (stored < 0 || !row[stored])
                        column.appendNull();
                    else
                        column.append(row[stored]->toStdString());
                }
            }
            encoded.clear();
            sink.encode(chunk, encoded);
            if (Result<void> done = sink.write(chunk, encoded.view()); !done)
                return fail(done.error());
            progress.rowsDone += chunk.rows;
            if (chunk.rows < pageRows && first + chunk.rows < table.rows)
                return fail(makeError(ErrorCode::NotFound, tr("the run stored only %1 of the %2 rows of %3")
                                                               .arg(first + chunk.rows)
                                                               .arg(table.rows)
                                                               .arg(table.name)));
            if (options.progress)
                options.progress(progress);
        }
        if (Result<void> ended = sink.endTable(t); !ended)
            return fail(ended.error());
    }
    if (Result<void> finished = sink.finish(); !finished)
        return fail(finished.error());
    return progress.rowsDone;
}

} // namespace fabrica
