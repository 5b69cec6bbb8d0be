#pragma once

#include "StorageBackup.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace fabrica {

// SQLite's online backup API between Fabrica's storage (the Qt driver's own connection, so its WAL mode
// and busy timeout apply) and a backup file (a connection of its own). One backup step copies every page
// inside one read transaction: in WAL mode the copy is a consistent snapshot while other connections and
// processes keep writing, and it never blocks them.
class SqliteBackup
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqliteBackup)

public:
    // Copies the storage of db into the empty file at path, leaves it a single file (rollback journal, not
    // WAL), checks its integrity, and answers what the copy holds.
    static Result<StorageContents> backup(QSqlDatabase &storage, const QString &path);
    // Opens a backup read-only, checks its integrity and that it holds Fabrica's storage; answers what it
    // holds.
    static Result<StorageContents> inspect(const QString &path);
    // Replaces every page of the storage of db with the backup's.
    static Result<void> restore(const QString &path, QSqlDatabase &storage);
    // PRAGMA integrity_check; the first problems it names in the error.
    static Result<void> checkIntegrity(QSqlDatabase &db, const QString &what);
};

} // namespace fabrica
