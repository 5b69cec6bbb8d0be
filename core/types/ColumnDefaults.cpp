#include "ColumnDefaults.h"

#include "TypeRegistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QStringList>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

// A reason of the table (marked with QT_TRANSLATE_NOOP), translated.
QString translated(const char *text)
{
    return QCoreApplication::translate("fabrica::ColumnDefaults", text);
}

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");
const QString kDistribution = QStringLiteral("distribution");

// The words of a name, lower-case: "rentalDuration", "RENTAL_DURATION" and "rental-duration" all give
// {rental, duration}, so matching ignores case and separators.
QStringList words(const QString &name)
{
    QStringList out;
    QString current;
    QChar previous;
    for (const QChar c : name) {
        if (!c.isLetterOrNumber()) {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
        } else {
            if (c.isUpper() && previous.isLower() && !current.isEmpty()) {
                out.append(current);
                current.clear();
            }
            current += c.toLower();
        }
        previous = c;
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

bool isOneOf(const QString &word, std::initializer_list<const char *> list)
{
    for (const char *item : list) {
        if (word == QLatin1String(item))
            return true;
    }
    return false;
}

// A numeric kind of column and its realistic range, in the column's units.
struct NumberRule
{
    std::initializer_list<const char *> whole; // the whole name, separators removed ("rentalrate")
    std::initializer_list<const char *> last;  // the name's last word ("rate" in "tax_rate")
    double min;
    double max;
    bool money; // drawn lognormal: most prices are small, a few large
    const char *reason;
};

// The table of guesses: first match wins, so specific names come before the words they end in. Ranges
// are what such columns hold in typical business data (the DVD rental and music store samples among them).
// One rule a line: it reads as the table it is.
// clang-format off
const NumberRule kNumberRules[] = {
    {{"rentalrate"}, {}, 0.99, 4.99, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a rental rate: 0.99 to 4.99")},
    {{"replacementcost"}, {}, 9.99, 29.99, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a replacement cost: 9.99 to 29.99")},
    {{"rentalduration", "loanduration", "rentaldays"}, {}, 3, 7, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a rental duration in days: 3 to 7")},
    {{"milliseconds", "millis", "durationms", "lengthms"}, {"milliseconds", "ms", "millis"}, 30000, 600000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a duration in milliseconds: 30,000 to 600,000 (half a minute to ten minutes)")},
    {{"length", "runtime", "runningtime"}, {"length", "runtime"}, 45, 185, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a length: 45 to 185")},
    {{"seconds"}, {"seconds", "secs", "sec"}, 1, 3600, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a duration in seconds: 1 to 3,600")},
    {{"minutes"}, {"minutes", "mins"}, 1, 240, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a duration in minutes: 1 to 240")},
    {{"hours"}, {"hours"}, 1, 80, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a number of hours: 1 to 80")},
    {{"days"}, {"days"}, 1, 30, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a number of days: 1 to 30")},
    {{"duration"}, {"duration"}, 1, 60, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a duration: 1 to 60")},
    {{"age"}, {"age"}, 18, 90, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "an age: 18 to 90")},
    {{"years", "yearsofexperience", "experience"}, {"years"}, 0, 40, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a number of years: 0 to 40")},
    {{"rating", "stars"}, {"rating", "stars"}, 1, 5, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a rating: 1 to 5")},
    {{"percent", "percentage", "pct"}, {"percent", "percentage", "pct"}, 0, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a percentage: 0 to 100")},
    {{"score"}, {"score", "points"}, 0, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a score: 0 to 100")},
    {{"rank", "position", "ranking", "sortorder", "ordinal"}, {"rank", "position", "ranking", "ordinal"}, 1, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a rank or position: 1 to 100")},
    {{"qty", "quantity"}, {"qty", "quantity", "units"}, 1, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a quantity: 1 to 100")},
    {{"pages", "pagecount", "numpages", "numberofpages"}, {"pages"}, 1, 1500, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a number of pages: 1 to 1,500")},
    {{"stock", "instock", "onhand", "inventory"}, {"stock", "inventory", "onhand"}, 0, 1000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a stock level: 0 to 1,000")},
    {{"count"}, {"count", "counter"}, 0, 1000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a count: 0 to 1,000")},
    {{"bytes", "filesize", "sizebytes"}, {"bytes"}, 1024, 104857600, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a size in bytes: 1 KiB to 100 MiB")},
    {{"size"}, {"size"}, 1, 1000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a size: 1 to 1,000")},
    {{"weight"}, {"weight", "kg", "grams"}, 1, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a weight: 1 to 100")},
    {{"height", "width", "depth"}, {"height", "width", "depth"}, 1, 250, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a dimension: 1 to 250")},
    {{"salary", "wage", "income"}, {"salary", "wage", "income"}, 20000, 200000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a yearly salary: 20,000 to 200,000")},
    {{"balance"}, {"balance"}, 0, 10000, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a balance: 0 to 10,000")},
    {{"discount"}, {"discount"}, 0, 50, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a discount: 0 to 50")},
    {{"tax", "vat"}, {"tax", "vat"}, 0, 100, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a tax: 0 to 100")},
    {{"taxrate", "vatrate", "interestrate"}, {}, 0, 25, false, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a rate in percent: 0 to 25")},
    {{"price", "cost", "fee", "rate", "charge", "unitprice"}, {"price", "cost", "fee", "rate", "charge", "fare"}, 0.5, 500, true, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "a price: 0.50 to 500, mostly small")},
    {{"amount", "total", "subtotal", "payment", "revenue", "sum"}, {"amount", "total", "subtotal", "payment", "paid", "revenue", "spent"}, 0.5, 1000, true, QT_TRANSLATE_NOOP("fabrica::ColumnDefaults", "an amount of money: 0.50 to 1,000, mostly small")},
};
// clang-format on

const NumberRule *numberRule(const QStringList &parts)
{
    const QString whole = parts.join(QString());
    const QString last = parts.isEmpty() ? QString() : parts.last();
    for (const NumberRule &rule : kNumberRules) {
        for (const char *name : rule.whole) {
            if (whole == QLatin1String(name))
                return &rule;
        }
        for (const char *name : rule.last) {
            if (last == QLatin1String(name))
                return &rule;
        }
    }
    // "num_items", "number_of_seats", "*_count": counts.
    if (parts.size() > 1 &&
        (parts.first() == QLatin1String("num") ||
         (parts.first() == QLatin1String("number") && parts.at(1) == QLatin1String("of"))))
        return numberRule(QStringList{QStringLiteral("count")});
    return nullptr;
}

// The largest magnitude a numeric column's SQL type holds, so guesses never overflow it (smallint!).
std::optional<double> typeLimit(const QString &type, const QJsonObject &constraints, int *scale)
{
    *scale = 0;
    if (type == QLatin1String("smallint"))
        return 32767.0;
    if (type == QLatin1String("integer"))
        return 2147483647.0;
    if (type == QLatin1String("bigint"))
        return 9.2e18;
    if (type == QLatin1String("float") || type == QLatin1String("double"))
        return 1e300;
    if (type == QLatin1String("decimal") || type == QLatin1String("amount")) {
        const TypeRegistry &registry = TypeRegistry::instance();
        const DataType *dataType = registry.find(type);
        auto keyValue = [&](const QString &key, int fallback) {
            const QJsonValue given = constraints.value(key);
            if (given.isDouble())
                return int(given.toDouble());
            const ConstraintKey *spec = dataType ? registry.key(*dataType, key) : nullptr;
            return spec && spec->defaultValue.isDouble() ? int(spec->defaultValue.toDouble()) : fallback;
        };
        *scale = qBound(0, keyValue(QStringLiteral("scale"), 2), 18);
        const int precision =
            type == QLatin1String("amount") ? 14 : keyValue(QStringLiteral("precision"), 12);
        if (precision - *scale > 18)
            return 9.2e18 / std::pow(10.0, *scale);
        return std::pow(10.0, precision - *scale) - std::pow(10.0, -*scale);
    }
    return std::nullopt;
}

bool isTemporal(const QString &type)
{
    return type == QLatin1String("date") || type == QLatin1String("timestamp") ||
           type == QLatin1String("timestamptz");
}

// A bound of a date window in the type's text form; timestamps at midnight, so nothing lies after
// the start of the reference date.
QJsonValue temporalText(const QString &type, const QDate &date)
{
    // Written by hand: QDate::toString was most of the cost of a date column's defaults, which every
    // date column of a big schema asks for.
    const int year = date.year();
    if (year < 0 || year > 9999)
        return date.toString(Qt::ISODate);
    char text[] = "0000-00-00T00:00:00Z";
    const int parts[] = {year / 1000, year / 100 % 10, year / 10 % 10, year % 10};
    for (int i = 0; i < 4; ++i)
        text[i] = char('0' + parts[i]);
    text[5] = char('0' + date.month() / 10);
    text[6] = char('0' + date.month() % 10);
    text[8] = char('0' + date.day() / 10);
    text[9] = char('0' + date.day() % 10);
    const qsizetype length = type == QLatin1String("date")          ? 10
                             : type == QLatin1String("timestamptz") ? 20
                                                                    : 19;
    return QString::fromLatin1(text, length);
}

// A day from a min/max constraint, or invalid.
QDate constraintDate(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QString text = value.toString();
    if (text.size() < 10)
        return {};
    // The common "YYYY-MM-DD…" directly; anything else as Qt reads an ISO date.
    int digits[8];
    int n = 0;
    bool plain = true;
    for (qsizetype i = 0; i < 10 && plain; ++i) {
        const char16_t c = text.at(i).unicode();
        if (i == 4 || i == 7)
            plain = c == u'-';
        else if ((plain = c >= u'0' && c <= u'9'))
            digits[n++] = int(c - u'0');
    }
    if (plain)
        return QDate(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                     digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]);
    return QDate::fromString(text.left(10), Qt::ISODate);
}

struct DateRule
{
    int fromYears; // the window starts this many years before the reference date
    int toYears;   // and ends this many years before it
    const char *reason;
};

std::optional<DateRule> dateRule(const QStringList &parts)
{
    const QString whole = parts.join(QString());
    auto has = [&parts](std::initializer_list<const char *> list) {
        for (const QString &part : parts) {
            if (isOneOf(part, list))
                return true;
        }
        return false;
    };
    if (isOneOf(whole, {"dob", "birthdate", "dateofbirth", "birthday", "born", "bornon"}) || has({"birth"}))
        return DateRule{90, 18,
                        QT_TRANSLATE_NOOP("fabrica::ColumnDefaults",
                                          "a birth date: 18 to 90 years before the reference date")};
    if (has({"hire", "hired", "start", "started", "joined", "since", "enrolled", "employed"}))
        return DateRule{20, 0,
                        QT_TRANSLATE_NOOP("fabrica::ColumnDefaults",
                                          "a start date: the 20 years up to the reference date")};
    if (has({"created", "updated", "modified", "changed", "update", "deleted", "inserted", "createdate"}))
        return DateRule{3, 0,
                        QT_TRANSLATE_NOOP("fabrica::ColumnDefaults",
                                          "a record time: the 3 years up to the reference date")};
    if (parts.size() > 1 && (parts.last() == QLatin1String("at") || parts.last() == QLatin1String("on")))
        return DateRule{1, 0,
                        QT_TRANSLATE_NOOP("fabrica::ColumnDefaults",
                                          "a recent event: the year up to the reference date")};
    return std::nullopt;
}

// Adds the min/max guess to out, leaving out what the explicit keys already say or contradict.
void addRange(QList<ColumnDefault> &out, const QJsonObject &constraints, const QJsonValue &min,
              const QJsonValue &max, const QString &reason, bool temporal)
{
    auto less = [temporal](const QJsonValue &a, const QJsonValue &b) {
        if (temporal)
            return a.toString().left(19) < b.toString().left(19); // ISO text sorts by time
        return a.toDouble() < b.toDouble();
    };
    const QJsonValue givenMin = constraints.value(kMin), givenMax = constraints.value(kMax);
    const bool keepMin = givenMin.isUndefined() && (givenMax.isUndefined() || !less(givenMax, min));
    const bool keepMax = givenMax.isUndefined() && (givenMin.isUndefined() || !less(max, givenMin));
    if (keepMin)
        out.append(ColumnDefault{kMin, min, reason});
    else if (!temporal && givenMin.isUndefined() && min.toDouble() > 0 && givenMax.toDouble() >= 0)
        // The realistic minimum lies above the user's max; the kind still never goes negative.
        out.append(ColumnDefault{
            kMin,
            min.isDouble() && std::floor(min.toDouble()) == min.toDouble() ? QJsonValue(0) : QJsonValue(0.0),
            QCoreApplication::translate("fabrica::ColumnDefaults", "never negative")});
    if (keepMax)
        out.append(ColumnDefault{kMax, max, reason});
}

} // namespace

QList<ColumnDefault> ColumnDefaults::guess(const QString &table, const QString &column, const QString &type,
                                           const QJsonObject &constraints, const QDate &referenceDate)
{
    Q_UNUSED(table)
    QList<ColumnDefault> out;
    // Most columns are of types no rule is about: answer those before looking at the name.
    static const QStringList guessed = {u"smallint"_s,  u"integer"_s,     u"bigint"_s, u"decimal"_s,
                                        u"amount"_s,    u"float"_s,       u"double"_s, u"date"_s,
                                        u"timestamp"_s, u"timestamptz"_s, u"enum"_s,   u"pattern"_s};
    if (!guessed.contains(type))
        return out;
    // Keys must stay unique and foreign keys follow their parent: a narrow range would break both.
    if (constraints.value(QStringLiteral("primaryKey")).toBool() ||
        constraints.value(QStringLiteral("unique")).toBool() ||
        constraints.contains(QStringLiteral("references")))
        return out;
    const QDate reference = referenceDate.isValid() ? referenceDate : QDate(2026, 1, 1);
    const QStringList parts = words(column);
    if (parts.isEmpty())
        return out;

    // Text shapes by name, for the types that cannot work without them (enum's values, pattern's pattern).
    const QString whole = parts.join(QString());
    if (type == QLatin1String("enum") && !constraints.contains(QStringLiteral("values")) &&
        (isOneOf(whole, {"language", "lang", "languagecode", "langcode", "languageid", "isolanguage"}) ||
         parts.last() == QLatin1String("language"))) {
        // ISO 639-1 codes of widely used languages.
        static const QStringList codes = {u"en"_s, u"es"_s, u"de"_s, u"fr"_s, u"pt"_s, u"it"_s, u"nl"_s,
                                          u"pl"_s, u"ru"_s, u"zh"_s, u"ja"_s, u"ko"_s, u"ar"_s, u"hi"_s,
                                          u"tr"_s, u"sv"_s, u"da"_s, u"no"_s, u"fi"_s, u"cs"_s, u"el"_s,
                                          u"hu"_s, u"ro"_s, u"uk"_s, u"he"_s, u"id"_s, u"th"_s, u"vi"_s};
        out.append(ColumnDefault{
            QStringLiteral("values"), QJsonArray::fromStringList(codes),
            QCoreApplication::translate("fabrica::ColumnDefaults", "a language: ISO 639-1 codes")});
        return out;
    }
    if (type == QLatin1String("pattern") && !constraints.contains(QStringLiteral("pattern"))) {
        if (isOneOf(whole, {"version", "semver", "appversion", "softwareversion", "release"}) ||
            parts.last() == QLatin1String("version"))
            out.append(ColumnDefault{QStringLiteral("pattern"),
                                     QStringLiteral("[1-9]\\.[0-9]{1,2}\\.[0-9]{1,2}"),
                                     QCoreApplication::translate("fabrica::ColumnDefaults",
                                                                 "a version number: major.minor.patch")});
        else if (isOneOf(whole, {"sku", "productcode", "itemcode", "articlenumber", "partnumber"}) ||
                 parts.last() == QLatin1String("sku"))
            out.append(ColumnDefault{
                QStringLiteral("pattern"), QStringLiteral("[A-Z]{3}-[0-9]{5}"),
                QCoreApplication::translate("fabrica::ColumnDefaults",
                                            "a stock keeping unit: three letters and five digits")});
        return out;
    }

    if (isTemporal(type)) {
        const std::optional<DateRule> rule = dateRule(parts);
        if (rule)
            addRange(out, constraints, temporalText(type, reference.addYears(-rule->fromYears)),
                     temporalText(type, reference.addYears(-rule->toYears)), translated(rule->reason), true);
        return out;
    }

    int scale = 0;
    const std::optional<double> limit = typeLimit(type, constraints, &scale);
    if (!limit)
        return out;
    const bool integral = type == QLatin1String("smallint") || type == QLatin1String("integer") ||
                          type == QLatin1String("bigint");

    // Years: of birth 18 to 90 before the reference year, any other the last 30 up to it.
    if (integral && parts.last() == QLatin1String("year") && parts.contains(QLatin1String("birth"))) {
        addRange(out, constraints, reference.year() - 90, reference.year() - 18,
                 QCoreApplication::translate("fabrica::ColumnDefaults",
                                             "a year of birth: 18 to 90 years before the reference year"),
                 false);
        return out;
    }
    if (integral && parts.last() == QLatin1String("year")) {
        addRange(out, constraints, reference.year() - 30, reference.year(),
                 QCoreApplication::translate("fabrica::ColumnDefaults",
                                             "a year: the 30 years up to the reference year"),
                 false);
        return out;
    }

    const NumberRule *rule = numberRule(parts);
    if (!rule)
        return out;
    double min = rule->min, max = std::min(rule->max, *limit);
    if (integral) {
        min = std::ceil(min);
        max = std::floor(max);
    } else if (scale > 0 || type == QLatin1String("decimal") || type == QLatin1String("amount")) {
        const double factor = std::pow(10.0, scale);
        min = std::ceil(min * factor - 1e-9) / factor;
        max = std::floor(max * factor + 1e-9) / factor;
    }
    if (min > max)
        return out;
    QString reason = translated(rule->reason);
    if (max < rule->max)
        reason += QCoreApplication::translate("fabrica::ColumnDefaults",
                                              " (at most %1, the largest value the column's SQL type holds)")
                      .arg(max, 0, 'g', 15);
    auto number = [integral](double v) { return integral ? QJsonValue(qint64(v)) : QJsonValue(v); };
    const qsizetype before = out.size();
    addRange(out, constraints, number(min), number(max), reason, false);
    // The shape of money fits the guessed range only: not when the user set a bound of their own.
    if (rule->money && out.size() - before == 2 && !constraints.contains(kDistribution)) {
        const double median = std::min(15.0, (max - min) / 4);
        if (median > 0)
            out.append(ColumnDefault{kDistribution,
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("lognormal")},
                                                 {QStringLiteral("mu"), std::log(median)},
                                                 {QStringLiteral("sigma"), 1.0}},
                                     reason});
    }
    return out;
}

QJsonObject ColumnDefaults::guessObject(const QString &table, const QString &column, const QString &type,
                                        const QJsonObject &constraints, const QDate &referenceDate)
{
    QJsonObject out;
    for (const ColumnDefault &d : guess(table, column, type, constraints, referenceDate))
        out.insert(d.key, d.value);
    return out;
}

QJsonObject ColumnDefaults::typeDefaults(const QString &type, const QJsonObject &constraints,
                                         const QDate &referenceDate)
{
    QJsonObject out;
    if (!isTemporal(type))
        return out;
    const QDate reference = referenceDate.isValid() ? referenceDate : QDate(2026, 1, 1);
    const QDate givenMin = constraintDate(constraints.value(kMin));
    const QDate givenMax = constraintDate(constraints.value(kMax));
    if (givenMin.isValid() && givenMax.isValid())
        return out;
    if (!givenMax.isValid()) {
        // The window ends at the reference date, or 5 years after a min the user put beyond it (for
        // timestamps also a min later on that day: the window ends at its midnight).
        const bool beyond = givenMin.isValid() && (givenMin > reference ||
                                                   (givenMin == reference && type != QLatin1String("date")));
        const QDate end = beyond ? givenMin.addYears(kWindowYears) : reference;
        out.insert(kMax, temporalText(type, end));
        if (!givenMin.isValid())
            out.insert(kMin, temporalText(type, end.addYears(-kWindowYears)));
    } else {
        out.insert(kMin, temporalText(type, givenMax.addYears(-kWindowYears)));
    }
    return out;
}

QJsonObject ColumnDefaults::defaults(const QString &table, const QString &column, const QString &type,
                                     const QJsonObject &constraints, const QDate &referenceDate)
{
    QJsonObject out = guessObject(table, column, type, constraints, referenceDate);
    if (!isTemporal(type)) // the only types with defaults relative to the reference date
        return out;
    // typeDefaults reads only the range: what the user gave, or else what the name suggested.
    QJsonObject seen;
    for (const QString &key : {kMin, kMax}) {
        const QJsonValue value = out.contains(key) ? out.value(key) : constraints.value(key);
        if (!value.isUndefined())
            seen.insert(key, value);
    }
    // Every date column of a schema without a range of its own asks the same: remembered (a few per
    // schema; QJsonObject's inserts were most of a date column's cost to compile).
    static std::mutex mutex;
    static QHash<QString, QJsonObject> remembered;
    const QString key = type + QChar(0x1f) + seen.value(kMin).toString() + QChar(0x1f) +
                        seen.value(kMax).toString() + QChar(0x1f) + referenceDate.toString(Qt::ISODate);
    QJsonObject relative;
    {
        const std::lock_guard lock(mutex);
        relative = remembered.value(key);
    }
    if (relative.isEmpty()) {
        relative = typeDefaults(type, seen, referenceDate);
        const std::lock_guard lock(mutex);
        if (remembered.size() >= 1024) // bounded: ranges come from user input
            remembered.clear();
        remembered.insert(key, relative);
    }
    if (out.isEmpty() && seen.isEmpty())
        return relative;
    for (auto it = relative.begin(); it != relative.end(); ++it) {
        if (!seen.contains(it.key()))
            out.insert(it.key(), it.value());
    }
    return out;
}

} // namespace fabrica
