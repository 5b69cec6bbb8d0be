#pragma once

#include "model/Schema.h"
#include "types/DataType.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace fabrica {

class Cardinality;
class Distribution;
class CompositeKey;
class Generator;

// Everything the factory needs to build one column's generator: the column, its type, its constraints
// (with the registry's defaults filled in by the accessors), and the plan's services.
struct GeneratorSpec
{
    const Schema &schema;
    const Table &table;
    int tableIndex;
    const Column &column;
    int columnIndex;
    const DataType &type;
    QString locale;    // the column's locale, else the schema's, else en_US
    quint64 seed;      // the plan's seed mixed with table and column: a key for permutations
    quint64 tableSeed; // the plan's seed mixed with the table: shared by columns that describe one entity
    qint64 rows;       // rows the table will get
    bool unique;       // unique or primary key
    // The generator of a key column and its table's row count, for foreign keys; nullptr if unknown.
    std::function<const Generator *(const QString &table, const QString &column, qint64 *rows)> keyGenerator;
    // For a column of a composite primary key made of foreign keys: the shared key and this column's part.
    std::shared_ptr<const CompositeKey> compositeKey = {};
    int compositeIndex = -1;
    // For a foreign key with "cardinality": how many children each parent gets.
    std::shared_ptr<const Cardinality> cardinality = {};
    // ColumnDefaults::defaults of the column, worked out on the first value() that needs it.
    mutable std::optional<QJsonObject> guessed = {};

    // The constraint, else ColumnDefaults' guess from the name and the schema's reference date, else the
    // registry's default.
    // A declared "sqlType" bounds sizes and ranges: varchar(10) caps maxLength, smallint min/max.
    QJsonValue value(const QString &key) const;
    // value() before the declared type's bounds.
    QJsonValue declaredValue(const QString &key) const;
    qint64 integer(const QString &key) const;
    double number(const QString &key) const;
    QString string(const QString &key) const;
    bool flag(const QString &key) const;
    bool has(const QString &key) const { return column.constraints.contains(key); }
    // The column's "distribution" over [min, max]; nullopt for uniform. Decimals are drawn in units of
    // 10^-scale: `factor` (10^scale) scales parameters given in the column's units to match.
    std::optional<Distribution> distribution(double min, double max, bool integral,
                                             double factor = 1.0) const;
    // "table.column: " for messages.
    QString where() const { return table.name + QLatin1Char('.') + column.name; }
};

} // namespace fabrica
