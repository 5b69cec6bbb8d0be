#include "ColumnStatisticsRunner.h"

#include "UiLogging.h"

#include <QElapsedTimer>
#include <QtConcurrent>

namespace fabrica {

ColumnStatisticsRunner::ColumnStatisticsRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<fabrica::ColumnStatistics>();
}

ColumnStatisticsRunner::~ColumnStatisticsRunner()
{
    cancel(); // a run still going stops at its next block, on its own copy of the schema
}

void ColumnStatisticsRunner::request(const Schema &schema, int table, int column, quint64 seed)
{
    cancel();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] { done(watcher); });
    const qint64 rows = m_rows;
    // The schema is copied (implicitly shared, so cheaply) and never touched by the GUI thread again; the
    // flag is shared, so it outlives the runner if the run does.
    watcher->setFuture(QtConcurrent::run([schema, table, column, seed, rows, generation, cancel = m_cancel] {
        Outcome outcome;
        outcome.generation = generation;
        QElapsedTimer timer;
        timer.start();
        Result<ColumnStatistics> statistics =
            ColumnStatistics::sample(schema, table, column, seed, rows, cancel.get());
        if (statistics) {
            outcome.statistics = std::move(statistics).value();
            qCDebug(lcUi) << "column statistics of" << outcome.statistics.table << outcome.statistics.column
                          << "in" << timer.elapsed() << "ms";
        } else {
            outcome.error = statistics.error().message;
            outcome.cancelled = statistics.error().code == ErrorCode::Cancelled;
        }
        return outcome;
    }));
    emit started();
}

void ColumnStatisticsRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true, std::memory_order_relaxed);
    m_cancel.reset();
    ++m_generation;
    m_running = false;
}

void ColumnStatisticsRunner::done(QFutureWatcher<Outcome> *watcher)
{
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (outcome.generation != m_generation || outcome.cancelled)
        return; // superseded by a newer request, or cancelled
    m_running = false;
    m_cancel.reset();
    if (outcome.error.isEmpty())
        emit finished(outcome.statistics);
    else
        emit failed(outcome.error);
}

} // namespace fabrica
