#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QMutex>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <optional>
#include <string_view>

namespace fabrica {

// The body of a streamed response between the thread that makes it and the server's thread that sends it:
// a bounded buffer. write() waits while the buffer is full, so a slow client slows the producer down
// instead of making the server hold the data; once the client is gone (cancel()), write() fails and the
// producer stops. Thread-safe.
class ResponseBody
{
public:
    static constexpr qsizetype kDefaultCapacity = qsizetype(4) << 20;
    static constexpr qsizetype kPieceBytes = qsizetype(256) << 10; // at most this much per read()

    explicit ResponseBody(qsizetype capacity = kDefaultCapacity);

    // The producer's side, from any one thread.
    // Appends bytes, waiting for room; false once the body is cancelled (nothing more will be sent).
    bool write(std::string_view bytes);
    // The end of the body. With a failure the response is cut off rather than ended, so the client sees
    // an incomplete transfer instead of a short file.
    void close(std::optional<Error> failure = std::nullopt);
    // Set when the body is cancelled: a long computation can stop between writes.
    const std::atomic<bool> *cancelFlag() const { return &m_cancelled; }

    // The sender's side.
    // Called, from the producer's thread, when bytes arrive in an empty buffer or the body closes; called
    // under the body's lock, so it must only post (QMetaObject::invokeMethod); an empty function unsets it.
    void setNotify(std::function<void()> notify);
    // The next piece of at most kPieceBytes, empty when nothing waits.
    QByteArray read();
    // Closed and every byte read.
    bool atEnd() const;
    std::optional<Error> failure() const;
    // Nothing more will be read: the producer's next write() fails.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }

    qsizetype buffered() const;
    // The most that was ever buffered at once.
    qsizetype peakBuffered() const;
    qsizetype capacity() const { return m_capacity; }

private:
    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QWaitCondition m_room;
    std::deque<QByteArray> m_pieces;
    qsizetype m_size = 0;
    qsizetype m_peak = 0;
    bool m_closed = false;
    std::optional<Error> m_failure;
    std::atomic<bool> m_cancelled{false};
    std::function<void()> m_notify;
};

} // namespace fabrica
