// The generation engine, value by value: every data type of the registry generates deterministically,
// values are valid for their type (checked by validators written here, not by the engine's own helpers),
// statistics hold at fixed seeds, and keys are unique and foreign keys resolve. Whole-schema runs
// (determinism across threads, memory, PostgreSQL) are in tst_generate_load.cpp.
#include "CompiledPlan.h"
#include "SchemaBuilding.h"
#include "generate/Plan.h"
#include "types/TypeRegistry.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261125;
constexpr qint64 kRows = 2000;       // per validity check
constexpr qint64 kStatRows = 100000; // per statistic
constexpr int kChunkRows = 777;      // odd, so values cross chunk boundaries
constexpr double kChi2Df3 = 16.266;  // chi-square critical values at alpha = 0.001
constexpr double kChi2Df9 = 27.877;

using test::column;
using test::Compiled;

Column idColumn()
{
    return column(u"id"_s, u"sequence"_s, R"({"primaryKey": true})");
}

// t(id, v…): the usual one-table schema.
Schema oneTable(qint64 rows, const QList<Column> &columns, const QString &locale = {})
{
    return test::oneTable(u"generate"_s, rows, columns, locale);
}

Compiled compile(const Schema &schema, quint64 seed = kSeed)
{
    return test::compile(schema, seed);
}

// One column's values, NULL as an empty string with its flag set.
struct Values
{
    std::vector<std::string> text;
    std::vector<char> null;
    QString error; // why there are none

    qint64 size() const { return qint64(text.size()); }
    qint64 nulls() const { return std::count(null.begin(), null.end(), 1); }
    QString at(qint64 row) const { return QString::fromUtf8(text[std::size_t(row)]); }
};

// Every column of a table, made chunk by chunk as the job does.
std::vector<Values> tableValues(const Plan &plan, const QString &name, int chunkRows = kChunkRows)
{
    int t = 0;
    while (t < int(plan.tables().size()) && plan.tables()[std::size_t(t)].name != name)
        ++t;
    const TablePlan &table = plan.tables()[std::size_t(t)];
    std::vector<Values> values(table.columns.size());
    TableChunk chunk;
    for (qint64 first = 0; first < table.rows; first += chunkRows) {
        plan.fillChunk(t, first, int(std::min<qint64>(chunkRows, table.rows - first)), chunk);
        for (std::size_t c = 0; c < values.size(); ++c) {
            const ColumnChunk &cells = chunk.columns[c];
            for (int row = 0; row < cells.size(); ++row) {
                values[c].text.emplace_back(cells.isNull(row) ? std::string_view() : cells.value(row));
                values[c].null.push_back(cells.isNull(row) ? 1 : 0);
            }
        }
    }
    return values;
}

int columnIndex(const Schema &schema, const QString &table, const QString &name)
{
    return schema.table(table)->columnIndex(name);
}

Values valuesOf(const Schema &schema, const QString &table, const QString &name, quint64 seed = kSeed,
                int chunkRows = kChunkRows)
{
    const Compiled compiled = compile(schema, seed);
    if (!compiled.plan) {
        Values failed;
        failed.error = compiled.error;
        return failed;
    }
    return tableValues(*compiled.plan, table, chunkRows)[std::size_t(columnIndex(schema, table, name))];
}

// The values of t.v in oneTable(rows, {v}).
Values generate(const QString &type, const QByteArray &constraints, qint64 rows = kRows,
                const QString &locale = {}, quint64 seed = kSeed)
{
    return valuesOf(oneTable(rows, {column(u"v"_s, type, constraints)}, locale), u"t"_s, u"v"_s, seed);
}

// The first non-NULL value check refuses, as "row N: "value"", or an empty string.
template<typename Check> QString firstBad(const Values &values, Check check)
{
    for (qint64 row = 0; row < values.size(); ++row) {
        if (values.null[std::size_t(row)])
            continue;
        const QString value = values.at(row);
        if (!check(value))
            return u"row %1: \"%2\""_s.arg(row).arg(value);
    }
    return {};
}

// Fails the test with the first value that check refuses.
#define VERIFY_EACH(values, ...)                                                                             \
    do {                                                                                                     \
        const QString bad = firstBad(values, __VA_ARGS__);                                                   \
        QVERIFY2(bad.isEmpty(), qPrintable(bad));                                                            \
    } while (false)

bool matches(const QString &pattern, const QString &value)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(value).hasMatch();
}

// --- Validators, written from the standards rather than from the engine ---

// local@domain.tld: an ASCII dot-atom local part of at most 64 characters, a host name of labels.
bool validEmail(const QString &value)
{
    static const QRegularExpression shape(QRegularExpression::anchoredPattern(
        uR"([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})"_s));
    return shape.match(value).hasMatch() && value.indexOf(u'@') <= 64 && value.size() <= 254;
}

// ISO 13616: the check digits make the rearranged number ≡ 1 (mod 97).
bool ibanMod97(const QString &iban)
{
    if (!matches(u"[A-Z]{2}(0[2-9]|[1-8][0-9]|9[0-8])[A-Z0-9]{11,30}"_s, iban))
        return false;
    const QString rearranged = iban.mid(4) + iban.left(4);
    int remainder = 0;
    for (const QChar c : rearranged)
        remainder = c.isDigit() ? (remainder * 10 + c.digitValue()) % 97
                                : (remainder * 100 + (c.unicode() - 'A' + 10)) % 97;
    return remainder == 1;
}

// Belgium's national check: the last two BBAN digits are the first ten mod 97 (97 for 0).
bool belgianCheck(const QString &iban)
{
    const qint64 number = iban.mid(4, 10).toLongLong();
    const int check = int(number % 97) == 0 ? 97 : int(number % 97);
    return iban.size() == 16 && iban.mid(14, 2).toInt() == check;
}

// Spain's two control digits (positions 9 and 10 of the BBAN): mod 11 over "00" + bank + branch, then
// over the account number.
bool spanishCheck(const QString &iban)
{
    auto digit = [](const QString &digits) {
        static const int weights[] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
        int sum = 0;
        for (int i = 0; i < 10; ++i)
            sum += digits.at(i).digitValue() * weights[i];
        const int d = 11 - sum % 11;
        return d == 11 ? 0 : d == 10 ? 1 : d;
    };
    const QString bban = iban.mid(4);
    return iban.size() == 24 && digit(u"00"_s + bban.left(8)) == bban.at(8).digitValue() &&
           digit(bban.mid(10, 10)) == bban.at(9).digitValue();
}

bool luhn(const QString &digits)
{
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits.at(i).digitValue();
        if (twice && (d *= 2) > 9)
            d -= 9;
        sum += d;
        twice = !twice;
    }
    return digits.size() >= 12 && sum % 10 == 0;
}

// The brand a card number's prefix and length belong to, or an empty string.
QString cardBrand(const QString &number)
{
    if (matches(u"4[0-9]{15}"_s, number))
        return u"visa"_s;
    if (matches(u"(5[1-5][0-9]{2}|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}"_s, number))
        return u"mastercard"_s;
    if (matches(u"3[47][0-9]{13}"_s, number))
        return u"amex"_s;
    if (matches(u"(6011[0-9]{2}|64[4-9][0-9]{3}|65[0-9]{4})[0-9]{10}"_s, number))
        return u"discover"_s;
    return {};
}

// EAN-13 (and ISBN-13): weights 1, 3, 1, … over all 13 digits sum to a multiple of 10.
bool ean13(const QString &digits)
{
    if (!matches(u"[0-9]{13}"_s, digits))
        return false;
    int sum = 0;
    for (int i = 0; i < 13; ++i)
        sum += digits.at(i).digitValue() * (i % 2 ? 3 : 1);
    return sum % 10 == 0;
}

// RFC 5952 text of an IPv6 address: lower-case hex without leading zeros, the first longest run of two
// or more zero groups as "::".
QString rfc5952(const Q_IPV6ADDR &address)
{
    int groups[8];
    for (int g = 0; g < 8; ++g)
        groups[g] = address[2 * g] << 8 | address[2 * g + 1];
    int bestStart = -1, bestLength = 1;
    for (int g = 0; g < 8;) {
        int end = g;
        while (end < 8 && groups[end] == 0)
            ++end;
        if (end - g > bestLength) {
            bestStart = g;
            bestLength = end - g;
        }
        g = std::max(end, g + 1);
    }
    QString text;
    for (int g = 0; g < 8; ++g) {
        if (g == bestStart) {
            text += u"::"_s;
            g += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(u':'))
            text += u':';
        text += QString::number(groups[g], 16);
    }
    return text;
}

// Template filters, from their documented meaning.
QString asciiFilter(const QString &text)
{
    static const QHash<QChar, QString> special{
        {u'ß', u"ss"_s}, {u'ẞ', u"SS"_s}, {u'æ', u"ae"_s}, {u'Æ', u"AE"_s}, {u'œ', u"oe"_s}, {u'Œ', u"OE"_s},
        {u'ø', u"o"_s},  {u'Ø', u"O"_s},  {u'ł', u"l"_s},  {u'Ł', u"L"_s},  {u'đ', u"d"_s},  {u'Đ', u"D"_s},
        {u'þ', u"th"_s}, {u'Þ', u"TH"_s}, {u'ð', u"d"_s},  {u'ı', u"i"_s}, // Turkish dotless i, as in Yıldız
    };
    QString out;
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            out += c;
        else if (special.contains(c))
            out += special.value(c);
        else
            for (const QChar d : QString(c).normalized(QString::NormalizationForm_KD))
                if (d.unicode() < 0x80)
                    out += d;
    }
    return out;
}

QString slugFilter(const QString &text)
{
    QStringList words;
    for (const QString &word : asciiFilter(text).toLower().split(QRegularExpression(u"[^a-z0-9]+"_s)))
        if (!word.isEmpty())
            words << word;
    return words.join(u'-');
}

QString titleFilter(const QString &text)
{
    QString out = text.toLower();
    bool start = true;
    for (QChar &c : out) {
        if (start && c.isLetter())
            c = c.toUpper();
        start = !c.isLetterOrNumber() && c != u'\'';
    }
    return out;
}

qint64 msecs(const QString &isoText, const QTimeZone &zone = QTimeZone::utc())
{
    const QDateTime parsed = QDateTime::fromString(isoText, Qt::ISODateWithMs);
    if (parsed.timeSpec() != Qt::LocalTime)
        return parsed.toMSecsSinceEpoch(); // has an offset
    return QDateTime(parsed.date(), parsed.time(), zone).toMSecsSinceEpoch();
}

double harmonic(int n, double s)
{
    double sum = 0;
    for (int k = n; k >= 1; --k)
        sum += std::pow(k, -s);
    return sum;
}

} // namespace

class TestGenerate : public QObject
{
    Q_OBJECT

private slots:
    // 1. Every type generates
    void everyType_data();
    void everyType();
    // 2. Validity per type
    void emails_data();
    void emails();
    void ibans_data();
    void ibans();
    void creditCards_data();
    void creditCards();
    void productCodes_data();
    void productCodes();
    void uuids_data();
    void uuids();
    void ipv4_data();
    void ipv4();
    void ipv6();
    void macAddresses_data();
    void macAddresses();
    void hexColors();
    void urls_data();
    void urls();
    void dates_data();
    void dates();
    void times_data();
    void times();
    void timestamps_data();
    void timestamps();
    void numbers_data();
    void numbers();
    void sqlWidths_data();
    void sqlWidths();
    void strings_data();
    void strings();
    void patterns_data();
    void patterns();
    void postalCodes_data();
    void postalCodes();
    void phones_data();
    void phones();
    void enums();
    void lorem_data();
    void lorem();
    void templates();
    void jsonObjects();
    void jsonFieldTemplate();
    // 3. Statistics
    void nullPercent();
    void truePercent();
    void enumWeights();
    void uniformIntegers();
    void normalDistribution_data();
    void normalDistribution();
    void zipfHead();
    // 4. Keys
    void uniqueIntegerIsPermutation();
    void uniqueDistinct_data();
    void uniqueDistinct();
    void uniqueEnumRefused();
    void uniqueEnumSkipsZeroWeights();
    void uniqueSampleObserved();
    void uniqueTemplateWithNulls();
    void foreignKeys_data();
    void foreignKeys();
    void foreignKeyToNullableKeyIsRefused();
    void selfReference_data();
    void selfReference();
    void oneToOne();
    void compositePrimaryKey();
    void cardinality_data();
    void cardinality();
};

// --- 1. Every type ---

void TestGenerate::everyType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QStringList>("samples");
    // Types that need a constraint to work at all get a small, typical one.
    const QHash<QString, QByteArray> required{
        {u"pattern"_s, R"({"pattern": "[A-Z]{2}-[0-9]{4}"})"},
        {u"template"_s, R"({"template": "{id}: {lorem_word|upper}"})"},
        {u"enum"_s, R"({"values": ["red", "green", "blue"]})"},
        {u"json"_s, R"({"fields": {"size": {"type": "enum", "constraints": {"values": ["S", "M"]}},
                                   "price": {"type": "decimal"}}})"},
        {u"foreign_key"_s, R"({"references": "p.id"})"},
    };
    for (const DataType &type : TypeRegistry::instance().types()) {
        const QStringList samples =
            type.id == u"sample"_s ? QStringList{u"alpha"_s, u"beta"_s, u"gamma"_s} : QStringList();
        QTest::newRow(qPrintable(type.id)) << type.id << required.value(type.id, "{}") << samples;
    }
}

void TestGenerate::everyType()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(QStringList, samples);
    const DataType *dataType = TypeRegistry::instance().find(type);
    Column value = column(u"v"_s, type, constraints);
    value.samples = samples;
    for (const ConstraintKey &key : dataType->keys)
        QVERIFY2(
            !key.required || value.constraints.contains(key.name) || !samples.isEmpty(),
            qPrintable(u"the test gives type %1 no value for its required key %2"_s.arg(type, key.name)));
    Schema schema = oneTable(kRows, {value});
    schema.tables.prepend(Table{u"p"_s, {}, 100, {idColumn()}}); // a parent for foreign_key

    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const Values values = tableValues(*compiled.plan, u"t"_s)[1];
    QCOMPARE(values.size(), kRows);
    QCOMPARE(values.nulls(), 0);
    VERIFY_EACH(values, [](const QString &v) { return !v.isEmpty(); });
    switch (compiled.plan->tables()[1].columns[1].generator->valueClass()) {
    case ValueClass::Number:
        VERIFY_EACH(values,
                    [](const QString &v) { return matches(u"-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?"_s, v); });
        break;
    case ValueClass::Boolean:
        VERIFY_EACH(values, [](const QString &v) { return v == u"true"_s || v == u"false"_s; });
        break;
    case ValueClass::Json:
        VERIFY_EACH(values, [](const QString &v) { return QJsonDocument::fromJson(v.toUtf8()).isObject(); });
        break;
    case ValueClass::Text:
        break;
    }

    // A pure function of the seed: again the same, in any chunking; another seed, other values.
    QCOMPARE(valuesOf(schema, u"t"_s, u"v"_s, kSeed, int(kRows)).text, values.text);
    if (type != u"sequence"_s) // 1, 2, 3, … whatever the seed
        QVERIFY(valuesOf(schema, u"t"_s, u"v"_s, kSeed + 1).text != values.text);
}

// --- 2. Validity ---

void TestGenerate::emails_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("domain"); // every address ends with it; empty = any
    for (const char *locale : {"en_US", "en_GB", "de_DE", "fr_FR", "es_ES"}) {
        QTest::addRow("%s", locale) << QString::fromLatin1(locale) << QByteArray("{}") << QString();
        QTest::addRow("%s unique", locale)
            << QString::fromLatin1(locale) << QByteArray(R"({"unique": true})") << QString();
    }
    QTest::newRow("fixed domain") << u"de_DE"_s << QByteArray(R"({"domain": "mail.example"})")
                                  << u"mail.example"_s;
}

void TestGenerate::emails()
{
    QFETCH(QString, locale);
    QFETCH(QByteArray, constraints);
    QFETCH(QString, domain);
    const Values values = generate(u"email"_s, constraints, kRows, locale);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, validEmail);
    if (!domain.isEmpty())
        VERIFY_EACH(values, [&](const QString &v) { return v.endsWith(u'@' + domain); });
}

void TestGenerate::ibans_data()
{
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("country"); // every IBAN's; empty = mixed
    QTest::newRow("all countries") << QByteArray("{}") << QString();
    QTest::newRow("DE") << QByteArray(R"({"country": "DE"})") << u"DE"_s;
    QTest::newRow("BE") << QByteArray(R"({"country": "BE"})") << u"BE"_s;
    QTest::newRow("ES") << QByteArray(R"({"country": "es"})") << u"ES"_s;
    QTest::newRow("DE unique") << QByteArray(R"({"country": "DE", "unique": true})") << u"DE"_s;
    QTest::newRow("unique") << QByteArray(R"({"unique": true})") << QString();
}

void TestGenerate::ibans()
{
    QFETCH(QByteArray, constraints);
    QFETCH(QString, country);
    const Values values = generate(u"iban"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, ibanMod97);
    // Lengths from the SWIFT IBAN registry, for the countries checked here.
    const QHash<QString, int> lengths{{u"DE"_s, 22}, {u"BE"_s, 16}, {u"ES"_s, 24}, {u"FR"_s, 27},
                                      {u"GB"_s, 22}, {u"IT"_s, 27}, {u"NL"_s, 18}, {u"AT"_s, 20}};
    VERIFY_EACH(values,
                [&](const QString &v) { return v.size() == lengths.value(v.left(2), int(v.size())); });
    if (!country.isEmpty())
        VERIFY_EACH(values, [&](const QString &v) { return v.startsWith(country); });
    if (country == u"BE"_s)
        VERIFY_EACH(values, belgianCheck);
    if (country == u"ES"_s)
        VERIFY_EACH(values, spanishCheck);
    if (country.isEmpty() && !constraints.contains("unique")) {
        QSet<QString> countries;
        for (qint64 row = 0; row < values.size(); ++row)
            countries.insert(values.at(row).left(2));
        QVERIFY2(countries.size() > 20, qPrintable(QStringList(countries.values()).join(u' ')));
    }
}

void TestGenerate::creditCards_data()
{
    QTest::addColumn<QString>("brand");
    QTest::addColumn<bool>("unique");
    for (const char *brand : {"any", "visa", "mastercard", "amex", "discover"})
        QTest::addRow("%s", brand) << QString::fromLatin1(brand) << false;
    QTest::newRow("visa unique") << u"visa"_s << true;
    QTest::newRow("amex unique") << u"amex"_s << true;
}

void TestGenerate::creditCards()
{
    QFETCH(QString, brand);
    QFETCH(bool, unique);
    const QByteArray constraints =
        QJsonDocument(QJsonObject{{u"brand"_s, brand}, {u"unique"_s, unique}}).toJson(QJsonDocument::Compact);
    const Values values = generate(u"credit_card"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, luhn);
    QSet<QString> brands;
    VERIFY_EACH(values, [&](const QString &v) {
        const QString found = cardBrand(v);
        brands.insert(found);
        return !found.isEmpty() && (brand == u"any"_s || found == brand);
    });
    if (brand == u"any"_s)
        QCOMPARE(int(brands.size()), 4); // Discover's 2% is about 40 of 2,000
}

void TestGenerate::productCodes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("unique");
    QTest::newRow("isbn13") << u"isbn13"_s << false;
    QTest::newRow("isbn13 unique") << u"isbn13"_s << true;
    QTest::newRow("ean13") << u"ean13"_s << false;
    QTest::newRow("ean13 unique") << u"ean13"_s << true;
}

void TestGenerate::productCodes()
{
    QFETCH(QString, type);
    QFETCH(bool, unique);
    const Values values = generate(type, unique ? R"({"unique": true})" : "{}");
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, ean13);
    if (type == u"isbn13"_s) {
        VERIFY_EACH(values, [](const QString &v) { return matches(u"97[89][0-9]{10}"_s, v); });
        if (!unique) // random ISBNs stay in the ranges in use: 978, 979-8, 979-10..13
            VERIFY_EACH(values, [](const QString &v) { return matches(u"978.*|9798.*|9791[0-3].*"_s, v); });
    } else {
        // Never an ISBN, ISSN, coupon or restricted-circulation number.
        VERIFY_EACH(values, [](const QString &v) { return !matches(u"(0[24]|2|97[789]|98|99).*"_s, v); });
    }
}

void TestGenerate::uuids_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("unique");
    QTest::newRow("v4") << u"v4"_s << false;
    QTest::newRow("v4 unique") << u"v4"_s << true;
    QTest::newRow("v7") << u"v7"_s << false;
    QTest::newRow("v7 unique") << u"v7"_s << true;
}

void TestGenerate::uuids()
{
    QFETCH(QString, version);
    QFETCH(bool, unique);
    const QByteArray constraints = QJsonDocument(QJsonObject{{u"version"_s, version}, {u"unique"_s, unique}})
                                       .toJson(QJsonDocument::Compact);
    const Values values = generate(u"uuid"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const int expected = version == u"v7"_s ? 7 : 4;
    VERIFY_EACH(values, [&](const QString &v) {
        // Qt 6.4's QUuid::version() knows versions up to 5 only: read the nibble.
        const QUuid uuid = QUuid::fromString(v);
        return matches(u"[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"_s, v) &&
               !uuid.isNull() && v.at(14).digitValue() == expected && uuid.variant() == QUuid::DCE;
    });
    if (expected == 7) { // the 48-bit Unix time in milliseconds: 2020..2026
        const qint64 from = msecs(u"2020-01-01T00:00:00Z"_s), to = msecs(u"2026-01-01T00:00:00Z"_s);
        VERIFY_EACH(values, [&](const QString &v) {
            const qint64 millis = QString(v).remove(u'-').left(12).toLongLong(nullptr, 16);
            return millis >= from && millis < to;
        });
    }
    if (expected == 7 && unique) // sorts by creation
        QVERIFY(std::is_sorted(values.text.begin(), values.text.end()));
}

void TestGenerate::ipv4_data()
{
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("cidr");
    QTest::addColumn<qint64>("rows");
    QTest::newRow("default") << QByteArray("{}") << u"0.0.0.0/0"_s << kRows;
    QTest::newRow("10.20.0.0/16") << QByteArray(R"({"cidr": "10.20.0.0/16"})") << u"10.20.0.0/16"_s << kRows;
    QTest::newRow("host bits set") << QByteArray(R"({"cidr": "192.168.1.77/28"})") << u"192.168.1.64/28"_s
                                   << kRows;
    QTest::newRow("unique /24, all") << QByteArray(R"({"cidr": "172.16.5.0/24", "unique": true})")
                                     << u"172.16.5.0/24"_s << qint64(256);
}

void TestGenerate::ipv4()
{
    QFETCH(QByteArray, constraints);
    QFETCH(QString, cidr);
    QFETCH(qint64, rows);
    const Values values = generate(u"ipv4"_s, constraints, rows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const auto subnet = QHostAddress::parseSubnet(cidr);
    VERIFY_EACH(values, [&](const QString &v) {
        QHostAddress address;
        return address.setAddress(v) && address.protocol() == QAbstractSocket::IPv4Protocol &&
               address.toString() == v && address.isInSubnet(subnet);
    });
    if (constraints.contains("unique"))
        QCOMPARE(qint64(std::unordered_set<std::string>(values.text.begin(), values.text.end()).size()),
                 rows);
}

void TestGenerate::ipv6()
{
    for (const QByteArray &constraints : {QByteArray("{}"), QByteArray(R"({"unique": true})")}) {
        const Values values = generate(u"ipv6"_s, constraints);
        QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
        VERIFY_EACH(values, [](const QString &v) {
            QHostAddress address;
            if (!address.setAddress(v) || address.protocol() != QAbstractSocket::IPv6Protocol)
                return false;
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            return (bytes[0] & 0xE0) == 0x20 && rfc5952(bytes) == v; // 2000::/3, canonical
        });
    }
}

void TestGenerate::macAddresses_data()
{
    QTest::addColumn<bool>("unique");
    QTest::newRow("random") << false;
    QTest::newRow("unique") << true;
}

void TestGenerate::macAddresses()
{
    QFETCH(bool, unique);
    const Values values = generate(u"mac_address"_s, unique ? R"({"unique": true})" : "{}");
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, [](const QString &v) {
        const int first = v.left(2).toInt(nullptr, 16);
        // Locally administered (bit 1 set), unicast (bit 0 clear).
        return matches(u"[0-9a-f]{2}(:[0-9a-f]{2}){5}"_s, v) && (first & 0x02) && !(first & 0x01);
    });
}

void TestGenerate::hexColors()
{
    const Values values = generate(u"hex_color"_s, "{}");
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, [](const QString &v) { return matches(u"#[0-9a-f]{6}"_s, v); });
}

void TestGenerate::urls_data()
{
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("scheme");
    QTest::newRow("default") << QByteArray("{}") << u"https"_s;
    QTest::newRow("http") << QByteArray(R"({"scheme": "http"})") << u"http"_s;
    QTest::newRow("unique") << QByteArray(R"({"unique": true})") << u"https"_s;
}

void TestGenerate::urls()
{
    QFETCH(QByteArray, constraints);
    QFETCH(QString, scheme);
    const Values values = generate(u"url"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, [&](const QString &v) {
        const QUrl url(v, QUrl::StrictMode);
        return url.isValid() && url.scheme() == scheme &&
               matches(u"([a-z0-9-]+\\.)+[a-z]{2,}"_s, url.host()) && url.toString(QUrl::FullyEncoded) == v;
    });
}

void TestGenerate::dates_data()
{
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QDate>("min");
    QTest::addColumn<QDate>("max");
    QTest::newRow("default") << QByteArray("{}") << u"yyyy-MM-dd"_s << QDate(1970, 1, 1)
                             << QDate(2030, 12, 31);
    QTest::newRow("German format, leap February")
        << QByteArray(R"({"min": "2024-02-20", "max": "2024-03-02", "format": "dd.MM.yyyy"})")
        << u"dd.MM.yyyy"_s << QDate(2024, 2, 20) << QDate(2024, 3, 2);
    QTest::newRow("before 1970") << QByteArray(
                                        R"({"min": "1899-12-25", "max": "1900-03-05", "format": "M/d/yyyy"})")
                                 << u"M/d/yyyy"_s << QDate(1899, 12, 25) << QDate(1900, 3, 5);
    QTest::newRow("one day") << QByteArray(R"({"min": "2000-02-29", "max": "2000-02-29"})") << u"yyyy-MM-dd"_s
                             << QDate(2000, 2, 29) << QDate(2000, 2, 29);
}

void TestGenerate::dates()
{
    QFETCH(QByteArray, constraints);
    QFETCH(QString, format);
    QFETCH(QDate, min);
    QFETCH(QDate, max);
    const Values values = generate(u"date"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QSet<QDate> seen;
    VERIFY_EACH(values, [&](const QString &v) {
        const QDate date = QDate::fromString(v, format);
        seen.insert(date);
        return date.isValid() && date >= min && date <= max && date.toString(format) == v;
    });
    if (min.daysTo(max) < 100) // a short range: every day comes up, the ends too
        QCOMPARE(qint64(seen.size()), min.daysTo(max) + 1);
}

void TestGenerate::times_data()
{
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QTime>("min");
    QTest::addColumn<QTime>("max");
    QTest::newRow("default") << QByteArray("{}") << u"HH:mm:ss"_s << QTime(0, 0) << QTime(23, 59, 59);
    QTest::newRow("milliseconds")
        << QByteArray(R"({"min": "08:30:00.250", "max": "08:30:01.750", "format": "HH:mm:ss.zzz"})")
        << u"HH:mm:ss.zzz"_s << QTime(8, 30, 0, 250) << QTime(8, 30, 1, 750);
    QTest::newRow("12-hour clock") << QByteArray(
                                          R"({"min": "11:59:50", "max": "12:00:10", "format": "h:mm:ss AP"})")
                                   << u"h:mm:ss AP"_s << QTime(11, 59, 50) << QTime(12, 0, 10);
}

void TestGenerate::times()
{
    QFETCH(QByteArray, constraints);
    QFETCH(QString, format);
    QFETCH(QTime, min);
    QFETCH(QTime, max);
    const Values values = generate(u"time"_s, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QSet<int> seen;
    VERIFY_EACH(values, [&](const QString &v) {
        const QTime time = QTime::fromString(v, format);
        seen.insert(time.msecsSinceStartOfDay());
        return time.isValid() && time >= min && time <= max;
    });
    if (min.msecsTo(max) <= 20000) // both ends come up
        QVERIFY(seen.contains(min.msecsSinceStartOfDay()) && seen.contains(max.msecsSinceStartOfDay()));
}

void TestGenerate::timestamps_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("format"); // without the offset, which timestamptz values end with
    QTest::addColumn<QString>("zone");   // timestamptz: the zone whose offsets the values carry
    QTest::addColumn<QString>("min");    // ISO 8601; without an offset: in zone (UTC for timestamp)
    QTest::addColumn<QString>("max");
    QTest::newRow("timestamp default") << u"timestamp"_s << QByteArray("{}") << u"yyyy-MM-dd HH:mm:ss"_s
                                       << QString() << u"1970-01-01T00:00:00"_s << u"2030-12-31T23:59:59"_s;
    QTest::newRow("timestamp milliseconds")
        << u"timestamp"_s
        << QByteArray(R"({"min": "2024-02-29T23:59:59.250", "max": "2024-03-01T00:00:00.750",
                          "format": "yyyy-MM-dd'T'HH:mm:ss.zzz"})")
        << u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s << QString() << u"2024-02-29T23:59:59.250"_s
        << u"2024-03-01T00:00:00.750"_s;
    // A fraction on a bound before 1970 must round inward like any other: max 23:59:59.5 allows 23:59:59
    // only.
    QTest::newRow("timestamp before 1970 with a fraction")
        << u"timestamp"_s << QByteArray(R"({"min": "1969-12-31T23:59:58", "max": "1969-12-31T23:59:59.500"})")
        << u"yyyy-MM-dd HH:mm:ss"_s << QString() << u"1969-12-31T23:59:58"_s << u"1969-12-31T23:59:59.500"_s;
    QTest::newRow("timestamptz default")
        << u"timestamptz"_s << QByteArray("{}") << u"yyyy-MM-dd HH:mm:ss"_s << u"UTC"_s
        << u"1970-01-01T00:00:00Z"_s << u"2030-12-31T23:59:59Z"_s;
    QTest::newRow("timestamptz Berlin over the DST change")
        << u"timestamptz"_s
        << QByteArray(
               R"({"timeZone": "Europe/Berlin", "min": "2021-03-27T00:00:00Z", "max": "2021-03-29T00:00:00Z"})")
        << u"yyyy-MM-dd HH:mm:ss"_s << u"Europe/Berlin"_s << u"2021-03-27T00:00:00Z"_s
        << u"2021-03-29T00:00:00Z"_s;
    // types.json: "without an offset it is read in timeZone".
    QTest::newRow("timestamptz Berlin, bounds in local time")
        << u"timestamptz"_s
        << QByteArray(
               R"({"timeZone": "Europe/Berlin", "min": "2021-07-01T09:00:00", "max": "2021-07-01T17:00:00"})")
        << u"yyyy-MM-dd HH:mm:ss"_s << u"Europe/Berlin"_s << u"2021-07-01T09:00:00"_s
        << u"2021-07-01T17:00:00"_s;
}

void TestGenerate::timestamps()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(QString, format);
    QFETCH(QString, zone);
    QFETCH(QString, min);
    QFETCH(QString, max);
    const QTimeZone timeZone = zone.isEmpty() ? QTimeZone::utc() : QTimeZone(zone.toUtf8());
    QVERIFY(timeZone.isValid());
    const qint64 from = msecs(min, timeZone), to = msecs(max, timeZone);
    const Values values = generate(type, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    static const QRegularExpression offsetPattern(u"^(.*)([+-])([0-9]{2}):([0-9]{2})$"_s);
    VERIFY_EACH(values, [&](const QString &v) {
        QString wallClock = v;
        int offset = 0;
        if (!zone.isEmpty()) {
            const QRegularExpressionMatch match = offsetPattern.match(v);
            if (!match.hasMatch())
                return false;
            wallClock = match.captured(1);
            offset = (match.captured(2) == u"-"_s ? -60 : 60) *
                     (match.captured(3).toInt() * 60 + match.captured(4).toInt());
        }
        const QDateTime parsed = QDateTime::fromString(wallClock, format);
        if (!parsed.isValid())
            return false;
        const QDateTime instant = QDateTime(parsed.date(), parsed.time(), Qt::UTC).addSecs(-offset);
        const qint64 at = instant.toMSecsSinceEpoch();
        return at >= from && at <= to && (zone.isEmpty() || timeZone.offsetFromUtc(instant) == offset);
    });
}

void TestGenerate::numbers_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<int>("scale"); // digits after the point; -1 = a floating-point number
    QTest::addColumn<bool>("ends"); // the range is small enough that min and max both come up
    QTest::newRow("integer") << u"integer"_s << QByteArray(R"({"min": -50, "max": 50})") << -50.0 << 50.0 << 0
                             << true;
    QTest::newRow("integer unique") << u"integer"_s
                                    << QByteArray(R"({"min": 7, "max": 2006, "unique": true})") << 7.0
                                    << 2006.0 << 0 << true;
    QTest::newRow("smallint") << u"smallint"_s << QByteArray("{}") << -32768.0 << 32767.0 << 0 << false;
    QTest::newRow("bigint") << u"bigint"_s << QByteArray("{}") << -9.3e18 << 9.3e18 << 0 << false;
    QTest::newRow("bigint high") << u"bigint"_s << QByteArray(R"({"min": 9223372036854775800})")
                                 << 9223372036854775800.0 << 9223372036854775807.0 << 0 << false;
    QTest::newRow("decimal") << u"decimal"_s << QByteArray("{}") << 0.0 << 1e6 << 2 << false;
    QTest::newRow("decimal scale 3") << u"decimal"_s << QByteArray(R"({"min": 1.5, "max": 1.52, "scale": 3})")
                                     << 1.5 << 1.52 << 3 << true;
    QTest::newRow("decimal negative")
        << u"decimal"_s << QByteArray(R"({"min": -0.1, "max": 0.1, "scale": 2})") << -0.1 << 0.1 << 2 << true;
    QTest::newRow("decimal scale 0") << u"decimal"_s << QByteArray(R"({"min": 0, "max": 99, "scale": 0})")
                                     << 0.0 << 99.0 << 0 << true;
    QTest::newRow("amount") << u"amount"_s << QByteArray("{}") << 0.0 << 10000.0 << 2 << false;
    QTest::newRow("latitude") << u"latitude"_s << QByteArray("{}") << -90.0 << 90.0 << 6 << false;
    QTest::newRow("longitude") << u"longitude"_s << QByteArray(R"({"precision": 2})") << -180.0 << 180.0 << 2
                               << false;
    QTest::newRow("float") << u"float"_s << QByteArray("{}") << 0.0 << 1000.0 << -1 << false;
    QTest::newRow("double") << u"double"_s << QByteArray(R"({"min": -1, "max": 1})") << -1.0 << 1.0 << -1
                            << false;
}

void TestGenerate::numbers()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(int, scale);
    QFETCH(bool, ends);
    const Values values = generate(type, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const QString shape = scale < 0    ? u"-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?"_s
                          : scale == 0 ? u"-?[0-9]+"_s
                                       : u"-?[0-9]+\\.[0-9]{%1}"_s.arg(scale);
    double low = qInf(), high = -qInf();
    VERIFY_EACH(values, [&](const QString &v) {
        bool ok = false;
        const double number = scale == 0 ? double(v.toLongLong(&ok)) : v.toDouble(&ok);
        low = std::min(low, number);
        high = std::max(high, number);
        const double slack = 1e-9 * std::max(1.0, std::fabs(number));
        return ok && matches(shape, v) && number >= min - slack && number <= max + slack;
    });
    if (ends) {
        QCOMPARE(low, min);
        QCOMPARE(high, max);
    }
}

void TestGenerate::sqlWidths_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<int>("width"); // digits before the point, or characters
    QTest::newRow("decimal numeric(4,2)")
        << u"decimal"_s << QByteArray(R"({"min": 0, "max": 1000, "precision": 4, "scale": 2})") << 2;
    QTest::newRow("username varchar(3)")
        << u"username"_s << QByteArray(R"({"maxLength": 3, "unique": true})") << 3;
    QTest::newRow("string varchar(3)")
        << u"string"_s << QByteArray(R"({"maxLength": 3, "unique": true})") << 3;
}

void TestGenerate::sqlWidths()
{
    // precision and maxLength are also the size of the SQL column (types.json): the values must fit, or
    // the column is refused when they cannot.
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(int, width);
    const Values values = generate(type, constraints);
    if (!values.error.isEmpty())
        return;
    VERIFY_EACH(values, [&](const QString &v) {
        return (type == u"decimal"_s ? v.indexOf(u'.') : v.size()) <= width;
    });
}

void TestGenerate::strings_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<int>("minLength");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QString>("alphabet");
    const QString lower = u"abcdefghijklmnopqrstuvwxyz"_s;
    QTest::newRow("string default") << u"string"_s << QByteArray("{}") << 1 << 16 << lower;
    QTest::newRow("string 3..8") << u"string"_s
                                 << QByteArray(R"({"minLength": 3, "maxLength": 8, "alphabet": "abc123"})")
                                 << 3 << 8 << u"abc123"_s;
    QTest::newRow("string Unicode") << u"string"_s
                                    << QByteArray(R"({"minLength": 1, "maxLength": 4, "alphabet": "äöü€😀"})")
                                    << 1 << 4 << u"äöü€😀"_s;
    QTest::newRow("string unique")
        << u"string"_s << QByteArray(R"({"minLength": 2, "maxLength": 7, "alphabet": "xyz", "unique": true})")
        << 2 << 7 << u"xyz"_s;
    QTest::newRow("char") << u"char"_s << QByteArray(R"({"length": 5})") << 5 << 5 << lower;
    QTest::newRow("char digits") << u"char"_s << QByteArray(R"({"length": 2, "alphabet": "0123456789"})") << 2
                                 << 2 << u"0123456789"_s;
}

void TestGenerate::strings()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(int, minLength);
    QFETCH(int, maxLength);
    QFETCH(QString, alphabet);
    const Values values = generate(type, constraints);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const QList<uint> letters = alphabet.toUcs4();
    QSet<qsizetype> lengths;
    VERIFY_EACH(values, [&](const QString &v) {
        const QList<uint> characters = v.toUcs4(); // lengths in characters, not UTF-16 units
        lengths.insert(characters.size());
        return characters.size() >= minLength && characters.size() <= maxLength &&
               std::all_of(characters.begin(), characters.end(), [&](uint c) { return letters.contains(c); });
    });
    if (!constraints.contains("unique")) // every length comes up
        QCOMPARE(int(lengths.size()), maxLength - minLength + 1);
    else
        QCOMPARE(qint64(std::unordered_set<std::string>(values.text.begin(), values.text.end()).size()),
                 kRows);
}

void TestGenerate::patterns_data()
{
    QTest::addColumn<QString>("pattern");
    for (const QString &pattern :
         {u"[A-Z]{2}-[0-9]{4}"_s, u"(foo|bar)_\\d{2,4}"_s, u"[a-f0-9]{8}(-[a-f0-9]{4}){3}"_s,
          u"SITE-[0-9]{2}"_s, u"\\w+@\\w+\\.(com|org)"_s, u"[À-ÿ]{3}x?"_s, u"colou?r"_s, u"(ab|cd)+!"_s,
          u"[[:alpha:]]{2}[[:digit:]]"_s, u"a.b"_s, u"[^a-z]{3}"_s, u"^P[0-9]{6}$"_s,
          u"\\(\\d{3}\\) \\d{3}-\\d{4}"_s, u"[0-9]{0,3}z"_s})
        QTest::newRow(qPrintable(pattern)) << pattern;
}

void TestGenerate::patterns()
{
    QFETCH(QString, pattern);
    const QRegularExpression expression(QRegularExpression::anchoredPattern(pattern));
    QVERIFY2(expression.isValid(), qPrintable(expression.errorString()));
    const Values values =
        generate(u"pattern"_s, QJsonDocument(QJsonObject{{u"pattern"_s, pattern}}).toJson());
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    VERIFY_EACH(values, [&](const QString &v) { return expression.match(v).hasMatch(); });

    // Unique where the pattern allows it: as many distinct values as rows, all matching.
    const Values unique = generate(
        u"pattern"_s, QJsonDocument(QJsonObject{{u"pattern"_s, pattern}, {u"unique"_s, true}}).toJson(), 90);
    if (!unique.error.isEmpty())
        return; // a pattern with fewer than 90 values or two spellings of one value may be refused
    VERIFY_EACH(unique, [&](const QString &v) { return expression.match(v).hasMatch(); });
    QCOMPARE(std::unordered_set<std::string>(unique.text.begin(), unique.text.end()).size(), std::size_t(90));
}

void TestGenerate::postalCodes_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("en_US") << u"en_US"_s << u"\\d{5}"_s;
    // The UK Government Data Standards postcode expression.
    QTest::newRow("en_GB")
        << u"en_GB"_s
        << u"[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) [0-9][ABD-HJLNP-UW-Z]{2}"_s;
    QTest::newRow("de_DE") << u"de_DE"_s << u"\\d{5}"_s;
    QTest::newRow("fr_FR") << u"fr_FR"_s << u"\\d{5}"_s;
    QTest::newRow("es_ES") << u"es_ES"_s << u"(0[1-9]|[1-4]\\d|5[0-2])\\d{3}"_s;
}

void TestGenerate::postalCodes()
{
    QFETCH(QString, locale);
    QFETCH(QString, pattern);
    // Once through the column's locale, once through the schema's.
    const Values own = generate(u"postal_code"_s, QJsonDocument(QJsonObject{{u"locale"_s, locale}}).toJson());
    QVERIFY2(own.error.isEmpty(), qPrintable(own.error));
    VERIFY_EACH(own, [&](const QString &v) { return matches(pattern, v); });
    const Values inherited = generate(u"postal_code"_s, "{}", kRows, locale);
    QVERIFY2(inherited.error.isEmpty(), qPrintable(inherited.error));
    VERIFY_EACH(inherited, [&](const QString &v) { return matches(pattern, v); });
}

void TestGenerate::phones_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("countryCode");
    QTest::newRow("en_US") << u"en_US"_s << u"1"_s;
    QTest::newRow("en_GB") << u"en_GB"_s << u"44"_s;
    QTest::newRow("de_DE") << u"de_DE"_s << u"49"_s;
    QTest::newRow("fr_FR") << u"fr_FR"_s << u"33"_s;
    QTest::newRow("es_ES") << u"es_ES"_s << u"34"_s;
}

void TestGenerate::phones()
{
    QFETCH(QString, locale);
    QFETCH(QString, countryCode);
    const Values e164 = generate(u"phone"_s, R"({"format": "e164"})", kRows, locale);
    QVERIFY2(e164.error.isEmpty(), qPrintable(e164.error));
    VERIFY_EACH(e164, [&](const QString &v) {
        return matches(u"\\+[1-9]\\d{6,14}"_s, v) && v.startsWith(u'+' + countryCode);
    });
    const Values international = generate(u"phone"_s, R"({"format": "international"})", kRows, locale);
    QVERIFY2(international.error.isEmpty(), qPrintable(international.error));
    VERIFY_EACH(international, [&](const QString &v) {
        const qsizetype digits = QString(v).remove(QRegularExpression(u"[^0-9]"_s)).size();
        return v.startsWith(u'+' + countryCode + u' ') && matches(u"\\+[0-9 ()-]+"_s, v) && digits >= 7 &&
               digits <= 15;
    });
    const Values national = generate(u"phone"_s, "{}", kRows, locale);
    QVERIFY2(national.error.isEmpty(), qPrintable(national.error));
    VERIFY_EACH(national, [](const QString &v) {
        return matches(u"[0-9][0-9 ().-]+[0-9]|\\([0-9][0-9 ().-]+[0-9]"_s, v);
    });
}

void TestGenerate::enums()
{
    const QStringList list{u"red"_s, u"green"_s, u"blue"_s, u"it's \"quoted\""_s, u"ünïcödé"_s};
    const Values uniform = generate(
        u"enum"_s, QJsonDocument(QJsonObject{{u"values"_s, QJsonArray::fromStringList(list)}}).toJson());
    QVERIFY2(uniform.error.isEmpty(), qPrintable(uniform.error));
    QSet<QString> seen;
    VERIFY_EACH(uniform, [&](const QString &v) {
        seen.insert(v);
        return list.contains(v);
    });
    QCOMPARE(seen.size(), list.size());

    // A zero weight never comes up.
    const Values weighted =
        generate(u"enum"_s, R"({"values": ["a", "b", "c", "d"], "weights": [1, 0, 2, 0]})");
    QVERIFY2(weighted.error.isEmpty(), qPrintable(weighted.error));
    seen.clear();
    VERIFY_EACH(weighted, [&](const QString &v) {
        seen.insert(v);
        return v == u"a"_s || v == u"c"_s;
    });
    QCOMPARE(int(seen.size()), 2);

    const Values gender = generate(u"gender"_s, "{}");
    QVERIFY2(gender.error.isEmpty(), qPrintable(gender.error));
    VERIFY_EACH(gender, [](const QString &v) { return v == u"female"_s || v == u"male"_s; });
}

void TestGenerate::lorem_data()
{
    QTest::addColumn<int>("minWords");
    QTest::addColumn<int>("maxWords");
    QTest::newRow("3..9 words") << 3 << 9;
    QTest::newRow("150..200 words") << 150 << 200; // longer than the generator's sentence buffer
}

void TestGenerate::lorem()
{
    QFETCH(int, minWords);
    QFETCH(int, maxWords);
    const QByteArray constraints =
        QJsonDocument(QJsonObject{{u"minWords"_s, minWords}, {u"maxWords"_s, maxWords}})
            .toJson(QJsonDocument::Compact);
    const Values sentences = generate(u"lorem_sentence"_s, constraints);
    QVERIFY2(sentences.error.isEmpty(), qPrintable(sentences.error));
    QSet<qsizetype> counts;
    VERIFY_EACH(sentences, [&](const QString &v) {
        const qsizetype words = v.count(u' ') + 1;
        counts.insert(words);
        return matches(u"[A-Z][a-z]*( [a-z]+)*\\."_s, v) && words >= minWords && words <= maxWords;
    });
    QCOMPARE(int(counts.size()), maxWords - minWords + 1); // every count comes up

    const Values paragraphs = generate(u"lorem_paragraph"_s, R"({"minSentences": 2, "maxSentences": 4})");
    QVERIFY2(paragraphs.error.isEmpty(), qPrintable(paragraphs.error));
    VERIFY_EACH(paragraphs, [](const QString &v) {
        const qsizetype sentences = v.count(u'.');
        return matches(u"([A-Z][a-z]*( [a-z]+)*\\.)( [A-Z][a-z]*( [a-z]+)*\\.)*"_s, v) && sentences >= 2 &&
               sentences <= 4;
    });

    const Values words = generate(u"lorem_word"_s, "{}");
    QVERIFY2(words.error.isEmpty(), qPrintable(words.error));
    VERIFY_EACH(words, [](const QString &v) { return matches(u"[a-z]+"_s, v); });
}

void TestGenerate::templates()
{
    // Names with umlauts, accents and apostrophes, a NULL-able column and literal braces.
    const Schema schema = oneTable(
        kRows,
        {column(u"first"_s, u"first_name"_s, R"({"locale": "fr_FR"})"), column(u"last"_s, u"last_name"_s),
         column(u"irish"_s, u"last_name"_s, R"({"locale": "en_GB"})"), column(u"city"_s, u"city"_s),
         column(u"note"_s, u"lorem_word"_s, R"({"nullPercent": 50})"),
         column(
             u"t"_s, u"template"_s,
             R"({"template": "{first|lower}.{last|upper} <{city|slug}> [{last|ascii}] ({irish|title}) {first|ascii|upper}#{id}{{{note}}}"})"),
         column(u"mail"_s, u"template"_s,
                R"({"template": "{first|ascii|lower}.{last|slug}@x.example", "unique": false})")},
        u"de_DE"_s);
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Values> columns = tableValues(*compiled.plan, u"t"_s);
    QSet<QString> changedByAscii;
    for (qint64 row = 0; row < kRows; ++row) {
        const QString id = columns[0].at(row), first = columns[1].at(row), last = columns[2].at(row),
                      irish = columns[3].at(row), city = columns[4].at(row), note = columns[5].at(row);
        const QString expected = first.toLower() + u'.' + last.toUpper() + u" <"_s + slugFilter(city) +
                                 u"> ["_s + asciiFilter(last) + u"] ("_s + titleFilter(irish) + u") "_s +
                                 asciiFilter(first).toUpper() + u'#' + id + u'{' + note + u'}';
        QCOMPARE(columns[6].at(row), expected);
        QCOMPARE(columns[7].at(row),
                 asciiFilter(first).toLower() + u'.' + slugFilter(last) + u"@x.example"_s);
        if (asciiFilter(last) != last)
            changedByAscii.insert(last);
    }
    QVERIFY2(changedByAscii.size() >= 3, "the German names should put umlauts through the ascii filter");
    QVERIFY(columns[5].nulls() > kRows / 3);

    // A type as placeholder: a fresh value of that type per row.
    const Values typed = generate(u"template"_s, R"({"template": "{lorem_word|upper}-{hex_color}"})");
    QVERIFY2(typed.error.isEmpty(), qPrintable(typed.error));
    VERIFY_EACH(typed, [](const QString &v) { return matches(u"[A-Z]+-#[0-9a-f]{6}"_s, v); });
}

void TestGenerate::jsonObjects()
{
    const Values values = generate(u"json"_s, R"({"fields": {
        "size": {"type": "enum", "constraints": {"values": ["S", "M", "L"]}},
        "price": {"type": "decimal", "constraints": {"min": 1, "max": 2, "scale": 2}},
        "active": {"type": "boolean"},
        "note": {"type": "lorem_word", "constraints": {"nullPercent": 50}},
        "quote": {"type": "enum", "constraints": {"values": ["say \"hi\" \\ \u0001 ünï"]}}}})");
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const QStringList keys{u"active"_s, u"note"_s, u"price"_s, u"quote"_s, u"size"_s};
    int nullNotes = 0;
    VERIFY_EACH(values, [&](const QString &v) {
        const QJsonObject object = QJsonDocument::fromJson(v.toUtf8()).object();
        const double price = object.value(u"price"_s).toDouble(-1);
        const QJsonValue note = object.value(u"note"_s);
        nullNotes += note.isNull() ? 1 : 0;
        return object.keys() == keys &&
               QStringList{u"S"_s, u"M"_s, u"L"_s}.contains(object.value(u"size"_s).toString()) &&
               price >= 1 && price <= 2 && object.value(u"active"_s).isBool() &&
               (note.isNull() || matches(u"[a-z]+"_s, note.toString())) &&
               object.value(u"quote"_s).toString() == u"say \"hi\" \\ \x01 ünï"_s;
    });
    QVERIFY2(std::abs(nullNotes - kRows / 2) < 4 * std::sqrt(kRows * 0.25),
             qPrintable(QString::number(nullNotes)));
}

void TestGenerate::jsonFieldTemplate()
{
    // A field of type template reads the row's other columns as a template column does, here one that
    // comes after the json column. Checked in a child process, since reading a column that is not filled
    // yet may crash.
    if (!qEnvironmentVariableIsSet("TST_GENERATE_CHILD")) {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TST_GENERATE_CHILD"_s, u"1"_s);
        environment.insert(u"QTEST_DISABLE_STACK_DUMP"_s, u"1"_s);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {u"jsonFieldTemplate"_s});
        QVERIFY(child.waitForFinished(300000));
        QVERIFY2(
            child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
            qPrintable(
                u"the child process %1:\n"_s.arg(child.exitStatus() == QProcess::NormalExit ? u"failed"_s
                                                                                            : u"crashed"_s) +
                QString::fromUtf8(child.readAllStandardOutput() + child.readAllStandardError()).right(4000)));
        return;
    }
    const Schema schema = oneTable(
        kRows,
        {column(
             u"doc"_s, u"json"_s,
             R"({"fields": {"greeting": {"type": "template", "constraints": {"template": "Hi {name|upper}!"}}}})"),
         column(u"name"_s, u"first_name"_s)});
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Values> columns = tableValues(*compiled.plan, u"t"_s);
    for (qint64 row = 0; row < kRows; ++row)
        QCOMPARE(QJsonDocument::fromJson(columns[1].text[std::size_t(row)].c_str())
                     .object()
                     .value(u"greeting"_s)
                     .toString(),
                 u"Hi "_s + columns[2].at(row).toUpper() + u'!');
}

// --- 3. Statistics ---

void TestGenerate::nullPercent()
{
    const Values values = generate(u"integer"_s, R"({"min": 1, "max": 9, "nullPercent": 30})", kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const double expected = 0.3 * kStatRows, sigma = std::sqrt(kStatRows * 0.3 * 0.7);
    QVERIFY2(std::fabs(double(values.nulls()) - expected) < 4 * sigma,
             qPrintable(u"%1 NULLs in %2 rows, expected %3 ± %4"_s.arg(values.nulls())
                            .arg(kStatRows)
                            .arg(expected)
                            .arg(4 * sigma)));
    VERIFY_EACH(values, [](const QString &v) { return matches(u"[1-9]"_s, v); });
}

void TestGenerate::truePercent()
{
    const Values values = generate(u"boolean"_s, R"({"truePercent": 80})", kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const qint64 trues = std::count(values.text.begin(), values.text.end(), "true");
    QCOMPARE(trues + std::count(values.text.begin(), values.text.end(), "false"), kStatRows);
    const double expected = 0.8 * kStatRows, sigma = std::sqrt(kStatRows * 0.8 * 0.2);
    QVERIFY2(std::fabs(double(trues) - expected) < 4 * sigma,
             qPrintable(u"%1 true in %2 rows, expected %3 ± %4"_s.arg(trues).arg(kStatRows).arg(expected).arg(
                 4 * sigma)));
}

void TestGenerate::enumWeights()
{
    const Values values = generate(
        u"enum"_s,
        R"({"values": ["delivered", "shipped", "pending", "cancelled"], "weights": [70, 15, 10, 5]})",
        kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const std::vector<std::string> names{"delivered", "shipped", "pending", "cancelled"};
    const double shares[] = {0.70, 0.15, 0.10, 0.05};
    double chi2 = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const double observed = double(std::count(values.text.begin(), values.text.end(), names[i]));
        const double expected = shares[i] * kStatRows;
        chi2 += (observed - expected) * (observed - expected) / expected;
    }
    QVERIFY2(chi2 < kChi2Df3, qPrintable(u"chi-square %1 >= %2"_s.arg(chi2).arg(kChi2Df3)));
}

void TestGenerate::uniformIntegers()
{
    const Values values = generate(u"integer"_s, R"({"min": 1, "max": 10})", kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    double chi2 = 0;
    const double expected = kStatRows / 10.0;
    for (int k = 1; k <= 10; ++k) {
        const double observed = double(std::count(values.text.begin(), values.text.end(), std::to_string(k)));
        chi2 += (observed - expected) * (observed - expected) / expected;
    }
    QVERIFY2(chi2 < kChi2Df9, qPrintable(u"chi-square %1 >= %2"_s.arg(chi2).arg(kChi2Df9)));
}

void TestGenerate::normalDistribution_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    // Mean and standard deviation are in the column's units (Distribution.h), whatever the scale.
    QTest::newRow("integer")
        << u"integer"_s
        << QByteArray(
               R"({"min": 0, "max": 1000, "distribution": {"name": "normal", "mean": 400, "stddev": 50}})");
    QTest::newRow("decimal") << u"decimal"_s << QByteArray(R"({"min": 0, "max": 1000, "scale": 2,
                                               "distribution": {"name": "normal", "mean": 400, "stddev": 50}})");
    QTest::newRow("amount")
        << u"amount"_s
        << QByteArray(
               R"({"min": 0, "max": 1000, "distribution": {"name": "normal", "mean": 400, "stddev": 50}})");
}

void TestGenerate::normalDistribution()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    const Values values = generate(type, constraints, kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    double sum = 0, squares = 0;
    for (const std::string &text : values.text) {
        const double x = std::stod(text);
        sum += x;
        squares += x * x;
    }
    const double mean = sum / kStatRows, stddev = std::sqrt(squares / kStatRows - mean * mean);
    // 4 sigma of the mean (50 / sqrt(n) = 0.16) and of the standard deviation (50 / sqrt(2n) = 0.11).
    QVERIFY2(std::fabs(mean - 400) < 0.65, qPrintable(u"mean %1, expected 400"_s.arg(mean)));
    QVERIFY2(std::fabs(stddev - 50) < 0.5, qPrintable(u"standard deviation %1, expected 50"_s.arg(stddev)));
}

void TestGenerate::zipfHead()
{
    const Values values = generate(
        u"integer"_s, R"({"min": 1, "max": 100, "distribution": {"name": "zipf", "s": 1.1}})", kStatRows);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    const double h = harmonic(100, 1.1);
    for (int rank : {1, 2, 10}) {
        const double p = std::pow(rank, -1.1) / h;
        const double observed =
            double(std::count(values.text.begin(), values.text.end(), std::to_string(rank)));
        const double sigma = std::sqrt(kStatRows * p * (1 - p));
        QVERIFY2(std::fabs(observed - kStatRows * p) < 4 * sigma,
                 qPrintable(u"rank %1: %2 of %3 rows, expected %4 ± %5"_s.arg(rank)
                                .arg(observed)
                                .arg(kStatRows)
                                .arg(kStatRows * p)
                                .arg(4 * sigma)));
    }
}

// --- 4. Keys ---

void TestGenerate::uniqueIntegerIsPermutation()
{
    constexpr qint64 n = 100000;
    const Values values = generate(u"integer"_s, R"({"min": -5000, "max": 94999, "unique": true})", n);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    std::vector<qint64> numbers;
    for (const std::string &text : values.text)
        numbers.push_back(std::stoll(text));
    std::sort(numbers.begin(), numbers.end());
    for (qint64 i = 0; i < n; ++i)
        QCOMPARE(numbers[std::size_t(i)], i - 5000);
    // …and not in order: a permutation that looks random.
    QVERIFY(values.text[0] != "-5000" || values.text[1] != "-4999");
}

void TestGenerate::uniqueDistinct_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("rows");
    constexpr qint64 many = 200000, some = 50000;
    QTest::newRow("string") << u"string"_s
                            << QByteArray(R"({"unique": true, "minLength": 4, "maxLength": 6})") << QString()
                            << many;
    QTest::newRow("pattern") << u"pattern"_s
                             << QByteArray(R"({"unique": true, "pattern": "[A-Z]{2}-[0-9]{4}"})") << QString()
                             << many;
    QTest::newRow("uuid") << u"uuid"_s << QByteArray(R"({"unique": true})") << QString() << many;
    QTest::newRow("uuid v7") << u"uuid"_s << QByteArray(R"({"unique": true, "version": "v7"})") << QString()
                             << many;
    QTest::newRow("email") << u"email"_s << QByteArray(R"({"unique": true})") << QString() << many;
    QTest::newRow("email de_DE") << u"email"_s << QByteArray(R"({"unique": true})") << u"de_DE"_s << some;
    QTest::newRow("iban") << u"iban"_s << QByteArray(R"({"unique": true})") << QString() << many;
    QTest::newRow("iban DE") << u"iban"_s << QByteArray(R"({"unique": true, "country": "DE"})") << QString()
                             << many;
    QTest::newRow("ean13") << u"ean13"_s << QByteArray(R"({"unique": true})") << QString() << many;
    QTest::newRow("isbn13") << u"isbn13"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("credit_card") << u"credit_card"_s << QByteArray(R"({"unique": true})") << QString()
                                 << some;
    QTest::newRow("username") << u"username"_s << QByteArray(R"({"unique": true, "maxLength": 12})")
                              << QString() << some;
    QTest::newRow("url") << u"url"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("slug") << u"slug"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("domain") << u"domain"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("ipv4") << u"ipv4"_s << QByteArray(R"({"unique": true, "cidr": "10.0.0.0/16"})")
                          << QString() << qint64(65536);
    QTest::newRow("ipv6") << u"ipv6"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("mac_address") << u"mac_address"_s << QByteArray(R"({"unique": true})") << QString()
                                 << some;
    QTest::newRow("decimal") << u"decimal"_s
                             << QByteArray(R"({"unique": true, "min": 0, "max": 600, "scale": 2})")
                             << QString() << some;
    QTest::newRow("timestamp") << u"timestamp"_s << QByteArray(R"({"unique": true})") << QString() << some;
    QTest::newRow("template") << u"template"_s
                              << QByteArray(R"({"unique": true, "template": "{id|upper}-{lorem_word}"})")
                              << QString() << some;
}

void TestGenerate::uniqueDistinct()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(QString, locale);
    QFETCH(qint64, rows);
    const Values values = generate(type, constraints, rows, locale);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QCOMPARE(values.size(), rows);
    QCOMPARE(values.nulls(), 0);
    std::unordered_map<std::string, qint64> seen;
    seen.reserve(std::size_t(rows));
    for (qint64 row = 0; row < rows; ++row) {
        const auto [at, inserted] = seen.emplace(values.text[std::size_t(row)], row);
        QVERIFY2(
            inserted,
            qPrintable(u"rows %1 and %2 are both \"%3\""_s.arg(at->second).arg(row).arg(values.at(row))));
    }
}

void TestGenerate::uniqueEnumRefused()
{
    const QByteArray constraints = R"({"values": ["a", "b", "c"], "unique": true})";
    const Compiled refused = compile(oneTable(4, {column(u"status"_s, u"enum"_s, constraints)}));
    QVERIFY(!refused.plan);
    QVERIFY2(refused.error.contains(u"t.status"_s), qPrintable(refused.error));
    // As many rows as values: each value once.
    const Values values = generate(u"enum"_s, constraints, 3);
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QStringList sorted;
    for (qint64 row = 0; row < 3; ++row)
        sorted << values.at(row);
    sorted.sort();
    QCOMPARE(sorted, (QStringList{u"a"_s, u"b"_s, u"c"_s}));
}

void TestGenerate::uniqueEnumSkipsZeroWeights()
{
    // Two values can come up, so two rows are allowed; the zero-weight value must not be one of them.
    for (quint64 seed = 1; seed <= 8; ++seed) {
        const Values values =
            generate(u"enum"_s, R"({"values": ["a", "b", "never"], "weights": [1, 1, 0], "unique": true})", 2,
                     {}, seed);
        QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
        VERIFY_EACH(values, [](const QString &v) { return v != u"never"_s; });
    }
}

void TestGenerate::uniqueSampleObserved()
{
    // Five samples, three distinct: a unique column cannot have five rows (refused), or its rows differ.
    Column value = column(u"v"_s, u"sample"_s, R"({"frequency": "observed", "unique": true})");
    value.samples = {u"x"_s, u"y"_s, u"x"_s, u"z"_s, u"y"_s};
    const Schema schema = oneTable(5, {value});
    const Compiled compiled = compile(schema);
    if (!compiled.plan)
        return;
    const Values values = tableValues(*compiled.plan, u"t"_s)[1];
    QCOMPARE(std::unordered_set<std::string>(values.text.begin(), values.text.end()).size(), std::size_t(5));
}

void TestGenerate::uniqueTemplateWithNulls()
{
    // A unique template over a unique column that has NULLs: the rows without the column must not all
    // come out the same.
    const Schema schema = oneTable(
        kRows,
        {column(u"code"_s, u"pattern"_s, R"({"pattern": "[A-Z]{6}", "unique": true, "nullPercent": 30})"),
         column(u"v"_s, u"template"_s, R"({"template": "{code}-x", "unique": true})")});
    const Values values = valuesOf(schema, u"t"_s, u"v"_s);
    if (!values.error.isEmpty())
        return; // refused: also fine
    std::unordered_map<std::string, qint64> seen;
    for (qint64 row = 0; row < values.size(); ++row) {
        if (values.null[std::size_t(row)])
            continue;
        const auto [at, inserted] = seen.emplace(values.text[std::size_t(row)], row);
        QVERIFY2(
            inserted,
            qPrintable(u"rows %1 and %2 are both \"%3\""_s.arg(at->second).arg(row).arg(values.at(row))));
    }
}

void TestGenerate::foreignKeys_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::newRow("sequence") << u"sequence"_s
                              << QByteArray(R"({"primaryKey": true, "start": 100, "step": 3})");
    QTest::newRow("uuid primary key") << u"uuid"_s << QByteArray(R"({"primaryKey": true})");
    QTest::newRow("unique integer")
        << u"integer"_s << QByteArray(R"({"unique": true, "notNull": true, "min": 1000, "max": 999999})");
    QTest::newRow("unique pattern") << u"pattern"_s
                                    << QByteArray(
                                           R"({"unique": true, "notNull": true, "pattern": "K-[0-9]{5}"})");
    QTest::newRow("unique email") << u"email"_s << QByteArray(R"({"unique": true, "notNull": true})");
}

// A unique column may hold NULLs, but a child could then point at a row whose key is not there: the plan
// refuses such a reference instead of producing a foreign key the database rejects.
void TestGenerate::foreignKeyToNullableKeyIsRefused()
{
    Schema schema;
    schema.name = u"keys"_s;
    Table parent{u"parent"_s, {}, 100, {}};
    parent.columns = {column(u"key"_s, u"pattern"_s, R"({"unique": true, "nullPercent": 40, "pattern": "N-[0-9]{5}"})")};
    Table child{u"child"_s, {}, 100, {}};
    child.columns = {column(u"parent_key"_s, u"foreign_key"_s, R"({"references": "parent.key"})")};
    schema.tables = {child, parent};
    const auto plan = Plan::compile(schema, {});
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().toString(), u"child.parent_key: references parent.key, which has NULLs (nullPercent); a "
                                      "referenced key needs a value in every row"_s);
}

void TestGenerate::foreignKeys()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    Schema schema;
    schema.name = u"keys"_s;
    schema.tables = {Table{u"child"_s,
                           {},
                           5000,
                           {idColumn(), column(u"parent_key"_s, u"foreign_key"_s,
                                               R"({"references": "parent.key", "notNull": true})")}},
                     Table{u"parent"_s, {}, 1000, {column(u"key"_s, type, constraints)}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    QCOMPARE(compiled.plan->tables()[0].name, u"parent"_s); // parents first
    const Values keys = tableValues(*compiled.plan, u"parent"_s)[0];
    const Values children = tableValues(*compiled.plan, u"child"_s)[1];
    std::unordered_set<std::string> parentKeys;
    for (qint64 row = 0; row < keys.size(); ++row)
        if (!keys.null[std::size_t(row)])
            parentKeys.insert(keys.text[std::size_t(row)]);
    QCOMPARE(children.nulls(), 0);
    std::unordered_set<std::string> referenced;
    VERIFY_EACH(children, [&](const QString &v) {
        referenced.insert(v.toStdString());
        return parentKeys.count(v.toStdString()) == 1;
    });
    // 5 children per parent: all but about e^-5 of the parents have one.
    QVERIFY2(referenced.size() > parentKeys.size() * 95 / 100,
             qPrintable(u"%1 of %2 parents referenced"_s.arg(referenced.size()).arg(parentKeys.size())));
}

void TestGenerate::selfReference_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::newRow("sequence") << u"sequence"_s << QByteArray(R"({"primaryKey": true})");
    QTest::newRow("uuid") << u"uuid"_s << QByteArray(R"({"primaryKey": true, "version": "v7"})");
}

void TestGenerate::selfReference()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    Schema schema;
    schema.name = u"tree"_s;
    schema.tables = {
        Table{u"node"_s,
              {},
              3000,
              {column(u"id"_s, type, constraints),
               column(u"parent_id"_s, u"foreign_key"_s, R"({"references": "node.id", "nullPercent": 10})")}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Values> columns = tableValues(*compiled.plan, u"node"_s);
    std::unordered_map<std::string, qint64> rowOf;
    for (qint64 row = 0; row < columns[0].size(); ++row)
        rowOf.emplace(columns[0].text[std::size_t(row)], row);
    QVERIFY(columns[1].null[0]); // the first row has nothing to point at
    QVERIFY2(std::abs(columns[1].nulls() - 300) < 100, qPrintable(QString::number(columns[1].nulls())));
    for (qint64 row = 1; row < columns[1].size(); ++row) {
        if (columns[1].null[std::size_t(row)])
            continue;
        const auto parent = rowOf.find(columns[1].text[std::size_t(row)]);
        QVERIFY2(parent != rowOf.end() && parent->second < row,
                 qPrintable(u"row %1 points at %2"_s.arg(row).arg(columns[1].at(row))));
    }
}

void TestGenerate::oneToOne()
{
    for (const qint64 childRows : {qint64(1000), qint64(400)}) {
        Schema schema;
        schema.name = u"one to one"_s;
        schema.tables = {
            Table{u"person"_s, {}, 1000, {column(u"id"_s, u"uuid"_s, R"({"primaryKey": true})")}},
            Table{u"passport"_s,
                  {},
                  childRows,
                  {idColumn(), column(u"person_id"_s, u"foreign_key"_s,
                                      R"({"references": "person.id", "unique": true, "notNull": true})")}}};
        const Compiled compiled = compile(schema);
        QVERIFY2(compiled.plan, qPrintable(compiled.error));
        std::vector<std::string> parents = tableValues(*compiled.plan, u"person"_s)[0].text;
        std::vector<std::string> children = tableValues(*compiled.plan, u"passport"_s)[1].text;
        std::sort(parents.begin(), parents.end());
        std::sort(children.begin(), children.end());
        QVERIFY(std::adjacent_find(children.begin(), children.end()) == children.end());
        QVERIFY(std::includes(parents.begin(), parents.end(), children.begin(), children.end()));
        if (childRows == 1000)
            QVERIFY(children == parents); // a permutation of the parent keys
    }
    // More children than parents cannot be one to one.
    Schema tooMany;
    tooMany.name = u"too many"_s;
    tooMany.tables = {Table{u"person"_s, {}, 10, {idColumn()}},
                      Table{u"passport"_s,
                            {},
                            11,
                            {idColumn(), column(u"person_id"_s, u"foreign_key"_s,
                                                R"({"references": "person.id", "unique": true})")}}};
    const Compiled refused = compile(tooMany);
    QVERIFY(!refused.plan);
    QVERIFY2(refused.error.contains(u"passport.person_id"_s), qPrintable(refused.error));
}

void TestGenerate::compositePrimaryKey()
{
    // blog's post_tags: the pair is the key; each column alone repeats (50 posts × 10 tags, 300 links).
    Schema schema;
    schema.name = u"links"_s;
    schema.tables = {
        Table{u"posts"_s, {}, 50, {idColumn()}}, Table{u"tags"_s, {}, 10, {idColumn()}},
        Table{u"post_tags"_s,
              {},
              300,
              {column(u"post_id"_s, u"foreign_key"_s, R"({"primaryKey": true, "references": "posts.id"})"),
               column(u"tag_id"_s, u"foreign_key"_s, R"({"primaryKey": true, "references": "tags.id"})")}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    const std::vector<Values> columns = tableValues(*compiled.plan, u"post_tags"_s);
    std::set<std::pair<std::string, std::string>> pairs;
    for (qint64 row = 0; row < 300; ++row) {
        QVERIFY(!columns[0].null[std::size_t(row)] && !columns[1].null[std::size_t(row)]);
        QVERIFY2(
            pairs.emplace(columns[0].text[std::size_t(row)], columns[1].text[std::size_t(row)]).second,
            qPrintable(u"row %1 repeats (%2, %3)"_s.arg(row).arg(columns[0].at(row), columns[1].at(row))));
    }
}

void TestGenerate::cardinality_data()
{
    QTest::addColumn<QByteArray>("cardinality");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("variance");
    QTest::newRow("0..4") << QByteArray(R"({"min": 0, "max": 4})") << 0 << 4 << 2.0 << 2.0;
    QTest::newRow("3..3") << QByteArray(R"({"min": 3, "max": 3})") << 3 << 3 << 3.0 << 0.0;
    QTest::newRow("poisson 3") << QByteArray(R"({"distribution": {"name": "poisson", "lambda": 3}})") << 0
                               << 1000000 << 3.0 << 3.0;
}

void TestGenerate::cardinality()
{
    QFETCH(QByteArray, cardinality);
    QFETCH(int, min);
    QFETCH(int, max);
    QFETCH(double, mean);
    QFETCH(double, variance);
    constexpr int parents = 2000;
    QJsonObject constraints{{u"references"_s, u"parent.id"_s}, {u"notNull"_s, true}};
    constraints.insert(u"cardinality"_s, QJsonDocument::fromJson(cardinality).object());
    Schema schema;
    schema.name = u"cardinality"_s;
    schema.tables = {
        Table{u"parent"_s, {}, parents, {idColumn()}},
        Table{
            u"child"_s, {}, 1, {idColumn(), Column{u"parent_id"_s, u"foreign_key"_s, constraints, {}, {}}}}};
    const Compiled compiled = compile(schema);
    QVERIFY2(compiled.plan, qPrintable(compiled.error));
    // The child table's rows are the sum of the counts, whatever the schema says; any chunking gives them.
    const Values children = tableValues(*compiled.plan, u"child"_s)[1];
    QCOMPARE(children.size(), compiled.plan->tables()[1].rows);
    QCOMPARE(tableValues(*compiled.plan, u"child"_s, 1)[1].text, children.text);
    QCOMPARE(children.nulls(), 0);
    // Children of one parent are consecutive rows.
    std::unordered_map<std::string, int> counts;
    for (qint64 row = 0; row < children.size(); ++row) {
        const std::string &key = children.text[std::size_t(row)];
        QVERIFY2(counts.count(key) == 0 || children.text[std::size_t(row - 1)] == key,
                 qPrintable(u"row %1: parent %2 comes back"_s.arg(row).arg(children.at(row))));
        ++counts[key];
    }
    for (const auto &[key, count] : counts) {
        QVERIFY2(count >= min && count <= max,
                 qPrintable(u"parent %1 has %2 children"_s.arg(QString::fromStdString(key)).arg(count)));
        QVERIFY(std::stoll(key) >= 1 && std::stoll(key) <= parents);
    }
    if (min == 0) // parents without children have none
        QVERIFY(int(counts.size()) < parents);
    const double tolerance = 4 * std::sqrt(variance / parents) + 1e-9;
    QVERIFY2(std::fabs(double(children.size()) / parents - mean) <= tolerance,
             qPrintable(u"%1 children of %2 parents"_s.arg(children.size()).arg(parents)));
}

QTEST_GUILESS_MAIN(TestGenerate)
#include "tst_generate.moc"
