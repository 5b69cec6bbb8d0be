#pragma once

#include "Problem.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

namespace fabrica {

class TypeRegistry;

// Checks the relations between columns of a row ("after", "formula", "weightsBy"): the source columns
// exist and have fitting types, formulas parse, weights match the values, relation columns are no keys,
// and no column depends on itself through relations and templates. Also the one place that knows which
// columns a column reads, for the Plan's fill order.
class RelationChecker
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::RelationChecker)

public:
    explicit RelationChecker(const TypeRegistry &registry);

    void check(const Schema &schema, Problems &problems) const;

    // The relation keys, in the order they are documented.
    static QStringList relationKeys();
    // Whether the column has any relation key.
    static bool hasRelation(const Column &column);
    // Names of the columns a relation of column reads ("after"/"weightsBy" column, formula names).
    static QStringList relationSources(const Column &column);
    // Indexes of the columns of table that column `column` reads: templates (also in json fields) and
    // relations; unknown names and the column itself are left out.
    static QSet<int> dependencies(const Table &table, int column);

    // Units an "after" gap may have on date and time columns; the first is the default.
    static QStringList gapUnits();
    // Type groups of relations.
    static bool isTemporal(const QString &typeId);
    static bool isNumeric(const QString &typeId);       // integer family, decimal, amount (may be computed)
    static bool isNumericSource(const QString &typeId); // isNumeric or sequence (may be read)

private:
    void checkColumn(const Schema &schema, int tableIndex, int columnIndex, Problems &problems) const;
    void checkAfter(const Table &table, const Column &column, const QJsonValue &value,
                    const std::function<void(const QString &, const QString &)> &report) const;
    void checkFormula(const Table &table, const Column &column, const QJsonValue &value,
                      const std::function<void(const QString &, const QString &)> &report) const;
    void checkWeightsBy(const Table &table, const Column &column, const QJsonValue &value,
                        const std::function<void(const QString &, const QString &)> &report) const;
    void checkCycles(const Schema &schema, int tableIndex, Problems &problems) const;
    // "\"after\" names column \"x\", which table t does not have; did you mean …?"
    static QString unknownSource(const QString &key, const QString &sourceName, const Table &table);

    const TypeRegistry &m_registry;
};

} // namespace fabrica
