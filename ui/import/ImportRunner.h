#pragma once

#include "import/ImportService.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>

namespace fabrica {

// Runs ImportService on a worker thread for the files a user dropped or chose, one after another, and
// hands back one combined outcome (schemas and reports appended) on the GUI thread.
class ImportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ImportRunner(QObject *parent = nullptr);
    // Cancels a running import and waits for the worker, which reads nothing of this object afterwards.
    ~ImportRunner() override;

    // Limits and rows per table for the next start(); its progress and cancel are the runner's own.
    void setOptions(const ImportService::Options &options);
    const ImportService::Options &options() const { return m_options; }

    // Starts importing paths in order; ignored (with a warning in the log) while an import runs.
    void start(const QStringList &paths);
    // Asks the worker to stop; cancelled() follows once it has, and finished() does not.
    void cancel();
    bool isRunning() const;

signals:
    // Files done of total; file (a path as given to start()) is the one being read next, or the last one
    // read when done == total.
    void progress(int done, int total, const QString &file);
    // Entries of the current file read (for an archive), for a finer progress bar.
    void fileProgress(int done, int total);
    void finished(const fabrica::ImportService::Outcome &outcome);
    void cancelled();

private:
    void workerFinished();

    ImportService::Options m_options;
    std::atomic<bool> m_cancel{false};
    bool m_running = false; // from start() until finished() or cancelled() is emitted
    QFutureWatcher<ImportService::Outcome> m_watcher;
};

} // namespace fabrica
