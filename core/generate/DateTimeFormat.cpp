#include "DateTimeFormat.h"
#include "ByteBuffer.h"

#include "TextFormat.h"

#include <QHash>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace fabrica {

DateTimeFormat DateTimeFormat::compile(const QString &pattern)
{
    // Every date column of a big schema has one of a handful of formats: compiled once each.
    static std::mutex mutex;
    static QHash<QString, DateTimeFormat> compiled;
    {
        const std::lock_guard lock(mutex);
        if (const auto it = compiled.constFind(pattern); it != compiled.constEnd())
            return it.value();
    }
    DateTimeFormat format = compileNew(pattern);
    const std::lock_guard lock(mutex);
    if (compiled.size() < 256) // bounded: patterns come from user input
        compiled.insert(pattern, format);
    return format;
}

DateTimeFormat DateTimeFormat::compileNew(const QString &pattern)
{
    DateTimeFormat format;
    auto literal = [&format](const QString &text) {
        if (!format.m_pieces.empty() && format.m_pieces.back().token == Token::Literal)
            format.m_pieces.back().literal += text.toStdString();
        else
            format.m_pieces.push_back({Token::Literal, text.toStdString()});
    };
    const qsizetype n = pattern.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = pattern.at(i);
        qsizetype run = 1;
        while (i + run < n && pattern.at(i + run) == c)
            ++run;
        auto token = [&](Token t, qsizetype length) {
            format.m_pieces.push_back({t, {}});
            i += length;
        };
        if (c == QLatin1Char('\'')) {
            const qsizetype close = pattern.indexOf(QLatin1Char('\''), i + 1);
            if (close == i + 1) { // '' is a literal quote
                literal(QStringLiteral("'"));
                i += 2;
            } else {
                literal(pattern.mid(i + 1, (close < 0 ? n : close) - i - 1));
                i = close < 0 ? n : close + 1;
            }
        } else if (c == QLatin1Char('y') && run >= 4) {
            token(Token::Year4, 4);
        } else if (c == QLatin1Char('y') && run >= 2) {
            token(Token::Year2, 2);
        } else if (c == QLatin1Char('M') && run <= 2) {
            token(run == 2 ? Token::Month2 : Token::Month, run);
        } else if (c == QLatin1Char('d') && run <= 2) {
            token(run == 2 ? Token::Day2 : Token::Day, run);
        } else if (c == QLatin1Char('H')) {
            token(run >= 2 ? Token::Hour24x2 : Token::Hour24, std::min<qsizetype>(run, 2));
        } else if (c == QLatin1Char('h')) {
            token(run >= 2 ? Token::Hour12x2 : Token::Hour12, std::min<qsizetype>(run, 2));
        } else if (c == QLatin1Char('m')) {
            token(run >= 2 ? Token::Minute2 : Token::Minute, std::min<qsizetype>(run, 2));
        } else if (c == QLatin1Char('s')) {
            token(run >= 2 ? Token::Second2 : Token::Second, std::min<qsizetype>(run, 2));
        } else if (c == QLatin1Char('z')) {
            format.m_milliseconds = true;
            token(run >= 3 ? Token::Millis3 : Token::Millis, run >= 3 ? 3 : 1);
        } else if ((c == QLatin1Char('A') || c == QLatin1Char('a')) && i + 1 < n &&
                   pattern.at(i + 1).toUpper() == QLatin1Char('P')) {
            token(c == QLatin1Char('A') ? Token::AmPmUpper : Token::AmPmLower, 2);
        } else if (c == QLatin1Char('t')) {
            token(Token::Offset, 1);
        } else {
            literal(QString(c));
            ++i;
        }
    }
    // The fixed-width form, when every field has one and the result stays short.
    std::string fixed;
    std::vector<Field> fields;
    bool fixedWidth = true;
    for (const Piece &piece : format.m_pieces) {
        int width = 0;
        switch (piece.token) {
        case Token::Literal:
            fixed += piece.literal;
            continue;
        case Token::Year4:
            width = 4;
            break;
        case Token::Year2:
        case Token::Month2:
        case Token::Day2:
        case Token::Hour24x2:
        case Token::Hour12x2:
        case Token::Minute2:
        case Token::Second2:
        case Token::AmPmUpper:
        case Token::AmPmLower:
            width = 2;
            break;
        case Token::Millis3:
            width = 3;
            break;
        case Token::Offset:
            width = 6;
            break;
        default:
            fixedWidth = false;
            break;
        }
        if (!fixedWidth)
            break;
        fields.push_back(Field{piece.token, std::uint8_t(std::min<std::size_t>(fixed.size(), 255))});
        fixed.append(std::size_t(width), '0');
    }
    if (fixedWidth && fixed.size() <= 200) {
        format.m_fixedTemplate = fixed;
        format.m_fixedFields = fields;
    }
    format.m_alphabet = "0123456789-+:AMPamp";
    for (const Piece &piece : format.m_pieces)
        format.m_alphabet += piece.literal;
    return format;
}

namespace {

// "00".."99": formatting a field is two byte copies.
struct TwoDigits
{
    char text[200];
    constexpr TwoDigits()
        : text()
    {
        for (int i = 0; i < 100; ++i) {
            text[2 * i] = char('0' + i / 10);
            text[2 * i + 1] = char('0' + i % 10);
        }
    }
};
constexpr TwoDigits kTwoDigits;

char *two(char *p, int value)
{
    p[0] = kTwoDigits.text[2 * value];
    p[1] = kTwoDigits.text[2 * value + 1];
    return p + 2;
}

char *number(char *p, int value)
{
    if (value >= 10)
        return two(p, value);
    *p = char('0' + value);
    return p + 1;
}

} // namespace

bool DateTimeFormat::appendFixed(const CivilTime &time, ByteBuffer &out) const
{
    if (m_fixedTemplate.empty() || time.year < 0 || time.year > 9999)
        return false;
    char *base =
        ByteBuffer::copy(out.grow(m_fixedTemplate.size()), m_fixedTemplate.data(), m_fixedTemplate.size()) -
        m_fixedTemplate.size();
    for (const Field &field : m_fixedFields) {
        char *p = base + field.offset;
        switch (field.token) {
        case Token::Year4:
            two(two(p, time.year / 100), time.year % 100);
            break;
        case Token::Year2:
            two(p, time.year % 100);
            break;
        case Token::Month2:
            two(p, time.month);
            break;
        case Token::Day2:
            two(p, time.day);
            break;
        case Token::Hour24x2:
            two(p, time.hour);
            break;
        case Token::Hour12x2:
            two(p, (time.hour + 11) % 12 + 1);
            break;
        case Token::Minute2:
            two(p, time.minute);
            break;
        case Token::Second2:
            two(p, time.second);
            break;
        case Token::Millis3:
            *p = char('0' + time.millisecond / 100);
            two(p + 1, time.millisecond % 100);
            break;
        case Token::AmPmUpper:
            p[0] = time.hour < 12 ? 'A' : 'P';
            p[1] = 'M';
            break;
        case Token::AmPmLower:
            p[0] = time.hour < 12 ? 'a' : 'p';
            p[1] = 'm';
            break;
        case Token::Offset: {
            const int offset = std::abs(time.offsetSeconds);
            p[0] = time.offsetSeconds < 0 ? '-' : '+';
            two(p + 1, offset / 3600);
            p[3] = ':';
            two(p + 4, offset / 60 % 60);
            break;
        }
        default:
            break;
        }
    }
    return true;
}

void DateTimeFormat::append(const CivilTime &time, ByteBuffer &out) const
{
    if (appendFixed(time, out))
        return;
    char buffer[256];
    char *p = buffer;
    for (const Piece &piece : m_pieces) {
        if (p - buffer > 200) { // long literals: flush before the buffer could overflow
            out.append(buffer, std::size_t(p - buffer));
            p = buffer;
        }
        switch (piece.token) {
        case Token::Literal:
            if (piece.literal.size() > 64) {
                out.append(buffer, std::size_t(p - buffer));
                out.append(piece.literal);
                p = buffer;
            } else {
                p = text::copyShort(p, piece.literal.data(), piece.literal.size());
            }
            break;
        case Token::Year4: {
            int year = time.year;
            if (year < 0) {
                *p++ = '-';
                year = -year;
            }
            if (year > 9999) {
                const auto result = std::to_chars(p, p + 12, year);
                p = result.ptr;
            } else {
                p = two(two(p, year / 100), year % 100);
            }
            break;
        }
        case Token::Year2:
            p = two(p, std::abs(time.year) % 100);
            break;
        case Token::Month2:
            p = two(p, time.month);
            break;
        case Token::Month:
            p = number(p, time.month);
            break;
        case Token::Day2:
            p = two(p, time.day);
            break;
        case Token::Day:
            p = number(p, time.day);
            break;
        case Token::Hour24x2:
            p = two(p, time.hour);
            break;
        case Token::Hour24:
            p = number(p, time.hour);
            break;
        case Token::Hour12x2:
            p = two(p, (time.hour + 11) % 12 + 1);
            break;
        case Token::Hour12:
            p = number(p, (time.hour + 11) % 12 + 1);
            break;
        case Token::Minute2:
            p = two(p, time.minute);
            break;
        case Token::Minute:
            p = number(p, time.minute);
            break;
        case Token::Second2:
            p = two(p, time.second);
            break;
        case Token::Second:
            p = number(p, time.second);
            break;
        case Token::Millis3:
            *p++ = char('0' + time.millisecond / 100);
            p = two(p, time.millisecond % 100);
            break;
        case Token::Millis: {
            const auto result = std::to_chars(p, p + 4, time.millisecond);
            p = result.ptr;
            break;
        }
        case Token::AmPmUpper:
            *p++ = time.hour < 12 ? 'A' : 'P';
            *p++ = 'M';
            break;
        case Token::AmPmLower:
            *p++ = time.hour < 12 ? 'a' : 'p';
            *p++ = 'm';
            break;
        case Token::Offset: {
            const int offset = std::abs(time.offsetSeconds);
            *p++ = time.offsetSeconds < 0 ? '-' : '+';
            p = two(p, offset / 3600);
            *p++ = ':';
            p = two(p, offset / 60 % 60);
            break;
        }
        }
    }
    text::appendShort(out, std::string_view(buffer, std::size_t(p - buffer)));
}

std::optional<CivilTime> DateTimeFormat::parse(std::string_view text) const
{
    CivilTime time;
    std::size_t at = 0;
    // Reads between minDigits and maxDigits digits: fixed-width fields take exactly their width, so that
    // formats without separators ("yyyyMMdd") read back; variable ones take what is there, as Qt does.
    auto digits = [&](std::size_t minDigits, std::size_t maxDigits, int &value) {
        std::size_t end = at;
        value = 0;
        while (end < text.size() && end - at < maxDigits && text[end] >= '0' && text[end] <= '9')
            value = value * 10 + (text[end++] - '0');
        if (end - at < minDigits)
            return false;
        at = end;
        return true;
    };
    int hour12 = -1;
    int pm = -1;
    for (const Piece &piece : m_pieces) {
        bool ok = true;
        switch (piece.token) {
        case Token::Literal:
            ok = text.substr(at, piece.literal.size()) == piece.literal;
            at += ok ? piece.literal.size() : 0;
            break;
        case Token::Year4: {
            const bool negative = at < text.size() && text[at] == '-';
            at += negative ? 1 : 0;
            ok = digits(4, 4, time.year); // years past 9999 do not read back; no generator writes them
            time.year = negative ? -time.year : time.year;
            break;
        }
        case Token::Year2:
            ok = digits(2, 2, time.year);
            time.year += time.year < 69 ? 2000 : 1900;
            break;
        case Token::Month2:
            ok = digits(2, 2, time.month);
            break;
        case Token::Month:
            ok = digits(1, 2, time.month);
            break;
        case Token::Day2:
            ok = digits(2, 2, time.day);
            break;
        case Token::Day:
            ok = digits(1, 2, time.day);
            break;
        case Token::Hour24x2:
            ok = digits(2, 2, time.hour);
            break;
        case Token::Hour24:
            ok = digits(1, 2, time.hour);
            break;
        case Token::Hour12x2:
            ok = digits(2, 2, hour12);
            break;
        case Token::Hour12:
            ok = digits(1, 2, hour12);
            break;
        case Token::Minute2:
            ok = digits(2, 2, time.minute);
            break;
        case Token::Minute:
            ok = digits(1, 2, time.minute);
            break;
        case Token::Second2:
            ok = digits(2, 2, time.second);
            break;
        case Token::Second:
            ok = digits(1, 2, time.second);
            break;
        case Token::Millis3:
            ok = digits(3, 3, time.millisecond);
            break;
        case Token::Millis:
            ok = digits(1, 3, time.millisecond);
            break;
        case Token::AmPmUpper:
        case Token::AmPmLower: {
            const std::string_view marker = text.substr(at, 2);
            const bool am = marker == "AM" || marker == "am";
            ok = am || marker == "PM" || marker == "pm";
            pm = am ? 0 : 1;
            at += 2;
            break;
        }
        case Token::Offset: {
            const bool negative = at < text.size() && text[at] == '-';
            ok = at < text.size() && (negative || text[at] == '+');
            ++at;
            int hours = 0, minutes = 0;
            ok = ok && digits(2, 2, hours) && at < text.size() && text[at++] == ':' && digits(2, 2, minutes);
            time.offsetSeconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
            break;
        }
        }
        if (!ok)
            return std::nullopt;
    }
    if (at != text.size())
        return std::nullopt;
    if (hour12 >= 0) // 12 AM is midnight, 12 PM noon; without a marker the hour reads as written
        time.hour = pm < 0 ? hour12 : hour12 % 12 + (pm == 1 ? 12 : 0);
    if (time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31 || time.hour > 23 ||
        time.minute > 59 || time.second > 59)
        return std::nullopt;
    return time;
}

void DateTimeFormat::civilFromDays(std::int64_t z, int &year, int &month, int &day)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(std::int64_t(yoe) + era * 400 + (month <= 2));
}

std::int64_t DateTimeFormat::daysFromCivil(int year, int month, int day)
{
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * unsigned(month > 2 ? month - 3 : month + 9) + 2) / 5 + unsigned(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

} // namespace fabrica
