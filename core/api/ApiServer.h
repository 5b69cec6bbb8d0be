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

#include <atomic>
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
class ResponseBody;
class StreamedResponse;

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
        SignInThrottle::Limits signIn;        // failed sign-ins per account and per address before 429
        std::optional<QSslConfiguration> tls; // HTTPS on every connection (ApiTls::serverConfiguration)
        int maxDownloads = 8;                 // streamed responses at once (one thread each); more get 503
        // Proxies whose X-Forwarded-For names the client (ForwardedFor): the sign-in limits per address then
        // count the client's address, not the proxy's. Empty: the header is ignored.
        QList<QPair<QHostAddress, int>> trustedProxies;
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
        QHostAddress
            peer;      // the client: the connection's address, or X-Forwarded-For's behind a trusted proxy
        qint64 id = 0; // the {id} of the path, where it has one
    };
    // A body made while it is sent (a download too large to hold): the server sends the reply's status
    // and these headers with Transfer-Encoding: chunked, runs produce on a download thread and sends what
    // it writes as fast as the client reads; ResponseBody::write() waits while its bounded buffer is full.
    // An error from produce cuts the response off.
    struct Stream
    {
        QList<std::pair<QByteArray, QByteArray>> headers; // Content-Type, Content-Disposition, …
        std::function<Result<void>(ResponseBody &body)> produce;
    };
    // What a handler returns; userId (0 = nobody signed in) goes into the request log. With a stream,
    // response gives only the status.
    struct Reply
    {
        Reply(QHttpServerResponse response, qint64 userId = 0, std::shared_ptr<Stream> stream = {})
            : response(std::move(response))
            , userId(userId)
            , stream(std::move(stream))
        {}

        QHttpServerResponse response;
        qint64 userId = 0;
        std::shared_ptr<Stream> stream;
    };
    using Handler = std::function<Reply(const Request &request)>;
    using SignedInHandler = std::function<Reply(const Request &request, const UserRecord &user)>;

    // Registers a handler for path (below /api/v1, "<arg>" for a numeric id) and method; another method on
    // a known path gets 405 with Allow.
    void addRoute(const QString &path, QHttpServerRequest::Method method, Handler handler);
    // A route for signed-in users: a request without a valid bearer token gets 401 before the handler runs.
    void addSignedInRoute(const QString &path, QHttpServerRequest::Method method, SignedInHandler handler);
    // Every registered path with its methods, e.g. {"/schemas/<arg>": {"DELETE", "GET", "PUT"}}.
    QMap<QString, QStringList> routes() const;

    Repository &repository() { return m_repository; }
    AuthService &auth() { return m_auth; }
    const Options &options() const { return m_options; }
    ApiMetrics &metrics() { return *m_metrics; }
    SignInThrottle &signInThrottle() { return m_signInThrottle; }

    // The signed-in user of the request's bearer token.
    Result<UserRecord> authenticate(const Request &request);

    // Streamed responses being sent, and the most bytes one of them held at once (its body's buffer plus
    // its socket's), since the start or resetStreamPeak(). On the server's thread.
    struct StreamFigures
    {
        int active = 0;    // being sent
        int producing = 0; // their producers still at work (a download thread each)
        qint64 peakBuffered = 0;
    };
    StreamFigures streamFigures() const;
    void resetStreamPeak();

    static QString prefix();
    static QString methodName(QHttpServerRequest::Method method);

private:
    struct Route;

    void dispatch(const Route &route, const QHttpServerRequest &request, qint64 id,
                  QHttpServerResponder &&responder);
    void startStream(const QPointer<QTcpSocket> &socket,
                     const std::shared_ptr<QHttpServerResponder> &responder,
                     const std::shared_ptr<Reply> &reply, const Request &request, const QElapsedTimer &timer);
    void finish(const Request &request, int status, const QElapsedTimer &timer, qint64 userId);

    Repository &m_repository;
    AuthService &m_auth;
    Options m_options;
    std::unique_ptr<ApiMetrics> m_metrics;
    SignInThrottle m_signInThrottle;
    QHttpServer *m_http = nullptr;
    QPointer<GuardedTcpServer> m_tcp;
    QThreadPool m_pool;
    QThreadPool m_downloads; // the producers of streamed responses
    QList<StreamedResponse *> m_streams;
    qint64 m_streamPeak = 0;
    std::atomic<int> m_producing{0};
    bool m_closing = false;
    QList<Route *> m_routes;
    std::vector<std::unique_ptr<ApiRoutes>> m_groups;
};

} // namespace fabrica
