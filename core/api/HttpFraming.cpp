#include "HttpFraming.h"

namespace fabrica {

namespace {

constexpr int kChunkLineBytes = 1024;

} // namespace

HttpFraming::HttpFraming(Limits limits)
    : m_limits(std::move(limits))
{}

bool HttpFraming::inRequest() const
{
    return m_state != State::Headers || !m_line.isEmpty();
}

HttpFraming::Rejection HttpFraming::reject(int status, const char *reason, const QString &code,
                                           const QString &message)
{
    return Rejection{status, QByteArray(reason), code, message};
}

void HttpFraming::requestDone()
{
    m_state = State::Headers;
    m_line.clear();
    m_remaining = 0;
    m_bodyBytes = 0;
    ++m_completed;
}

std::optional<HttpFraming::Rejection> HttpFraming::feed(QByteArrayView data)
{
    qsizetype at = 0;
    while (at < data.size()) {
        switch (m_state) {
        case State::Headers: {
            // Empty lines between requests are allowed (RFC 9112, 2.2).
            if (m_line.isEmpty() && (data[at] == '\r' || data[at] == '\n')) {
                ++at;
                break;
            }
            const qsizetype before = m_line.size();
            const qsizetype take = std::min<qsizetype>(data.size() - at, m_limits.headerBytes + 4 - before);
            m_line.append(data.sliced(at, take));
            const qsizetype end = m_line.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                if (m_line.size() > m_limits.headerBytes)
                    return reject(
                        431, "Request Header Fields Too Large", QStringLiteral("headers_too_large"),
                        tr("The request line and headers exceed %1 bytes.").arg(m_limits.headerBytes));
                at += take;
                break;
            }
            if (end + 4 > m_limits.headerBytes)
                return reject(431, "Request Header Fields Too Large", QStringLiteral("headers_too_large"),
                              tr("The request line and headers exceed %1 bytes.").arg(m_limits.headerBytes));
            at += end + 4 - before;
            const QByteArray head = m_line.left(end);
            m_line.clear();
            if (std::optional<Rejection> refused = headersDone(head))
                return refused;
            break;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - at);
            at += take;
            m_remaining -= take;
            m_bodyBytes += take;
            if (m_remaining == 0)
                requestDone();
            break;
        }
        case State::ChunkSize:
        case State::Trailers: {
            const qsizetype newline = data.indexOf('\n', at);
            const qsizetype stop = newline < 0 ? data.size() : newline + 1;
            m_line.append(data.sliced(at, stop - at));
            at = stop;
            const int cap = m_state == State::ChunkSize ? kChunkLineBytes : m_limits.headerBytes;
            if (m_line.size() > cap) {
                if (m_state == State::Trailers)
                    return reject(431, "Request Header Fields Too Large", QStringLiteral("headers_too_large"),
                                  tr("The request's trailers exceed %1 bytes.").arg(cap));
                return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                              tr("A chunk-size line of the request is malformed."));
            }
            if (newline < 0)
                break;
            const QByteArray line = m_line.trimmed();
            if (m_state == State::Trailers) {
                // Each trailer line is kept until the empty one ends the request.
                if (line.isEmpty())
                    requestDone();
                else
                    m_line.append('\n');
                break;
            }
            m_line.clear();
            bool ok = false;
            const qint64 size = line.left(line.indexOf(';') < 0 ? line.size() : line.indexOf(';'))
                                    .trimmed()
                                    .toLongLong(&ok, 16);
            if (!ok || size < 0)
                return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                              tr("A chunk-size line of the request is malformed."));
            if (size == 0) {
                m_state = State::Trailers;
                break;
            }
            m_bodyBytes += size;
            if (m_bodyBytes > m_bodyLimit)
                return reject(413, "Payload Too Large", QStringLiteral("payload_too_large"),
                              tr("The request body exceeds %1 bytes.").arg(m_bodyLimit));
            m_remaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - at);
            at += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::ChunkEnd;
                m_remaining = 2; // the CRLF after the data
            }
            break;
        }
        case State::ChunkEnd: {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - at);
            at += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            break;
        }
        }
    }
    return std::nullopt;
}

std::optional<HttpFraming::Rejection> HttpFraming::headersDone(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                      tr("The request line is malformed."));
    QByteArray target = requestLine.at(1);
    const qsizetype query = target.indexOf('?');
    const QByteArray path = query < 0 ? target : target.left(query);

    int lengths = 0;
    qint64 length = 0;
    QByteArray transferEncoding;
    bool hasTransferEncoding = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                          tr("A header line of the request is malformed."));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            ++lengths;
            bool ok = false;
            length = value.toLongLong(&ok);
            if (!ok || length < 0 || value.startsWith('+'))
                return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                              tr("The Content-Length header is not a number."));
        } else if (name == "transfer-encoding") {
            if (hasTransferEncoding)
                transferEncoding += ',';
            hasTransferEncoding = true;
            transferEncoding += value.toLower();
        }
    }
    // Two readers of ambiguous framing may see two different requests (request smuggling): refuse it.
    if (lengths > 1)
        return reject(400, "Bad Request", QStringLiteral("ambiguous_framing"),
                      tr("The request has more than one Content-Length header."));
    if (lengths == 1 && hasTransferEncoding)
        return reject(400, "Bad Request", QStringLiteral("ambiguous_framing"),
                      tr("The request has both Content-Length and Transfer-Encoding."));
    if (hasTransferEncoding && transferEncoding != "chunked")
        return reject(400, "Bad Request", QStringLiteral("invalid_input"),
                      tr("Only the chunked transfer coding is accepted."));

    bool upload = false;
    for (const QByteArray &prefix : std::as_const(m_limits.uploadPaths))
        upload = upload || path == prefix || path.startsWith(QByteArray(prefix + '/'));
    m_bodyLimit = upload ? m_limits.uploadBodyBytes : m_limits.jsonBodyBytes;
    m_bodyBytes = 0;
    if (lengths == 1 && length > m_bodyLimit)
        return reject(413, "Payload Too Large", QStringLiteral("payload_too_large"),
                      tr("The request body exceeds %1 bytes.").arg(m_bodyLimit));

    if (hasTransferEncoding) {
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_state = State::Body;
        m_remaining = length;
    } else {
        requestDone();
    }
    return std::nullopt;
}

} // namespace fabrica
