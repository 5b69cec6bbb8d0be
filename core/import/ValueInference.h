#pragma once

#include "ColumnProfiler.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace fabrica {

// One distinct value of a column and how often it occurs.
struct DistinctValue
{
    QString text;
    qint64 count = 0;
    QStringView trimmed; // what the rules look at; set by ValueInference
};

// A Fabrica type chosen for some values, with its constraints and a reason for the report.
struct InferredType
{
    QString type;
    QJsonObject constraints;
    QString reason;
    bool typed = true; // the values are not text, so empty strings among them are NULLs
};

// The rules ColumnProfiler applies to a column's distinct values (listed in order in ValueInference.cpp):
// the first kind every non-empty value has wins, text (enum or sample) when none does.
class ValueInference
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ValueInference)

public:
    enum class Mode {
        Column,      // the text values of a column
        JsonStrings, // the string members of JSON objects: no numbers, booleans or JSON; text becomes
                     // "string"
    };

    ValueInference(const ProfileOptions &options, const QString &name, QList<DistinctValue> values,
                   Mode mode = Mode::Column, int depth = 0);
    ValueInference(const ValueInference &) = delete; // m_filled points into m_values
    ValueInference &operator=(const ValueInference &) = delete;

    InferredType infer();

    const QList<DistinctValue> &values() const { return m_values; }
    qint64 total() const { return m_total; }   // values, empty ones included
    qint64 blanks() const { return m_blanks; } // values that are empty or white space
    int minLength() const;                     // in characters
    int maxLength() const;

    static double roundTo(double value, int places);
    static QString percent(double value); // "33.3 %"

private:
    void note(const QString &text);
    std::optional<InferredType> boolean();
    std::optional<InferredType> number();
    std::optional<InferredType> date();
    std::optional<InferredType> timestamp();
    std::optional<InferredType> time();
    std::optional<InferredType> uuid();
    std::optional<InferredType> email();
    std::optional<InferredType> webAddress();
    std::optional<InferredType> ipv4Address();
    std::optional<InferredType> json();
    InferredType text() const;
    InferredType enumeration() const;

    const ProfileOptions &m_options;
    QString m_name;
    QList<DistinctValue> m_values;
    QList<const DistinctValue *> m_filled; // the values that are not blank
    Mode m_mode;
    int m_depth; // of JSON nesting
    qint64 m_total = 0;
    qint64 m_blanks = 0;
    QString m_note; // why the values are text although they nearly were something else
};

} // namespace fabrica
