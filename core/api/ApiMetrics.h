#pragma once

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>

#include <array>
#include <atomic>
#include <functional>

namespace fabrica {

// The server's own figures in the Prometheus text format (GET /metrics): requests by route, method and
// status, a latency histogram and the rows generated. Other figures (jobs by state) come from sources
// added with addSource(), read when the metrics are scraped. Thread-safe: handlers record from the pool.
class ApiMetrics
{
public:
    // Upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

    void record(const QString &method, const QString &route, int status, double seconds);
    // Rows a generation of this instance wrote (fabrica_rows_generated_total), called by whoever runs it.
    void addRowsGenerated(qint64 rows);
    // A source writes whole metric families (HELP, TYPE and samples) in the text format.
    void addSource(std::function<QByteArray()> source);
    QByteArray text() const;

private:
    struct Key
    {
        QString method;
        QString route;
        int status = 0;
        bool operator<(const Key &other) const
        {
            return std::tie(route, method, status) < std::tie(other.route, other.method, other.status);
        }
    };

    mutable QMutex m_mutex;
    QMap<Key, quint64> m_requests;
    std::array<quint64, kBuckets.size()> m_latency{}; // per bucket, not cumulative
    quint64 m_latencyCount = 0;
    double m_latencySum = 0;
    QList<std::function<QByteArray()>> m_sources;
    std::atomic<quint64> m_rowsGenerated{0};
};

} // namespace fabrica
