#pragma once

#include "export/ExportOptions.h"
#include "jobs/GenerationRequest.h"
#include "storage/StoredRecords.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <memory>

namespace fabrica {

class Plan;
class Repository;
class ResponseBody;

// The data of a finished run as a download (GET /runs/{id}/export): one file, or a ZIP of one file per
// table, in a format of the query, written into a response body while it is sent. A stored run's rows come
// from storage (StoredRunExport); a download run's are generated again from its recorded request and seed
// (GenerationJob) through the sinks `fabrica generate` uses, so every export of it is the same bytes as
// `fabrica generate` writes.
class RunExport
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RunExport)

public:
    // Everything that can be wrong before the first byte: the run's state and kind, the query's format
    // (csv, tsv, json, ndjson, sql), dialect and gzip, the schema. repository must outlive the export.
    static Result<std::shared_ptr<RunExport>> prepare(Repository &repository, const Actor &actor,
                                                      const RunRecord &run, const QUrlQuery &query);

    // "orders.csv", "orders.csv.gz", "shop.sql", or "shop-run-7.zip".
    QString fileName() const { return m_fileName; }
    QByteArray contentType() const { return m_contentType; }
    // attachment; filename="…"; filename*=UTF-8''…
    QByteArray contentDisposition() const;

    // Writes the whole download into body, on the calling (download) thread; stops when the body is
    // cancelled.
    Result<void> produce(ResponseBody &body) const;

private:
    RunExport() = default;

    Repository *m_repository = nullptr;
    Actor m_actor;
    RunRecord m_run;
    bool m_stored = false;       // the rows are in storage; otherwise they are generated again
    GenerationRequest m_request; // a download run's recorded request, with the query's format
    std::shared_ptr<const Plan> m_plan;
    QString m_formatId;
    ExportOptions m_options; // without gzip: compressing is the writer's
    bool m_gzip = false;
    bool m_zip = false;
    QString m_fileName;
    QByteArray m_contentType;
};

} // namespace fabrica
