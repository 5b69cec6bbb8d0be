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
        // PostgreSQL, appending into tables whose foreign keys the load order breaks (a cycle) and that
        // are not DEFERRABLE: ALTER TABLE … DISABLE TRIGGER ALL for the load, like pg_restore
        // --disable-triggers (needs the table's owner or a superuser). Without it such a load is refused.
        bool disableTriggers = false;
        // false for a shard of a sharded load (GenerationRequest::shard): its rows point at parents that
        // other shards load, so the tables it creates get no foreign keys (the other keys they do get).
        bool foreignKeys = true;
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

    // A foreign key of the plan whose parent table is loaded after its own (tables go in plan order, so
    // only a cycle makes one): appending into existing tables that enforce it needs its check deferred or
    // switched off for the load. New tables get their keys after the data and need nothing.
    struct LateReference
    {
        int table;  // index into plan.tables()
        int column; // index into its columns
        int parent; // index into plan.tables(), > table
    };
    static QList<LateReference> lateReferences(const Plan &plan);
    // The hook for a dialect's sink: whether existing tables among these need relaxed checks at all.
    bool needsRelaxedForeignKeys(const QList<int> &existing) const;

protected:
    // A column of an existing target table, as its catalogue describes it.
    struct TargetColumn
    {
        QString name;
        bool notNull = false;
        bool hasDefault = false;     // a DEFAULT, a sequence, an identity or a rowid alias fills it
        bool generated = false;      // GENERATED ALWAYS AS (…): never written
        bool identityAlways = false; // GENERATED ALWAYS AS IDENTITY: written only when referenced
    };

    // Steps of begin() and finish(), all inside the transaction on connection().
    virtual Result<void> prepare() = 0;                               // session settings, schema
    virtual Result<QList<int>> existingTables() = 0;                  // indexes into plan().tables()
    virtual Result<QList<TargetColumn>> targetColumns(int table) = 0; // an existing table's, in its order
    // Appending into existing tables whose foreign keys the load order breaks (needsRelaxedForeignKeys()):
    // defer or switch off their checks, or refuse; called before anything is written.
    virtual Result<void> relaxForeignKeys(const QList<int> &existing)
    {
        Q_UNUSED(existing)
        return {};
    }
    virtual Result<void> ready() { return {}; } // the end of begin(): writtenColumns() are known
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
    // The plan's columns a table is loaded with, in the target's column order: all of them for a created
    // table; for an existing one those the target has and may be written (not its generated columns).
    const std::vector<int> &writtenColumns(int table) const { return m_written[std::size_t(table)]; }
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
    // Matches an existing table's columns with the plan's (m_written), or says why it cannot load.
    Result<void> matchColumns(int table);

    std::vector<bool> m_created;
    std::vector<std::vector<int>> m_written;
    qint64 m_bytes = 0;
};

} // namespace fabrica
