#include "JsonFieldInference.h"

#include "ValueInference.h"
#include "model/ConstraintKeys.h"

#include <QHash>
#include <QJsonValue>

#include <cmath>
#include <limits>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");

} // namespace

std::optional<QJsonObject> JsonFieldInference::fields(const Objects &objects, const ProfileOptions &options,
                                                      int depth, QStringList *members, QString *problem)
{
    QStringList keys;
    qint64 total = 0;
    for (const auto &[object, count] : objects) {
        total += count;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!keys.contains(it.key())) {
                if (keys.size() >= options.maxJsonFields || depth >= 3) {
                    *problem = tr("JSON objects too large or too deep to describe, kept as text");
                    return std::nullopt;
                }
                keys.append(it.key());
            }
        }
    }
    keys.sort(); // as QJsonObject keeps them
    if (keys.isEmpty()) {
        *problem = tr("empty JSON objects, kept as text");
        return std::nullopt;
    }
    QJsonObject specs;
    for (const QString &key : keys) {
        qint64 nulls = 0;
        QList<std::pair<QJsonValue, qint64>> values;
        QJsonValue::Type kind = QJsonValue::Null;
        for (const auto &[object, count] : objects) {
            const QJsonValue value = object.value(key);
            if (value.isNull() || value.isUndefined()) {
                nulls += count;
                continue;
            }
            if (value.isArray() || (kind != QJsonValue::Null && value.type() != kind)) {
                *problem = value.isArray()
                               ? tr("JSON objects whose member \"%1\" holds arrays, kept as text").arg(key)
                               : tr("JSON objects whose member \"%1\" holds values of "
                                    "different kinds, kept as text")
                                     .arg(key);
                return std::nullopt;
            }
            kind = value.type();
            values.append({value, count});
        }
        QJsonObject spec;
        QJsonObject constraints;
        if (kind == QJsonValue::Bool) {
            qint64 trues = 0;
            for (const auto &[value, count] : values)
                trues += value.toBool() ? count : 0;
            spec.insert(QStringLiteral("type"), QStringLiteral("boolean"));
            constraints.insert(QStringLiteral("truePercent"),
                               ValueInference::roundTo(100.0 * double(trues) / double(total - nulls), 1));
        } else if (kind == QJsonValue::Double) {
            double low = qInf(), high = -qInf();
            bool whole = true;
            for (const auto &[value, count] : values) {
                const double v = value.toDouble();
                whole = whole && std::floor(v) == v && std::fabs(v) <= 9007199254740992.0;
                low = std::min(low, v);
                high = std::max(high, v);
            }
            const bool wide =
                low < std::numeric_limits<qint32>::min() || high > std::numeric_limits<qint32>::max();
            spec.insert(QStringLiteral("type"), !whole ? QStringLiteral("double")
                                                : wide ? QStringLiteral("bigint")
                                                       : QStringLiteral("integer"));
            constraints.insert(kMin, low);
            constraints.insert(kMax, high);
        } else if (kind == QJsonValue::String) {
            QList<DistinctValue> strings;
            QHash<QString, qsizetype> index;
            for (const auto &[value, count] : values) {
                const QString text = value.toString();
                const auto it = index.constFind(text);
                if (it != index.constEnd()) {
                    strings[*it].count += count;
                } else {
                    index.insert(text, strings.size());
                    strings.append(DistinctValue{text, count, {}});
                }
            }
            ValueInference inner(options, key, std::move(strings), ValueInference::Mode::JsonStrings,
                                 depth + 1);
            const InferredType g = inner.infer();
            spec.insert(QStringLiteral("type"), g.type);
            constraints = g.constraints;
        } else if (kind == QJsonValue::Object) {
            Objects inner;
            for (const auto &[value, count] : values)
                inner.append({value.toObject(), count});
            QStringList innerMembers;
            const std::optional<QJsonObject> innerFields =
                fields(inner, options, depth + 1, &innerMembers, problem);
            if (!innerFields)
                return std::nullopt;
            spec.insert(QStringLiteral("type"), QStringLiteral("json"));
            constraints.insert(keys::fields, *innerFields);
        } else { // only nulls
            spec.insert(QStringLiteral("type"), QStringLiteral("string"));
        }
        if (nulls > 0)
            constraints.insert(keys::nullPercent,
                               ValueInference::roundTo(100.0 * double(nulls) / double(total), 2));
        if (!constraints.isEmpty())
            spec.insert(QStringLiteral("constraints"), constraints);
        specs.insert(key, spec);
        members->append(key);
    }
    return specs;
}

} // namespace fabrica
