#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// GET /health and GET /types: the service itself and what it can generate.
class ServiceRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ServiceRoutes)

public:
    explicit ServiceRoutes(ApiServer &server);

private:
    ApiServer::Reply health(const ApiServer::Request &request);
    ApiServer::Reply types(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
