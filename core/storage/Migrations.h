#pragma once

#include "common/Result.h"
#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace fabrica {

// The numbered SQL files that create and upgrade Fabrica's tables (resources/core/migrations/<dialect>/
// NNN_name.sql), applied in order, each in its own transaction, recorded in schema_version.
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::Migrations)

public:
    struct Step
    {
        int version = 0;
        QString name;
        QStringList statements;
    };

    // Every migration of the dialect, in version order.
    static Result<QList<Step>> steps(SqlDialect dialect);
    static int latestVersion(SqlDialect dialect);

    // The version the database is at; 0 when it has no Fabrica tables yet.
    static Result<int> currentVersion(QSqlDatabase &db);
    // Brings the database up to `target` (default: the latest) and returns the version reached.
    // A failing step is rolled back and stops the run; earlier steps stay applied.
    static Result<int> migrate(QSqlDatabase &db, SqlDialect dialect, int target = -1);
};

} // namespace fabrica
