#include "SqlDialect.h"

namespace fabrica {

QString sqlDialectId(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case SqlDialect::MySQL:
        return QStringLiteral("mysql");
    case SqlDialect::SQLite:
        return QStringLiteral("sqlite");
    }
    return {};
}

QString sqlDialectName(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return QStringLiteral("PostgreSQL");
    case SqlDialect::MySQL:
        return QStringLiteral("MySQL");
    case SqlDialect::SQLite:
        return QStringLiteral("SQLite");
    }
    return {};
}

std::optional<SqlDialect> sqlDialectFromId(const QString &id)
{
    // ASCII-only folding: Qt::CaseInsensitive folds Unicode, so "ſqlite" (long s) would match "sqlite".
    for (const QChar c : id) {
        if (c.unicode() > 0x7f)
            return std::nullopt;
    }
    const QString lower = id.toLower();
    if (lower == QLatin1String("postgresql") || lower == QLatin1String("postgres") ||
        lower == QLatin1String("pg"))
        return SqlDialect::PostgreSQL;
    if (lower == QLatin1String("mysql"))
        return SqlDialect::MySQL;
    if (lower == QLatin1String("sqlite") || lower == QLatin1String("sqlite3"))
        return SqlDialect::SQLite;
    return std::nullopt;
}

QList<SqlDialect> allSqlDialects()
{
    return {SqlDialect::PostgreSQL, SqlDialect::MySQL, SqlDialect::SQLite};
}

} // namespace fabrica
