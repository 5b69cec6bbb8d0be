#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// The tables of a stored schema: GET and POST /schemas/{id}/tables, GET, PUT and DELETE /tables/{id}. A
// table is the document's table object plus its id, schemaId and position; its columns carry their ids.
// Every change is an edit of the whole schema through SchemaEditor (ETag, If-Match, the format's rules), so
// ids stay: a PUT that renames a table or its columns keeps their ids.
class TableRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::TableRoutes)

public:
    explicit TableRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply create(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply update(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
