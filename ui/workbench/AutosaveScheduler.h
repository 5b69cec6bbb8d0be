#pragma once

#include "session/AutosaveStore.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

class QTimer;

namespace fabrica {

class SchemaSession;

// Crash recovery for the open schemas of one user: a short while after the last edit of a dirty
// session its schema goes to the AutosaveStore; saving, closing or undoing back to the saved state
// removes the copy again. A session deleted without being forgotten (a crash) leaves its copy behind.
// Files are written and removed on a worker thread of their own (a big schema takes a while to write),
// one at a time, so a removal never overtakes the write before it.
class AutosaveScheduler : public QObject
{
    Q_OBJECT

public:
    AutosaveScheduler(const QString &folder, qint64 userId, int delayMs, QObject *parent = nullptr);
    ~AutosaveScheduler() override;

    void watch(SchemaSession *session);
    // The session is closed or saved for good: its copy goes.
    void forget(SchemaSession *session);
    void writeNow(SchemaSession *session);
    // What an earlier run left for this user, newest first.
    QList<AutosaveStore::Entry> recoverable() const;
    void discard(const QUuid &id);
    // Waits until every write and removal asked for so far is done.
    void waitForDone();

private:
    void schedule(SchemaSession *session);
    void remove(const QUuid &id);

    AutosaveStore m_store;
    qint64 m_userId;
    int m_delayMs;
    QHash<SchemaSession *, QTimer *> m_timers;
    QThreadPool m_worker;
};

} // namespace fabrica
