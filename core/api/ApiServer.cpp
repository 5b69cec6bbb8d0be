#include "ApiServer.h"

#include "ApiResponse.h"
#include "auth/AuthService.h"
#include "common/Logging.h"
#include "generate/RowWindow.h"
#include "storage/Repository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QThread>

#include <openssl/crypto.h>

#include <memory>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

const QString kPrefix = QStringLiteral("/api/v1");
constexpr int kDefaultPageSize = 50;
constexpr int kLargestPage = 500;
constexpr int kDefaultPreviewRows = 100;
constexpr int kLargestPreview = 1000;

// Wipes a password once it is no longer needed.
struct Secret
{
    QByteArray bytes;
    ~Secret() { OPENSSL_cleanse(bytes.data(), std::size_t(bytes.size())); }
};

QString methodName(Method method)
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

void logRequest(Method method, const QString &path, const QHttpServerResponse &response, qint64 ms,
                qint64 userId)
{
    // Never the query (a future route might carry a secret there), the body or any header.
    qCInfo(lcApi).noquote() << methodName(method) << path << int(response.statusCode()) << ms << "ms"
                            << "user" << userId;
}

QJsonObject userJson(const UserRecord &user)
{
    return QJsonObject{{QStringLiteral("id"), user.id},
                       {QStringLiteral("username"), user.username},
                       {QStringLiteral("email"), user.email},
                       {QStringLiteral("role"), roleId(user.role)},
                       {QStringLiteral("created"), user.created.toString(Qt::ISODate)}};
}

QJsonObject schemaJson(const SchemaRecord &schema)
{
    return QJsonObject{{QStringLiteral("id"), schema.id},
                       {QStringLiteral("name"), schema.name},
                       {QStringLiteral("description"), schema.description},
                       {QStringLiteral("ownerId"), schema.userId},
                       {QStringLiteral("owner"), schema.owner},
                       {QStringLiteral("created"), schema.created.toString(Qt::ISODate)},
                       {QStringLiteral("tables"), schema.tables}};
}

// The expiry of a token just issued by the TokenService, read from its own payload.
QDateTime tokenExpiry(const QString &token)
{
    const QList<QString> parts = token.split(QLatin1Char('.'));
    const QByteArray payload = QByteArray::fromBase64(
        parts.value(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const qint64 exp = QJsonDocument::fromJson(payload).object().value(QStringLiteral("exp")).toInteger();
    return QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
}

// A non-negative integer query parameter, its default when absent.
Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 largest)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < 0 || value > largest)
        return makeError(ErrorCode::InvalidInput,
                         ApiServer::tr("The query parameter \"%1\" must be a whole number from 0 to %2.")
                             .arg(name)
                             .arg(largest),
                         SourceLocation{{}, 0, 0, name});
    return value;
}

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
    , m_http(new QHttpServer(this))
{
    m_pool.setMaxThreadCount(m_options.workerThreads > 0 ? m_options.workerThreads
                                                         : std::max(4, QThread::idealThreadCount()));
    addRoutes();
    m_http->setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        QElapsedTimer timer;
        timer.start();
        QHttpServerResponse response =
            ApiResponse::error(Status::NotFound, ApiResponse::codeId(ErrorCode::NotFound),
                               tr("There is no such resource: %1. The API's routes start with %2.")
                                   .arg(request.url().path(), kPrefix));
        logRequest(request.method(), request.url().path(), response, timer.elapsed(), 0);
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

Result<quint16> ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcp)
        return makeError(ErrorCode::Conflict, tr("The API server is listening already."));
    auto *tcp = new GuardedTcpServer(m_options.limits, this);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return makeError(ErrorCode::Io,
                         tr("Cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why));
    }
    m_http->bind(tcp); // takes it as a child
    m_tcp = tcp;
    return tcp->serverPort();
}

quint16 ApiServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void ApiServer::close()
{
    if (m_tcp)
        m_tcp->close();
    m_pool.waitForDone();
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

void ApiServer::addRoutes()
{
    addRoute(QStringLiteral("/health"), Method::Get, &ApiServer::health);
    addRoute(QStringLiteral("/auth/login"), Method::Post, &ApiServer::login);
    addRoute(QStringLiteral("/auth/logout"), Method::Post, &ApiServer::logout);
    addRoute(QStringLiteral("/me"), Method::Get, &ApiServer::me);
    addRoute(QStringLiteral("/me/password"), Method::Put, &ApiServer::changePassword);
    addRoute(QStringLiteral("/types"), Method::Get, &ApiServer::types);
    addRoute(QStringLiteral("/schemas"), Method::Get, &ApiServer::schemas);
    addRoute(QStringLiteral("/schemas/<arg>/preview"), Method::Get, &ApiServer::preview);
}

void ApiServer::dispatch(const Route &route, const QHttpServerRequest &request, qint64 id,
                         QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    Request copy;
    copy.method = request.method();
    copy.path = request.url().path();
    copy.query = request.query();
    copy.authorization = request.value(QByteArrayLiteral("authorization"));
    copy.contentType = request.value(QByteArrayLiteral("content-type"));
    copy.body = request.body();
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
        logRequest(copy.method, copy.path, response, timer.elapsed(), 0);
        response.write(std::move(responder));
        return;
    }
    // The answer is written on this thread once the handler is done, and only while the socket lives: a
    // client that hung up meanwhile gets nothing (Qt 6.4's QFuture handlers would write to a deleted socket).
    QPointer<QTcpSocket> socket = m_tcp ? m_tcp->currentSocket() : nullptr;
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    m_pool.start([this, socket, pending, handler = *handler, copy = std::move(copy), timer]() mutable {
        Reply reply = handler(*this, copy);
        copy.body.fill('\0'); // it may hold a password
        logRequest(copy.method, copy.path, reply.response, timer.elapsed(), reply.userId);
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

Result<QJsonObject> ApiServer::jsonBody(const Request &request)
{
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parsed);
    if (parsed.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::InvalidInput,
                         tr("The request body must be a JSON object (%1).")
                             .arg(parsed.error != QJsonParseError::NoError ? parsed.errorString()
                                                                           : tr("found another JSON value")));
    return document.object();
}

ApiServer::Reply ApiServer::health(const Request &)
{
    Result<int> version = m_repository.version();
    if (!version)
        return {ApiResponse::error(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                                   tr("The storage cannot be reached.")),
                0};
    return {ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                          {QStringLiteral("storageVersion"), version.value()}}),
            0};
}

ApiServer::Reply ApiServer::login(const Request &request)
{
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), 0};
    QString name = body->value(QStringLiteral("username")).toString().trimmed();
    Secret password{body->value(QStringLiteral("password")).toString().toUtf8()};
    if (name.isEmpty() || password.bytes.isEmpty())
        return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                             tr("Send \"username\" (a user name or an e-mail address) and "
                                                "\"password\"."))),
                0};
    if (name.contains(QLatin1Char('@'))) {
        // An e-mail address: the sign-in goes by the name of its user (an unknown address fails as an
        // unknown name does, with the same message and the same hashing time).
        Result<QList<UserRecord>> users = m_repository.users(Actor::systemActor());
        if (!users)
            return {ApiResponse::error(users.error()), 0};
        for (const UserRecord &user : users.value()) {
            if (user.email.compare(name, Qt::CaseInsensitive) == 0) {
                name = user.username;
                break;
            }
        }
    }
    Result<AuthService::Session> session = m_auth.signIn(name, password.bytes);
    if (!session)
        return {ApiResponse::error(session.error()), 0};
    return {ApiResponse::json(
                QJsonObject{{QStringLiteral("token"), session->token},
                            {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                            {QStringLiteral("expires"), tokenExpiry(session->token).toString(Qt::ISODate)},
                            {QStringLiteral("user"), userJson(session->user)}}),
            session->user.id};
}

ApiServer::Reply ApiServer::logout(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    if (Result<void> done = m_auth.signOut(Actor::of(user.value())); !done)
        return {ApiResponse::error(done.error()), user->id};
    return {ApiResponse::empty(), user->id};
}

ApiServer::Reply ApiServer::me(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    return {ApiResponse::json(userJson(user.value())), user->id};
}

ApiServer::Reply ApiServer::changePassword(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user->id};
    Secret current{body->value(QStringLiteral("currentPassword")).toString().toUtf8()};
    Secret next{body->value(QStringLiteral("newPassword")).toString().toUtf8()};
    if (current.bytes.isEmpty() || next.bytes.isEmpty())
        return {ApiResponse::error(
                    makeError(ErrorCode::InvalidInput, tr("Send \"currentPassword\" and \"newPassword\"."))),
                user->id};
    Result<void> changed = m_auth.changeOwnPassword(Actor::of(user.value()), current.bytes, next.bytes);
    if (!changed) {
        // A wrong current password is not a bad token: 403, so a client does not sign the user out.
        if (changed.error().code == ErrorCode::Unauthenticated)
            return {ApiResponse::error(Status::Forbidden, QStringLiteral("wrong_password"),
                                       changed.error().message),
                    user->id};
        return {ApiResponse::error(changed.error()), user->id};
    }
    return {ApiResponse::empty(), user->id};
}

ApiServer::Reply ApiServer::types(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    // The registry's own file, which TypeRegistry::instance() is built from.
    static const QJsonObject registry = [] {
        QFile file(QStringLiteral(":/fabrica/types.json"));
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll()).object();
    }();
    return {ApiResponse::json(registry), user->id};
}

ApiServer::Reply ApiServer::schemas(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    Result<qint64> limit =
        queryNumber(request.query, QStringLiteral("limit"), kDefaultPageSize, kLargestPage);
    Result<qint64> offset =
        queryNumber(request.query, QStringLiteral("offset"), 0, std::numeric_limits<int>::max());
    if (!limit || !offset)
        return {ApiResponse::error(!limit ? limit.error() : offset.error()), user->id};
    Result<QList<SchemaRecord>> all = m_repository.schemas(Actor::of(user.value()));
    if (!all)
        return {ApiResponse::error(all.error()), user->id};
    QJsonArray items;
    for (qsizetype i = offset.value(); i < all->size() && i < offset.value() + limit.value(); ++i)
        items.append(schemaJson(all->at(i)));
    return {ApiResponse::json(QJsonObject{{QStringLiteral("items"), items},
                                          {QStringLiteral("total"), all->size()},
                                          {QStringLiteral("limit"), limit.value()},
                                          {QStringLiteral("offset"), offset.value()}}),
            user->id};
}

ApiServer::Reply ApiServer::preview(const Request &request)
{
    Result<UserRecord> user = authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    Result<Schema> schema = m_repository.loadSchema(Actor::of(user.value()), request.id);
    if (!schema)
        return {ApiResponse::error(schema.error()), user->id};
    Result<qint64> offset =
        queryNumber(request.query, QStringLiteral("offset"), 0, std::numeric_limits<qint64>::max() / 2);
    Result<qint64> limit =
        queryNumber(request.query, QStringLiteral("limit"), kDefaultPreviewRows, kLargestPreview);
    if (!offset || !limit)
        return {ApiResponse::error(!offset ? offset.error() : limit.error()), user->id};
    Plan::Options options;
    if (request.query.hasQueryItem(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = request.query.queryItemValue(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                                 tr("The query parameter \"seed\" must be a whole number "
                                                    "from 0 to 18446744073709551615."),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("seed")})),
                    user->id};
    }
    if (schema->tables.isEmpty())
        return {ApiResponse::error(makeError(ErrorCode::Validation, tr("The schema has no table."))),
                user->id};
    const QString table = request.query.hasQueryItem(QStringLiteral("table"))
                              ? request.query.queryItemValue(QStringLiteral("table"), QUrl::FullyDecoded)
                              : schema->tables.first().name;
    bool known = false;
    for (const Table &candidate : std::as_const(schema->tables))
        known = known || candidate.name == table;
    if (!known)
        return {ApiResponse::error(makeError(ErrorCode::NotFound,
                                             tr("The schema has no table \"%1\".").arg(table),
                                             SourceLocation{{}, 0, 0, QStringLiteral("table")})),
                user->id};
    Result<std::shared_ptr<const RowWindow>> window = RowWindow::open(schema.value(), table, options);
    if (!window)
        return {ApiResponse::error(window.error()), user->id};
    Result<QList<RowWindow::Row>> rows = (*window)->rows(offset.value(), int(limit.value()));
    if (!rows)
        return {ApiResponse::error(rows.error()), user->id};
    QJsonArray columns;
    for (const RowWindow::Column &column : (*window)->columns())
        columns.append(
            QJsonObject{{QStringLiteral("name"), column.name}, {QStringLiteral("type"), column.type}});
    QJsonArray values;
    for (const RowWindow::Row &row : rows.value()) {
        QJsonArray cells;
        for (const RowWindow::Cell &cell : row)
            cells.append(cell ? QJsonValue(*cell) : QJsonValue());
        values.append(cells);
    }
    return {ApiResponse::json(QJsonObject{{QStringLiteral("table"), table},
                                          {QStringLiteral("seed"), QString::number((*window)->seed())},
                                          {QStringLiteral("rowCount"), (*window)->rowCount()},
                                          {QStringLiteral("offset"), offset.value()},
                                          {QStringLiteral("columns"), columns},
                                          {QStringLiteral("rows"), values}}),
            user->id};
}

} // namespace fabrica
