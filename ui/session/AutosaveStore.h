#pragma once

#include "SchemaSession.h"
#include "common/Result.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>

namespace fabrica {

// Crash recovery: unsaved edits of open schemas are written to the application data folder
// (autosave/<id>.fabrica.json plus a small <id>.meta.json saying where the schema came from), each
// through QSaveFile, and offered back on the next start of the same user.
class AutosaveStore
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::AutosaveStore)

public:
    struct Entry
    {
        QUuid id;
        qint64 userId = 0;      // whose edit it was: only they are offered it
        SchemaSession::Origin origin = SchemaSession::Origin::Unsaved;
        QString filePath;       // for "file"
        qint64 storedId = 0;    // for "stored"
        qint64 storedOwnerId = 0;
        QString storedOwner;
        QDateTime saved;        // UTC
        Schema schema;          // filled by load()
    };

    // Default folder: <AppDataLocation>/autosave.
    explicit AutosaveStore(QString folder = {});
    QString folder() const { return m_folder; }

    // Safe to call from a worker thread.
    Result<void> write(const Entry &entry) const;
    void remove(const QUuid &id) const;
    // The entries of userId, newest first, schemas read; unreadable ones are skipped (and logged).
    QList<Entry> load(qint64 userId) const;

private:
    QString schemaPath(const QUuid &id) const;
    QString metaPath(const QUuid &id) const;

    QString m_folder;
};

} // namespace fabrica
