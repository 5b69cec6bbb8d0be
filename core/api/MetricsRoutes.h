#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// GET /metrics: the server's figures in the Prometheus text format (ApiMetrics) with the jobs in storage
// by state. Open to a scraper without a token unless ApiServer::Options::metricsNeedToken is set; then it
// is an administrator's route.
class MetricsRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::MetricsRoutes)

public:
    explicit MetricsRoutes(ApiServer &server);

    // The media type of the text format.
    static QByteArray contentType();

private:
    ApiServer::Reply metrics(const ApiServer::Request &request);
    // The "fabrica_jobs" family: runs of every user by state, one grouped count in storage.
    QByteArray jobsByState();

    ApiServer &m_server;
};

} // namespace fabrica
