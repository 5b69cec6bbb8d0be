#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace fabrica {

// The target of a foreign key, written "table.column" in a column's "references" constraint.
// Identifiers may not contain '.', so the split is unambiguous.
struct ColumnReference
{
    QString table;
    QString column;

    static std::optional<ColumnReference> parse(const QString &text);
    // The "references" constraint of a column's constraints, if present and well-formed.
    static std::optional<ColumnReference> fromConstraint(const QJsonValue &value);
    QString toString() const { return table + QLatin1Char('.') + column; }
    bool operator==(const ColumnReference &) const = default;
};

} // namespace fabrica
