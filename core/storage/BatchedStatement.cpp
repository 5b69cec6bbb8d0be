#include "BatchedStatement.h"

#include "Database.h"

namespace fabrica {

BatchedStatement::BatchedStatement(QSqlDatabase db, Sql sql, int valuesPerRow, const QString &what,
                                   int batchRows, RowReturned onRow)
    : m_db(std::move(db))
    , m_sql(std::move(sql))
    , m_valuesPerRow(valuesPerRow)
    , m_what(what)
    , m_batchRows(qMax(1, batchRows))
    , m_onRow(std::move(onRow))
{
    m_pending.reserve(qsizetype(m_valuesPerRow) * m_batchRows);
}

Result<void> BatchedStatement::add(const QVariantList &row)
{
    Q_ASSERT(row.size() == m_valuesPerRow);
    m_pending << row;
    if (m_pending.size() < qsizetype(m_valuesPerRow) * m_batchRows)
        return {};
    if (!m_full) {
        m_full.emplace(m_db);
        m_full->setForwardOnly(true);
        if (!m_full->prepare(m_sql(m_batchRows)))
            return Database::error(m_full->lastError(), m_what);
    }
    return run(*m_full);
}

Result<void> BatchedStatement::flush()
{
    if (m_pending.isEmpty())
        return {};
    QSqlQuery tail(m_db);
    tail.setForwardOnly(true);
    if (!tail.prepare(m_sql(int(m_pending.size() / m_valuesPerRow))))
        return Database::error(tail.lastError(), m_what);
    return run(tail);
}

Result<void> BatchedStatement::run(QSqlQuery &query)
{
    for (int i = 0; i < m_pending.size(); ++i)
        query.bindValue(i, m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), m_what);
    while (m_onRow && query.isSelect() && query.next())
        m_onRow(query);
    // Reset, so no statement stays open on the connection (SQLite cannot commit while one is).
    query.finish();
    return {};
}

} // namespace fabrica
