#pragma once

#include "jobs/GenerationRunner.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <optional>

class QThread;

namespace fabrica {

// Runs GenerationRunner::run on a worker thread for the window and reports on the GUI thread: the plan,
// throttled progress, the recorded run, then the outcome or the error (ErrorCode::Cancelled after
// cancel()). Nothing of the generation itself lives here; the worker only carries the request.
class GenerationController : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultProgressInterval = 50; // ms between two progressed() signals

    explicit GenerationController(QObject *parent = nullptr);
    // Cancels a running generation and waits for the worker, so the target is left as it was.
    ~GenerationController() override;

    // Starts request on a worker thread; false (and nothing happens) while a generation runs. The
    // context's repository must outlive the run; it opens its own connection on the worker thread.
    bool start(const GenerationRequest &request, const GenerationRunner::Context &context);
    // Asks the worker to stop at its next chunk; failed(Cancelled) follows once it has.
    void cancel();
    // From start() until finished() or failed() is emitted.
    bool isRunning() const { return m_running; }

    // At most one progressed() per interval (plus the last one), so a fast job never floods the event
    // loop; 0 forwards every chunk.
    void setProgressInterval(int msecs) { m_progressInterval = msecs; }
    int progressInterval() const { return m_progressInterval; }

signals:
    // The tables in the order they are generated, once the plan is compiled.
    void planned(const QList<fabrica::GenerationRunner::TablePlanInfo> &tables);
    void progressed(const fabrica::GenerationJob::Progress &progress);
    // The run recorded in storage (a stored schema only), before the first row.
    void runStarted(const fabrica::RunRecord &run);
    void finished(const fabrica::GenerationRunner::Outcome &outcome);
    void failed(const fabrica::Error &error);

private:
    // Called from the worker per chunk: keeps the newest progress and posts it when due.
    void offerProgress(const GenerationJob::Progress &progress);
    void deliverProgress();
    void workerFinished();

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    int m_progressInterval = kDefaultProgressInterval;
    std::optional<Result<GenerationRunner::Outcome>> m_result; // written by the worker before it ends

    // The newest progress, shared between the worker and the GUI thread. One delivery at a time is
    // posted; it reads the newest value when it runs, so a slow event loop only ever sees one pending.
    QMutex m_progressMutex;
    GenerationJob::Progress m_latest;
    bool m_deliveryPosted = false;
    QElapsedTimer m_sinceDelivery; // worker side
    bool m_delivered = false;      // worker side: whether a progress was posted already
};

} // namespace fabrica
