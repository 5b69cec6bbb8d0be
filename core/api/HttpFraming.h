#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace fabrica {

// Follows the framing of the HTTP/1.1 requests on one connection, byte by byte as they arrive, so the
// socket guard can refuse a request before QHttpServer (which buffers whole bodies and has no limits in
// Qt 6.4) reads it: header size, declared and chunked body sizes, ambiguous framing.
class HttpFraming
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::HttpFraming)

public:
    struct Limits
    {
        int headerBytes = 16 * 1024;        // request line and headers
        qint64 jsonBodyBytes = 1024 * 1024; // every route but the uploads
        qint64 uploadBodyBytes = 256 * 1024 * 1024;
        QList<QByteArray> uploadPaths = {QByteArrayLiteral("/api/v1/imports")}; // path prefixes
    };
    struct Rejection
    {
        int status = 400;
        QByteArray reason;
        QString code;
        QString message;
    };

    explicit HttpFraming(Limits limits);

    // Takes the next bytes of the connection; a rejection ends the connection.
    std::optional<Rejection> feed(QByteArrayView data);
    // Part of a request has arrived and not all of it.
    bool inRequest() const;
    // Requests complete so far.
    int completedRequests() const { return m_completed; }
    // Body bytes received of the current request (for the slow-body timer).
    qint64 bodyBytes() const { return m_bodyBytes; }

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers };

    std::optional<Rejection> headersDone(const QByteArray &head);
    void requestDone();
    static Rejection reject(int status, const char *reason, const QString &code, const QString &message);

    Limits m_limits;
    State m_state = State::Headers;
    QByteArray m_line; // the head, a chunk-size line or the trailers, while incomplete
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_bodyLimit = 0;
    int m_completed = 0;
};

} // namespace fabrica
