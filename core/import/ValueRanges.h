#pragma once

#include "ImportedDefinitions.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QStringList>

#include <utility>

namespace fabrica {

// The values a numeric or temporal column takes, from what the DDL says about it, strongest first: the SQL
// type's own limits (smallint, TINYINT UNSIGNED, numeric(4,2)), CHECKs and domains, the DEFAULT (values
// centred on DEFAULT 4.99; DEFAULT now() the recent past up to the reference date), the name
// (ColumnDefaults: quantities, money, durations …), then a plain fallback. Written into the column's
// constraints so the user sees every choice.
class ValueRanges
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ValueRanges)

public:
    // Adds min, max and distribution to constraints (a column of Fabrica type `type`: a number, date or
    // timestamp; precision and scale of a decimal already set) where they are not there yet. Returns one
    // guess line per decision: "1.00..8.98 around the DEFAULT 4.99 (from DEFAULT)".
    static QStringList apply(const QString &table, const ImportedColumn &column, const QString &type,
                             QJsonObject &constraints, const QDate &referenceDate);

    // The smallest and largest value the column's SQL type holds, as Fabrica's `type` can write it.
    static std::pair<double, double> typeLimits(const ImportedColumn &column, const QString &type, int scale);
};

} // namespace fabrica
