#include "ValueInference.h"

#include "JsonFieldInference.h"
#include "ValueShapes.h"
#include "model/ConstraintKeys.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

// The rules, in the order they are tried. The first kind that every non-empty value has wins; NULLs
// (unquoted empty fields) never count, and for the kinds before "text" neither do empty strings (they
// count as NULLs). Values are trimmed of white space before they are looked at; samples keep them as
// written.
//
//  1. boolean    true/false, t/f, yes/no, y/n in any case; 1/0 too, but a column of only 1 and 0 is a
//                boolean only when its name says flag (ColumnProfiler::isFlagName), else an integer.
//                → truePercent.
//  2. integer    -?digits without a leading zero ("007" and "0123" are codes: text). → integer with
//                min/max, bigint beyond 32 bits; beyond 64 bits: text.
//  3. decimal    -?digits.digits (integers may be mixed in). scale = the most decimal places written;
//                precision only when more than the default 12 is needed. When the numbers do not fit
//                18 digits (Fabrica's fixed-point range): double.
//  4. double     any of the above with at least one exponent (1.5e3). → min/max.
//  5. date       yyyy-MM-dd; or d/M/yyyy, M/d/yyyy, d.M.yyyy, d-M-yyyy when the column decides the order:
//                a first part above 12 means day first, a second part above 12 month first, a dot
//                means day first; otherwise the order is ambiguous and the column stays text. → min/max
//                and format when not ISO.
//  6. timestamp  an ISO date, T or a space, HH:mm[:ss[.fraction]], optionally Z or an offset; plain dates
//                may be mixed in (midnight). An offset or Z anywhere → timestamptz (min/max in UTC).
//                → min/max and format when not the type's default.
//  7. time       HH:mm[:ss[.fraction]]. → min/max, format.
//  8. uuid       8-4-4-4-12 hex digits; version v7 when every value is one.
//  9. email      local@domain.tld (a practical RFC 5322 subset). The sampled domains are not copied.
// 10. url        http:// or https:// and a host. scheme http when no value uses https.
// 11. ipv4       dotted quad without leading zeros. cidr = the network all values share, at most a /24
//                (so that there is room for new addresses); none when they share less than 8 bits.
// 12. json       JSON objects → json, its fields inferred from the members' values (numbers, booleans,
//                strings by these rules, text as string, nested objects); arrays, or members of mixed
//                kinds: text.
// 13. text       at most maxEnumValues (20) distinct values, fewer than the values, and at most
//                max(enumShare × values, √values) of them → enum, values by falling frequency (ties in
//                order of first appearance), weights = the counts. Otherwise sample (the samples are
//                the values); lorem_paragraph when every value is too long to be a sample.
namespace fabrica {

using namespace shapes;

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");
const QString kFormat = QStringLiteral("format");

// A value as a reason shows it: short, and visible when empty.
QString shown(const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("\"\"");
    return value.size() > 24 ? value.first(23) + u'…' : value;
}

} // namespace

ValueInference::ValueInference(const ProfileOptions &options, const QString &name,
                               QList<DistinctValue> values, Mode mode, int depth)
    : m_options(options)
    , m_name(name)
    , m_values(std::move(values))
    , m_mode(mode)
    , m_depth(depth)
{
    for (DistinctValue &value : m_values) {
        value.trimmed = QStringView(value.text).trimmed();
        m_total += value.count;
        if (value.trimmed.isEmpty())
            m_blanks += value.count;
        else
            m_filled.append(&value);
    }
}

double ValueInference::roundTo(double value, int places)
{
    const double factor = std::pow(10.0, places);
    return std::round(value * factor) / factor;
}

QString ValueInference::percent(double value)
{
    return tr("%1 %").arg(QString::number(roundTo(value, 1), 'g', QLocale::FloatingPointShortest));
}

InferredType ValueInference::infer()
{
    if (!m_filled.isEmpty()) {
        const bool column = m_mode == Mode::Column;
        for (auto rule : {&ValueInference::boolean, &ValueInference::number, &ValueInference::date,
                          &ValueInference::timestamp, &ValueInference::time, &ValueInference::uuid,
                          &ValueInference::email, &ValueInference::webAddress, &ValueInference::ipv4Address,
                          &ValueInference::json}) {
            if (!column && (rule == &ValueInference::boolean || rule == &ValueInference::number ||
                            rule == &ValueInference::json))
                continue;
            if (std::optional<InferredType> g = (this->*rule)())
                return *g;
        }
    }
    InferredType g = text();
    if (!m_note.isEmpty())
        g.reason = m_note + QStringLiteral("; ") + g.reason;
    return g;
}

int ValueInference::minLength() const
{
    int length = m_values.isEmpty() ? 0 : int(m_values.constFirst().text.size());
    for (const DistinctValue &value : m_values)
        length = std::min(length, int(value.text.size()));
    return length;
}

int ValueInference::maxLength() const
{
    int length = 0;
    for (const DistinctValue &value : m_values)
        length = std::max(length, int(value.text.size()));
    return length;
}

void ValueInference::note(const QString &text)
{
    if (m_note.isEmpty())
        m_note = text;
}

std::optional<InferredType> ValueInference::boolean()
{
    qint64 trues = 0, falses = 0;
    bool words = false;
    QStringList forms;
    for (const DistinctValue *value : m_filled) {
        const BooleanWord word = booleanWord(value->trimmed);
        if (word == BooleanWord::None)
            return std::nullopt;
        words = words || word == BooleanWord::True || word == BooleanWord::False;
        (word == BooleanWord::True || word == BooleanWord::One ? trues : falses) += value->count;
        if (!forms.contains(value->trimmed.toString()))
            forms.append(value->trimmed.toString());
    }
    if (!words && !ColumnProfiler::isFlagName(m_name))
        return std::nullopt; // 0/1 without a flag's name: integers
    const double truePercent = roundTo(100.0 * double(trues) / double(trues + falses), 1);
    return InferredType{QStringLiteral("boolean"), QJsonObject{{QStringLiteral("truePercent"), truePercent}},
                        tr("booleans (%1), %2 true").arg(forms.join(u'/'), percent(truePercent))};
}

std::optional<InferredType> ValueInference::number()
{
    bool leadingZero = false, fraction = false, exponent = false;
    QString leadingZeroExample;
    DecimalText low, high;
    bool first = true;
    int scale = 0, integerDigits = 0;
    double lowDouble = qInf(), highDouble = -qInf();
    for (const DistinctValue *value : m_filled) {
        DecimalText decimal;
        const NumberShape shape = numberShape(value->trimmed, &decimal);
        switch (shape) {
        case NumberShape::None:
            return std::nullopt;
        case NumberShape::LeadingZero:
            if (!leadingZero)
                leadingZeroExample = value->trimmed.toString();
            leadingZero = true;
            continue;
        case NumberShape::Exponent:
            exponent = true;
            break;
        case NumberShape::Decimal:
            fraction = true;
            [[fallthrough]];
        case NumberShape::Integer:
            if (first || compare(decimal, low) < 0)
                low = decimal;
            if (first || compare(decimal, high) > 0)
                high = decimal;
            first = false;
            scale = std::max(scale, int(decimal.fraction.size()));
            integerDigits = std::max(integerDigits, decimal.integerDigits());
            break;
        }
        const double v = value->trimmed.toDouble();
        if (!std::isfinite(v))
            return std::nullopt;
        lowDouble = std::min(lowDouble, v);
        highDouble = std::max(highDouble, v);
    }
    if (leadingZero) {
        note(tr("numbers with leading zeros such as %1 are codes, kept as text")
                 .arg(shown(leadingZeroExample)));
        return std::nullopt;
    }
    if (exponent || (fraction && (scale > 18 || integerDigits + scale > 18))) {
        return InferredType{QStringLiteral("double"), QJsonObject{{kMin, lowDouble}, {kMax, highDouble}},
                            tr("numbers %1..%2")
                                .arg(QString::number(lowDouble, 'g', QLocale::FloatingPointShortest),
                                     QString::number(highDouble, 'g', QLocale::FloatingPointShortest))};
    }
    const QString lowText = (low.negative ? QStringLiteral("-") : QString()) + low.integer.toString() +
                            (low.fraction.isEmpty() ? QString() : u'.' + low.fraction.toString());
    const QString highText = (high.negative ? QStringLiteral("-") : QString()) + high.integer.toString() +
                             (high.fraction.isEmpty() ? QString() : u'.' + high.fraction.toString());
    if (fraction) {
        QJsonObject constraints{
            {kMin, lowText.toDouble()}, {kMax, highText.toDouble()}, {QStringLiteral("scale"), scale}};
        if (integerDigits + scale > 12) // the default precision would not hold the values
            constraints.insert(QStringLiteral("precision"), integerDigits + scale);
        return InferredType{QStringLiteral("decimal"), constraints,
                            tr("decimals %1..%2 with up to %3 places").arg(lowText, highText).arg(scale)};
    }
    const std::optional<qint64> min = toInt64(low), max = toInt64(high);
    if (!min || !max) {
        note(
            tr("whole numbers beyond 64 bits such as %1, kept as text").arg(shown(min ? highText : lowText)));
        return std::nullopt;
    }
    const bool wide = *min < std::numeric_limits<qint32>::min() || *max > std::numeric_limits<qint32>::max();
    // A JSON number is a double: keep the bounds inside the 64-bit range when they are rounded.
    auto json = [](qint64 v) { return double(std::min<qint64>(v, 0x7FFFFFFFFFFFFC00)); };
    QString reason = tr("integers %1..%2").arg(*min).arg(*max);
    if (*min == 0 && *max == 1)
        reason += tr(" (only 0 and 1: perhaps a boolean)");
    return InferredType{wide ? QStringLiteral("bigint") : QStringLiteral("integer"),
                        QJsonObject{{kMin, json(*min)}, {kMax, json(*max)}}, reason};
}

std::optional<InferredType> ValueInference::date()
{
    qint64 low = std::numeric_limits<qint64>::max(), high = std::numeric_limits<qint64>::min();
    auto widen = [&](qint64 day) {
        low = std::min(low, day);
        high = std::max(high, day);
    };
    Date iso;
    if (parseIsoDate(m_filled.constFirst()->trimmed, &iso)) {
        for (const DistinctValue *value : m_filled) {
            if (!parseIsoDate(value->trimmed, &iso))
                return std::nullopt;
            widen(iso.julianDay());
        }
        return InferredType{QStringLiteral("date"), QJsonObject{{kMin, isoDate(low)}, {kMax, isoDate(high)}},
                            tr("dates %1..%2").arg(isoDate(low), isoDate(high))};
    }
    // Numeric dates: the whole column decides which part is the day.
    QList<NumericDate> dates;
    bool firstOver12 = false, secondOver12 = false, firstPadded = true, secondPadded = true;
    QChar separator;
    for (const DistinctValue *value : m_filled) {
        NumericDate d;
        if (!parseNumericDate(value->trimmed, &d) || (!separator.isNull() && d.separator != separator))
            return std::nullopt;
        separator = d.separator;
        firstOver12 = firstOver12 || d.first > 12;
        secondOver12 = secondOver12 || d.second > 12;
        firstPadded = firstPadded && d.firstPadded;
        secondPadded = secondPadded && d.secondPadded;
        dates.append(d);
    }
    if (firstOver12 && secondOver12)
        return std::nullopt;
    const bool dayFirst = firstOver12 || (!secondOver12 && separator == u'.');
    if (!dayFirst && !secondOver12) {
        note(tr("dates such as %1 could be day/month or month/day, kept as text")
                 .arg(shown(m_filled.constFirst()->trimmed.toString())));
        return std::nullopt;
    }
    for (const NumericDate &d : dates) {
        const int day = dayFirst ? d.first : d.second, month = dayFirst ? d.second : d.first;
        if (!QDate::isValid(d.year, month, day))
            return std::nullopt;
        widen(QDate(d.year, month, day).toJulianDay());
    }
    const QString dayToken =
        (dayFirst ? firstPadded : secondPadded) ? QStringLiteral("dd") : QStringLiteral("d");
    const QString monthToken =
        (dayFirst ? secondPadded : firstPadded) ? QStringLiteral("MM") : QStringLiteral("M");
    const QString format = (dayFirst ? dayToken : monthToken) + separator +
                           (dayFirst ? monthToken : dayToken) + separator + QStringLiteral("yyyy");
    return InferredType{QStringLiteral("date"),
                        QJsonObject{{kMin, isoDate(low)}, {kMax, isoDate(high)}, {kFormat, format}},
                        tr("dates %1..%2 written %3").arg(isoDate(low), isoDate(high), format)};
}

std::optional<InferredType> ValueInference::timestamp()
{
    qint64 low = std::numeric_limits<qint64>::max(), high = std::numeric_limits<qint64>::min();
    bool anyTime = false, zone = false, allUtc = true, allT = true, seconds = false, fraction = false;
    for (const DistinctValue *value : m_filled) {
        Timestamp t;
        if (!parseTimestamp(value->trimmed, &t)) {
            if (!parseIsoDate(value->trimmed, &t.date)) // a date alone is its midnight
                return std::nullopt;
            t.separator = u' ';
        } else {
            anyTime = true;
            allT = allT && t.separator == u'T';
        }
        zone = zone || t.zone != Timestamp::Zone::None;
        allUtc = allUtc && t.zone == Timestamp::Zone::Utc;
        seconds = seconds || t.time.hasSeconds;
        fraction = fraction || t.time.hasFraction;
        low = std::min(low, t.msecs());
        high = std::max(high, t.msecs());
    }
    if (!anyTime)
        return std::nullopt;
    const QString min = isoTimestamp(low, fraction, zone), max = isoTimestamp(high, fraction, zone);
    if (min.isEmpty() || max.isEmpty())
        return std::nullopt;
    QString format = QStringLiteral("yyyy-MM-dd") + (allT ? QStringLiteral("'T'") : QStringLiteral(" ")) +
                     QStringLiteral("HH:mm") + (seconds || fraction ? QStringLiteral(":ss") : QString()) +
                     (fraction ? QStringLiteral(".zzz") : QString());
    if (zone)
        format += allUtc ? QStringLiteral("'Z'") : QStringLiteral("t");
    QJsonObject constraints{{kMin, min}, {kMax, max}};
    const QString defaultFormat =
        zone ? QStringLiteral("yyyy-MM-dd HH:mm:sst") : QStringLiteral("yyyy-MM-dd HH:mm:ss");
    if (format != defaultFormat)
        constraints.insert(kFormat, format);
    return InferredType{zone ? QStringLiteral("timestamptz") : QStringLiteral("timestamp"), constraints,
                        zone ? tr("timestamps with a time zone %1..%2").arg(min, max)
                             : tr("timestamps %1..%2").arg(min, max)};
}

std::optional<InferredType> ValueInference::time()
{
    qint64 low = std::numeric_limits<qint64>::max(), high = std::numeric_limits<qint64>::min();
    bool seconds = false, fraction = false;
    for (const DistinctValue *value : m_filled) {
        TimeOfDay t;
        if (!parseTime(value->trimmed, &t))
            return std::nullopt;
        seconds = seconds || t.hasSeconds;
        fraction = fraction || t.hasFraction;
        low = std::min(low, t.msecs());
        high = std::max(high, t.msecs());
    }
    QJsonObject constraints{{kMin, isoTime(low, fraction)}, {kMax, isoTime(high, fraction)}};
    if (!seconds)
        constraints.insert(kFormat, QStringLiteral("HH:mm"));
    else if (fraction)
        constraints.insert(kFormat, QStringLiteral("HH:mm:ss.zzz"));
    return InferredType{QStringLiteral("time"), constraints,
                        tr("times of day %1..%2").arg(isoTime(low, fraction), isoTime(high, fraction))};
}

std::optional<InferredType> ValueInference::uuid()
{
    bool allV7 = true;
    for (const DistinctValue *value : m_filled) {
        QChar version;
        if (!isUuid(value->trimmed, &version))
            return std::nullopt;
        allV7 = allV7 && version == u'7';
    }
    if (allV7)
        return InferredType{QStringLiteral("uuid"),
                            QJsonObject{{QStringLiteral("version"), QStringLiteral("v7")}},
                            tr("UUIDs of version 7 (time-ordered)")};
    return InferredType{QStringLiteral("uuid"), {}, tr("UUIDs")};
}

std::optional<InferredType> ValueInference::email()
{
    for (const DistinctValue *value : m_filled) {
        if (!isEmail(value->trimmed))
            return std::nullopt;
    }
    return InferredType{QStringLiteral("email"),
                        {},
                        tr("email addresses (generated at reserved domains such as example.com, never at the sampled ones)")};
}

std::optional<InferredType> ValueInference::webAddress()
{
    bool allHttp = true;
    for (const DistinctValue *value : m_filled) {
        bool http = false;
        if (!isWebAddress(value->trimmed, &http))
            return std::nullopt;
        allHttp = allHttp && http;
    }
    if (allHttp)
        return InferredType{QStringLiteral("url"),
                            QJsonObject{{QStringLiteral("scheme"), QStringLiteral("http")}},
                            tr("web addresses (http)")};
    return InferredType{QStringLiteral("url"), {}, tr("web addresses")};
}

std::optional<InferredType> ValueInference::ipv4Address()
{
    quint32 low = ~quint32(0), high = 0;
    for (const DistinctValue *value : m_filled) {
        const std::optional<quint32> address = ipv4(value->trimmed);
        if (!address)
            return std::nullopt;
        low = std::min(low, *address);
        high = std::max(high, *address);
    }
    // The network all addresses share (low and high share the longest prefix), as a /8 to /24.
    const int shared = std::countl_zero(low ^ high);
    if (shared < 8)
        return InferredType{QStringLiteral("ipv4"), {}, tr("IPv4 addresses")};
    const int bits = std::min(shared, 24);
    const quint32 network = low & (~quint32(0) << (32 - bits));
    const QString cidr = QStringLiteral("%1.%2.%3.%4/%5")
                             .arg(network >> 24)
                             .arg(network >> 16 & 0xFF)
                             .arg(network >> 8 & 0xFF)
                             .arg(network & 0xFF)
                             .arg(bits);
    return InferredType{QStringLiteral("ipv4"), QJsonObject{{QStringLiteral("cidr"), cidr}},
                        tr("IPv4 addresses in %1").arg(cidr)};
}

std::optional<InferredType> ValueInference::json()
{
    JsonFieldInference::Objects objects;
    bool arrays = false;
    for (const DistinctValue *value : m_filled) {
        const QChar first = value->trimmed.front();
        if (first != u'{' && first != u'[')
            return std::nullopt;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(value->trimmed.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
        arrays = arrays || document.isArray();
        objects.append({document.object(), value->count});
    }
    if (arrays) {
        note(tr("JSON arrays, kept as text"));
        return std::nullopt;
    }
    QString problem;
    QStringList members;
    const std::optional<QJsonObject> fields =
        JsonFieldInference::fields(objects, m_options, m_depth, &members, &problem);
    if (!fields) {
        note(problem);
        return std::nullopt;
    }
    if (members.size() > 8)
        members = members.first(8) << QStringLiteral("…");
    return InferredType{QStringLiteral("json"), QJsonObject{{keys::fields, *fields}},
                        tr("JSON objects with the members %1").arg(members.join(QStringLiteral(", ")))};
}

InferredType ValueInference::text() const
{
    const qsizetype distinct = m_values.size();
    const double n = double(m_total);
    if (distinct == 0)
        return InferredType{QStringLiteral("string"), {}, tr("no values to learn from"), false};
    const double enumLimit = std::max(m_options.enumShare * n, std::sqrt(n));
    if (distinct <= m_options.maxEnumValues && double(distinct) < n && double(distinct) <= enumLimit)
        return enumeration();
    QString lengths = tr("text of %1..%2 characters").arg(minLength()).arg(maxLength());
    if (minLength() == maxLength())
        lengths = minLength() == 1 ? tr("text of 1 character") : tr("text of %1 characters").arg(minLength());
    if (m_mode == Mode::JsonStrings)
        return InferredType{QStringLiteral("string"),
                            QJsonObject{{QStringLiteral("minLength"), minLength()},
                                        {QStringLiteral("maxLength"), std::max(1, maxLength())}},
                            lengths, false};
    const bool anySample = std::any_of(m_values.begin(), m_values.end(), [&](const DistinctValue &value) {
        return value.text.size() <= m_options.maxSampleLength;
    });
    if (!anySample)
        return InferredType{QStringLiteral("lorem_paragraph"),
                            {},
                            lengths + tr(", too long to keep as samples: lorem ipsum paragraphs"),
                            false};
    const QString drawn = distinct == 1 ? tr(", one value: drawn from the samples")
                                        : tr(", %1 distinct values: drawn from the samples").arg(distinct);
    return InferredType{QStringLiteral("sample"), {}, lengths + drawn, false};
}

// Values by falling frequency, ties in order of first appearance; the weights are the counts.
InferredType ValueInference::enumeration() const
{
    QList<const DistinctValue *> order;
    for (const DistinctValue &value : m_values)
        order.append(&value);
    std::stable_sort(order.begin(), order.end(),
                     [](const DistinctValue *a, const DistinctValue *b) { return a->count > b->count; });
    QJsonArray values, weights;
    QStringList shares;
    for (const DistinctValue *value : order) {
        values.append(value->text);
        weights.append(double(value->count));
        if (shares.size() < 5)
            shares.append(
                tr("%1 %2").arg(shown(value->text), percent(100.0 * double(value->count) / double(m_total))));
    }
    QString reason =
        order.size() == 1
            ? tr("always %1").arg(shown(order.constFirst()->text))
            : tr("%1 distinct values: %2").arg(order.size()).arg(shares.join(QStringLiteral(", ")));
    if (order.size() > 5)
        reason += tr(", and %1 more").arg(order.size() - 5);
    return InferredType{QStringLiteral("enum"), QJsonObject{{keys::values, values}, {keys::weights, weights}},
                        reason, false};
}

} // namespace fabrica
