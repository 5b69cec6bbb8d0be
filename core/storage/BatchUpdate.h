#pragma once

#include "BatchedStatement.h"
#include "common/Result.h"
#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

namespace fabrica {

// Updates rows of one table by id many at a time: one `UPDATE t SET a = v.column2, … FROM (VALUES …) AS v
// WHERE t.id = v.column1` per batch, prepared once and re-bound (BatchInsert's counterpart, for saving an
// edited schema in place: a 1,000-table rename is a few statements, not 1,000 round trips).
class BatchUpdate
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::BatchUpdate)
    Q_DISABLE_COPY_MOVE(BatchUpdate) // the statement calls back into this object

public:
    struct Field
    {
        QString column;
        // The value's PostgreSQL type: values in VALUES have no target column to take their type from
        // there. SQLite converts by the column's affinity and needs none.
        QString type;
    };

    BatchUpdate(QSqlDatabase db, SqlDialect dialect, const QString &table, QList<Field> fields,
                const QString &what, int batchRows = 256);

    // Buffers the new values (one per field, in order) of the row with that id; runs the batch when full.
    Result<void> add(qint64 id, const QVariantList &values);
    // Runs what is buffered.
    Result<void> flush();

private:
    QString sql(int rows) const;

    SqlDialect m_dialect;
    QString m_table;
    QList<Field> m_fields;
    BatchedStatement m_statement;
};

} // namespace fabrica
