#include "BatchInsert.h"

#include "Database.h"

namespace fabrica {

BatchInsert::BatchInsert(QSqlDatabase db, const QString &insert, int columns, const QString &what,
                         const QString &returning, RowReturned onRow, int batchRows)
    : m_db(std::move(db))
    , m_insert(insert)
    , m_returning(returning)
    , m_what(what)
    , m_onRow(std::move(onRow))
    , m_columns(columns)
    , m_batchRows(qMax(1, batchRows))
{
    m_pending.reserve(qsizetype(m_columns) * m_batchRows);
}

QString BatchInsert::sql(int rows) const
{
    QString tuple = QStringLiteral("(?");
    for (int c = 1; c < m_columns; ++c)
        tuple += QStringLiteral(", ?");
    tuple += QLatin1Char(')');
    QString text = m_insert + QStringLiteral(" VALUES ") + tuple;
    text.reserve(text.size() + (tuple.size() + 2) * rows + m_returning.size() + 1);
    for (int r = 1; r < rows; ++r)
        text += QStringLiteral(", ") + tuple;
    if (!m_returning.isEmpty())
        text += QLatin1Char(' ') + m_returning;
    return text;
}

Result<void> BatchInsert::add(const QVariantList &row)
{
    Q_ASSERT(row.size() == m_columns);
    m_pending << row;
    if (m_pending.size() < qsizetype(m_columns) * m_batchRows)
        return {};
    if (!m_full) {
        m_full.emplace(m_db);
        m_full->setForwardOnly(true);
        if (!m_full->prepare(sql(m_batchRows)))
            return Database::error(m_full->lastError(), m_what);
    }
    return run(*m_full);
}

Result<void> BatchInsert::flush()
{
    if (m_pending.isEmpty())
        return {};
    // The tail is shorter than a batch: a statement of its own, prepared once.
    QSqlQuery tail(m_db);
    tail.setForwardOnly(true);
    if (!tail.prepare(sql(int(m_pending.size() / m_columns))))
        return Database::error(tail.lastError(), m_what);
    return run(tail);
}

Result<void> BatchInsert::run(QSqlQuery &query)
{
    for (int i = 0; i < m_pending.size(); ++i)
        query.bindValue(i, m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), m_what);
    while (query.isSelect() && query.next()) {
        if (m_onRow)
            m_onRow(query);
    }
    // Reset, so no statement stays open on the connection (SQLite cannot commit while one is).
    query.finish();
    return {};
}

} // namespace fabrica
