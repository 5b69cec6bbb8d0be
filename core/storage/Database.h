#pragma once

#include "DatabaseUrl.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>

#include <memory>

class QSqlQuery;

namespace fabrica {

// One database (SQLite file, PostgreSQL or MySQL/MariaDB server) with a connection per thread, made on
// first use: QtSql connections belong to the thread that opened them, and services run on any thread.
// SQLite connections get WAL, foreign_keys=ON and a busy timeout; MySQL sessions utf8mb4, strict mode and
// time_zone UTC.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Database)

public:
    // Opens a first connection on the calling thread, so a wrong URL or password fails here.
    static Result<std::shared_ptr<Database>> open(const DatabaseUrl &url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseUrl &url() const { return m_url; }
    SqlDialect dialect() const { return m_url.dialect; }

    // The calling thread's connection, opened if needed.
    Result<QSqlDatabase> connection();
    // What answers: PostgreSQL's version() ("PostgreSQL 15.4 on x86_64-pc-linux-gnu, …"), "MariaDB 10.11.6-…"
    // or "MySQL 8.0.36", or "SQLite 3.40.1" for the SQLite library the Qt driver uses.
    Result<QString> serverVersion();

    // Runs one statement without parameters (DDL, SET, PRAGMA); the text must not contain user input.
    static Result<void> exec(QSqlDatabase &db, const QString &sql);
    // Executes a prepared query; on failure, an Error naming what was being done.
    static Result<void> exec(QSqlQuery &query, const QString &what);
    static Error error(const QSqlError &error, const QString &what);

private:
    explicit Database(DatabaseUrl url);
    Result<QSqlDatabase> openConnection(const QString &name);

    // Shared with the threads' finished handlers, which may run after the Database is gone.
    struct Connections
    {
        QMutex mutex;
        QHash<Qt::HANDLE, QString> names; // thread → connection name
    };

    DatabaseUrl m_url;
    QString m_prefix;
    std::shared_ptr<Connections> m_connections = std::make_shared<Connections>();
};

// A transaction that rolls back unless committed: every multi-row write runs in one.
class Transaction
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Transaction)

public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    enum class Access { Write, Read };
    // A write transaction on SQLite takes the one write lock up front; a read one only a snapshot (WAL), so
    // readers never wait for a writer.
    Result<void> begin(Access access = Access::Write);
    Result<void> commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace fabrica
