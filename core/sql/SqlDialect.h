#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace fabrica {

// The SQL dialects Fabrica writes and reads.
enum class SqlDialect { PostgreSQL, MySQL, SQLite };

// Stable lower-case ids used in files, settings and on the command line: "postgresql", "mysql", "sqlite".
QString sqlDialectId(SqlDialect dialect);
// Human-readable name: "PostgreSQL", "MySQL", "SQLite".
QString sqlDialectName(SqlDialect dialect);
// Accepts the ids above (case-insensitive) and the aliases "postgres", "pg", "sqlite3".
std::optional<SqlDialect> sqlDialectFromId(const QString &id);
QList<SqlDialect> allSqlDialects();

} // namespace fabrica
