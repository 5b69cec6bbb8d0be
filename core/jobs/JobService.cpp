#include "JobService.h"

#include "GenerationRunner.h"
#include "common/Logging.h"
#include "storage/Repository.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>

namespace fabrica {

JobService::JobService(Repository &storage, QString instanceId, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_instanceId(instanceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : instanceId)
{
    // Workers keep their threads, and with them their storage connections (one per thread).
    m_pool.setExpiryTimeout(-1);
}

JobService::~JobService()
{
    stop();
}

Result<RunRecord> JobService::enqueue(const Actor &actor, const GenerationRequest &request)
{
    if (Result<void> checked = request.check(); !checked)
        return checked.error();
    if (request.schemaId <= 0)
        return makeError(
            ErrorCode::InvalidInput,
            tr("only a schema saved in storage can be generated as a job; save the schema first"));
    const QByteArray json = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    Result<RunRecord> queued =
        m_storage.enqueueRun(actor, request.schemaId, request.seed, request.targetDescription(), json);
    if (queued) {
        QMutexLocker lock(&m_mutex);
        if (request.target == GenerationRequest::Target::Database && !request.database.password.isEmpty())
            m_passwords.insert(queued->id, request.database.password);
        m_wake.wakeAll();
    }
    return queued;
}

Result<RunRecord::Status> JobService::cancel(const Actor &actor, qint64 runId)
{
    Result<RunRecord::Status> cancelled = m_storage.cancelRun(actor, runId);
    if (cancelled && *cancelled == RunRecord::Status::Cancelled)
        takePassword(runId).fill(QLatin1Char('\0'));
    if (cancelled && *cancelled == RunRecord::Status::Running) {
        // Ours: stop it now rather than at the next heartbeat.
        QMutexLocker lock(&m_mutex);
        if (const auto job = m_running.value(runId))
            job->cancel.store(true);
    }
    return cancelled;
}

void JobService::start(int workers)
{
    if (m_dispatcher)
        return;
    m_workers = qMax(1, workers);
    m_pool.setMaxThreadCount(m_workers);
    m_stopping = false;
    m_dispatcher = QThread::create([this] { dispatch(); });
    m_dispatcher->start();
}

void JobService::stop()
{
    if (!m_dispatcher)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        for (const auto &job : std::as_const(m_running))
            job->cancel.store(true);
        m_wake.wakeAll();
    }
    m_dispatcher->wait();
    delete m_dispatcher;
    m_dispatcher = nullptr;
    m_pool.waitForDone();
    QMutexLocker lock(&m_mutex);
    for (QString &password : m_passwords)
        password.fill(QLatin1Char('\0'));
    m_passwords.clear();
}

QString JobService::takePassword(qint64 runId)
{
    QMutexLocker lock(&m_mutex);
    return m_passwords.take(runId);
}

void JobService::forgetStalePasswords()
{
    QList<qint64> ids;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_passwords.cbegin(); it != m_passwords.cend(); ++it) {
            if (!m_running.contains(it.key())) // ours: its worker takes the password
                ids << it.key();
        }
    }
    for (const qint64 id : std::as_const(ids)) {
        const Result<RunRecord> run = m_storage.run(Actor::systemActor(), id);
        if (run && run->status == RunRecord::Status::Queued)
            continue;
        if (!run && run.error().code != ErrorCode::NotFound)
            continue; // storage unreachable: ask again later
        takePassword(id).fill(QLatin1Char('\0'));
    }
}

int JobService::runningJobs() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_running.size());
}

void JobService::dispatch()
{
    QElapsedTimer sinceHeartbeat;
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        while (!m_stopping && m_running.size() < m_workers) {
            lock.unlock();
            Result<std::optional<RunRecord>> claimed = m_storage.claimRun(m_instanceId);
            lock.relock();
            if (!claimed) {
                qCWarning(lcJobs).noquote() << "cannot claim a queued run:" << claimed.error().toString();
                break;
            }
            if (!claimed->has_value())
                break;
            const RunRecord run = **claimed;
            // Claimed while stopping: it runs cancelled, so it ends at once as cancelled.
            auto job = std::make_shared<Job>();
            job->cancel.store(m_stopping);
            m_running.insert(run.id, job);
            m_pool.start([this, run, job] { execute(run, job); });
        }
        if (!sinceHeartbeat.isValid() || sinceHeartbeat.elapsed() >= m_options.heartbeatMs) {
            sinceHeartbeat.start();
            lock.unlock();
            forgetStalePasswords();
            const Result<QMap<qint64, bool>> alive = m_storage.heartbeatRuns(m_instanceId);
            if (const Result<int> failed = m_storage.failStaleRuns(m_options.staleSeconds); !failed)
                qCWarning(lcJobs).noquote() << "cannot fail stale runs:" << failed.error().toString();
            else if (*failed > 0)
                qCInfo(lcJobs) << "failed" << *failed << "runs whose instance stopped answering";
            lock.relock();
            if (alive) {
                // Cancelled by anyone, or no longer running (failed as stale, deleted): stop it.
                for (auto it = m_running.begin(); it != m_running.end(); ++it) {
                    if (!alive->contains(it.key()) || alive->value(it.key()))
                        it.value()->cancel.store(true);
                }
            }
        }
        lock.unlock();
        writeProgress();
        lock.relock();
        if (!m_stopping)
            m_wake.wait(&m_mutex, qMax(10, qMin(m_options.pollMs, m_options.progressMs)));
    }
}

void JobService::writeProgress()
{
    QList<QPair<qint64, std::shared_ptr<Job>>> changed;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_running.begin(); it != m_running.end(); ++it) {
            if (it.value()->acting && it.value()->changed.exchange(false))
                changed.append({it.key(), it.value()});
        }
    }
    for (const auto &[runId, job] : changed) {
        const qint64 done = job->rowsDone.load();
        const qint64 total = job->rowsTotal.load();
        const Result<bool> stop = m_storage.updateRunProgress(job->actor, runId, done, total);
        if (!stop) // SQLite: the storage may be busy with a stored run's transaction; the next write catches
                   // up
            qCDebug(lcJobs).noquote()
                << "cannot record the progress of run" << runId << ":" << stop.error().toString();
        else if (*stop)
            job->cancel.store(true);
        emit jobProgress(runId, done, total);
    }
}

void JobService::execute(const RunRecord &run, std::shared_ptr<Job> job)
{
    std::atomic<bool> *cancel = &job->cancel;
    RunRecord::Status status = RunRecord::Status::Failed;
    auto end = [&] {
        {
            QMutexLocker lock(&m_mutex);
            m_running.remove(run.id);
            m_wake.wakeAll();
        }
        emit jobEnded(run.id, status);
    };
    // The worker acts for the run's owner, so row-level security applies as to the owner's own requests.
    const Result<UserRecord> owner = m_storage.user(Actor::systemActor(), run.userId);
    if (!owner || owner->disabled) {
        settle(Actor::systemActor(), run, status, {}, 0,
               tr("the account that asked for the run is disabled"));
        return end();
    }
    const Actor actor = Actor::of(*owner);
    {
        QMutexLocker lock(&m_mutex);
        job->actor = actor;
        job->acting = true;
    }
    Result<GenerationRequest> request =
        GenerationRequest::fromJson(QJsonDocument::fromJson(run.request).object());
    QString password = takePassword(run.id);
    if (!request) {
        settle(actor, run, status, {}, 0, request.error().toString());
        return end();
    }
    if (request->target == GenerationRequest::Target::Database && request->database.password.isEmpty())
        std::swap(request->database.password, password);
    emit jobStarted(run.id);

    // The dispatcher writes what the listener notes, at most every progressMs.
    GenerationRunner::Listener listener;
    listener.planned = [&](const QList<GenerationRunner::TablePlanInfo> &tables) {
        qint64 total = 0;
        for (const GenerationRunner::TablePlanInfo &table : tables)
            total += table.rows;
        job->rowsTotal.store(total);
        job->changed.store(true);
    };
    listener.progress = [&](const GenerationJob::Progress &progress) {
        job->rowsDone.store(progress.rowsDone);
        job->rowsTotal.store(progress.rowsTotal);
        job->changed.store(true);
    };
    const Result<GenerationRunner::Outcome> outcome = GenerationRunner::run(
        *request, GenerationRunner::Context{&m_storage, actor, run.id}, listener, cancel);
    request->database.password.fill(QLatin1Char('\0'));
    if (outcome) {
        status = RunRecord::Status::Finished;
        settle(actor, run, status, outcome->rowCounts, outcome->summary.bytes, {});
    } else {
        status = outcome.error().code == ErrorCode::Cancelled ? RunRecord::Status::Cancelled
                                                              : RunRecord::Status::Failed;
        settle(actor, run, status, {}, 0,
               status == RunRecord::Status::Failed ? outcome.error().toString() : QString());
    }
    end();
}

void JobService::settle(const Actor &actor, const RunRecord &run, RunRecord::Status status,
                        const QMap<QString, qint64> &rowCounts, qint64 bytes, const QString &error)
{
    const Result<RunRecord> now = m_storage.run(actor, run.id);
    if (!now || now->status != RunRecord::Status::Running)
        return; // the runner recorded the end, or the run is gone
    if (Result<void> finished = m_storage.finishRun(actor, run.id, status, rowCounts, bytes, error);
        !finished)
        qCWarning(lcJobs).noquote() << "cannot record the end of run" << run.id << ":"
                                    << finished.error().toString();
}

} // namespace fabrica
