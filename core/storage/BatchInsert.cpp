#include "BatchInsert.h"

namespace fabrica {

BatchInsert::BatchInsert(QSqlDatabase db, const QString &insert, int columns, const QString &what,
                         const QString &returning, RowReturned onRow, int batchRows)
    : m_insert(insert)
    , m_returning(returning)
    , m_columns(columns)
    , m_statement(
          std::move(db), [this](int rows) { return sql(rows); }, columns, what, batchRows, std::move(onRow))
{}

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
    return m_statement.add(row);
}

Result<void> BatchInsert::flush()
{
    return m_statement.flush();
}

} // namespace fabrica
