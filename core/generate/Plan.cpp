#include "Plan.h"

#include "Cardinality.h"
#include "CompositeKey.h"
#include "GeneratorFactory.h"
#include "SizeLimit.h"
#include "common/Logging.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"
#include "validate/RelationChecker.h"
#include "validate/SchemaValidator.h"

#include <QJsonObject>

#include <cmath>

namespace fabrica {

namespace {

enum SeedPurpose : std::uint64_t { ValuesSeed = 0, NullsSeed = 1 };

// Streams are keyed by names, not positions: adding, removing or moving a column leaves the values of
// every other column as they were. FNV-1a, because qHash is seeded per process.
quint64 nameKey(const QString &name)
{
    quint64 hash = 0xCBF29CE484222325ull;
    for (const char byte : name.toUtf8()) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

bool isNotNull(const Column &column)
{
    return column.constraints.value(keys::notNull).toBool() ||
           column.constraints.value(keys::primaryKey).toBool();
}

} // namespace

Result<std::shared_ptr<const Plan>> Plan::compile(const Schema &schema, const Options &options)
{
    std::shared_ptr<Plan> plan(new Plan);
    plan->m_schema = schema;
    plan->m_seed = options.seed;
    for (auto it = options.rows.begin(); it != options.rows.end(); ++it) {
        const int index = plan->m_schema.tableIndex(it.key());
        if (index < 0)
            return makeError(ErrorCode::NotFound,
                             tr("the schema has no table \"%1\" to set the row count of").arg(it.key()));
        if (it.value() < 0)
            return makeError(ErrorCode::InvalidInput,
                             tr("the row count of table \"%1\" must be 0 or more").arg(it.key()));
        plan->m_schema.tables[index].rows = it.value();
    }
    for (const Problem &problem : SchemaValidator().validate(plan->m_schema)) {
        if (problem.isError())
            return makeError(ErrorCode::Validation, problem.message, SourceLocation{{}, 0, 0, problem.path});
    }
    if (Result<void> built = plan->build(options); !built)
        return built.error();
    return std::shared_ptr<const Plan>(std::move(plan));
}

qint64 Plan::totalRows() const
{
    qint64 total = 0;
    for (const TablePlan &table : m_tables)
        total += table.rows;
    return total;
}

QList<int> Plan::tableOrder() const
{
    // Parents before children (Kahn's algorithm, lowest schema index first so the order is stable).
    // A cycle drops its nullable edges first; a cycle of NOT NULL keys is broken at its lowest table.
    // Either way exporters add foreign keys after the data or defer their checks, and a foreign key is
    // computed from a parent row number, so a parent generated later is no obstacle.
    const int n = int(m_schema.tables.size());
    for (const bool withNullable : {true, false}) {
        QList<QSet<int>> parents(n);
        for (int t = 0; t < n; ++t) {
            for (const Column &column : m_schema.tables.at(t).columns) {
                if (!column.isForeignKey() || (!withNullable && !isNotNull(column)))
                    continue;
                const auto target =
                    ColumnReference::fromConstraint(column.constraints.value(keys::references));
                const int parent = target ? m_schema.tableIndex(target->table) : -1;
                if (parent >= 0 && parent != t)
                    parents[t].insert(parent);
            }
        }
        QList<int> order;
        QList<bool> placed(n, false);
        while (order.size() < n) {
            int next = -1;
            for (int t = 0; t < n && next < 0; ++t) {
                if (placed.at(t))
                    continue;
                bool ready = true;
                for (int parent : parents.at(t))
                    ready = ready && placed.at(parent);
                if (ready)
                    next = t;
            }
            if (next < 0 && withNullable)
                break;
            for (int t = 0; t < n && next < 0; ++t) {
                if (!placed.at(t))
                    next = t;
            }
            placed[next] = true;
            order.append(next);
        }
        if (order.size() == n)
            return order;
    }
    QList<int> order; // unreachable after validation; keep the schema's order
    for (int t = 0; t < n; ++t)
        order.append(t);
    return order;
}

Result<void> Plan::build(const Options &options)
{
    Q_UNUSED(options)
    const TypeRegistry &registry = TypeRegistry::instance();
    const QList<int> order = tableOrder();
    QHash<QString, int> planIndex;
    m_tables.reserve(order.size());
    for (int schemaIndex : order) {
        const Table &table = m_schema.tables.at(schemaIndex);
        TablePlan plan;
        plan.name = table.name;
        plan.schemaIndex = schemaIndex;
        plan.rows = table.rows;
        plan.columns.resize(table.columns.size());
        for (int c = 0; c < table.columns.size(); ++c) {
            const Column &column = table.columns.at(c);
            ColumnPlan &cp = plan.columns[c];
            cp.name = column.name;
            cp.type = registry.find(column.type);
            cp.primaryKey = column.constraints.value(keys::primaryKey).toBool();
            // A column of a composite primary key is not unique on its own; the combination is.
            cp.unique = (cp.primaryKey && primaryKeyColumns(table) == 1) ||
                        column.constraints.value(keys::unique).toBool();
            cp.notNull = isNotNull(column);
            cp.nullRate =
                cp.notNull ? 0.0
                           : qBound(0.0, column.constraints.value(keys::nullPercent).toDouble() / 100.0, 1.0);
            cp.seed = Random::streamSeed(m_seed, nameKey(table.name), nameKey(column.name), ValuesSeed);
            cp.nullSeed = Random::streamSeed(m_seed, nameKey(table.name), nameKey(column.name), NullsSeed);
        }
        planIndex.insert(table.name, int(m_tables.size()));
        m_tables.push_back(std::move(plan));
    }

    auto keyGenerator = [this, &planIndex](const QString &tableName, const QString &columnName,
                                           qint64 *rows) -> const Generator * {
        const int index = planIndex.value(tableName, -1);
        if (index < 0)
            return nullptr;
        const TablePlan &table = m_tables[index];
        for (const ColumnPlan &column : table.columns) {
            if (column.name == columnName) {
                if (rows)
                    *rows = table.rows;
                return column.generator.get();
            }
        }
        return nullptr;
    };

    QHash<QString, std::shared_ptr<const Cardinality>> cardinalities; // "table.column" → children per parent
    if (Result<void> counted = childCounts(planIndex, &cardinalities); !counted)
        return counted;
    QHash<QString, QPair<std::shared_ptr<const CompositeKey>, int>> composites; // "table.column" → key, part
    if (Result<void> found = compositeKeys(&composites); !found)
        return found;

    // Plain columns first, then foreign keys, which need their parent's key generator.
    for (const bool foreignKeys : {false, true}) {
        for (TablePlan &plan : m_tables) {
            const Table &table = m_schema.tables.at(plan.schemaIndex);
            for (int c = 0; c < table.columns.size(); ++c) {
                const Column &column = table.columns.at(c);
                if (column.isForeignKey() != foreignKeys)
                    continue;
                ColumnPlan &cp = plan.columns[c];
                QString locale = column.constraints.value(QStringLiteral("locale")).toString();
                if (locale.isEmpty())
                    locale = m_schema.locale.isEmpty() ? QStringLiteral("en_US") : m_schema.locale;
                const DataType *type = foreignKeys ? registry.find(QStringLiteral("foreign_key")) : cp.type;
                const auto composite = composites.value(table.name + QLatin1Char('.') + column.name);
                const GeneratorSpec spec{m_schema,
                                         table,
                                         plan.schemaIndex,
                                         column,
                                         c,
                                         *type,
                                         locale,
                                         cp.seed,
                                         Random::streamSeed(m_seed, nameKey(table.name), ~quint64(0)),
                                         plan.rows,
                                         cp.unique,
                                         keyGenerator,
                                         composite.first,
                                         composite.first ? composite.second : -1,
                                         cardinalities.value(table.name + QLatin1Char('.') + column.name)};
                Result<GeneratorPtr> generator = GeneratorFactory::instance().create(spec);
                if (generator && RelationChecker::hasRelation(column))
                    generator = makeRelation(spec, std::move(generator).value());
                if (generator) // values fit the declared size (varchar(n), numeric(p,s), …)
                    generator = SizeLimit::wrap(spec, std::move(generator).value());
                if (!generator)
                    return generator.error();
                cp.generator = std::move(generator).value();
                if (cp.unique) {
                    const std::optional<quint64> domain = cp.generator->domainSize();
                    if (domain && *domain < quint64(plan.rows))
                        return generationError(spec,
                                               tr("the column is unique, but type %1 with these constraints "
                                                  "has only %2 distinct values for %3 rows; widen its range "
                                                  "or generate fewer rows")
                                                   .arg(column.type)
                                                   .arg(*domain)
                                                   .arg(plan.rows));
                }
                if (foreignKeys) {
                    const auto target =
                        ColumnReference::fromConstraint(column.constraints.value(keys::references));
                    cp.parentTable = target ? planIndex.value(target->table, -1) : -1;
                    cp.parentColumn = target ? target->column : QString();
                    // A parent row whose key is NULL cannot be referenced: its value exists nowhere.
                    for (const ColumnPlan &parent :
                         m_tables[std::size_t(std::max(cp.parentTable, 0))].columns) {
                        if (cp.parentTable >= 0 && parent.name == cp.parentColumn && parent.nullRate > 0)
                            return generationError(spec, tr("references %1, which has NULLs (nullPercent); a "
                                                            "referenced key needs a value in every row")
                                                             .arg(target->toString()));
                    }
                }
            }
        }
    }

    // Templates and relations read other columns of the same row: fill those first.
    for (TablePlan &plan : m_tables) {
        const Table &table = m_schema.tables.at(plan.schemaIndex);
        const int n = int(table.columns.size());
        QList<QSet<int>> needs(n);
        for (int c = 0; c < n; ++c) {
            needs[c] = RelationChecker::dependencies(table, c);
            for (const QString &source : RelationChecker::relationSources(table.columns.at(c))) {
                if (const int index = table.columnIndex(source); index >= 0 && index != c)
                    plan.columns[std::size_t(index)].recordNumbers = true;
            }
        }
        QList<bool> done(n, false);
        while (int(plan.fillOrder.size()) < n) {
            int next = -1;
            for (int c = 0; c < n && next < 0; ++c) {
                bool ready = !done.at(c);
                for (int other : needs.at(c))
                    ready = ready && done.at(other);
                if (ready)
                    next = c;
            }
            if (next < 0)
                return makeError(ErrorCode::Validation,
                                 tr("templates or relations in table \"%1\" refer to each other in a circle")
                                     .arg(table.name),
                                 SourceLocation{{}, 0, 0, table.name});
            done[next] = true;
            plan.fillOrder.push_back(next);
        }
    }
    qCDebug(lcGenerate) << "compiled plan for" << m_schema.name << "with" << m_tables.size() << "tables";
    return {};
}

Result<void> Plan::childCounts(const QHash<QString, int> &planIndex,
                               QHash<QString, std::shared_ptr<const Cardinality>> *out)
{
    // Tables are in parent-first order, so a parent's row count is final (it may itself come from a
    // cardinality) before its children are counted.
    for (TablePlan &plan : m_tables) {
        Table &table = m_schema.tables[plan.schemaIndex];
        const Column *counted = nullptr;
        for (const Column &column : table.columns) {
            if (!column.constraints.contains(keys::cardinality))
                continue;
            const QString where = table.name + QLatin1Char('.') + column.name;
            if (counted)
                return makeError(ErrorCode::Validation,
                                 tr("only one foreign key of a table can set cardinality; %1 and %2 both do")
                                     .arg(table.name + QLatin1Char('.') + counted->name, where),
                                 SourceLocation{{}, 0, 0, where});
            counted = &column;
            const auto target = ColumnReference::fromConstraint(column.constraints.value(keys::references));
            const int parent = target ? planIndex.value(target->table, -1) : -1;
            const int self = planIndex.value(table.name);
            if (parent < 0 || parent >= self)
                return makeError(
                    ErrorCode::Validation,
                    tr("cardinality needs the parent table generated first; a self reference or a "
                       "cycle cannot count children"),
                    SourceLocation{{}, 0, 0, where});
            const QJsonObject spec = column.constraints.value(keys::cardinality).toObject();
            const QJsonObject shape = spec.value(keys::distribution).toObject();
            const bool ranged = spec.contains(QStringLiteral("min"));
            // With only a distribution, counts run from 0 to a million and the parameters give the shape.
            const qint64 low = ranged ? spec.value(QStringLiteral("min")).toInteger() : 0;
            const qint64 high = ranged ? spec.value(QStringLiteral("max")).toInteger() : 1000000;
            std::optional<Distribution> distribution;
            if (!shape.isEmpty() &&
                shape.value(QStringLiteral("name")).toString() != QLatin1String("uniform"))
                distribution = Distribution::fromJson(shape, double(low), double(high), true);
            auto cardinality = std::make_shared<const Cardinality>(
                m_tables[std::size_t(parent)].rows, low, high, distribution,
                Random::streamSeed(m_seed, nameKey(table.name), nameKey(column.name), 3));
            plan.rows = cardinality->totalChildren();
            table.rows = plan.rows;
            out->insert(where, cardinality);
        }
    }
    return {};
}

int Plan::primaryKeyColumns(const Table &table)
{
    int count = 0;
    for (const Column &column : table.columns)
        count += column.constraints.value(keys::primaryKey).toBool() ? 1 : 0;
    return count;
}

Result<void> Plan::compositeKeys(QHash<QString, QPair<std::shared_ptr<const CompositeKey>, int>> *out) const
{
    for (const TablePlan &plan : m_tables) {
        const Table &table = m_schema.tables.at(plan.schemaIndex);
        if (primaryKeyColumns(table) < 2)
            continue;
        QList<int> parts;
        bool uniqueAlone = false;
        for (int c = 0; c < table.columns.size(); ++c) {
            const Column &column = table.columns.at(c);
            if (!column.constraints.value(keys::primaryKey).toBool())
                continue;
            // A part that is unique by itself (a sequence, a unique column) makes every combination unique.
            uniqueAlone = uniqueAlone || column.type == QLatin1String("sequence") ||
                          column.constraints.value(keys::unique).toBool();
            parts.append(c);
        }
        if (uniqueAlone)
            continue;
        std::vector<quint64> radices;
        for (int c : parts) {
            const Column &column = table.columns.at(c);
            const auto target =
                column.isForeignKey()
                    ? ColumnReference::fromConstraint(column.constraints.value(keys::references))
                    : std::nullopt;
            const Table *parent = target ? m_schema.table(target->table) : nullptr;
            if (!parent)
                return makeError(
                    ErrorCode::Validation,
                    tr("the composite primary key of table \"%1\" can only be generated unique when all "
                       "its columns are foreign keys or one of them is a sequence or unique")
                        .arg(table.name),
                    SourceLocation{{}, 0, 0, table.name});
            radices.push_back(quint64(std::max<qint64>(parent->rows, 0)));
        }
        const quint64 combinations = CompositeKey::product(radices);
        if (combinations < quint64(plan.rows))
            return makeError(
                ErrorCode::Validation,
                tr("the composite primary key of table \"%1\" has only %2 combinations of parent rows "
                   "for %3 rows; generate fewer rows or more parents")
                    .arg(table.name)
                    .arg(combinations)
                    .arg(plan.rows),
                SourceLocation{{}, 0, 0, table.name});
        auto key = std::make_shared<const CompositeKey>(
            radices, Random::streamSeed(m_seed, nameKey(table.name), ~quint64(0), 2));
        for (int i = 0; i < parts.size(); ++i)
            out->insert(table.name + QLatin1Char('.') + table.columns.at(parts.at(i)).name, {key, i});
    }
    return {};
}

void Plan::fillChunk(int table, qint64 firstRow, int rows, TableChunk &out) const
{
    const TablePlan &plan = m_tables[table];
    out.table = table;
    out.firstRow = firstRow;
    out.rows = rows;
    out.columns.resize(plan.columns.size());
    thread_local std::vector<std::uint8_t> nulls;
    for (int c : plan.fillOrder) {
        const ColumnPlan &column = plan.columns[c];
        ColumnChunk &values = out.columns[c];
        values.reset(rows);
        values.requestNumbers(column.recordNumbers);
        const std::uint8_t *mask = nullptr;
        if (column.nullRate > 0) {
            nulls.resize(rows);
            if (column.nullRate >= 1.0) {
                std::fill(nulls.begin(), nulls.end(), 1);
            } else {
                const auto threshold = static_cast<std::uint64_t>(std::ldexp(column.nullRate, 64));
                for (int i = 0; i < rows; ++i)
                    nulls[i] =
                        Random::forRow(column.nullSeed, std::uint64_t(firstRow + i)).next() < threshold;
            }
            mask = nulls.data();
        }
        GenerationContext ctx{out, mask, firstRow, rows, column.seed};
        column.generator->fill(ctx, values);
    }
}

} // namespace fabrica
