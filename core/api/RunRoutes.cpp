#include "RunRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "RunExport.h"
#include "RunInput.h"
#include "jobs/GenerationRunner.h"
#include "jobs/JobService.h"
#include "storage/Repository.h"

#include <QJsonArray>

#include <limits>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

} // namespace

RunRoutes::RunRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/runs"), Method::Post,
                            [this](const auto &r, const auto &u) { return create(r, u); });
    server.addSignedInRoute(QStringLiteral("/runs"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/runs/<arg>"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/runs/<arg>"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
    server.addSignedInRoute(QStringLiteral("/runs/<arg>/export"), Method::Get,
                            [this](const auto &r, const auto &u) { return exportData(r, u); });
}

ApiServer::Reply RunRoutes::create(const ApiServer::Request &request, const UserRecord &user)
{
    JobService *jobs = m_server.options().jobs;
    if (!jobs)
        return {ApiResponse::error(Status::ServiceUnavailable, QStringLiteral("jobs_unavailable"),
                                   tr("This server runs no generation jobs.")),
                user.id};
    const Actor actor = Actor::of(user);
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<Schema> schema = m_server.repository().loadSchema(actor, request.id);
    if (!schema)
        return {ApiResponse::error(schema.error()), user.id};
    Result<GenerationRequest> generation = RunInput::request(body.value(), schema.value(), request.id);
    if (!generation)
        return {ApiResponse::error(generation.error()), user.id};
    if (generation->target == GenerationRequest::Target::Database && !actor.admin)
        // The load runs with the server's network reach and its saved credentials (PGPASSWORD, ~/.pgpass).
        return {ApiResponse::error(makeError(ErrorCode::PermissionDenied,
                                             tr("Only an administrator may write into a database from the "
                                                "server; generate files to download instead "
                                                "(\"target\": {\"kind\": \"files\"})."),
                                             SourceLocation{{}, 0, 0, QStringLiteral("target.kind")})),
                user.id};
    // The schema's problems now, as 422, rather than as a run that fails later.
    if (Result<std::shared_ptr<const Plan>> plan = GenerationRunner::compile(*generation); !plan) {
        Error error = plan.error();
        if (error.code == ErrorCode::NotFound)
            error.code = ErrorCode::Validation;
        return {ApiResponse::error(error), user.id};
    }
    Result<RunRecord> queued = jobs->enqueue(actor, generation.value());
    if (!queued)
        return {ApiResponse::error(queued.error()), user.id};
    QHttpServerResponse response = ApiResponse::json(ApiJson::run(queued.value()), Status::Accepted);
    response.setHeader(QByteArrayLiteral("Location"),
                       (ApiServer::prefix() + QStringLiteral("/runs/%1").arg(queued->id)).toLatin1());
    return {std::move(response), user.id};
}

ApiServer::Reply RunRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    Result<qint64> schemaId = ApiInput::queryNumber(request.query, QStringLiteral("schemaId"), 0,
                                                    std::numeric_limits<qint64>::max() / 2);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    std::optional<RunRecord::Status> status;
    if (request.query.hasQueryItem(QStringLiteral("status"))) {
        const QString id = request.query.queryItemValue(QStringLiteral("status"));
        status = runStatusFromId(id);
        if (!status)
            return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                                 tr("status must be queued, running, finished, failed or "
                                                    "cancelled, found \"%1\"")
                                                     .arg(id),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("status")})),
                    user.id};
    }
    Result<QList<RunRecord>> runs = m_server.repository().runs(Actor::of(user), schemaId.value());
    if (!runs)
        return {ApiResponse::error(runs.error()), user.id};
    QJsonArray items;
    qint64 total = 0;
    for (const RunRecord &run : runs.value()) {
        if (status && run.status != *status)
            continue;
        if (total >= page->offset && total < page->offset + page->limit)
            items.append(ApiJson::run(run));
        ++total;
    }
    return {ApiResponse::json(ApiInput::pageJson(items, total, page.value())), user.id};
}

ApiServer::Reply RunRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    Result<RunRecord> run = m_server.repository().run(Actor::of(user), request.id);
    if (!run)
        return {ApiResponse::error(run.error()), user.id};
    return {ApiResponse::json(ApiJson::run(run.value())), user.id};
}

ApiServer::Reply RunRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    const Actor actor = Actor::of(user);
    Repository &repository = m_server.repository();
    Result<RunRecord> run = repository.run(actor, request.id);
    if (!run)
        return {ApiResponse::error(run.error()), user.id};
    if (run->status == RunRecord::Status::Queued || run->status == RunRecord::Status::Running) {
        // A queued run ends at once; a running one stops at its worker's next look (any instance).
        JobService *jobs = m_server.options().jobs;
        Result<RunRecord::Status> cancelled =
            jobs ? jobs->cancel(actor, request.id) : repository.cancelRun(actor, request.id);
        if (!cancelled)
            return {ApiResponse::error(cancelled.error()), user.id};
        Result<RunRecord> now = repository.run(actor, request.id);
        if (!now)
            return {ApiResponse::error(now.error()), user.id};
        return {ApiResponse::json(ApiJson::run(now.value()), Status::Accepted), user.id};
    }
    if (Result<void> deleted = repository.deleteRun(actor, request.id); !deleted)
        return {ApiResponse::error(deleted.error()), user.id};
    return {ApiResponse::empty(), user.id};
}

ApiServer::Reply RunRoutes::exportData(const ApiServer::Request &request, const UserRecord &user)
{
    const Actor actor = Actor::of(user);
    Result<RunRecord> run = m_server.repository().run(actor, request.id);
    if (!run)
        return {ApiResponse::error(run.error()), user.id};
    Result<std::shared_ptr<RunExport>> prepared =
        RunExport::prepare(m_server.repository(), actor, run.value(), request.query);
    if (!prepared)
        return {ApiResponse::error(prepared.error()), user.id};
    const std::shared_ptr<RunExport> data = prepared.value();
    auto stream = std::make_shared<ApiServer::Stream>();
    stream->headers = {{QByteArrayLiteral("Content-Type"), data->contentType()},
                       {QByteArrayLiteral("Content-Disposition"), data->contentDisposition()}};
    stream->produce = [data](ResponseBody &body) { return data->produce(body); };
    return {QHttpServerResponse(Status::Ok), user.id, std::move(stream)};
}

} // namespace fabrica
