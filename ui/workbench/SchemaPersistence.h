#pragma once

#include "common/Result.h"
#include "model/Schema.h"
#include "storage/StoredRecords.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

namespace fabrica {

class Repository;
class SchemaSession;

// Reads and writes schemas for the window, off the GUI thread: files through SchemaFile (QSaveFile),
// stored schemas through the Repository (one transaction each). Results come back as signals on the
// GUI thread; a session edited while it was being saved stays dirty.
class SchemaPersistence : public QObject
{
    Q_OBJECT

public:
    SchemaPersistence(Repository *repository, const Actor &actor, QObject *parent = nullptr);
    ~SchemaPersistence() override;

    Repository *repository() const { return m_repository; }
    const Actor &actor() const { return m_actor; }

    // Loading: `loaded` carries the schema and where it came from.
    void loadFile(const QString &path);
    void loadStored(qint64 id, qint64 ownerId, const QString &owner);
    void refreshStored();
    // Deletes a stored schema with its runs; the list is read again afterwards.
    void deleteStored(qint64 id);

    // Saving where the session came from: its file, its stored schema, or (new) storage for ownerId.
    void save(SchemaSession *session, qint64 ownerId);
    void saveToFile(SchemaSession *session, const QString &path);
    void saveToStorage(SchemaSession *session, qint64 ownerId);

    // Waits for every load and save in flight (closing the window).
    void waitForIdle();
    int pending() const { return m_pending; }

signals:
    void fileLoaded(const QString &path, const fabrica::Schema &schema);
    void storedLoaded(qint64 id, qint64 ownerId, const QString &owner, const fabrica::Schema &schema);
    void storedListed(const QList<fabrica::SchemaRecord> &records);
    void storedDeleted(qint64 id);
    void saved(fabrica::SchemaSession *session);
    void failed(const QString &what, const fabrica::Error &error);
    void idle();

private:
    template<typename T, typename Work, typename Done> void run(Work work, Done done);
    // Saves a copy of the session's schema with work(schema) off the GUI thread; on success done(session,
    // result) updates where it now lives, the session is marked saved (unless edited meanwhile) and saved()
    // is emitted; on failure, failed(what, …).
    template<typename T, typename Work, typename Done>
    void saveSession(SchemaSession *session, const QString &what, Work work, Done done);

    Repository *m_repository;
    Actor m_actor;
    int m_pending = 0;
    QList<QFuture<void>> m_inFlight;
};

} // namespace fabrica
