#pragma once

#include "DatabaseSink.h"

#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace fabrica {

// Loads a plan into a SQLite file: new tables created with their keys (SQLite cannot add them later;
// foreign keys are checked at COMMIT), rows through prepared multi-row INSERTs with bound values, all in one
// transaction. encode() turns a chunk into typed values on the worker threads (integers and reals parsed,
// text as UTF-16), so the writing thread only binds them.
class SqliteTargetSink : public DatabaseSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqliteTargetSink)

public:
    // Rows per INSERT at most; fewer for wide tables, whose statements must stay within SQLite's limit of
    // 32,766 bound values.
    static constexpr int kBatchRows = 500;
    static constexpr int kMaxParameters = 32766;
    static constexpr qint64 kCacheSize = -65536; // 64 MiB (PRAGMA cache_size counts KiB when negative)

    using DatabaseSink::DatabaseSink;
    ~SqliteTargetSink() override;

    Result<void> beginTable(int table) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;
    Result<void> endTable(int table) override;

protected:
    Result<void> prepare() override;
    Result<QList<int>> existingTables() override;
    Result<void> emptyTables(const QList<int> &tables) override;
    Result<void> createTable(int table) override;
    Result<QList<TargetColumn>> targetColumns(int table) override;
    void cancel() override;
    void ended() override;

private:
    std::string insertSql(int table, int rows) const;
    // Binds m_pending to query, which has a parameter for each, and runs it.
    Result<void> flush(QSqlQuery &query);

    std::vector<std::vector<ValueClass>> m_classes; // per table, per column
    int m_table = -1;
    int m_batchRows = 1;
    std::unique_ptr<QSqlQuery> m_insert; // INSERT of m_batchRows rows into m_table
    std::vector<QVariant> m_pending;     // values of the rows not inserted yet, row by row
    std::optional<qint64> m_cacheSize;   // the connection's own, restored when the load ends
};

} // namespace fabrica
