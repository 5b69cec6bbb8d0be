#pragma once

#include "Sink.h"
#include "SqlDdl.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace fabrica {

class Database;
class Transaction;

// What every database target shares: one transaction on the calling thread's connection from begin() to
// finish(); the plan's tables checked against what exists, emptied or created; abort() rolls everything
// back, so a failed or cancelled load leaves the target as it was. The dialects fill in the steps.
class DatabaseSink : public Sink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DatabaseSink)

public:
    // What to do with a table of the plan that exists already; missing tables are always created.
    enum class IfExists {
        Fail,     // refuse before writing anything, naming the tables
        Append,   // insert into them
        Truncate, // empty them first, in the same transaction
    };
    struct Options
    {
        IfExists ifExists = IfExists::Fail;
        QString schema; // PostgreSQL: load into this schema, created when missing; empty = the search_path's
    };

    // "fail", "append", "truncate" (case-insensitive).
    static std::optional<IfExists> ifExistsFromId(const QString &id);
    static QString ifExistsId(IfExists mode);
    // The sink for the database's dialect (PostgreSQL, MySQL/MariaDB or SQLite).
    static Result<std::unique_ptr<DatabaseSink>> create(std::shared_ptr<Database> database, Options options);

    DatabaseSink(std::shared_ptr<Database> database, Options options);
    ~DatabaseSink() override;

    Result<void> begin(const Plan &plan) final;
    Result<void> finish() final;
    void abort() final;
    qint64 bytesWritten() const override { return m_bytes; }

    // After begin(): the tables of the plan this load creates (in plan order).
    QStringList createdTables() const;

protected:
    // Steps of begin() and finish(), all inside the transaction on connection().
    virtual Result<void> prepare() = 0;                             // session settings, schema
    virtual Result<QList<int>> existingTables() = 0;                // indexes into plan().tables()
    virtual Result<void> emptyTables(const QList<int> &tables) = 0; // --if-exists truncate
    virtual Result<void> createTable(int table) = 0;                // a table that does not exist yet
    virtual Result<void> completeTables() { return {}; }            // before COMMIT: keys added late
    virtual void cancel() {}                                        // abort(): stop what is running
    virtual void ended() {} // after COMMIT or ROLLBACK: undo connection settings that outlive a transaction

    const Plan &plan() const { return *m_plan; }
    const SqlDdl &ddl() const { return *m_ddl; }
    const Options &options() const { return m_options; }
    QSqlDatabase &connection() { return m_db; }
    bool created(int table) const { return m_created[std::size_t(table)]; }
    void addBytes(qint64 bytes) { m_bytes += bytes; }
    // Runs one statement built from quoted identifiers (never from values).
    Result<void> exec(const std::string &sql);
    // "\"orders\"" for messages.
    QString tableName(int table) const;

private:
    std::shared_ptr<Database> m_database;
    Options m_options;
    const Plan *m_plan = nullptr;
    std::unique_ptr<SqlDdl> m_ddl;
    QSqlDatabase m_db;
    std::unique_ptr<Transaction> m_transaction; // after m_database: rolled back before it goes
    std::vector<bool> m_created;
    qint64 m_bytes = 0;
};

} // namespace fabrica
