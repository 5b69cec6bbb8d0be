#include "GeneratorSpec.h"

#include "Distribution.h"
#include "types/ColumnDefaults.h"
#include "types/DeclaredSqlType.h"
#include "types/TypeRegistry.h"

#include <QJsonObject>

#include <functional>

#include <cmath>

namespace fabrica {

namespace {

// A declared SQL type bounds the generator's own parameters, so most values fit without a re-draw
// (SizeLimit makes sure of the rest): varchar(10) caps a string's maxLength, smallint an integer's max,
// numeric(5,2) an amount's max and scale.
QJsonValue boundByDeclared(const DataType &type, const QString &key, const QJsonValue &value,
                           const QJsonObject &constraints)
{
    const QJsonValue sqlType = constraints.value(QStringLiteral("sqlType"));
    if (!sqlType.isString() || !value.isDouble())
        return value;
    const DeclaredSqlType declared = DeclaredSqlType::parse(sqlType.toString());
    const double v = value.toDouble();
    if (const std::optional<int> length = declared.maxLength();
        length && (key == QLatin1String("maxLength") || key == QLatin1String("minLength") ||
                   key == QLatin1String("length")))
        return v > *length ? QJsonValue(*length) : value;
    const ConstraintKey *k = TypeRegistry::instance().key(type, key);
    const bool numeric = k && (k->kind == ValueKind::Integer || k->kind == ValueKind::Number);
    if (!numeric ||
        (key != QLatin1String("min") && key != QLatin1String("max") && key != QLatin1String("scale")))
        return value;
    if (declared.kind() == DeclaredSqlType::Kind::Integer && key != QLatin1String("scale"))
        return QJsonValue(qint64(qBound(double(declared.minimum()), v, double(declared.maximum()))));
    if (declared.kind() == DeclaredSqlType::Kind::Decimal) {
        if (key == QLatin1String("scale"))
            return v > declared.scale() ? QJsonValue(declared.scale()) : value;
        const double bound =
            std::pow(10.0, declared.precision() - declared.scale()) - std::pow(10.0, -declared.scale());
        return v > bound ? QJsonValue(bound) : v < -bound ? QJsonValue(-bound) : value;
    }
    return value;
}

} // namespace

QJsonValue GeneratorSpec::value(const QString &key) const
{
    return boundByDeclared(type, key, declaredValue(key), column.constraints);
}

QJsonValue GeneratorSpec::declaredValue(const QString &key) const
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
