#include "GeneratorSpec.h"

#include "types/TypeRegistry.h"

#include <cmath>

namespace fabrica {

QJsonValue GeneratorSpec::value(const QString &key) const
{
    const QJsonValue given = column.constraints.value(key);
    if (!given.isUndefined())
        return given;
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

} // namespace fabrica
