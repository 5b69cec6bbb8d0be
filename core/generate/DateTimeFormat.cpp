#include "DateTimeFormat.h"

#include "TextFormat.h"

#include <cstdlib>

namespace fabrica {

DateTimeFormat DateTimeFormat::compile(const QString &pattern)
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
        } else if ((c == QLatin1Char('A') || c == QLatin1Char('a')) && i + 1 < n
                   && pattern.at(i + 1).toUpper() == QLatin1Char('P')) {
            token(c == QLatin1Char('A') ? Token::AmPmUpper : Token::AmPmLower, 2);
        } else if (c == QLatin1Char('t')) {
            token(Token::Offset, 1);
        } else {
            literal(QString(c));
            ++i;
        }
    }
    return format;
}

void DateTimeFormat::append(const CivilTime &time, std::string &out) const
{
    for (const Piece &piece : m_pieces) {
        switch (piece.token) {
        case Token::Literal: out.append(piece.literal); break;
        case Token::Year4:
            if (time.year < 0)
                out.push_back('-');
            text::appendPadded(out, std::uint64_t(std::abs(time.year)), 4);
            break;
        case Token::Year2: text::appendPadded(out, std::uint64_t(std::abs(time.year) % 100), 2); break;
        case Token::Month2: text::appendPadded(out, time.month, 2); break;
        case Token::Month: text::appendUnsigned(out, time.month); break;
        case Token::Day2: text::appendPadded(out, time.day, 2); break;
        case Token::Day: text::appendUnsigned(out, time.day); break;
        case Token::Hour24x2: text::appendPadded(out, time.hour, 2); break;
        case Token::Hour24: text::appendUnsigned(out, time.hour); break;
        case Token::Hour12x2: text::appendPadded(out, (time.hour + 11) % 12 + 1, 2); break;
        case Token::Hour12: text::appendUnsigned(out, (time.hour + 11) % 12 + 1); break;
        case Token::Minute2: text::appendPadded(out, time.minute, 2); break;
        case Token::Minute: text::appendUnsigned(out, time.minute); break;
        case Token::Second2: text::appendPadded(out, time.second, 2); break;
        case Token::Second: text::appendUnsigned(out, time.second); break;
        case Token::Millis3: text::appendPadded(out, time.millisecond, 3); break;
        case Token::Millis: text::appendUnsigned(out, time.millisecond); break;
        case Token::AmPmUpper: out.append(time.hour < 12 ? "AM" : "PM"); break;
        case Token::AmPmLower: out.append(time.hour < 12 ? "am" : "pm"); break;
        case Token::Offset: {
            const int offset = std::abs(time.offsetSeconds);
            out.push_back(time.offsetSeconds < 0 ? '-' : '+');
            text::appendPadded(out, offset / 3600, 2);
            out.push_back(':');
            text::appendPadded(out, offset / 60 % 60, 2);
            break;
        }
        }
    }
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
