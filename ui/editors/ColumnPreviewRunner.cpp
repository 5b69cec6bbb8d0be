#include "ColumnPreviewRunner.h"

#include <QtConcurrent>

namespace fabrica {

ColumnPreviewRunner::ColumnPreviewRunner(QObject *parent)
    : QObject(parent)
{}

ColumnPreviewRunner::~ColumnPreviewRunner()
{
    cancel(); // a run still going finishes on its own copy of the schema; its result goes nowhere
}

void ColumnPreviewRunner::start(const Schema &schema, int table, int column)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] { finished(watcher); });
    const quint64 seed = m_seed;
    const int count = m_count;
    // The schema is copied (implicitly shared, so cheaply) and never touched by the GUI thread again.
    watcher->setFuture(QtConcurrent::run([schema, table, column, seed, count, generation] {
        Outcome outcome;
        outcome.generation = generation;
        const Result<ColumnPreview::Values> values =
            ColumnPreview::values(schema, table, column, seed, count);
        if (values)
            outcome.values = *values;
        else
            outcome.error = values.error().message;
        return outcome;
    }));
}

void ColumnPreviewRunner::cancel()
{
    ++m_generation;
    m_running = false;
}

void ColumnPreviewRunner::finished(QFutureWatcher<Outcome> *watcher)
{
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (outcome.generation != m_generation)
        return; // stale: the document changed since
    m_running = false;
    if (outcome.error.isEmpty())
        emit ready(outcome.values);
    else
        emit failed(outcome.error);
}

} // namespace fabrica
