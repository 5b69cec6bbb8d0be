#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// /schemas (list, create from a name or a whole document, read, rename, delete) and the row windows of a
// stored schema (GET /schemas/{id}/preview), through the Repository and RowWindow. Changes go through
// SchemaEditor (ETag and If-Match).
class SchemaRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaRoutes)

public:
    explicit SchemaRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply create(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply update(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply preview(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
