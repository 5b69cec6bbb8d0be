#pragma once

#include "GenerationRequest.h"
#include "common/Result.h"
#include "storage/StoredRecords.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <memory>

class QThread;

namespace fabrica {

class Repository;

// Runs generation jobs kept in storage, for the window, the CLI and the REST API alike: enqueue() records
// a queued run with its request; started workers claim queued runs (atomically, so instances sharing the
// storage never run the same one), carry each out with GenerationRunner, write progress and a heartbeat
// as they go, and honour cancel requests made by any instance. stop() cancels what this instance runs:
// the sinks roll back, the runs end as cancelled.
class JobService : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int pollMs = 500;       // how often an idle worker looks for queued runs
        int heartbeatMs = 2000; // how often running runs say they are alive (and read cancel requests)
        int progressMs = 250;   // at most one progress write per run this often
        int staleSeconds = 30;  // a claimed run without a heartbeat for this long is failed
    };

    // instanceId names this instance in claimed_by; empty = a new unique id.
    explicit JobService(Repository &storage, QString instanceId = {}, QObject *parent = nullptr);
    ~JobService() override; // stop()

    const QString &instanceId() const { return m_instanceId; }
    void setOptions(const Options &options) { m_options = options; }

    // Records the request as a queued run of its stored schema (request.schemaId) for actor; a worker of
    // any instance picks it up. The request is checked first; its database password is not stored: this
    // instance keeps it in memory for the run until the run starts or ends (another instance that claims
    // the run connects with what it has itself).
    Result<RunRecord> enqueue(const Actor &actor, const GenerationRequest &request);
    // Cancels a queued run at once, or asks the instance running it to stop (see Repository::cancelRun).
    Result<RunRecord::Status> cancel(const Actor &actor, qint64 runId);

    // Starts workers (1 or more) claiming queued runs; also fails stale runs of dead instances.
    void start(int workers);
    // Cancels this instance's running runs, waits for them to end, stops the workers. Blocking.
    void stop();
    bool isStarted() const { return m_dispatcher != nullptr; }
    int runningJobs() const;

signals:
    // Emitted from worker threads.
    void jobStarted(qint64 runId);
    void jobProgress(qint64 runId, qint64 rowsDone, qint64 rowsTotal);
    void jobEnded(qint64 runId, fabrica::RunRecord::Status status);

private:
    // What a worker shares with the dispatcher, which writes progress and heartbeats on its own connection
    // (the worker's may be inside the stored-data sink's transaction).
    struct Job
    {
        std::atomic<bool> cancel{false};
        std::atomic<bool> changed{false};
        std::atomic<qint64> rowsDone{0};
        std::atomic<qint64> rowsTotal{0};
        Actor actor;
        bool acting = false; // actor is set (under m_mutex)
    };
    void dispatch();
    void writeProgress();
    void execute(const RunRecord &run, std::shared_ptr<Job> job);
    // The password enqueue() kept for a run, removed (empty when none).
    QString takePassword(qint64 runId);
    // Forgets the kept passwords of runs that no longer wait (claimed elsewhere, cancelled, deleted).
    void forgetStalePasswords();
    // Records the end of a run the runner did not record (it failed before starting, or exported).
    void settle(const Actor &actor, const RunRecord &run, RunRecord::Status status,
                const QMap<QString, qint64> &rowCounts, qint64 bytes, const QString &error);

    Repository &m_storage;
    QString m_instanceId;
    Options m_options;
    QThreadPool m_pool;
    QThread *m_dispatcher = nullptr;
    int m_workers = 0;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    QHash<qint64, std::shared_ptr<Job>> m_running; // run id → its shared state
    QHash<qint64, QString> m_passwords;            // run id → the database password it was enqueued with
};

} // namespace fabrica
