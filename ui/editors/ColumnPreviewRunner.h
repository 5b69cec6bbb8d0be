#pragma once

#include "generate/ColumnPreview.h"

#include <QFutureWatcher>
#include <QObject>

namespace fabrica {

// Computes a column's example values (ColumnPreview) on a worker thread. Each start() supersedes the
// runs before it: a result that arrives after a newer start() is dropped, so only the newest state of
// the document is ever shown.
class ColumnPreviewRunner : public QObject
{
    Q_OBJECT

public:
    explicit ColumnPreviewRunner(QObject *parent = nullptr);
    ~ColumnPreviewRunner() override;

    void setSeed(quint64 seed) { m_seed = seed; }
    quint64 seed() const { return m_seed; }
    void setCount(int count) { m_count = count; }
    int count() const { return m_count; }

    // Previews column `column` of table `table` of a copy of schema.
    void start(const Schema &schema, int table, int column);
    // Drops the run in progress, if any.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void ready(const fabrica::ColumnPreview::Values &values);
    void failed(const QString &message);

private:
    struct Outcome
    {
        quint64 generation = 0;
        ColumnPreview::Values values;
        QString error;
    };
    void finished(QFutureWatcher<Outcome> *watcher);

    quint64 m_seed = 42;
    int m_count = 10;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace fabrica
