#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>
#include <QStringList>
#include <QStringView>
#include <QtGlobal>

#include <optional>
#include <string_view>

namespace fabrica {

class Random;

// One country's IBAN format as published in the SWIFT IBAN registry (ISO 13616).
struct IbanFormat
{
    // National check characters inside the BBAN, computed from the other characters instead of drawn.
    enum class NationalCheck : quint8 {
        None,
        Mod97, // last two digits make the whole BBAN ≡ 1 (mod 97), ISO 7064 MOD 97-10 (BA ME MK PT RS SI TL)
        Belgium, // last two digits: the first ten mod 97, 97 instead of 0
        France,  // RIB key in the last two digits (FR, MC)
        Italy,   // CIN letter in front (IT, SM)
        Spain,   // the two mod-11 control digits at positions 9 and 10
        Finland, // Luhn digit at the end
    };
    static constexpr int kMaxBbanLength = 30;

    char country[3] = {};  // ISO 3166-1 alpha-2, NUL-terminated
    quint8 length = 0;     // the whole IBAN in electronic format
    quint8 bbanLength = 0; // length - 4
    NationalCheck nationalCheck = NationalCheck::None;
    quint32 derivedMask = 0;    // bit i: BBAN position i is a national check character
    const char *structure = ""; // the registry's BBAN format without the '!', e.g. "5n5n11c2n"
    // One class per BBAN position: 'n' digit, 'a' letter A-Z, 'c' digit or letter A-Z.
    char layout[kMaxBbanLength + 1] = {};

    // Expands bban ("<count><class>" repeated) at compile time; the table in Codes.cpp is checked by
    // static_assert, so a typo there fails the build instead of producing wrong IBANs.
    constexpr IbanFormat(const char (&code)[3], int ibanLength, const char *bban,
                         NationalCheck check = NationalCheck::None)
        : length(static_cast<quint8>(ibanLength))
        , nationalCheck(check)
        , structure(bban)
    {
        country[0] = code[0];
        country[1] = code[1];
        int size = 0;
        for (const char *p = bban; *p;) {
            int count = 0;
            while (*p >= '0' && *p <= '9')
                count = count * 10 + (*p++ - '0');
            const char kind = *p++;
            for (int i = 0; i < count; ++i)
                layout[size++] = kind; // past kMaxBbanLength: not a constant expression, build fails
        }
        bbanLength = static_cast<quint8>(size);
        switch (check) {
        case NationalCheck::None:
            break;
        case NationalCheck::Mod97:
        case NationalCheck::Belgium:
        case NationalCheck::France:
            derivedMask = 3u << (size - 2);
            break;
        case NationalCheck::Italy:
            derivedMask = 1u;
            break;
        case NationalCheck::Spain:
            derivedMask = 3u << 8;
            break;
        case NationalCheck::Finland:
            derivedMask = 1u << (size - 1);
            break;
        }
    }
};

// Card networks for card numbers.
enum class CardBrand { Any, Visa, Mastercard, Amex, Discover };

// Valid-by-construction identifiers: IBAN, BIC, payment card numbers, ISBN-13, EAN-13, currency codes.
// Every write function fills a caller buffer with ASCII (no NUL terminator) of at most the documented
// capacity and returns the number of bytes written; nothing allocates, so they suit the generator's hot path.
//
// The *FromIndex functions are pure functions of the index for unique columns: every index below the
// matching *DomainSize maps to a different value, and indexes at or past it wrap around. They decode the
// index in mixed radix into the freely chosen characters, least significant at the end, so consecutive
// indexes give consecutive account numbers; a caller that wants scattered values permutes the index first.
class Codes
{
public:
    static constexpr int kIbanCapacity = 34;
    static constexpr int kBicCapacity = 11;
    static constexpr int kCardCapacity = 16;
    static constexpr int kEan13Capacity = 13;

    // --- IBAN (ISO 13616), 89 registry countries ---
    // The format for an ISO country code (case-insensitive); nullptr when IBANs are unknown there.
    static const IbanFormat *ibanFormat(QStringView country);
    // The supported country codes, sorted.
    static QStringList ibanCountries();
    // A random IBAN in electronic format (no spaces): BBAN characters per the registry structure ('c'
    // positions are digits 90% of the time, as real account numbers mostly are), the national check
    // characters listed in IbanFormat::NationalCheck, then the ISO 7064 MOD 97-10 check digits.
    static int writeIban(Random &random, const IbanFormat &format, char *out);
    // Index → IBAN: the index in mixed radix (10 per 'n', 26 per 'a', 36 per 'c', alphabet 0-9A-Z) over
    // the BBAN positions that are not national check characters, last position least significant;
    // check characters follow from those. Distinct for index < ibanDomainSize(format).
    static int writeIbanFromIndex(const IbanFormat &format, quint64 index, char *out);
    // The number of distinct IBANs writeIbanFromIndex yields, saturated at 2^64 - 1.
    static quint64 ibanDomainSize(const IbanFormat &format);
    // Electronic format only (upper case, no spaces): two letters, check digits 02-98, digits and upper
    // case letters, MOD 97-10 remainder 1; for a supported country also the length and each BBAN
    // character's class. National check characters are not verified.
    static bool ibanValid(std::string_view iban);

    // --- BIC (ISO 9362) ---
    // Countries writeBic accepts: every IBAN country and major economies without IBAN, sorted.
    static QStringList bicCountries();
    // 8 or 11 characters: 4-letter institution, country, 2-character location of letters and the digits
    // 2-9 (0 in the second place marks test BICs, 1 passive participants), then half the time a branch,
    // mostly the primary office "XXX", otherwise 3 characters not starting with X. An empty country picks
    // one of bicCountries() uniformly; an unsupported one writes nothing and returns 0.
    static int writeBic(Random &random, QStringView country, char *out);

    // --- Payment card numbers ---
    // "any", "visa", "mastercard", "amex", "discover" (case-insensitive).
    static std::optional<CardBrand> cardBrandFromId(QStringView id);
    static QLatin1StringView cardBrandId(CardBrand brand);
    // Digits only, Luhn-valid. Visa: 4, 16 digits. Mastercard: 51-55 (85%) or 2221-2720 (15%), 16.
    // Amex: 37 (70%) or 34 (30%), 15. Discover: 65 (50%), 6011 (40%), 644-649 (10%), 16.
    // Any: Visa 62%, Mastercard 26%, Amex 10%, Discover 2% (shares of U.S. purchase volume on general
    // purpose cards, Nilson Report 2020).
    static int writeCardNumber(Random &random, CardBrand brand, char *out);
    // Index → card number: the prefixes in ascending order per brand (Visa 4; Mastercard 51-55, 2221-2720;
    // Amex 34, 37; Discover 6011, 644-649, 65; Any: the four brands in that order), each prefix owning a
    // block of 10^k consecutive indexes whose value fills the k digits between prefix and Luhn digit.
    static int writeCardNumberFromIndex(CardBrand brand, quint64 index, char *out);
    static quint64 cardDomainSize(CardBrand brand);
    // At least two digits and nothing else, Luhn sum divisible by 10.
    static bool luhnValid(std::string_view digits);

    // --- ISBN-13 and EAN-13 ---
    // 978 (95%) or 979 (979-8 and 979-10..13, the ranges in use), then random digits and the check digit.
    static int writeIsbn13(Random &random, char *out);
    // Index → ISBN: indexes below 10^9 fill the nine digits after 978; the next 9 × 10^8 give
    // 979 + 1..9 + eight digits.
    static int writeIsbn13FromIndex(quint64 index, char *out);
    static quint64 isbn13DomainSize();
    // A GS1 prefix of a national member organisation, weighted by a rough guess of its share of retail
    // items (never restricted-circulation, coupon, ISSN or ISBN prefixes), then nine digits and the check.
    static int writeEan13(Random &random, char *out);
    // Index → EAN: every prefix of the GS1 table in ascending order owns 10^9 consecutive indexes.
    static int writeEan13FromIndex(quint64 index, char *out);
    static quint64 ean13DomainSize();
    // 13 digits with weights 1,3,1,3,... summing to a multiple of 10 (also checks ISBN-13).
    static bool ean13Valid(std::string_view digits);

    // --- Currencies ---
    // ISO 4217 alphabetic codes of the currencies in circulation (list one as of 2026), sorted; without
    // the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, bond units, XDR,
    // XSU, XUA, XTS and XXX, and without codes withdrawn (ANG, BGN, CUC, HRK, SLL, ZWL).
    static const QList<QByteArray> &currencyCodes();
};

} // namespace fabrica
