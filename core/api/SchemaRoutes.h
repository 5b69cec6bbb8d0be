#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// /schemas and the row windows of a stored schema (GET /schemas/{id}/preview), through the Repository
// and RowWindow.
class SchemaRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaRoutes)

public:
    explicit SchemaRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request);
    ApiServer::Reply preview(const ApiServer::Request &request);

    ApiServer &m_server;
};

} // namespace fabrica
