#include "PostgresRepository.h"

#include "PostgresGeneratedDataSink.h"
#include "sql/SqlIdentifier.h"

namespace fabrica {

Result<void> PostgresRepository::applyScope(QSqlDatabase &db, const Actor &actor)
{
    if (actor.system)
        return {};
    if (Result<void> role =
            Database::exec(db, QStringLiteral("SET LOCAL ROLE ") +
                                   SqlIdentifier::quote(SqlDialect::PostgreSQL, applicationRole()));
        !role)
        return role;
    Result<Rows> set = query(db, QStringLiteral("SELECT set_config('fabrica.user_id', ?, true)"),
                             {QString::number(actor.userId)}, tr("cannot start the session"));
    if (!set)
        return set.error();
    return {};
}

Result<std::unique_ptr<Sink>> PostgresRepository::generatedDataSink(const Actor &actor, qint64 runId)
{
    return std::unique_ptr<Sink>(new PostgresGeneratedDataSink(*this, actor, runId));
}

Result<void> PostgresRepository::lockUsers(QSqlDatabase &db)
{
    return Database::exec(db, QStringLiteral("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"));
}

} // namespace fabrica
