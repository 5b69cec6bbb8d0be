#include "RelationChecker.h"

#include "ConstraintChecker.h"
#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "types/FormulaSyntax.h"
#include "types/TemplateSyntax.h"
#include "types/TypeRegistry.h"
#include "types/ValueKinds.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace fabrica {

QString RelationChecker::unknownSource(const QString &key, const QString &sourceName, const Table &table)
{
    QStringList names;
    for (const Column &other : table.columns)
        names.append(other.name);
    const QString guess = ConstraintChecker::suggestion(sourceName, names);
    return guess.isEmpty()
               ? tr("\"%1\" names column \"%2\", which table %3 does not have")
                     .arg(key, sourceName, table.name)
               : tr("\"%1\" names column \"%2\", which table %3 does not have; did you mean \"%4\"?")
                     .arg(key, sourceName, table.name, guess);
}

RelationChecker::RelationChecker(const TypeRegistry &registry)
    : m_registry(registry)
{}

QStringList RelationChecker::relationKeys()
{
    return {keys::after, keys::formula, keys::weightsBy};
}

bool RelationChecker::hasRelation(const Column &column)
{
    return column.constraints.contains(keys::after) || column.constraints.contains(keys::formula) ||
           column.constraints.contains(keys::weightsBy);
}

QStringList RelationChecker::relationSources(const Column &column)
{
    QStringList names;
    for (const QString &key : {keys::after, keys::weightsBy}) {
        const QString source = column.constraints.value(key).toObject().value(keys::sourceColumn).toString();
        if (!source.isEmpty() && !names.contains(source))
            names.append(source);
    }
    const QJsonValue formula = column.constraints.value(keys::formula);
    if (formula.isString()) {
        for (const QString &name : FormulaSyntax::columns(formula.toString())) {
            if (!names.contains(name))
                names.append(name);
        }
    }
    return names;
}

QSet<int> RelationChecker::dependencies(const Table &table, int column)
{
    QSet<int> needs;
    const Column &self = table.columns.at(column);
    if (self.constraints.isEmpty()) // most columns of a big schema: nothing to look up
        return needs;
    // Templates of the column itself and of the fields of a json column.
    QList<QJsonValue> templates{self.constraints.value(keys::templateText)};
    const QJsonObject fields = self.constraints.value(keys::fields).toObject();
    for (auto field = fields.begin(); field != fields.end(); ++field)
        templates.append(field.value()
                             .toObject()
                             .value(QStringLiteral("constraints"))
                             .toObject()
                             .value(keys::templateText));
    for (const QJsonValue &text : templates) {
        QList<TemplateSyntax::Part> parts;
        if (!text.isString() || TemplateSyntax::parse(text.toString(), &parts))
            continue;
        for (const TemplateSyntax::Part &part : parts) {
            const int other = part.placeholder.isEmpty() ? -1 : table.columnIndex(part.placeholder);
            if (other >= 0 && other != column)
                needs.insert(other);
        }
    }
    for (const QString &name : relationSources(self)) {
        const int other = table.columnIndex(name);
        if (other >= 0 && other != column)
            needs.insert(other);
    }
    return needs;
}

QStringList RelationChecker::gapUnits()
{
    return {QStringLiteral("days"),  QStringLiteral("seconds"), QStringLiteral("minutes"),
            QStringLiteral("hours"), QStringLiteral("months"),  QStringLiteral("years")};
}

bool RelationChecker::isTemporal(const QString &typeId)
{
    static const QStringList types{QStringLiteral("date"), QStringLiteral("time"),
                                   QStringLiteral("timestamp"), QStringLiteral("timestamptz")};
    return types.contains(typeId);
}

bool RelationChecker::isNumeric(const QString &typeId)
{
    static const QStringList types{QStringLiteral("integer"), QStringLiteral("smallint"),
                                   QStringLiteral("bigint"), QStringLiteral("decimal"),
                                   QStringLiteral("amount")};
    return types.contains(typeId);
}

bool RelationChecker::isNumericSource(const QString &typeId)
{
    return isNumeric(typeId) || typeId == QLatin1String("sequence");
}

void RelationChecker::check(const Schema &schema, Problems &problems) const
{
    for (int t = 0; t < schema.tables.size(); ++t) {
        const Table &table = schema.tables.at(t);
        for (int c = 0; c < table.columns.size(); ++c) {
            if (hasRelation(table.columns.at(c)))
                checkColumn(schema, t, c, problems);
        }
        checkCycles(schema, t, problems);
    }
}

void RelationChecker::checkColumn(const Schema &schema, int tableIndex, int columnIndex,
                                  Problems &problems) const
{
    const Table &table = schema.tables.at(tableIndex);
    const Column &column = table.columns.at(columnIndex);
    const QString path = table.name + QLatin1Char('.') + column.name;
    auto report = [&](const QString &key, const QString &message) {
        problems.append(Problem{Problem::Severity::Error, message, tableIndex, columnIndex, key, path});
    };
    QStringList present;
    for (const QString &key : relationKeys()) {
        if (column.constraints.contains(key))
            present.append(key);
    }
    const QString first = present.value(0);
    if (present.size() > 1) {
        report(present.at(1), tr("a column can have one relation, but %1 has %2; keep one of them")
                                  .arg(column.name, present.join(QLatin1String(" and "))));
        return;
    }
    // Keys are row functions and foreign keys draw parent rows; a value computed from its row is neither.
    if (column.constraints.value(keys::primaryKey).toBool() ||
        column.constraints.value(keys::unique).toBool() || column.constraints.contains(keys::uniqueKey)) {
        report(first, tr("%1 cannot be %2: its values follow other columns of the row, so they cannot be "
                         "guaranteed unique; remove \"%3\" or the key")
                          .arg(column.name,
                               column.constraints.value(keys::primaryKey).toBool() ? tr("a primary key")
                               : column.constraints.value(keys::unique).toBool()   ? tr("unique")
                                                                                 : tr("part of a unique key"),
                               first));
        return;
    }
    if (column.isForeignKey()) {
        report(first, tr("%1 is a foreign key, whose values come from the parent table; a foreign key "
                         "cannot also have \"%2\"")
                          .arg(column.name, first));
        return;
    }
    for (const Table &other : schema.tables) {
        for (const Column &child : other.columns) {
            const auto target = ColumnReference::fromConstraint(child.constraints.value(keys::references));
            if (target && target->table == table.name && target->column == column.name) {
                report(first, tr("%1 is referenced by %2.%3, but a referenced key cannot have \"%4\"")
                                  .arg(column.name, other.name, child.name, first));
                return;
            }
        }
    }
    const QJsonValue value = column.constraints.value(first);
    if (first == keys::after)
        checkAfter(table, column, value, report);
    else if (first == keys::formula)
        checkFormula(table, column, value, report);
    else
        checkWeightsBy(table, column, value, report);
}

void RelationChecker::checkAfter(const Table &table, const Column &column, const QJsonValue &value,
                                 const std::function<void(const QString &, const QString &)> &report) const
{
    if (!value.isObject())
        return; // the kind is reported by ConstraintChecker
    const QJsonObject after = value.toObject();
    const bool temporal = isTemporal(column.type);
    if (!temporal && !isNumeric(column.type)) {
        report(keys::after, tr("\"after\" works on date, time, timestamp, timestamptz, integer, smallint, "
                               "bigint, decimal and amount columns, not on type %1")
                                .arg(column.type));
        return;
    }
    static const QStringList known{keys::sourceColumn, keys::gapMin, keys::gapMax, keys::gapUnit,
                                   keys::distribution};
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (!known.contains(it.key())) {
            report(keys::after, tr("unknown key \"%1\" in \"after\" (accepted: %2)")
                                    .arg(it.key(), known.join(QLatin1String(", "))));
            return;
        }
    }
    const QString sourceName = after.value(keys::sourceColumn).toString();
    if (sourceName.isEmpty()) {
        report(keys::after, tr("\"after\" needs \"column\": the column this one follows"));
        return;
    }
    const Column *source = table.column(sourceName);
    if (!source) {
        report(keys::after, unknownSource(keys::after, sourceName, table));
        return;
    }
    if (source == &column) {
        report(keys::after, tr("\"after\" names the column itself; name the column this one follows"));
        return;
    }
    const bool timeOfDay = column.type == QLatin1String("time");
    const bool fits = temporal
                          ? isTemporal(source->type) && (source->type == QLatin1String("time")) == timeOfDay
                          : isNumericSource(source->type);
    if (!fits) {
        report(keys::after,
               temporal
                   ? (timeOfDay ? tr("%1 (time) can only follow a time column; %2 is %3")
                                : tr("%1 (%4) can only follow a date, timestamp or timestamptz column; %2 "
                                     "is %3"))
                         .arg(column.name, sourceName, source->type, column.type)
                   : tr("%1 (%4) can only follow a number column (integer, smallint, bigint, decimal, "
                        "amount, sequence); %2 is %3")
                         .arg(column.name, sourceName, source->type, column.type));
        return;
    }
    for (const QString &key : {keys::gapMin, keys::gapMax}) {
        if (after.contains(key) && !after.value(key).isDouble()) {
            report(keys::after, tr("\"%1\" of \"after\" must be a number, found %2")
                                    .arg(key, ConstraintChecker::show(after.value(key))));
            return;
        }
    }
    if (after.contains(keys::gapMin) && after.contains(keys::gapMax) &&
        after.value(keys::gapMin).toDouble() > after.value(keys::gapMax).toDouble()) {
        report(keys::after, tr("the gap's min (%1) is greater than its max (%2)")
                                .arg(after.value(keys::gapMin).toDouble())
                                .arg(after.value(keys::gapMax).toDouble()));
        return;
    }
    if (after.contains(keys::gapUnit)) {
        if (!temporal) {
            report(keys::after, tr("\"unit\" applies to date and time columns; the gap of a number column is "
                                   "in the column's own units, so remove \"unit\""));
            return;
        }
        const QString unit = after.value(keys::gapUnit).toString();
        if (!gapUnits().contains(unit)) {
            report(keys::after, tr("unknown unit %1 in \"after\" (units: %2)")
                                    .arg(ConstraintChecker::show(after.value(keys::gapUnit)),
                                         gapUnits().join(QLatin1String(", "))));
            return;
        }
        if (timeOfDay && (unit == QLatin1String("days") || unit == QLatin1String("months") ||
                          unit == QLatin1String("years"))) {
            report(keys::after, tr("a time column's gap is at most a day: use seconds, minutes or hours"));
            return;
        }
    }
    if (after.contains(keys::distribution)) {
        const QJsonValue shape = after.value(keys::distribution);
        if (!matchesKind(shape, ValueKind::Distribution))
            report(keys::after, tr("\"distribution\" of \"after\" needs \"name\": one of %1")
                                    .arg(distributionNames().join(QLatin1String(", "))));
    }
}

void RelationChecker::checkFormula(const Table &table, const Column &column, const QJsonValue &value,
                                   const std::function<void(const QString &, const QString &)> &report) const
{
    if (!value.isString())
        return; // the kind is reported by ConstraintChecker
    if (!isNumeric(column.type)) {
        report(keys::formula,
               tr("\"formula\" computes integer, smallint, bigint, decimal and amount columns, "
                  "not type %1")
                   .arg(column.type));
        return;
    }
    const QString text = value.toString();
    QList<FormulaSyntax::Token> rpn;
    if (const auto error = FormulaSyntax::parse(text, &rpn)) {
        report(keys::formula, tr("formula: %1").arg(error->message));
        return;
    }
    QStringList names;
    for (const Column &other : table.columns)
        names.append(other.name);
    for (const FormulaSyntax::Token &token : rpn) {
        if (token.kind != FormulaSyntax::Token::Kind::Column)
            continue;
        const Column *source = table.column(token.text);
        const int position = token.offset + 1;
        if (!source) {
            const QString guess = ConstraintChecker::suggestion(token.text, names);
            report(keys::formula,
                   guess.isEmpty()
                       ? tr("formula: unknown column \"%1\" at position %2").arg(token.text).arg(position)
                       : tr("formula: unknown column \"%1\" at position %2; did you mean \"%3\"?")
                             .arg(token.text)
                             .arg(position)
                             .arg(guess));
            return;
        }
        if (source == &column) {
            report(keys::formula, tr("formula: the column reads itself at position %1").arg(position));
            return;
        }
        if (!isNumericSource(source->type)) {
            report(keys::formula, tr("formula: column \"%1\" at position %2 is %3; a formula reads integer, "
                                     "smallint, bigint, decimal, amount and sequence columns")
                                      .arg(token.text)
                                      .arg(position)
                                      .arg(source->type));
            return;
        }
    }
}

void RelationChecker::checkWeightsBy(
    const Table &table, const Column &column, const QJsonValue &value,
    const std::function<void(const QString &, const QString &)> &report) const
{
    if (!value.isObject())
        return; // the kind is reported by ConstraintChecker
    if (column.type != QLatin1String("enum")) {
        report(keys::weightsBy, tr("\"weightsBy\" works on enum columns, not on type %1").arg(column.type));
        return;
    }
    const QJsonObject spec = value.toObject();
    for (auto it = spec.begin(); it != spec.end(); ++it) {
        if (it.key() != keys::sourceColumn && it.key() != keys::weights) {
            report(keys::weightsBy,
                   tr("unknown key \"%1\" in \"weightsBy\" (accepted: column, weights)").arg(it.key()));
            return;
        }
    }
    const QString sourceName = spec.value(keys::sourceColumn).toString();
    if (sourceName.isEmpty()) {
        report(keys::weightsBy,
               tr("\"weightsBy\" needs \"column\": the column whose value picks the weights"));
        return;
    }
    const Column *source = table.column(sourceName);
    if (!source) {
        report(keys::weightsBy, unknownSource(keys::weightsBy, sourceName, table));
        return;
    }
    if (source == &column) {
        report(keys::weightsBy, tr("\"weightsBy\" names the column itself; name another column of the row"));
        return;
    }
    if (!spec.value(keys::weights).isObject()) {
        report(keys::weightsBy, tr("\"weightsBy\" needs \"weights\": an object from a value of %1 to a list "
                                   "of weights, e.g. {\"DE\": [70, 20, 10]}")
                                    .arg(sourceName));
        return;
    }
    const qsizetype count = column.constraints.value(keys::values).toArray().size();
    const QJsonObject weights = spec.value(keys::weights).toObject();
    for (auto it = weights.begin(); it != weights.end(); ++it) {
        const QJsonArray list = it.value().toArray();
        bool numbers = it.value().isArray();
        double sum = 0;
        for (const QJsonValue &weight : list) {
            numbers = numbers && weight.isDouble() && weight.toDouble() >= 0;
            sum += weight.toDouble();
        }
        if (!numbers) {
            report(keys::weightsBy,
                   tr("the weights for %1 = \"%2\" must be a list of numbers ≥ 0").arg(sourceName, it.key()));
            return;
        }
        if (list.size() != count) {
            report(keys::weightsBy, tr("the weights for %1 = \"%2\" list %3 numbers, but the column has %4 "
                                       "values; give one weight per value")
                                        .arg(sourceName, it.key())
                                        .arg(list.size())
                                        .arg(count));
            return;
        }
        if (sum <= 0) {
            report(keys::weightsBy, tr("the weights for %1 = \"%2\" are all 0; at least one must be more")
                                        .arg(sourceName, it.key()));
            return;
        }
    }
}

void RelationChecker::checkCycles(const Schema &schema, int tableIndex, Problems &problems) const
{
    const Table &table = schema.tables.at(tableIndex);
    const int n = int(table.columns.size());
    QList<QSet<int>> needs(n);
    bool any = false;
    for (int c = 0; c < n; ++c) {
        needs[c] = dependencies(table, c);
        any = any || !needs.at(c).isEmpty();
    }
    if (!any)
        return;
    // Depth-first search; a back edge closes a cycle, reported once at the column where it is found.
    QList<int> state(n, 0); // 0 new, 1 on the path, 2 done
    QList<int> path;
    std::function<void(int)> visit = [&](int c) {
        state[c] = 1;
        path.append(c);
        QList<int> next = needs.at(c).values();
        std::sort(next.begin(), next.end());
        for (int other : next) {
            if (state.at(other) == 1) {
                QStringList names;
                for (qsizetype i = path.indexOf(other); i < path.size(); ++i)
                    names.append(table.columns.at(path.at(i)).name);
                names.append(table.columns.at(other).name);
                const Column &column = table.columns.at(c);
                QString key;
                for (const QString &k : relationKeys() + QStringList{keys::templateText}) {
                    if (column.constraints.contains(k))
                        key = k;
                }
                problems.append(
                    Problem{Problem::Severity::Error,
                            tr("columns depend on each other in a cycle (%1) through relations or "
                               "templates; remove one of the dependencies")
                                .arg(names.join(QStringLiteral(" → "))),
                            tableIndex, c, key, table.name + QLatin1Char('.') + column.name});
            } else if (state.at(other) == 0) {
                visit(other);
            }
        }
        path.removeLast();
        state[c] = 2;
    };
    for (int c = 0; c < n; ++c) {
        if (state.at(c) == 0)
            visit(c);
    }
}

} // namespace fabrica
