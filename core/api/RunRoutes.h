#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// Generation runs: POST /schemas/{id}/runs queues a run on the JobService (any instance sharing the
// storage may run it), GET /runs and /runs/{id} read them, DELETE /runs/{id} cancels or deletes, and
// GET /runs/{id}/export streams a finished run's data (RunExport).
class RunRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RunRoutes)

public:
    explicit RunRoutes(ApiServer &server);

private:
    ApiServer::Reply create(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply exportData(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
