#include "OpenApiRoutes.h"

#include "ApiResponse.h"

#include <QFile>
#include <QJsonDocument>

namespace fabrica {

OpenApiRoutes::OpenApiRoutes(ApiServer &server)
{
    server.addRoute(QStringLiteral("/openapi.json"), QHttpServerRequest::Method::Get,
                    [this](const auto &r) { return serve(r); });
}

const QJsonObject &OpenApiRoutes::document()
{
    static const QJsonObject document = [] {
        QFile file(QStringLiteral(":/fabrica/api/openapi.json"));
        if (!file.open(QIODevice::ReadOnly))
            return QJsonObject();
        return QJsonDocument::fromJson(file.readAll()).object();
    }();
    return document;
}

ApiServer::Reply OpenApiRoutes::serve(const ApiServer::Request &)
{
    if (document().isEmpty()) // a build without the resource: a bug, not the client's fault
        return {ApiResponse::error(
                    makeError(ErrorCode::Internal, tr("the OpenAPI document is missing from this build"))),
                0};
    return {ApiResponse::json(document()), 0};
}

} // namespace fabrica
