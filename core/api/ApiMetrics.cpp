#include "ApiMetrics.h"

#include <QMutexLocker>

namespace fabrica {

namespace {

// A label value in the text format: backslash, double quote and newline escaped.
QByteArray label(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

} // namespace

void ApiMetrics::record(const QString &method, const QString &route, int status, double seconds)
{
    QMutexLocker lock(&m_mutex);
    ++m_requests[Key{method, route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++m_latency[i];
            break;
        }
    }
    ++m_latencyCount;
    m_latencySum += seconds;
}

void ApiMetrics::addSource(std::function<QByteArray()> source)
{
    QMutexLocker lock(&m_mutex);
    m_sources << std::move(source);
}

QByteArray ApiMetrics::text() const
{
    QList<std::function<QByteArray()>> sources;
    QByteArray out;
    {
        QMutexLocker lock(&m_mutex);
        out += "# HELP fabrica_http_requests_total HTTP requests answered, by route, method and status.\n"
               "# TYPE fabrica_http_requests_total counter\n";
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
            out += "fabrica_http_requests_total{route=\"" + label(it.key().route) + "\",method=\"" +
                   label(it.key().method) + "\",status=\"" + QByteArray::number(it.key().status) + "\"} " +
                   QByteArray::number(it.value()) + '\n';
        out += "# HELP fabrica_http_request_duration_seconds Time from a whole request to its answer.\n"
               "# TYPE fabrica_http_request_duration_seconds histogram\n";
        quint64 cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += m_latency[i];
            out += "fabrica_http_request_duration_seconds_bucket{le=\"" + QByteArray::number(kBuckets[i]) +
                   "\"} " + QByteArray::number(cumulative) + '\n';
        }
        out += "fabrica_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
               QByteArray::number(m_latencyCount) + '\n';
        out +=
            "fabrica_http_request_duration_seconds_sum " + QByteArray::number(m_latencySum, 'g', 12) + '\n';
        out += "fabrica_http_request_duration_seconds_count " + QByteArray::number(m_latencyCount) + '\n';
        sources = m_sources;
    }
    // Sources may read storage: outside the lock, so recording never waits for them.
    for (const auto &source : std::as_const(sources))
        out += source();
    return out;
}

} // namespace fabrica
