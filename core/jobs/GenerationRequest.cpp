#include "GenerationRequest.h"

#include "export/ExportFormat.h"

namespace fabrica {

Result<void> GenerationRequest::check() const
{
    auto invalid = [](const QString &message) { return makeError(ErrorCode::InvalidInput, message); };
    if (threads < 0 || threads > kMaxThreads)
        return invalid(tr("threads must be from 1 to %1 (or 0 for one per core), found %2")
                           .arg(kMaxThreads)
                           .arg(threads));
    if (chunkRows < 1 || chunkRows > kMaxChunkRows)
        return invalid(tr("rows per chunk must be from 1 to %1, found %2").arg(kMaxChunkRows).arg(chunkRows));
    // Unknown table names are Plan::compile's to report, with the schema's other problems.
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        if (it.value() < 0)
            return invalid(
                tr("rows of table \"%1\" must be 0 or more, found %2").arg(it.key()).arg(it.value()));
    }
    if (sourceRunId < 0)
        return invalid(tr("the run to export must be a run number, found %1").arg(sourceRunId));
    if (sourceRunId > 0 && !rows.isEmpty())
        return invalid(tr("a stored run is exported with the row counts it was generated with; "
                          "leave out the rows per table"));
    switch (target) {
    case Target::Files: {
        const ExportFormat *format = ExportFormat::find(formatId);
        if (!format) {
            QStringList ids;
            for (const ExportFormat &each : ExportFormat::all())
                ids << each.id;
            return invalid(
                tr("unknown format \"%1\" (formats: %2)").arg(formatId, ids.join(QLatin1String(", "))));
        }
        if (exportOptions.path.isEmpty())
            return invalid(tr("no file or folder to export to"));
        if (exportOptions.batchRows < 1)
            return invalid(tr("rows per INSERT must be 1 or more, found %1").arg(exportOptions.batchRows));
        break;
    }
    case Target::Database:
        if (!database.isPostgres() && database.path.isEmpty())
            return invalid(tr("no database to write into"));
        break;
    case Target::StoredRun:
        if (sourceRunId > 0)
            return invalid(tr("run %1 is in storage already; export it to files or a database instead")
                               .arg(sourceRunId));
        if (schemaId <= 0)
            return invalid(
                tr("only a schema saved in storage can keep its data there; save the schema first"));
        break;
    }
    return {};
}

QString GenerationRequest::targetDescription() const
{
    switch (target) {
    case Target::Files:
        return exportOptions.path;
    case Target::Database:
        return database.displayString();
    case Target::StoredRun:
        break;
    }
    return QStringLiteral("storage");
}

} // namespace fabrica
