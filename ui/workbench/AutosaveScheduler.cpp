#include "AutosaveScheduler.h"

#include "UiLogging.h"
#include "session/SchemaSession.h"

#include <QTimer>

namespace fabrica {

AutosaveScheduler::AutosaveScheduler(const QString &folder, qint64 userId, int delayMs, QObject *parent)
    : QObject(parent), m_store(folder), m_userId(userId), m_delayMs(delayMs)
{
    m_worker.setMaxThreadCount(1);
}

AutosaveScheduler::~AutosaveScheduler()
{
    m_worker.waitForDone();
}

void AutosaveScheduler::waitForDone()
{
    m_worker.waitForDone();
}

void AutosaveScheduler::remove(const QUuid &id)
{
    m_worker.start([store = m_store, id] { store.remove(id); });
}

void AutosaveScheduler::watch(SchemaSession *session)
{
    connect(session->document(), &SchemaDocument::changed, this, [this, session] { schedule(session); });
    connect(session, &SchemaSession::dirtyChanged, this, [this, session](bool dirty) {
        if (!dirty)
            remove(session->autosaveId());
    });
    connect(session, &QObject::destroyed, this, [this, session] { delete m_timers.take(session); });
}

void AutosaveScheduler::forget(SchemaSession *session)
{
    delete m_timers.take(session);
    disconnect(session, nullptr, this, nullptr);
    disconnect(session->document(), nullptr, this, nullptr);
    remove(session->autosaveId());
}

void AutosaveScheduler::schedule(SchemaSession *session)
{
    QTimer *&timer = m_timers[session];
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        timer->setInterval(m_delayMs);
        connect(timer, &QTimer::timeout, this, [this, session] { writeNow(session); });
    }
    timer->start();
}

void AutosaveScheduler::writeNow(SchemaSession *session)
{
    if (!session->isDirty()) {
        remove(session->autosaveId());
        return;
    }
    AutosaveStore::Entry entry;
    entry.id = session->autosaveId();
    entry.userId = m_userId;
    entry.origin = session->origin();
    entry.filePath = session->filePath();
    entry.storedId = session->storedId();
    entry.storedOwnerId = session->storedOwnerId();
    entry.storedOwner = session->storedOwner();
    entry.saved = QDateTime::currentDateTimeUtc();
    entry.schema = session->schema();
    // The schema is copied (cheap: implicitly shared); serialising and writing happen on the worker.
    m_worker.start([store = m_store, entry = std::move(entry)] {
        if (Result<void> written = store.write(entry); !written)
            qCWarning(lcUi).noquote() << "autosave failed:" << written.error().toString();
    });
}

QList<AutosaveStore::Entry> AutosaveScheduler::recoverable() const
{
    return m_store.load(m_userId);
}

void AutosaveScheduler::discard(const QUuid &id)
{
    remove(id);
}

} // namespace fabrica
