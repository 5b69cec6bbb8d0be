#include "Codes.h"

#include "Random.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <limits>

namespace fabrica {

namespace {

using Check = IbanFormat::NationalCheck;

// SWIFT IBAN registry, BBAN structures of release 100 (89 countries), cross-checked against each entry's
// registry example IBAN (tests/tst_codes.cpp). Sorted by country for binary search.
constexpr IbanFormat kIbanFormats[] = {
    {"AD", 24, "4n4n12c"},
    {"AE", 23, "3n16n"},
    {"AL", 28, "8n16c"},
    {"AT", 20, "5n11n"},
    {"AZ", 28, "4a20c"},
    {"BA", 20, "3n3n8n2n", Check::Mod97},
    {"BE", 16, "3n7n2n", Check::Belgium},
    {"BG", 22, "4a4n2n8c"},
    {"BH", 22, "4a14c"},
    {"BI", 27, "5n5n11n2n"},
    {"BR", 29, "8n5n10n1a1c"},
    {"BY", 28, "4c4n16c"},
    {"CH", 21, "5n12c"},
    {"CR", 22, "4n14n"},
    {"CY", 28, "3n5n16c"},
    {"CZ", 24, "4n6n10n"},
    {"DE", 22, "8n10n"},
    {"DJ", 27, "5n5n11n2n"},
    {"DK", 18, "4n9n1n"},
    {"DO", 28, "4c20n"},
    {"EE", 20, "2n14n"},
    {"EG", 29, "4n4n17n"},
    {"ES", 24, "4n4n1n1n10n", Check::Spain},
    {"FI", 18, "3n11n", Check::Finland},
    {"FK", 18, "2a12n"},
    {"FO", 18, "4n9n1n"},
    {"FR", 27, "5n5n11c2n", Check::France},
    {"GB", 22, "4a6n8n"},
    {"GE", 22, "2a16n"},
    {"GI", 23, "4a15c"},
    {"GL", 18, "4n9n1n"},
    {"GR", 27, "3n4n16c"},
    {"GT", 28, "4c20c"},
    {"HN", 28, "4a20n"},
    {"HR", 21, "7n10n"},
    {"HU", 28, "3n4n1n15n1n"},
    {"IE", 22, "4a6n8n"},
    {"IL", 23, "3n3n13n"},
    {"IQ", 23, "4a3n12n"},
    {"IS", 26, "4n2n6n10n"},
    {"IT", 27, "1a5n5n12c", Check::Italy},
    {"JO", 30, "4a4n18c"},
    {"KW", 30, "4a22c"},
    {"KZ", 20, "3n13c"},
    {"LB", 28, "4n20c"},
    {"LC", 32, "4a24c"},
    {"LI", 21, "5n12c"},
    {"LT", 20, "5n11n"},
    {"LU", 20, "3n13c"},
    {"LV", 21, "4a13c"},
    {"LY", 25, "3n3n15n"},
    {"MC", 27, "5n5n11c2n", Check::France},
    {"MD", 24, "2c18c"},
    {"ME", 22, "3n13n2n", Check::Mod97},
    {"MK", 19, "3n10c2n", Check::Mod97},
    {"MN", 20, "4n12n"},
    {"MR", 27, "5n5n11n2n"},
    {"MT", 31, "4a5n18c"},
    {"MU", 30, "4a2n2n12n3n3a"},
    {"NI", 28, "4a20n"},
    {"NL", 18, "4a10n"},
    {"NO", 15, "4n6n1n"},
    {"OM", 23, "3n16c"},
    {"PK", 24, "4a16c"},
    {"PL", 28, "8n16n"},
    {"PS", 29, "4a21c"},
    {"PT", 25, "4n4n11n2n", Check::Mod97},
    {"QA", 29, "4a21c"},
    {"RO", 24, "4a16c"},
    {"RS", 22, "3n13n2n", Check::Mod97},
    {"RU", 33, "9n5n15c"},
    {"SA", 24, "2n18c"},
    {"SC", 31, "4a2n2n16n3a"},
    {"SD", 18, "2n12n"},
    {"SE", 24, "3n16n1n"},
    {"SI", 19, "5n8n2n", Check::Mod97},
    {"SK", 24, "4n6n10n"},
    {"SM", 27, "1a5n5n12c", Check::Italy},
    {"SO", 23, "4n3n12n"},
    {"ST", 25, "8n11n2n"},
    {"SV", 28, "4a20n"},
    {"TL", 23, "3n14n2n", Check::Mod97},
    {"TN", 24, "2n3n13n2n"},
    {"TR", 26, "5n1n16c"},
    {"UA", 29, "6n19c"},
    {"VA", 22, "3n15n"},
    {"VG", 24, "4a16n"},
    {"XK", 20, "4n10n2n"},
    {"YE", 30, "4a4n18c"},
};

constexpr bool countryLess(const char *a, const char *b)
{
    return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
}

constexpr bool ibanTableConsistent()
{
    for (std::size_t i = 0; i < std::size(kIbanFormats); ++i) {
        const IbanFormat &format = kIbanFormats[i];
        if (format.length != format.bbanLength + 4 || format.length > Codes::kIbanCapacity)
            return false;
        for (int p = 0; p < format.bbanLength; ++p) {
            const char kind = format.layout[p];
            if (kind != 'n' && kind != 'a' && kind != 'c')
                return false;
        }
        if (i > 0 && !countryLess(kIbanFormats[i - 1].country, format.country))
            return false;
    }
    return true;
}
static_assert(ibanTableConsistent(), "IBAN table: length/structure mismatch, bad class or not sorted");

// Every IBAN country plus major economies without IBANs; ISO 3166-1 (XK as used by SWIFT for Kosovo).
constexpr char kBicCountries[][3] = {
    "AD", "AE", "AL", "AR", "AT", "AU", "AZ", "BA", "BD", "BE", "BG", "BH", "BI", "BR", "BY", "CA", "CH",
    "CL", "CN", "CO", "CR", "CY", "CZ", "DE", "DJ", "DK", "DO", "EE", "EG", "ES", "FI", "FK", "FO", "FR",
    "GB", "GE", "GI", "GL", "GR", "GT", "HK", "HN", "HR", "HU", "ID", "IE", "IL", "IN", "IQ", "IS", "IT",
    "JO", "JP", "KE", "KR", "KW", "KZ", "LB", "LC", "LI", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
    "MK", "MN", "MR", "MT", "MU", "MX", "MY", "NG", "NI", "NL", "NO", "NZ", "OM", "PE", "PH", "PK", "PL",
    "PS", "PT", "QA", "RO", "RS", "RU", "SA", "SC", "SD", "SE", "SG", "SI", "SK", "SM", "SO", "ST", "SV",
    "TH", "TL", "TN", "TR", "TW", "UA", "US", "VA", "VG", "VN", "XK", "YE", "ZA",
};

constexpr bool bicTableConsistent()
{
    for (std::size_t i = 1; i < std::size(kBicCountries); ++i)
        if (!countryLess(kBicCountries[i - 1], kBicCountries[i]))
            return false;
    for (const IbanFormat &format : kIbanFormats)
        if (!std::binary_search(std::begin(kBicCountries), std::end(kBicCountries), format.country,
                                [](const char *a, const char *b) { return countryLess(a, b); }))
            return false;
    return true;
}
static_assert(bicTableConsistent(), "BIC countries must be sorted and include every IBAN country");

// ISO 4217 list one, circulating currencies only (see Codes::currencyCodes).
constexpr char kCurrencies[][4] = {
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD",
    "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR",
    "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR",
    "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF",
    "XPF", "YER", "ZAR", "ZMW", "ZWG",
};

constexpr bool currenciesSorted()
{
    for (std::size_t i = 1; i < std::size(kCurrencies); ++i)
        if (std::string_view(kCurrencies[i - 1]) >= std::string_view(kCurrencies[i]))
            return false;
    return true;
}
static_assert(currenciesSorted(), "currency codes must be sorted and unique");

// GS1 prefixes of national member organisations (GS1 prefix list), ascending. Weights are a rough guess
// at each organisation's share of retail items, so U.S., German, Chinese, British and French codes
// dominate as they do on shop shelves.
struct Gs1Range
{
    quint16 low;
    quint16 high;
    quint16 weight;
};
constexpr Gs1Range kGs1Ranges[] = {
    {1, 19, 140},   {30, 39, 20},   {60, 99, 100},  {100, 139, 60}, {300, 379, 70},  {380, 380, 3},
    {383, 383, 3},  {385, 385, 3},  {387, 387, 2},  {389, 389, 1},  {400, 440, 100}, {450, 459, 25},
    {460, 469, 15}, {471, 471, 10}, {474, 474, 2},  {475, 475, 2},  {477, 477, 2},   {480, 480, 5},
    {482, 482, 5},  {489, 489, 8},  {490, 499, 35}, {500, 509, 70}, {520, 521, 5},   {529, 529, 2},
    {535, 535, 1},  {539, 539, 5},  {540, 549, 20}, {560, 560, 8},  {569, 569, 2},   {570, 579, 12},
    {590, 590, 15}, {594, 594, 6},  {599, 599, 6},  {600, 601, 8},  {611, 611, 3},   {622, 622, 4},
    {628, 628, 5},  {629, 629, 5},  {640, 649, 8},  {690, 699, 90}, {700, 709, 10},  {729, 729, 8},
    {730, 739, 15}, {750, 750, 12}, {754, 755, 15}, {760, 769, 15}, {770, 771, 5},   {778, 779, 6},
    {780, 780, 4},  {789, 790, 12}, {800, 839, 50}, {840, 849, 40}, {858, 858, 3},   {859, 859, 6},
    {860, 860, 3},  {868, 869, 12}, {870, 879, 30}, {880, 880, 20}, {885, 885, 8},   {888, 888, 5},
    {890, 890, 20}, {893, 893, 6},  {899, 899, 8},  {900, 919, 15}, {930, 939, 15},  {940, 949, 6},
    {955, 955, 5},
};

constexpr bool gs1TableConsistent()
{
    int previous = 0;
    for (const Gs1Range &range : kGs1Ranges) {
        // 000 clashes with GTIN-8, 020-029/040-059/200-299 are restricted circulation and coupons,
        // 977-999 are ISSN, ISBN, refunds and coupons.
        const auto restricted = [](int p) {
            return p == 0 || (p >= 20 && p <= 29) || (p >= 40 && p <= 59) || (p >= 200 && p <= 299) ||
                   p >= 977;
        };
        if (range.low < previous || range.low > range.high || range.weight == 0)
            return false;
        for (int p = range.low; p <= range.high; ++p)
            if (restricted(p))
                return false;
        previous = range.high + 1;
    }
    return true;
}
static_assert(gs1TableConsistent(), "GS1 ranges must be ascending, disjoint and unrestricted");

constexpr auto kGs1Cumulative = [] {
    std::array<quint32, std::size(kGs1Ranges)> sums{};
    quint32 total = 0;
    for (std::size_t i = 0; i < sums.size(); ++i)
        sums[i] = total += kGs1Ranges[i].weight;
    return sums;
}();
constexpr quint64 kGs1PrefixCount = [] {
    quint64 count = 0;
    for (const Gs1Range &range : kGs1Ranges)
        count += range.high - range.low + 1;
    return count;
}();

// Issuer prefix ranges per brand; weight is the share within the brand.
struct CardRange
{
    CardBrand brand;
    quint16 low;
    quint16 high;
    quint8 prefixDigits;
    quint8 length;
    quint8 weight;
};
constexpr CardRange kCardRanges[] = {
    {CardBrand::Visa, 4, 4, 1, 16, 100},
    {CardBrand::Mastercard, 51, 55, 2, 16, 85},
    {CardBrand::Mastercard, 2221, 2720, 4, 16, 15},
    {CardBrand::Amex, 34, 34, 2, 15, 30},
    {CardBrand::Amex, 37, 37, 2, 15, 70},
    {CardBrand::Discover, 6011, 6011, 4, 16, 40},
    {CardBrand::Discover, 644, 649, 3, 16, 10},
    {CardBrand::Discover, 65, 65, 2, 16, 50},
};
// Any: Visa, Mastercard, Amex, Discover (Nilson Report, U.S. purchase volume 2020, rounded).
constexpr quint8 kBrandWeights[] = {62, 26, 10, 2};
constexpr CardBrand kBrands[] = {CardBrand::Visa, CardBrand::Mastercard, CardBrand::Amex,
                                 CardBrand::Discover};

constexpr auto kPow10 = [] {
    std::array<std::uint64_t, 19> powers{};
    powers[0] = 1;
    for (std::size_t i = 1; i < powers.size(); ++i)
        powers[i] = powers[i - 1] * 10;
    return powers;
}();

constexpr char kAlnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Hands out uniform decimal digits, eighteen per draw, so long digit runs cost few stream steps.
class Digits
{
public:
    explicit Digits(Random &random)
        : m_random(random)
    {}
    char next()
    {
        if (m_left == 0) {
            m_pool = m_random.below(kPow10[18]);
            m_left = 18;
        }
        --m_left;
        const char digit = static_cast<char>('0' + m_pool % 10);
        m_pool /= 10;
        return digit;
    }

private:
    Random &m_random;
    std::uint64_t m_pool = 0;
    int m_left = 0;
};

char letter(Random &random)
{
    return static_cast<char>('A' + random.below(26));
}

// Index into weights, drawn with probability proportional to each weight.
int pickWeighted(Random &random, const quint8 *weights, int count)
{
    unsigned total = 0;
    for (int i = 0; i < count; ++i)
        total += weights[i];
    unsigned r = static_cast<unsigned>(random.below(total));
    for (int i = 0; i < count; ++i) {
        if (r < weights[i])
            return i;
        r -= weights[i];
    }
    return count - 1;
}

// Writes value as exactly width decimal digits, zero-padded.
void writeNumber(std::uint64_t value, int width, char *out)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// Continues remainder r (mod 97) over chars read as ISO 13616 digits, A = 10 ... Z = 35; reduces only
// now and then since 64 bits hold fifteen digits of headroom.
std::uint64_t mod97(const char *chars, int count, std::uint64_t r)
{
    for (int i = 0; i < count; ++i) {
        const char c = chars[i];
        r = c <= '9' ? r * 10 + static_cast<unsigned>(c - '0')
                     : r * 100 + static_cast<unsigned>(c - 'A' + 10);
        if (r >= 1000000000000000ull)
            r %= 97;
    }
    return r % 97;
}

int digitValue(char c)
{
    return c - '0';
}

// Luhn check digit for body, the digits in front of it.
char luhnDigit(const char *body, int count)
{
    int sum = 0;
    bool doubled = true; // the rightmost body digit sits next to the check digit
    for (int i = count - 1; i >= 0; --i) {
        int d = digitValue(body[i]);
        if (doubled) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        doubled = !doubled;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char ean13Digit(const char *body12)
{
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += digitValue(body12[i]) * (i % 2 ? 3 : 1);
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Spanish control digit over ten digits (the bank+branch one is padded with two leading zeros).
int spanishControl(const char *digits, int count)
{
    static constexpr int kWeights[] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    int sum = 0;
    for (int i = 0; i < count; ++i)
        sum += digitValue(digits[i]) * kWeights[10 - count + i];
    const int control = 11 - sum % 11;
    return control == 11 ? 0 : control == 10 ? 1 : control;
}

// Fills the national check characters of bban from the other characters.
void applyNationalCheck(const IbanFormat &format, char *bban)
{
    const int n = format.bbanLength;
    switch (format.nationalCheck) {
    case Check::None:
        break;
    case Check::Mod97:
        writeNumber(98 - mod97(bban, n - 2, 0) * 100 % 97, 2, bban + n - 2);
        break;
    case Check::Belgium: {
        std::uint64_t value = 0;
        for (int i = 0; i < 10; ++i)
            value = value * 10 + digitValue(bban[i]);
        const std::uint64_t rest = value % 97;
        writeNumber(rest == 0 ? 97 : rest, 2, bban + 10);
        break;
    }
    case Check::France: {
        // RIB key: 97 - (89 bank + 15 branch + 3 account) mod 97, account letters as A-I/J-R = 1-9, S-Z =
        // 2-9.
        std::uint64_t bank = 0, branch = 0, account = 0;
        for (int i = 0; i < 5; ++i)
            bank = bank * 10 + digitValue(bban[i]);
        for (int i = 5; i < 10; ++i)
            branch = branch * 10 + digitValue(bban[i]);
        for (int i = 10; i < 21; ++i) {
            const char c = bban[i];
            int v = c - '0';
            if (c >= 'A') {
                const int l = c - 'A';
                v = l < 9 ? l + 1 : l < 18 ? l - 8 : l - 16;
            }
            account = account * 10 + v;
        }
        writeNumber(97 - (89 * bank + 15 * branch + 3 * account) % 97, 2, bban + 21);
        break;
    }
    case Check::Italy: {
        // CIN: odd positions through the codice fiscale table, even ones at face value, sum mod 26.
        static constexpr int kOdd[] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                       20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 1; i < 23; ++i) {
            const char c = bban[i];
            const int v = c <= '9' ? c - '0' : c - 'A';
            sum += (i % 2) ? kOdd[v] : v;
        }
        bban[0] = static_cast<char>('A' + sum % 26);
        break;
    }
    case Check::Spain:
        bban[8] = static_cast<char>('0' + spanishControl(bban, 8));
        bban[9] = static_cast<char>('0' + spanishControl(bban + 10, 10));
        break;
    case Check::Finland:
        bban[n - 1] = luhnDigit(bban, n - 1);
        break;
    }
}

// Check digits at out[2..3] for the country at out[0..1] and the BBAN behind them.
void applyIbanCheck(char *out, int length)
{
    std::uint64_t r = mod97(out + 4, length - 4, 0);
    r = mod97(out, 2, r);
    writeNumber(98 - r * 100 % 97, 2, out + 2);
}

// Upper-case ASCII country code of a two-letter view, or false.
bool countryCode(QStringView text, char code[2])
{
    if (text.size() != 2)
        return false;
    for (int i = 0; i < 2; ++i) {
        char16_t c = text[i].unicode();
        if (c >= u'a' && c <= u'z')
            c = static_cast<char16_t>(c - u'a' + u'A');
        if (c < u'A' || c > u'Z')
            return false;
        code[i] = static_cast<char>(c);
    }
    return true;
}

std::uint64_t cardRangeSize(const CardRange &range)
{
    return std::uint64_t(range.high - range.low + 1) * kPow10[range.length - 1 - range.prefixDigits];
}

bool brandMatches(CardBrand wanted, CardBrand brand)
{
    return wanted == CardBrand::Any || wanted == brand;
}

} // namespace

// --- IBAN ---

const IbanFormat *Codes::ibanFormat(QStringView country)
{
    char code[3] = {};
    if (!countryCode(country, code))
        return nullptr;
    const auto *it =
        std::lower_bound(std::begin(kIbanFormats), std::end(kIbanFormats), code,
                         [](const IbanFormat &f, const char *c) { return countryLess(f.country, c); });
    if (it == std::end(kIbanFormats) || it->country[0] != code[0] || it->country[1] != code[1])
        return nullptr;
    return it;
}

QStringList Codes::ibanCountries()
{
    QStringList countries;
    countries.reserve(std::size(kIbanFormats));
    for (const IbanFormat &format : kIbanFormats)
        countries << QString::fromLatin1(format.country, 2);
    return countries;
}

int Codes::writeIban(Random &random, const IbanFormat &format, char *out)
{
    out[0] = format.country[0];
    out[1] = format.country[1];
    char *bban = out + 4;
    Digits digits(random);
    for (int i = 0; i < format.bbanLength; ++i) {
        if (format.derivedMask & (1u << i))
            continue;
        switch (format.layout[i]) {
        case 'n':
            bban[i] = digits.next();
            break;
        case 'a':
            bban[i] = letter(random);
            break;
        default: // 'c': digits nine times in ten, like most real account numbers
            bban[i] = digits.next() != '9' ? digits.next() : letter(random);
            break;
        }
    }
    applyNationalCheck(format, bban);
    applyIbanCheck(out, format.length);
    return format.length;
}

int Codes::writeIbanFromIndex(const IbanFormat &format, quint64 index, char *out)
{
    out[0] = format.country[0];
    out[1] = format.country[1];
    char *bban = out + 4;
    for (int i = format.bbanLength - 1; i >= 0; --i) {
        if (format.derivedMask & (1u << i))
            continue;
        switch (format.layout[i]) {
        case 'n':
            bban[i] = kAlnum[index % 10];
            index /= 10;
            break;
        case 'a':
            bban[i] = kAlnum[10 + index % 26];
            index /= 26;
            break;
        default:
            bban[i] = kAlnum[index % 36];
            index /= 36;
            break;
        }
    }
    applyNationalCheck(format, bban);
    applyIbanCheck(out, format.length);
    return format.length;
}

quint64 Codes::ibanDomainSize(const IbanFormat &format)
{
    constexpr quint64 kMax = std::numeric_limits<quint64>::max();
    quint64 size = 1;
    for (int i = 0; i < format.bbanLength; ++i) {
        if (format.derivedMask & (1u << i))
            continue;
        const quint64 radix = format.layout[i] == 'n' ? 10 : format.layout[i] == 'a' ? 26 : 36;
        if (size > kMax / radix)
            return kMax;
        size *= radix;
    }
    return size;
}

bool Codes::ibanValid(std::string_view iban)
{
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    const auto isUpper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (iban.size() < 5 || iban.size() > std::size_t(kIbanCapacity))
        return false;
    if (!isUpper(iban[0]) || !isUpper(iban[1]) || !isDigit(iban[2]) || !isDigit(iban[3]))
        return false;
    // 00, 01 and 99 never come out of 98 - r; a string carrying them only matches by accident.
    const int check = digitValue(iban[2]) * 10 + digitValue(iban[3]);
    if (check < 2 || check > 98)
        return false;
    for (std::size_t i = 4; i < iban.size(); ++i)
        if (!isDigit(iban[i]) && !isUpper(iban[i]))
            return false;
    const QChar country[2] = {QChar::fromLatin1(iban[0]), QChar::fromLatin1(iban[1])};
    if (const IbanFormat *format = ibanFormat(QStringView(country, 2))) {
        if (iban.size() != format->length)
            return false;
        for (int i = 0; i < format->bbanLength; ++i) {
            const char c = iban[4 + i];
            if ((format->layout[i] == 'n' && !isDigit(c)) || (format->layout[i] == 'a' && !isUpper(c)))
                return false;
        }
    }
    std::uint64_t r = mod97(iban.data() + 4, int(iban.size()) - 4, 0);
    r = mod97(iban.data(), 4, r);
    return r == 1;
}

// --- BIC ---

QStringList Codes::bicCountries()
{
    QStringList countries;
    countries.reserve(std::size(kBicCountries));
    for (const char *code : kBicCountries)
        countries << QString::fromLatin1(code, 2);
    return countries;
}

int Codes::writeBic(Random &random, QStringView country, char *out)
{
    char code[3] = {};
    if (country.isEmpty()) {
        const char *picked = kBicCountries[random.below(std::size(kBicCountries))];
        code[0] = picked[0];
        code[1] = picked[1];
    } else if (!countryCode(country, code) ||
               !std::binary_search(std::begin(kBicCountries), std::end(kBicCountries), code,
                                   [](const char *a, const char *b) { return countryLess(a, b); })) {
        return 0;
    }
    for (int i = 0; i < 4; ++i)
        out[i] = letter(random);
    out[4] = code[0];
    out[5] = code[1];
    // Location: mostly letters ("FF", "PP"), sometimes digits 2-9 ("2L", "22"); never 0 or 1.
    for (int i = 6; i < 8; ++i)
        out[i] = random.chance(0.8) ? letter(random) : static_cast<char>('2' + random.below(8));
    if (random.chance(0.5))
        return 8;
    if (random.chance(0.6)) {
        out[8] = out[9] = out[10] = 'X';
        return 11;
    }
    // A branch code may not start with X, which is reserved for "XXX".
    do
        out[8] = kAlnum[random.below(36)];
    while (out[8] == 'X');
    out[9] = kAlnum[random.below(36)];
    out[10] = kAlnum[random.below(36)];
    return 11;
}

// --- Cards ---

std::optional<CardBrand> Codes::cardBrandFromId(QStringView id)
{
    for (const CardBrand brand :
         {CardBrand::Any, CardBrand::Visa, CardBrand::Mastercard, CardBrand::Amex, CardBrand::Discover})
        if (id.compare(cardBrandId(brand), Qt::CaseInsensitive) == 0)
            return brand;
    return std::nullopt;
}

QLatin1StringView Codes::cardBrandId(CardBrand brand)
{
    switch (brand) {
    case CardBrand::Any:
        return QLatin1StringView("any");
    case CardBrand::Visa:
        return QLatin1StringView("visa");
    case CardBrand::Mastercard:
        return QLatin1StringView("mastercard");
    case CardBrand::Amex:
        return QLatin1StringView("amex");
    case CardBrand::Discover:
        return QLatin1StringView("discover");
    }
    return {};
}

int Codes::writeCardNumber(Random &random, CardBrand brand, char *out)
{
    if (brand == CardBrand::Any)
        brand = kBrands[pickWeighted(random, kBrandWeights, int(std::size(kBrandWeights)))];
    const CardRange *ranges[4] = {};
    quint8 weights[4] = {};
    int count = 0;
    for (const CardRange &range : kCardRanges) {
        if (range.brand == brand) {
            ranges[count] = &range;
            weights[count++] = range.weight;
        }
    }
    const CardRange &range = *ranges[pickWeighted(random, weights, count)];
    writeNumber(range.low + random.below(range.high - range.low + 1), range.prefixDigits, out);
    Digits digits(random);
    for (int i = range.prefixDigits; i < range.length - 1; ++i)
        out[i] = digits.next();
    out[range.length - 1] = luhnDigit(out, range.length - 1);
    return range.length;
}

int Codes::writeCardNumberFromIndex(CardBrand brand, quint64 index, char *out)
{
    index %= cardDomainSize(brand);
    // Any walks the brands in enum order, which is also the order of kCardRanges.
    for (const CardRange &range : kCardRanges) {
        if (!brandMatches(brand, range.brand))
            continue;
        const std::uint64_t size = cardRangeSize(range);
        if (index >= size) {
            index -= size;
            continue;
        }
        const int free = range.length - 1 - range.prefixDigits;
        writeNumber(range.low + index / kPow10[free], range.prefixDigits, out);
        writeNumber(index % kPow10[free], free, out + range.prefixDigits);
        out[range.length - 1] = luhnDigit(out, range.length - 1);
        return range.length;
    }
    return 0; // unreachable: index < domain size
}

quint64 Codes::cardDomainSize(CardBrand brand)
{
    quint64 size = 0;
    for (const CardRange &range : kCardRanges)
        if (brandMatches(brand, range.brand))
            size += cardRangeSize(range);
    return size;
}

bool Codes::luhnValid(std::string_view digits)
{
    if (digits.size() < 2)
        return false;
    for (const char c : digits)
        if (c < '0' || c > '9')
            return false;
    return luhnDigit(digits.data(), int(digits.size()) - 1) == digits.back();
}

// --- ISBN-13 and EAN-13 ---

int Codes::writeIsbn13(Random &random, char *out)
{
    Digits digits(random);
    out[0] = '9';
    out[1] = '7';
    int next = 3;
    if (random.chance(0.95)) {
        out[2] = '8';
    } else {
        out[2] = '9';
        // 979-8 (United States) takes most; 979-10..13 are France, Korea, Italy and Spain.
        if (random.chance(0.7)) {
            out[3] = '8';
            next = 4;
        } else {
            out[3] = '1';
            out[4] = static_cast<char>('0' + random.below(4));
            next = 5;
        }
    }
    for (int i = next; i < 12; ++i)
        out[i] = digits.next();
    out[12] = ean13Digit(out);
    return 13;
}

int Codes::writeIsbn13FromIndex(quint64 index, char *out)
{
    index %= isbn13DomainSize();
    out[0] = '9';
    out[1] = '7';
    if (index < kPow10[9]) {
        out[2] = '8';
        writeNumber(index, 9, out + 3);
    } else {
        index -= kPow10[9];
        out[2] = '9';
        out[3] = static_cast<char>('1' + index / kPow10[8]); // 9790 is the ISMN for printed music
        writeNumber(index % kPow10[8], 8, out + 4);
    }
    out[12] = ean13Digit(out);
    return 13;
}

quint64 Codes::isbn13DomainSize()
{
    return kPow10[9] + 9 * kPow10[8];
}

int Codes::writeEan13(Random &random, char *out)
{
    const quint32 r = static_cast<quint32>(random.below(kGs1Cumulative.back()));
    const auto at =
        std::upper_bound(kGs1Cumulative.begin(), kGs1Cumulative.end(), r) - kGs1Cumulative.begin();
    const Gs1Range &range = kGs1Ranges[at];
    writeNumber(range.low + random.below(range.high - range.low + 1), 3, out);
    Digits digits(random);
    for (int i = 3; i < 12; ++i)
        out[i] = digits.next();
    out[12] = ean13Digit(out);
    return 13;
}

int Codes::writeEan13FromIndex(quint64 index, char *out)
{
    index %= ean13DomainSize();
    quint64 prefixIndex = index / kPow10[9];
    for (const Gs1Range &range : kGs1Ranges) {
        const quint64 count = range.high - range.low + 1;
        if (prefixIndex < count) {
            writeNumber(range.low + prefixIndex, 3, out);
            break;
        }
        prefixIndex -= count;
    }
    writeNumber(index % kPow10[9], 9, out + 3);
    out[12] = ean13Digit(out);
    return 13;
}

quint64 Codes::ean13DomainSize()
{
    return kGs1PrefixCount * kPow10[9];
}

bool Codes::ean13Valid(std::string_view digits)
{
    if (digits.size() != 13)
        return false;
    for (const char c : digits)
        if (c < '0' || c > '9')
            return false;
    return ean13Digit(digits.data()) == digits[12];
}

// --- Currencies ---

const QList<QByteArray> &Codes::currencyCodes()
{
    static const QList<QByteArray> codes = [] {
        QList<QByteArray> list;
        list.reserve(std::size(kCurrencies));
        for (const char *code : kCurrencies)
            list << QByteArray(code, 3);
        return list;
    }();
    return codes;
}

} // namespace fabrica
