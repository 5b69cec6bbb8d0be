#include "BatchUpdate.h"

namespace fabrica {

BatchUpdate::BatchUpdate(QSqlDatabase db, SqlDialect dialect, const QString &table, QList<Field> fields,
                         const QString &what, int batchRows)
    : m_dialect(dialect)
    , m_table(table)
    , m_fields(std::move(fields))
    , m_statement(
          std::move(db), [this](int rows) { return sql(rows); }, int(m_fields.size()) + 1, what, batchRows)
{}

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
    return m_statement.add(QVariantList{id} + values);
}

Result<void> BatchUpdate::flush()
{
    return m_statement.flush();
}

} // namespace fabrica
