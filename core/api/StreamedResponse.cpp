#include "StreamedResponse.h"

#include "common/Logging.h"

#include <QTcpSocket>

namespace fabrica {

StreamedResponse::StreamedResponse(QTcpSocket *socket, std::shared_ptr<QHttpServerResponder> responder,
                                   std::shared_ptr<ResponseBody> body, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_responder(std::move(responder))
    , m_body(std::move(body))
{}

StreamedResponse::~StreamedResponse()
{
    m_body->setNotify({}); // no more posts to this object from the producer
    if (!m_finished)
        m_body->cancel();
}

void StreamedResponse::start(QHttpServerResponder::StatusCode status,
                             const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return end(false);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &StreamedResponse::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { end(false); });
    connect(m_socket, &QObject::destroyed, this, [this] { end(false); });
    m_responder->writeStatusLine(status);
    for (const auto &[name, value] : headers)
        m_responder->writeHeader(name, value);
    m_responder->writeHeader(QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked"));
    m_responder->writeBody(QByteArray()); // ends the head
    // The producer posts a pump when bytes arrive in an empty body (or it closes): otherwise the socket's
    // bytesWritten drives the pump.
    m_body->setNotify(
        [this] { QMetaObject::invokeMethod(this, &StreamedResponse::pump, Qt::QueuedConnection); });
    pump();
}

void StreamedResponse::abort()
{
    if (m_finished)
        return;
    m_body->cancel();
    if (m_socket)
        m_socket->abort();
    end(false);
}

void StreamedResponse::pump()
{
    if (m_finished)
        return;
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return end(false);
    // Only while the socket holds little: the rest waits in the bounded body, which holds back the producer.
    while (m_socket->bytesToWrite() < kSocketHighWater) {
        const QByteArray piece = m_body->read();
        if (piece.isEmpty())
            break;
        m_responder->writeBody(QByteArray::number(piece.size(), 16) + "\r\n");
        // The piece itself straight to the socket, as a QByteArray: Qt's socket then keeps it as a chunk of
        // its buffer instead of copying it (the responder takes only char pointers).
        m_socket->write(piece);
        m_responder->writeBody("\r\n", 2);
        m_sent += piece.size();
        m_peakSocket = std::max(m_peakSocket, m_socket->bytesToWrite());
    }
    if (!m_body->atEnd())
        return;
    if (const std::optional<Error> failure = m_body->failure()) {
        // The head said 200 already; cutting the connection is the only way left to say it went wrong.
        qCWarning(lcApi).noquote() << "streamed response cut off after" << m_sent
                                   << "bytes:" << failure->toString();
        m_socket->abort();
        return end(false);
    }
    m_responder->writeBody(QByteArrayLiteral("0\r\n\r\n"));
    end(true);
}

qint64 StreamedResponse::peakBuffered() const
{
    return m_peakSocket + m_body->peakBuffered();
}

void StreamedResponse::end(bool complete)
{
    if (m_finished)
        return;
    m_finished = true;
    m_body->setNotify({});
    if (!complete)
        m_body->cancel();
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
    emit finished(complete);
}

} // namespace fabrica
