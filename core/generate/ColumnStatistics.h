#pragma once

#include "common/Result.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include <atomic>
#include <optional>

namespace fabrica {

// What a sample of one column's generated values looks like: null share, distinct count, range, a
// histogram or the most frequent values next to the shares the schema asks for, so a user can see that
// weights and distributions came out right. The values are byte for byte what the engine writes (the same
// text as ColumnPreview and the file sinks).
struct ColumnStatistics
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnStatistics)

public:
    enum class Kind {
        Numeric,     // numbers (and foreign keys to numbers): a histogram
        Temporal,    // dates, times, timestamps: a histogram over the time range
        Categorical, // enumerations, booleans, samples: top values, with the requested shares
        Text,        // any other text: top values
    };

    // One histogram bin, [low, high]: inclusive bounds for whole numbers, days and seconds, else [low, high).
    struct Bin
    {
        double low = 0; // numbers as such; temporal values as milliseconds (since the epoch, or of the day)
        double high = 0;
        qint64 count = 0;
        // The bin's width as a share of a full bin: below 1 where the range ends inside a bin, so a chart
        // draws it narrower (and count / span high) instead of suggesting the values thin out there.
        double span = 1;
        QString lowText; // the bounds as the user reads them ("1", "2015-01-01", "2015-01-01 00:00")
        QString highText;
    };

    // One of the most frequent values.
    struct TopValue
    {
        QString value;
        qint64 count = 0;
        double share = 0;                // of the non-null values sampled, 0..1
        std::optional<double> requested; // of the non-null values, 0..1, when the schema asks for one
    };

    QString table;
    QString column;
    QString type;
    Kind kind = Kind::Text;
    qint64 tableRows = 0;   // rows the table gets when generated
    qint64 rowsSampled = 0; // all of them when the table has fewer rows than asked for
    qint64 nulls = 0;
    double nullShare = 0;          // nulls / rowsSampled
    double requestedNullShare = 0; // the column's nullPercent as 0..1
    qint64 distinct = 0;           // distinct non-null values
    QString min;                   // as written; numerically / chronologically smallest where that applies
    QString max;
    QList<Bin> histogram;      // Numeric and Temporal
    QList<TopValue> topValues; // most frequent first; Categorical and Text
    // The non-null values not among topValues, as one "other" entry.
    qint64 otherCount = 0;
    qint64 otherDistinct = 0;
    double otherShare = 0;
    std::optional<double> otherRequested;
    bool hasRequested = false; // topValues carry requested shares (enum weights, truePercent, samples)

    static constexpr qint64 defaultRows = 100000;
    static constexpr int maxTopValues = 12;
    static constexpr int histogramBins = 20;

    qint64 nonNull() const { return rowsSampled - nulls; }

    // Generates up to `rows` rows of table `table` (indexes into schema) with the engine in blocks spread
    // evenly over the table (all rows when it has fewer) and describes column `column`. Only the table and
    // the tables its foreign keys reach are compiled, as in ColumnPreview. Safe to call from any thread;
    // returns ErrorCode::Cancelled soon after *cancel turns true.
    static Result<ColumnStatistics> sample(const Schema &schema, int table, int column, quint64 seed,
                                           qint64 rows = defaultRows,
                                           const std::atomic<bool> *cancel = nullptr);
};

} // namespace fabrica

Q_DECLARE_METATYPE(fabrica::ColumnStatistics)
