#include "ValidationScheduler.h"

#include "model/SchemaDocument.h"
#include "validate/SchemaValidator.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fabrica {

ValidationScheduler::ValidationScheduler(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &ValidationScheduler::start);
    connect(&m_watcher, &QFutureWatcher<Problems>::finished, this, &ValidationScheduler::finished);
}

ValidationScheduler::~ValidationScheduler()
{
    m_watcher.waitForFinished();
}

void ValidationScheduler::setDocument(SchemaDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    ++m_generation;
    m_problems.clear();
    emit problemsChanged(m_problems);
    if (!m_document)
        return;
    connect(m_document, &SchemaDocument::changed, this, [this] {
        ++m_generation;
        m_timer.start();
    });
    connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    validateNow();
}

void ValidationScheduler::validateNow()
{
    m_timer.stop();
    start();
}

void ValidationScheduler::start()
{
    if (!m_document)
        return;
    if (m_watcher.isRunning()) {
        m_pending = true;
        return;
    }
    m_pending = false;
    m_runningGeneration = m_generation;
    // A copy: the worker must not read the document while the GUI thread edits it (implicit sharing
    // makes this cheap until the next edit).
    Schema schema = m_document->schema();
    m_watcher.setFuture(QtConcurrent::run([schema = std::move(schema)] { return SchemaValidator().validate(schema); }));
}

void ValidationScheduler::finished()
{
    if (m_runningGeneration == m_generation && m_document) {
        m_problems = m_watcher.result();
        emit problemsChanged(m_problems);
    } else if (m_document && !m_timer.isActive()) {
        m_pending = true;
    }
    if (m_pending)
        start();
}

} // namespace fabrica
