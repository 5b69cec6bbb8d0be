#include "GuardedTcpServer.h"

#include "ApiResponse.h"
#include "common/Logging.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace fabrica {

namespace {

// A slow body keeps its connection only while it makes progress of at least this many bytes per timeout.
constexpr qint64 kBodyProgressBytes = 1024;

} // namespace

struct GuardedTcpServer::Connection
{
    explicit Connection(const HttpFraming::Limits &limits)
        : framing(limits)
    {}

    HttpFraming framing;
    QHostAddress address;
    QTimer *timer = nullptr; // child of the socket
    qint64 unreadSeen = 0;   // bytes inspected that QHttpServer has not read yet
    int answered = 0;        // responses written completely
    qint64 bodyAtTimer = 0;
    bool refused = false;
    bool streaming = false; // a download is being sent
};

GuardedTcpServer::GuardedTcpServer(Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(std::move(limits))
{}

GuardedTcpServer::~GuardedTcpServer()
{
    qDeleteAll(m_connections);
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->setSslConfiguration(*m_tls);
        // A failed handshake (plain HTTP on the TLS port, a client refusing the certificate) ends it.
        connect(tls, &QAbstractSocket::errorOccurred, tls, [tls] {
            if (!tls->isEncrypted())
                QMetaObject::invokeMethod(tls, &QAbstractSocket::abort, Qt::QueuedConnection);
        });
        tls->startServerEncryption();
    }
    const QHostAddress address = socket->peerAddress();
    const bool full = int(m_connections.size()) >= m_limits.maxConnections;
    if (full || m_perAddress.value(address) >= m_limits.maxConnectionsPerAddress) {
        qCWarning(lcApi).noquote() << "connection refused:" << (full ? "server" : "address")
                                   << "at its connection limit";
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never reads (or never completes the TLS handshake) does not keep it.
        QTimer::singleShot(m_limits.idleTimeout, socket, &QAbstractSocket::abort);
        const QByteArray answer =
            ApiResponse::rawError(full ? 503 : 429, full ? "Service Unavailable" : "Too Many Requests",
                                  QStringLiteral("too_many_connections"),
                                  tr("Too many open connections; close some and try again."));
        auto answerAndClose = [socket, answer] {
            socket->write(answer);
            socket->disconnectFromHost();
        };
        // Over TLS only once the handshake is done (a close asked for during it would keep the answer back).
        if (auto *tls = qobject_cast<QSslSocket *>(socket))
            connect(tls, &QSslSocket::encrypted, tls, answerAndClose);
        else
            answerAndClose();
        return;
    }

    auto *connection = new Connection(m_limits.framing);
    connection->address = address;
    connection->timer = new QTimer(socket);
    connection->timer->setSingleShot(true);
    connection->timer->start(m_limits.idleTimeout);
    m_connections.insert(socket, connection);
    ++m_perAddress[address];

    connect(connection->timer, &QTimer::timeout, this, [this, socket] { timedOut(socket); });
    // Connected before QHttpServer's own slot (made when it takes the socket below), so it runs first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { responseWritten(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
    addPendingConnection(socket); // QHttpServer takes it at once (pendingConnectionAvailable)
    // Connected after QHttpServer's slot: what it left unread is known to the guard already.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { afterServerRead(socket); });
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
    m_current = socket;
    Connection *connection = m_connections.value(socket);
    if (!connection || connection->refused)
        return;
    const qint64 available = socket->bytesAvailable();
    if (available <= connection->unreadSeen)
        return;
    const QByteArray fresh = socket->peek(available).mid(connection->unreadSeen);
    connection->unreadSeen = available;
    const int before = connection->framing.completedRequests();
    if (std::optional<HttpFraming::Rejection> rejection = connection->framing.feed(fresh)) {
        refuse(socket, rejection->status, rejection->reason, rejection->code, rejection->message);
        return;
    }
    if (connection->framing.completedRequests() != before) {
        // A whole request is in: the handler's time is not the client's, wait for the response.
        connection->timer->stop();
    } else if (connection->framing.bodyBytes() - connection->bodyAtTimer >= kBodyProgressBytes) {
        connection->bodyAtTimer = connection->framing.bodyBytes();
        connection->timer->start(m_limits.idleTimeout);
    }
}

void GuardedTcpServer::afterServerRead(QTcpSocket *socket)
{
    m_current = nullptr;
    if (Connection *connection = m_connections.value(socket))
        connection->unreadSeen = socket->bytesAvailable();
}

void GuardedTcpServer::setStreaming(QTcpSocket *socket, bool streaming)
{
    Connection *connection = m_connections.value(socket);
    if (!connection || connection->refused)
        return;
    connection->streaming = streaming;
    connection->timer->start(m_limits.idleTimeout);
}

void GuardedTcpServer::responseWritten(QTcpSocket *socket)
{
    Connection *connection = m_connections.value(socket);
    if (!connection || connection->refused)
        return;
    if (connection->streaming) {
        connection->timer->start(m_limits.idleTimeout); // the client is taking the download
        return;
    }
    if (socket->bytesToWrite() > 0)
        return;
    connection->answered = connection->framing.completedRequests();
    if (!connection->framing.inRequest()) {
        connection->bodyAtTimer = 0;
        connection->timer->start(m_limits.idleTimeout);
    }
}

void GuardedTcpServer::timedOut(QTcpSocket *socket)
{
    Connection *connection = m_connections.value(socket);
    if (!connection || connection->refused)
        return;
    if (connection->streaming) {
        // Nothing waiting to go out: the download's producer is slow, not the client.
        if (socket->bytesToWrite() == 0) {
            connection->timer->start(m_limits.idleTimeout);
            return;
        }
        qCInfo(lcApi).noquote() << "download cut off: the client took nothing for"
                                << m_limits.idleTimeout.count() << "ms";
        connection->refused = true;
        socket->abort();
        return;
    }
    if (connection->answered < connection->framing.completedRequests())
        return; // a handler is still working on it; closing now would drop its answer
    if (connection->framing.inRequest()) {
        refuse(socket, 408, "Request Timeout", QStringLiteral("timeout"),
               tr("The request did not arrive completely within %1 seconds.")
                   .arg(double(m_limits.idleTimeout.count()) / 1000.0));
        return;
    }
    connection->refused = true;
    const auto *tls = qobject_cast<QSslSocket *>(socket);
    if (tls && !tls->isEncrypted())
        socket->abort(); // a handshake that never completed: nothing to say, and no close_notify to wait for
    else
        socket->disconnectFromHost();
}

void GuardedTcpServer::refuse(QTcpSocket *socket, int status, const QByteArray &reason, const QString &code,
                              const QString &message)
{
    Connection *connection = m_connections.value(socket);
    if (connection) {
        connection->refused = true;
        connection->timer->stop();
    }
    qCInfo(lcApi).noquote() << "request refused by the socket guard:" << status << code;
    // QHttpServer must not read what is refused: its readyRead slot (later in this same emission) is cut off.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    m_current = nullptr;
    socket->readAll();
    socket->write(ApiResponse::rawError(status, reason, code, message));
    socket->disconnectFromHost();
}

void GuardedTcpServer::forget(QTcpSocket *socket)
{
    if (m_current == socket)
        m_current = nullptr;
    Connection *connection = m_connections.take(socket);
    if (!connection)
        return;
    auto count = m_perAddress.find(connection->address);
    if (count != m_perAddress.end() && --*count <= 0)
        m_perAddress.erase(count);
    delete connection;
}

} // namespace fabrica
