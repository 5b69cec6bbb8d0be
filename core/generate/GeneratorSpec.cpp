#include "GeneratorSpec.h"

#include "Distribution.h"
#include "types/ColumnDefaults.h"
#include "types/TypeRegistry.h"

#include <QJsonObject>

#include <functional>

#include <cmath>

namespace fabrica {

QJsonValue GeneratorSpec::value(const QString &key) const
{
    const QJsonValue given = column.constraints.value(key);
    if (!given.isUndefined())
        return given;
    // Then what the name and the reference date suggest (ColumnDefaults), then the registry's default.
    if (!guessed)
        guessed = ColumnDefaults::defaults(table.name, column.name, type.id, column.constraints,
                                           schema.effectiveReferenceDate());
    const QJsonValue suggested = guessed->value(key);
    if (!suggested.isUndefined())
        return suggested;
    const ConstraintKey *spec = TypeRegistry::instance().key(type, key);
    return spec ? spec->defaultValue : QJsonValue(QJsonValue::Undefined);
}

qint64 GeneratorSpec::integer(const QString &key) const
{
    const QJsonValue v = value(key);
    return v.toInteger(static_cast<qint64>(std::llround(v.toDouble())));
}

double GeneratorSpec::number(const QString &key) const
{
    return value(key).toDouble();
}

QString GeneratorSpec::string(const QString &key) const
{
    return value(key).toString();
}

bool GeneratorSpec::flag(const QString &key) const
{
    return value(key).toBool();
}

std::optional<Distribution> GeneratorSpec::distribution(double min, double max, bool integral,
                                                        double factor) const
{
    QJsonObject object = value(QStringLiteral("distribution")).toObject();
    const QString name = object.value(QStringLiteral("name")).toString();
    if (name.isEmpty() || name == QLatin1String("uniform"))
        return std::nullopt;
    auto scale = [&object](const QString &key, const std::function<double(double)> &apply) {
        if (object.contains(key))
            object.insert(key, apply(object.value(key).toDouble()));
    };
    if (factor != 1.0) {
        scale(QStringLiteral("mean"), [factor](double v) { return v * factor; });
        scale(QStringLiteral("stddev"), [factor](double v) { return v * factor; });
        scale(QStringLiteral("mu"), [factor](double v) { return v + std::log(factor); });
        if (name == QLatin1String("poisson")) // the mean count above min
            scale(QStringLiteral("lambda"), [factor](double v) { return v * factor; });
        else if (name == QLatin1String("exponential")) // a rate per unit
            scale(QStringLiteral("lambda"), [factor](double v) { return v / factor; });
    }
    return Distribution::fromJson(object, min, max, integral);
}

} // namespace fabrica
