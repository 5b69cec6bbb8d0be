#include "ValueKinds.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTime>

#include <algorithm>
#include <cmath>

namespace fabrica {

using namespace Qt::StringLiterals;

constexpr ValueKind kAllKinds[] = {
    ValueKind::Boolean,    ValueKind::Integer,    ValueKind::Number,    ValueKind::String,
    ValueKind::Choice,     ValueKind::Date,       ValueKind::Time,      ValueKind::Timestamp,
    ValueKind::StringList, ValueKind::NumberList, ValueKind::Reference, ValueKind::Distribution,
    ValueKind::Object,
};

std::optional<ValueKind> valueKindFromName(const QString &name)
{
    for (ValueKind kind : kAllKinds) {
        if (valueKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString allValueKindNames()
{
    QStringList names;
    for (ValueKind kind : kAllKinds)
        names << valueKindName(kind);
    return names.join(u", "_s);
}

const QStringList &distributionNames()
{
    static const QStringList names{u"uniform"_s,     u"normal"_s, u"lognormal"_s,
                                   u"exponential"_s, u"zipf"_s,   u"poisson"_s};
    return names;
}

QStringList distributionParameters(const QString &name)
{
    static const QHash<QString, QStringList> parameters{
        {u"normal"_s, {u"mean"_s, u"stddev"_s}}, {u"lognormal"_s, {u"mu"_s, u"sigma"_s}},
        {u"exponential"_s, {u"lambda"_s}},       {u"zipf"_s, {u"s"_s}},
        {u"poisson"_s, {u"lambda"_s}},
    };
    return parameters.value(name);
}

bool isPositiveDistributionParameter(const QString &parameter)
{
    return parameter == u"stddev"_s || parameter == u"sigma"_s || parameter == u"lambda"_s ||
           parameter == u"s"_s;
}

namespace {

bool isIntegral(double value)
{
    return std::isfinite(value) && std::trunc(value) == value;
}

bool isDate(const QString &text)
{
    static const QRegularExpression re(u"^(\\d{4})-(\\d{2})-(\\d{2})$"_s);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() &&
           QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()).isValid();
}

bool isTime(const QString &text)
{
    static const QRegularExpression re(u"^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?$"_s);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() &&
           QTime(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()).isValid();
}

bool isTimestamp(const QString &text)
{
    static const QRegularExpression re(u"^(\\d{4}-\\d{2}-\\d{2})T([\\d:.]+?)(Z|[+-](\\d{2}):(\\d{2}))?$"_s);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch() || !isDate(m.captured(1)) || !isTime(m.captured(2)))
        return false;
    return m.captured(4).isEmpty() || (m.captured(4).toInt() <= 23 && m.captured(5).toInt() <= 59);
}

} // namespace

bool matchesKind(const QJsonValue &value, ValueKind kind)
{
    switch (kind) {
    case ValueKind::Boolean:
        return value.isBool();
    case ValueKind::Integer:
        return value.isDouble() && isIntegral(value.toDouble());
    case ValueKind::Number:
        return value.isDouble() && std::isfinite(value.toDouble());
    case ValueKind::String:
    case ValueKind::Choice:
        return value.isString();
    case ValueKind::Date:
        return value.isString() && isDate(value.toString());
    case ValueKind::Time:
        return value.isString() && isTime(value.toString());
    case ValueKind::Timestamp:
        return value.isString() && isTimestamp(value.toString());
    case ValueKind::StringList:
    case ValueKind::NumberList: {
        if (!value.isArray())
            return false;
        const ValueKind element = kind == ValueKind::StringList ? ValueKind::String : ValueKind::Number;
        const QJsonArray array = value.toArray();
        return std::all_of(array.begin(), array.end(),
                           [element](const QJsonValue &item) { return matchesKind(item, element); });
    }
    case ValueKind::Reference: {
        static const QRegularExpression re(u"^[^.\\s]+\\.[^.\\s]+$"_s);
        return value.isString() && re.match(value.toString()).hasMatch();
    }
    case ValueKind::Distribution:
        return value.isObject() && distributionNames().contains(value.toObject().value(u"name").toString());
    case ValueKind::Object:
        return value.isObject();
    }
    return false;
}

std::optional<qint64> temporalOrdinal(ValueKind kind, const QString &text)
{
    if (!matchesKind(QJsonValue(text), kind))
        return std::nullopt;
    switch (kind) {
    case ValueKind::Date:
        return QDate::fromString(text, Qt::ISODate).toJulianDay();
    case ValueKind::Time:
        // Qt parses at most milliseconds; finer digits do not change the order of realistic bounds.
        return QTime::fromString(text.left(12), Qt::ISODateWithMs).msecsSinceStartOfDay();
    case ValueKind::Timestamp: {
        const qsizetype dot = text.indexOf(u'.');
        QString trimmed = text;
        if (dot >= 0) { // keep milliseconds, drop finer digits before the zone
            qsizetype end = dot + 1;
            while (end < text.size() && text.at(end).isDigit())
                ++end;
            trimmed = text.left(qMin(end, dot + 4)) + text.mid(end);
        }
        QDateTime stamp = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        if (stamp.timeSpec() == Qt::LocalTime)
            stamp.setTimeSpec(Qt::UTC); // no zone: a wall-clock value, compared as written
        return stamp.isValid() ? std::optional<qint64>(stamp.toMSecsSinceEpoch()) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

} // namespace fabrica
