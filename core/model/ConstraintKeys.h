#pragma once

#include <QString>

// Names of the constraint keys that code outside the type registry looks at by name.
namespace fabrica::keys {

inline const QString notNull = QStringLiteral("notNull");
inline const QString nullPercent = QStringLiteral("nullPercent");
inline const QString unique = QStringLiteral("unique");
inline const QString primaryKey = QStringLiteral("primaryKey");
// The name (or array of names) of multi-column UNIQUE constraints the column belongs to (KeyGroups).
inline const QString uniqueKey = QStringLiteral("uniqueKey");
inline const QString references = QStringLiteral("references");
inline const QString cardinality = QStringLiteral("cardinality");
// Declared sizes (docs/schema-format.md, "Declared SQL types and sizes").
inline const QString maxLength = QStringLiteral("maxLength");
inline const QString sqlType = QStringLiteral("sqlType");
inline const QString distribution = QStringLiteral("distribution");
inline const QString values = QStringLiteral("values");
inline const QString weights = QStringLiteral("weights");
inline const QString templateText = QStringLiteral("template");
inline const QString fields = QStringLiteral("fields");
// Relations between columns of the same row (docs/schema-format.md, "Relations between columns").
inline const QString after = QStringLiteral("after");
inline const QString formula = QStringLiteral("formula");
inline const QString weightsBy = QStringLiteral("weightsBy");
// Inside "after" (and "column" inside "weightsBy"): the source column and the gap.
inline const QString sourceColumn = QStringLiteral("column");
inline const QString gapMin = QStringLiteral("min");
inline const QString gapMax = QStringLiteral("max");
inline const QString gapUnit = QStringLiteral("unit");

} // namespace fabrica::keys
