#include "ColumnPreview.h"

#include "Plan.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fabrica {

Schema ColumnPreview::reduced(const Schema &schema, int table, int *tableInReduced)
{
    QHash<QString, int> byName;
    byName.reserve(schema.tables.size());
    // Back to front, so that of two tables with one name the first wins, as in Schema::tableIndex.
    for (int t = int(schema.tables.size()) - 1; t >= 0; --t)
        byName.insert(schema.tables.at(t).name, t);

    // Walk the foreign keys from the table; every reached table comes along (its rows and its own
    // parents decide which parent rows a child draws, so they change the values).
    QList<bool> needed(schema.tables.size(), false);
    QList<int> pending{table};
    needed[table] = true;
    while (!pending.isEmpty()) {
        const int current = pending.takeLast();
        for (const Column &column : schema.tables.at(current).columns) {
            const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
            const int parent = target ? byName.value(target->table, -1) : -1;
            if (parent >= 0 && !needed.at(parent)) {
                needed[parent] = true;
                pending.append(parent);
            }
        }
    }

    // A table sharing a name (ignoring case) with a kept one stays too, so the validator reports the clash
    // here as it would when generating.
    QSet<QString> keptNames;
    for (int t = 0; t < schema.tables.size(); ++t) {
        if (needed.at(t))
            keptNames.insert(schema.tables.at(t).name.toCaseFolded());
    }
    for (int t = 0; t < schema.tables.size(); ++t)
        needed[t] = needed.at(t) || keptNames.contains(schema.tables.at(t).name.toCaseFolded());

    Schema result;
    result.name = schema.name;
    result.description = schema.description;
    result.owner = schema.owner;
    result.created = schema.created;
    result.locale = schema.locale;
    for (int t = 0; t < schema.tables.size(); ++t) {
        if (!needed.at(t))
            continue;
        if (t == table && tableInReduced)
            *tableInReduced = int(result.tables.size());
        result.tables.append(schema.tables.at(t));
    }
    return result;
}

Result<ColumnPreview::Values> ColumnPreview::values(const Schema &schema, int table, int column, quint64 seed,
                                                    int count)
{
    if (table < 0 || table >= schema.tables.size() || column < 0 ||
        column >= schema.tables.at(table).columns.size())
        return makeError(ErrorCode::NotFound, tr("the schema has no such column to preview"));
    int tableInReduced = -1;
    const Schema small = reduced(schema, table, &tableInReduced);
    // Value streams are keyed by table and column names, not positions, so leaving tables out changes
    // nothing in the ones kept.
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(small, Plan::Options{seed, {}});
    if (!plan)
        return plan.error();
    int planTable = -1;
    for (std::size_t t = 0; t < (*plan)->tables().size(); ++t) {
        if ((*plan)->tables()[t].schemaIndex == tableInReduced)
            planTable = int(t);
    }
    Q_ASSERT(planTable >= 0);
    const qint64 rows =
        std::clamp<qint64>((*plan)->tables()[std::size_t(planTable)].rows, 0, std::max(count, 0));
    Values result;
    if (rows == 0)
        return result;
    TableChunk chunk;
    (*plan)->fillChunk(planTable, 0, int(rows), chunk);
    const ColumnChunk &values = chunk.columns[std::size_t(column)];
    result.reserve(values.size());
    for (int row = 0; row < values.size(); ++row) {
        if (values.isNull(row)) {
            result.append(std::nullopt);
        } else {
            const std::string_view bytes = values.value(row);
            result.append(QString::fromUtf8(bytes.data(), qsizetype(bytes.size())));
        }
    }
    return result;
}

} // namespace fabrica
