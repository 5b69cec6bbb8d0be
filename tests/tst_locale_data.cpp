// The compiled-in word lists (resources/core/words/) against the agreed layout, and the loader that reads
// them (core/generate/LocaleData): parse errors, weighted picks, templates, determinism.
#include "generate/LocaleData.h"
#include "generate/Random.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using Weights = WordList::Weights;

// One file of the agreed layout (wordspec.md): fields without the weight, whether a weight may follow,
// and the minimum number of entries.
struct FileSpec
{
    const char *name;
    int fields;
    Weights weights;
    int minimum;
};

constexpr FileSpec kLocaleFiles[] = {
    {"first_names_female.txt", 1, Weights::Allowed, 150},
    {"first_names_male.txt", 1, Weights::Allowed, 150},
    {"last_names.txt", 1, Weights::Allowed, 250},
    {"titles_female.txt", 1, Weights::Forbidden, 1},
    {"titles_male.txt", 1, Weights::Forbidden, 1},
    {"titles_neutral.txt", 1, Weights::Forbidden, 1},
    {"streets.txt", 1, Weights::Forbidden, 200},
    {"cities.txt", 4, Weights::Forbidden, 100},
    {"phone.txt", 3, Weights::Forbidden, 3},
    {"company_suffixes.txt", 1, Weights::Allowed, 5},
    {"company_words.txt", 1, Weights::Forbidden, 120},
    {"departments.txt", 1, Weights::Forbidden, 30},
    {"industries.txt", 1, Weights::Forbidden, 50},
    {"job_titles.txt", 1, Weights::Forbidden, 150},
    {"email_domains.txt", 1, Weights::Allowed, 8},
    {"email_domains_reserved.txt", 1, Weights::Allowed, 5},
};

constexpr FileSpec kCommonFiles[] = {
    {"lorem_words.txt", 1, Weights::Forbidden, 400},  {"tlds.txt", 1, Weights::Allowed, 30},
    {"domain_words.txt", 1, Weights::Forbidden, 250}, {"user_agents.txt", 1, Weights::Allowed, 50},
    {"countries.txt", 7, Weights::Forbidden, 249},    {"time_zones.txt", 1, Weights::Forbidden, 300},
};

// Per locale: postal code syntax, E.164 country code, and the region codes the spec names (empty = any
// code of 1-3 upper-case letters or digits).
struct LocaleSpec
{
    const char *locale;
    const char *postal;
    const char *countryCode;
    const char *regionCodes;
};

constexpr LocaleSpec kLocaleSpecs[] = {
    {"en_US", R"(^\d{5}$)", "1",
     "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
     "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"},
    // Outward code A9, A99, AA9, AA99, A9A or AA9A with the letters each position allows, a space, and an
    // inward code of a digit and two letters without C, I, K, M, O, V.
    {"en_GB",
     R"(^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$)",
     "44", ""},
    {"de_DE", R"(^\d{5}$)", "49", "BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH"},
    {"fr_FR", R"(^\d{5}$)", "33", ""},
    {"es_ES", R"(^(0[1-9]|[1-4]\d|5[0-2])\d{3}$)", "34", ""},
};

QString resourcePath(const char *folder, const char *file)
{
    return u":/fabrica/words/"_s + QLatin1StringView(folder) + u'/' + QLatin1StringView(file);
}

const FileSpec &localeFile(const char *name)
{
    for (const FileSpec &spec : kLocaleFiles) {
        if (qstrcmp(spec.name, name) == 0)
            return spec;
    }
    qFatal("no such file in the spec: %s", name);
}

// Reads and parses a compiled-in file; on failure says why in error.
std::optional<WordList> loadFile(const char *folder, const FileSpec &spec, QString &error)
{
    QFile file(resourcePath(folder, spec.name));
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.fileName() + u" is missing"_s;
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    Result<WordList> list = WordList::parse(data, file.fileName(), spec.fields, spec.weights);
    if (!list) {
        error = list.error().toString();
        return std::nullopt;
    }
    if (!data.endsWith('\n')) {
        error = file.fileName() + u": the last line has no line end"_s;
        return std::nullopt;
    }
    if (!data.startsWith('#')) {
        error = file.fileName() + u": the file does not start with a comment saying what it is"_s;
        return std::nullopt;
    }
    return std::move(list).value();
}

bool localeComplete(const char *locale, QString &error)
{
    for (const FileSpec &spec : kLocaleFiles) {
        if (!loadFile(locale, spec, error))
            return false;
    }
    return true;
}

// Whether the loader can be called without ending in qFatal: every file it reads parses.
bool loadable(const char *locale, QString &error)
{
    for (const FileSpec &spec : kCommonFiles) {
        if (!loadFile("common", spec, error))
            return false;
    }
    return localeComplete(locale, error);
}

#define REQUIRE_LOADABLE(locale)                                                                             \
    do {                                                                                                     \
        QString error;                                                                                       \
        if (!loadable(locale, error))                                                                        \
            QFAIL(qPrintable(u"not loaded: "_s + error));                                                    \
    } while (false)

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

// The '#' and 'N' placeholders of a phone template, in order.
std::string phonePlaceholders(const std::string &pattern)
{
    std::string result;
    for (const char c : pattern) {
        if (c == '#' || c == 'N')
            result += c;
    }
    return result;
}

std::string digitsOf(const std::string &s)
{
    std::string result;
    for (const char c : s) {
        if (c >= '0' && c <= '9')
            result += c;
    }
    return result;
}

std::vector<std::string> alternatives(const std::string &field)
{
    std::vector<std::string> result;
    for (const QString &part : text(field).split(u'|'))
        result.push_back(part.toStdString());
    return result;
}

// Pearson's chi-square statistic of observed counts against expected probabilities.
double chiSquare(const std::vector<std::int64_t> &observed, const std::vector<double> &probabilities,
                 std::int64_t draws)
{
    double chi = 0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        const double expected = probabilities[i] * double(draws);
        const double d = double(observed[i]) - expected;
        chi += d * d / expected;
    }
    return chi;
}

// The chi-square value that a correct sampler exceeds with probability 0.001 (Wilson-Hilferty).
double chiSquareCritical(int degreesOfFreedom)
{
    const double k = degreesOfFreedom;
    const double z = 3.090; // upper 0.1 % point of the standard normal distribution
    const double t = 1.0 - 2.0 / (9.0 * k) + z * std::sqrt(2.0 / (9.0 * k));
    return k * t * t * t;
}

} // namespace

class TestLocaleData : public QObject
{
    Q_OBJECT

private slots:
    void loaderMatchesSpec();
    void localeFiles_data();
    void localeFiles();
    void commonFiles_data();
    void commonFiles();
    void cities_data();
    void cities();
    void phones_data();
    void phones();
    void countries();
    void timeZones();
    void loadsEveryLocale_data();
    void loadsEveryLocale();
    void localeLookup();
    void weightedPicks_data();
    void weightedPicks();
    void uniformPicks();
    void determinism();
    void fillTemplates();
    void concurrentFirstUse();
    void parseAccepts();
    void parseRejects_data();
    void parseRejects();
};

// The loader's file names and weight rules are the spec's.
void TestLocaleData::loaderMatchesSpec()
{
    QCOMPARE(LocaleData::locales(),
             (QStringList{u"en_US"_s, u"en_GB"_s, u"de_DE"_s, u"fr_FR"_s, u"es_ES"_s}));
    for (int i = 0; i < LocaleData::kListCount; ++i) {
        const auto which = LocaleData::List(i);
        const FileSpec &spec = localeFile(LocaleData::fileName(which));
        QCOMPARE(spec.fields, 1);
        QCOMPARE(LocaleData::weights(which), spec.weights);
    }
}

void TestLocaleData::localeFiles_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<int>("file");
    for (const QString &locale : LocaleData::locales()) {
        for (int f = 0; f < int(std::size(kLocaleFiles)); ++f)
            QTest::addRow("%s/%s", qPrintable(locale), kLocaleFiles[f].name) << locale << f;
    }
}

// Every file of every locale exists, parses (UTF-8, no empty or padded fields, no duplicate rows, valid
// weights), has the spec's minimum of entries, and has no entries that differ only in case.
void TestLocaleData::localeFiles()
{
    QFETCH(QString, locale);
    QFETCH(int, file);
    const FileSpec &spec = kLocaleFiles[file];
    QString error;
    const std::optional<WordList> list = loadFile(qPrintable(locale), spec, error);
    QVERIFY2(list, qPrintable(error));
    QVERIFY2(int(list->size()) >= spec.minimum,
             qPrintable(u"%1 entries, the spec asks for at least %2"_s.arg(list->size()).arg(spec.minimum)));

    QHash<QString, int> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (list->weighted())
            QVERIFY(list->weight(i) > 0);
        QString key = text(list->at(i)).toCaseFolded();
        if (spec.fields == 4) // cities: a name may recur in another region
            key += u'\t' + text(list->field(i, 1)).toCaseFolded();
        const auto previous = seen.constFind(key);
        if (previous != seen.cend()) {
            QFAIL(qPrintable(u"line %1 repeats line %2: %3"_s.arg(list->line(i))
                                 .arg(previous.value())
                                 .arg(text(list->at(i)))));
        }
        seen.insert(key, list->line(i));
    }
    if (QByteArrayView(spec.name).startsWith("email_domains")) {
        static const QRegularExpression domain(u"^[a-z0-9-]+(\\.[a-z0-9-]+)+$"_s);
        for (std::size_t i = 0; i < list->size(); ++i)
            QVERIFY2(domain.match(text(list->at(i))).hasMatch(), list->at(i).c_str());
    }
    // The default domains must be reserved (RFC 2606 / RFC 6761): example.com/.net/.org or a subdomain, or a
    // name under .test or .example. example.co.uk, example.de and the like belong to someone.
    if (qstrcmp(spec.name, "email_domains_reserved.txt") == 0) {
        static const QRegularExpression reserved(
            u"^([a-z0-9-]+\\.)*example\\.(com|net|org)$|^([a-z0-9-]+\\.)+(test|example)$"_s);
        for (std::size_t i = 0; i < list->size(); ++i)
            QVERIFY2(reserved.match(text(list->at(i))).hasMatch(), list->at(i).c_str());
    }
}

void TestLocaleData::commonFiles_data()
{
    QTest::addColumn<int>("file");
    for (int f = 0; f < int(std::size(kCommonFiles)); ++f)
        QTest::addRow("%s", kCommonFiles[f].name) << f;
}

void TestLocaleData::commonFiles()
{
    QFETCH(int, file);
    const FileSpec &spec = kCommonFiles[file];
    QString error;
    const std::optional<WordList> list = loadFile("common", spec, error);
    QVERIFY2(list, qPrintable(error));
    QVERIFY2(int(list->size()) >= spec.minimum,
             qPrintable(u"%1 entries, the spec asks for at least %2"_s.arg(list->size()).arg(spec.minimum)));

    const QString name = QLatin1StringView(spec.name);
    QRegularExpression format;
    if (name == u"lorem_words.txt" || name == u"domain_words.txt")
        format.setPattern(u"^[a-z]+$"_s);
    else if (name == u"tlds.txt")
        format.setPattern(u"^[a-z]{2,}(\\.[a-z]{2,})?$"_s);
    else if (name == u"user_agents.txt")
        format.setPattern(u"^Mozilla/5\\.0 \\(.+\\) .+$"_s);
    else if (name == u"time_zones.txt")
        format.setPattern(
            u"^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(/[A-Za-z0-9_+-]+){1,2}$"_s);
    QSet<QString> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString entry = text(list->at(i));
        if (!format.pattern().isEmpty())
            QVERIFY2(format.match(entry).hasMatch(),
                     qPrintable(u"line %1: %2"_s.arg(list->line(i)).arg(entry)));
        if (list->weighted())
            QVERIFY(list->weight(i) > 0);
        QVERIFY2(!seen.contains(entry.toCaseFolded()),
                 qPrintable(u"line %1 repeats %2"_s.arg(list->line(i)).arg(entry)));
        seen.insert(entry.toCaseFolded());
    }
}

void TestLocaleData::cities_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kLocaleSpecs)); ++i)
        QTest::addRow("%s", kLocaleSpecs[i].locale) << i;
}

// Every postal template of every city fills to a valid postal code of the country, 100 times.
void TestLocaleData::cities()
{
    QFETCH(int, index);
    const LocaleSpec &locale = kLocaleSpecs[index];
    QString error;
    const std::optional<WordList> list = loadFile(locale.locale, localeFile("cities.txt"), error);
    QVERIFY2(list, qPrintable(error));

    const QRegularExpression postal(QLatin1StringView(locale.postal));
    QVERIFY(postal.isValid());
    const QStringList regionCodes = QString::fromLatin1(locale.regionCodes).split(u' ', Qt::SkipEmptyParts);
    static const QRegularExpression anyRegionCode(u"^[A-Z0-9]{1,3}$"_s);
    std::map<std::string, std::string> regionOfCode;
    Random random(20240611);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString where = u"line %1 (%2)"_s.arg(list->line(i)).arg(text(list->at(i)));
        const QString code = text(list->field(i, 2));
        if (!regionCodes.isEmpty())
            QVERIFY2(regionCodes.contains(code), qPrintable(where + u": unknown region code "_s + code));
        else
            QVERIFY2(anyRegionCode.match(code).hasMatch(),
                     qPrintable(where + u": bad region code "_s + code));
        // One region name per region code.
        const auto [it, inserted] = regionOfCode.emplace(list->field(i, 2), list->field(i, 1));
        QVERIFY2(inserted || it->second == list->field(i, 1),
                 qPrintable(where + u": region code %1 is both %2 and %3"_s.arg(code, text(it->second),
                                                                                text(list->field(i, 1)))));
        for (const std::string &pattern : alternatives(list->field(i, 3))) {
            QVERIFY2(!pattern.empty(), qPrintable(where + u": empty postal template"_s));
            for (int n = 0; n < 100; ++n) {
                std::string filled;
                fillTemplate(random, pattern, filled, TemplateKind::Postal);
                QVERIFY2(postal.match(text(filled)).hasMatch(),
                         qPrintable(where + u": template %1 gave %2"_s.arg(text(pattern), text(filled))));
            }
        }
    }
}

void TestLocaleData::phones_data()
{
    cities_data();
}

// The three templates of a line hold the same placeholders and, filled from one Random, the same number.
void TestLocaleData::phones()
{
    QFETCH(int, index);
    const LocaleSpec &locale = kLocaleSpecs[index];
    QString error;
    const std::optional<WordList> list = loadFile(locale.locale, localeFile("phone.txt"), error);
    QVERIFY2(list, qPrintable(error));

    static const QRegularExpression e164(u"^\\+[1-9]\\d{6,14}$"_s);
    const std::string countryCode = locale.countryCode;
    Random random(7);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string &national = list->field(i, 0);
        const std::string &international = list->field(i, 1);
        const std::string &plain = list->field(i, 2);
        const QString where = u"line %1 (%2)"_s.arg(list->line(i)).arg(text(national));
        QVERIFY2(phonePlaceholders(national) == phonePlaceholders(international) &&
                     phonePlaceholders(national) == phonePlaceholders(plain),
                 qPrintable(where + u": the three templates have different placeholders"_s));
        QVERIFY2(international.starts_with("+" + countryCode + " "), qPrintable(where));
        for (int n = 0; n < 100; ++n) {
            const Random start = random;
            std::string filled[3];
            for (int column = 0; column < 3; ++column) {
                random = start;
                fillTemplate(random, list->field(i, column), filled[column], TemplateKind::Phone);
            }
            QVERIFY2(e164.match(text(filled[2])).hasMatch(), qPrintable(where + u": "_s + text(filled[2])));
            QVERIFY2(filled[2].starts_with("+" + countryCode), qPrintable(where + u": "_s + text(filled[2])));
            // The international form shows the E.164 digits; the national one those after the country code,
            // with or without a trunk prefix (0, or 1 in North America).
            QCOMPARE(digitsOf(filled[1]), digitsOf(filled[2]));
            const std::string subscriber = digitsOf(filled[2]).substr(countryCode.size());
            const std::string nationalDigits = digitsOf(filled[0]);
            QVERIFY2(nationalDigits == subscriber || nationalDigits == "0" + subscriber ||
                         (countryCode == "1" && nationalDigits == "1" + subscriber),
                     qPrintable(where + u": "_s + text(filled[0]) + u" is not "_s + text(filled[2])));
        }
    }
}

// All 249 ISO 3166-1 entries, each code unique and well-formed, four names each.
void TestLocaleData::countries()
{
    REQUIRE_LOADABLE("en_US");
    const std::vector<Country> &countries = CommonData::get().countries();
    QCOMPARE(countries.size(), std::size_t(249));
    static const QRegularExpression alpha2(u"^[A-Z]{2}$"_s), alpha3(u"^[A-Z]{3}$"_s), numeric(u"^\\d{3}$"_s);
    std::set<std::string> seen2, seen3, seenNumeric;
    std::set<std::string> names[4];
    for (const Country &country : countries) {
        QVERIFY2(alpha2.match(text(country.alpha2)).hasMatch(), country.alpha2.c_str());
        QVERIFY2(alpha3.match(text(country.alpha3)).hasMatch(), country.alpha3.c_str());
        QVERIFY2(numeric.match(text(country.numeric)).hasMatch(), country.numeric.c_str());
        QVERIFY2(seen2.insert(country.alpha2).second, country.alpha2.c_str());
        QVERIFY2(seen3.insert(country.alpha3).second, country.alpha3.c_str());
        QVERIFY2(seenNumeric.insert(country.numeric).second, country.numeric.c_str());
        for (int language = 0; language < 4; ++language)
            QVERIFY2(names[language].insert(country.name[language]).second, country.name[language].c_str());
    }
    const auto find = [&countries](const char *code) {
        return *std::find_if(countries.begin(), countries.end(),
                             [code](const Country &c) { return c.alpha2 == code; });
    };
    const Country germany = find("DE");
    QCOMPARE(germany.alpha3, "DEU");
    QCOMPARE(germany.numeric, "276");
    QCOMPARE(germany.name[0], "Germany");
    QCOMPARE(germany.name[1], "Deutschland");
    QCOMPARE(germany.name[2], "Allemagne");
    QCOMPARE(germany.name[3], "Alemania");
    QCOMPARE(find("GB").alpha3, "GBR");
    QCOMPARE(find("US").numeric, "840");
    QCOMPARE(find("ES").name[3], "España");
    QCOMPARE(find("AX").numeric, "248");
}

// Every zone is one the system's time zone database knows.
void TestLocaleData::timeZones()
{
    REQUIRE_LOADABLE("en_US");
    const WordList &zones = CommonData::get().timeZones();
    for (std::size_t i = 0; i < zones.size(); ++i)
        QVERIFY2(QTimeZone(QByteArray::fromStdString(zones.at(i))).isValid(), zones.at(i).c_str());
}

void TestLocaleData::loadsEveryLocale_data()
{
    QTest::addColumn<QString>("locale");
    for (const QString &locale : LocaleData::locales())
        QTest::addRow("%s", qPrintable(locale)) << locale;
}

// LocaleData holds what the files hold. (A broken file would end the test in qFatal, so check first.)
void TestLocaleData::loadsEveryLocale()
{
    QFETCH(QString, locale);
    const QByteArray name = locale.toLatin1();
    REQUIRE_LOADABLE(name.constData());
    QString error;

    const LocaleData &data = LocaleData::get(locale);
    QCOMPARE(data.locale(), locale);
    for (int i = 0; i < LocaleData::kListCount; ++i) {
        const auto which = LocaleData::List(i);
        const std::optional<WordList> file =
            loadFile(name.constData(), localeFile(LocaleData::fileName(which)), error);
        QVERIFY(file);
        QCOMPARE(data.list(which).size(), file->size());
        QCOMPARE(data.list(which).at(0), file->at(0));
        QCOMPARE(data.list(which).weighted(), file->weighted());
    }
    const std::optional<WordList> cities = loadFile(name.constData(), localeFile("cities.txt"), error);
    QCOMPARE(data.cities().size(), cities->size());
    QCOMPARE(data.cities().front().name, cities->field(0, 0));
    QCOMPARE(data.cities().front().regionCode, cities->field(0, 2));
    QCOMPARE(data.cities().front().postalTemplates, alternatives(cities->field(0, 3)));
    const std::optional<WordList> phones = loadFile(name.constData(), localeFile("phone.txt"), error);
    QCOMPARE(data.phones().size(), phones->size());
    QCOMPARE(data.phones().back().e164, phones->field(phones->size() - 1, 2));
}

void TestLocaleData::localeLookup()
{
    REQUIRE_LOADABLE("en_US");
    REQUIRE_LOADABLE("en_GB");
    QCOMPARE(LocaleData::get(u"en_GB"_s).locale(), u"en_GB"_s);
    QCOMPARE(LocaleData::get(u"en-GB"_s).locale(), u"en_GB"_s);
    QCOMPARE(LocaleData::get(u"xx_YY"_s).locale(), u"en_US"_s);
    QCOMPARE(LocaleData::get(QString()).locale(), u"en_US"_s);
    QCOMPARE(&LocaleData::get(u"en_US"_s), &LocaleData::get(u"klingon"_s));
    QCOMPARE(LocaleData::get(u"en_GB"_s).list(LocaleData::List::TitlesMale).at(0), "Mr");
    QCOMPARE(LocaleData::get(u"en_US"_s).list(LocaleData::List::TitlesMale).at(0), "Mr.");
}

void TestLocaleData::weightedPicks_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("three") << QByteArray("a\t1\nb\t2\nc\t7\n");
    QTest::newRow("skewed") << QByteArray("a\t1000\nb\t1\nc\t0.5\nd\t250\ne\t3\n");
    QTest::newRow("equal") << QByteArray("a\t4\nb\t4\nc\t4\nd\t4\n");
    QTest::newRow("single") << QByteArray("a\t3\n");
    for (const char *file : {"email_domains.txt", "first_names_female.txt", "last_names.txt"}) {
        QFile resource(resourcePath("en_US", file));
        if (resource.open(QIODevice::ReadOnly))
            QTest::addRow("en_US/%s", file) << resource.readAll();
    }
    QFile tlds(resourcePath("common", "tlds.txt"));
    if (tlds.open(QIODevice::ReadOnly))
        QTest::addRow("common/tlds.txt") << tlds.readAll();
}

// Pick frequencies follow the weights (chi-square at the 0.1 % level, fixed seed so never flaky).
void TestLocaleData::weightedPicks()
{
    QFETCH(QByteArray, data);
    Result<WordList> parsed = WordList::parse(data, u"t.txt"_s, 1, Weights::Allowed);
    if (!parsed)
        QFAIL(qPrintable(parsed.error().toString()));
    const WordList &list = parsed.value();
    QVERIFY(list.weighted());

    double total = 0;
    for (std::size_t i = 0; i < list.size(); ++i)
        total += list.weight(i);
    std::vector<double> probabilities;
    double smallest = 1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        probabilities.push_back(list.weight(i) / total);
        smallest = std::min(smallest, probabilities.back());
    }
    // Enough draws that the rarest entry is expected at least 20 times.
    const std::int64_t draws = std::max<std::int64_t>(200000, std::int64_t(std::ceil(20 / smallest)));
    QVERIFY2(draws <= 20000000, "the rarest entry is too rare to test");
    std::vector<std::int64_t> observed(list.size());
    Random random(42);
    for (std::int64_t n = 0; n < draws; ++n) {
        const std::size_t i = list.pickIndex(random);
        QVERIFY(i < list.size());
        ++observed[i];
    }
    Random copy = random;
    QCOMPARE(&list.pick(random), &list.at(list.pickIndex(copy)));
    if (list.size() == 1) {
        QCOMPARE(observed[0], draws);
        return;
    }
    const double chi = chiSquare(observed, probabilities, draws);
    const double critical = chiSquareCritical(int(list.size()) - 1);
    QVERIFY2(chi < critical, qPrintable(u"chi-square %1 >= %2"_s.arg(chi).arg(critical)));
}

void TestLocaleData::uniformPicks()
{
    Result<WordList> parsed = WordList::parse("a\nb\nc\nd\ne\nf\ng\n", u"t.txt"_s, 1);
    QVERIFY(parsed);
    const WordList &list = parsed.value();
    QVERIFY(!list.weighted());
    const std::int64_t draws = 140000;
    std::vector<std::int64_t> observed(list.size());
    Random random(99);
    for (std::int64_t n = 0; n < draws; ++n)
        ++observed[list.pickIndex(random)];
    const std::vector<double> probabilities(list.size(), 1.0 / double(list.size()));
    QVERIFY(chiSquare(observed, probabilities, draws) < chiSquareCritical(int(list.size()) - 1));
}

// The same seed gives the same words and codes; another seed gives others.
void TestLocaleData::determinism()
{
    REQUIRE_LOADABLE("en_US");
    REQUIRE_LOADABLE("en_GB");
    const auto sample = [](std::uint64_t seed) {
        Random random(seed);
        const LocaleData &data = LocaleData::get(u"en_GB"_s);
        std::string out;
        for (int n = 0; n < 200; ++n) {
            out += data.list(LocaleData::List::FirstNamesFemale).pick(random) + ' ';
            out += data.list(LocaleData::List::LastNames).pick(random) + ' ';
            out += data.list(LocaleData::List::Streets).pick(random) + ' ';
            const City &city = data.cities()[std::size_t(random.below(data.cities().size()))];
            fillTemplate(random, city.postalTemplates[std::size_t(random.below(city.postalTemplates.size()))],
                         out, TemplateKind::Postal);
            out += ' ';
            fillTemplate(random, data.phones()[std::size_t(random.below(data.phones().size()))].e164, out,
                         TemplateKind::Phone);
            out += ' ' + CommonData::get().userAgents().pick(random) + '\n';
        }
        return out;
    };
    QCOMPARE(sample(1), sample(1));
    QCOMPARE(sample(123456789), sample(123456789));
    QVERIFY(sample(1) != sample(2));

    // Pinned: the same seed gives these picks and codes on every platform and in every release, so data
    // generated from a saved seed can be generated again.
    Result<WordList> weighted = WordList::parse("a\t1\nb\t2\nc\t3\nd\t4\n", u"t.txt"_s, 1, Weights::Allowed);
    Result<WordList> uniform = WordList::parse("a\nb\nc\nd\n", u"t.txt"_s, 1);
    QVERIFY(weighted && uniform);
    std::string picks;
    Random random(5);
    for (int n = 0; n < 16; ++n)
        picks += weighted->pick(random);
    picks += ' ';
    Random again(5);
    for (int n = 0; n < 16; ++n)
        picks += uniform->pick(again);
    picks += ' ';
    Random codes(5);
    fillTemplate(codes, "SW1A #??", picks, TemplateKind::Postal);
    picks += ' ';
    fillTemplate(codes, "+1N##N######", picks, TemplateKind::Phone);
    QCOMPARE(picks, "bddadbccbcddddcd bdaaabdcbcbadbdd SW1A 3UF +12139546418");
}

void TestLocaleData::fillTemplates()
{
    Random random(3);
    std::string out = "x";
    fillTemplate(random, "N1 #??", out, TemplateKind::Postal);
    QVERIFY2(QRegularExpression(u"^xN1 \\d[ABDEFGHJLNPQRSTUWXYZ]{2}$"_s).match(text(out)).hasMatch(),
             out.c_str());

    std::set<char> digits, leading, letters;
    for (int n = 0; n < 2000; ++n) {
        std::string phone;
        fillTemplate(random, "N#?", phone, TemplateKind::Phone);
        QCOMPARE(phone.size(), std::size_t(3));
        QCOMPARE(phone[2], '?');
        leading.insert(phone[0]);
        digits.insert(phone[1]);
        std::string postal;
        fillTemplate(random, "?", postal, TemplateKind::Postal);
        letters.insert(postal[0]);
    }
    QCOMPARE(leading, (std::set<char>{'2', '3', '4', '5', '6', '7', '8', '9'}));
    QCOMPARE(digits.size(), std::size_t(10));
    QCOMPARE(std::string(letters.begin(), letters.end()), std::string("ABDEFGHJLNPQRSTUWXYZ"));

    std::string literal;
    fillTemplate(random, "+44 (0) ä", literal, TemplateKind::Phone);
    QCOMPARE(literal, "+44 (0) ä");
}

// The first use from several threads at once loads one instance.
void TestLocaleData::concurrentFirstUse()
{
    REQUIRE_LOADABLE("en_US");
    REQUIRE_LOADABLE("en_GB");
    const LocaleData *seen[8] = {};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&seen, t] { seen[t] = &LocaleData::get(u"en_GB"_s); });
    for (std::thread &thread : threads)
        thread.join();
    for (const LocaleData *data : seen)
        QCOMPARE(data, seen[0]);
}

void TestLocaleData::parseAccepts()
{
    Result<WordList> list = WordList::parse("# comment\nZoé\t2.5\n# another\nJosé María\t1\nÅsa\t10",
                                            u"t.txt"_s, 1, Weights::Allowed);
    if (!list)
        QFAIL(qPrintable(list.error().toString()));
    QCOMPARE(list->size(), std::size_t(3));
    QCOMPARE(list->at(1), "José María");
    QCOMPARE(list->line(1), 4);
    QCOMPARE(list->weight(0), 2.5);
    QVERIFY(list->weighted());

    Result<WordList> cities = WordList::parse("Leeds\tEngland\tENG\tLS1 #??|LS2 #??\n", u"c.txt"_s, 4);
    QVERIFY(cities);
    QCOMPARE(cities->field(0, 3), "LS1 #??|LS2 #??");
    QVERIFY(!cities->weighted());
    QCOMPARE(cities->weight(0), 1.0);
}

void TestLocaleData::parseRejects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("fields");
    QTest::addColumn<bool>("weights");
    QTest::addColumn<QString>("message");

    QTest::newRow("too many fields") << QByteArray("# x\nLeeds\tEngland\tENG\tLS1 #??\textra\n") << 4 << false
                                     << u"t.txt:2: expected 4 fields, found 5 (separated by single tabs)"_s;
    QTest::newRow("too few fields") << QByteArray("a\tb\tc\nd\te\n") << 3 << false
                                    << u"t.txt:2: expected 3 fields, found 2 (separated by single tabs)"_s;
    QTest::newRow("weight where none is allowed")
        << QByteArray("Mr\t3\n") << 1 << false
        << u"t.txt:1: expected 1 field, found 2 (separated by single tabs)"_s;
    QTest::newRow("too many with weight")
        << QByteArray("a\t1\nb\tc\t2\n") << 1 << true
        << u"t.txt:2: expected 1 field and an optional weight, found 3 (separated by single tabs)"_s;
    QTest::newRow("empty field") << QByteArray("a\t\tc\n") << 3 << false << u"t.txt:1: field 2 is empty"_s;
    QTest::newRow("two tabs") << QByteArray("a\t\tb\n") << 2 << false
                              << u"t.txt:1: expected 2 fields, found 3 (separated by single tabs)"_s;
    QTest::newRow("empty last field")
        << QByteArray("a\tb\t\n") << 3 << false << u"t.txt:1: field 3 is empty"_s;
    QTest::newRow("empty line") << QByteArray("a\n\nb\n") << 1 << false << u"t.txt:2: empty line"_s;
    QTest::newRow("trailing empty line") << QByteArray("a\nb\n\n") << 1 << false << u"t.txt:3: empty line"_s;
    QTest::newRow("padded") << QByteArray("a\nb \n") << 1 << false
                            << u"t.txt:2: field 1 (\"b \") has white space at its start or end"_s;
    QTest::newRow("leading space")
        << QByteArray("Leeds\t England\n") << 2 << false
        << u"t.txt:1: field 2 (\" England\") has white space at its start or end"_s;
    QTest::newRow("no-break space")
        << QByteArray("Zoé\xc2\xa0\n") << 1 << false
        << u"t.txt:1: field 1 (\"Zoé\u00a0\") has white space at its start or end"_s;
    QTest::newRow("control character")
        << QByteArray("a\x01z\n") << 1 << false << u"t.txt:1: field 1 contains a control character"_s;
    QTest::newRow("zero weight") << QByteArray("Anna\t0\n") << 1 << true
                                 << u"t.txt:1: the weight \"0\" is not a positive number"_s;
    QTest::newRow("negative weight") << QByteArray("Anna\t3\nBen\t-1\n") << 1 << true
                                     << u"t.txt:2: the weight \"-1\" is not a positive number"_s;
    QTest::newRow("word as weight") << QByteArray("Anna\tMaria\n") << 1 << true
                                    << u"t.txt:1: the weight \"Maria\" is not a positive number"_s;
    QTest::newRow("exponent weight") << QByteArray("Anna\t1e3\n") << 1 << true
                                     << u"t.txt:1: the weight \"1e3\" is not a positive number"_s;
    QTest::newRow("half a number") << QByteArray("Anna\t.5\n") << 1 << true
                                   << u"t.txt:1: the weight \".5\" is not a positive number"_s;
    QTest::newRow("weight then none")
        << QByteArray("# names\nAnna\t3\nBen\n") << 1 << true
        << u"t.txt:3: this line has no weight but line 2 has one; give every line a weight or none"_s;
    QTest::newRow("none then weight")
        << QByteArray("Anna\nBen\nCarl\t2\n") << 1 << true
        << u"t.txt:3: this line has a weight but line 1 has none; give every line a weight or none"_s;
    QTest::newRow("invalid UTF-8") << QByteArray("ok\nbad\xff\n") << 1 << false
                                   << u"t.txt:2: the line is not valid UTF-8"_s;
    QTest::newRow("overlong UTF-8") << QByteArray("\xc0\xaf\n") << 1 << false
                                    << u"t.txt:1: the line is not valid UTF-8"_s;
    QTest::newRow("surrogate") << QByteArray("a\n\xed\xa0\x80\n") << 1 << false
                               << u"t.txt:2: the line is not valid UTF-8"_s;
    QTest::newRow("truncated UTF-8") << QByteArray("Zo\xc3\n") << 1 << false
                                     << u"t.txt:1: the line is not valid UTF-8"_s;
    QTest::newRow("latin-1") << QByteArray("Zo\xe9\n") << 1 << false
                             << u"t.txt:1: the line is not valid UTF-8"_s;
    QTest::newRow("CRLF") << QByteArray("a\r\nb\r\n") << 1 << false
                          << u"t.txt:1: the line ends with a carriage return; use LF line ends"_s;
    QTest::newRow("BOM")
        << QByteArray("\xef\xbb\xbf# x\na\n") << 1 << false
        << u"t.txt:1: the file starts with a byte order mark; save it as UTF-8 without BOM"_s;
    QTest::newRow("duplicate") << QByteArray("a\nb\n# c\na\n") << 1 << false
                               << u"t.txt:4: duplicate of line 1"_s;
    QTest::newRow("duplicate with other weight")
        << QByteArray("a\t1\nb\t1\na\t5\n") << 1 << true << u"t.txt:3: duplicate of line 1"_s;
    QTest::newRow("no entries") << QByteArray("# only a comment\n") << 1 << false
                                << u"t.txt: the file has no entries"_s;
    QTest::newRow("empty file") << QByteArray() << 1 << false << u"t.txt: the file has no entries"_s;
}

// Malformed input is rejected with file:line and a message that says what to fix.
void TestLocaleData::parseRejects()
{
    QFETCH(QByteArray, data);
    QFETCH(int, fields);
    QFETCH(bool, weights);
    QFETCH(QString, message);
    const Result<WordList> list =
        WordList::parse(data, u"t.txt"_s, fields, weights ? Weights::Allowed : Weights::Forbidden);
    QVERIFY(!list);
    QCOMPARE(list.error().code, ErrorCode::InvalidInput);
    QCOMPARE(list.error().where.file, u"t.txt"_s);
    QCOMPARE(list.error().toString(), message);
}

QTEST_GUILESS_MAIN(TestLocaleData)
#include "tst_locale_data.moc"
