#include "ImportRunner.h"

#include "UiLogging.h"

#include <QtConcurrent>

namespace fabrica {

namespace {

// The worker: every file in turn, outcomes combined; the runner is alive until this returns (its
// destructor waits), so posting to it is safe.
ImportService::Outcome importAll(ImportRunner *runner, const QStringList &paths,
                                 ImportService::Options options, const std::atomic<bool> *cancel)
{
    ImportService::Outcome combined;
    const int total = int(paths.size());
    options.cancel = cancel;
    options.progress = [runner](int done, int entries) {
        QMetaObject::invokeMethod(
            runner, [runner, done, entries] { emit runner->fileProgress(done, entries); },
            Qt::QueuedConnection);
    };
    auto announce = [runner, total](int done, const QString &file) {
        QMetaObject::invokeMethod(
            runner, [runner, done, total, file] { emit runner->progress(done, total, file); },
            Qt::QueuedConnection);
    };
    for (int i = 0; i < total; ++i) {
        if (cancel->load())
            return combined;
        announce(i, paths[i]);
        const ImportService::Outcome one = ImportService::importFile(paths[i], options);
        combined.schemas.append(one.schemas);
        combined.report.append(one.report);
    }
    if (total > 0)
        announce(total, paths.last());
    return combined;
}

} // namespace

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<ImportService::Outcome>::finished, this,
            &ImportRunner::workerFinished);
}

ImportRunner::~ImportRunner()
{
    m_cancel = true;
    m_watcher.waitForFinished();
}

void ImportRunner::setOptions(const ImportService::Options &options)
{
    m_options = options;
    m_options.progress = nullptr;
    m_options.cancel = nullptr;
}

void ImportRunner::start(const QStringList &paths)
{
    if (isRunning()) {
        qCWarning(lcUi) << "an import is running; ignored the request to import" << paths;
        return;
    }
    m_cancel = false;
    m_running = true;
    qCInfo(lcUi) << "importing" << paths;
    m_watcher.setFuture(QtConcurrent::run(importAll, this, paths, m_options, &m_cancel));
}

void ImportRunner::cancel()
{
    if (isRunning())
        m_cancel = true;
}

bool ImportRunner::isRunning() const
{
    return m_running;
}

void ImportRunner::workerFinished()
{
    const ImportService::Outcome outcome = m_watcher.result();
    // Cleared before the signals, so that a slot of either may start the next import.
    m_running = false;
    if (m_cancel.load()) {
        qCInfo(lcUi) << "import cancelled";
        emit cancelled();
        return;
    }
    qCInfo(lcUi) << "import finished:" << outcome.schemas.size() << "schema(s),"
                 << outcome.report.lines().size() << "report lines";
    emit finished(outcome);
}

} // namespace fabrica
