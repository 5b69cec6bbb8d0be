#pragma once

#include "DatabaseUrl.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace fabrica {

// What a Fabrica storage holds, as a backup reports it.
struct StorageContents
{
    int version = 0; // the storage's migration version; 0 = no Fabrica tables
    qint64 users = 0;
    qint64 schemas = 0;
    qint64 runs = 0;

    bool isEmpty() const { return users == 0 && schemas == 0 && runs == 0; }
};

// Backs up Fabrica's storage into one file and restores such a file into an empty storage: SQLite through
// its online backup API (a consistent copy while other connections write), PostgreSQL with pg_dump -Fc
// and pg_restore. The backup file appears only when complete (written under a temporary name, renamed).
class StorageBackup
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::StorageBackup)

public:
    enum class Kind { Sqlite, PostgresDump };

    struct Made
    {
        Kind kind = Kind::Sqlite;
        StorageContents contents; // what the file holds (read from the same snapshot as the copy)
        qint64 bytes = 0;
    };

    struct Restored
    {
        Kind kind = Kind::Sqlite;
        int backupVersion = 0;    // the version the backup was taken at
        StorageContents contents; // the target afterwards, migrated to this Fabrica's version
    };

    // Writes a backup of the storage at url to file (replacing it only once the new one is complete).
    static Result<Made> backup(const DatabaseUrl &url, const QString &file);
    // Restores file into the storage at url. Refuses (Conflict) when the target holds any user, schema or
    // run, unless force, which replaces it; refuses a backup of another backend or of a newer Fabrica.
    // An older backup is migrated to this Fabrica's version afterwards.
    static Result<Restored> restore(const QString &file, const DatabaseUrl &url, bool force);

    // The kind of backup a file holds, from its first bytes ("SQLite format 3", "PGDMP").
    static Result<Kind> kindOf(const QString &file);
    static QString kindName(Kind kind);
    // The version and the counts of a storage; zeros when it has no Fabrica tables.
    static Result<StorageContents> contents(QSqlDatabase &db);
};

} // namespace fabrica
