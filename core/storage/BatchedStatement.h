#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>
#include <optional>

namespace fabrica {

// The batching BatchInsert and BatchUpdate share: values of many rows bound into one statement for
// `batchRows` rows, prepared once and re-bound, and a statement of its own for the shorter tail.
class BatchedStatement
{
public:
    using Sql = std::function<QString(int rows)>; // the statement's text for that many rows
    using RowReturned = std::function<void(const QSqlQuery &)>;

    // valuesPerRow: placeholders per row; what names the work in error messages; onRow sees each row
    // the statement returns.
    BatchedStatement(QSqlDatabase db, Sql sql, int valuesPerRow, const QString &what, int batchRows,
                     RowReturned onRow = {});

    // Buffers one row (exactly valuesPerRow values); runs the batch when it is full.
    Result<void> add(const QVariantList &row);
    Result<void> flush();

private:
    Result<void> run(QSqlQuery &query);

    QSqlDatabase m_db;
    Sql m_sql;
    int m_valuesPerRow;
    QString m_what;
    int m_batchRows;
    RowReturned m_onRow;
    QVariantList m_pending;
    std::optional<QSqlQuery> m_full; // prepared for m_batchRows rows on first use
};

} // namespace fabrica
