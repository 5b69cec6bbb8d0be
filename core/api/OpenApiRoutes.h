#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

#include <QJsonObject>

namespace fabrica {

// GET /openapi.json, without a token: the API's OpenAPI 3.1 document. docs/openapi.yaml is the source; the
// build turns it into JSON (cmake/yaml_to_json.py) inside fabrica_core's resources.
class OpenApiRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::OpenApiRoutes)

public:
    explicit OpenApiRoutes(ApiServer &server);

    // The document as served; read from the resource once.
    static const QJsonObject &document();

private:
    ApiServer::Reply serve(const ApiServer::Request &request);
};

} // namespace fabrica
