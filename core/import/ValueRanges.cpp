#include "ValueRanges.h"

#include "SqlDefault.h"
#include "common/OneOf.h"
#include "types/ColumnDefaults.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");
const QString kDistribution = QStringLiteral("distribution");

// Around a DEFAULT d > 0 values spread over d ± 0.8 d, normal with 95 % inside: DEFAULT 3 gives 1..5,
// DEFAULT 4.99 gives 1.00..8.98, both with their mean at the DEFAULT.
constexpr double kSpread = 0.8;
// Record times (DEFAULT now()) cover the 3 years up to the reference date; other moments the engine's
// window.
constexpr int kRecentYears = 3;
constexpr int kWindowYears = ColumnDefaults::kWindowYears;

bool isWhole(const QString &type)
{
    return isOneOf(type, {"smallint", "integer", "bigint"});
}

bool isTemporal(const QString &type)
{
    return isOneOf(type, {"date", "timestamp", "timestamptz"});
}

// Names of quantities that may be below zero; everything else numeric starts at 0 unless its DEFAULT or
// a CHECK says otherwise.
bool namesSigned(const QString &name)
{
    static const QRegularExpression words(
        QStringLiteral("(delta|diff|change|offset|adjust|temperature|^temp|profit|margin|^net|gain|loss|"
                       "variance|correction|elevation|altitude|balance|score)"),
        QRegularExpression::CaseInsensitiveOption);
    return words.match(name).hasMatch();
}

// The fallback's upper end, when nothing else speaks: small enough to look like data, not noise.
double fallbackMax(const QString &type)
{
    return type == QLatin1String("smallint") ? 1000.0 : 100000.0;
}

struct Number
{
    bool whole = false;
    int scale = -1; // decimal places of a decimal; -1 for floats

    double round(double x) const
    {
        if (whole)
            return std::round(x);
        if (scale < 0)
            return x;
        const double f = std::pow(10.0, scale);
        return std::round(x * f) / f;
    }
    double unit() const { return whole ? 1.0 : scale >= 0 ? std::pow(10.0, -scale) : 0.0; }
    QJsonValue json(double x) const
    {
        return whole ? QJsonValue(qint64(std::llround(x))) : QJsonValue(round(x));
    }
    QString text(double x) const
    {
        if (whole)
            return QString::number(qint64(std::llround(x)));
        if (scale >= 0)
            return QString::number(round(x), 'f', scale);
        return QString::number(x, 'g', 12);
    }
    // Bounds from CHECKs: whole numbers take the nearest allowed integer, decimals move in by one unit of
    // the last place (CHECK (price > 0) starts at 0.01), floats by a hair.
    double above(double bound, bool exclusive) const
    {
        if (whole) {
            const double up = std::ceil(bound);
            return exclusive && up == bound ? up + 1 : up;
        }
        if (!exclusive)
            return bound;
        return scale >= 0 ? bound + unit() : bound + std::max(1e-6, std::abs(bound) * 1e-9);
    }
    double below(double bound, bool exclusive) const
    {
        if (whole) {
            const double down = std::floor(bound);
            return exclusive && down == bound ? down - 1 : down;
        }
        if (!exclusive)
            return bound;
        return scale >= 0 ? bound - unit() : bound - std::max(1e-6, std::abs(bound) * 1e-9);
    }
};

QString temporalText(const QString &type, const QDate &date)
{
    if (type == QLatin1String("date"))
        return date.toString(Qt::ISODate);
    return date.toString(Qt::ISODate) + (type == QLatin1String("timestamptz") ? QStringLiteral("T00:00:00Z")
                                                                              : QStringLiteral("T00:00:00"));
}

// ColumnDefaults' guesses for the keys still missing, one line per reason; numbers kept inside [lo, hi].
QStringList nameGuesses(const QString &table, const ImportedColumn &column, const QString &type,
                        QJsonObject &constraints, const QDate &referenceDate, const Number *number, double lo,
                        double hi)
{
    QStringList lines;
    QStringList reasons;
    QHash<QString, QStringList> keysByReason;
    const QList<ColumnDefault> guesses =
        ColumnDefaults::guess(table, column.name, type, constraints, referenceDate);
    // A guessed range wholly outside the CHECK's says nothing about this column: the CHECK's stands.
    bool outside = false;
    for (const ColumnDefault &guess : guesses) {
        if (number && guess.value.isDouble())
            outside = outside || (guess.key == kMin && guess.value.toDouble() > hi) ||
                      (guess.key == kMax && guess.value.toDouble() < lo);
    }
    for (const ColumnDefault &guess : guesses) {
        if (constraints.contains(guess.key))
            continue;
        if (outside && (guess.key == kMin || guess.key == kMax || guess.key == kDistribution))
            continue;
        QJsonValue value = guess.value;
        if (number && (guess.key == kMin || guess.key == kMax) && value.isDouble())
            value = number->json(std::clamp(value.toDouble(), lo, hi));
        constraints.insert(guess.key, value);
        if (!reasons.contains(guess.reason))
            reasons << guess.reason;
        keysByReason[guess.reason] << guess.key;
    }
    // "30000..600000: a duration in milliseconds … (from the name)": the values first, as written.
    const auto text = [&](const QString &key) {
        const QJsonValue value = constraints.value(key);
        return number ? number->text(value.toDouble()) : value.toString();
    };
    for (const QString &reason : std::as_const(reasons)) {
        const QStringList &keys = keysByReason[reason];
        const QString range = keys.contains(kMin) && keys.contains(kMax)
                                  ? text(kMin) + QStringLiteral("..") + text(kMax) + QStringLiteral(": ")
                                  : QString();
        lines << ValueRanges::tr("%1%2 (from the name)").arg(range, reason);
    }
    return lines;
}

QStringList temporal(const QString &table, const ImportedColumn &column, const QString &type,
                     QJsonObject &constraints, const QDate &reference)
{
    QStringList lines;
    if (constraints.contains(kMin) && constraints.contains(kMax))
        return lines;
    if (SqlDefault::isCurrentMoment(column.defaultValue)) {
        const QString from = temporalText(type, reference.addYears(-kRecentYears));
        const QString to = temporalText(type, reference);
        constraints.insert(kMin, from);
        constraints.insert(kMax, to);
        lines << ValueRanges::tr("%1..%2: the recent past up to the reference date %3 (from DEFAULT %4)")
                     .arg(from, to, reference.toString(Qt::ISODate), column.defaultValue);
        return lines;
    }
    lines << nameGuesses(table, column, type, constraints, reference, nullptr, 0, 0);
    const QString n = column.name.toLower();
    if (!constraints.contains(kMin) && !constraints.contains(kMax) &&
        (n.contains(QLatin1String("birth")) || n == QLatin1String("dob"))) {
        const QString from = temporalText(type, reference.addYears(-90));
        const QString to = temporalText(type, reference.addYears(-18));
        constraints.insert(kMin, from);
        constraints.insert(kMax, to);
        lines << ValueRanges::tr(
                     "%1..%2: birth dates 18 to 90 years before the reference date (from the name)")
                     .arg(from, to);
        return lines;
    }
    if (!constraints.contains(kMin) && !constraints.contains(kMax)) {
        const QString from = temporalText(type, reference.addYears(-kWindowYears));
        const QString to = temporalText(type, reference);
        constraints.insert(kMin, from);
        constraints.insert(kMax, to);
        lines << ValueRanges::tr("%1..%2: the %3 years up to the reference date (from the SQL type)")
                     .arg(from, to)
                     .arg(kWindowYears);
    }
    return lines;
}

} // namespace

std::pair<double, double> ValueRanges::typeLimits(const ImportedColumn &column, const QString &type,
                                                  int scale)
{
    // What Fabrica's type holds …
    double lo = -std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::max();
    if (type == QLatin1String("smallint")) {
        lo = -32768;
        hi = 32767;
    } else if (type == QLatin1String("integer")) {
        lo = -2147483648.0;
        hi = 2147483647.0;
    } else if (type == QLatin1String("bigint")) {
        lo = -9223372036854775807.0;
        hi = 9223372036854775807.0;
    } else if (type == QLatin1String("decimal")) {
        const int precision = column.typeArguments.value(0, 12);
        const double limit = std::pow(10.0, std::min(precision - scale, 15)) - std::pow(10.0, -scale);
        lo = -limit;
        hi = limit;
    }
    // … and what the SQL type itself holds, when narrower.
    const QString &sql = column.sqlType;
    if (sql == QLatin1String("tinyint")) {
        lo = column.isUnsigned ? 0 : -128;
        hi = column.isUnsigned ? 255 : 127;
    } else if (sql == QLatin1String("mediumint")) {
        lo = column.isUnsigned ? 0 : -8388608;
        hi = column.isUnsigned ? 16777215 : 8388607;
    } else if (sql == QLatin1String("year")) {
        lo = 1901;
        hi = 2155;
    } else if (column.isUnsigned) {
        lo = 0;
    }
    return {lo, hi};
}

QStringList ValueRanges::apply(const QString &table, const ImportedColumn &column, const QString &type,
                               QJsonObject &constraints, const QDate &referenceDate)
{
    const QDate reference = referenceDate.isValid() ? referenceDate : QDate::currentDate();
    if (isTemporal(type))
        return temporal(table, column, type, constraints, reference);
    if (!isOneOf(type, {"smallint", "integer", "bigint", "decimal", "float", "double"}))
        return {};

    QStringList lines;
    Number number;
    number.whole = isWhole(type);
    number.scale =
        type == QLatin1String("decimal") ? constraints.value(QStringLiteral("scale")).toInt(2) : -1;
    const auto [typeLo, typeHi] = typeLimits(column, type, std::max(0, number.scale));
    double lo = typeLo, hi = typeHi;
    // CHECKs and domains (unsigned types come in as a minimum of 0 too).
    const bool checkedLo = column.minimum.has_value(), checkedHi = column.maximum.has_value();
    if (checkedLo)
        lo = std::max(lo, number.above(*column.minimum, column.minimumExclusive));
    if (checkedHi)
        hi = std::min(hi, number.below(*column.maximum, column.maximumExclusive));
    if (lo > hi)
        hi = lo; // contradicting CHECKs: one value rather than none
    const bool key = constraints.value(QStringLiteral("primaryKey")).toBool() ||
                     constraints.value(QStringLiteral("unique")).toBool();

    // The DEFAULT: a typical value to centre on, or (0) a start that says "not negative".
    const std::optional<double> given = SqlDefault::number(column.defaultValue);
    bool negative = namesSigned(column.name);
    if (given && !key) {
        const double d = number.round(*given);
        if (d > 0 && d >= lo && d <= hi) {
            double w = kSpread * d;
            if (number.whole)
                w = std::max(1.0, std::floor(w));
            else if (number.unit() > 0)
                w = std::floor(w / number.unit() + 1e-9) * number.unit();
            const double from = std::max(lo, d - w), to = std::min(hi, d + w);
            constraints.insert(kMin, number.json(from));
            constraints.insert(kMax, number.json(to));
            constraints.insert(kDistribution, QJsonObject{{QStringLiteral("name"), QStringLiteral("normal")},
                                                          {QStringLiteral("mean"), number.json(d)},
                                                          {QStringLiteral("stddev"), number.round(w / 2)}});
            QString line = tr("%1..%2 around the DEFAULT %3 (from DEFAULT)")
                               .arg(number.text(from), number.text(to), column.defaultValue);
            if ((checkedLo && from == lo) || (checkedHi && to == hi))
                line += tr("; kept inside the CHECK");
            lines << line;
            return lines;
        }
        if (d == 0 && !checkedLo) {
            lo = std::max(lo, 0.0);
            constraints.insert(kMin, number.json(lo));
            lines << tr("not negative: the DEFAULT 0 is a starting count (from DEFAULT)");
        }
        negative = negative || d < 0;
    }

    // The name's realistic range inside what the CHECK allows: a release_year with CHECK (VALUE BETWEEN
    // 1901 AND 2155) still gets recent years. A negative DEFAULT says the values go below zero, which the
    // name's ranges never do.
    if (!key && !(given && *given < 0))
        lines << nameGuesses(table, column, type, constraints, reference, &number, lo, hi);
    if (checkedLo && !constraints.contains(kMin))
        constraints.insert(kMin, number.json(lo));
    if (checkedHi && !constraints.contains(kMax))
        constraints.insert(kMax, number.json(hi));

    // Nothing said enough: from 0 (or symmetric for signed names) to a modest maximum, inside the type.
    QStringList fallback;
    if (!constraints.contains(kMin)) {
        const double from = negative ? std::max(lo, -fallbackMax(type)) : std::max(lo, 0.0);
        constraints.insert(kMin, number.json(from));
        fallback << tr("min %1").arg(number.text(from));
    }
    if (!constraints.contains(kMax) && !key) {
        // Above a minimum of its own (YEAR's 1901, CHECK (x >= 5000)) the span stays the same.
        const double from = constraints.value(kMin).toDouble();
        const double to = std::max(from, std::min(hi, std::max(fallbackMax(type), from + fallbackMax(type))));
        constraints.insert(kMax, number.json(to));
        fallback << tr("max %1").arg(number.text(to));
    }
    if (!fallback.isEmpty())
        lines << tr("%1 (nothing in the DDL or the name says more; from the SQL type)")
                     .arg(fallback.join(QLatin1String(", ")));
    return lines;
}

} // namespace fabrica
