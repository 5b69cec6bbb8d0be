// IBAN, BIC, card numbers, ISBN/EAN and currency codes, checked against the SWIFT registry examples and
// with validators written here, independently of core/generate/Codes.cpp.
#include "generate/Codes.h"
#include "generate/Random.h"

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr int kSamples = 10000;
constexpr int kSequential = 100000;
constexpr char kGuard = '\x7f'; // fills buffers to catch writes past the returned length

// One entry of the SWIFT IBAN registry (release 100) with an example IBAN: the registry's own, or for
// DJ FK HN MN NI OM RU SO YE (missing from older registry copies) a published example of the same format.
struct RegistryEntry
{
    const char *country;
    int length;
    const char *structure; // BBAN format without '!'
    const char *national;  // national check digits verified below, "" for none
    const char *example;
};

const RegistryEntry kRegistry[] = {
    {"AD", 24, "4n4n12c", "", "AD1200012030200359100100"},
    {"AE", 23, "3n16n", "", "AE070331234567890123456"},
    {"AL", 28, "8n16c", "", "AL47212110090000000235698741"},
    {"AT", 20, "5n11n", "", "AT611904300234573201"},
    {"AZ", 28, "4a20c", "", "AZ21NABZ00000000137010001944"},
    {"BA", 20, "3n3n8n2n", "mod97", "BA391290079401028494"},
    {"BE", 16, "3n7n2n", "be", "BE68539007547034"},
    {"BG", 22, "4a4n2n8c", "", "BG80BNBG96611020345678"},
    {"BH", 22, "4a14c", "", "BH67BMAG00001299123456"},
    {"BI", 27, "5n5n11n2n", "", "BI4210000100010000332045181"},
    {"BR", 29, "8n5n10n1a1c", "", "BR1800360305000010009795493C1"},
    {"BY", 28, "4c4n16c", "", "BY13NBRB3600900000002Z00AB00"},
    {"CH", 21, "5n12c", "", "CH9300762011623852957"},
    {"CR", 22, "4n14n", "", "CR05015202001026284066"},
    {"CY", 28, "3n5n16c", "", "CY17002001280000001200527600"},
    {"CZ", 24, "4n6n10n", "", "CZ6508000000192000145399"},
    {"DE", 22, "8n10n", "", "DE89370400440532013000"},
    {"DJ", 27, "5n5n11n2n", "", "DJ2100010000000154000100186"},
    {"DK", 18, "4n9n1n", "", "DK5000400440116243"},
    {"DO", 28, "4c20n", "", "DO28BAGR00000001212453611324"},
    {"EE", 20, "2n14n", "", "EE382200221020145685"},
    {"EG", 29, "4n4n17n", "", "EG380019000500000000263180002"},
    {"ES", 24, "4n4n1n1n10n", "es", "ES9121000418450200051332"},
    {"FI", 18, "3n11n", "fi", "FI2112345600000785"},
    {"FK", 18, "2a12n", "", "FK88SC123456789012"},
    {"FO", 18, "4n9n1n", "", "FO6264600001631634"},
    {"FR", 27, "5n5n11c2n", "fr", "FR1420041010050500013M02606"},
    {"GB", 22, "4a6n8n", "", "GB29NWBK60161331926819"},
    {"GE", 22, "2a16n", "", "GE29NB0000000101904917"},
    {"GI", 23, "4a15c", "", "GI75NWBK000000007099453"},
    {"GL", 18, "4n9n1n", "", "GL8964710001000206"},
    {"GR", 27, "3n4n16c", "", "GR1601101250000000012300695"},
    {"GT", 28, "4c20c", "", "GT82TRAJ01020000001210029690"},
    {"HN", 28, "4a20n", "", "HN88CABF00000000000250005469"},
    {"HR", 21, "7n10n", "", "HR1210010051863000160"},
    {"HU", 28, "3n4n1n15n1n", "", "HU42117730161111101800000000"},
    {"IE", 22, "4a6n8n", "", "IE29AIBK93115212345678"},
    {"IL", 23, "3n3n13n", "", "IL620108000000099999999"},
    {"IQ", 23, "4a3n12n", "", "IQ98NBIQ850123456789012"},
    {"IS", 26, "4n2n6n10n", "", "IS140159260076545510730339"},
    {"IT", 27, "1a5n5n12c", "it", "IT60X0542811101000000123456"},
    {"JO", 30, "4a4n18c", "", "JO94CBJO0010000000000131000302"},
    {"KW", 30, "4a22c", "", "KW81CBKU0000000000001234560101"},
    {"KZ", 20, "3n13c", "", "KZ86125KZT5004100100"},
    {"LB", 28, "4n20c", "", "LB62099900000001001901229114"},
    {"LC", 32, "4a24c", "", "LC55HEMM000100010012001200023015"},
    {"LI", 21, "5n12c", "", "LI21088100002324013AA"},
    {"LT", 20, "5n11n", "", "LT121000011101001000"},
    {"LU", 20, "3n13c", "", "LU280019400644750000"},
    {"LV", 21, "4a13c", "", "LV80BANK0000435195001"},
    {"LY", 25, "3n3n15n", "", "LY83002048000020100120361"},
    {"MC", 27, "5n5n11c2n", "fr", "MC5811222000010123456789030"},
    {"MD", 24, "2c18c", "", "MD24AG000225100013104168"},
    {"ME", 22, "3n13n2n", "mod97", "ME25505000012345678951"},
    {"MK", 19, "3n10c2n", "mod97", "MK07250120000058984"},
    {"MN", 20, "4n12n", "", "MN121234123456789123"},
    {"MR", 27, "5n5n11n2n", "", "MR1300020001010000123456753"},
    {"MT", 31, "4a5n18c", "", "MT84MALT011000012345MTLCAST001S"},
    {"MU", 30, "4a2n2n12n3n3a", "", "MU17BOMM0101101030300200000MUR"},
    {"NI", 28, "4a20n", "", "NI45BAPR00000013000003558124"},
    {"NL", 18, "4a10n", "", "NL91ABNA0417164300"},
    {"NO", 15, "4n6n1n", "", "NO9386011117947"},
    {"OM", 23, "3n16c", "", "OM810180000001299123456"},
    {"PK", 24, "4a16c", "", "PK36SCBL0000001123456702"},
    {"PL", 28, "8n16n", "", "PL61109010140000071219812874"},
    {"PS", 29, "4a21c", "", "PS92PALS000000000400123456702"},
    {"PT", 25, "4n4n11n2n", "mod97", "PT50000201231234567890154"},
    {"QA", 29, "4a21c", "", "QA58DOHB00001234567890ABCDEFG"},
    {"RO", 24, "4a16c", "", "RO49AAAA1B31007593840000"},
    {"RS", 22, "3n13n2n", "mod97", "RS35260005601001611379"},
    {"RU", 33, "9n5n15c", "", "RU0304452522540817810538091310419"},
    {"SA", 24, "2n18c", "", "SA0380000000608010167519"},
    {"SC", 31, "4a2n2n16n3a", "", "SC18SSCB11010000000000001497USD"},
    {"SD", 18, "2n12n", "", "SD2129010501234001"},
    {"SE", 24, "3n16n1n", "", "SE4550000000058398257466"},
    {"SI", 19, "5n8n2n", "mod97", "SI56263300012039086"},
    {"SK", 24, "4n6n10n", "", "SK3112000000198742637541"},
    {"SM", 27, "1a5n5n12c", "it", "SM86U0322509800000000270100"},
    {"SO", 23, "4n3n12n", "", "SO211000001001000100141"},
    {"ST", 25, "8n11n2n", "", "ST23000100010051845310146"},
    {"SV", 28, "4a20n", "", "SV62CENR00000000000000700025"},
    {"TL", 23, "3n14n2n", "mod97", "TL380080012345678910157"},
    {"TN", 24, "2n3n13n2n", "", "TN5910006035183598478831"},
    {"TR", 26, "5n1n16c", "", "TR330006100519786457841326"},
    {"UA", 29, "6n19c", "", "UA213223130000026007233566001"},
    {"VA", 22, "3n15n", "", "VA59001123000012345678"},
    {"VG", 24, "4a16n", "", "VG96VPVG0000012345678901"},
    {"XK", 20, "4n10n2n", "", "XK051212012345678906"},
    {"YE", 30, "4a4n18c", "", "YE15CBYE0001018861234567891234"},
};

const RegistryEntry *registryEntry(const QString &country)
{
    for (const RegistryEntry &entry : kRegistry)
        if (QLatin1StringView(entry.country) == country)
            return &entry;
    return nullptr;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool allDigits(const std::string &s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

// ISO 7064 MOD 97-10 remainder of text with letters replaced by two digits (A = 10), taken piece-wise:
// a piece of nine digits is reduced and its remainder, two digits, starts the next piece.
int remainder97(std::string_view text)
{
    std::uint64_t piece = 0;
    int length = 0;
    const auto append = [&](int digit) {
        piece = piece * 10 + std::uint64_t(digit);
        if (++length == 9) {
            piece %= 97;
            length = 2;
        }
    };
    for (const char c : text) {
        if (isUpper(c)) {
            append((c - 'A' + 10) / 10);
            append((c - 'A' + 10) % 10);
        } else {
            append(c - '0');
        }
    }
    return int(piece % 97);
}

// ISO 13616: the first four characters moved to the end; a valid IBAN leaves 1.
int ibanRemainder(std::string_view iban)
{
    std::string moved(iban.substr(4));
    moved.append(iban.substr(0, 4));
    return remainder97(moved);
}

// iban with its check digits (positions 3 and 4) set so that the remainder is 1.
std::string withCheckDigits(std::string iban)
{
    iban.replace(2, 2, "00");
    const int check = 98 - ibanRemainder(iban);
    iban[2] = char('0' + check / 10);
    iban[3] = char('0' + check % 10);
    return iban;
}

// The BBAN per the registry structure: 'n' digits, 'a' upper-case letters, 'c' either.
bool bbanMatches(const std::string &bban, const char *structure)
{
    std::size_t at = 0;
    for (const char *p = structure; *p;) {
        int count = 0;
        while (isDigit(*p))
            count = count * 10 + (*p++ - '0');
        const char kind = *p++;
        for (int i = 0; i < count; ++i, ++at) {
            if (at >= bban.size())
                return false;
            const char c = bban[at];
            const bool ok = kind == 'n' ? isDigit(c) : kind == 'a' ? isUpper(c) : isDigit(c) || isUpper(c);
            if (!ok)
                return false;
        }
    }
    return at == bban.size();
}

long long number(const std::string &digits)
{
    return std::stoll(digits);
}

bool luhn(const std::string &digits)
{
    if (digits.size() < 2 || !allDigits(digits))
        return false;
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int d = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 1)
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return sum % 10 == 0;
}

bool eanWeights(const std::string &digits)
{
    if (digits.size() != 13 || !allDigits(digits))
        return false;
    int sum = 0;
    for (int i = 0; i < 13; ++i)
        sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
    return sum % 10 == 0;
}

int spanishDigit(const std::string &ten)
{
    const int weights[] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        sum += (ten[i] - '0') * weights[i];
    const int d = 11 - sum % 11;
    return d == 11 ? 0 : d == 10 ? 1 : d;
}

// National check digits of the BBAN, per the national standards.
bool nationalCheckHolds(const std::string &kind, const std::string &bban)
{
    if (kind.empty())
        return true;
    if (kind == "mod97") // the whole BBAN leaves 1, like an IBAN
        return remainder97(bban) == 1;
    if (kind == "be") {
        const long long rest = number(bban.substr(0, 10)) % 97;
        return (rest == 0 ? 97 : rest) == number(bban.substr(10, 2));
    }
    if (kind == "fr") {
        std::string account;
        for (const char c : bban.substr(10, 11)) {
            // A-I and J-R count 1-9, S-Z 2-9 (the RIB letter table).
            const char *groups[] = {"AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"};
            char d = c;
            for (int g = 0; g < 9 && isUpper(c); ++g)
                if (std::strchr(groups[g], c))
                    d = char('1' + g);
            account += d;
        }
        const long long sum =
            89 * number(bban.substr(0, 5)) + 15 * number(bban.substr(5, 5)) + 3 * number(account);
        return 97 - sum % 97 == number(bban.substr(21, 2));
    }
    if (kind == "it") {
        // CIN: characters at odd places (1st, 3rd, ...) through this table, the others at face value.
        const int odd[] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                           20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 0; i < 22; ++i) {
            const char c = bban[1 + i];
            const int value = isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[value] : value;
        }
        return bban[0] == char('A' + sum % 26);
    }
    if (kind == "es")
        return spanishDigit("00" + bban.substr(0, 8)) == bban[8] - '0' &&
               spanishDigit(bban.substr(10, 10)) == bban[9] - '0';
    if (kind == "fi")
        return luhn(bban);
    return false;
}

std::string ibanOf(Random &random, const IbanFormat &format)
{
    char buffer[Codes::kIbanCapacity];
    return std::string(buffer, std::size_t(Codes::writeIban(random, format, buffer)));
}

std::string ibanAt(const IbanFormat &format, quint64 index)
{
    char buffer[Codes::kIbanCapacity];
    return std::string(buffer, std::size_t(Codes::writeIbanFromIndex(format, index, buffer)));
}

// Everything an IBAN of entry's country must satisfy; empty when it does, else the first failure.
QString ibanProblem(const std::string &iban, const RegistryEntry &entry)
{
    if (int(iban.size()) != entry.length)
        return u"length %1"_s.arg(iban.size());
    if (iban.compare(0, 2, entry.country) != 0)
        return u"country"_s;
    if (!isDigit(iban[2]) || !isDigit(iban[3]) || iban.substr(2, 2) < "02" || iban.substr(2, 2) > "98")
        return u"check digits"_s;
    if (!bbanMatches(iban.substr(4), entry.structure))
        return u"BBAN characters"_s;
    if (ibanRemainder(iban) != 1)
        return u"mod 97"_s;
    if (!nationalCheckHolds(entry.national, iban.substr(4)))
        return u"national check"_s;
    if (!Codes::ibanValid(iban))
        return u"rejected by Codes::ibanValid"_s;
    return {};
}

enum class Brand { None, Visa, Mastercard, Amex, Discover };

// The brand a number belongs to by its issuer prefix and length.
Brand brandOf(const std::string &n)
{
    const auto prefix = [&](int digits) { return std::stoi(n.substr(0, std::size_t(digits))); };
    if (n.size() == 16 && n[0] == '4')
        return Brand::Visa;
    if (n.size() == 16 && ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)))
        return Brand::Mastercard;
    if (n.size() == 15 && (prefix(2) == 34 || prefix(2) == 37))
        return Brand::Amex;
    if (n.size() == 16 && (prefix(4) == 6011 || (prefix(3) >= 644 && prefix(3) <= 649) || prefix(2) == 65))
        return Brand::Discover;
    return Brand::None;
}

Brand expectedBrand(CardBrand brand)
{
    switch (brand) {
    case CardBrand::Visa:
        return Brand::Visa;
    case CardBrand::Mastercard:
        return Brand::Mastercard;
    case CardBrand::Amex:
        return Brand::Amex;
    case CardBrand::Discover:
        return Brand::Discover;
    case CardBrand::Any:
        break;
    }
    return Brand::None;
}

// GS1 prefixes that never name a national member organisation.
bool restrictedGs1(int prefix)
{
    return prefix == 0 || (prefix >= 20 && prefix <= 29) || (prefix >= 40 && prefix <= 59) ||
           (prefix >= 200 && prefix <= 299) || prefix >= 977;
}

// A fixed seed per name (FNV-1a): qHash may differ between runs, and a test must not.
std::uint64_t seedFor(const QString &name)
{
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (const char byte : name.toUtf8()) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001B3ull;
    }
    return 0xC0DE5ull ^ hash;
}

} // namespace

class TestCodes : public QObject
{
    Q_OBJECT

private slots:
    void registryTable();
    void registryExamples_data();
    void registryExamples();
    void knownIbans();
    void ibanGenerate_data();
    void ibanGenerate();
    void ibanFromIndex_data();
    void ibanFromIndex();
    void ibanDomainSizes();
    void bic_data();
    void bic();
    void bicRejects();
    void cardBrandIds();
    void luhnVectors();
    void cards_data();
    void cards();
    void cardsFromIndex_data();
    void cardsFromIndex();
    void isbn();
    void isbnFromIndex();
    void ean();
    void eanFromIndex();
    void currencies();
    void deterministic();
    void staysInBuffer();
};

void TestCodes::registryTable()
{
    QStringList expected;
    for (const RegistryEntry &entry : kRegistry)
        expected << QLatin1StringView(entry.country);
    QCOMPARE(Codes::ibanCountries(), expected);
    for (const RegistryEntry &entry : kRegistry) {
        const IbanFormat *format = Codes::ibanFormat(QString::fromLatin1(entry.country));
        QVERIFY2(format, entry.country);
        QCOMPARE(int(format->length), entry.length);
        QCOMPARE(QByteArray(format->structure), QByteArray(entry.structure));
        QCOMPARE(QByteArray(format->country), QByteArray(entry.country));
    }
    QCOMPARE(Codes::ibanFormat(u"de"), Codes::ibanFormat(u"DE"));
    QVERIFY(!Codes::ibanFormat(u"US"));
    QVERIFY(!Codes::ibanFormat(u""));
    QVERIFY(!Codes::ibanFormat(u"DEU"));
    QVERIFY(!Codes::ibanFormat(u"D1"));
    const QStringList bic = Codes::bicCountries();
    for (const RegistryEntry &entry : kRegistry)
        QVERIFY2(bic.contains(QLatin1StringView(entry.country)), entry.country);
    QVERIFY(bic.contains(u"US"_s));
}

void TestCodes::registryExamples_data()
{
    QTest::addColumn<QString>("country");
    for (const RegistryEntry &entry : kRegistry)
        QTest::newRow(entry.country) << QString::fromLatin1(entry.country);
}

void TestCodes::registryExamples()
{
    QFETCH(QString, country);
    const RegistryEntry &entry = *registryEntry(country);
    const std::string example = entry.example;
    QCOMPARE(ibanProblem(example, entry), QString());
    // Any single changed character must be caught.
    for (std::size_t i = 2; i < example.size(); ++i) {
        std::string changed = example;
        changed[i] = isDigit(changed[i]) ? char('0' + (changed[i] - '0' + 1) % 10)
                                         : char('A' + (changed[i] - 'A' + 1) % 26);
        QVERIFY2(ibanRemainder(changed) != 1, changed.c_str());
        QVERIFY2(!Codes::ibanValid(changed), changed.c_str());
    }
}

void TestCodes::knownIbans()
{
    for (const char *valid :
         {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
          "NL91ABNA0417164300", "BE71096123456769", "CH9300762011623852957"}) {
        QVERIFY2(ibanRemainder(valid) == 1, valid);
        QVERIFY2(Codes::ibanValid(valid), valid);
    }
    for (const char *invalid : {
             "DE89370400440532013001", // last digit changed
             "DE88370400440532013000", // check digit changed
             "DE89370400440523013000", // transposition
             "GB82WEST12345698765433", //
             "FR1420041010050500013M02607",
             "de89370400440532013000",      // electronic format is upper case
             "DE89 3704 0044 0532 0130 00", // no spaces
             "DE8937040044053201300",       // too short for DE
             "GB82W3ST12345698765432",      // digit where the registry wants a letter
             "DE",
             "",
         })
        QVERIFY2(!Codes::ibanValid(invalid), invalid);
    // Check digits 98 and 02 have twins 01 and 99 that leave the same remainder; ISO 13616 never issues
    // those, so they are rejected.
    bool found98 = false, found02 = false;
    for (quint64 account = 0; !(found98 && found02); ++account) {
        std::string iban = withCheckDigits("DE0037040044" + std::to_string(1000000000ull + account));
        const std::string check = iban.substr(2, 2);
        if (check != "98" && check != "02")
            continue;
        (check == "98" ? found98 : found02) = true;
        QVERIFY(Codes::ibanValid(iban));
        iban.replace(2, 2, check == "98" ? "01" : "99");
        QCOMPARE(ibanRemainder(iban), 1);
        QVERIFY2(!Codes::ibanValid(iban), iban.c_str());
    }
    // Unknown countries are checked by mod 97 alone.
    const std::string other = withCheckDigits("ZZ00123456789AB");
    QCOMPARE(ibanRemainder(other), 1);
    QVERIFY(Codes::ibanValid(other));
    QVERIFY(!Codes::ibanValid(withCheckDigits("ZZ00123456789ab")));
}

void TestCodes::ibanGenerate_data()
{
    registryExamples_data();
}

void TestCodes::ibanGenerate()
{
    QFETCH(QString, country);
    const RegistryEntry &entry = *registryEntry(country);
    const IbanFormat *format = Codes::ibanFormat(country);
    QVERIFY(format);
    Random random(seedFor(country));
    std::unordered_set<std::string> seen;
    for (int i = 0; i < kSamples; ++i) {
        const std::string iban = ibanOf(random, *format);
        const QString problem = ibanProblem(iban, entry);
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromStdString(iban) + u": "_s + problem));
        seen.insert(iban);
    }
    QCOMPARE(int(seen.size()), kSamples); // every format has far more than 10^9 values
}

void TestCodes::ibanFromIndex_data()
{
    // 100,000 sequential indexes for formats covering every character class and national check, the
    // shortest and the longest; 10,000 for the others keeps the Debug run short.
    const QStringList full = {u"DE"_s, u"GB"_s, u"FR"_s, u"IT"_s, u"ES"_s, u"BE"_s,
                              u"FI"_s, u"PT"_s, u"MT"_s, u"NO"_s, u"LC"_s, u"RU"_s};
    QTest::addColumn<QString>("country");
    QTest::addColumn<int>("count");
    for (const RegistryEntry &entry : kRegistry) {
        const QString country = QString::fromLatin1(entry.country);
        QTest::newRow(entry.country) << country << (full.contains(country) ? kSequential : kSequential / 10);
    }
}

void TestCodes::ibanFromIndex()
{
    QFETCH(QString, country);
    QFETCH(int, count);
    const RegistryEntry &entry = *registryEntry(country);
    const IbanFormat &format = *Codes::ibanFormat(country);
    std::vector<std::string> all;
    all.reserve(std::size_t(count));
    for (quint64 index = 0; index < quint64(count); ++index) {
        all.push_back(ibanAt(format, index));
        const QString problem = ibanProblem(all.back(), entry);
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromStdString(all.back()) + u": "_s + problem));
    }
    std::sort(all.begin(), all.end());
    const auto twin = std::adjacent_find(all.begin(), all.end());
    QVERIFY2(twin == all.end(), twin == all.end() ? "" : twin->c_str());
    // Spread over the whole domain, including its last value; the same index gives the same IBAN.
    const quint64 size = Codes::ibanDomainSize(format);
    Random random(seedFor(country) + 1);
    for (int i = 0; i < 1000; ++i) {
        const quint64 index = i == 0 ? size - 1 : random.below(size);
        const std::string iban = ibanAt(format, index);
        QVERIFY2(ibanProblem(iban, entry).isEmpty(), iban.c_str());
        QCOMPARE(ibanAt(format, index), iban);
    }
    if (size != std::numeric_limits<quint64>::max())
        QCOMPARE(ibanAt(format, size + 7), ibanAt(format, 7)); // wraps around
}

void TestCodes::ibanDomainSizes()
{
    const auto size = [](const char16_t *country) {
        return Codes::ibanDomainSize(*Codes::ibanFormat(country));
    };
    const quint64 e10 = 10000000000ull;
    QCOMPARE(size(u"DE"), e10 * 100000000ull);                  // 18 digits
    QCOMPARE(size(u"AT"), e10 * 1000000ull);                    // 16 digits
    QCOMPARE(size(u"NO"), e10 * 10);                            // 11 digits
    QCOMPARE(size(u"BE"), e10);                                 // 12 digits, 2 of them the national check
    QCOMPARE(size(u"ES"), e10 * 100000000ull);                  // 20 digits, 2 national
    QCOMPARE(size(u"FI"), e10 * 1000);                          // 14 digits, 1 national
    QCOMPARE(size(u"PT"), e10 * 1000000000ull);                 // 21 digits, 2 national
    QCOMPARE(size(u"NL"), 26ull * 26 * 26 * 26 * e10);          // 4 letters, 10 digits
    QCOMPARE(size(u"GB"), std::numeric_limits<quint64>::max()); // 26^4 * 10^14 > 2^64: saturated
    QCOMPARE(size(u"FR"), std::numeric_limits<quint64>::max());
}

void TestCodes::bic_data()
{
    QTest::addColumn<QString>("country");
    QTest::newRow("random") << QString();
    for (const char *country : {"DE", "gb", "US", "FR", "XK", "JP"})
        QTest::newRow(country) << QString::fromLatin1(country);
}

void TestCodes::bic()
{
    QFETCH(QString, country);
    const QStringList supported = Codes::bicCountries();
    Random random(seedFor(country) + 2);
    int lengths[12] = {};
    int primaryOffices = 0;
    QSet<QByteArray> countries;
    for (int i = 0; i < kSamples; ++i) {
        char out[Codes::kBicCapacity];
        const int n = Codes::writeBic(random, country, out);
        QVERIFY(n == 8 || n == 11);
        ++lengths[n];
        const std::string bic(out, std::size_t(n));
        QVERIFY2(std::all_of(bic.begin(), bic.begin() + 6, isUpper), bic.c_str());
        const QByteArray code = QByteArray::fromStdString(bic.substr(4, 2));
        if (country.isEmpty())
            QVERIFY2(supported.contains(QString::fromLatin1(code)), bic.c_str());
        else
            QCOMPARE(QString::fromLatin1(code), country.toUpper());
        countries.insert(code);
        for (int p = 6; p < 8; ++p)
            QVERIFY2(isUpper(bic[std::size_t(p)]) ||
                         (bic[std::size_t(p)] >= '2' && bic[std::size_t(p)] <= '9'),
                     bic.c_str());
        if (n == 11) {
            const std::string branch = bic.substr(8);
            QVERIFY2(
                std::all_of(branch.begin(), branch.end(), [](char c) { return isUpper(c) || isDigit(c); }),
                bic.c_str());
            if (branch == "XXX")
                ++primaryOffices;
            else
                QVERIFY2(branch[0] != 'X', bic.c_str());
        }
    }
    QVERIFY(lengths[8] > kSamples / 3 && lengths[11] > kSamples / 3);
    QVERIFY(primaryOffices > 0 && primaryOffices < lengths[11]);
    if (country.isEmpty())
        QVERIFY(countries.size() > supported.size() / 2);
}

void TestCodes::bicRejects()
{
    Random random(1);
    char out[Codes::kBicCapacity];
    for (const char16_t *country : {u"ZZ", u"D", u"DEU", u"1A", u"Ä1"})
        QCOMPARE(Codes::writeBic(random, QStringView(country), out), 0);
}

void TestCodes::cardBrandIds()
{
    QVERIFY(Codes::cardBrandFromId(u"any") == CardBrand::Any);
    QVERIFY(Codes::cardBrandFromId(u"visa") == CardBrand::Visa);
    QVERIFY(Codes::cardBrandFromId(u"Mastercard") == CardBrand::Mastercard);
    QVERIFY(Codes::cardBrandFromId(u"AMEX") == CardBrand::Amex);
    QVERIFY(Codes::cardBrandFromId(u"discover") == CardBrand::Discover);
    QVERIFY(!Codes::cardBrandFromId(u"diners"));
    QVERIFY(!Codes::cardBrandFromId(u""));
    for (CardBrand brand :
         {CardBrand::Any, CardBrand::Visa, CardBrand::Mastercard, CardBrand::Amex, CardBrand::Discover})
        QVERIFY(Codes::cardBrandFromId(QString(Codes::cardBrandId(brand))) == brand);
}

void TestCodes::luhnVectors()
{
    for (const char *valid : {"4111111111111111", "378282246310005", "371449635398431", "6011111111111117",
                              "5555555555554444", "5105105105105100", "2223003122003222", "79927398713"}) {
        QVERIFY2(luhn(valid), valid);
        QVERIFY2(Codes::luhnValid(valid), valid);
    }
    for (const char *invalid : {"4111111111111112", "4111111111111121", "79927398710", "4111-1111-1111-1111",
                                "0", "", "41111111111111a1"}) {
        QVERIFY2(!luhn(invalid), invalid);
        QVERIFY2(!Codes::luhnValid(invalid), invalid);
    }
}

void TestCodes::cards_data()
{
    QTest::addColumn<CardBrand>("brand");
    for (CardBrand brand :
         {CardBrand::Any, CardBrand::Visa, CardBrand::Mastercard, CardBrand::Amex, CardBrand::Discover})
        QTest::newRow(Codes::cardBrandId(brand).data()) << brand;
}

void TestCodes::cards()
{
    QFETCH(CardBrand, brand);
    Random random(seedFor(Codes::cardBrandId(brand)));
    QMap<Brand, int> brands;
    QSet<QByteArray> prefixes; // first two digits, to see every range used
    for (int i = 0; i < kSamples; ++i) {
        char out[Codes::kCardCapacity];
        const std::string card(out, std::size_t(Codes::writeCardNumber(random, brand, out)));
        QVERIFY2(luhn(card), card.c_str());
        QVERIFY2(Codes::luhnValid(card), card.c_str());
        const Brand actual = brandOf(card);
        QVERIFY2(actual != Brand::None, card.c_str());
        if (brand != CardBrand::Any)
            QVERIFY2(actual == expectedBrand(brand), card.c_str());
        ++brands[actual];
        prefixes.insert(QByteArray::fromStdString(card.substr(0, 2)));
    }
    if (brand == CardBrand::Any) {
        // Market weights 62/26/10/2 %; ±2 points is over four standard deviations at 10,000 draws.
        QVERIFY(qAbs(brands[Brand::Visa] - 6200) < 200);
        QVERIFY(qAbs(brands[Brand::Mastercard] - 2600) < 200);
        QVERIFY(qAbs(brands[Brand::Amex] - 1000) < 200);
        QVERIFY(brands[Brand::Discover] > 100 && brands[Brand::Discover] < 300);
    }
    if (brand == CardBrand::Mastercard) // both the 5 and the 2 series
        QVERIFY(prefixes.contains("51") && prefixes.contains("55") && prefixes.contains("22") &&
                prefixes.contains("27"));
    if (brand == CardBrand::Amex)
        QVERIFY(prefixes.contains("34") && prefixes.contains("37"));
    if (brand == CardBrand::Discover)
        QVERIFY(prefixes.contains("60") && prefixes.contains("64") && prefixes.contains("65"));
}

void TestCodes::cardsFromIndex_data()
{
    QTest::addColumn<CardBrand>("brand");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<QByteArray>("lastPrefix");
    const quint64 e11 = 100000000000ull;
    QTest::newRow("visa") << CardBrand::Visa << 1000 * e11 << QByteArray("4999");
    QTest::newRow("mastercard") << CardBrand::Mastercard << 5 * 100 * e11 + 500 * e11 << QByteArray("2720");
    QTest::newRow("amex") << CardBrand::Amex << 2 * 10 * e11 << QByteArray("3799");
    QTest::newRow("discover") << CardBrand::Discover << e11 + 6 * 10 * e11 + 100 * e11 << QByteArray("6599");
    QTest::newRow("any") << CardBrand::Any << 1000 * e11 + 1000 * e11 + 20 * e11 + 161 * e11
                         << QByteArray("6599");
}

void TestCodes::cardsFromIndex()
{
    QFETCH(CardBrand, brand);
    QFETCH(quint64, size);
    QFETCH(QByteArray, lastPrefix);
    QCOMPARE(Codes::cardDomainSize(brand), size);
    const auto at = [&](quint64 index) {
        char out[Codes::kCardCapacity];
        return std::string(out, std::size_t(Codes::writeCardNumberFromIndex(brand, index, out)));
    };
    std::unordered_set<std::string> seen;
    seen.reserve(kSequential);
    const auto check = [&](quint64 index) {
        const std::string card = at(index);
        const Brand actual = brandOf(card);
        return luhn(card) && actual != Brand::None &&
               (brand == CardBrand::Any || actual == expectedBrand(brand)) && at(index) == card;
    };
    for (quint64 index = 0; index < kSequential; ++index) {
        QVERIFY2(check(index), at(index).c_str());
        QVERIFY2(seen.insert(at(index)).second, at(index).c_str());
    }
    // Every boundary between prefix blocks and the domain's end.
    Random random(7);
    for (int i = 0; i < 10000; ++i) {
        const quint64 index = random.below(size);
        QVERIFY2(check(index), at(index).c_str());
    }
    QVERIFY2(check(size - 1), at(size - 1).c_str());
    QVERIFY2(at(size - 1).starts_with(lastPrefix.constData()), at(size - 1).c_str());
    QCOMPARE(at(size), at(0));
    if (brand == CardBrand::Any) {
        QCOMPARE(brandOf(at(1000 * 100000000000ull - 1)), Brand::Visa);
        QCOMPARE(brandOf(at(1000 * 100000000000ull)), Brand::Mastercard);
    }
}

void TestCodes::isbn()
{
    QVERIFY(eanWeights("9780306406157"));
    QVERIFY(Codes::ean13Valid("9780306406157"));
    QVERIFY(Codes::ean13Valid("9791032300824"));
    QVERIFY(!Codes::ean13Valid("9780306406158"));
    QVERIFY(!Codes::ean13Valid("9780360406157")); // transposed
    QVERIFY(!Codes::ean13Valid("978030640615"));
    QVERIFY(!Codes::ean13Valid("978-0306406157"));
    Random random(978);
    int with979 = 0;
    for (int i = 0; i < kSamples; ++i) {
        char out[Codes::kEan13Capacity];
        const std::string isbn(out, std::size_t(Codes::writeIsbn13(random, out)));
        QVERIFY2(eanWeights(isbn), isbn.c_str());
        QVERIFY2(Codes::ean13Valid(isbn), isbn.c_str());
        QVERIFY2(isbn.starts_with("978") || (isbn.starts_with("979") && isbn[3] != '0'), isbn.c_str());
        with979 += isbn.starts_with("979");
    }
    QVERIFY(with979 > 300 && with979 < 800); // 5%
}

void TestCodes::isbnFromIndex()
{
    QCOMPARE(Codes::isbn13DomainSize(), 1900000000ull);
    const auto at = [](quint64 index) {
        char out[Codes::kEan13Capacity];
        return std::string(out, std::size_t(Codes::writeIsbn13FromIndex(index, out)));
    };
    std::unordered_set<std::string> seen;
    for (quint64 index = 0; index < kSequential; ++index) {
        const std::string isbn = at(index);
        QVERIFY2(eanWeights(isbn) && isbn.starts_with("978"), isbn.c_str());
        QVERIFY2(seen.insert(isbn).second, isbn.c_str());
    }
    QVERIFY(at(999999999).starts_with("978999999999"));
    QVERIFY(at(1000000000).starts_with("979100000000"));
    QVERIFY(at(1899999999).starts_with("979999999999"));
    QCOMPARE(at(1900000000), at(0));
    Random random(979);
    for (int i = 0; i < 10000; ++i) {
        const std::string isbn = at(random.below(Codes::isbn13DomainSize()));
        QVERIFY2(eanWeights(isbn) && (isbn.starts_with("978") || (isbn.starts_with("979") && isbn[3] != '0')),
                 isbn.c_str());
    }
}

void TestCodes::ean()
{
    for (const char *valid : {"4006381333931", "5901234123457", "0036000291452"})
        QVERIFY2(eanWeights(valid) && Codes::ean13Valid(valid), valid);
    Random random(13);
    int northAmerica = 0, germany = 0;
    for (int i = 0; i < kSamples; ++i) {
        char out[Codes::kEan13Capacity];
        const std::string ean(out, std::size_t(Codes::writeEan13(random, out)));
        QVERIFY2(eanWeights(ean), ean.c_str());
        QVERIFY2(Codes::ean13Valid(ean), ean.c_str());
        const int prefix = std::stoi(ean.substr(0, 3));
        QVERIFY2(!restrictedGs1(prefix), ean.c_str());
        northAmerica += prefix <= 139;
        germany += prefix >= 400 && prefix <= 440;
    }
    QVERIFY(northAmerica > kSamples / 5 && northAmerica < kSamples / 2);
    QVERIFY(germany > kSamples / 20 && germany < kSamples / 5);
}

void TestCodes::eanFromIndex()
{
    const quint64 size = Codes::ean13DomainSize();
    QCOMPARE(size % 1000000000ull, 0ull);
    const auto at = [](quint64 index) {
        char out[Codes::kEan13Capacity];
        return std::string(out, std::size_t(Codes::writeEan13FromIndex(index, out)));
    };
    std::unordered_set<std::string> seen;
    for (quint64 index = 0; index < kSequential; ++index) {
        const std::string ean = at(index);
        QVERIFY2(eanWeights(ean) && !restrictedGs1(std::stoi(ean.substr(0, 3))), ean.c_str());
        QVERIFY2(seen.insert(ean).second, ean.c_str());
    }
    // One code per prefix block: every prefix distinct, ascending and unrestricted.
    int previous = -1;
    for (quint64 block = 0; block < size / 1000000000ull; ++block) {
        const std::string ean = at(block * 1000000000ull + 123456789);
        const int prefix = std::stoi(ean.substr(0, 3));
        QVERIFY2(prefix > previous && !restrictedGs1(prefix) && eanWeights(ean), ean.c_str());
        QCOMPARE(ean.substr(3, 9), std::string("123456789"));
        previous = prefix;
    }
    QCOMPARE(at(size), at(0));
}

void TestCodes::currencies()
{
    const QList<QByteArray> &codes = Codes::currencyCodes();
    QCOMPARE(&Codes::currencyCodes(), &codes);
    QVERIFY(codes.size() >= 150);
    for (qsizetype i = 0; i < codes.size(); ++i) {
        QCOMPARE(codes[i].size(), 3);
        QVERIFY2(std::all_of(codes[i].begin(), codes[i].end(), isUpper), codes[i].constData());
        if (i > 0)
            QVERIFY2(codes[i - 1] < codes[i], codes[i].constData());
    }
    for (const char *current :
         {"EUR", "USD", "GBP", "JPY", "CHF", "CNY", "INR", "BRL", "XOF", "XCG", "ZWG", "SLE", "VED"})
        QVERIFY2(codes.contains(current), current);
    for (const char *gone :
         {"ANG", "BGN", "CUC", "HRK", "SLL", "ZWL", "DEM", "XXX", "XTS", "XAU", "CHE", "USN"})
        QVERIFY2(!codes.contains(gone), gone);
}

void TestCodes::deterministic()
{
    const auto run = [](std::uint64_t seed) {
        Random random(seed);
        std::string all;
        char out[64];
        const IbanFormat &fr = *Codes::ibanFormat(u"FR");
        for (int i = 0; i < 200; ++i) {
            all.append(out, std::size_t(Codes::writeIban(random, fr, out))).push_back(' ');
            all.append(out, std::size_t(Codes::writeBic(random, {}, out))).push_back(' ');
            all.append(out, std::size_t(Codes::writeCardNumber(random, CardBrand::Any, out))).push_back(' ');
            all.append(out, std::size_t(Codes::writeIsbn13(random, out))).push_back(' ');
            all.append(out, std::size_t(Codes::writeEan13(random, out))).push_back('\n');
        }
        return all;
    };
    QCOMPARE(run(42), run(42));
    QVERIFY(run(42) != run(43));
}

void TestCodes::staysInBuffer()
{
    // Writes must end where the return value says and never pass the documented capacity.
    Random random(99);
    const auto guarded = [&](int capacity, const auto &write) {
        char buffer[64];
        std::memset(buffer, kGuard, sizeof buffer);
        const int n = write(buffer);
        return n > 0 && n <= capacity &&
               std::all_of(buffer + n, buffer + sizeof buffer, [](char c) { return c == kGuard; });
    };
    for (int i = 0; i < 1000; ++i) {
        for (const RegistryEntry &entry : kRegistry) {
            const IbanFormat &format = *Codes::ibanFormat(QString::fromLatin1(entry.country));
            QVERIFY(guarded(Codes::kIbanCapacity,
                            [&](char *out) { return Codes::writeIban(random, format, out); }));
            QVERIFY(guarded(Codes::kIbanCapacity, [&](char *out) {
                return Codes::writeIbanFromIndex(format, random.next(), out);
            }));
        }
        QVERIFY(guarded(Codes::kBicCapacity, [&](char *out) { return Codes::writeBic(random, {}, out); }));
        QVERIFY(guarded(Codes::kCardCapacity,
                        [&](char *out) { return Codes::writeCardNumber(random, CardBrand::Any, out); }));
        QVERIFY(guarded(Codes::kCardCapacity, [&](char *out) {
            return Codes::writeCardNumberFromIndex(CardBrand::Any, random.next(), out);
        }));
        QVERIFY(guarded(Codes::kEan13Capacity, [&](char *out) { return Codes::writeIsbn13(random, out); }));
        QVERIFY(guarded(Codes::kEan13Capacity, [&](char *out) { return Codes::writeEan13(random, out); }));
        QVERIFY(guarded(Codes::kEan13Capacity,
                        [&](char *out) { return Codes::writeEan13FromIndex(random.next(), out); }));
    }
}

QTEST_GUILESS_MAIN(TestCodes)
#include "tst_codes.moc"
