#include "ColumnDefaults.h"

namespace fabrica {

QList<ColumnDefault> ColumnDefaults::guess(const QString &, const QString &, const QString &, const QJsonObject &,
                                           const QDate &)
{
    return {}; // the table of guesses follows
}

QJsonObject ColumnDefaults::guessObject(const QString &table, const QString &column, const QString &type,
                                        const QJsonObject &constraints, const QDate &referenceDate)
{
    QJsonObject out;
    for (const ColumnDefault &d : guess(table, column, type, constraints, referenceDate))
        out.insert(d.key, d.value);
    return out;
}

} // namespace fabrica
