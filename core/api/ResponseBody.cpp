#include "ResponseBody.h"

namespace fabrica {

ResponseBody::ResponseBody(qsizetype capacity)
    : m_capacity(std::max(capacity, kPieceBytes))
{}

bool ResponseBody::write(std::string_view bytes)
{
    QMutexLocker lock(&m_mutex);
    while (!bytes.empty()) {
        while (m_size >= m_capacity && !m_cancelled.load())
            m_room.wait(&m_mutex);
        if (m_cancelled.load() || m_closed)
            return false;
        const qsizetype room = m_capacity - m_size;
        const qsizetype piece = std::min({qsizetype(bytes.size()), room, kPieceBytes});
        // Small writes (a header line) join the last piece rather than making a chunk of their own.
        if (!m_pieces.empty() && m_pieces.back().size() + piece <= kPieceBytes)
            m_pieces.back().append(bytes.data(), piece);
        else
            m_pieces.emplace_back(bytes.data(), piece);
        bytes.remove_prefix(std::size_t(piece));
        const bool wasEmpty = m_size == 0;
        m_size += piece;
        m_peak = std::max(m_peak, m_size);
        if (wasEmpty && m_notify)
            m_notify();
    }
    return !m_cancelled.load();
}

void ResponseBody::close(std::optional<Error> failure)
{
    QMutexLocker lock(&m_mutex);
    if (m_closed)
        return;
    m_closed = true;
    m_failure = std::move(failure);
    if (m_notify)
        m_notify();
}

void ResponseBody::setNotify(std::function<void()> notify)
{
    QMutexLocker lock(&m_mutex);
    m_notify = std::move(notify);
}

QByteArray ResponseBody::read()
{
    QMutexLocker lock(&m_mutex);
    if (m_pieces.empty())
        return {};
    QByteArray piece = std::move(m_pieces.front());
    m_pieces.pop_front();
    m_size -= piece.size();
    m_room.wakeAll();
    return piece;
}

bool ResponseBody::atEnd() const
{
    QMutexLocker lock(&m_mutex);
    return m_closed && m_pieces.empty();
}

std::optional<Error> ResponseBody::failure() const
{
    QMutexLocker lock(&m_mutex);
    return m_failure;
}

void ResponseBody::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled.store(true);
    m_pieces.clear();
    m_size = 0;
    m_room.wakeAll();
}

qsizetype ResponseBody::buffered() const
{
    QMutexLocker lock(&m_mutex);
    return m_size;
}

qsizetype ResponseBody::peakBuffered() const
{
    QMutexLocker lock(&m_mutex);
    return m_peak;
}

} // namespace fabrica
