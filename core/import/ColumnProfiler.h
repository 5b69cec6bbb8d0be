#pragma once

#include "CsvReader.h"
#include "ImportReport.h"
#include "model/Column.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fabrica {

// What a column's sampled values say about it, ready to become a Fabrica Column.
struct ColumnProfile
{
    QString name;
    QString fabricaType;     // a data type id of the TypeRegistry
    QJsonObject constraints; // keys of fabricaType, plus nullPercent when there are NULLs
    QStringList samples;     // up to ProfileOptions::maxSamples distinct values, in order of first appearance
    QList<qint64> sampleCounts; // how often each of samples occurs
    qint64 rows = 0;            // values looked at, NULLs included
    qint64 nullCount = 0;       // NULLs; for a typed column (not text) empty strings count too
    double nullPercent = 0;   // nullCount / rows in percent, rounded to two places (at least 0.01 with NULLs)
    qint64 distinctCount = 0; // distinct non-NULL values
    bool allDistinct = false; // at least two values and none twice: a candidate for unique
    int minLength = 0;        // of the non-NULL values, in characters
    int maxLength = 0;
    QString reason; // one line for the report: "integers 1..9812", "3 distinct values: …"

    Column column() const { return Column{name, fabricaType, constraints, samples, {}}; }
};

// What the DDL declares about a column beyond its constraints, for ColumnProfiler::apply.
struct SampleDeclaration
{
    bool range = false; // min/max come from a CHECK: they stay
    bool key = false;   // part of a primary key or UNIQUE over several columns: a key column
};

struct ProfileOptions
{
    int maxSamples = 50;        // distinct values kept as a column's samples
    int maxSampleLength = 1000; // longer values are not kept as samples
    int maxEnumValues = 20;     // text with at most this many distinct values may become an enum …
    double enumShare = 0.05;    // … if they are also at most this share of the values (or their √)
    int maxJsonFields = 50;     // JSON objects with more members are kept as samples
};

// Infers a Fabrica type, its constraints and sample data from a column's values (CSV samples, INSERT rows):
// by what every value looks like, in a fixed order of kinds (ValueInference; listed in ValueInference.cpp).
// Linear in the values (each distinct value is classified once); usable from any thread.
class ColumnProfiler
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ColumnProfiler)

public:
    explicit ColumnProfiler(const ProfileOptions &options = {});

    ColumnProfile profile(const QString &name, const QList<std::optional<QString>> &values) const;
    // Every column of rows (one field per header column; shorter rows count as NULLs).
    QList<ColumnProfile> profile(const QStringList &header, const QList<CsvTable::Row> &rows) const;
    // Every column of a read CSV file, with one guess line per column in report at "table.column".
    QList<ColumnProfile> profile(const CsvTable &table, const QString &fileName, const QString &tableName,
                                 ImportReport &report) const;

    // Makes a column follow what its samples show (one code path for INSERT rows, CSV files and the stored
    // sample data): text becomes a weighted enum or a pick from the samples (blend 0), numbers, dates and
    // times take the observed range (and a lognormal shape when skewed), nullable columns the observed NULL
    // share. The declared type decides the family; a key column (primary key, unique, foreign key) keeps
    // its type and constraints, so its samples never force collisions. declared: what the DDL says
    // beyond the constraints (a CHECK range stays; a column of a composite key is a key). Fills the column's
    // samples when it has none. Returns one report line per inference.
    QStringList apply(Column &column, const ColumnProfile &profile,
                      const SampleDeclaration &declared = {}) const;
    // The same for values read (INSERT rows: every occurrence, NULLs as nullopt).
    QStringList apply(Column &column, const QList<std::optional<QString>> &values,
                      const SampleDeclaration &declared = {}) const;
    // The same for the column's stored samples (a value listed twice counts twice): "derive from samples".
    QStringList apply(Column &column, const SampleDeclaration &declared = {}) const;

    // Whether a name says the column holds a flag (is_…, has_…, …_flag, active…): then 0/1 are booleans.
    static bool isFlagName(const QString &name);

private:
    ProfileOptions m_options;
};

} // namespace fabrica
