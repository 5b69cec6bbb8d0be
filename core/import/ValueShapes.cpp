#include "ValueShapes.h"

#include <QDate>

#include <limits>

namespace fabrica::shapes {

namespace {

constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01
constexpr qint64 kDayMsecs = 86400000;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isHex(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// The value of count digits at text[from], or -1 when they are not all digits.
int digits(QStringView text, qsizetype from, int count)
{
    if (from < 0 || from + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (!isDigit(text[i]))
            return -1;
        value = value * 10 + (text[i].unicode() - u'0');
    }
    return value;
}

qsizetype digitRun(QStringView text, qsizetype from)
{
    qsizetype i = from;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    return i - from;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

QString pad(int value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

} // namespace

NumberShape numberShape(QStringView text, DecimalText *decimal)
{
    qsizetype i = 0;
    const bool negative = !text.isEmpty() && text[0] == u'-';
    i += negative ? 1 : 0;
    const qsizetype integerDigits = digitRun(text, i);
    if (integerDigits == 0)
        return NumberShape::None;
    const QStringView integer = text.sliced(i, integerDigits);
    i += integerDigits;
    QStringView fraction;
    if (i < text.size() && text[i] == u'.') {
        const qsizetype fractionDigits = digitRun(text, i + 1);
        if (fractionDigits == 0)
            return NumberShape::None;
        fraction = text.sliced(i + 1, fractionDigits);
        i += 1 + fractionDigits;
    }
    if (i < text.size() && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < text.size() && (text[i] == u'+' || text[i] == u'-'))
            ++i;
        const qsizetype exponentDigits = digitRun(text, i);
        return exponentDigits > 0 && i + exponentDigits == text.size() ? NumberShape::Exponent
                                                                       : NumberShape::None;
    }
    if (i != text.size())
        return NumberShape::None;
    if (integer.size() > 1 && integer[0] == u'0')
        return NumberShape::LeadingZero;
    if (decimal) {
        // -0 and -0.00 are zero, without a sign.
        bool zero = integer == u"0";
        for (qsizetype k = 0; zero && k < fraction.size(); ++k)
            zero = fraction[k] == u'0';
        *decimal = DecimalText{negative && !zero, integer, fraction};
    }
    return fraction.isEmpty() ? NumberShape::Integer : NumberShape::Decimal;
}

int compare(const DecimalText &a, const DecimalText &b)
{
    if (a.negative != b.negative)
        return a.negative ? -1 : 1;
    const int sign = a.negative ? -1 : 1;
    // Integer parts have no leading zeros, so the longer one is larger.
    if (a.integer.size() != b.integer.size())
        return a.integer.size() < b.integer.size() ? -sign : sign;
    if (const int c = a.integer.compare(b.integer); c != 0)
        return c < 0 ? -sign : sign;
    const qsizetype length = std::max(a.fraction.size(), b.fraction.size());
    for (qsizetype i = 0; i < length; ++i) {
        const QChar x = i < a.fraction.size() ? a.fraction[i] : u'0';
        const QChar y = i < b.fraction.size() ? b.fraction[i] : u'0';
        if (x != y)
            return x < y ? -sign : sign;
    }
    return 0;
}

std::optional<qint64> toInt64(const DecimalText &number)
{
    if (!number.fraction.isEmpty() || number.integer.size() > 19)
        return std::nullopt;
    // Accumulate negatively, so that the smallest qint64 fits too.
    qint64 value = 0;
    for (const QChar c : number.integer) {
        const int digit = c.unicode() - u'0';
        if (value < (std::numeric_limits<qint64>::min() + digit) / 10)
            return std::nullopt;
        value = value * 10 - digit;
    }
    if (!number.negative) {
        if (value == std::numeric_limits<qint64>::min())
            return std::nullopt;
        value = -value;
    }
    return value;
}

qint64 Date::julianDay() const
{
    return QDate(year, month, day).toJulianDay();
}

bool parseIsoDate(QStringView text, Date *date)
{
    if (text.size() != 10 || text[4] != u'-' || text[7] != u'-')
        return false;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 1 || month < 0 || day < 0 || !QDate::isValid(year, month, day))
        return false;
    *date = Date{year, month, day};
    return true;
}

bool parseNumericDate(QStringView text, NumericDate *date)
{
    const qsizetype first = digitRun(text, 0);
    if (first < 1 || first > 2 || first >= text.size())
        return false;
    const QChar separator = text[first];
    if (separator != u'/' && separator != u'.' && separator != u'-')
        return false;
    const qsizetype second = digitRun(text, first + 1);
    const qsizetype yearAt = first + 1 + second + 1;
    if (second < 1 || second > 2 || yearAt - 1 >= text.size() || text[yearAt - 1] != separator ||
        text.size() != yearAt + 4)
        return false;
    const int year = digits(text, yearAt, 4);
    if (year < 1)
        return false;
    *date = NumericDate{digits(text, 0, int(first)),
                        digits(text, first + 1, int(second)),
                        year,
                        separator,
                        first == 2,
                        second == 2};
    return true;
}

bool parseTime(QStringView text, TimeOfDay *time)
{
    if (text.size() < 5 || text[2] != u':')
        return false;
    TimeOfDay t;
    t.hour = digits(text, 0, 2);
    t.minute = digits(text, 3, 2);
    if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59)
        return false;
    if (text.size() == 5) {
        *time = t;
        return true;
    }
    if (text.size() < 8 || text[5] != u':')
        return false;
    t.second = digits(text, 6, 2);
    if (t.second < 0 || t.second > 59)
        return false;
    t.hasSeconds = true;
    if (text.size() > 8) {
        const qsizetype fraction = digitRun(text, 9);
        if (text[8] != u'.' || fraction < 1 || fraction > 9 || 9 + fraction != text.size())
            return false;
        t.hasFraction = true;
        for (qsizetype i = 0; i < 3; ++i)
            t.millisecond = t.millisecond * 10 + (i < fraction ? text[9 + i].unicode() - u'0' : 0);
    }
    *time = t;
    return true;
}

qint64 Timestamp::msecs() const
{
    return (date.julianDay() - kEpochJulianDay) * kDayMsecs + time.msecs() - offsetMinutes * qint64(60000);
}

bool parseTimestamp(QStringView text, Timestamp *timestamp)
{
    if (text.size() < 16 || (text[10] != u'T' && text[10] != u' '))
        return false;
    Timestamp t;
    t.separator = text[10];
    if (!parseIsoDate(text.first(10), &t.date))
        return false;
    QStringView rest = text.sliced(11);
    // The zone, from the end: Z, or a sign after the time's first five characters.
    if (rest.endsWith(u'Z') || rest.endsWith(u'z')) {
        t.zone = Timestamp::Zone::Utc;
        rest.chop(1);
    } else {
        const qsizetype sign = std::max(rest.lastIndexOf(u'+'), rest.lastIndexOf(u'-'));
        if (sign >= 5) {
            const QStringView offset = rest.sliced(sign + 1);
            int hours = -1, minutes = 0;
            if (offset.size() == 2) {
                hours = digits(offset, 0, 2);
            } else if (offset.size() == 4) {
                hours = digits(offset, 0, 2);
                minutes = digits(offset, 2, 2);
            } else if (offset.size() == 5 && offset[2] == u':') {
                hours = digits(offset, 0, 2);
                minutes = digits(offset, 3, 2);
            }
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59)
                return false;
            t.zone = Timestamp::Zone::Offset;
            t.offsetMinutes = (hours * 60 + minutes) * (rest[sign] == u'-' ? -1 : 1);
            rest.truncate(sign);
        }
    }
    if (!parseTime(rest, &t.time))
        return false;
    *timestamp = t;
    return true;
}

QString isoDate(qint64 julianDay)
{
    const QDate date = QDate::fromJulianDay(julianDay);
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return {};
    return pad(date.year(), 4) + u'-' + pad(date.month(), 2) + u'-' + pad(date.day(), 2);
}

QString isoTime(qint64 msecsOfDay, bool fraction)
{
    const int ms = int(msecsOfDay % 1000), seconds = int(msecsOfDay / 1000);
    QString text = pad(seconds / 3600, 2) + u':' + pad(seconds / 60 % 60, 2) + u':' + pad(seconds % 60, 2);
    if (fraction)
        text += u'.' + pad(ms, 3);
    return text;
}

QString isoTimestamp(qint64 msecsSinceEpoch, bool fraction, bool utc)
{
    const qint64 days = floorDiv(msecsSinceEpoch, kDayMsecs);
    const QString date = isoDate(days + kEpochJulianDay);
    if (date.isEmpty())
        return {};
    return date + u'T' + isoTime(msecsSinceEpoch - days * kDayMsecs, fraction) +
           (utc ? QStringLiteral("Z") : QString());
}

bool isUuid(QStringView text, QChar *version)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != u'-' : !isHex(text[i]))
            return false;
    }
    if (version)
        *version = text[14];
    return true;
}

bool isEmail(QStringView text)
{
    // A practical subset of RFC 5322: dot-atoms on both sides, a domain with a dot and a letter TLD.
    static const QString localSpecials = QStringLiteral(".!#$%&'*+/=?^_`{|}~-");
    const qsizetype at = text.indexOf(u'@');
    if (at < 1 || at > 64 || text.size() - at - 1 < 4 || text.size() > 254)
        return false;
    const QStringView local = text.first(at), domain = text.sliced(at + 1);
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."))
        return false;
    for (const QChar c : local) {
        if (!isAsciiLetter(c) && !isDigit(c) && !localSpecials.contains(c))
            return false;
    }
    qsizetype labelStart = 0, dots = 0;
    for (qsizetype i = 0; i <= domain.size(); ++i) {
        if (i < domain.size() && domain[i] != u'.') {
            if (!isAsciiLetter(domain[i]) && !isDigit(domain[i]) && domain[i] != u'-')
                return false;
            continue;
        }
        const QStringView label = domain.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        if (i == domain.size()) { // the top-level domain: letters only
            for (const QChar c : label) {
                if (!isAsciiLetter(c))
                    return false;
            }
            return dots > 0 && label.size() >= 2;
        }
        ++dots;
        labelStart = i + 1;
    }
    return false;
}

bool isWebAddress(QStringView text, bool *http)
{
    qsizetype i = 0;
    if (text.startsWith(u"http://", Qt::CaseInsensitive))
        i = 7;
    else if (text.startsWith(u"https://", Qt::CaseInsensitive))
        i = 8;
    else
        return false;
    const qsizetype host = i;
    while (i < text.size() &&
           (isAsciiLetter(text[i]) || isDigit(text[i]) || text[i] == u'.' || text[i] == u'-'))
        ++i;
    if (i == host || text[host] == u'.' || text[host] == u'-')
        return false;
    if (i < text.size() && text[i] == u':') {
        const qsizetype port = digitRun(text, i + 1);
        if (port < 1 || port > 5)
            return false;
        i += 1 + port;
    }
    if (i < text.size() && text[i] != u'/' && text[i] != u'?' && text[i] != u'#')
        return false;
    for (; i < text.size(); ++i) {
        if (text[i].isSpace() || text[i].unicode() < 0x20 || text[i].unicode() == 0x7F)
            return false;
    }
    if (http)
        *http = host == 7;
    return true;
}

std::optional<quint32> ipv4(QStringView text)
{
    quint32 address = 0;
    qsizetype i = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (i >= text.size() || text[i] != u'.')
                return std::nullopt;
            ++i;
        }
        const qsizetype length = digitRun(text, i);
        if (length < 1 || length > 3 || (length > 1 && text[i] == u'0'))
            return std::nullopt;
        const int value = digits(text, i, int(length));
        if (value > 255)
            return std::nullopt;
        address = address << 8 | quint32(value);
        i += length;
    }
    if (i != text.size())
        return std::nullopt;
    return address;
}

BooleanWord booleanWord(QStringView text)
{
    if (text == u"1")
        return BooleanWord::One;
    if (text == u"0")
        return BooleanWord::Zero;
    static const QStringView trueWords[] = {u"true", u"t", u"yes", u"y"};
    static const QStringView falseWords[] = {u"false", u"f", u"no", u"n"};
    for (const QStringView word : trueWords) {
        if (text.compare(word, Qt::CaseInsensitive) == 0)
            return BooleanWord::True;
    }
    for (const QStringView word : falseWords) {
        if (text.compare(word, Qt::CaseInsensitive) == 0)
            return BooleanWord::False;
    }
    return BooleanWord::None;
}

} // namespace fabrica::shapes
