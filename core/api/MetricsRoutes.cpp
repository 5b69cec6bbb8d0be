#include "MetricsRoutes.h"

#include "ApiMetrics.h"
#include "ApiResponse.h"
#include "common/Logging.h"
#include "storage/Repository.h"

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

} // namespace

MetricsRoutes::MetricsRoutes(ApiServer &server)
    : m_server(server)
{
    server.addRoute(QStringLiteral("/metrics"), Method::Get, [this](const auto &r) { return metrics(r); });
    server.metrics().addSource([this] { return jobsByState(); });
}

QByteArray MetricsRoutes::contentType()
{
    return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

QByteArray MetricsRoutes::jobsByState()
{
    const Result<QMap<RunRecord::Status, qint64>> counts = m_server.repository().runStatusCounts();
    QByteArray out =
        "# HELP fabrica_storage_up Whether the storage answered the last scrape (1) or not (0).\n"
        "# TYPE fabrica_storage_up gauge\n"
        "fabrica_storage_up " +
        QByteArray(counts ? "1" : "0") + '\n';
    if (!counts) {
        // A scrape must still answer (the HTTP figures are this instance's own); the jobs are left out.
        qCWarning(lcApi).noquote() << "metrics: cannot count the jobs:" << counts.error().toString();
        return out;
    }
    out += "# HELP fabrica_jobs Generation jobs (runs) in storage by state, of every user and instance.\n"
           "# TYPE fabrica_jobs gauge\n";
    for (const auto status :
         {RunRecord::Status::Queued, RunRecord::Status::Running, RunRecord::Status::Finished,
          RunRecord::Status::Failed, RunRecord::Status::Cancelled})
        out += "fabrica_jobs{state=\"" + runStatusId(status).toLatin1() + "\"} " +
               QByteArray::number(counts->value(status, 0)) + '\n';
    return out;
}

ApiServer::Reply MetricsRoutes::metrics(const ApiServer::Request &request)
{
    qint64 userId = 0;
    if (m_server.options().metricsNeedToken) {
        Result<UserRecord> user = m_server.authenticate(request);
        if (!user)
            return {ApiResponse::error(user.error()), 0};
        if (user->role != Role::Admin)
            return {ApiResponse::error(makeError(ErrorCode::PermissionDenied,
                                                 tr("Only an administrator reads the metrics."))),
                    user->id};
        userId = user->id;
    }
    QHttpServerResponse response(contentType(), m_server.metrics().text());
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    return {std::move(response), userId};
}

} // namespace fabrica
