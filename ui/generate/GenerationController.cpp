#include "GenerationController.h"

#include "UiLogging.h"

#include <QMutexLocker>
#include <QThread>

namespace fabrica {

GenerationController::GenerationController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<fabrica::GenerationRunner::TablePlanInfo>();
    qRegisterMetaType<QList<fabrica::GenerationRunner::TablePlanInfo>>();
    qRegisterMetaType<fabrica::GenerationJob::Progress>();
    qRegisterMetaType<fabrica::RunRecord>();
    qRegisterMetaType<fabrica::GenerationRunner::Outcome>();
    qRegisterMetaType<fabrica::Error>();
}

GenerationController::~GenerationController()
{
    if (!m_thread)
        return;
    // A cancelled run stops at its next chunk and its sink removes what it wrote; events it posted to
    // this object are dropped with it.
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
}

bool GenerationController::start(const GenerationRequest &request, const GenerationRunner::Context &context)
{
    if (m_running) {
        qCWarning(lcUi) << "a generation is running; ignored the request to start another";
        return false;
    }
    m_cancel = false;
    m_result.reset();
    m_running = true;
    m_latest = {};
    m_deliveryPosted = false;
    m_delivered = false;

    m_thread = QThread::create([this, request, context] {
        GenerationRunner::Listener listener;
        listener.planned = [this](const QList<GenerationRunner::TablePlanInfo> &tables) {
            QMetaObject::invokeMethod(
                this, [this, tables] { emit planned(tables); }, Qt::QueuedConnection);
        };
        listener.runStarted = [this](const RunRecord &run) {
            QMetaObject::invokeMethod(
                this, [this, run] { emit runStarted(run); }, Qt::QueuedConnection);
        };
        listener.progress = [this](const GenerationJob::Progress &progress) { offerProgress(progress); };
        m_result = GenerationRunner::run(request, context, listener, &m_cancel);
    });
    m_thread->setObjectName(QStringLiteral("fabrica-generate"));
    // Emitted by the worker after its last post, so it arrives after every signal the run posted.
    connect(m_thread, &QThread::finished, this, &GenerationController::workerFinished);
    qCInfo(lcUi).noquote() << "generating into" << request.targetDescription() << "with seed" << request.seed;
    m_thread->start();
    return true;
}

void GenerationController::cancel()
{
    if (m_running)
        m_cancel = true;
}

void GenerationController::offerProgress(const GenerationJob::Progress &progress)
{
    const bool last = progress.rowsDone >= progress.rowsTotal;
    const bool due = !m_delivered || last || m_sinceDelivery.elapsed() >= m_progressInterval;
    QMutexLocker lock(&m_progressMutex);
    m_latest = progress;
    if (!due || m_deliveryPosted)
        return; // the pending delivery will read this value
    m_deliveryPosted = true;
    lock.unlock();
    m_delivered = true;
    m_sinceDelivery.start();
    QMetaObject::invokeMethod(this, &GenerationController::deliverProgress, Qt::QueuedConnection);
}

void GenerationController::deliverProgress()
{
    QMutexLocker lock(&m_progressMutex);
    const GenerationJob::Progress progress = m_latest;
    m_deliveryPosted = false;
    lock.unlock();
    emit progressed(progress);
}

void GenerationController::workerFinished()
{
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    Result<GenerationRunner::Outcome> result =
        m_result ? std::move(*m_result)
                 : Result<GenerationRunner::Outcome>(
                       makeError(ErrorCode::Internal, tr("the generation ended without a result")));
    m_result.reset();
    // Cleared before the signals, so that a slot of either may start the next generation.
    m_running = false;
    if (!result) {
        if (result.error().code == ErrorCode::Cancelled)
            qCInfo(lcUi) << "generation cancelled";
        else
            qCWarning(lcUi).noquote() << "generation failed:" << result.error().toString();
        emit failed(result.error());
        return;
    }
    emit finished(*result);
}

} // namespace fabrica
