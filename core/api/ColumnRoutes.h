#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// The columns of a stored table: GET and POST /tables/{id}/columns, GET, PUT and DELETE /columns/{id}. A
// column is the document's column object plus its id, tableId, schemaId and position. Every change is an
// edit of the whole schema through SchemaEditor (ETag, If-Match, the format's rules); a PUT that renames a
// column keeps its id.
class ColumnRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnRoutes)

public:
    explicit ColumnRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply create(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply update(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
