#pragma once

#include "ColumnChunk.h"
#include "Plan.h"
#include "common/Result.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace fabrica {

// Any window of one table's rows, made on demand (ARCHITECTURE.md, "the preview"): a row is a pure function
// of schema, seed and row number, so the window scrolls through millions of rows and holds none of them.
// Only the table and, of the tables its foreign keys reach (transitively), the columns that can change its
// values (keys, foreign keys and what they read) are compiled, so a problem in an unrelated table or column
// does not stop it and the cost grows with neither the schema nor a wide parent. The values are
// those every exporter writes for the same schema and seed, before the format's own quoting (what a CSV
// reader gives back). Immutable once opened: rows() may be called from any number of threads at once.
class RowWindow
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RowWindow)

public:
    using Cell = std::optional<QString>; // std::nullopt = NULL
    using Row = QList<Cell>;

    struct Column
    {
        QString name;
        QString type; // the schema's type id, e.g. "foreign_key"
        ValueClass valueClass = ValueClass::Text;
    };

    // The most rows one call of rows() makes: a caller (an API request) cannot ask for gigabytes at once.
    static constexpr int maxRowsPerCall = 100000;

    // Compiles the window onto table `table` (an index into schema). options.seed is the seed; a row count
    // in options.rows overrides the schema's, as for a generation (counts of tables not reached are ignored).
    // Errors are the validator's (or the engine's) messages about the reduced schema.
    static Result<std::shared_ptr<const RowWindow>> open(const Schema &schema, int table,
                                                         const Plan::Options &options);
    // The same by the table's name.
    static Result<std::shared_ptr<const RowWindow>> open(const Schema &schema, const QString &table,
                                                         const Plan::Options &options);

    // The schema cut down to table `table` (whole) and the tables its foreign keys reach, in the schema's
    // order; those keep only the columns the table's values depend on: the columns foreign keys reference,
    // every key column (primaryKey, unique, uniqueKey), every foreign key, and the columns these read in the
    // same row (templates, relations), so the table's rows stay those of the whole schema. A table that
    // clashes by name with a kept one stays whole, for the validator's message. *tableInReduced (if given)
    // receives the table's index in it.
    static Schema reduced(const Schema &schema, int table, int *tableInReduced = nullptr);

    // One value of a column chunk as text (UTF-8 decoded), std::nullopt for NULL.
    static Cell cell(const ColumnChunk &column, int row);

    const QString &table() const { return m_tableName; }
    quint64 seed() const { return m_plan->seed(); }
    qint64 rowCount() const { return m_rows; }
    const QList<Column> &columns() const { return m_columns; }

    // Rows [first, first + count), cut at the end of the table (first at or past the end gives none).
    // Each row has one cell per column, in columns() order.
    Result<QList<Row>> rows(qint64 first, int count) const;
    // The same rows as the engine's column chunk, for callers that format values themselves.
    Result<void> fill(qint64 first, int count, TableChunk &out) const;

private:
    RowWindow() = default;
    Result<int> clamp(qint64 first, int count) const;

    std::shared_ptr<const Plan> m_plan;
    int m_planTable = -1; // index into m_plan->tables()
    QString m_tableName;
    qint64 m_rows = 0;
    QList<Column> m_columns;
};

} // namespace fabrica
