#pragma once

#include "ImportReport.h"
#include "ImportedDefinitions.h"
#include "model/Column.h"

#include <QCoreApplication>
#include <QStringList>

namespace fabrica {

class Plan;

// Keeps what a column's DDL declared about sizes, whatever Fabrica type the column got: "sqlType"
// (varchar(15), char(2), numeric(10,2), smallint, tinyint unsigned …) and "maxLength" for text, with
// ranges and enum values narrowed to fit (docs/schema-format.md, "Declared SQL types and sizes").
class DeclaredSizes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DeclaredSizes)

public:
    // Adds the declared size to column's constraints; returns what was narrowed, one report line each
    // ("enum values … do not fit varchar(5) and are left out", "max 100000 lowered to 32767 (smallint)").
    static QStringList apply(const ImportedColumn &imported, Column &column);
    // Generates a sample of every table and warns about columns whose values mostly do not fit their
    // declared size at the first draw (they are re-drawn, and shortened as a last resort).
    static void reportFit(const Plan &plan, ImportReport &report);

    static constexpr int kSampleRows = 256;
};

} // namespace fabrica
