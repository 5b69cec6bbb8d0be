#pragma once

#include <QDate>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace fabrica {

// One constraint value a column should take because its name and type suggest it, with a short reason
// for the import report and the documentation ("a quantity: 1 to 100").
struct ColumnDefault
{
    QString key;      // constraint key, e.g. "min"
    QJsonValue value; // its value, e.g. 1
    QString reason;   // short and human, translated
};

// Sensible constraint values guessed from a column's name and type: non-negative realistic ranges for
// counts, lengths, durations, quantities and money, recent past windows for dates. Used by the Plan for
// keys a schema leaves out (explicit constraint > guess > registry default) and by the import to list
// its guesses. Takes plain values: core/types does not know core/model.
class ColumnDefaults
{
public:
    // The keys the column should take where its constraints leave them out; never a key that
    // `constraints` already has, and never a guess that contradicts an explicit key (a guessed min above
    // an explicit max is dropped). Names are compared case- and separator-insensitively.
    static QList<ColumnDefault> guess(const QString &table, const QString &column, const QString &type,
                                      const QJsonObject &constraints, const QDate &referenceDate);

    // The guesses as one object (key → value), for callers that need no reasons.
    static QJsonObject guessObject(const QString &table, const QString &column, const QString &type,
                                   const QJsonObject &constraints, const QDate &referenceDate);

    // Years of the default window of date, timestamp and timestamptz columns.
    static constexpr int kWindowYears = 5;
    // The defaults of a type that depend on the reference date (the registry's are static text): for
    // date, timestamp and timestamptz without min/max, the kWindowYears years up to the reference date
    // (timestamps up to its midnight); a lone min beyond it gets the years after it, a lone max the years
    // before it. Only keys that `constraints` leaves out.
    static QJsonObject typeDefaults(const QString &type, const QJsonObject &constraints,
                                    const QDate &referenceDate);
    // What the engine and the validator use for keys the constraints leave out, before the registry's
    // static defaults: the name's guesses, then typeDefaults().
    static QJsonObject defaults(const QString &table, const QString &column, const QString &type,
                                const QJsonObject &constraints, const QDate &referenceDate);
};

} // namespace fabrica
