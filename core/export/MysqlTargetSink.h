#pragma once

#include "BoundRowsSink.h"
#include "MysqlValueForm.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fabrica {

// Loads a plan into MySQL or MariaDB (InnoDB). Rows go in through BoundRowsSink's prepared multi-row INSERTs
// (values in MysqlValueForm's forms), all in one transaction.
// MySQL commits before and after every CREATE or ALTER TABLE, so the DDL runs apart from the rows:
// - new tables are created first, with their primary key (InnoDB stores rows in primary-key order, so
//   adding it later would rebuild the table) and unique keys;
// - when every table is new, the foreign keys are added after the data: checked by an anti-join each,
//   then added in place with the session's checks off (the server's own check copies the table); a
//   load that fails drops the tables it created, leaving the database as it was;
// - when rows go into existing tables (--if-exists append or truncate), the new tables' foreign keys are
//   added before the rows and the load's session runs with FOREIGN_KEY_CHECKS=0 (as mysqldump's scripts
//   do), so tables whose keys form a cycle load in any order; the rows are not checked against the keys,
//   Fabrica's own references are consistent by construction. The setting is restored when the load ends.
//   Emptying (truncate) is a DELETE inside the transaction, so a failed load rolls it back too.
class MysqlTargetSink : public BoundRowsSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::MysqlTargetSink)

public:
    // Rows per INSERT at most; fewer for wide tables, whose statements must stay within the 65,535
    // placeholders of a prepared statement.
    static constexpr int kBatchRows = 1000;
    static constexpr int kMaxParameters = 65535;

    MysqlTargetSink(std::shared_ptr<Database> database, Options options);
    ~MysqlTargetSink() override;

    Result<void> beginTable(int table) override;
    Result<void> endTable(int table) override;

protected:
    Result<void> prepare() override;
    Result<QList<int>> existingTables() override;
    Result<QList<TargetColumn>> targetColumns(int table) override;
    Result<void> emptyTables(const QList<int> &tables) override;
    Result<void> createTable(int table) override;
    Result<void> completeTables() override;
    void cancel() override;
    void ended() override;
    void encodeValue(int table, std::size_t column, ValueClass valueClass, std::string_view value,
                     ByteBuffer &out) const override;

private:
    // After the DDL: the foreign keys that go before the rows, a new transaction, the deferred DELETEs.
    Result<void> startRows();
    // Every value of the table's foreign keys has its parent row (what the server would check).
    Result<void> checkForeignKeys(int table);
    // A failed load: the tables it created go again (their CREATE TABLE was committed at once).
    void dropCreatedTables();

    std::vector<std::vector<MysqlValueForm::Kind>> m_forms; // per table, per column
    bool m_intoExisting = false;           // some tables exist: foreign keys before the rows, checks off
    QList<int> m_toEmpty;                  // --if-exists truncate: emptied once the DDL is done
    bool m_rowsStarted = false;            // startRows() ran
    bool m_failed = false;                 // cancel() ran: ended() drops the created tables
    bool m_ended = false;                  // ended() ran
    std::optional<int> m_foreignKeyChecks; // the session's own, restored when the load ends
    QElapsedTimer m_timer;                 // for the log: how long the rows and the keys take
};

} // namespace fabrica
