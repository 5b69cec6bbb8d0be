#pragma once

#include "BoundRowsSink.h"

#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace fabrica {

// Loads a plan into a SQLite file: new tables created with their keys (SQLite cannot add them later;
// foreign keys are checked at COMMIT), rows through BoundRowsSink's prepared multi-row INSERTs, numbers bound
// as numbers, all in one transaction.
class SqliteTargetSink : public BoundRowsSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqliteTargetSink)

public:
    // Rows per INSERT at most; fewer for wide tables, whose statements must stay within SQLite's limit of
    // 32,766 bound values.
    static constexpr int kBatchRows = 500;
    static constexpr int kMaxParameters = 32766;
    static constexpr qint64 kCacheSize = -65536; // 64 MiB (PRAGMA cache_size counts KiB when negative)

    SqliteTargetSink(std::shared_ptr<Database> database, Options options);
    ~SqliteTargetSink() override;

protected:
    Result<void> prepare() override;
    Result<QList<int>> existingTables() override;
    Result<void> emptyTables(const QList<int> &tables) override;
    Result<void> createTable(int table) override;
    Result<QList<TargetColumn>> targetColumns(int table) override;
    void ended() override;
    void encodeValue(int table, std::size_t column, ValueClass valueClass, std::string_view value,
                     ByteBuffer &out) const override;

private:
    std::optional<qint64> m_cacheSize; // the connection's own, restored when the load ends
};

} // namespace fabrica
