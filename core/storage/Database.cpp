#include "Database.h"

#include "SavedPasswords.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

namespace fabrica {

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
{
    static std::atomic<int> instances{0};
    m_prefix = QStringLiteral("fabrica-db-%1-").arg(++instances);
}

Database::~Database()
{
    QStringList names;
    {
        QMutexLocker lock(&m_connections->mutex);
        names = m_connections->names.values();
        m_connections->names.clear();
    }
    // removeDatabase closes each connection; asking for it first would warn when it is another thread's.
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl &given)
{
    DatabaseUrl url = given;
    // libpq reads PGPASSWORD itself; MySQL's client library is given MYSQL_PWD here, as its own tools do.
    if (url.isMysql() && url.password.isEmpty())
        url.password = qEnvironmentVariable("MYSQL_PWD");
    std::shared_ptr<Database> database(new Database(url));
    Result<QSqlDatabase> first = database->connection();
    if (first)
        return database;
    // libpq has tried the URL's password, PGPASSWORD and ~/.pgpass; a password the user saved comes last.
    if (!url.isSqlite() && given.password.isEmpty()) {
        Result<std::optional<QByteArray>> saved = SavedPasswords().find(url);
        if (!saved)
            return saved.error();
        if (saved->has_value()) {
            DatabaseUrl withPassword = url;
            withPassword.password = QString::fromUtf8(**saved);
            database.reset(new Database(withPassword));
            if (Result<QSqlDatabase> retried = database->connection(); retried)
                return database;
        }
    }
    return first.error();
}

Result<QSqlDatabase> Database::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QString name;
    {
        QMutexLocker lock(&m_connections->mutex);
        name = m_connections->names.value(thread);
        if (name.isEmpty()) {
            name = m_prefix + QString::number(quintptr(thread), 16);
            m_connections->names.insert(thread, name);
            // A thread that ends closes its connection on its way out (the only thread that may), so
            // pools and servers that come and go leave no open connection behind, and a later thread
            // with the same id starts afresh.
            QThread *current = QThread::currentThread();
            if (current &&
                (!QCoreApplication::instance() || current != QCoreApplication::instance()->thread())) {
                QObject::connect(
                    current, &QThread::finished, current,
                    [connections = m_connections, thread, name] {
                        {
                            QMutexLocker lock(&connections->mutex);
                            if (connections->names.value(thread) != name)
                                return; // the Database is gone, and its connections with it
                            connections->names.remove(thread);
                        }
                        QSqlDatabase::removeDatabase(name);
                    },
                    Qt::DirectConnection);
            }
        }
    }
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        QSqlDatabase::removeDatabase(name);
    }
    Result<QSqlDatabase> opened = openConnection(name);
    if (!opened) {
        QMutexLocker lock(&m_connections->mutex);
        m_connections->names.remove(thread);
    }
    return opened;
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    const bool server = !m_url.isSqlite();
    QString driver = QStringLiteral("QSQLITE"), package = QStringLiteral("libqt6sql6-sqlite");
    if (m_url.isPostgres()) {
        driver = QStringLiteral("QPSQL");
        package = QStringLiteral("libqt6sql6-psql");
    } else if (m_url.isMysql()) {
        driver = QStringLiteral("QMYSQL");
        package = QStringLiteral("libqt6sql6-mysql");
    }
    if (!QSqlDatabase::isDriverAvailable(driver))
        return makeError(ErrorCode::Unsupported,
                         tr("the Qt SQL driver %1 is not installed (Debian: %2)").arg(driver, package));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    if (server) {
        if (!m_url.host.isEmpty())
            db.setHostName(m_url.host);
        if (m_url.port > 0)
            db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.database);
        db.setConnectOptions(m_url.connectOptions());
    } else {
        const QFileInfo file(m_url.path);
        if (!QDir().mkpath(file.absolutePath()))
            return makeError(ErrorCode::Io, tr("cannot create the folder %1").arg(file.absolutePath()));
        if (!file.exists()) {
            // The file holds password hashes: private from the start (SQLite gives its -wal and -shm
            // files the same permissions).
            QFile create(m_url.path);
            if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
                !file.exists())
                return makeError(ErrorCode::Io,
                                 tr("cannot create %1: %2").arg(m_url.path, create.errorString()));
        }
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open()) {
        const QSqlError failure = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return makeError(ErrorCode::Database,
                         tr("cannot connect to %1: %2").arg(m_url.displayString(), failure.text().trimmed()));
    }
    if (m_url.isMysql()) {
        // Every session alike whatever the server's defaults: strict (refuse instead of truncating),
        // UTF-8 with all of Unicode, and UTC, so DATETIME values mean what the load wrote.
        for (const char *set :
             {"SET NAMES utf8mb4",
              "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'STRICT_ALL_TABLES')",
              "SET time_zone = '+00:00'"}) {
            if (Result<void> done = exec(db, QLatin1String(set)); !done)
                return done.error();
        }
    }
    if (!server) {
        for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 5000"}) {
            if (Result<void> done = exec(db, QLatin1String(pragma)); !done)
                return done.error();
        }
    }
    qCDebug(lcStorage) << "connected to" << m_url.displayString() << "as" << name;
    return db;
}

Result<QString> Database::serverVersion()
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    if (!query.exec(m_url.isSqlite() ? QStringLiteral("SELECT sqlite_version()")
                                     : QStringLiteral("SELECT version()")))
        return error(query.lastError(), tr("cannot read the server version"));
    if (!query.next())
        return makeError(ErrorCode::Database, tr("cannot read the server version: no answer"));
    const QString version = query.value(0).toString();
    if (m_url.isSqlite())
        return QString(QStringLiteral("SQLite ") + version);
    if (m_url.isMysql()) // "10.11.6-MariaDB-0+deb12u1" or "8.0.36"
        return QString((version.contains(QLatin1String("MariaDB")) ? QStringLiteral("MariaDB ")
                                                                   : QStringLiteral("MySQL ")) +
                       version);
    return version;
}

Result<void> Database::exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return error(query.lastError(), sql.section(QLatin1Char('\n'), 0, 0).left(80));
    return {};
}

Result<void> Database::exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return error(query.lastError(), what);
    return {};
}

Error Database::error(const QSqlError &error, const QString &what)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    return makeError(ErrorCode::Database, tr("%1: %2").arg(what, text));
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{}

Transaction::~Transaction()
{
    rollback();
}

Result<void> Transaction::begin(Access access)
{
    if (m_db.driverName() == QLatin1String("QSQLITE")) {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads, then writes, fails
        // at once with "database is locked" when another connection writes, instead of waiting. One that
        // only reads stays deferred: in WAL mode it reads a snapshot beside any writer.
        QSqlQuery begin(m_db);
        if (!begin.exec(access == Access::Read ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
            return Database::error(begin.lastError(), tr("cannot start a transaction"));
    } else if (!m_db.transaction()) {
        return Database::error(m_db.lastError(), tr("cannot start a transaction"));
    }
    m_open = true;
    return {};
}

Result<void> Transaction::commit()
{
    if (!m_open)
        return makeError(ErrorCode::Internal, tr("commit without a transaction"));
    m_open = false;
    if (!m_db.commit()) {
        const QSqlError failure = m_db.lastError();
        m_db.rollback();
        return Database::error(failure, tr("the transaction was rolled back"));
    }
    return {};
}

void Transaction::rollback()
{
    if (m_open) {
        m_open = false;
        m_db.rollback();
    }
}

} // namespace fabrica
