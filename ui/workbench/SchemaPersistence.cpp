#include "SchemaPersistence.h"

#include "format/SchemaFile.h"
#include "session/SchemaSession.h"
#include "storage/Repository.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace fabrica {

SchemaPersistence::SchemaPersistence(Repository *repository, const Actor &actor, QObject *parent)
    : QObject(parent), m_repository(repository), m_actor(actor)
{
}

SchemaPersistence::~SchemaPersistence()
{
    waitForIdle();
}

template<typename T, typename Work, typename Done> void SchemaPersistence::run(Work work, Done done)
{
    ++m_pending;
    auto *watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcher<T>::finished, this, [this, watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
        if (--m_pending == 0)
            emit idle();
    });
    QFuture<T> future = QtConcurrent::run(std::move(work));
    m_inFlight.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    m_inFlight.append(QFuture<void>(future));
    watcher->setFuture(future);
}

void SchemaPersistence::waitForIdle()
{
    for (QFuture<void> &future : m_inFlight)
        future.waitForFinished();
    m_inFlight.clear();
}

void SchemaPersistence::loadFile(const QString &path)
{
    run<Result<Schema>>([path] { return SchemaFile::load(path); },
                        [this, path](const Result<Schema> &schema) {
                            if (schema)
                                emit fileLoaded(path, schema.value());
                            else
                                emit failed(tr("Cannot open %1").arg(path), schema.error());
                        });
}

void SchemaPersistence::loadStored(qint64 id, qint64 ownerId, const QString &owner)
{
    if (!m_repository)
        return;
    Repository *repository = m_repository;
    const Actor actor = m_actor;
    run<Result<Schema>>([repository, actor, id] { return repository->loadSchema(actor, id); },
                        [this, id, ownerId, owner](const Result<Schema> &schema) {
                            if (schema)
                                emit storedLoaded(id, ownerId, owner, schema.value());
                            else
                                emit failed(tr("Cannot open the stored schema"), schema.error());
                        });
}

void SchemaPersistence::refreshStored()
{
    if (!m_repository)
        return;
    Repository *repository = m_repository;
    const Actor actor = m_actor;
    run<Result<QList<SchemaRecord>>>([repository, actor] { return repository->schemas(actor); },
                                     [this](const Result<QList<SchemaRecord>> &records) {
                                         if (records)
                                             emit storedListed(records.value());
                                         else
                                             emit failed(tr("Cannot list the stored schemas"), records.error());
                                     });
}

void SchemaPersistence::deleteStored(qint64 id)
{
    if (!m_repository)
        return;
    Repository *repository = m_repository;
    const Actor actor = m_actor;
    run<Result<void>>([repository, actor, id] { return repository->deleteSchema(actor, id); },
                      [this, id](const Result<void> &deleted) {
                          if (!deleted) {
                              emit failed(tr("Cannot delete the stored schema"), deleted.error());
                              return;
                          }
                          emit storedDeleted(id);
                          refreshStored();
                      });
}

template<typename T, typename Work, typename Done>
void SchemaPersistence::saveSession(SchemaSession *session, const QString &what, Work work, Done done)
{
    // A copy (implicitly shared) goes to the worker; the stack's index says whether the session was edited
    // while it was being saved, in which case it stays dirty.
    const Schema schema = session->schema();
    const int index = session->undoStack()->index();
    QPointer<SchemaSession> guard(session);
    run<Result<T>>([work, schema] { return work(schema); },
                   [this, guard, index, what, done](const Result<T> &result) {
                       if (!guard)
                           return;
                       if (!result) {
                           emit failed(what, result.error());
                           return;
                       }
                       done(*guard, result);
                       if (guard->undoStack()->index() == index)
                           guard->markSaved();
                       emit saved(guard);
                   });
}

void SchemaPersistence::save(SchemaSession *session, qint64 ownerId)
{
    switch (session->origin()) {
    case SchemaSession::Origin::File:
        saveToFile(session, session->filePath());
        break;
    case SchemaSession::Origin::Stored: {
        if (!m_repository)
            return;
        Repository *repository = m_repository;
        const Actor actor = m_actor;
        const qint64 id = session->storedId();
        saveSession<SchemaRecord>(
            session, tr("Cannot save %1").arg(session->displayName()),
            [repository, actor, id](const Schema &schema) { return repository->updateSchema(actor, id, schema); },
            [](SchemaSession &, const Result<SchemaRecord> &) {});
        break;
    }
    case SchemaSession::Origin::Unsaved:
        saveToStorage(session, ownerId);
        break;
    }
}

void SchemaPersistence::saveToFile(SchemaSession *session, const QString &path)
{
    saveSession<void>(
        session, tr("Cannot save %1").arg(path), [path](const Schema &schema) { return SchemaFile::save(schema, path); },
        [path](SchemaSession &saved, const Result<void> &) {
            if (saved.filePath() != path)
                saved.setFile(path);
        });
}

void SchemaPersistence::saveToStorage(SchemaSession *session, qint64 ownerId)
{
    if (!m_repository)
        return;
    Repository *repository = m_repository;
    const Actor actor = m_actor;
    saveSession<SchemaRecord>(
        session, tr("Cannot store %1").arg(session->displayName()),
        [repository, actor, ownerId](const Schema &schema) { return repository->saveSchema(actor, ownerId, schema); },
        [this](SchemaSession &saved, const Result<SchemaRecord> &record) {
            saved.setStored(record->id, record->userId, record->owner);
            refreshStored();
        });
}

} // namespace fabrica
