#include "SqliteRepository.h"

#include "SqliteGeneratedDataSink.h"

namespace fabrica {

Result<void> SqliteRepository::applyScope(QSqlDatabase &, const Actor &)
{
    return {};
}

Result<std::unique_ptr<Sink>> SqliteRepository::generatedDataSink(const Actor &actor, qint64 runId)
{
    return std::unique_ptr<Sink>(new SqliteGeneratedDataSink(*this, actor, runId));
}

Result<void> SqliteRepository::lockUsers(QSqlDatabase &)
{
    return {};
}

} // namespace fabrica
