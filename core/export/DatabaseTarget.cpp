#include "DatabaseTarget.h"

#include "auth/SecretBytes.h"
#include "storage/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace fabrica {

namespace {

// The nearest folder of `path` that exists: the one in which the load's mkpath starts creating.
QString nearestExistingFolder(const QString &path)
{
    QString folder = QFileInfo(path).absolutePath();
    while (!QFileInfo(folder).isDir()) {
        const QString parent = QFileInfo(folder).absolutePath();
        if (parent == folder)
            break;
        folder = parent;
    }
    return folder;
}

} // namespace

QString DatabaseTarget::label() const
{
    return displayName.isEmpty() ? url.displayString() : displayName;
}

DatabaseUrl DatabaseTarget::connectionUrl() const
{
    DatabaseUrl withPassword = url;
    if (!password.isEmpty())
        withPassword.password = QString::fromUtf8(password);
    return withPassword;
}

Result<std::shared_ptr<Database>> DatabaseTarget::open() const
{
    return Database::open(connectionUrl());
}

Result<DatabaseTarget::Check> DatabaseTarget::check() const
{
    Check found;
    if (url.isSqlite()) {
        const QFileInfo file(url.path);
        if (file.isDir())
            return makeError(ErrorCode::InvalidInput,
                             tr("%1 is a folder; name a database file in it").arg(url.path));
        if (!file.exists()) {
            const QString folder = nearestExistingFolder(url.path);
            if (!QFileInfo(folder).isWritable())
                return makeError(ErrorCode::Io,
                                 tr("cannot create %1: the folder %2 is not writable").arg(url.path, folder));
            // The same SQLite library answers for a scratch file.
            QTemporaryDir scratch;
            if (!scratch.isValid())
                return makeError(ErrorCode::Io,
                                 tr("cannot create a temporary folder: %1").arg(scratch.errorString()));
            Result<std::shared_ptr<Database>> probe =
                Database::open(DatabaseUrl::sqliteFile(scratch.filePath(QStringLiteral("probe.db"))));
            if (!probe)
                return probe.error();
            Result<QString> version = (*probe)->serverVersion();
            if (!version)
                return version.error();
            found.serverVersion = *version;
            found.exists = false;
            return found;
        }
    }
    Result<std::shared_ptr<Database>> database = open();
    if (!database)
        return database.error();
    Result<QString> version = (*database)->serverVersion();
    if (!version)
        return version.error();
    found.serverVersion = *version;
    if (url.isPostgres() && !url.schema.isEmpty()) {
        Result<QSqlDatabase> db = (*database)->connection();
        if (!db)
            return db.error();
        QSqlQuery query(*db);
        query.prepare(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?"));
        query.addBindValue(url.schema);
        if (Result<void> done = Database::exec(query, tr("cannot look for the schema %1").arg(url.schema));
            !done)
            return done.error();
        found.exists = query.next() && query.value(0).toInt() > 0;
    }
    return found;
}

void DatabaseTarget::wipePassword()
{
    SecretBytes::wipe(password);
    password.clear();
}

} // namespace fabrica
