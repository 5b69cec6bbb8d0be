#pragma once

#include "SqlRepository.h"
#include "export/Sink.h"

#include <QCoreApplication>
#include <QMap>

#include <chrono>

namespace fabrica {

// Stores a generation's rows in generated_data for one run: one row per value, in a transaction scoped to
// the actor, so a failure or an abort leaves nothing behind. The subclasses write in bulk the way their
// database does best; one whose database has a single writer (SQLite) commits at checkpoints, so other
// connections (a server's sign-ins, the run's own progress) can write meanwhile, and an abort then removes
// the rows committed so far. A run's rows are read only once it has finished.
class GeneratedDataSink : public Sink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GeneratedDataSink)

public:
    GeneratedDataSink(SqlRepository &repository, const Actor &actor, qint64 runId);

    Result<void> begin(const Plan &plan) override;
    Result<void> beginTable(int table) override;
    Result<void> endTable(int table) override;
    Result<void> finish() override;
    void abort() override;
    qint64 bytesWritten() const override { return m_bytes; }

    // Rows stored per table, for the run's record.
    const QMap<QString, qint64> &rowCounts() const { return m_rowCounts; }

protected:
    virtual Result<void> start() = 0;
    virtual Result<void> complete() = 0;
    virtual void cancel() = 0;

    const Plan &plan() const { return *m_plan; }
    QSqlDatabase &db() { return m_scope->db; }
    qint64 runId() const { return m_runId; }
    qint64 schemaId() const { return m_schemaId; }
    void count(const TableChunk &chunk, qint64 bytes);
    // Commits the rows written so far and continues in a new transaction after pause (which lets a
    // connection waiting for the lock in).
    Result<void> checkpoint(std::chrono::milliseconds pause = std::chrono::milliseconds(0));

private:
    SqlRepository &m_repository;
    Actor m_actor;
    qint64 m_runId;
    qint64 m_schemaId = 0;
    const Plan *m_plan = nullptr;
    std::unique_ptr<SqlRepository::Scope> m_scope;
    QMap<QString, qint64> m_rowCounts;
    qint64 m_bytes = 0;
    bool m_checkpointed = false;
};

} // namespace fabrica
