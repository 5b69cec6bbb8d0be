#include "StorageBackup.h"

#include "Database.h"
#include "Migrations.h"
#include "PostgresBackup.h"
#include "SqliteBackup.h"
#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <filesystem>

namespace fabrica {

namespace {

bool sameFile(const QString &a, const QString &b)
{
    const QString first = QFileInfo(a).canonicalFilePath();
    return !first.isEmpty() && first == QFileInfo(b).canonicalFilePath();
}

} // namespace

Result<StorageBackup::Kind> StorageBackup::kindOf(const QString &file)
{
    QFile backup(file);
    if (!backup.exists())
        return makeError(ErrorCode::NotFound, tr("there is no file %1").arg(file));
    if (QFileInfo(file).isDir())
        return makeError(ErrorCode::InvalidInput, tr("%1 is a folder, not a backup file").arg(file));
    if (!backup.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("cannot read %1: %2").arg(file, backup.errorString()));
    const QByteArray head = backup.read(16);
    if (head == QByteArray("SQLite format 3\0", 16))
        return Kind::Sqlite;
    if (head.startsWith("PGDMP"))
        return Kind::PostgresDump;
    if (head.startsWith("--"))
        return makeError(ErrorCode::InvalidInput,
                         tr("%1 looks like a plain SQL script: fabrica restore reads what fabrica backup "
                            "writes, a SQLite database file or a pg_dump custom-format archive (pg_dump -Fc)")
                             .arg(file));
    return makeError(ErrorCode::InvalidInput,
                     tr("%1 is not a Fabrica backup: it is neither a SQLite database file nor a pg_dump "
                        "custom-format archive")
                         .arg(file));
}

QString StorageBackup::kindName(Kind kind)
{
    return kind == Kind::Sqlite ? tr("SQLite backup") : tr("PostgreSQL dump");
}

Result<StorageContents> StorageBackup::contents(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return StorageContents{};
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT coalesce(max(version), 0) FROM schema_version), (SELECT count(*) FROM users), "
            "(SELECT count(*) FROM schemas), (SELECT count(*) FROM generation_runs)")) ||
        !query.next())
        return Database::error(query.lastError(), tr("cannot count what the storage holds"));
    StorageContents contents;
    contents.version = query.value(0).toInt();
    contents.users = query.value(1).toLongLong();
    contents.schemas = query.value(2).toLongLong();
    contents.runs = query.value(3).toLongLong();
    return contents;
}

Result<StorageBackup::Made> StorageBackup::backup(const DatabaseUrl &url, const QString &file)
{
    if (url.isMysql())
        return makeError(ErrorCode::Unsupported,
                         tr("Fabrica's storage lives in SQLite or PostgreSQL, not MySQL"));
    // Opening a missing SQLite file would make an empty storage, and back that up.
    if (url.isSqlite() && !QFileInfo(url.path).isFile())
        return makeError(ErrorCode::NotFound, tr("there is no storage at %1").arg(url.displayString()));
    const QFileInfo out(file);
    if (out.isDir())
        return makeError(ErrorCode::InvalidInput, tr("%1 is a folder; name the backup file").arg(file));
    if (!out.absoluteDir().exists())
        return makeError(ErrorCode::NotFound, tr("the folder %1 does not exist").arg(out.absolutePath()));
    if (url.isSqlite() && sameFile(url.path, file))
        return makeError(ErrorCode::InvalidInput,
                         tr("%1 is the storage itself; name another file").arg(file));

    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    // Written beside its final name (same file system, so the rename is atomic) and private from the start:
    // it holds password hashes.
    QTemporaryFile partial(out.absolutePath() + QStringLiteral("/.") + out.fileName() +
                           QStringLiteral(".XXXXXX"));
    if (!partial.open())
        return makeError(ErrorCode::Io,
                         tr("cannot write in %1: %2").arg(out.absolutePath(), partial.errorString()));
    partial.close();
    const QString partialPath = partial.fileName();
    // SQLite may leave its rollback journal beside a copy that failed.
    struct JournalCleanup
    {
        QString path;
        bool armed = true;
        ~JournalCleanup()
        {
            if (armed)
                QFile::remove(path + QStringLiteral("-journal"));
        }
    } cleanup{partialPath};

    Made made;
    made.kind = url.isPostgres() ? Kind::PostgresDump : Kind::Sqlite;
    qCInfo(lcStorage) << "backing up" << url.displayString() << "to" << file;
    if (url.isSqlite()) {
        Result<QSqlDatabase> db = (*database)->connection();
        if (!db)
            return db.error();
        Result<StorageContents> source = contents(db.value());
        if (!source)
            return source.error();
        if (source->version == 0)
            return makeError(
                ErrorCode::NotFound,
                tr("%1 holds no Fabrica storage (no schema_version table)").arg(url.displayString()));
        Result<StorageContents> copied = SqliteBackup::backup(db.value(), partialPath);
        if (!copied)
            return copied.error();
        made.contents = copied.value();
    } else {
        Result<StorageContents> dumped = PostgresBackup::backup(**database, partialPath);
        if (!dumped)
            return dumped.error();
        made.contents = dumped.value();
    }
    made.bytes = QFileInfo(partialPath).size();
    std::error_code failed;
    std::filesystem::rename(QFile::encodeName(partialPath).toStdString(),
                            QFile::encodeName(file).toStdString(), failed);
    if (failed)
        return makeError(ErrorCode::Io, tr("cannot rename the finished backup to %1: %2")
                                            .arg(file, QString::fromLocal8Bit(failed.message().c_str())));
    partial.setAutoRemove(false);
    qCInfo(lcStorage) << "backed up" << url.displayString() << "at version" << made.contents.version;
    return made;
}

Result<StorageBackup::Restored> StorageBackup::restore(const QString &file, const DatabaseUrl &url,
                                                       bool force)
{
    if (url.isMysql())
        return makeError(ErrorCode::Unsupported,
                         tr("Fabrica's storage lives in SQLite or PostgreSQL, not MySQL"));
    Result<Kind> kind = kindOf(file);
    if (!kind)
        return kind.error();
    if (*kind == Kind::Sqlite && url.isPostgres())
        return makeError(ErrorCode::InvalidInput,
                         tr("%1 is a backup of SQLite storage, but %2 is PostgreSQL: restore it into SQLite "
                            "storage (--database sqlite:FILE)")
                             .arg(file, url.displayString()));
    if (*kind == Kind::PostgresDump && url.isSqlite())
        return makeError(
            ErrorCode::InvalidInput,
            tr("%1 is a pg_dump archive of PostgreSQL storage, but %2 is SQLite: restore it into "
               "PostgreSQL storage (--database postgresql://user@host/database)")
                .arg(file, url.displayString()));
    if (url.isSqlite() && sameFile(url.path, file))
        return makeError(ErrorCode::InvalidInput, tr("%1 is the target storage itself").arg(file));

    // What the backup is, before anything changes: a damaged file or one of a newer Fabrica stops here.
    Restored restored;
    restored.kind = *kind;
    if (*kind == Kind::Sqlite) {
        Result<StorageContents> inside = SqliteBackup::inspect(file);
        if (!inside)
            return inside.error();
        restored.backupVersion = inside->version;
    } else {
        Result<int> version = PostgresBackup::dumpVersion(file);
        if (!version)
            return version.error();
        restored.backupVersion = *version;
    }
    const int latest = Migrations::latestVersion(url.dialect);
    if (restored.backupVersion > latest)
        return makeError(ErrorCode::Unsupported,
                         tr("%1 holds storage version %2, made by a newer Fabrica (this one knows up to %3): "
                            "restore it with that Fabrica or a newer one")
                             .arg(file)
                             .arg(restored.backupVersion)
                             .arg(latest));

    {
        Result<std::shared_ptr<Database>> target = Database::open(url);
        if (!target)
            return target.error();
        Result<QSqlDatabase> db = (*target)->connection();
        if (!db)
            return db.error();
        Result<StorageContents> before = contents(db.value());
        if (!before)
            return before.error();
        if (!before->isEmpty() && !force)
            return makeError(
                ErrorCode::Conflict,
                tr("%1 is not empty (users: %2, schemas: %3, runs: %4): a backup is restored into "
                   "an empty storage; to replace this one with the backup, restore with --force")
                    .arg(url.displayString())
                    .arg(before->users)
                    .arg(before->schemas)
                    .arg(before->runs));
        qCInfo(lcStorage) << "restoring" << file << "into" << url.displayString()
                          << (before->isEmpty() ? "(empty)" : "(replacing its contents)");
        if (*kind == Kind::Sqlite) {
            if (Result<void> copied = SqliteBackup::restore(file, db.value()); !copied)
                return copied.error();
            if (Result<void> checked = SqliteBackup::checkIntegrity(db.value(), url.displayString());
                !checked)
                return checked.error();
        } else if (Result<void> loaded = PostgresBackup::restore(file, **target); !loaded) {
            return loaded.error();
        }
    }

    // A fresh connection sees the restored storage as any later one will; an older backup is brought up
    // to this Fabrica's version, as `fabrica db migrate` would.
    Result<std::shared_ptr<Database>> restoredDatabase = Database::open(url);
    if (!restoredDatabase)
        return restoredDatabase.error();
    Result<QSqlDatabase> db = (*restoredDatabase)->connection();
    if (!db)
        return db.error();
    if (Result<int> migrated = Migrations::migrate(db.value(), url.dialect); !migrated)
        return migrated.error();
    Result<StorageContents> after = contents(db.value());
    if (!after)
        return after.error();
    restored.contents = after.value();
    return restored;
}

} // namespace fabrica
