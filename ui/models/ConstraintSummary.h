#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QString>

class QJsonValue;

namespace fabrica {

struct Column;

// A column's constraints as one line for grids and lists, e.g. "min 1 · max 100 · distribution normal" or
// "values: new, paid, shipped (weighted)": the type's keys in the registry's order, then the common ones,
// then keys nobody knows, so nothing in the JSON goes unseen.
class ConstraintSummary
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ConstraintSummary)

public:
    // Every constraint of column except the keys in skipped (those shown elsewhere).
    static QString of(const Column &column, const QSet<QString> &skipped = {});
    // One value as a person reads it: numbers in the locale, long text shortened.
    static QString valueText(const QJsonValue &value);
    // Whole numbers without fraction or exponent, others as short as they round-trip, in the locale.
    static QString number(double value);
};

} // namespace fabrica
