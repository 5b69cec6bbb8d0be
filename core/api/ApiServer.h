#pragma once

#include "GuardedTcpServer.h"
#include "SignInThrottle.h"
#include "common/Result.h"
#include "import/ImportLimits.h"
#include "storage/StoredRecords.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QThreadPool>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <vector>

class QHttpServer;

namespace fabrica {

class ApiMetrics;
class ApiRoutes;
class AuthService;
class JobService;
class Repository;

// The REST API under /api/v1 on Qt's embedded QHttpServer (ARCHITECTURE.md, api/): it owns the sockets,
// routing, the request log and the metrics; the routes themselves live in one ApiRoutes class per resource
// (SessionRoutes, SchemaRoutes, …), each calling a core service. Every handler runs on the server's own
// thread pool (answers are written back on the server's thread), so password hashing, storage and
// generation never stall the thread that owns the sockets (nor the GUI's). The repository, the AuthService
// and the JobService must outlive the server.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        GuardedTcpServer::Limits limits;
        int workerThreads = 0;         // 0 = one per core, at least 4
        JobService *jobs = nullptr;    // runs queued generation jobs; without it runs cannot be started
        bool metricsNeedToken = false; // GET /metrics without a token (a scraper on the same host)
        // What POST /imports may read; its uploadBytes also sets the socket guard's upload body limit
        // (limits.framing.uploadBodyBytes is replaced by it).
        ImportLimits importLimits;
        SignInThrottle::Limits signIn; // failed sign-ins per account and per address before 429
        std::optional<QSslConfiguration> tls; // HTTPS on every connection (ApiTls::serverConfiguration)
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
        QString path;  // as sent, e.g. /api/v1/schemas/7
        QString route; // as registered, e.g. /schemas/<arg>
        QUrlQuery query;
        QByteArray authorization;
        QByteArray contentType;
        QByteArray ifMatch;
        QByteArray body;
        QHostAddress peer;
        qint64 id = 0; // the {id} of the path, where it has one
    };
    // What a handler returns; userId (0 = nobody signed in) goes into the request log.
    struct Reply
    {
        QHttpServerResponse response;
        qint64 userId = 0;
    };
    using Handler = std::function<Reply(const Request &request)>;

    // Registers a handler for path (below /api/v1, "<arg>" for a numeric id) and method; another method on
    // a known path gets 405 with Allow.
    void addRoute(const QString &path, QHttpServerRequest::Method method, Handler handler);
    // Every registered path with its methods, e.g. {"/schemas/<arg>": {"DELETE", "GET", "PUT"}}.
    QMap<QString, QStringList> routes() const;

    Repository &repository() { return m_repository; }
    AuthService &auth() { return m_auth; }
    const Options &options() const { return m_options; }
    ApiMetrics &metrics() { return *m_metrics; }
    SignInThrottle &signInThrottle() { return m_signInThrottle; }

    // The signed-in user of the request's bearer token.
    Result<UserRecord> authenticate(const Request &request);

    static QString prefix();
    static QString methodName(QHttpServerRequest::Method method);

private:
    struct Route;

    void dispatch(const Route &route, const QHttpServerRequest &request, qint64 id,
                  QHttpServerResponder &&responder);
    void finish(const Request &request, const QHttpServerResponse &response, const QElapsedTimer &timer,
                qint64 userId);

    Repository &m_repository;
    AuthService &m_auth;
    Options m_options;
    std::unique_ptr<ApiMetrics> m_metrics;
    SignInThrottle m_signInThrottle;
    QHttpServer *m_http = nullptr;
    QPointer<GuardedTcpServer> m_tcp;
    QThreadPool m_pool;
    QList<Route *> m_routes;
    std::vector<std::unique_ptr<ApiRoutes>> m_groups;
};

} // namespace fabrica
