#pragma once

#include "BatchedStatement.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QVariantList>

namespace fabrica {

// Inserts rows into one table many at a time: one multi-row INSERT per batch, the statement prepared once
// and re-bound. A schema of 20,000 columns is then ~100 statements instead of 20,000 (each a round trip on
// PostgreSQL). Returned rows come in no promised order, so RETURNING should name a key to match them by.
class BatchInsert
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::BatchInsert)
    Q_DISABLE_COPY_MOVE(BatchInsert) // the statement calls back into this object

public:
    using RowReturned = BatchedStatement::RowReturned;

    // insert: "INSERT INTO t (a, b)" with `columns` columns; returning: empty or "RETURNING id, a";
    // onRow is called for every returned row; what names the work in error messages.
    BatchInsert(QSqlDatabase db, const QString &insert, int columns, const QString &what,
                const QString &returning = {}, RowReturned onRow = {}, int batchRows = 256);

    // Buffers one row (exactly `columns` values); runs the batch when it is full.
    Result<void> add(const QVariantList &row);
    // Runs what is buffered.
    Result<void> flush();

private:
    QString sql(int rows) const;

    QString m_insert;
    QString m_returning;
    int m_columns;
    BatchedStatement m_statement;
};

} // namespace fabrica
