#include "ConstraintChecker.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "types/ColumnDefaults.h"
#include "types/DeclaredSqlType.h"
#include "types/TemplateSyntax.h"
#include "types/TypeRegistry.h"
#include "types/ValueKinds.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace fabrica {

namespace {


bool isWhole(double value)
{
    return std::isfinite(value) && std::floor(value) == value;
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

QString temporalExample(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Date:
        return QStringLiteral("\"2024-02-29\"");
    case ValueKind::Time:
        return QStringLiteral("\"13:45:00\"");
    default:
        return QStringLiteral("\"2024-02-29T13:45:00\"");
    }
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

ConstraintChecker::ConstraintChecker(const TypeRegistry &registry, const Table &table, int tableIndex,
                                     Problems &problems, const QDate &referenceDate)
    : m_registry(registry)
    , m_table(table)
    , m_tableIndex(tableIndex)
    , m_problems(problems)
    , m_referenceDate(referenceDate)
{}

QString ConstraintChecker::suggestion(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::max(2, int(word.size()) / 3) + 1;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

QString ConstraintChecker::show(const QJsonValue &value)
{
    if (value.isString())
        return QString::fromUtf8(
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
    if (value.isDouble())
        return number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

void ConstraintChecker::report(const QString &key, const QString &message, Problem::Severity severity)
{
    m_problems.append(Problem{severity, message, m_tableIndex, m_columnIndex, key,
                              m_table.name + QLatin1Char('.') + m_column->name});
}

QJsonValue ConstraintChecker::effective(const DataType &type, const QString &key) const
{
    const QJsonValue value = m_column->constraints.value(key);
    if (!value.isUndefined())
        return value;
    // The same order as the engine's GeneratorSpec::value: guesses, relative defaults, the registry.
    const QJsonValue guessed = ColumnDefaults::defaults(m_table.name, m_column->name, type.id,
                                                        m_column->constraints, m_referenceDate)
                                   .value(key);
    if (!guessed.isUndefined())
        return guessed;
    const ConstraintKey *spec = m_registry.key(type, key);
    return spec ? spec->defaultValue : QJsonValue(QJsonValue::Undefined);
}

void ConstraintChecker::check(const Column &column, int columnIndex, const DataType &type)
{
    m_column = &column;
    m_columnIndex = columnIndex;
    m_malformed.clear();
    const QJsonObject &constraints = column.constraints;

    for (auto it = constraints.begin(); it != constraints.end(); ++it) {
        const ConstraintKey *key = m_registry.key(type, it.key());
        if (!key) {
            QStringList accepted;
            for (const ConstraintKey &k : m_registry.commonKeys())
                accepted.append(k.name);
            for (const ConstraintKey &k : type.keys) {
                if (!accepted.contains(k.name))
                    accepted.append(k.name);
            }
            const QString guess = suggestion(it.key(), accepted);
            report(it.key(), guess.isEmpty()
                                 ? tr("unknown constraint \"%1\" for type %2 (accepted: %3)")
                                       .arg(it.key(), type.id, accepted.join(QLatin1String(", ")))
                                 : tr("unknown constraint \"%1\" for type %2; did you mean \"%3\"?")
                                       .arg(it.key(), type.id, guess));
            continue;
        }
        if (!checkKind(*key, it.value())) {
            m_malformed.insert(it.key()); // reported once; rules that combine keys skip it
            continue;
        }
        if (key->kind == ValueKind::Distribution)
            checkDistribution(key->name, it.value());
        else if (key->name == keys::cardinality)
            checkCardinality(it.value());
        else if (key->name == keys::templateText && type.id == keys::templateText)
            checkTemplate(it.value().toString());
        else if (key->name == keys::fields)
            checkJsonFields(it.value());
        else if (key->name == keys::sqlType && !DeclaredSqlType::parse(it.value().toString()).isKnown())
            report(key->name,
                   tr("sqlType \"%1\" is not a size Fabrica knows (varchar(n), char(n), numeric(p,s) or an "
                      "integer width such as smallint); SQL files and --to use the type's own SQL type")
                       .arg(it.value().toString()),
                   Problem::Severity::Warning);
    }

    auto requiredKey = [&](const ConstraintKey &key) {
        // A key ColumnDefaults supplies from the name (an enum called language) counts as given.
        if (key.required && !constraints.contains(key.name) && effective(type, key.name).isUndefined())
            report(key.name,
                   tr("type %1 needs the constraint \"%2\" (%3)").arg(type.id, key.name, key.description));
    };
    for (const ConstraintKey &key : type.keys)
        requiredKey(key);

    checkPairs(type);
    if ((constraints.contains(keys::values) || constraints.contains(keys::weights)) && !m_malformed.contains(keys::values) &&
        !m_malformed.contains(keys::weights))
        checkValuesAndWeights();

    const bool notNull = constraints.value(keys::notNull).toBool();
    const bool primaryKey = constraints.value(keys::primaryKey).toBool();
    const double nullPercent = constraints.value(keys::nullPercent).toDouble();
    if ((notNull || primaryKey) && nullPercent > 0)
        report(keys::nullPercent,
               tr("nullPercent is %1, but the column is %2 and can hold no NULLs")
                   .arg(number(nullPercent), primaryKey ? tr("a primary key") : tr("NOT NULL")));
    if (constraints.contains(keys::cardinality) && !constraints.contains(keys::references) &&
        type.id != QLatin1String("foreign_key"))
        report(keys::cardinality, tr("cardinality applies to foreign keys only: add \"references\" or remove it"));
}

bool ConstraintChecker::checkKind(const ConstraintKey &key, const QJsonValue &value)
{
    const QString found = show(value);
    auto wrong = [&](const QString &expected) {
        report(key.name, tr("constraint \"%1\" must be %2, found %3").arg(key.name, expected, found));
        return false;
    };
    switch (key.kind) {
    case ValueKind::Boolean:
        return matchesKind(value, key.kind) || wrong(tr("true or false"));
    case ValueKind::Integer:
    case ValueKind::Number: {
        if (!matchesKind(value, key.kind))
            return wrong(key.kind == ValueKind::Integer ? tr("a whole number") : tr("a number"));
        const double v = value.toDouble();
        if (v < key.minimum || v > key.maximum) {
            QString range;
            if (std::isfinite(key.minimum) && std::isfinite(key.maximum))
                range = tr("between %1 and %2").arg(number(key.minimum), number(key.maximum));
            else if (std::isfinite(key.minimum))
                range = tr("at least %1").arg(number(key.minimum));
            else
                range = tr("at most %1").arg(number(key.maximum));
            report(key.name, tr("constraint \"%1\" must be %2, found %3").arg(key.name, range, found));
            return false;
        }
        return true;
    }
    case ValueKind::String:
        if (key.name == keys::uniqueKey) { // a name, or the names of several keys
            bool names = value.isString() || (value.isArray() && !value.toArray().isEmpty());
            for (const QJsonValue &name : value.toArray())
                names = names && name.isString();
            return names || wrong(tr("a key name or an array of key names"));
        }
        return matchesKind(value, key.kind) || wrong(tr("a string"));
    case ValueKind::Choice:
        if (!value.isString() || !key.choices.contains(value.toString()))
            return wrong(tr("one of %1").arg(key.choices.join(QLatin1String(", "))));
        return true;
    case ValueKind::Date:
    case ValueKind::Time:
    case ValueKind::Timestamp:
        return matchesKind(value, key.kind) ||
               wrong(tr("a %1 such as %2").arg(valueKindName(key.kind), temporalExample(key.kind)));
    case ValueKind::StringList:
        return matchesKind(value, key.kind) || wrong(tr("an array of strings"));
    case ValueKind::NumberList:
        return matchesKind(value, key.kind) || wrong(tr("an array of numbers"));
    case ValueKind::Reference:
        return matchesKind(value, key.kind) || wrong(tr("\"table.column\""));
    case ValueKind::Distribution: // the name is checked by checkDistribution, with a better message
    case ValueKind::Object:
        return value.isObject() || wrong(tr("an object"));
    }
    return true;
}

void ConstraintChecker::checkPairs(const DataType &type)
{
    // Every key "minX" pairs with "maxX" (and "min" with "max"); defaults count, so a lone max below
    // the default min is caught too.
    QList<const ConstraintKey *> keys;
    for (const ConstraintKey &k : type.keys)
        keys.append(&k);
    for (const ConstraintKey *low : keys) {
        if (!low->name.startsWith(QLatin1String("min")))
            continue;
        const QString highName = QStringLiteral("max") + low->name.mid(3);
        const ConstraintKey *high = type.key(highName);
        if (!high || high->kind != low->kind)
            continue;
        if (!m_column->constraints.contains(low->name) && !m_column->constraints.contains(highName))
            continue;
        if (m_malformed.contains(low->name) || m_malformed.contains(highName))
            continue;
        const QJsonValue a = effective(type, low->name), b = effective(type, highName);
        bool greater = false;
        if (low->kind == ValueKind::Integer || low->kind == ValueKind::Number) {
            greater = a.isDouble() && b.isDouble() && a.toDouble() > b.toDouble();
        } else if (low->kind == ValueKind::Date || low->kind == ValueKind::Time ||
                   low->kind == ValueKind::Timestamp) {
            const auto x = temporalOrdinal(low->kind, a.toString()),
                       y = temporalOrdinal(low->kind, b.toString());
            greater = x && y && *x > *y;
        }
        if (!greater)
            continue;
        const bool lowSet = m_column->constraints.contains(low->name);
        const bool highSet = m_column->constraints.contains(highName);
        const QString lowText = show(a) + (lowSet ? QString() : tr(", the default"));
        const QString highText = show(b) + (highSet ? QString() : tr(", the default"));
        report(lowSet ? low->name : highName,
               tr("%1 (%2) is greater than %3 (%4)").arg(low->name, lowText, highName, highText));
    }
}

void ConstraintChecker::checkValuesAndWeights()
{
    const QJsonValue values = m_column->constraints.value(keys::values);
    const QJsonValue weights = m_column->constraints.value(keys::weights);
    if (values.isArray() && values.toArray().isEmpty())
        report(keys::values, tr("values is empty: list at least one value"));
    if (values.isArray()) {
        QSet<QString> seen;
        for (const QJsonValue &v : values.toArray()) {
            if (seen.contains(v.toString())) {
                report(keys::values,
                       tr("values lists \"%1\" more than once; use weights to make a value more likely")
                           .arg(v.toString()),
                       Problem::Severity::Warning);
                break;
            }
            seen.insert(v.toString());
        }
    }
    if (!weights.isArray())
        return;
    const QJsonArray w = weights.toArray();
    if (!values.isArray()) {
        report(keys::weights, tr("weights needs values: one weight per value"));
        return;
    }
    if (w.size() != values.toArray().size()) {
        report(keys::weights, tr("weights has %1 entries but values has %2; give one weight per value")
                             .arg(w.size())
                             .arg(values.toArray().size()));
        return;
    }
    double sum = 0;
    for (qsizetype i = 0; i < w.size(); ++i) {
        const double weight = w.at(i).toDouble();
        if (!std::isfinite(weight) || weight < 0) {
            report(
                keys::weights,
                tr("weight #%1 (%2) is negative; weights must be 0 or more").arg(i + 1).arg(number(weight)));
            return;
        }
        sum += weight;
    }
    if (sum <= 0 && !w.isEmpty())
        report(keys::weights, tr("all weights are 0, so no value can be chosen"));
}

void ConstraintChecker::checkDistribution(const QString &key, const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    const QString name = object.value(QStringLiteral("name")).toString();
    if (!distributionNames().contains(name)) {
        report(key, tr("distribution needs \"name\": one of %1, found %2")
                        .arg(distributionNames().join(QLatin1String(", ")),
                             show(object.value(QStringLiteral("name")))));
        return;
    }
    // Parameters are all optional (defaults come from min and max) and all numbers.
    const QStringList parameters = distributionParameters(name);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("name"))
            continue;
        if (!parameters.contains(it.key())) {
            report(key, parameters.isEmpty()
                            ? tr("distribution %1 takes no parameters, found \"%2\"").arg(name, it.key())
                            : tr("distribution %1 takes %2, found \"%3\"")
                                  .arg(name, parameters.join(QLatin1String(", ")), it.key()));
            return;
        }
        const bool positive = isPositiveDistributionParameter(it.key());
        if (!it.value().isDouble() || (positive && it.value().toDouble() <= 0)) {
            report(key, tr("%1 of distribution %2 must be %3, found %4")
                            .arg(it.key(), name, positive ? tr("a number greater than 0") : tr("a number"),
                                 show(it.value())));
            return;
        }
    }
}

void ConstraintChecker::checkCardinality(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    if (object.contains(QStringLiteral("distribution"))) {
        if (object.size() != 1 || !object.value(QStringLiteral("distribution")).isObject()) {
            report(keys::cardinality,
                   tr("cardinality is either {\"min\": a, \"max\": b} or {\"distribution\": {…}}"));
            return;
        }
        checkDistribution(keys::cardinality, object.value(QStringLiteral("distribution")));
        return;
    }
    const QJsonValue min = object.value(QStringLiteral("min")), max = object.value(QStringLiteral("max"));
    const bool wellFormed = object.size() == 2 && min.isDouble() && max.isDouble() &&
                            isWhole(min.toDouble()) && isWhole(max.toDouble()) && min.toDouble() >= 0;
    if (!wellFormed) {
        report(keys::cardinality, tr("cardinality is either {\"min\": a, \"max\": b} with whole numbers a ≥ 0 or "
                                "{\"distribution\": {…}}, found %1")
                                 .arg(show(value)));
        return;
    }
    if (min.toDouble() > max.toDouble())
        report(keys::cardinality, tr("cardinality min (%1) is greater than max (%2)")
                                 .arg(number(min.toDouble()), number(max.toDouble())));
}

void ConstraintChecker::checkTemplate(const QString &text)
{
    QList<TemplateSyntax::Part> parts;
    if (const auto error = TemplateSyntax::parse(text, &parts)) {
        report(keys::templateText, tr("template, character %1: %2").arg(error->offset + 1).arg(error->message));
        return;
    }
    for (const TemplateSyntax::Part &part : parts) {
        if (part.placeholder.isEmpty())
            continue;
        if (part.placeholder == m_column->name) {
            report(keys::templateText, tr("template refers to its own column \"%1\"").arg(part.placeholder));
            continue;
        }
        if (m_table.column(part.placeholder) || m_registry.find(part.placeholder))
            continue;
        QStringList candidates;
        for (const Column &c : m_table.columns)
            candidates.append(c.name);
        for (const DataType &t : m_registry.types())
            candidates.append(t.id);
        const QString guess = suggestion(part.placeholder, candidates);
        report(keys::templateText,
               guess.isEmpty()
                   ? tr("template placeholder {%1} is neither a column of table %2 nor a data type")
                         .arg(part.placeholder, m_table.name)
                   : tr("template placeholder {%1} is neither a column of table %2 nor a data type; "
                        "did you mean {%3}?")
                         .arg(part.placeholder, m_table.name, guess));
    }
}

void ConstraintChecker::checkJsonFields(const QJsonValue &value)
{
    const QJsonObject fields = value.toObject();
    if (fields.isEmpty()) {
        report(keys::fields, tr("fields is empty: name at least one field with its {\"type\": …}"));
        return;
    }
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonObject spec = it.value().toObject();
        const QString type = spec.value(QStringLiteral("type")).toString();
        if (!it.value().isObject() || !m_registry.find(type)) {
            report(keys::fields, tr("field \"%1\" needs {\"type\": …} with a known data type, found %2")
                                .arg(it.key(), show(it.value())));
            return;
        }
        for (auto member = spec.begin(); member != spec.end(); ++member) {
            const bool known = member.key() == QLatin1String("type") ||
                               (member.key() == QLatin1String("constraints") && member.value().isObject());
            if (!known) {
                report(keys::fields,
                       tr("field \"%1\" may hold only \"type\" and a \"constraints\" object, found \"%2\"")
                           .arg(it.key(), member.key()));
                return;
            }
        }
    }
}

} // namespace fabrica
