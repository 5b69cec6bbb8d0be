// Safe by default: in 100,000 rows of every locale, no e-mail address, domain or URL outside the names
// reserved by RFC 2606 / RFC 6761, and no phone number outside the ranges the locale's regulator keeps for
// fiction (or, where none exist, the unassigned range docs/generating.md names), in all three notations
// and on every path that reaches the generators (columns, templates, JSON fields). The checkers are
// written from the RFCs and the regulators' lists, not from the engine's word lists.
#include "SchemaBuilding.h"
#include "generate/Plan.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QtTest>

#include <unordered_set>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;
constexpr qint64 kRows = 100000;
constexpr int kChunkRows = 8192;

using test::column;

// Every column of table 0 of schema, NULLs left out; an empty result with error set if it did not compile.
struct Generated
{
    QHash<QString, QStringList> values; // column name → values
    QString error;
};

Generated generate(const Schema &schema)
{
    Generated table;
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    if (!plan) {
        table.error = plan.error().toString();
        return table;
    }
    const TablePlan &tablePlan = (*plan)->tables().front();
    const fabrica::Table &source = schema.tables.front();
    TableChunk chunk;
    for (qint64 first = 0; first < tablePlan.rows; first += kChunkRows) {
        (*plan)->fillChunk(0, first, int(std::min<qint64>(kChunkRows, tablePlan.rows - first)), chunk);
        for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
            const ColumnChunk &cells = chunk.columns[c];
            QStringList &out = table.values[source.columns.at(qsizetype(c)).name];
            for (int row = 0; row < cells.size(); ++row) {
                if (!cells.isNull(row))
                    out.append(QString::fromUtf8(cells.value(row)));
            }
        }
    }
    return table;
}

Schema oneTable(const QString &locale, qint64 rows, const QList<Column> &columns)
{
    return test::oneTable(u"safe"_s, rows, columns, locale);
}

// --- Checkers, from RFC 2606 and RFC 6761 ---

// A domain reserved for documentation and testing: example.com/.net/.org and their subdomains, or a name
// under the reserved TLDs .test, .example, .invalid and .localhost.
bool reservedDomain(const QString &domain)
{
    const QString name = domain.toLower();
    static const QRegularExpression label(u"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    const QStringList labels = name.split(u'.');
    for (const QString &part : labels) {
        if (!label.match(part).hasMatch())
            return false; // an empty label, a trailing dot or a character outside host names
    }
    for (const char *second : {"example.com", "example.net", "example.org"}) {
        const QString reserved = QLatin1StringView(second);
        if (name == reserved || name.endsWith(u'.' + reserved))
            return true;
    }
    static const QSet<QString> tlds{u"test"_s, u"example"_s, u"invalid"_s, u"localhost"_s};
    return labels.size() >= 2 && tlds.contains(labels.last());
}

bool reservedEmail(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    return at > 0 && !address.left(at).contains(u'@') && reservedDomain(address.mid(at + 1));
}

bool reservedUrl(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"https"_s || url.scheme() == u"http"_s) &&
           reservedDomain(url.host());
}

// --- Checkers, from the regulators' lists (docs/generating.md, "Safe by default") ---

enum class Notation { National, International, E164 };

struct PhonePlan
{
    QString countryCode;
    QString trunk;             // the national prefix: "0", "1" (optional in North America) or none
    bool trunkOptional;        // North America writes numbers with or without the 1
    QRegularExpression ranges; // the national significant number, anchored
};

PhonePlan phonePlan(const QString &locale)
{
    auto anchored = [](const QString &pattern) {
        return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
    };
    if (locale == u"en_US"_s) // NANPA: 555-0100 to 555-0199 in every area code
        return {u"1"_s, u"1"_s, true, anchored(u"[2-9][0-9]{2}55501[0-9]{2}"_s)};
    if (locale == u"en_GB"_s) // Ofcom, telephone numbers for drama purposes
        return {u"44"_s, u"0"_s, false,
                anchored(u"(7700900|1632960|2079460|1134960|1144960|1154960|1164960|1174960|1184960|1214960|"
                         u"1314960|1414960|1514960|1614960|1914980|2920180|3069990)[0-9]{3}"_s)};
    if (locale == u"de_DE"_s) // Bundesnetzagentur, Amtsblatt 7/2021, Mitteilung 148/2021
        return {u"49"_s, u"0"_s, false, anchored(u"(3023125|6990009|4066969|2214710|8999998)[0-9]{3}"_s)};
    if (locale == u"fr_FR"_s) // ARCEP, numbers for works of fiction
        return {u"33"_s, u"0"_s, false, anchored(u"(19900|26191|35301|46571|53649|63998|97742)[0-9]{4}"_s)};
    // Spain has no fiction range: 79 is in the mobile reserve 75-79 not yet opened to operators.
    return {u"34"_s, QString(), false, anchored(u"79[0-9]{7}"_s)};
}

QString digitsOf(const QString &text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits += c;
    }
    return digits;
}

// Whether value, written in notation, is a number of the plan's reserved ranges.
bool reservedPhone(const PhonePlan &plan, Notation notation, const QString &value)
{
    const QString digits = digitsOf(value);
    QString significant;
    static const QRegularExpression national(u"^\\(?[0-9][0-9 ().-]+[0-9]$"_s);
    static const QRegularExpression international(u"^\\+[0-9][0-9 ().-]+[0-9]$"_s);
    static const QRegularExpression e164(u"^\\+[1-9][0-9]{6,14}$"_s);
    switch (notation) {
    case Notation::E164:
        if (!e164.match(value).hasMatch() || !digits.startsWith(plan.countryCode))
            return false;
        significant = digits.mid(plan.countryCode.size());
        break;
    case Notation::International:
        if (!value.startsWith(u'+' + plan.countryCode + u' ') || !international.match(value).hasMatch())
            return false;
        significant = digits.mid(plan.countryCode.size());
        break;
    case Notation::National:
        if (value.startsWith(u'+') || !national.match(value).hasMatch())
            return false;
        significant = digits;
        if (!plan.trunk.isEmpty() && digits.startsWith(plan.trunk) &&
            plan.ranges.match(digits.mid(plan.trunk.size())).hasMatch())
            significant = digits.mid(plan.trunk.size());
        else if (!plan.trunk.isEmpty() && !plan.trunkOptional)
            return false;
        break;
    }
    return plan.ranges.match(significant).hasMatch();
}

// The first value check refuses, as "row N: value", or an empty string.
template<typename Check> QString firstBad(const QStringList &values, Check check)
{
    for (qsizetype row = 0; row < values.size(); ++row) {
        if (!check(values.at(row)))
            return u"row %1: \"%2\""_s.arg(row).arg(values.at(row));
    }
    return {};
}

#define VERIFY_EACH(values, ...)                                                                             \
    do {                                                                                                     \
        const QStringList &list_ = (values);                                                                 \
        QVERIFY2(!list_.isEmpty(), "no values");                                                             \
        const QString bad = firstBad(list_, __VA_ARGS__);                                                    \
        QVERIFY2(bad.isEmpty(), qPrintable(bad));                                                            \
    } while (false)

QString jsonField(const QString &object, const QString &key)
{
    return QJsonDocument::fromJson(object.toUtf8()).object().value(key).toString();
}

} // namespace

class TestSafeData : public QObject
{
    Q_OBJECT

private slots:
    void checkers();
    void byDefault_data();
    void byDefault();
    void realDomains();
    void explicitDomainAndTld();
};

// The checkers themselves: they must refuse what is not reserved, or the tests below prove nothing.
void TestSafeData::checkers()
{
    for (const char *good : {"a@example.com", "a.b@mail.example.net", "x@example.org", "x@web.example",
                             "x@corp.test", "x@nowhere.invalid", "x@EXAMPLE.COM"})
        QVERIFY2(reservedEmail(QString::fromLatin1(good)), good);
    for (const char *bad : {"a@gmail.com", "a@example.co.uk", "a@example.de", "a@myexample.com",
                            "a@example.com.evil.net", "a@test", "a@example", "a@example.com.", "a@web.de",
                            "a@notexample.org", "example.com", "a@b@example.com"})
        QVERIFY2(!reservedEmail(QString::fromLatin1(bad)), bad);
    QVERIFY(reservedUrl(u"https://www.bright-harbor.example.com/a/b"_s));
    QVERIFY(!reservedUrl(u"https://www.example.com.io/"_s));
    QVERIFY(!reservedUrl(u"https://bright-harbor.net/"_s));

    const PhonePlan us = phonePlan(u"en_US"_s);
    QVERIFY(reservedPhone(us, Notation::National, u"(212) 555-0142"_s));
    QVERIFY(reservedPhone(us, Notation::National, u"1-212-555-0199"_s));
    QVERIFY(reservedPhone(us, Notation::E164, u"+12125550100"_s));
    QVERIFY(reservedPhone(us, Notation::International, u"+1 212 555-0100"_s));
    QVERIFY(!reservedPhone(us, Notation::National, u"(212) 555-0200"_s));
    QVERIFY(!reservedPhone(us, Notation::National, u"(212) 555-1212"_s));
    QVERIFY(!reservedPhone(us, Notation::E164, u"+12125560142"_s));
    QVERIFY(!reservedPhone(us, Notation::E164, u"+4412125550142"_s));
    const PhonePlan gb = phonePlan(u"en_GB"_s);
    QVERIFY(reservedPhone(gb, Notation::National, u"07700 900461"_s));
    QVERIFY(reservedPhone(gb, Notation::National, u"020 7946 0123"_s));
    QVERIFY(reservedPhone(gb, Notation::International, u"+44 1632 960999"_s));
    QVERIFY(!reservedPhone(gb, Notation::National, u"07700 901461"_s));
    QVERIFY(!reservedPhone(gb, Notation::National, u"7700 900461"_s)); // no trunk 0
    QVERIFY(!reservedPhone(gb, Notation::E164, u"+442079461000"_s));
    const PhonePlan de = phonePlan(u"de_DE"_s);
    QVERIFY(reservedPhone(de, Notation::National, u"030 23125 000"_s));
    QVERIFY(reservedPhone(de, Notation::E164, u"+492214710999"_s));
    QVERIFY(!reservedPhone(de, Notation::National, u"030 23126 000"_s));
    const PhonePlan fr = phonePlan(u"fr_FR"_s);
    QVERIFY(reservedPhone(fr, Notation::National, u"01 99 00 12 34"_s));
    QVERIFY(reservedPhone(fr, Notation::International, u"+33 6 39 98 00 00"_s));
    QVERIFY(!reservedPhone(fr, Notation::National, u"06 39 99 00 00"_s));
    const PhonePlan es = phonePlan(u"es_ES"_s);
    QVERIFY(reservedPhone(es, Notation::National, u"791 234 567"_s));
    QVERIFY(!reservedPhone(es, Notation::National, u"612 345 678"_s));
    QVERIFY(!reservedPhone(es, Notation::E164, u"+34612345678"_s));
}

void TestSafeData::byDefault_data()
{
    QTest::addColumn<QString>("locale");
    for (const char *locale : {"en_US", "en_GB", "de_DE", "fr_FR", "es_ES"})
        QTest::addRow("%s", locale) << QString::fromLatin1(locale);
}

void TestSafeData::byDefault()
{
    QFETCH(QString, locale);
    const Schema schema = oneTable(
        locale, kRows,
        {column(u"c_email"_s, u"email"_s), column(u"c_email_unique"_s, u"email"_s, R"({"unique": true})"),
         column(u"c_email_domain"_s, u"email_domain"_s), column(u"c_phone"_s, u"phone"_s),
         column(u"c_phone_international"_s, u"phone"_s, R"({"format": "international"})"),
         column(u"c_phone_e164"_s, u"phone"_s, R"({"format": "e164"})"), column(u"c_url"_s, u"url"_s),
         column(u"c_url_unique"_s, u"url"_s, R"({"unique": true, "scheme": "http"})"),
         column(u"c_domain"_s, u"domain"_s), column(u"c_domain_unique"_s, u"domain"_s, R"({"unique": true})"),
         // Other paths to the same generators: a template's data-type placeholders and JSON fields.
         column(u"c_template"_s, u"template"_s, R"({"template": "{email} {phone}"})"),
         column(
             u"c_json"_s, u"json"_s,
             R"({"fields": {"mail": {"type": "email"}, "tel": {"type": "phone", "constraints": {"format": "e164"}}, "site": {"type": "url"}}})")});
    const Generated table = generate(schema);
    QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
    for (const QString &name : table.values.keys()) {
        if (name != u"id"_s)
            QCOMPARE(table.values.value(name).size(), qsizetype(kRows));
    }

    VERIFY_EACH(table.values[u"c_email"_s], reservedEmail);
    VERIFY_EACH(table.values[u"c_email_unique"_s], reservedEmail);
    VERIFY_EACH(table.values[u"c_email_domain"_s], reservedDomain);
    VERIFY_EACH(table.values[u"c_url"_s], reservedUrl);
    VERIFY_EACH(table.values[u"c_url_unique"_s], reservedUrl);
    VERIFY_EACH(table.values[u"c_domain"_s], reservedDomain);
    VERIFY_EACH(table.values[u"c_domain_unique"_s], reservedDomain);

    const PhonePlan plan = phonePlan(locale);
    VERIFY_EACH(table.values[u"c_phone"_s],
                [&](const QString &v) { return reservedPhone(plan, Notation::National, v); });
    VERIFY_EACH(table.values[u"c_phone_international"_s],
                [&](const QString &v) { return reservedPhone(plan, Notation::International, v); });
    VERIFY_EACH(table.values[u"c_phone_e164"_s],
                [&](const QString &v) { return reservedPhone(plan, Notation::E164, v); });

    VERIFY_EACH(table.values[u"c_template"_s], [&](const QString &v) {
        const qsizetype space = v.indexOf(u' ');
        return space > 0 && reservedEmail(v.left(space)) &&
               reservedPhone(plan, Notation::National, v.mid(space + 1));
    });
    VERIFY_EACH(table.values[u"c_json"_s], [&](const QString &v) {
        return reservedEmail(jsonField(v, u"mail"_s)) &&
               reservedPhone(plan, Notation::E164, jsonField(v, u"tel"_s)) &&
               reservedUrl(jsonField(v, u"site"_s));
    });

    // Unique columns stay unique.
    for (const QString &name : {u"c_email_unique"_s, u"c_url_unique"_s, u"c_domain_unique"_s}) {
        const QStringList &values = table.values[name];
        QCOMPARE(qsizetype(QSet<QString>(values.begin(), values.end()).size()), values.size());
    }

    // Variety: several reserved domains per locale, and numbers spread over the ranges.
    QSet<QString> domains;
    for (const QString &v : table.values[u"c_email_domain"_s])
        domains.insert(v);
    QVERIFY2(domains.size() >= 5, qPrintable(QStringList(domains.values()).join(u' ')));
    QSet<QString> phones(table.values[u"c_phone_e164"_s].begin(), table.values[u"c_phone_e164"_s].end());
    QVERIFY2(phones.size() >= 500, qPrintable(QString::number(phones.size())));
    QSet<QString> tlds;
    for (const QString &v : table.values[u"c_domain"_s])
        tlds.insert(v.section(u'.', -1));
    QVERIFY2(tlds.size() >= 3, qPrintable(QStringList(tlds.values()).join(u' ')));
}

// realDomains: true switches to the real providers and TLDs: the option is what it says.
void TestSafeData::realDomains()
{
    for (const char *locale : {"en_US", "de_DE"}) {
        const Schema schema =
            oneTable(QString::fromLatin1(locale), 20000,
                     {column(u"c_email"_s, u"email"_s, R"({"realDomains": true, "unique": true})"),
                      column(u"c_email_domain"_s, u"email_domain"_s, R"({"realDomains": true})"),
                      column(u"c_domain"_s, u"domain"_s, R"({"realDomains": true})"),
                      column(u"c_url"_s, u"url"_s, R"({"realDomains": true})")});
        const Generated table = generate(schema);
        QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
        VERIFY_EACH(table.values[u"c_email_domain"_s], [](const QString &v) { return !reservedDomain(v); });
        VERIFY_EACH(table.values[u"c_email"_s], [](const QString &v) { return !reservedEmail(v); });
        VERIFY_EACH(table.values[u"c_domain"_s], [](const QString &v) { return !reservedDomain(v); });
        VERIFY_EACH(table.values[u"c_url"_s], [](const QString &v) { return !reservedUrl(v); });
        const QStringList &emails = table.values[u"c_email"_s];
        QCOMPARE(qsizetype(QSet<QString>(emails.begin(), emails.end()).size()), emails.size());
        const QString expected = qstrcmp(locale, "de_DE") == 0 ? u"web.de"_s : u"gmail.com"_s;
        QVERIFY(table.values[u"c_email_domain"_s].contains(expected));
    }
}

// A domain or TLD the user names is used as given (the documentation says only reserved names are safe).
void TestSafeData::explicitDomainAndTld()
{
    const Schema schema = oneTable(u"fr_FR"_s, 2000,
                                   {column(u"c_email"_s, u"email"_s, R"({"domain": "acme.fr"})"),
                                    column(u"c_reserved"_s, u"email"_s, R"({"domain": "corp.invalid"})"),
                                    column(u"c_domain"_s, u"domain"_s, R"({"tld": ".org"})"),
                                    column(u"c_empty"_s, u"email"_s, R"({"domain": ""})")});
    const Generated table = generate(schema);
    QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
    VERIFY_EACH(table.values[u"c_email"_s], [](const QString &v) { return v.endsWith(u"@acme.fr"_s); });
    VERIFY_EACH(table.values[u"c_reserved"_s],
                [](const QString &v) { return v.endsWith(u"@corp.invalid"_s); });
    VERIFY_EACH(table.values[u"c_domain"_s], [](const QString &v) { return v.endsWith(u".org"_s); });
    VERIFY_EACH(table.values[u"c_empty"_s], reservedEmail); // an empty domain means the default
}

QTEST_GUILESS_MAIN(TestSafeData)
#include "tst_safe_data.moc"
