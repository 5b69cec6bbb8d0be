#include "BatchUpdate.h"

#include "Database.h"

namespace fabrica {

BatchUpdate::BatchUpdate(QSqlDatabase db, SqlDialect dialect, const QString &table, QList<Field> fields,
                         const QString &what, int batchRows)
    : m_db(std::move(db))
    , m_dialect(dialect)
    , m_table(table)
    , m_fields(std::move(fields))
    , m_what(what)
    , m_batchRows(qMax(1, batchRows))
{
    m_pending.reserve((m_fields.size() + 1) * m_batchRows);
}

QString BatchUpdate::sql(int rows) const
{
    const bool postgres = m_dialect == SqlDialect::PostgreSQL;
    auto value = [postgres](const QString &type) {
        return postgres ? QStringLiteral("CAST(? AS %1)").arg(type) : QStringLiteral("?");
    };
    QString tuple = QLatin1Char('(') + value(QStringLiteral("bigint"));
    QString set;
    for (int f = 0; f < m_fields.size(); ++f) {
        tuple += QStringLiteral(", ") + value(m_fields[f].type);
        if (f > 0)
            set += QStringLiteral(", ");
        set += QStringLiteral("%1 = v.column%2").arg(m_fields[f].column).arg(f + 2);
    }
    tuple += QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int r = 0; r < rows; ++r)
        tuples << tuple;
    return QStringLiteral("UPDATE %1 SET %2 FROM (VALUES %3) AS v WHERE %1.id = v.column1")
        .arg(m_table, set, tuples.join(QStringLiteral(", ")));
}

Result<void> BatchUpdate::add(qint64 id, const QVariantList &values)
{
    Q_ASSERT(values.size() == m_fields.size());
    m_pending << id;
    m_pending << values;
    if (m_pending.size() < (m_fields.size() + 1) * m_batchRows)
        return {};
    if (!m_full) {
        m_full.emplace(m_db);
        m_full->setForwardOnly(true);
        if (!m_full->prepare(sql(m_batchRows)))
            return Database::error(m_full->lastError(), m_what);
    }
    return run(*m_full);
}

Result<void> BatchUpdate::flush()
{
    if (m_pending.isEmpty())
        return {};
    QSqlQuery tail(m_db);
    tail.setForwardOnly(true);
    if (!tail.prepare(sql(int(m_pending.size() / (m_fields.size() + 1)))))
        return Database::error(tail.lastError(), m_what);
    return run(tail);
}

Result<void> BatchUpdate::run(QSqlQuery &query)
{
    for (int i = 0; i < m_pending.size(); ++i)
        query.bindValue(i, m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), m_what);
    query.finish();
    return {};
}

} // namespace fabrica
