#include "Plan.h"

#include "Cardinality.h"
#include "CompositeKey.h"
#include "CompositePartGenerator.h"
#include "GeneratorFactory.h"
#include "SizeLimit.h"
#include "common/Logging.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "model/KeyGroups.h"
#include "types/TypeRegistry.h"
#include "validate/RelationChecker.h"
#include "validate/SchemaValidator.h"

#include <QJsonObject>

#include <algorithm>
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
    const Problems problems =
        options.validated && options.rows.isEmpty() ? Problems() : SchemaValidator().validate(plan->m_schema);
    for (const Problem &problem : problems) {
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
            cp.unique = table.isUniqueOnItsOwn(column);
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
    std::vector<KeyPlan> keys;
    if (Result<void> found = keyPlans(&keys); !found)
        return found;
    QSet<QString> parts; // "table.column" of the columns whose combination a key makes unique
    for (const KeyPlan &key : keys) {
        for (int c : key.parts)
            parts.insert(m_tables[std::size_t(key.table)].name + QLatin1Char('.') +
                         m_tables[std::size_t(key.table)].columns[std::size_t(c)].name);
    }
    QHash<QString, QPair<std::shared_ptr<const CompositeKey>, int>> composites; // "table.column" → key, part

    // Plain columns first, then foreign keys, which need their parent's key generator. In between, the
    // composite keys, whose domains are those of the plain columns' generators and the parents' rows.
    for (const bool foreignKeys : {false, true}) {
        if (foreignKeys) {
            if (Result<void> found = compositeKeys(keys, planIndex, cardinalities, &composites); !found)
                return found;
        }
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
                // A plain column of a composite key is built unique: its values at indexes [0, domain)
                // are distinct, and CompositeKey picks the index (CompositePartGenerator).
                const bool part = !foreignKeys && parts.contains(table.name + QLatin1Char('.') + column.name);
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
                                         cp.unique || part,
                                         keyGenerator,
                                         composite.first,
                                         composite.first ? composite.second : -1,
                                         cardinalities.value(table.name + QLatin1Char('.') + column.name)};
                Result<GeneratorPtr> generator = GeneratorFactory::instance().create(spec);
                if (generator && !part && RelationChecker::hasRelation(column))
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

Result<void> Plan::keyPlans(std::vector<KeyPlan> *out)
{
    for (int t = 0; t < int(m_tables.size()); ++t) {
        TablePlan &plan = m_tables[std::size_t(t)];
        const Table &table = m_schema.tables.at(plan.schemaIndex);
        auto uniqueAlone = [&](int c) {
            // A sequence or a unique column makes every combination it is part of unique already.
            return plan.columns[std::size_t(c)].unique ||
                   table.columns.at(c).type == QLatin1String("sequence");
        };
        const QList<KeyGroup> groups = KeyGroups::of(table);
        for (const KeyGroup &group : groups) { // a key of one column is that column unique
            if (group.columns.size() == 1)
                plan.columns[std::size_t(group.columns.first())].unique = true;
        }
        QList<QList<int>> made; // the keys of this table already unique
        QSet<int> taken;        // columns whose values an earlier key fixes
        for (const KeyGroup &group : groups) {
            if (group.columns.size() < 2)
                continue;
            if (std::any_of(group.columns.begin(), group.columns.end(), uniqueAlone))
                continue;
            // A key that contains a key already unique is unique too.
            if (std::any_of(made.begin(), made.end(), [&group](const QList<int> &earlier) {
                    return std::all_of(earlier.begin(), earlier.end(),
                                       [&group](int c) { return group.columns.contains(c); });
                }))
                continue;
            QList<int> free;
            for (int c : group.columns) {
                if (!taken.contains(c))
                    free.append(c);
            }
            const QStringList label = KeyGroups::columnNames(table, group);
            const QString what = group.isPrimaryKey()
                                     ? tr("the primary key (%1) of table \"%2\"")
                                           .arg(label.join(QLatin1String(", ")), table.name)
                                     : tr("the unique key \"%1\" (%2) of table \"%3\"")
                                           .arg(group.name, label.join(QLatin1String(", ")), table.name);
            if (free.isEmpty())
                return makeError(ErrorCode::Validation,
                                 tr("%1 shares all its columns with other keys of the table, so Fabrica "
                                    "cannot make its combinations unique as well; mark one of its columns "
                                    "unique or drop the key")
                                     .arg(what),
                                 SourceLocation{{}, 0, 0, table.name});
            made.append(group.columns);
            for (int c : free)
                taken.insert(c);
            if (free.size() == 1) { // the key's other columns are fixed by an earlier key: this one is unique
                plan.columns[std::size_t(free.first())].unique = true;
                continue;
            }
            out->push_back(KeyPlan{t, group.name, label, free, {}});
        }
    }
    return {};
}

Result<void> Plan::compositeKeys(std::vector<KeyPlan> &plans, const QHash<QString, int> &planIndex,
                                 const QHash<QString, std::shared_ptr<const Cardinality>> &cardinalities,
                                 QHash<QString, QPair<std::shared_ptr<const CompositeKey>, int>> *out)
{
    for (KeyPlan &key : plans) {
        TablePlan &plan = m_tables[std::size_t(key.table)];
        const Table &table = m_schema.tables.at(plan.schemaIndex);
        const quint64 rows = quint64(std::max<qint64>(plan.rows, 1));
        std::vector<quint64> radices;
        QStringList domains;
        int counted = -1; // the part whose parents a cardinality gives
        std::shared_ptr<const Cardinality> cardinality;
        for (int i = 0; i < key.parts.size(); ++i) {
            const int c = key.parts.at(i);
            const Column &column = table.columns.at(c);
            quint64 radix = 0;
            if (column.isForeignKey() && column.constraints.contains(keys::cardinality)) {
                counted = i;
                cardinality = cardinalities.value(table.name + QLatin1Char('.') + column.name);
            }
            if (column.isForeignKey()) { // a parent row number, as the foreign key generator computes it
                const auto target =
                    ColumnReference::fromConstraint(column.constraints.value(keys::references));
                const int parent = target ? planIndex.value(target->table, -1) : -1;
                radix = parent >= 0 ? quint64(std::max<qint64>(m_tables[std::size_t(parent)].rows, 0)) : 0;
            } else {
                // No more indexes than rows are ever needed; an unbounded generator is unique over rows.
                const std::optional<quint64> domain = plan.columns[std::size_t(c)].generator->domainSize();
                radix = std::min(domain.value_or(rows), rows);
            }
            radices.push_back(radix);
            domains.append(tr("%1: %2").arg(column.name).arg(radix));
        }
        const QString what = key.name.isEmpty()
                                 ? tr("the primary key (%1) of table \"%2\"")
                                       .arg(key.label.join(QLatin1String(", ")), table.name)
                                 : tr("the unique key \"%1\" (%2) of table \"%3\"")
                                       .arg(key.name, key.label.join(QLatin1String(", ")), table.name);
        if (cardinality) {
            // The children of one parent need distinct combinations of the other columns.
            std::vector<quint64> others = radices;
            others.erase(others.begin() + counted);
            QStringList otherDomains = domains;
            otherDomains.removeAt(counted);
            qint64 most = 0;
            for (qint64 parent = 0; parent < cardinality->parents(); ++parent)
                most = std::max(most, cardinality->count(parent));
            if (CompositeKey::product(others) < quint64(most))
                return makeError(
                    ErrorCode::Validation,
                    tr("%1: a parent of %2 gets up to %3 children (cardinality), but the other columns have "
                       "only %4 distinct combinations (%5); lower the cardinality or widen a column's range")
                        .arg(what, table.columns.at(key.parts.at(counted)).name)
                        .arg(most)
                        .arg(CompositeKey::product(others))
                        .arg(otherDomains.join(QStringLiteral(" × "))),
                    SourceLocation{{}, 0, 0, table.name});
        }
        const quint64 combinations = CompositeKey::product(radices);
        if (!cardinality && combinations < quint64(plan.rows)) {
            return makeError(ErrorCode::Validation,
                             tr("%1 has only %2 distinct combinations (%3) for %4 rows; widen a column's "
                                "range, add values or parent rows, or generate fewer rows")
                                 .arg(what)
                                 .arg(combinations)
                                 .arg(domains.join(QStringLiteral(" × ")))
                                 .arg(plan.rows),
                             SourceLocation{{}, 0, 0, table.name});
        }
        // The primary key keeps its stream so link tables of foreign keys generate as before.
        const quint64 seed = key.name.isEmpty()
                                 ? Random::streamSeed(m_seed, nameKey(table.name), ~quint64(0), 2)
                                 : Random::streamSeed(m_seed, nameKey(table.name), nameKey(key.name), 4);
        key.key = std::make_shared<const CompositeKey>(radices, seed, cardinality, counted);
        for (int i = 0; i < key.parts.size(); ++i) {
            const int c = key.parts.at(i);
            const Column &column = table.columns.at(c);
            if (column.isForeignKey()) {
                out->insert(table.name + QLatin1Char('.') + column.name, {key.key, i});
            } else {
                ColumnPlan &cp = plan.columns[std::size_t(c)];
                cp.generator =
                    std::make_unique<CompositePartGenerator>(std::move(cp.generator), key.key, i, cp.seed);
            }
        }
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
