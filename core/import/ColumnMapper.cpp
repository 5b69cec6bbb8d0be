#include "ColumnMapper.h"

#include "common/OneOf.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace fabrica {

namespace {

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

bool tableHoldsPeople(const QString &table)
{
    static const QRegularExpression people(
        QStringLiteral("(user|customer|client|employee|person|people|member|author|contact|staff|patient|"
                       "student|teacher|account|profile|subscriber|guest|driver|owner)"),
        QRegularExpression::CaseInsensitiveOption);
    return people.match(table).hasMatch();
}

bool tableHoldsCompanies(const QString &table)
{
    static const QRegularExpression companies(
        QStringLiteral("(compan|vendor|supplier|organi[sz]ation|employer|merchant|partner|manufacturer)"),
        QRegularExpression::CaseInsensitiveOption);
    return companies.match(table).hasMatch();
}

bool isText(const QString &fabricaType)
{
    return fabricaType == QLatin1String("string") || fabricaType == QLatin1String("char");
}

bool isNumber(const QString &fabricaType)
{
    return isOneOf(fabricaType, {"integer", "smallint", "bigint", "decimal", "float", "double"});
}

// A semantic type from the column's name, for columns whose SQL type can hold it; empty when the name
// says nothing Fabrica knows.
QString typeOfName(const QString &table, const QString &name, const QString &sqlFabricaType)
{
    const QString n = squeezed(name);
    const bool text = isText(sqlFabricaType);
    if (text) {
        if (n == QLatin1String("email") || n.endsWith(QLatin1String("email")) || n == QLatin1String("mail") ||
            n == QLatin1String("emailaddress"))
            return QStringLiteral("email");
        if (isOneOf(n, {"firstname", "givenname", "forename", "fname"}))
            return QStringLiteral("first_name");
        if (isOneOf(n, {"lastname", "surname", "familyname", "lname"}))
            return QStringLiteral("last_name");
        if (isOneOf(n, {"fullname", "displayname", "contactname", "customername", "authorname"}))
            return QStringLiteral("full_name");
        if (n == QLatin1String("name") && tableHoldsPeople(table))
            return QStringLiteral("full_name");
        if (isOneOf(n, {"companyname", "company", "companyname", "organization", "organisation", "employer",
                        "vendor", "supplier"}) ||
            (n == QLatin1String("name") && tableHoldsCompanies(table)))
            return QStringLiteral("company_name");
        if (isOneOf(n, {"username", "login", "nickname", "handle", "screenname"}))
            return QStringLiteral("username");
        if (isOneOf(
                n, {"phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cellphone", "fax"}))
            return QStringLiteral("phone");
        if (isOneOf(n, {"jobtitle", "position", "occupation", "role"}) && tableHoldsPeople(table))
            return QStringLiteral("job_title");
        if (isOneOf(n, {"jobtitle", "occupation"}))
            return QStringLiteral("job_title");
        if (isOneOf(n, {"title", "salutation", "honorific"}) && tableHoldsPeople(table))
            return QStringLiteral("title");
        if (isOneOf(n, {"gender", "sex"}))
            return QStringLiteral("gender");
        if (isOneOf(n, {"street", "streetaddress", "address", "address1", "addressline1", "addressline"}))
            return QStringLiteral("street");
        if (isOneOf(n, {"buildingnumber", "housenumber", "streetnumber"}))
            return QStringLiteral("building_number");
        if (isOneOf(n, {"city", "town", "locality"}))
            return QStringLiteral("city");
        if (isOneOf(n, {"state", "region", "province", "county"}))
            return QStringLiteral("region");
        if (isOneOf(n, {"zip", "zipcode", "postalcode", "postcode", "plz"}))
            return QStringLiteral("postal_code");
        if (isOneOf(n, {"countrycode", "countryiso", "iso2", "countryiso2"}))
            return QStringLiteral("country_code");
        if (n == QLatin1String("country"))
            return QStringLiteral("country");
        if (isOneOf(n, {"timezone", "tz"}))
            return QStringLiteral("time_zone");
        if (isOneOf(n, {"department", "dept"}))
            return QStringLiteral("department");
        if (n == QLatin1String("industry") || n == QLatin1String("sector"))
            return QStringLiteral("industry");
        if (isOneOf(n, {"url", "website", "homepage", "link", "webpage", "uri"}) ||
            n.endsWith(QLatin1String("url")))
            return QStringLiteral("url");
        if (n == QLatin1String("domain") || n == QLatin1String("hostname"))
            return QStringLiteral("domain");
        if (isOneOf(n, {"ip", "ipaddress", "ipv4", "remoteaddr", "clientip"}))
            return QStringLiteral("ipv4");
        if (n == QLatin1String("ipv6"))
            return QStringLiteral("ipv6");
        if (isOneOf(n, {"mac", "macaddress"}))
            return QStringLiteral("mac_address");
        if (isOneOf(n, {"useragent", "browser"}))
            return QStringLiteral("user_agent");
        if (isOneOf(n, {"color", "colour", "hexcolor"}))
            return QStringLiteral("hex_color");
        if (n == QLatin1String("slug") || n.endsWith(QLatin1String("slug")))
            return QStringLiteral("slug");
        if (n == QLatin1String("iban"))
            return QStringLiteral("iban");
        if (isOneOf(n, {"bic", "swift", "swiftcode"}))
            return QStringLiteral("bic");
        if (isOneOf(n, {"cardnumber", "creditcard", "creditcardnumber", "ccnumber", "pan"}))
            return QStringLiteral("credit_card");
        if (isOneOf(n, {"currency", "currencycode"}))
            return QStringLiteral("currency_code");
        if (isOneOf(n, {"isbn", "isbn13"}))
            return QStringLiteral("isbn13");
        if (isOneOf(n, {"ean", "ean13", "barcode", "gtin"}))
            return QStringLiteral("ean13");
        if (isOneOf(n, {"description", "bio", "biography", "notes", "note", "comment", "comments", "body",
                        "content", "text", "message", "summary", "remarks", "details", "about"}))
            return QStringLiteral("lorem_sentence");
    }
    if (isNumber(sqlFabricaType)) {
        if (isOneOf(n, {"lat", "latitude"}))
            return QStringLiteral("latitude");
        if (isOneOf(n, {"lng", "lon", "long", "longitude"}))
            return QStringLiteral("longitude");
    }
    return {};
}

// Names of money and quantities that are never negative.
bool namesNonNegative(const QString &name)
{
    static const QRegularExpression words(
        QStringLiteral("(price|amount|total|cost|balance|salary|wage|fee|tax|quantity|qty|count|stock|"
                       "weight|height|width|length|size|age|discount|subtotal|revenue|income|budget)"),
        QRegularExpression::CaseInsensitiveOption);
    return words.match(name).hasMatch();
}

// Bounds from CHECKs: for whole numbers the nearest allowed integer, for reals a hair inside an exclusive
// one.
qint64 wholeAbove(double bound, bool exclusive)
{
    const double up = std::ceil(bound);
    return qint64(exclusive && up == bound ? up + 1 : up);
}

qint64 wholeBelow(double bound, bool exclusive)
{
    const double down = std::floor(bound);
    return qint64(exclusive && down == bound ? down - 1 : down);
}

double realAbove(double bound, bool exclusive)
{
    return exclusive ? bound + std::max(1e-6, std::abs(bound) * 1e-9) : bound;
}

double realBelow(double bound, bool exclusive)
{
    return exclusive ? bound - std::max(1e-6, std::abs(bound) * 1e-9) : bound;
}

} // namespace

QString ColumnMapper::typeOfSql(const ImportedColumn &column)
{
    const QString t = column.sqlType;
    if (isOneOf(t, {"smallint", "int2", "tinyint", "smallserial", "serial2", "year"}))
        return column.sqlType == QLatin1String("tinyint") && column.typeArguments.value(0) == 1
                   ? QStringLiteral("boolean")
                   : QStringLiteral("smallint");
    if (isOneOf(t, {"integer", "int", "int4", "mediumint", "serial", "serial4"}))
        return QStringLiteral("integer");
    if (isOneOf(t, {"bigint", "int8", "bigserial", "serial8"}))
        return QStringLiteral("bigint");
    if (isOneOf(t, {"numeric", "decimal", "money", "number", "dec", "fixed"}))
        return QStringLiteral("decimal");
    if (isOneOf(t, {"real", "float4"}))
        return QStringLiteral("float");
    if (isOneOf(t, {"double precision", "double", "float8", "float"}))
        return QStringLiteral("double");
    if (isOneOf(t, {"boolean", "bool", "bit"}))
        return QStringLiteral("boolean");
    if (t == QLatin1String("date"))
        return QStringLiteral("date");
    if (isOneOf(t, {"time", "time without time zone", "timetz", "time with time zone"}))
        return QStringLiteral("time");
    if (isOneOf(t, {"timestamptz", "timestamp with time zone"}))
        return QStringLiteral("timestamptz");
    if (isOneOf(t, {"timestamp", "datetime", "timestamp without time zone", "smalldatetime", "datetime2"}))
        return QStringLiteral("timestamp");
    if (isOneOf(t, {"uuid", "uniqueidentifier"}))
        return QStringLiteral("uuid");
    if (isOneOf(t, {"json", "jsonb"}))
        return QStringLiteral("json");
    if (isOneOf(t, {"inet", "cidr"}))
        return QStringLiteral("ipv4");
    if (isOneOf(t, {"macaddr", "macaddr8"}))
        return QStringLiteral("mac_address");
    if (isOneOf(t, {"char", "character", "bpchar", "nchar"}) && column.typeArguments.value(0) > 1)
        return QStringLiteral("char");
    // SQLite's type affinity: any name with INT is an integer, with REAL, FLOA or DOUB a real.
    if (t.contains(QLatin1String("int")))
        return t.contains(QLatin1String("big")) ? QStringLiteral("bigint") : QStringLiteral("integer");
    if (t.contains(QLatin1String("real")) || t.contains(QLatin1String("floa")) ||
        t.contains(QLatin1String("doub")))
        return QStringLiteral("double");
    return QStringLiteral("string");
}

ColumnMapper::Mapped ColumnMapper::map(const ImportedTable &table, const ImportedColumn &column,
                                       const QString &references)
{
    Mapped out;
    out.column.name = column.name;
    out.column.description = column.comment;
    QJsonObject &c = out.column.constraints;
    const bool inPrimaryKey = table.primaryKey.contains(column.name);
    if (inPrimaryKey)
        c.insert(QStringLiteral("primaryKey"), true);
    else if (column.notNull)
        c.insert(QStringLiteral("notNull"), true);
    if (column.unique && !inPrimaryKey)
        c.insert(QStringLiteral("unique"), true);
    const QString sqlText = column.sqlType +
                            (column.typeArguments.isEmpty() ? QString()
                                                            : QLatin1Char('(') +
                                                                  [&] {
                                                                      QStringList parts;
                                                                      for (const int a : column.typeArguments)
                                                                          parts << QString::number(a);
                                                                      return parts.join(QLatin1String(", "));
                                                                  }() +
                                                                  QLatin1Char(')')) +
                            (column.isArray ? QStringLiteral("[]") : QString());

    // What the column is comes first.
    if (!references.isEmpty()) {
        out.column.type = QStringLiteral("foreign_key");
        c.insert(QStringLiteral("references"), references);
        out.reason = tr("foreign key to %1").arg(references);
        return out;
    }
    if (column.isArray) {
        // PostgreSQL array literals; the element type decides what goes in the braces.
        const QString element = typeOfSql(column);
        out.column.type = QStringLiteral("pattern");
        c.insert(QStringLiteral("pattern"),
                 isNumber(element) ? QStringLiteral("\\{[1-9][0-9]{0,3}(,[1-9][0-9]{0,3}){0,3}\\}")
                                   : QStringLiteral("\\{[a-z]{3,8}(,[a-z]{3,8}){0,3}\\}"));
        out.reason = tr("pattern of array literals (%1)").arg(sqlText);
        return out;
    }
    if (!column.allowedValues.isEmpty()) {
        out.column.type = QStringLiteral("enum");
        c.insert(QStringLiteral("values"), QJsonArray::fromStringList(column.allowedValues));
        out.reason = tr("enum of %n value(s), equally weighted (from the type or a CHECK)", nullptr,
                        int(column.allowedValues.size()));
        return out;
    }
    const QString sqlType = typeOfSql(column);
    if (column.autoIncrement && isOneOf(sqlType, {"smallint", "integer", "bigint"})) {
        out.column.type = QStringLiteral("sequence");
        out.reason = tr("sequence 1, 2, 3 … (%1 generated by the database)").arg(sqlText);
        return out;
    }

    // Then what the name says.
    const QString named = typeOfName(table.name, column.name, sqlType);
    if (!named.isEmpty()) {
        out.column.type = named;
        if (named == QLatin1String("lorem_sentence") && column.sqlType == QLatin1String("text"))
            out.column.type = QStringLiteral("lorem_paragraph");
        out.reason = tr("%1 (from the name; SQL type %2)").arg(out.column.type, sqlText);
        return out;
    }

    // Finally the SQL type, with what the name and checks add.
    out.column.type = sqlType;
    const QString n = squeezed(column.name);
    QStringList notes;
    if (sqlType == QLatin1String("decimal")) {
        const int precision = column.typeArguments.value(0, 12);
        const int scale = column.typeArguments.size() > 1
                              ? column.typeArguments[1]
                              : (column.sqlType == QLatin1String("money") ? 2 : 2);
        c.insert(QStringLiteral("precision"), qBound(1, precision, 1000));
        c.insert(QStringLiteral("scale"), qBound(0, scale, qMin(precision, 1000)));
        // The largest value the column holds, kept to a sane range for generated data.
        const double limit = std::pow(10.0, qMin(precision - scale, 9)) - std::pow(10.0, -scale);
        // An exclusive bound moves in by one unit of the last decimal place: CHECK (price > 0) starts at
        // 0.01.
        const double unit = std::pow(10.0, -scale);
        const double high =
            column.maximum ? *column.maximum - (column.maximumExclusive ? unit : 0.0) : qMin(limit, 100000.0);
        const double low = column.minimum ? *column.minimum + (column.minimumExclusive ? unit : 0.0)
                                          : (namesNonNegative(column.name) ? 0.0 : -qMin(limit, 100000.0));
        c.insert(QStringLiteral("max"), high);
        c.insert(QStringLiteral("min"), low);
        notes << tr("precision %1, scale %2").arg(precision).arg(scale);
    } else if (isOneOf(sqlType, {"smallint", "integer", "bigint", "float", "double"})) {
        // Integer keys take whole bounds: CHECK (x > 0.5) admits 1 and up.
        const bool whole = !isOneOf(sqlType, {"float", "double"});
        if (column.minimum)
            c.insert(QStringLiteral("min"),
                     whole ? QJsonValue(wholeAbove(*column.minimum, column.minimumExclusive))
                           : QJsonValue(realAbove(*column.minimum, column.minimumExclusive)));
        else if (namesNonNegative(column.name))
            c.insert(QStringLiteral("min"), 0);
        if (column.maximum)
            c.insert(QStringLiteral("max"),
                     whole ? QJsonValue(wholeBelow(*column.maximum, column.maximumExclusive))
                           : QJsonValue(realBelow(*column.maximum, column.maximumExclusive)));
        else if (!inPrimaryKey && !column.unique && sqlType != QLatin1String("smallint"))
            c.insert(QStringLiteral("max"), n == QLatin1String("age") ? 100 : 100000);
    } else if (sqlType == QLatin1String("date") &&
               (n.contains(QLatin1String("birth")) || n == QLatin1String("dob"))) {
        c.insert(QStringLiteral("min"), QStringLiteral("1940-01-01"));
        c.insert(QStringLiteral("max"), QStringLiteral("2006-12-31"));
        notes << tr("birth dates 1940..2006");
    } else if (sqlType == QLatin1String("string")) {
        const int length = column.typeArguments.value(0, 0);
        const int maxLength = length > 0 ? qMin(length, 64) : 32;
        c.insert(QStringLiteral("maxLength"), maxLength);
        c.insert(QStringLiteral("minLength"), qMin(1, maxLength));
    } else if (sqlType == QLatin1String("char")) {
        c.insert(QStringLiteral("length"), column.typeArguments.value(0, 1));
    } else if (sqlType == QLatin1String("json")) {
        c.insert(QStringLiteral("fields"),
                 QJsonObject{
                     {QStringLiteral("id"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("constraints"),
                                   QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 1000}}}}},
                     {QStringLiteral("label"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("lorem_word")}}}});
        notes << tr("a small object; describe its fields");
    }
    if (column.minimum || column.maximum)
        notes << tr("range from a CHECK");
    out.reason = tr("%1 (from the SQL type %2)").arg(sqlType, sqlText);
    if (!notes.isEmpty())
        out.reason += QLatin1String("; ") + notes.join(QLatin1String("; "));
    return out;
}

} // namespace fabrica
