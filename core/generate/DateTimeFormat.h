#pragma once

#include "ByteBuffer.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabrica {

// A broken-down instant, as formatted.
struct CivilTime
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
    int offsetSeconds = 0; // east of UTC, for the 't' token
};

// Output formats of the date and time types, in Qt's notation (yyyy yy MM M dd d HH H hh h mm m ss s zzz z
// AP ap, 'quoted literals'; other characters are copied), compiled once into a token list so that
// formatting a value costs a few appends. 't' writes the UTC offset as +HH:MM.
class DateTimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::DateTimeFormat)

public:
    static DateTimeFormat compile(const QString &pattern);
    void append(const CivilTime &time, ByteBuffer &out) const;
    // Reads a value written by append() back, e.g. to order generated values (column statistics); nullopt
    // when text does not fit. Fields the format lacks keep CivilTime's defaults; "yy" reads as 1969..2068.
    std::optional<CivilTime> parse(std::string_view text) const;
    bool usesMilliseconds() const { return m_milliseconds; }
    // Every byte a formatted value can contain: digits, signs, AM/PM letters and the literals.
    std::string_view alphabet() const { return m_alphabet; }

    // Days since 1970-01-01 to year, month, day (proleptic Gregorian; H. Hinnant's algorithm).
    static void civilFromDays(std::int64_t days, int &year, int &month, int &day);
    static std::int64_t daysFromCivil(int year, int month, int day);

private:
    enum class Token : std::uint8_t {
        Literal,
        Year4,
        Year2,
        Month2,
        Month,
        Day2,
        Day,
        Hour24x2,
        Hour24,
        Hour12x2,
        Hour12,
        Minute2,
        Minute,
        Second2,
        Second,
        Millis3,
        Millis,
        AmPmUpper,
        AmPmLower,
        Offset,
    };
    struct Piece
    {
        Token token;
        std::string literal;
    };
    // Most formats have fields of fixed width ("yyyy-MM-dd HH:mm:ss"): such a value is a copy of a
    // template with the digits written in at known offsets.
    struct Field
    {
        Token token;
        std::uint8_t offset;
    };
    static DateTimeFormat compileNew(const QString &pattern);
    bool appendFixed(const CivilTime &time, ByteBuffer &out) const;

    std::vector<Piece> m_pieces;
    bool m_milliseconds = false;
    std::string m_alphabet;
    std::string m_fixedTemplate; // empty when some field has a variable width
    std::vector<Field> m_fixedFields;
};

} // namespace fabrica
