#include "GeneratedDataSink.h"

#include "common/Logging.h"

#include <QSqlQuery>
#include <QThread>

namespace fabrica {

GeneratedDataSink::GeneratedDataSink(SqlRepository &repository, const Actor &actor, qint64 runId)
    : m_repository(repository)
    , m_actor(actor)
    , m_runId(runId)
{}

Result<void> GeneratedDataSink::begin(const Plan &plan)
{
    m_plan = &plan;
    Result<std::unique_ptr<SqlRepository::Scope>> scope = m_repository.begin(m_actor);
    if (!scope)
        return scope.error();
    m_scope = std::move(scope.value());
    Result<qint64> schema = m_repository.runSchema(*m_scope, m_actor, m_runId);
    if (!schema) {
        m_scope.reset();
        return schema.error();
    }
    m_schemaId = *schema;
    return start();
}

Result<void> GeneratedDataSink::beginTable(int table)
{
    m_rowCounts.insert(plan().tables()[std::size_t(table)].name, 0);
    return {};
}

Result<void> GeneratedDataSink::endTable(int)
{
    return {};
}

void GeneratedDataSink::count(const TableChunk &chunk, qint64 bytes)
{
    m_rowCounts[plan().tables()[std::size_t(chunk.table)].name] += chunk.rows;
    m_bytes += bytes;
}

Result<void> GeneratedDataSink::finish()
{
    if (!m_scope)
        return makeError(ErrorCode::Internal, tr("the stored data was finished before it was started"));
    if (Result<void> completed = complete(); !completed) {
        abort();
        return completed;
    }
    Result<void> committed = m_scope->commit();
    m_scope.reset();
    return committed;
}

Result<void> GeneratedDataSink::checkpoint(std::chrono::milliseconds pause)
{
    if (Result<void> committed = m_scope->commit(); !committed)
        return committed;
    m_checkpointed = true;
    if (pause.count() > 0)
        QThread::msleep(static_cast<unsigned long>(pause.count()));
    Result<std::unique_ptr<SqlRepository::Scope>> next = m_repository.begin(m_actor);
    if (!next)
        return next.error();
    m_scope = std::move(next.value());
    return {};
}

void GeneratedDataSink::abort()
{
    if (!m_scope)
        return;
    cancel();
    m_scope.reset(); // rolls the transaction back
    if (!m_checkpointed)
        return;
    // What earlier checkpoints committed goes too.
    Result<std::unique_ptr<SqlRepository::Scope>> scope = m_repository.begin(m_actor);
    if (scope) {
        QSqlQuery remove((*scope)->db);
        remove.prepare(QStringLiteral("DELETE FROM generated_data WHERE run_id = ?"));
        remove.addBindValue(m_runId);
        if (remove.exec() && (*scope)->commit())
            return;
    }
    qCWarning(lcStorage) << "the rows of cancelled run" << m_runId << "could not be removed";
}

} // namespace fabrica
