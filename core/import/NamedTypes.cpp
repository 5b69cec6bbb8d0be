#include "NamedTypes.h"

#include "common/OneOf.h"
#include "types/TypeRegistry.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace fabrica {

namespace {

using Choice = NamedTypes::Choice;

// Lower case without separators, so firstName, first_name and "First Name" compare alike.
QString squeezed(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

bool matches(const QString &table, const char *pattern)
{
    return QRegularExpression(QLatin1String(pattern), QRegularExpression::CaseInsensitiveOption)
        .match(table)
        .hasMatch();
}

bool tableHoldsPeople(const QString &table)
{
    return matches(table,
                   "(user|customer|client|employee|person|people|member|author|contact|staff|patient|"
                   "student|teacher|account|profile|subscriber|guest|driver|owner|(^|[^a-z])actor|artist)");
}

bool tableHoldsCompanies(const QString &table)
{
    return matches(table, "(compan|vendor|supplier|organi[sz]ation|employer|merchant|partner|manufacturer)");
}

// Tables of things with titles or names of their own: a film's title is not "Mr.".
bool tableHoldsWorks(const QString &table)
{
    return matches(table, "(film|movie|book|product|post|article|song|track|album|episode|show|course|task|"
                          "issue|ticket|event|page|video|game|recipe|project|story|chapter|lesson|news|item|"
                          "document|report|playlist|series|podcast|photo|image|listing|offer|campaign)");
}

// Tables whose rows are a single word: a category or genre named "Drama", not "Drama Comedy".
bool tableHoldsLabels(const QString &table)
{
    return matches(table, "(categor|genre|tag|label|topic|kind|type|group|brand|media)");
}

struct Width
{
    const char *type;
    int enUs;      // the longest value in en_US
    int anyLocale; // in any locale
};

// Measured over 200,000 values per locale with reserved e-mail domains and URLs, rounded up to the longest
// name + name + number + domain where values are put together; tst_import_defaults checks them against the
// engine.
constexpr Width kWidths[] = {
    {"email", 45, 58},        {"first_name", 12, 24},    {"last_name", 12, 16},    {"full_name", 24, 40},
    {"phone", 16, 20},        {"job_title", 35, 64},     {"title", 5, 10},         {"gender", 6, 6},
    {"street", 32, 40},       {"building_number", 4, 8}, {"city", 16, 30},         {"region", 20, 26},
    {"postal_code", 5, 10},   {"country", 40, 44},       {"country_code", 2, 2},   {"time_zone", 30, 30},
    {"department", 24, 34},   {"industry", 35, 35},      {"company_name", 40, 48}, {"url", 64, 64},
    {"domain", 32, 32},       {"ipv4", 15, 15},          {"ipv6", 39, 39},         {"mac_address", 17, 17},
    {"user_agent", 150, 150}, {"hex_color", 7, 7},       {"slug", 32, 32},         {"iban", 34, 34},
    {"bic", 11, 11},          {"credit_card", 19, 19},   {"currency_code", 3, 3},  {"isbn13", 13, 17},
    {"ean13", 13, 13},
};

// username's default maxLength, and the shortest it is worth cutting to.
constexpr int kUsernameLength = 32;
constexpr int kShortestUsername = 6;

// password_hash's shapes (types.json): argon2id's PHC string, bcrypt's $2b$12$…, 64 hex digits of sha256.
constexpr int kArgon2Length = 97;
constexpr int kBcryptLength = 60;
// A token as long as the column allows, up to this; shorter than the minimum it is no token.
constexpr int kTokenLength = 32;
constexpr int kTokenMaxLength = 64;
constexpr int kTokenMinLength = 16;

// The longest lorem word and a title of two: "{lorem_word|title} {lorem_word|title}".
constexpr int kLoremWord = 14;
const char *const kOneWordTitle = "{lorem_word|title}";
const char *const kTwoWordTitle = "{lorem_word|title} {lorem_word|title}";

// ISO 639-1 codes of widely used languages, for language columns (Fabrica has no language type).
const char *const kLanguageCodes[] = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "fi", "no",
                                      "cs", "el", "tr", "ru", "uk", "ar", "he", "hi", "ja", "zh", "ko"};
const char *const kLanguageNames[] = {"English", "German", "French",  "Spanish", "Italian",  "Portuguese",
                                      "Dutch",   "Polish", "Swedish", "Danish",  "Finnish",  "Norwegian",
                                      "Czech",   "Greek",  "Turkish", "Russian", "Japanese", "Chinese",
                                      "Korean",  "Arabic", "Hindi"};

// The column's declared length in characters; 0 when it has none (text, varchar without a length).
int declaredLength(const ImportedColumn &column)
{
    return column.typeArguments.isEmpty() ? 0 : column.typeArguments.first();
}

bool holds(const ImportedColumn &column, int width)
{
    const int length = declaredLength(column);
    return length <= 0 || length >= width;
}

template<std::size_t N> QJsonArray stringArray(const char *const (&items)[N])
{
    QJsonArray out;
    for (const char *item : items)
        out.append(QLatin1String(item));
    return out;
}

NamedTypes::Choice typed(const QString &type, QJsonObject constraints = {}, QString detail = {})
{
    return NamedTypes::Choice{type, std::move(constraints), QString(), std::move(detail)};
}

// A type of the registry whose longest values the column holds; otherwise nothing, with a note.
NamedTypes::Choice ifFits(const ImportedColumn &column, const QString &type, QJsonObject constraints = {},
                          QString detail = {})
{
    const int width = NamedTypes::widthOf(type);
    if (!TypeRegistry::instance().find(type))
        return {};
    // Names and places are free text: their values are re-drawn to fit a declared length (SizeLimit), so
    // a column holding a third of the longest takes the type. Formats (IBAN, IP …) must fit whole.
    const bool freeText =
        isOneOf(type, {"first_name", "last_name", "full_name", "job_title", "street", "city", "region",
                       "country", "department", "industry", "company_name"});
    if (width > 0 && !holds(column, width) && !(freeText && holds(column, (width + 2) / 3)))
        return NamedTypes::Choice{
            {},
            {},
            NamedTypes::tr("the name suggests %1, whose values need %2 characters").arg(type).arg(width),
            {}};
    return typed(type, std::move(constraints), std::move(detail));
}

// A title-like text of one or two capitalised words, as long as the column allows.
NamedTypes::Choice titleText(const ImportedColumn &column, bool oneWord)
{
    const int length = declaredLength(column);
    if (length > 0 && length < kLoremWord)
        return NamedTypes::Choice{
            {},
            {},
            NamedTypes::tr("the name suggests a title, which needs %1 characters").arg(kLoremWord),
            {}};
    const bool two = !oneWord && (length <= 0 || length >= 2 * kLoremWord + 1);
    return typed(
        QStringLiteral("template"),
        QJsonObject{{QStringLiteral("template"), QLatin1String(two ? kTwoWordTitle : kOneWordTitle)}},
        two ? NamedTypes::tr("a title-like text of two words") : NamedTypes::tr("a one-word name"));
}

// Hex digits shaped like a hash (SHA-256, SHA-1 or MD5 by what the column holds): never readable text.
NamedTypes::Choice hexDigits(const ImportedColumn &column, const QString &what, int longest, int shortest)
{
    const int length = declaredLength(column);
    const int digits = length <= 0 ? longest : std::min(longest, length);
    if (digits < shortest)
        return NamedTypes::Choice{
            {},
            {},
            NamedTypes::tr("the name suggests %1, which needs %2 characters").arg(what).arg(shortest),
            {}};
    // Hash lengths people use: 64, 40, 32 hex digits; otherwise as many as fit.
    int shaped = digits;
    for (const int hash : {64, 40, 32}) {
        if (digits >= hash && hash <= longest) {
            shaped = hash;
            break;
        }
    }
    return typed(QStringLiteral("pattern"),
                 QJsonObject{{QStringLiteral("pattern"), QStringLiteral("[0-9a-f]{%1}").arg(shaped)}},
                 NamedTypes::tr("%1: %2 hex digits").arg(what).arg(shaped));
}

NamedTypes::Choice textChoice(const QString &table, const ImportedColumn &column)
{
    const QString n = squeezed(column.name);
    const bool people = tableHoldsPeople(table);
    if (n == QLatin1String("email") || n.endsWith(QLatin1String("email")) || n == QLatin1String("mail") ||
        n == QLatin1String("emailaddress"))
        return ifFits(column, QStringLiteral("email"));
    if (isOneOf(n, {"firstname", "givenname", "forename", "fname"}))
        return ifFits(column, QStringLiteral("first_name"));
    if (isOneOf(n, {"lastname", "surname", "familyname", "lname"}))
        return ifFits(column, QStringLiteral("last_name"));
    if (isOneOf(n, {"fullname", "displayname", "contactname", "customername", "authorname", "composer",
                    "author", "director"}))
        return ifFits(column, QStringLiteral("full_name"));
    if (n == QLatin1String("name") || n == squeezed(table) + QLatin1String("name")) {
        // By what the table holds.
        if (people)
            return ifFits(column, QStringLiteral("full_name"));
        if (tableHoldsCompanies(table))
            return ifFits(column, QStringLiteral("company_name"));
        if (matches(table, "^(languages?|lang)$"))
            return holds(column, 10)
                       ? typed(QStringLiteral("enum"),
                               QJsonObject{{QStringLiteral("values"), stringArray(kLanguageNames)}},
                               NamedTypes::tr("language names"))
                       : NamedTypes::Choice{};
        if (matches(table, "^(countr(y|ies))$"))
            return ifFits(column, QStringLiteral("country"));
        if (matches(table, "^(cit(y|ies)|towns?)$"))
            return ifFits(column, QStringLiteral("city"));
        if (matches(table, "^(departments?)$"))
            return ifFits(column, QStringLiteral("department"));
        return titleText(column, tableHoldsLabels(table));
    }
    if (isOneOf(n, {"companyname", "company", "organization", "organisation", "employer", "vendor",
                    "supplier"}) ||
        (n == QLatin1String("name") && tableHoldsCompanies(table)))
        return ifFits(column, QStringLiteral("company_name"));
    if (isOneOf(n, {"username", "login", "nickname", "handle", "screenname"})) {
        // User names shorten themselves to maxLength: only a very short column is too short.
        const int length = declaredLength(column);
        if (length > 0 && length < kShortestUsername)
            return Choice{{},
                          {},
                          NamedTypes::tr("the name suggests username, which needs %1 characters")
                              .arg(kShortestUsername),
                          {}};
        return typed(QStringLiteral("username"), length > 0 && length < kUsernameLength
                                                     ? QJsonObject{{QStringLiteral("maxLength"), length}}
                                                     : QJsonObject{});
    }
    if (isOneOf(n, {"phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cellphone", "fax"}))
        return ifFits(column, QStringLiteral("phone"));
    if (isOneOf(n, {"jobtitle", "position", "occupation", "role"}) && people)
        return ifFits(column, QStringLiteral("job_title"));
    if (isOneOf(n, {"jobtitle", "occupation"}))
        return ifFits(column, QStringLiteral("job_title"));
    if (isOneOf(n, {"title", "salutation", "honorific"}) && people && !tableHoldsWorks(table))
        return ifFits(column, QStringLiteral("title"));
    if (isOneOf(n, {"title", "headline", "subject", "caption"}))
        return titleText(column, false);
    if (isOneOf(n, {"gender", "sex"}))
        return ifFits(column, QStringLiteral("gender"));
    if (isOneOf(n, {"address2", "addressline2", "address2line", "street2", "addresssupplement"})) {
        Choice choice = ifFits(column, QStringLiteral("street"));
        if (!choice.type.isEmpty() && !column.notNull) {
            // A second address line is empty for most addresses.
            choice.constraints.insert(QStringLiteral("nullPercent"), 80);
            choice.detail = NamedTypes::tr("a second address line, NULL in 80 %");
        }
        return choice;
    }
    if (isOneOf(n, {"street", "streetaddress", "address", "address1", "addressline1", "addressline"}))
        return ifFits(column, QStringLiteral("street"));
    if (isOneOf(n, {"buildingnumber", "housenumber", "streetnumber"}))
        return ifFits(column, QStringLiteral("building_number"));
    if (isOneOf(n, {"city", "town", "locality"}))
        return ifFits(column, QStringLiteral("city"));
    if (isOneOf(n, {"state", "region", "province", "county", "district"}))
        return ifFits(column, QStringLiteral("region"));
    if (isOneOf(n, {"zip", "zipcode", "postalcode", "postcode", "plz"}))
        return ifFits(column, QStringLiteral("postal_code"));
    if (isOneOf(n, {"countrycode", "countryiso", "iso2", "countryiso2"}))
        return ifFits(column, QStringLiteral("country_code"));
    if (n == QLatin1String("country"))
        return ifFits(column, QStringLiteral("country"));
    if (isOneOf(n, {"timezone", "tz"}))
        return ifFits(column, QStringLiteral("time_zone"));
    if (isOneOf(n, {"department", "dept"}))
        return ifFits(column, QStringLiteral("department"));
    if (n == QLatin1String("industry") || n == QLatin1String("sector"))
        return ifFits(column, QStringLiteral("industry"));
    if (isOneOf(n, {"url", "website", "homepage", "link", "webpage", "uri", "site"}) ||
        n.endsWith(QLatin1String("url")))
        return ifFits(column, QStringLiteral("url"));
    if (n == QLatin1String("domain") || n == QLatin1String("hostname"))
        return ifFits(column, QStringLiteral("domain"));
    if (isOneOf(n, {"ip", "ipaddress", "ipv4", "remoteaddr", "clientip", "ipaddr", "lastip", "lastloginip"}))
        return ifFits(column, QStringLiteral("ipv4"));
    if (n == QLatin1String("ipv6"))
        return ifFits(column, QStringLiteral("ipv6"));
    if (isOneOf(n, {"mac", "macaddress"}))
        return ifFits(column, QStringLiteral("mac_address"));
    if (isOneOf(n, {"useragent", "browser"}))
        return ifFits(column, QStringLiteral("user_agent"));
    if (isOneOf(n, {"color", "colour", "hexcolor", "hexcolour"}))
        return ifFits(column, QStringLiteral("hex_color"));
    if (n == QLatin1String("slug") || n.endsWith(QLatin1String("slug")))
        return ifFits(column, QStringLiteral("slug"));
    if (n == QLatin1String("iban"))
        return ifFits(column, QStringLiteral("iban"));
    if (isOneOf(n, {"bic", "swift", "swiftcode"}))
        return ifFits(column, QStringLiteral("bic"));
    if (isOneOf(n, {"cardnumber", "creditcard", "creditcardnumber", "ccnumber", "pan"}))
        return ifFits(column, QStringLiteral("credit_card"));
    if (isOneOf(n, {"currency", "currencycode"}))
        return ifFits(column, QStringLiteral("currency_code"));
    if (isOneOf(n, {"isbn", "isbn13"}))
        return ifFits(column, QStringLiteral("isbn13"));
    if (isOneOf(n, {"ean", "ean13", "barcode", "gtin"}))
        return ifFits(column, QStringLiteral("ean13"));
    if (isOneOf(n, {"password", "passwordhash", "passwd", "pwd", "pass", "passhash", "hashedpassword",
                    "encryptedpassword", "passworddigest", "pwdhash", "userpassword"})) {
        // The hash shape the column holds: argon2id, bcrypt, else hex digits like SHA-1 or MD5.
        if (TypeRegistry::instance().find(QStringLiteral("password_hash"))) {
            if (holds(column, kArgon2Length))
                return typed(QStringLiteral("password_hash"), {}, NamedTypes::tr("argon2id hashes"));
            if (holds(column, kBcryptLength))
                return typed(QStringLiteral("password_hash"),
                             QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("bcrypt")}},
                             NamedTypes::tr("bcrypt hashes"));
        }
        return hexDigits(column, NamedTypes::tr("a password hash"), 64, 32);
    }
    if (isOneOf(n, {"token", "apikey", "apitoken", "secret", "accesstoken", "refreshtoken", "authtoken",
                    "sessiontoken", "secretkey", "clientsecret", "resettoken", "confirmationtoken",
                    "verificationtoken", "sessionid"})) {
        const int length = declaredLength(column);
        const int characters = length <= 0 ? kTokenLength : std::min(length, kTokenMaxLength);
        if (!TypeRegistry::instance().find(QStringLiteral("token")))
            return hexDigits(column, NamedTypes::tr("a token"), 40, kTokenMinLength);
        if (characters < kTokenMinLength)
            return Choice{
                {},
                {},
                NamedTypes::tr("the name suggests a token, which needs %1 characters").arg(kTokenMinLength),
                {}};
        return typed(QStringLiteral("token"), QJsonObject{{QStringLiteral("length"), characters}},
                     NamedTypes::tr("%1 hex digits").arg(characters));
    }
    if (n == QLatin1String("sku") || n.endsWith(QLatin1String("sku")))
        return holds(column, 9)
                   ? typed(QStringLiteral("pattern"),
                           QJsonObject{{QStringLiteral("pattern"), QStringLiteral("[A-Z]{3}-[0-9]{5}")}},
                           NamedTypes::tr("a stock keeping unit like ABC-01234"))
                   : Choice{};
    if (isOneOf(n, {"version", "appversion", "softwareversion", "semver"}))
        return holds(column, 7) ? typed(QStringLiteral("pattern"),
                                        QJsonObject{{QStringLiteral("pattern"),
                                                     QStringLiteral("[1-9]\\.\\d{1,2}\\.\\d{1,2}")}},
                                        NamedTypes::tr("a version number like 2.14.3"))
                                : Choice{};
    if (isOneOf(n, {"language", "lang", "languagecode", "langcode", "locale", "iso6391"}))
        return holds(column, 2) ? typed(QStringLiteral("enum"),
                                        QJsonObject{{QStringLiteral("values"), stringArray(kLanguageCodes)}},
                                        NamedTypes::tr("ISO 639-1 language codes"))
                                : Choice{};
    if (isOneOf(n,
                {"description", "bio", "biography", "notes", "note", "comment", "comments", "body", "content",
                 "text", "message", "summary", "remarks", "details", "about", "synopsis", "abstract"})) {
        if (column.sqlType == QLatin1String("text") && declaredLength(column) <= 0)
            return typed(QStringLiteral("lorem_paragraph"));
        // Words of at most 14 letters, a space or the final full stop each.
        const int length = declaredLength(column);
        const int words = length <= 0 ? 12 : std::min(12, (length - 1) / (kLoremWord + 1));
        if (words < 1)
            return {};
        QJsonObject constraints;
        if (words < 12) {
            constraints.insert(QStringLiteral("minWords"), std::min(4, words));
            constraints.insert(QStringLiteral("maxWords"), words);
        }
        return typed(QStringLiteral("lorem_sentence"), constraints);
    }
    return {};
}

} // namespace

NamedTypes::Choice NamedTypes::choose(const QString &table, const ImportedColumn &column,
                                      const QString &sqlFabricaType)
{
    if (sqlFabricaType == QLatin1String("string") || sqlFabricaType == QLatin1String("char"))
        return textChoice(table, column);
    if (isOneOf(sqlFabricaType, {"integer", "smallint", "bigint", "decimal", "float", "double"})) {
        const QString n = squeezed(column.name);
        if (isOneOf(n, {"lat", "latitude"}))
            return typed(QStringLiteral("latitude"));
        if (isOneOf(n, {"lng", "lon", "long", "longitude"}))
            return typed(QStringLiteral("longitude"));
    }
    return {};
}

int NamedTypes::widthOf(const QString &type, const QString &locale)
{
    for (const Width &width : kWidths) {
        if (type == QLatin1String(width.type))
            return locale.isEmpty() || locale == QLatin1String("en_US") ? width.enUs : width.anyLocale;
    }
    return 0;
}

QStringList NamedTypes::typesWithWidth()
{
    QStringList out;
    for (const Width &width : kWidths) {
        if (TypeRegistry::instance().find(QLatin1String(width.type)))
            out << QLatin1String(width.type);
    }
    return out;
}

} // namespace fabrica
