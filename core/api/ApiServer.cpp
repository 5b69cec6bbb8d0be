#include "ApiServer.h"

#include "ApiMetrics.h"
#include "ApiResponse.h"
#include "ColumnRoutes.h"
#include "ForwardedFor.h"
#include "ImportRoutes.h"
#include "MetricsRoutes.h"
#include "OpenApiRoutes.h"
#include "ResponseBody.h"
#include "RunRoutes.h"
#include "SampleRoutes.h"
#include "SchemaDocumentRoutes.h"
#include "SchemaRoutes.h"
#include "ServiceRoutes.h"
#include "SessionRoutes.h"
#include "StreamedResponse.h"
#include "TableRoutes.h"
#include "UserRoutes.h"
#include "auth/AuthService.h"
#include "common/Logging.h"

#include <QHttpServer>
#include <QTcpSocket>
#include <QThread>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

const QString kPrefix = QStringLiteral("/api/v1");

} // namespace

struct ApiServer::Route
{
    QString path; // below /api/v1, with <arg> for the id
    QHash<int, Handler> handlers;
};

ApiServer::ApiServer(Repository &repository, AuthService &auth, Options options, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_auth(auth)
    , m_options(std::move(options))
    , m_metrics(std::make_unique<ApiMetrics>())
    , m_signInThrottle(m_options.signIn)
    , m_http(new QHttpServer(this))
{
    // An upload is refused at the socket once it is larger than an import may be (before QHttpServer
    // buffers it), with room for a multipart body's part headers.
    m_options.limits.framing.uploadBodyBytes = ImportRoutes::bodyLimit(m_options.importLimits);
    m_pool.setMaxThreadCount(m_options.workerThreads > 0 ? m_options.workerThreads
                                                         : std::max(4, QThread::idealThreadCount()));
    // Handler threads keep running, and with them their storage connections (one per thread, never closed
    // while the repository lives): an expired thread would leave its connection open behind it.
    m_pool.setExpiryTimeout(-1);
    m_groups.push_back(std::make_unique<ServiceRoutes>(*this));
    m_groups.push_back(std::make_unique<SessionRoutes>(*this));
    m_groups.push_back(std::make_unique<SchemaRoutes>(*this));
    m_groups.push_back(std::make_unique<UserRoutes>(*this));
    m_groups.push_back(std::make_unique<ImportRoutes>(*this));
    m_groups.push_back(std::make_unique<MetricsRoutes>(*this));
    m_groups.push_back(std::make_unique<OpenApiRoutes>(*this));
    m_groups.push_back(std::make_unique<RunRoutes>(*this));
    m_downloads.setMaxThreadCount(std::max(1, m_options.maxDownloads));
    m_groups.push_back(std::make_unique<SchemaDocumentRoutes>(*this));
    m_groups.push_back(std::make_unique<TableRoutes>(*this));
    m_groups.push_back(std::make_unique<ColumnRoutes>(*this));
    m_groups.push_back(std::make_unique<SampleRoutes>(*this));
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        QElapsedTimer timer;
        timer.start();
        Request copy;
        copy.method = request.method();
        copy.path = request.url().path();
        copy.route = QStringLiteral("(unknown)");
        QHttpServerResponse response = ApiResponse::error(
            Status::NotFound, ApiResponse::codeId(ErrorCode::NotFound),
            tr("There is no such resource: %1. The API's routes start with %2.").arg(copy.path, kPrefix));
        finish(copy, int(response.statusCode()), timer, 0);
        response.write(std::move(responder));
    });
}

ApiServer::ApiServer(Repository &repository, AuthService &auth, QObject *parent)
    : ApiServer(repository, auth, Options(), parent)
{}

ApiServer::~ApiServer()
{
    close();
    qDeleteAll(m_routes);
}

QString ApiServer::prefix()
{
    return kPrefix;
}

QString ApiServer::methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Head:
        return QStringLiteral("HEAD");
    case Method::Options:
        return QStringLiteral("OPTIONS");
    case Method::Patch:
        return QStringLiteral("PATCH");
    case Method::Connect:
        return QStringLiteral("CONNECT");
    case Method::Trace:
        return QStringLiteral("TRACE");
    default:
        break;
    }
    return QStringLiteral("?");
}

Result<quint16> ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcp)
        return makeError(ErrorCode::Conflict, tr("The API server is listening already."));
    auto *tcp = new GuardedTcpServer(m_options.limits, this);
    if (m_options.tls)
        tcp->setSslConfiguration(*m_options.tls);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return makeError(ErrorCode::Io,
                         tr("Cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why));
    }
    m_http->bind(tcp); // takes it as a child
    m_tcp = tcp;
    m_closing = false;
    return tcp->serverPort();
}

quint16 ApiServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void ApiServer::close()
{
    m_closing = true;
    if (m_tcp)
        m_tcp->close();
    m_pool.waitForDone();
    // Downloads end cut off: their producers stop at their next write.
    for (StreamedResponse *stream : QList<StreamedResponse *>(m_streams))
        stream->abort();
    m_downloads.waitForDone();
}

ApiServer::StreamFigures ApiServer::streamFigures() const
{
    StreamFigures figures{int(m_streams.size()), m_producing.load(), m_streamPeak};
    for (const StreamedResponse *stream : m_streams)
        figures.peakBuffered = std::max(figures.peakBuffered, stream->peakBuffered());
    return figures;
}

void ApiServer::resetStreamPeak()
{
    m_streamPeak = 0;
}

void ApiServer::addRoute(const QString &path, Method method, Handler handler)
{
    for (Route *route : std::as_const(m_routes)) {
        if (route->path == path) {
            route->handlers.insert(int(method), std::move(handler));
            return;
        }
    }
    auto *route = new Route{path, {{int(method), std::move(handler)}}};
    m_routes << route;
    // Every method reaches dispatch(), which answers 405 for the ones the path does not take.
    if (path.contains(QStringLiteral("<arg>"))) {
        m_http->route(
            kPrefix + path, Method::AnyKnown,
            [this, route](qint64 id, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                dispatch(*route, request, id, std::move(responder));
            });
    } else {
        m_http->route(kPrefix + path, Method::AnyKnown,
                      [this, route](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                          dispatch(*route, request, 0, std::move(responder));
                      });
    }
}

void ApiServer::addSignedInRoute(const QString &path, Method method, SignedInHandler handler)
{
    addRoute(path, method, [this, handler = std::move(handler)](const Request &request) -> Reply {
        Result<UserRecord> user = authenticate(request);
        if (!user)
            return {ApiResponse::error(user.error()), 0};
        return handler(request, user.value());
    });
}

QMap<QString, QStringList> ApiServer::routes() const
{
    QMap<QString, QStringList> all;
    for (const Route *route : std::as_const(m_routes)) {
        QStringList methods;
        for (auto it = route->handlers.cbegin(); it != route->handlers.cend(); ++it)
            methods << methodName(Method(it.key()));
        methods.sort();
        all.insert(route->path, methods);
    }
    return all;
}

void ApiServer::finish(const Request &request, int status, const QElapsedTimer &timer, qint64 userId)
{
    const qint64 ns = timer.nsecsElapsed();
    // Never the query (a route might carry a secret there), the body or any header.
    qCInfo(lcApi).noquote() << methodName(request.method) << request.path << status << ns / 1000000 << "ms"
                            << "user" << userId;
    m_metrics->record(methodName(request.method), request.route, status, double(ns) / 1e9);
}

void ApiServer::dispatch(const Route &route, const QHttpServerRequest &request, qint64 id,
                         QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    Request copy;
    copy.method = request.method();
    copy.path = request.url().path();
    copy.route = route.path;
    copy.query = request.query();
    copy.authorization = request.value(QByteArrayLiteral("authorization"));
    copy.contentType = request.value(QByteArrayLiteral("content-type"));
    copy.ifMatch = request.value(QByteArrayLiteral("if-match"));
    copy.body = request.body();
    copy.peer =
        ForwardedFor::client(request.remoteAddress(), request.value(QByteArrayLiteral("x-forwarded-for")),
                             m_options.trustedProxies);
    copy.id = id;

    const auto handler = route.handlers.constFind(int(copy.method));
    if (handler == route.handlers.cend()) {
        QStringList allowed;
        for (auto it = route.handlers.cbegin(); it != route.handlers.cend(); ++it)
            allowed << methodName(Method(it.key()));
        allowed.sort();
        QHttpServerResponse response = ApiResponse::error(
            Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
            tr("%1 does not take %2; it takes %3.")
                .arg(copy.path, methodName(copy.method), allowed.join(QStringLiteral(", "))));
        response.setHeader(QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1());
        finish(copy, int(response.statusCode()), timer, 0);
        response.write(std::move(responder));
        return;
    }
    // The answer is written on this thread once the handler is done, and only while the socket lives: a
    // client that hung up meanwhile gets nothing (Qt 6.4's QFuture handlers would write to a deleted socket).
    QPointer<QTcpSocket> socket = m_tcp ? m_tcp->currentSocket() : nullptr;
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    m_pool.start([this, socket, pending, handler = *handler, copy = std::move(copy), timer]() mutable {
        Reply reply = handler(copy);
        copy.body.fill('\0'); // it may hold a password
        if (reply.stream) {
            auto streamed = std::make_shared<Reply>(std::move(reply));
            QMetaObject::invokeMethod(
                this,
                [this, socket, pending, streamed, copy, timer] {
                    startStream(socket, pending, streamed, copy, timer);
                },
                Qt::QueuedConnection);
            return;
        }
        finish(copy, int(reply.response.statusCode()), timer, reply.userId);
        auto response = std::make_shared<QHttpServerResponse>(std::move(reply.response));
        QMetaObject::invokeMethod(
            this,
            [socket, pending, response] {
                if (socket && socket->state() == QAbstractSocket::ConnectedState)
                    response->write(std::move(*pending));
            },
            Qt::QueuedConnection);
    });
}

void ApiServer::startStream(const QPointer<QTcpSocket> &socket,
                            const std::shared_ptr<QHttpServerResponder> &responder,
                            const std::shared_ptr<Reply> &reply, const Request &request,
                            const QElapsedTimer &timer)
{
    const int status = int(reply->response.statusCode());
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        finish(request, status, timer, reply->userId); // the client left before the first byte
        return;
    }
    if (m_closing || m_streams.size() >= std::max(1, m_options.maxDownloads)) {
        QHttpServerResponse busy = ApiResponse::error(
            Status::ServiceUnavailable, QStringLiteral("busy"),
            m_closing ? tr("The server is stopping.")
                      : tr("The server is sending as many downloads as it may at once; try again shortly."));
        busy.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
        finish(request, int(busy.statusCode()), timer, reply->userId);
        busy.write(std::move(*responder));
        return;
    }
    auto body = std::make_shared<ResponseBody>();
    auto *stream = new StreamedResponse(socket, responder, body, this);
    m_streams.append(stream);
    if (m_tcp)
        m_tcp->setStreaming(socket, true);
    const qint64 userId = reply->userId;
    connect(stream, &StreamedResponse::finished, this,
            [this, stream, socket, request, timer, status, userId](bool complete) {
                m_streams.removeOne(stream);
                m_streamPeak = std::max(m_streamPeak, stream->peakBuffered());
                if (m_tcp && socket)
                    m_tcp->setStreaming(socket, false);
                if (!complete)
                    qCInfo(lcApi).noquote() << methodName(request.method) << request.path << "ended after"
                                            << stream->bytesSent() << "bytes, incomplete";
                finish(request, status, timer, userId);
                stream->deleteLater();
            });
    QList<std::pair<QByteArray, QByteArray>> headers{
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
        {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}};
    headers += reply->stream->headers;
    stream->start(QHttpServerResponder::StatusCode(status), headers);
    if (stream->isFinished())
        return;
    ++m_producing;
    m_downloads.start([this, body, produce = reply->stream->produce] {
        const Result<void> produced = produce(*body);
        body->close(produced ? std::nullopt : std::optional<Error>(produced.error()));
        --m_producing;
    });
}

Result<UserRecord> ApiServer::authenticate(const Request &request)
{
    static const QByteArray kScheme = QByteArrayLiteral("bearer ");
    if (request.authorization.size() <= kScheme.size() ||
        request.authorization.left(kScheme.size()).toLower() != kScheme)
        return makeError(ErrorCode::Unauthenticated,
                         tr("Sign in first: send the token of POST %1/auth/login as "
                            "\"Authorization: Bearer TOKEN\".")
                             .arg(kPrefix));
    return m_auth.authenticate(QString::fromLatin1(request.authorization.mid(kScheme.size()).trimmed()));
}

} // namespace fabrica
