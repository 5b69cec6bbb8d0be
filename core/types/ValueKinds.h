#pragma once

#include "DataType.h"

#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace fabrica {

// What a JSON value must look like for each ValueKind; shared by the registry loader (defaults) and
// schema validation (the user's constraints), so both accept exactly the same values.

std::optional<ValueKind> valueKindFromName(const QString &name);
QString allValueKindNames(); // "boolean, integer, …" for messages
// Names of the distributions a "distribution" value may name.
const QStringList &distributionNames();
// The parameters distribution `name` takes (all optional numbers); empty for uniform or an unknown name.
QStringList distributionParameters(const QString &name);
// Whether a parameter must be greater than 0 (stddev, sigma, lambda, s).
bool isPositiveDistributionParameter(const QString &parameter);

// Whether value has the shape of kind. A choice is only checked for being a string, a distribution
// for being an object with a known "name".
bool matchesKind(const QJsonValue &value, ValueKind kind);

// A date, time or timestamp value as a number that orders like the value (days, milliseconds of the
// day, milliseconds since the epoch in UTC); nullopt when text is not a valid value of kind.
std::optional<qint64> temporalOrdinal(ValueKind kind, const QString &text);

} // namespace fabrica
