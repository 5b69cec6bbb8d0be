#pragma once

#include "ResponseBody.h"

#include <QHttpServerResponder>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>
#include <utility>

class QTcpSocket;

namespace fabrica {

// Sends one streamed response on the server's thread (QHttpServer 6.4 has no streaming worth using):
// the status line and headers with Transfer-Encoding: chunked, then the body's pieces as HTTP/1.1 chunks
// as fast as the client takes them — never more than kSocketHighWater bytes wait in the socket, so the
// body's bounded buffer fills and its producer waits — and the closing chunk. When the producer fails the
// connection is cut instead, so a client cannot take a partial download for a whole one; when the client
// goes away the body is cancelled.
class StreamedResponse : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kSocketHighWater = qint64(1) << 20;

    StreamedResponse(QTcpSocket *socket, std::shared_ptr<QHttpServerResponder> responder,
                     std::shared_ptr<ResponseBody> body, QObject *parent = nullptr);
    ~StreamedResponse() override;

    // Writes the head (the headers besides Transfer-Encoding) and starts sending what the body gets.
    void start(QHttpServerResponder::StatusCode status,
               const QList<std::pair<QByteArray, QByteArray>> &headers);
    // Gives up: the body is cancelled and the connection closed (the server stops).
    void abort();

    qint64 bytesSent() const { return m_sent; }
    // The most bytes this response ever held at once: in its body's buffer plus in the socket's.
    qint64 peakBuffered() const;
    bool isFinished() const { return m_finished; }

signals:
    // Once: complete is false when the client went away or the producer failed.
    void finished(bool complete);

private:
    void pump();
    void end(bool complete);

    QPointer<QTcpSocket> m_socket;
    std::shared_ptr<QHttpServerResponder> m_responder;
    std::shared_ptr<ResponseBody> m_body;
    qint64 m_sent = 0;
    qint64 m_peakSocket = 0;
    bool m_finished = false;
};

} // namespace fabrica
