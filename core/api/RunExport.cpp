#include "RunExport.h"

#include "ResponseBody.h"
#include "ResponseFileWriter.h"
#include "ResponseZipWriter.h"
#include "export/ExportFormat.h"
#include "export/FileSink.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "jobs/GenerationRunner.h"
#include "storage/Repository.h"
#include "storage/StoredRunExport.h"

#include <QJsonDocument>
#include <QThread>
#include <QUrl>

namespace fabrica {

namespace {

Error badQuery(const QString &name, const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message, SourceLocation{{}, 0, 0, name});
}

QByteArray contentTypeOf(const QString &formatId)
{
    if (formatId == QLatin1String("csv"))
        return QByteArrayLiteral("text/csv; charset=utf-8");
    if (formatId == QLatin1String("tsv"))
        return QByteArrayLiteral("text/tab-separated-values; charset=utf-8");
    if (formatId == QLatin1String("json"))
        return QByteArrayLiteral("application/json; charset=utf-8");
    if (formatId == QLatin1String("ndjson"))
        return QByteArrayLiteral("application/x-ndjson; charset=utf-8");
    return QByteArrayLiteral("application/sql; charset=utf-8");
}

// The sink of the export, sending its files to writer.
Result<std::unique_ptr<Sink>> fileSink(const QString &formatId, const ExportOptions &options,
                                       FileEntryWriter *writer)
{
    std::unique_ptr<Sink> sink = ExportFormat::find(formatId)->create(options);
    auto *files = dynamic_cast<FileSink *>(sink.get());
    if (!files)
        return makeError(ErrorCode::Internal, QStringLiteral("the format %1 writes no files").arg(formatId));
    if (writer)
        files->setEntryWriter(writer);
    return sink;
}

} // namespace

Result<std::shared_ptr<RunExport>> RunExport::prepare(Repository &repository, const Actor &actor,
                                                      const RunRecord &run, const QUrlQuery &query)
{
    std::shared_ptr<RunExport> result(new RunExport);
    RunExport &self = *result;
    self.m_repository = &repository;
    self.m_actor = actor;
    self.m_run = run;
    if (run.status != RunRecord::Status::Finished)
        return makeError(ErrorCode::Conflict, tr("run %1 is %2; only a finished run has data to export")
                                                  .arg(QString::number(run.id), runStatusId(run.status)));
    self.m_stored = run.target == QLatin1String("storage");
    if (!self.m_stored) {
        Result<GenerationRequest> recorded =
            GenerationRequest::fromJson(QJsonDocument::fromJson(run.request).object());
        if (!recorded || recorded->target != GenerationRequest::Target::Download)
            return makeError(ErrorCode::Conflict,
                             tr("run %1 wrote its data to %2, so there is nothing to download; export a "
                                "run kept in storage or one made for download")
                                 .arg(QString::number(run.id), run.target));
        self.m_request = std::move(recorded).value();
        self.m_options = self.m_request.exportOptions;
        self.m_formatId = self.m_request.formatId;
        self.m_gzip = self.m_request.exportOptions.gzip;
    } else {
        self.m_formatId = QStringLiteral("csv");
    }

    const QString format = query.queryItemValue(QStringLiteral("format"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("format"))) {
        const ExportFormat *found = ExportFormat::find(format);
        if (!found) {
            QStringList ids;
            for (const ExportFormat &each : ExportFormat::all())
                ids << each.id;
            return badQuery(
                QStringLiteral("format"),
                tr("unknown format \"%1\" (formats: %2)").arg(format, ids.join(QLatin1String(", "))));
        }
        self.m_formatId = found->id;
    }
    if (query.hasQueryItem(QStringLiteral("dialect"))) {
        const QString dialect = query.queryItemValue(QStringLiteral("dialect"), QUrl::FullyDecoded);
        const std::optional<SqlDialect> found = sqlDialectFromId(dialect.toLower());
        if (!found)
            return badQuery(QStringLiteral("dialect"),
                            tr("unknown dialect \"%1\" (postgresql, mysql, sqlite)").arg(dialect));
        self.m_options.dialect = *found;
    }
    if (query.hasQueryItem(QStringLiteral("gzip"))) {
        const QString gzip = query.queryItemValue(QStringLiteral("gzip")).toLower();
        if (gzip == QLatin1String("true") || gzip == QLatin1String("1"))
            self.m_gzip = true;
        else if (gzip == QLatin1String("false") || gzip == QLatin1String("0"))
            self.m_gzip = false;
        else
            return badQuery(QStringLiteral("gzip"), tr("gzip must be true or false, found \"%1\"").arg(gzip));
    }
    self.m_options.gzip = false; // the writer compresses
    self.m_options.path.clear();
    self.m_options.singleFile = false;

    if (self.m_stored) {
        // The plan StoredRunExport will rebuild: here for the file names and to fail before the first byte.
        const Result<Schema> schema = repository.loadSchema(actor, run.schemaId);
        if (!schema)
            return schema.error();
        Plan::Options options;
        options.seed = run.seed;
        for (auto it = run.rowCounts.begin(); it != run.rowCounts.end(); ++it)
            options.rows.insert(it.key(), it.value());
        Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema.value(), options);
        if (!plan)
            return makeError(ErrorCode::Conflict,
                             tr("the run's schema no longer compiles: %1").arg(plan.error().message));
        self.m_plan = std::move(plan).value();
    } else {
        self.m_request.formatId = self.m_formatId;
        self.m_request.exportOptions = self.m_options;
        Result<std::shared_ptr<const Plan>> plan = GenerationRunner::compile(self.m_request);
        if (!plan)
            return makeError(plan.error().code == ErrorCode::InvalidInput ? ErrorCode::InvalidInput
                                                                          : ErrorCode::Conflict,
                             tr("the run's request no longer compiles: %1").arg(plan.error().message));
        self.m_plan = std::move(plan).value();
    }

    Result<std::unique_ptr<Sink>> sink = fileSink(self.m_formatId, self.m_options, nullptr);
    if (!sink)
        return sink.error();
    const QStringList names = static_cast<FileSink &>(**sink).fileNames(*self.m_plan);
    self.m_zip = names.size() != 1;
    if (self.m_zip) {
        const QString schema = self.m_plan->schema().name.isEmpty()
                                   ? QStringLiteral("fabrica")
                                   : FileSink::fileNameOf(self.m_plan->schema().name);
        self.m_fileName = QStringLiteral("%1-run-%2.zip").arg(schema).arg(run.id);
        self.m_contentType = QByteArrayLiteral("application/zip");
    } else {
        self.m_fileName = names.front() + (self.m_gzip ? QStringLiteral(".gz") : QString());
        self.m_contentType =
            self.m_gzip ? QByteArrayLiteral("application/gzip") : contentTypeOf(self.m_formatId);
    }
    return result;
}

QByteArray RunExport::contentDisposition() const
{
    // A plain ASCII name for every client, and the exact UTF-8 one (RFC 6266) for those that read it.
    QByteArray ascii;
    for (const QChar c : m_fileName) {
        const char16_t u = c.unicode();
        ascii += (u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\' && u != u';') ? char(u) : '_';
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(m_fileName);
}

Result<void> RunExport::produce(ResponseBody &body) const
{
    std::unique_ptr<FileEntryWriter> writer;
    if (m_zip)
        writer = std::make_unique<ResponseZipWriter>(body, m_gzip, m_run.started.toUTC());
    else
        writer = std::make_unique<ResponseFileWriter>(body, m_gzip);
    Result<std::unique_ptr<Sink>> sink = fileSink(m_formatId, m_options, writer.get());
    if (!sink)
        return sink.error();
    if (m_stored) {
        StoredRunExport::Options options;
        options.cancel = body.cancelFlag();
        const Result<qint64> written =
            StoredRunExport::run(*m_repository, m_actor, m_run.id, **sink, options);
        if (!written)
            return written.error();
        return {};
    }
    GenerationJob::Options options;
    options.threads = m_request.threads > 0 ? m_request.threads : std::max(1, QThread::idealThreadCount());
    options.chunkRows = m_request.chunkRows;
    options.cancel = body.cancelFlag();
    const Result<GenerationJob::Summary> generated = GenerationJob::run(*m_plan, **sink, options);
    if (!generated)
        return generated.error();
    return {};
}

} // namespace fabrica
