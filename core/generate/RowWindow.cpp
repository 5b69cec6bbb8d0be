#include "RowWindow.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "validate/RelationChecker.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fabrica {

namespace {

// Rows made per fillChunk() call by rows(): the bytes do not depend on the chunking, and this bounds the
// memory of one call's chunk buffers.
constexpr int kPieceRows = 8192;

Table parentColumns(const Table &parent, const QSet<QString> &referenced)
{
    // The table's values read a parent only through its key generators and its row count: the referenced
    // columns, every key (a composite key permutes its whole tuple, and all keys together decide which
    // parts Plan permutes), the foreign keys (their parents and cardinality set the row count), and what
    // those read in the same row (templates, relations). Streams are keyed by names, not positions, so
    // the columns left out change no value of those kept.
    const int n = int(parent.columns.size());
    QList<bool> keep(n, false);
    QList<int> pending;
    for (int c = 0; c < n; ++c) {
        const fabrica::Column &column = parent.columns.at(c);
        if (referenced.contains(column.name.toCaseFolded()) || column.isForeignKey() ||
            column.constraints.contains(keys::primaryKey) || column.constraints.contains(keys::unique) ||
            column.constraints.contains(keys::uniqueKey)) {
            keep[c] = true;
            pending.append(c);
        }
    }
    while (!pending.isEmpty()) {
        for (const int source : RelationChecker::dependencies(parent, pending.takeLast())) {
            if (!keep.at(source)) {
                keep[source] = true;
                pending.append(source);
            }
        }
    }
    Table result = parent;
    result.columns.clear();
    for (int c = 0; c < n; ++c) {
        if (keep.at(c))
            result.columns.append(parent.columns.at(c));
    }
    return result;
}

} // namespace

Schema RowWindow::reduced(const Schema &schema, int table, int *tableInReduced)
{
    QHash<QString, int> byName;
    byName.reserve(schema.tables.size());
    // Back to front, so that of two tables with one name the first wins, as in Schema::tableIndex.
    for (int t = int(schema.tables.size()) - 1; t >= 0; --t)
        byName.insert(schema.tables.at(t).name, t);

    // Walk the foreign keys from the table; every reached table comes along (its rows and its own
    // parents decide which parent rows a child draws, so they change the values). On the way, note the
    // columns the foreign keys read: a parent keeps those.
    QList<bool> reached(schema.tables.size(), false);
    QList<QSet<QString>> referenced(schema.tables.size()); // case-folded column names
    QList<int> pending{table};
    reached[table] = true;
    while (!pending.isEmpty()) {
        const int current = pending.takeLast();
        for (const fabrica::Column &column : schema.tables.at(current).columns) {
            const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
            const int parent = target ? byName.value(target->table, -1) : -1;
            if (parent < 0)
                continue;
            referenced[parent].insert(target->column.toCaseFolded());
            if (!reached.at(parent)) {
                reached[parent] = true;
                pending.append(parent);
            }
        }
    }

    // A table sharing a name (ignoring case) with a kept one stays too, whole, so the validator reports
    // the clash here as it would when generating.
    QSet<QString> keptNames;
    for (int t = 0; t < schema.tables.size(); ++t) {
        if (reached.at(t))
            keptNames.insert(schema.tables.at(t).name.toCaseFolded());
    }

    Schema result = schema; // every schema-wide setting (locale, reference date, …) as it is
    result.tables.clear();
    for (int t = 0; t < schema.tables.size(); ++t) {
        if (t == table) {
            if (tableInReduced)
                *tableInReduced = int(result.tables.size());
            result.tables.append(schema.tables.at(t));
        } else if (reached.at(t)) {
            result.tables.append(parentColumns(schema.tables.at(t), referenced.at(t)));
        } else if (keptNames.contains(schema.tables.at(t).name.toCaseFolded())) {
            result.tables.append(schema.tables.at(t));
        }
    }
    return result;
}

Result<std::shared_ptr<const RowWindow>> RowWindow::open(const Schema &schema, const QString &table,
                                                         const Plan::Options &options)
{
    const int index = schema.tableIndex(table);
    if (index < 0)
        return makeError(ErrorCode::NotFound, tr("the schema has no table \"%1\"").arg(table));
    return open(schema, index, options);
}

Result<std::shared_ptr<const RowWindow>> RowWindow::open(const Schema &schema, int table,
                                                         const Plan::Options &options)
{
    if (table < 0 || table >= schema.tables.size())
        return makeError(ErrorCode::NotFound, tr("the schema has no such table to preview"));
    int tableInReduced = -1;
    const Schema small = reduced(schema, table, &tableInReduced);
    // Value streams are keyed by table and column names, not positions, so leaving tables out changes
    // nothing in the ones kept.
    Plan::Options planOptions{options.seed, {}};
    for (auto it = options.rows.begin(); it != options.rows.end(); ++it) {
        if (small.tableIndex(it.key()) >= 0)
            planOptions.rows.insert(it.key(), it.value());
    }
    Result<std::shared_ptr<const Plan>> plan = Plan::compile(small, planOptions);
    if (!plan)
        return plan.error();

    std::shared_ptr<RowWindow> window(new RowWindow);
    window->m_plan = std::move(plan).value();
    const std::vector<TablePlan> &tables = window->m_plan->tables();
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (tables[t].schemaIndex == tableInReduced)
            window->m_planTable = int(t);
    }
    Q_ASSERT(window->m_planTable >= 0);
    const TablePlan &tablePlan = tables[std::size_t(window->m_planTable)];
    const Table &source = small.tables.at(tableInReduced);
    window->m_tableName = tablePlan.name;
    window->m_rows = tablePlan.rows;
    window->m_columns.reserve(qsizetype(tablePlan.columns.size()));
    for (std::size_t c = 0; c < tablePlan.columns.size(); ++c) {
        const ColumnPlan &column = tablePlan.columns[c];
        window->m_columns.append(
            Column{column.name, source.columns.at(qsizetype(c)).type, column.generator->valueClass()});
    }
    return std::shared_ptr<const RowWindow>(std::move(window));
}

RowWindow::Cell RowWindow::cell(const ColumnChunk &column, int row)
{
    if (column.isNull(row))
        return std::nullopt;
    const std::string_view bytes = column.value(row);
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

Result<int> RowWindow::clamp(qint64 first, int count) const
{
    if (first < 0 || count < 0)
        return makeError(ErrorCode::InvalidInput,
                         tr("a row window starts at row 0 or later and has 0 rows or more"));
    if (count > maxRowsPerCall)
        return makeError(ErrorCode::InvalidInput,
                         tr("at most %1 rows can be read at a time, not %2").arg(maxRowsPerCall).arg(count));
    return int(std::clamp<qint64>(m_rows - first, 0, count));
}

Result<void> RowWindow::fill(qint64 first, int count, TableChunk &out) const
{
    const Result<int> rows = clamp(first, count);
    if (!rows)
        return rows.error();
    m_plan->fillChunk(m_planTable, first, *rows, out);
    return {};
}

Result<QList<RowWindow::Row>> RowWindow::rows(qint64 first, int count) const
{
    const Result<int> wanted = clamp(first, count);
    if (!wanted)
        return wanted.error();
    QList<Row> result;
    result.reserve(*wanted);
    TableChunk chunk;
    for (int done = 0; done < *wanted;) {
        const int piece = std::min(kPieceRows, *wanted - done);
        m_plan->fillChunk(m_planTable, first + done, piece, chunk);
        for (int r = 0; r < piece; ++r) {
            Row row;
            row.reserve(qsizetype(chunk.columns.size()));
            for (const ColumnChunk &column : chunk.columns)
                row.append(cell(column, r));
            result.append(std::move(row));
        }
        done += piece;
    }
    return result;
}

} // namespace fabrica
