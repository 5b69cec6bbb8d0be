#pragma once

#include "generate/ColumnStatistics.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace fabrica {

// Computes ColumnStatistics on a worker thread (QtConcurrent). Each request() cancels the run before it
// (its sampling stops at the next block) and drops its result, so only the newest request is answered.
class ColumnStatisticsRunner : public QObject
{
    Q_OBJECT

public:
    explicit ColumnStatisticsRunner(QObject *parent = nullptr);
    ~ColumnStatisticsRunner() override;

    // Rows to sample per request (ColumnStatistics::defaultRows unless set).
    void setRows(qint64 rows) { m_rows = rows; }
    qint64 rows() const { return m_rows; }

    // Describes column `column` of table `table` of a copy of schema, generated with seed.
    void request(const Schema &schema, int table, int column, quint64 seed);
    // Stops the run in progress, if any; no signal follows for it.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void started();
    void finished(const fabrica::ColumnStatistics &statistics);
    void failed(const QString &message);

private:
    struct Outcome
    {
        quint64 generation = 0;
        ColumnStatistics statistics;
        QString error;
        bool cancelled = false;
    };
    void done(QFutureWatcher<Outcome> *watcher);

    qint64 m_rows = ColumnStatistics::defaultRows;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel; // of the newest run
    bool m_running = false;
};

} // namespace fabrica
