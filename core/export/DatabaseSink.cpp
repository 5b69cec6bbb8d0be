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
        switch (m_options.ifExists) {
        case IfExists::Fail:
            return makeError(ErrorCode::AlreadyExists,
                             tr("the target already has tables named %1; nothing was written. "
                                "Append to them, empty them first, or load into another database or schema")
                                 .arg(names.join(QLatin1String(", "))));
        case IfExists::Truncate:
            if (Result<void> emptied = emptyTables(*existing); !emptied)
                return emptied;
            break;
        case IfExists::Append:
            break;
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
