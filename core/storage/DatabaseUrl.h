#pragma once

#include "common/Result.h"
#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fabrica {

// Where a database lives: `sqlite:FILE`, `postgresql://user[:password]@host[:port][/db][?key=value…]`
// (also `postgres://`), or `mysql://user[:password]@host[:port]/db[?key=value…]` (also `mariadb://`).
// PostgreSQL query keys: sslmode, sslrootcert, connect_timeout, application_name, and schema (the
// PostgreSQL schema to work in, for --to targets). MySQL query keys: socket (a Unix socket instead of TCP),
// connect_timeout.
struct DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DatabaseUrl)

public:
    SqlDialect dialect = SqlDialect::SQLite;
    QString path;                   // SQLite: the database file
    QString host;                   // PostgreSQL, MySQL: empty = the client library's default (local socket)
    int port = 0;                   // 0 = the client library's default (5432, 3306)
    QString user;                   // empty = the client library's default (the operating-system user)
    QString password;               // from the URL only; libpq also reads PGPASSWORD and ~/.pgpass itself,
                                    // Database::open reads MYSQL_PWD for MySQL
    QString database;               // empty = libpq's default (the user name); MySQL needs one
    QString schema;                 // PostgreSQL: empty = the server's search_path
    QMap<QString, QString> options; // connection options (sslmode, socket, …)

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqliteFile(const QString &path);
    // The values sslmode takes, as libpq orders them from least to most checking.
    static const QStringList &sslModes();

    bool isPostgres() const { return dialect == SqlDialect::PostgreSQL; }
    bool isMysql() const { return dialect == SqlDialect::MySQL; }
    bool isSqlite() const { return dialect == SqlDialect::SQLite; }
    // The port the client library uses when the URL names none: 5432, 3306, 0 for SQLite.
    int defaultPort() const;
    // The URL without its password, readable, for messages and logs.
    QString displayString() const;
    // The URL without its password, percent-encoded so that parse() reads it back: what settings keep.
    QString toString() const;
    // The connection options in the Qt driver's connect-options form ("key=value;key=value"): libpq's for
    // QPSQL, UNIX_SOCKET and MYSQL_OPT_CONNECT_TIMEOUT for QMYSQL.
    QString connectOptions() const;

    bool operator==(const DatabaseUrl &) const = default;

private:
    QString withoutPassword(QUrl::ComponentFormattingOptions format) const;
};

} // namespace fabrica
