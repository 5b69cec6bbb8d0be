#include "ApiServerThread.h"

#include "UiLogging.h"
#include "api/ApiServer.h"
#include "import/ImportLimits.h"
#include "jobs/JobService.h"

#include <QSettings>

namespace fabrica {

namespace {

// A desktop serves a few local clients: a small pool keeps the storage connections (one per thread) few.
constexpr int kHandlerThreads = 4;

} // namespace

ApiServerThread::ApiServerThread(Repository &storage, AuthService &auth, quint16 port, int jobWorkers,
                                 QObject *parent)
    : QThread(parent)
    , m_storage(storage)
    , m_auth(auth)
    , m_requestedPort(port)
    , m_jobWorkers(jobWorkers)
{
    setObjectName(QStringLiteral("fabrica-api"));
}

ApiServerThread::~ApiServerThread()
{
    quit();
    wait();
}

void ApiServerThread::run()
{
    // Both live on this thread: the server's sockets are served by this thread's event loop.
    JobService jobs(m_storage);
    ApiServer::Options options;
    options.workerThreads = kHandlerThreads;
    options.jobs = &jobs;
    options.importLimits = ImportLimits::fromSettings(QSettings()); // the window's own import limits
    ApiServer server(m_storage, m_auth, options);
    const Result<quint16> port = server.listen(QHostAddress(QHostAddress::LocalHost), m_requestedPort);
    if (!port) {
        qCWarning(lcUi).noquote() << "API server:" << port.error().message;
        emit failed(port.error().message);
        return;
    }
    jobs.start(m_jobWorkers);
    qCInfo(lcUi) << "API server listening on 127.0.0.1 port" << port.value();
    emit listening(port.value());
    exec();
    // No new connection; the handlers still running finish first, then the jobs this instance runs end
    // as cancelled (their sinks roll back).
    server.close();
    jobs.stop();
    qCInfo(lcUi) << "API server stopped";
}

} // namespace fabrica
