#include "DatabaseSink.h"

#include "MysqlTargetSink.h"
#include "PostgresTargetSink.h"
#include "SqliteTargetSink.h"
#include "common/Logging.h"
#include "storage/Database.h"

namespace fabrica {

std::optional<DatabaseSink::IfExists> DatabaseSink::ifExistsFromId(const QString &id)
{
    for (const IfExists mode : {IfExists::Fail, IfExists::Append, IfExists::Truncate}) {
        if (id.compare(ifExistsId(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

QString DatabaseSink::ifExistsId(IfExists mode)
{
    switch (mode) {
    case IfExists::Fail:
        break;
    case IfExists::Append:
        return QStringLiteral("append");
    case IfExists::Truncate:
        return QStringLiteral("truncate");
    }
    return QStringLiteral("fail");
}

Result<std::unique_ptr<DatabaseSink>> DatabaseSink::create(std::shared_ptr<Database> database,
                                                           Options options)
{
    switch (database->dialect()) {
    case SqlDialect::PostgreSQL:
        return std::unique_ptr<DatabaseSink>(new PostgresTargetSink(std::move(database), std::move(options)));
    case SqlDialect::SQLite:
        return std::unique_ptr<DatabaseSink>(new SqliteTargetSink(std::move(database), std::move(options)));
    case SqlDialect::MySQL:
        return std::unique_ptr<DatabaseSink>(new MysqlTargetSink(std::move(database), std::move(options)));
    }
    return makeError(ErrorCode::Unsupported, tr("Fabrica loads data into PostgreSQL, MySQL and SQLite only"));
}

DatabaseSink::DatabaseSink(std::shared_ptr<Database> database, Options options)
    : m_database(std::move(database))
    , m_options(std::move(options))
{}

DatabaseSink::~DatabaseSink() = default; // an open transaction rolls back with m_transaction

QStringList DatabaseSink::createdTables() const
{
    QStringList names;
    for (std::size_t t = 0; t < m_created.size(); ++t) {
        if (m_created[t])
            names << m_plan->tables()[t].name;
    }
    return names;
}

QList<DatabaseSink::LateReference> DatabaseSink::lateReferences(const Plan &plan)
{
    QList<LateReference> late;
    for (int t = 0; t < int(plan.tables().size()); ++t) {
        const TablePlan &table = plan.tables()[std::size_t(t)];
        for (int c = 0; c < int(table.columns.size()); ++c) {
            if (table.columns[std::size_t(c)].parentTable > t)
                late.append(LateReference{t, c, table.columns[std::size_t(c)].parentTable});
        }
    }
    return late;
}

bool DatabaseSink::needsRelaxedForeignKeys(const QList<int> &existing) const
{
    // Only a key between two existing tables is enforced while loading: a created table gets its keys
    // after the data.
    for (const LateReference &late : lateReferences(*m_plan)) {
        if (existing.contains(late.table) && existing.contains(late.parent))
            return true;
    }
    return false;
}

QString DatabaseSink::tableName(int table) const
{
    return QLatin1Char('"') + m_plan->tables()[std::size_t(table)].name + QLatin1Char('"');
}

Result<void> DatabaseSink::exec(const std::string &sql)
{
    return Database::exec(m_db, QString::fromStdString(sql));
}

Result<void> DatabaseSink::begin(const Plan &plan)
{
    m_plan = &plan;
    m_ddl = std::make_unique<SqlDdl>(plan, m_database->dialect());
    m_created.assign(plan.tables().size(), false);
    m_written.assign(plan.tables().size(), {});
    for (std::size_t t = 0; t < plan.tables().size(); ++t) {
        for (int c = 0; c < int(plan.tables()[t].columns.size()); ++c)
            m_written[t].push_back(c);
    }
    m_bytes = 0;
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    m_db = *db;
    m_transaction = std::make_unique<Transaction>(m_db);
    if (Result<void> begun = m_transaction->begin(); !begun)
        return begun;
    if (Result<void> prepared = prepare(); !prepared)
        return prepared;

    const Result<QList<int>> existing = existingTables();
    if (!existing)
        return existing.error();
    if (!existing->isEmpty()) {
        QStringList names;
        for (const int t : *existing)
            names << tableName(t);
        if (m_options.ifExists == IfExists::Fail)
            return makeError(ErrorCode::AlreadyExists,
                             tr("the target already has tables named %1; nothing was written. "
                                "Append to them, empty them first, or load into another database or schema")
                                 .arg(names.join(QLatin1String(", "))));
        // Everything that can refuse the load comes before the first change.
        for (const int t : *existing) {
            if (Result<void> matched = matchColumns(t); !matched)
                return matched;
        }
        if (Result<void> relaxed = relaxForeignKeys(*existing); !relaxed)
            return relaxed;
        if (m_options.ifExists == IfExists::Truncate) {
            if (Result<void> emptied = emptyTables(*existing); !emptied)
                return emptied;
        }
        qCDebug(lcExport) << "loading into existing tables" << names << "mode"
                          << ifExistsId(m_options.ifExists);
    }
    for (int t = 0; t < int(plan.tables().size()); ++t) {
        if (existing->contains(t))
            continue;
        if (Result<void> createdTable = createTable(t); !createdTable)
            return createdTable;
        m_created[std::size_t(t)] = true;
    }
    return ready();
}

Result<void> DatabaseSink::matchColumns(int t)
{
    const Result<QList<TargetColumn>> columns = targetColumns(t);
    if (!columns)
        return columns.error();
    const TablePlan &table = m_plan->tables()[std::size_t(t)];
    // A key some foreign key of the plan references must keep the plan's values, or its children point
    // nowhere; PostgreSQL's COPY writes even an identity ALWAYS column (as OVERRIDING SYSTEM VALUE would).
    auto referenced = [this, t, &table](int c) {
        for (const TablePlan &other : m_plan->tables()) {
            for (const ColumnPlan &column : other.columns) {
                if (column.parentTable == t && column.parentColumn == table.columns[std::size_t(c)].name)
                    return true;
            }
        }
        return false;
    };
    auto planColumn = [&table](const QString &name) {
        for (const Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
            for (int c = 0; c < int(table.columns.size()); ++c) {
                if (table.columns[std::size_t(c)].name.compare(name, cs) == 0)
                    return c;
            }
        }
        return -1;
    };
    std::vector<int> written;
    std::vector<bool> matched(table.columns.size(), false);
    QStringList skipped;
    for (const TargetColumn &target : *columns) {
        const int c = planColumn(target.name);
        if (c >= 0)
            matched[std::size_t(c)] = true;
        if (target.generated || (target.identityAlways && (c < 0 || !referenced(c)))) {
            if (c >= 0)
                skipped << target.name;
            continue;
        }
        if (c < 0) {
            if (target.notNull && !target.hasDefault)
                return makeError(ErrorCode::Validation,
                                 tr("column \"%1\" of table %2 in the target is NOT NULL and has no default, "
                                    "but the schema has no such column; nothing was written. Add the column "
                                    "to the schema, or give it a default in the target")
                                     .arg(target.name, tableName(t)));
            continue;
        }
        written.push_back(c);
    }
    for (std::size_t c = 0; c < matched.size(); ++c) {
        if (!matched[c])
            return makeError(
                ErrorCode::Validation,
                tr("table %1 in the target has no column \"%2\"; nothing was written. Remove the "
                   "column from the schema or load into a new table")
                    .arg(tableName(t), table.columns[c].name));
    }
    if (written.empty())
        return makeError(
            ErrorCode::Validation,
            tr("the target computes every column of table %1 itself; nothing was written").arg(tableName(t)));
    if (!skipped.isEmpty())
        qCDebug(lcExport) << "table" << tableName(t) << "leaves to the database:" << skipped;
    m_written[std::size_t(t)] = std::move(written);
    return {};
}

Result<void> DatabaseSink::finish()
{
    if (!m_transaction)
        return makeError(ErrorCode::Internal, tr("finish() without begin()"));
    if (Result<void> completed = completeTables(); !completed)
        return completed;
    const Result<void> committed = m_transaction->commit();
    m_transaction.reset();
    ended();
    if (!committed)
        return committed;
    qCDebug(lcExport) << "loaded into" << m_database->url().displayString() << m_bytes << "bytes";
    return {};
}

void DatabaseSink::abort()
{
    cancel();
    if (m_transaction) {
        m_transaction->rollback();
        m_transaction.reset();
        ended();
        qCDebug(lcExport) << "load into" << m_database->url().displayString() << "rolled back";
    }
}

} // namespace fabrica
