#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fabrica {

// One column of a table: its name, data type id (see TypeRegistry), constraints and sample values.
// A column's position is its index in Table::columns.
struct Column
{
    QString name;
    QString type;
    QJsonObject constraints;
    QStringList samples; // sample data, drawn from by the "sample" type and kept by imports
    QString description;

    // Whether the column takes its values from another table's key: type foreign_key, or any type with
    // "references".
    bool isForeignKey() const
    {
        return type == QLatin1String("foreign_key") || constraints.contains(QLatin1String("references"));
    }

    bool operator==(const Column &) const = default;
};

} // namespace fabrica
