#include "ConstraintSummary.h"

#include "model/Column.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

const QString kSeparator = u" · "_s;
constexpr int kListedValues = 6;
constexpr int kLongText = 40;
constexpr double kLargestExactInteger = 9007199254740992.0; // 2^53

QString elided(const QString &text)
{
    return text.size() > kLongText ? text.left(kLongText - 1) + u'…' : text;
}

QString list(const QJsonArray &array)
{
    QStringList items;
    for (qsizetype i = 0; i < array.size() && i < kListedValues; ++i)
        items << ConstraintSummary::valueText(array.at(i));
    QString text = items.join(u", "_s);
    if (array.size() > kListedValues)
        text = ConstraintSummary::tr("%1, … %n more", nullptr, int(array.size() - kListedValues)).arg(text);
    return text;
}

// One key, e.g. "min 1", "values: new, paid (weighted)", "distribution normal", "cardinality 1–5".
QString describe(const QString &key, const QJsonValue &value, const QJsonObject &constraints)
{
    if (key == keys::values && value.isArray()) {
        QString text = ConstraintSummary::tr("values: %1").arg(list(value.toArray()));
        if (constraints.contains(keys::weights))
            text = ConstraintSummary::tr("%1 (weighted)").arg(text);
        return text;
    }
    // Relations name the column they follow: "after rental_date +1–10 days", "weights by country".
    if (key == keys::after && value.isObject()) {
        const QJsonObject after = value.toObject();
        const double min = after.value(u"min"_s).toDouble(0);
        QString text = ConstraintSummary::tr("after %1 +%2–%3")
                           .arg(after.value(u"column"_s).toString(), ConstraintSummary::number(min),
                                ConstraintSummary::number(after.value(u"max"_s).toDouble(min + 30)));
        const QString unit = after.value(u"unit"_s).toString();
        if (!unit.isEmpty())
            text += u' ' + unit;
        return text;
    }
    if (key == keys::weightsBy && value.isObject())
        return ConstraintSummary::tr("weights by %1").arg(value.toObject().value(u"column"_s).toString());
    if (value.isBool())
        return value.toBool() ? key : ConstraintSummary::tr("%1 false").arg(key);
    if (value.isArray())
        return ConstraintSummary::tr("%1: %2").arg(key, list(value.toArray()));
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(u"name"_s).isString()) // a distribution
            return u"%1 %2"_s.arg(key, object.value(u"name"_s).toString());
        if (object.value(keys::distribution).isObject()) // a cardinality drawn from a distribution
            return u"%1 %2"_s.arg(key,
                                  object.value(keys::distribution).toObject().value(u"name"_s).toString());
        if (object.contains(u"min"_s) && object.contains(u"max"_s))
            return u"%1 %2–%3"_s.arg(key, ConstraintSummary::valueText(object.value(u"min"_s)),
                                     ConstraintSummary::valueText(object.value(u"max"_s)));
        return ConstraintSummary::tr("%1: %2").arg(key, object.keys().join(u", "_s));
    }
    return u"%1 %2"_s.arg(key, ConstraintSummary::valueText(value));
}

} // namespace

QString ConstraintSummary::number(double value)
{
    if (value == std::floor(value) && std::abs(value) < kLargestExactInteger)
        return QLocale().toString(qint64(value));
    return QLocale().toString(value, 'f', QLocale::FloatingPointShortest);
}

QString ConstraintSummary::valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::String:
        return elided(value.toString());
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return elided(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Object:
        return elided(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    default:
        return {};
    }
}

QString ConstraintSummary::of(const Column &column, const QSet<QString> &skipped)
{
    const TypeRegistry &registry = TypeRegistry::instance();
    // The type's own keys in the registry's order read naturally (min before max).
    QStringList order;
    if (const DataType *type = registry.find(column.type)) {
        for (const ConstraintKey &key : type->keys)
            order << key.name;
    }
    for (const ConstraintKey &key : registry.commonKeys()) {
        if (!order.contains(key.name))
            order << key.name;
    }
    QStringList unknown = column.constraints.keys();
    unknown.removeIf([&](const QString &key) { return order.contains(key); });
    order += unknown;

    QStringList parts;
    for (const QString &key : std::as_const(order)) {
        if (!column.constraints.contains(key) || skipped.contains(key))
            continue;
        if (key == keys::weights && column.constraints.value(keys::values).isArray())
            continue; // said by "(weighted)" after the values
        parts << describe(key, column.constraints.value(key), column.constraints);
    }
    return parts.join(kSeparator);
}

} // namespace fabrica
