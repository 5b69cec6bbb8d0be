#include "SqliteBackup.h"

#include "Database.h"
#include "Migrations.h"
#include "common/Logging.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QStringList>

#include <sqlite3.h>

#include <functional>

namespace fabrica {

namespace {

// A connection of our own to a backup file, closed on every way out.
class RawConnection
{
public:
    RawConnection() = default;
    ~RawConnection() { sqlite3_close_v2(m_db); }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    int open(const QString &path, int flags)
    {
        const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
        if (rc == SQLITE_OK)
            sqlite3_busy_timeout(m_db, 5000);
        return rc;
    }
    sqlite3 *handle() const { return m_db; }
    QString message() const
    {
        return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                    : QString::fromUtf8(sqlite3_errstr(SQLITE_NOMEM));
    }

private:
    sqlite3 *m_db = nullptr;
};

// Runs sql on a connection of our own, handing each row to onRow.
Result<void> query(sqlite3 *db, const char *sql, const std::function<void(sqlite3_stmt *)> &onRow,
                   const QString &what)
{
    sqlite3_stmt *statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            if (onRow)
                onRow(statement);
        }
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE)
        return makeError(ErrorCode::Database,
                         SqliteBackup::tr("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))));
    return {};
}

QString text(sqlite3_stmt *statement, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)));
}

// integrity_check answers "ok" or the problems, one per row; the first few make the message.
Result<void> integrity(sqlite3 *db, const QString &what)
{
    QStringList problems;
    const Result<void> done = query(
        db, "PRAGMA integrity_check(20)",
        [&problems](sqlite3_stmt *row) {
            const QString line = text(row, 0);
            if (line != QLatin1String("ok"))
                problems << line;
        },
        QString());
    if (!done) // the check itself failed: a page it needs is unreadable
        return makeError(
            ErrorCode::Database,
            SqliteBackup::tr("%1 is damaged (%2)").arg(what, QString::fromUtf8(sqlite3_errmsg(db))));
    if (!problems.isEmpty())
        return makeError(ErrorCode::Database, SqliteBackup::tr("%1 is damaged (integrity_check: %2)")
                                                  .arg(what, problems.mid(0, 3).join(QLatin1String("; "))));
    return {};
}

Result<StorageContents> contentsOf(sqlite3 *db, const QString &what)
{
    bool fabrica = false;
    Result<void> looked = query(
        db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        [&fabrica](sqlite3_stmt *row) { fabrica = sqlite3_column_int(row, 0) > 0; },
        SqliteBackup::tr("cannot read %1").arg(what));
    if (!looked)
        return looked.error();
    if (!fabrica)
        return makeError(
            ErrorCode::InvalidInput,
            SqliteBackup::tr("%1 is a SQLite database but holds no Fabrica storage (no schema_version table)")
                .arg(what));
    StorageContents contents;
    const Result<void> counted = query(
        db,
        "SELECT (SELECT coalesce(max(version), 0) FROM schema_version), (SELECT count(*) FROM users), "
        "(SELECT count(*) FROM schemas), (SELECT count(*) FROM generation_runs)",
        [&contents](sqlite3_stmt *row) {
            contents.version = sqlite3_column_int(row, 0);
            contents.users = sqlite3_column_int64(row, 1);
            contents.schemas = sqlite3_column_int64(row, 2);
            contents.runs = sqlite3_column_int64(row, 3);
        },
        SqliteBackup::tr("cannot read %1").arg(what));
    if (!counted)
        return counted.error();
    return contents;
}

// The Qt driver's sqlite3 handle. It must come from the SQLite library linked here: a second copy of
// SQLite in the process would get a foreign handle and break the other's file locks.
Result<sqlite3 *> driverHandle(QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return makeError(ErrorCode::Internal,
                         SqliteBackup::tr("the storage connection is not a SQLite connection"));
    sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.constData());
    if (!raw)
        return makeError(ErrorCode::Internal, SqliteBackup::tr("the storage connection is closed"));
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT sqlite_version()")) || !version.next())
        return Database::error(version.lastError(), SqliteBackup::tr("cannot read the SQLite version"));
    const QString driverVersion = version.value(0).toString();
    const QString linkedVersion = QString::fromUtf8(sqlite3_libversion());
    if (driverVersion != linkedVersion)
        return makeError(
            ErrorCode::Unsupported,
            SqliteBackup::tr(
                "Qt's SQLite driver uses SQLite %1, Fabrica is linked with SQLite %2: the backup "
                "needs both to be the same library (build Qt with the system SQLite)")
                .arg(driverVersion, linkedVersion));
    return raw;
}

// Copies every page of source into destination in one step, so the copy is one snapshot; waits while
// the destination is locked (another connection in a transaction) for up to 30 seconds.
Result<void> copyPages(sqlite3 *destination, sqlite3 *source, const QString &what)
{
    sqlite3_backup *backup = sqlite3_backup_init(destination, "main", source, "main");
    if (!backup)
        return makeError(ErrorCode::Database, SqliteBackup::tr("%1: %2").arg(
                                                  what, QString::fromUtf8(sqlite3_errmsg(destination))));
    const QDeadlineTimer deadline(30000);
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && !deadline.hasExpired()) {
            sqlite3_sleep(50);
            continue;
        }
        if (rc != SQLITE_OK)
            break;
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        const QString why =
            rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                ? SqliteBackup::tr("the database stayed locked by another connection for 30 seconds")
                : QString::fromUtf8(sqlite3_errstr(rc));
        return makeError(ErrorCode::Database, SqliteBackup::tr("%1: %2").arg(what, why));
    }
    if (finished != SQLITE_OK)
        return makeError(ErrorCode::Database, SqliteBackup::tr("%1: %2").arg(
                                                  what, QString::fromUtf8(sqlite3_errmsg(destination))));
    return {};
}

} // namespace

Result<StorageContents> SqliteBackup::backup(QSqlDatabase &storage, const QString &path)
{
    Result<sqlite3 *> source = driverHandle(storage);
    if (!source)
        return source.error();
    RawConnection copy;
    if (copy.open(path, SQLITE_OPEN_READWRITE) != SQLITE_OK)
        return makeError(ErrorCode::Io, tr("cannot open %1: %2").arg(path, copy.message()));
    if (Result<void> copied = copyPages(copy.handle(), *source, tr("the backup failed")); !copied)
        return copied.error();
    // The pages carry the storage's WAL mode; the copy is one self-contained file.
    if (Result<void> journal =
            query(copy.handle(), "PRAGMA journal_mode = DELETE", {}, tr("cannot finish the backup"));
        !journal)
        return journal.error();
    const QString what = tr("the backup");
    if (Result<void> checked = integrity(copy.handle(), what); !checked)
        return checked.error();
    return contentsOf(copy.handle(), what);
}

Result<StorageContents> SqliteBackup::inspect(const QString &path)
{
    RawConnection backup;
    if (backup.open(path, SQLITE_OPEN_READONLY) != SQLITE_OK)
        return makeError(ErrorCode::Io, tr("cannot open %1: %2").arg(path, backup.message()));
    if (Result<void> checked = integrity(backup.handle(), path); !checked)
        return checked.error();
    return contentsOf(backup.handle(), path);
}

Result<void> SqliteBackup::restore(const QString &path, QSqlDatabase &storage)
{
    Result<sqlite3 *> target = driverHandle(storage);
    if (!target)
        return target.error();
    RawConnection backup;
    if (backup.open(path, SQLITE_OPEN_READONLY) != SQLITE_OK)
        return makeError(ErrorCode::Io, tr("cannot open %1: %2").arg(path, backup.message()));
    // A WAL database cannot take pages of another size; in rollback mode the copy sets the backup's. It
    // stays WAL while another connection has the file open: then the sizes must agree (both default).
    (void)query(*target, "PRAGMA journal_mode = DELETE", {}, QString());
    Result<void> copied = copyPages(*target, backup.handle(), tr("the restore failed"));
    (void)query(*target, "PRAGMA journal_mode = WAL", {}, QString());
    if (!copied)
        return copied.error();
    qCInfo(lcStorage) << "restored" << path << "into" << storage.databaseName();
    return {};
}

Result<void> SqliteBackup::checkIntegrity(QSqlDatabase &db, const QString &what)
{
    Result<sqlite3 *> handle = driverHandle(db);
    if (!handle)
        return handle.error();
    return integrity(*handle, what);
}

} // namespace fabrica
