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
        const Schema schema = session->schema();
        const int index = session->undoStack()->index();
        QPointer<SchemaSession> guard(session);
        run<Result<SchemaRecord>>([repository, actor, id, schema] { return repository->updateSchema(actor, id, schema); },
                                  [this, guard, index](const Result<SchemaRecord> &record) {
                                      if (!guard)
                                          return;
                                      finishSave(guard, index, record ? Result<void>() : Result<void>(record.error()),
                                                 tr("Cannot save %1").arg(guard->displayName()));
                                  });
        break;
    }
    case SchemaSession::Origin::Unsaved:
        saveToStorage(session, ownerId);
        break;
    }
}

void SchemaPersistence::saveToFile(SchemaSession *session, const QString &path)
{
    const Schema schema = session->schema();
    const int index = session->undoStack()->index();
    QPointer<SchemaSession> guard(session);
    run<Result<void>>([schema, path] { return SchemaFile::save(schema, path); },
                      [this, guard, index, path](const Result<void> &result) {
                          if (!guard)
                              return;
                          if (result && guard->filePath() != path)
                              guard->setFile(path);
                          finishSave(guard, index, result, tr("Cannot save %1").arg(path));
                      });
}

void SchemaPersistence::saveToStorage(SchemaSession *session, qint64 ownerId)
{
    if (!m_repository)
        return;
    Repository *repository = m_repository;
    const Actor actor = m_actor;
    const Schema schema = session->schema();
    const int index = session->undoStack()->index();
    QPointer<SchemaSession> guard(session);
    run<Result<SchemaRecord>>(
        [repository, actor, ownerId, schema] { return repository->saveSchema(actor, ownerId, schema); },
        [this, guard, index](const Result<SchemaRecord> &record) {
            if (!guard)
                return;
            if (record)
                guard->setStored(record->id, record->userId, record->owner);
            finishSave(guard, index, record ? Result<void>() : Result<void>(record.error()),
                       tr("Cannot store %1").arg(guard->displayName()));
            if (record)
                refreshStored();
        });
}

void SchemaPersistence::finishSave(SchemaSession *session, int index, const Result<void> &result,
                                   const QString &what)
{
    if (!result) {
        emit failed(what, result.error());
        return;
    }
    // Edits made while saving are not in the saved copy: the session stays dirty then.
    if (session->undoStack()->index() == index)
        session->markSaved();
    emit saved(session);
}

} // namespace fabrica
