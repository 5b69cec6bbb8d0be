#pragma once

#include "StorageBackup.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace fabrica {

class Database;

// pg_dump -Fc and pg_restore for Fabrica's storage on PostgreSQL. The tools are found in PATH or the newest
// /usr/lib/postgresql/N/bin and reach the server through PG* environment variables made from the storage
// URL, so the password is never on a command line (which any local user may read) nor in a log.
class PostgresBackup
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PostgresBackup)

public:
    // Dumps the storage database into path (custom format) from a snapshot exported by a repeatable-read
    // transaction, in which the answered counts are read too: they describe exactly what the dump holds,
    // whatever was written meanwhile.
    static Result<StorageContents> backup(Database &storage, const QString &path);
    // The storage version a dump was taken at (its schema_version rows, read by pg_restore without a
    // server); InvalidInput when the dump holds no Fabrica storage.
    static Result<int> dumpVersion(const QString &path);
    // pg_restore --clean --if-exists --no-owner of path into the storage database, in one transaction
    // (nothing changes when it fails). Makes the role fabrica_app first when the cluster lacks it.
    static Result<void> restore(const QString &path, Database &storage);

    // The program's full path, or empty when it is not installed.
    static QString findTool(const QString &name);
    // The environment the tools connect with: libpq's PG* variables for the URL's parts.
    static QProcessEnvironment environment(const Database &storage, const QString &database);

private:
    static Result<QByteArray> runTool(const QString &name, const QStringList &arguments,
                                      const QProcessEnvironment &environment);
};

} // namespace fabrica
