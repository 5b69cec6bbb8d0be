#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// The sample values of a stored column, each with its id: GET, POST (add many: {"values": [...]}) and
// DELETE (all, or ?ids=1,2) /columns/{id}/samples, as edits of the schema through SchemaEditor; and POST
// /columns/{id}/samples:profile, which makes the column follow its samples (ColumnProfiler::apply, as imports
// do) and answers the column and one report line per inference.
class SampleRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SampleRoutes)

public:
    explicit SampleRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply add(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply profile(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
