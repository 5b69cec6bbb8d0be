#pragma once

#include "Problem.h"
#include "model/Schema.h"
#include "types/DataType.h"

#include <QCoreApplication>
#include <QSet>

namespace fabrica {

class TypeRegistry;

// Checks one column's constraint values against its data type: known keys, JSON kinds, bounds,
// choices, required keys, min ≤ max pairs, values/weights, distributions and templates.
// Cross-table rules (references, keys, cycles) are SchemaValidator's.
class ConstraintChecker
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ConstraintChecker)

public:
    // referenceDate: the schema's effective reference date, which defaults of dates depend on.
    ConstraintChecker(const TypeRegistry &registry, const Table &table, int tableIndex, Problems &problems,
                      const QDate &referenceDate = Schema::fallbackReferenceDate());

    void check(const Column &column, int columnIndex, const DataType &type);

    // Distance-based suggestion: the candidate closest to word, if close enough to be a likely typo.
    static QString suggestion(const QString &word, const QStringList &candidates);
    // A constraint value as the user wrote it, for messages: 5, "abc", true, [..], {..}.
    static QString show(const QJsonValue &value);

private:
    void report(const QString &key, const QString &message,
                Problem::Severity severity = Problem::Severity::Error);
    bool checkKind(const ConstraintKey &key, const QJsonValue &value);
    void checkPairs(const DataType &type);
    void checkValuesAndWeights();
    void checkDistribution(const QString &key, const QJsonValue &value);
    void checkCardinality(const QJsonValue &value);
    void checkTemplate(const QString &text);
    void checkJsonFields(const QJsonValue &value);
    QJsonValue effective(const DataType &type, const QString &key) const;

    const TypeRegistry &m_registry;
    const Table &m_table;
    int m_tableIndex;
    Problems &m_problems;
    QDate m_referenceDate;
    const Column *m_column = nullptr;
    int m_columnIndex = -1;
    QSet<QString> m_malformed; // keys of the current column whose value has the wrong kind
};

} // namespace fabrica
