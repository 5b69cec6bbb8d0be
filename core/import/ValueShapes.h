#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

// Recognisers of single values as they appear in CSV files and INSERT rows: numbers, dates, times,
// timestamps, UUIDs, email and web addresses, IPv4 addresses, boolean words. Strict on purpose: a value
// is only taken for a kind when it can't be anything else. ASCII digits only; linear in the text.
namespace fabrica::shapes {

// A decimal number as written, -?digits(.digits)?: views into the text.
struct DecimalText
{
    bool negative = false;
    QStringView integer;  // without a sign, never empty
    QStringView fraction; // the digits after the point; empty for an integer

    int integerDigits() const { return integer == u"0" ? 0 : int(integer.size()); }
};

enum class NumberShape {
    None,        // not a number
    LeadingZero, // digits with a leading zero such as 007 or 00.5: a code, not a quantity
    Integer,     // -?digits
    Decimal,     // -?digits.digits
    Exponent,    // a number with an exponent, 1.5e3
};
// decimal is filled for Integer and Decimal.
NumberShape numberShape(QStringView text, DecimalText *decimal);
// <0, 0, >0 as a is less than, equal to or greater than b in value.
int compare(const DecimalText &a, const DecimalText &b);
// The value of an Integer shape when it fits in 64 bits.
std::optional<qint64> toInt64(const DecimalText &number);

struct Date
{
    int year = 0, month = 0, day = 0;
    qint64 julianDay() const;
};
// yyyy-MM-dd, a real calendar day.
bool parseIsoDate(QStringView text, Date *date);

// d/M/yyyy, M/d/yyyy, d.M.yyyy, d-M-yyyy with one or two digits: which part is the day is decided for a
// whole column, so this only splits.
struct NumericDate
{
    int first = 0, second = 0, year = 0;
    QChar separator;
    bool firstPadded = false, secondPadded = false; // two digits
};
bool parseNumericDate(QStringView text, NumericDate *date);

struct TimeOfDay
{
    int hour = 0, minute = 0, second = 0, millisecond = 0;
    bool hasSeconds = false;
    bool hasFraction = false;
    qint64 msecs() const { return ((hour * 60 + minute) * 60 + second) * qint64(1000) + millisecond; }
};
// HH:mm, HH:mm:ss, HH:mm:ss.f (1 to 9 digits; milliseconds kept).
bool parseTime(QStringView text, TimeOfDay *time);

struct Timestamp
{
    enum class Zone { None, Utc, Offset };
    Date date;
    TimeOfDay time;
    QChar separator; // 'T' or ' '
    Zone zone = Zone::None;
    int offsetMinutes = 0; // east of UTC
    // Milliseconds since 1970-01-01T00:00 (of UTC when there is a zone).
    qint64 msecs() const;
};
// An ISO date, T or a space, a time as parseTime, and optionally Z or an offset ±HH, ±HHMM, ±HH:MM.
bool parseTimestamp(QStringView text, Timestamp *timestamp);

// ISO forms of ordinals, as Fabrica's constraints take them; empty when the year leaves 1..9999.
QString isoDate(qint64 julianDay);
QString isoTime(qint64 msecsOfDay, bool fraction);
QString isoTimestamp(qint64 msecsSinceEpoch, bool fraction, bool utc);

// 8-4-4-4-12 hex digits; version is the digit that names the version.
bool isUuid(QStringView text, QChar *version = nullptr);
bool isEmail(QStringView text);
// http:// or https:// (any case), a host, an optional port, then no white space.
bool isWebAddress(QStringView text, bool *http = nullptr);
std::optional<quint32> ipv4(QStringView text);

enum class BooleanWord { None, True, False, One, Zero };
// true/false, t/f, yes/no, y/n in any case, and 1/0.
BooleanWord booleanWord(QStringView text);

} // namespace fabrica::shapes
