#include "EmbeddedApi.h"

#include "ApiServerThread.h"

#include <QApplication>
#include <QMessageBox>

namespace fabrica {

EmbeddedApi::EmbeddedApi(Repository &storage, AuthService &auth, QWidget *window)
    : QObject(window)
    , m_storage(storage)
    , m_auth(auth)
    , m_window(window)
{}

EmbeddedApi::~EmbeddedApi()
{
    shutdown();
}

void EmbeddedApi::apply(const AppSettings::ApiServer &settings)
{
    m_wanted = Wanted{settings.enabled, quint16(std::clamp(settings.port, 0, 65535))};
    m_startFailed = false;
    reconcile();
}

void EmbeddedApi::applySettings()
{
    apply(AppSettings().apiServer());
}

void EmbeddedApi::shutdown()
{
    m_wanted.enabled = false;
    if (!m_thread)
        return;
    // What the thread still reports is of no interest now; quit() ends its event loop, then it closes
    // the server and stops the jobs.
    disconnect(m_thread, nullptr, this, nullptr);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_port = 0;
    m_state = State::Stopped;
}

QUrl EmbeddedApi::url() const
{
    if (m_state != State::Running)
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void EmbeddedApi::reconcile()
{
    switch (m_state) {
    case State::Starting:
    case State::Stopping:
        return; // the thread's report calls again
    case State::Running:
        if (!m_wanted.enabled || m_wanted.port != m_thread->requestedPort())
            stopThread();
        return;
    case State::Stopped:
        if (m_wanted.enabled && !m_startFailed)
            startThread(m_wanted.port);
        return;
    }
}

void EmbeddedApi::startThread(quint16 port)
{
    auto *thread = new ApiServerThread(m_storage, m_auth, port, kJobWorkers, this);
    // The thread's signals arrive queued; each names its thread so a late one of an old thread is ignored.
    connect(thread, &ApiServerThread::listening, this,
            [this, thread](quint16 listening) { threadListening(thread, listening); });
    connect(thread, &ApiServerThread::failed, this,
            [this, thread](const QString &message) { threadFailed(thread, message); });
    connect(thread, &QThread::finished, this, [this, thread] { threadFinished(thread); });
    m_thread = thread;
    setState(State::Starting);
    thread->start();
}

void EmbeddedApi::stopThread()
{
    setState(State::Stopping);
    m_thread->quit();
}

void EmbeddedApi::threadListening(ApiServerThread *thread, quint16 port)
{
    if (thread != m_thread)
        return;
    m_port = port;
    m_error.clear();
    setState(State::Running);
    emit started(url());
    reconcile(); // the settings may have changed while it started
}

void EmbeddedApi::threadFailed(ApiServerThread *thread, const QString &message)
{
    if (thread != m_thread)
        return;
    m_error = message;
    m_startFailed = true;
    emit failed(message);
    showFailure(message);
}

void EmbeddedApi::threadFinished(ApiServerThread *thread)
{
    if (thread != m_thread)
        return;
    const bool wasRunning = m_state == State::Running || m_state == State::Stopping;
    thread->wait();
    thread->deleteLater();
    m_thread = nullptr;
    m_port = 0;
    if (m_state == State::Stopping)
        m_error.clear();
    setState(State::Stopped);
    if (wasRunning)
        emit stopped();
    reconcile();
}

void EmbeddedApi::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void EmbeddedApi::showFailure(const QString &message)
{
    if (!m_showsFailures)
        return;
    // Over the settings dialog when it is still open (Apply), else over the window.
    QWidget *parent = QApplication::activeModalWidget() ? QApplication::activeModalWidget() : m_window.data();
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("API Server Not Started"),
                        tr("The REST API server cannot start. %1").arg(message), QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("apiServerFailedBox"));
    box->setInformativeText(tr("The API server setting stays on. Free the port, or choose another port (or "
                               "any free port) under Settings, API Server, and apply."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace fabrica
