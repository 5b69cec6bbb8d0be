#pragma once

#include "common/Result.h"
#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fabrica {

// Where a database lives: `sqlite:FILE` or `postgresql://user[:password]@host[:port][/db][?key=value…]`
// (also `postgres://`). Query keys: sslmode, sslrootcert, connect_timeout, application_name, and schema
// (the PostgreSQL schema to work in, for --to targets).
struct DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DatabaseUrl)

public:
    SqlDialect dialect = SqlDialect::SQLite;
    QString path;                   // SQLite: the database file
    QString host;                   // PostgreSQL: empty = libpq's default (the local socket)
    int port = 0;                   // 0 = libpq's default
    QString user;                   // empty = libpq's default (the operating-system user)
    QString password;               // from the URL only; libpq also reads PGPASSWORD and ~/.pgpass itself
    QString database;               // empty = libpq's default (the user name)
    QString schema;                 // empty = the server's search_path
    QMap<QString, QString> options; // libpq connection options (sslmode, …)

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqliteFile(const QString &path);
    // The values sslmode takes, as libpq orders them from least to most checking.
    static const QStringList &sslModes();

    bool isPostgres() const { return dialect == SqlDialect::PostgreSQL; }
    // The URL without its password, readable, for messages and logs.
    QString displayString() const;
    // The URL without its password, percent-encoded so that parse() reads it back: what settings keep.
    QString toString() const;
    // libpq options in QPSQL's connect-options form ("key=value;key=value").
    QString connectOptions() const;

    bool operator==(const DatabaseUrl &) const = default;

private:
    QString withoutPassword(QUrl::ComponentFormattingOptions format) const;
};

} // namespace fabrica
