#pragma once

#include "GuardedTcpServer.h"
#include "common/Result.h"
#include "storage/StoredRecords.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QUrlQuery>

#include <functional>

class QHttpServer;

namespace fabrica {

class AuthService;
class Repository;

// The REST API under /api/v1 on Qt's embedded QHttpServer (ARCHITECTURE.md, api/): parses a request,
// calls a core service, serialises the answer; no logic of its own beyond HTTP. Every handler runs on the
// server's own thread pool (answers are written back on the server's thread), so password hashing, storage
// and generation never stall the thread that owns the sockets (nor the GUI's). The repository and the
// AuthService must outlive the server.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        GuardedTcpServer::Limits limits;
        int workerThreads = 0; // 0 = one per core, at least 4
    };

    ApiServer(Repository &repository, AuthService &auth, Options options, QObject *parent = nullptr);
    ApiServer(Repository &repository, AuthService &auth, QObject *parent = nullptr);
    ~ApiServer() override;

    // Listens on address:port (0 = a free port) and returns the port.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    // Stops accepting connections and waits for the running handlers.
    void close();

    // What a handler sees of a request: copied off the socket thread's request object.
    struct Request
    {
        QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
        QString path;
        QUrlQuery query;
        QByteArray authorization;
        QByteArray contentType;
        QByteArray body;
        qint64 id = 0; // the {id} of the path, where it has one
    };
    // What a handler returns; userId (0 = nobody signed in) goes into the request log.
    struct Reply
    {
        QHttpServerResponse response;
        qint64 userId = 0;
    };
    using Handler = std::function<Reply(ApiServer &server, const Request &request)>;

private:
    struct Route;

    void addRoutes();
    void addRoute(const QString &path, QHttpServerRequest::Method method, Handler handler);
    void dispatch(const Route &route, const QHttpServerRequest &request, qint64 id,
                  QHttpServerResponder &&responder);

    // The signed-in user of the request's bearer token.
    Result<UserRecord> authenticate(const Request &request);
    static Result<QJsonObject> jsonBody(const Request &request);

    Reply health(const Request &request);
    Reply login(const Request &request);
    Reply logout(const Request &request);
    Reply me(const Request &request);
    Reply changePassword(const Request &request);
    Reply types(const Request &request);
    Reply schemas(const Request &request);
    Reply preview(const Request &request);

    Repository &m_repository;
    AuthService &m_auth;
    Options m_options;
    QHttpServer *m_http = nullptr;
    QPointer<GuardedTcpServer> m_tcp;
    QThreadPool m_pool;
    QList<Route *> m_routes;
};

} // namespace fabrica
