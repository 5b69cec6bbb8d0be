#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// A stored schema as one .fabrica.json document (GET and PUT /schemas/{id}/document, the format the window
// saves, with the schema's ETag) and its validation (POST /schemas/{id}/validate), through SchemaFile,
// SchemaValidator and the Repository.
class SchemaDocumentRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaDocumentRoutes)

public:
    explicit SchemaDocumentRoutes(ApiServer &server);

private:
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply replace(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply validate(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
