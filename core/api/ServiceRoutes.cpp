#include "ServiceRoutes.h"

#include "ApiResponse.h"
#include "storage/Repository.h"

#include <QFile>
#include <QJsonDocument>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

} // namespace

ServiceRoutes::ServiceRoutes(ApiServer &server)
    : m_server(server)
{
    server.addRoute(QStringLiteral("/health"), Method::Get, [this](const auto &r) { return health(r); });
    server.addSignedInRoute(QStringLiteral("/types"), Method::Get,
                            [this](const auto &r, const auto &u) { return types(r, u); });
}

ApiServer::Reply ServiceRoutes::health(const ApiServer::Request &)
{
    Result<int> version = m_server.repository().version();
    if (!version)
        return {ApiResponse::error(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                                   tr("The storage cannot be reached.")),
                0};
    return {ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                          {QStringLiteral("storageVersion"), version.value()}}),
            0};
}

ApiServer::Reply ServiceRoutes::types(const ApiServer::Request &, const UserRecord &user)
{
    // The registry's own file, which TypeRegistry::instance() is built from.
    static const QJsonObject registry = [] {
        QFile file(QStringLiteral(":/fabrica/types.json"));
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll()).object();
    }();
    return {ApiResponse::json(registry), user.id};
}

} // namespace fabrica
