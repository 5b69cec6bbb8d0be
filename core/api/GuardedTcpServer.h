#pragma once

#include "HttpFraming.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

#include <chrono>
#include <optional>

class QTcpSocket;

namespace fabrica {

// The listening socket handed to QHttpServer::bind(): it watches every connection's bytes before
// QHttpServer reads them (its readyRead slot is connected first) and answers 431, 413, 400 or 408 itself,
// closes idle and slow connections, and caps connections per address and in total. Qt 6.4's QHttpServer
// has none of these limits. With a TLS configuration each connection is a QSslSocket in server mode:
// QHttpServer 6.4 reads and writes it as any QTcpSocket (readAll()/write() see the plain text), and the
// guard sees the decrypted bytes too; a handshake that never completes is closed by the idle timer.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Limits
    {
        HttpFraming::Limits framing;
        std::chrono::milliseconds idleTimeout{30000}; // no complete request within it: closed
        int maxConnections = 512;
        int maxConnectionsPerAddress = 64;
    };

    explicit GuardedTcpServer(Limits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    const Limits &limits() const { return m_limits; }
    // TLS on every connection accepted from now on.
    void setSslConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isEncrypted() const { return m_tls.has_value(); }
    int connectionCount() const { return int(m_connections.size()); }
    // The socket whose bytes QHttpServer is reading right now (its request handlers run inside that read),
    // or nullptr.
    QTcpSocket *currentSocket() const { return m_current; }
    // While a socket streams a response (a download), it is closed only when the client takes nothing for
    // a whole idle timeout, however long the download lasts.
    void setStreaming(QTcpSocket *socket, bool streaming);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;

    void inspect(QTcpSocket *socket);
    void afterServerRead(QTcpSocket *socket);
    void responseWritten(QTcpSocket *socket);
    void timedOut(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, int status, const QByteArray &reason, const QString &code,
                const QString &message);
    void forget(QTcpSocket *socket);

    Limits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QHash<QTcpSocket *, Connection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;
    QTcpSocket *m_current = nullptr;
};

} // namespace fabrica
