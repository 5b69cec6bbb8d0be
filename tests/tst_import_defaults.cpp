// The import's guesses from SQL DEFAULTs, CHECKs, domains, names and keys (issue 12): a DVD-rental schema
// and a music store's track table, imported and generated with the real engine, give values a person would
// expect (no negative durations, prices near their DEFAULT, nothing after the reference date, keys 1..N,
// passwords that are hashes), and every guess is a line of the report.

#include "common/OneOf.h"
#include "generate/Plan.h"
#include "import/ColumnMapper.h"
#include "import/DdlParser.h"
#include "import/ImportService.h"
#include "import/NamedTypes.h"
#include "import/SqlDefault.h"
#include "types/TypeRegistry.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QDate kReference(2026, 3, 31);
constexpr qint64 kRows = 100000;

QString fixture()
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/import/ddl/dvd_rental.sql");
}

ImportService::Outcome importDvdRental()
{
    ImportService::Options options;
    options.referenceDate = kReference;
    return ImportService::importFile(fixture(), options);
}

// One column's values (NULL as an empty optional), made chunk by chunk as a job does.
using Values = QList<std::optional<QString>>;

QHash<QString, Values> generateTable(const Plan &plan, const QString &name)
{
    int t = 0;
    while (t < int(plan.tables().size()) && plan.tables()[std::size_t(t)].name != name)
        ++t;
    if (t == int(plan.tables().size()))
        qFatal("no table %s", qPrintable(name));
    const TablePlan &table = plan.tables()[std::size_t(t)];
    QHash<QString, Values> out;
    TableChunk chunk;
    constexpr int kChunk = 16384;
    for (qint64 first = 0; first < table.rows; first += kChunk) {
        plan.fillChunk(t, first, int(std::min<qint64>(kChunk, table.rows - first)), chunk);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const ColumnChunk &cells = chunk.columns[c];
            Values &values = out[table.columns[c].name];
            for (int row = 0; row < cells.size(); ++row) {
                if (cells.isNull(row))
                    values.append(std::nullopt);
                else
                    values.append(
                        QString::fromUtf8(cells.value(row).data(), qsizetype(cells.value(row).size())));
            }
        }
    }
    return out;
}

struct Stats
{
    qint64 count = 0;
    qint64 nulls = 0;
    double min = 0, max = 0, sum = 0;
    QString notANumber; // the first value that is not one
    double mean() const { return count ? sum / double(count) : 0; }
};

Stats numbers(const Values &values)
{
    Stats s;
    bool first = true;
    for (const std::optional<QString> &value : values) {
        if (!value) {
            ++s.nulls;
            continue;
        }
        bool ok = false;
        const double x = value->toDouble(&ok);
        if (!ok) {
            if (s.notANumber.isEmpty())
                s.notANumber = *value;
            continue;
        }
        s.min = first ? x : std::min(s.min, x);
        s.max = first ? x : std::max(s.max, x);
        first = false;
        s.sum += x;
        ++s.count;
    }
    return s;
}

int decimals(const QString &value)
{
    const qsizetype dot = value.indexOf(u'.');
    return dot < 0 ? 0 : int(value.size() - dot - 1);
}

QStringList guessesOf(const ImportReport &report)
{
    QStringList lines;
    for (const ImportReport::Line &line : report.lines()) {
        if (line.level == ImportReport::Level::Guess)
            lines << line.where.path + u": "_s + line.message;
    }
    return lines;
}

// The guess lines about one column.
QStringList guessesAbout(const QStringList &guesses, const QString &column)
{
    QStringList lines;
    for (const QString &line : guesses) {
        if (line.startsWith(column + u": "_s))
            lines << line;
    }
    return lines;
}

ColumnMapper::Mapped mapped(const QString &tableName, const QString &definition, const QString &prelude = {})
{
    ImportReport report;
    const DdlParser::Result parsed =
        DdlParser::parse(prelude + u"CREATE TABLE "_s + tableName + u" ("_s + definition + u");"_s,
                         u"t.sql"_s, report, SqlDialect::PostgreSQL);
    if (parsed.tables.isEmpty())
        qFatal("no table: %s", qPrintable(report.toText()));
    const ImportedTable &table = parsed.tables.last();
    return ColumnMapper::map(table, table.columns.first(), {}, kReference);
}

} // namespace

class TestImportDefaults : public QObject
{
    Q_OBJECT

private slots:
    void readsDefaultValues_data();
    void readsDefaultValues();
    void centresNumbersOnTheirDefault_data();
    void centresNumbersOnTheirDefault();
    void keepsChecksAndDomains();
    void mapsNamesToFittingTypes_data();
    void mapsNamesToFittingTypes();
    void namedTypesFitTheirWidths_data();
    void namedTypesFitTheirWidths();
    void countsIntegerKeysFromOne();
    void dvdRentalGeneratesSensibleValues();
    void dvdRentalReportsEveryGuess();
};

void TestImportDefaults::readsDefaultValues_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("number"); // empty: no number
    QTest::addColumn<bool>("now");
    const auto row = [](const char *expression, const char *number, bool now = false) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(number) << now;
    };
    row("3", "3");
    row("4.99", "4.99");
    row("-1.5", "-1.5");
    row("'-1.5'::numeric", "-1.5");
    row("(3)::smallint", "3");
    row("'19.99'", "19.99");
    row("((0))", "0");
    row("1e3", "1000");
    row("+2", "2");
    row("'abc'", "");
    row("nextval('s'::regclass)", "");
    row("3 + 4", "");
    row("NULL", "");
    row("now()", "", true);
    row("CURRENT_TIMESTAMP", "", true);
    row("current_date", "", true);
    row("LOCALTIMESTAMP", "", true);
    row("('now'::text)::timestamp without time zone", "", true);
    row("(now() AT TIME ZONE 'utc')", "", true);
    row("CURRENT_TIMESTAMP(3)", "", true);
    row("getdate()", "", true);
    row("datetime('now')", "", true);
    row("'2020-01-01'", "");
}

void TestImportDefaults::readsDefaultValues()
{
    QFETCH(QString, expression);
    QFETCH(QString, number);
    QFETCH(bool, now);
    const std::optional<double> value = SqlDefault::number(expression);
    QCOMPARE(value.has_value(), !number.isEmpty());
    if (value)
        QCOMPARE(*value, number.toDouble());
    QCOMPARE(SqlDefault::isCurrentMoment(expression), now);
}

void TestImportDefaults::centresNumbersOnTheirDefault_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("mean"); // NaN: no distribution around a default
    // A name that says nothing, so only the DEFAULT and the SQL type speak.
    QTest::newRow("smallint DEFAULT 3") << u"c smallint DEFAULT 3 NOT NULL"_s << 1.0 << 5.0 << 3.0;
    QTest::newRow("numeric(4,2) DEFAULT 4.99") << u"c numeric(4,2) DEFAULT 4.99"_s << 1.0 << 8.98 << 4.99;
    QTest::newRow("numeric(5,2) DEFAULT 19.99") << u"c numeric(5,2) DEFAULT 19.99"_s << 4.0 << 35.98 << 19.99;
    QTest::newRow("pg_dump cast") << u"c numeric(5,2) DEFAULT '19.99'::numeric"_s << 4.0 << 35.98 << 19.99;
    QTest::newRow("integer DEFAULT 1") << u"c integer DEFAULT 1"_s << 0.0 << 2.0 << 1.0;
    QTest::newRow("integer DEFAULT 100") << u"c integer DEFAULT 100"_s << 20.0 << 180.0 << 100.0;
    QTest::newRow("real DEFAULT 2.5") << u"c real DEFAULT 2.5"_s << 0.5 << 4.5 << 2.5;
    // The SQL type's range wins: numeric(3,1) holds 99.9 at most.
    QTest::newRow("numeric(3,1) DEFAULT 90") << u"c numeric(3,1) DEFAULT 90"_s << 18.0 << 99.9 << 90.0;
    // A CHECK wins over the window around the DEFAULT.
    QTest::newRow("CHECK max") << u"c numeric(5,2) DEFAULT 19.99 CHECK (c <= 25)"_s << 4.0 << 25.0 << 19.99;
    QTest::newRow("CHECK min") << u"c integer DEFAULT 10 CHECK (c > 5)"_s << 6.0 << 18.0 << 10.0;
    // DEFAULT 0 is a starting value, not a typical one: it only says "not negative".
    QTest::newRow("DEFAULT 0") << u"c integer DEFAULT 0"_s << 0.0 << 100000.0 << qQNaN();
    // Nothing at all: from 0 to a modest maximum; above a CHECK's minimum the same span.
    QTest::newRow("nothing") << u"c smallint"_s << 0.0 << 1000.0 << qQNaN();
    QTest::newRow("CHECK min only") << u"c integer CHECK (c >= 5000)"_s << 5000.0 << 105000.0 << qQNaN();
    QTest::newRow("signed name") << u"delta integer"_s << -100000.0 << 100000.0 << qQNaN();
    QTest::newRow("unsigned name") << u"latency integer"_s << 0.0 << 100000.0 << qQNaN();
    QTest::newRow("negative DEFAULT") << u"c numeric(6,2) DEFAULT -1"_s << -9999.99 << 9999.99 << qQNaN();
    // A DEFAULT outside the CHECK, or negative (a sentinel), centres nothing.
    QTest::newRow("outside CHECK") << u"c integer DEFAULT 50 CHECK (c BETWEEN 1 AND 5)"_s << 1.0 << 5.0
                                   << qQNaN();
}

void TestImportDefaults::centresNumbersOnTheirDefault()
{
    QFETCH(QString, definition);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, mean);
    const ColumnMapper::Mapped m = mapped(u"t"_s, definition);
    const QJsonObject &c = m.column.constraints;
    QCOMPARE(c.value(u"min"_s).toDouble(), min);
    QCOMPARE(c.value(u"max"_s).toDouble(), max);
    const QJsonObject distribution = c.value(u"distribution"_s).toObject();
    if (std::isnan(mean)) {
        QVERIFY2(distribution.isEmpty(), qPrintable(m.reason));
    } else {
        QCOMPARE(distribution.value(u"name"_s).toString(), u"normal"_s);
        QCOMPARE(distribution.value(u"mean"_s).toDouble(), mean);
        QVERIFY(distribution.value(u"stddev"_s).toDouble() > 0);
        QVERIFY2(m.guesses.join(u'\n').contains(u"(from DEFAULT)"_s), qPrintable(m.guesses.join(u'\n')));
    }
}

void TestImportDefaults::keepsChecksAndDomains()
{
    // A domain's CHECK (VALUE > 0) and its DEFAULT combine: the CHECK's bound, the DEFAULT's centre.
    const QString domain = u"CREATE DOMAIN price AS numeric(6,2) DEFAULT 10 CHECK (VALUE > 0);"_s;
    ColumnMapper::Mapped m = mapped(u"t"_s, u"c price"_s, domain);
    QCOMPARE(m.column.type, u"decimal"_s);
    QCOMPARE(m.column.constraints.value(u"min"_s).toDouble(), 2.0);
    QCOMPARE(m.column.constraints.value(u"max"_s).toDouble(), 18.0);
    QCOMPARE(m.column.constraints.value(u"distribution"_s).toObject().value(u"mean"_s).toDouble(), 10.0);

    // Without a DEFAULT the domain's bound stays exact (one cent above 0).
    m = mapped(u"t"_s, u"c positive"_s, u"CREATE DOMAIN positive AS numeric(6,2) CHECK (VALUE > 0);"_s);
    QCOMPARE(m.column.constraints.value(u"min"_s).toDouble(), 0.01);
    QCOMPARE(m.column.constraints.value(u"max"_s).toDouble(), 9999.99);

    // CHECK bounds on both sides are kept as they are; the DEFAULT only shapes the spread inside.
    m = mapped(u"t"_s, u"stars smallint DEFAULT 3 CHECK (stars BETWEEN 1 AND 5)"_s);
    QCOMPARE(m.column.constraints.value(u"min"_s).toInt(), 1);
    QCOMPARE(m.column.constraints.value(u"max"_s).toInt(), 5);

    // MySQL's TINYINT UNSIGNED DEFAULT 3 stays inside 0..255.
    ImportReport report;
    const DdlParser::Result mysql = DdlParser::parse(
        u"CREATE TABLE film (rental_duration TINYINT UNSIGNED NOT NULL DEFAULT 3, n TINYINT, u TINYINT UNSIGNED);"_s,
        u"t.sql"_s, report, SqlDialect::MySQL);
    const ImportedTable &film = mysql.tables.first();
    m = ColumnMapper::map(film, film.columns[0], {}, kReference);
    QCOMPARE(m.column.constraints.value(u"min"_s).toInt(), 1);
    QCOMPARE(m.column.constraints.value(u"max"_s).toInt(), 5);
    m = ColumnMapper::map(film, film.columns[1], {}, kReference);
    QVERIFY(m.column.constraints.value(u"min"_s).toInt() >= -128);
    QVERIFY(m.column.constraints.value(u"max"_s).toInt() <= 127);
    m = ColumnMapper::map(film, film.columns[2], {}, kReference);
    QCOMPARE(m.column.constraints.value(u"min"_s).toInt(), 0);
    QVERIFY(m.column.constraints.value(u"max"_s).toInt() <= 255);

    // A temporal DEFAULT now() ends at the reference date.
    m = mapped(u"t"_s, u"c timestamp DEFAULT now()"_s);
    QCOMPARE(m.column.constraints.value(u"max"_s).toString(), u"2026-03-31T00:00:00"_s);
    QVERIFY(m.column.constraints.value(u"min"_s).toString() < u"2026-03-31"_s);
    m = mapped(u"t"_s, u"c date DEFAULT CURRENT_DATE"_s);
    QCOMPARE(m.column.constraints.value(u"max"_s).toString(), u"2026-03-31"_s);
}

void TestImportDefaults::mapsNamesToFittingTypes_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("type");
    const auto row = [](const char *table, const char *definition, const char *type) {
        QTest::newRow(QByteArray(QByteArray(table) + '.' + definition).constData())
            << QString::fromUtf8(table) << QString::fromUtf8(definition) << QString::fromUtf8(type);
    };
    row("film", "title varchar(255)", "template");
    row("book", "title text", "template");
    row("posts", "title varchar(120)", "template");
    row("employees", "title varchar(20)", "title");
    row("customer", "name varchar(80)", "full_name");
    row("company", "name varchar(80)", "company_name");
    row("category", "name varchar(25)", "template");
    row("film_actor", "name varchar(80)", "full_name");
    row("factory", "name varchar(80)", "template"); // not an actor
    row("genre", "name varchar(120)", "template");
    row("product", "name varchar(120)", "template");
    row("film", "description text", "lorem_paragraph");
    row("film", "description varchar(200)", "lorem_sentence");
    row("address", "district varchar(20)", "region");
    row("address", "region varchar(40)", "region");
    row("address", "province text", "region");
    row("address", "state varchar(2)", "string"); // a region's name does not fit two characters
    row("address", "address varchar(50)", "street");
    row("address", "address2 varchar(50)", "street");
    row("staff", "password varchar(40)", "pattern");
    row("users", "password_hash text", "password_hash");
    row("users", "passwd varchar(50)", "pattern");
    row("users", "pwd varchar(20)", "string"); // no hash fits
    row("users", "pwd varchar(255)", "password_hash");
    row("api_keys", "token varchar(64)", "token");
    row("api_keys", "api_key text", "token");
    row("settings", "secret text", "token");
    row("settings", "client_secret varchar(24)", "token");
    row("settings", "session_id varchar(8)", "string"); // too short for a token
    row("users", "password_hash varchar(60)", "password_hash");
    row("users", "password char(32)", "pattern");
    row("product", "sku varchar(20)", "pattern");
    row("releases", "version varchar(20)", "pattern");
    row("sessions", "ip_address varchar(45)", "ipv4");
    row("sessions", "ip varchar(7)", "string");
    row("themes", "color varchar(7)", "hex_color");
    row("themes", "colour char(7)", "hex_color");
    row("themes", "color varchar(3)", "string");
    row("prices", "currency char(3)", "currency_code");
    row("users", "language char(2)", "enum");
    row("users", "lang varchar(5)", "enum");
    row("posts", "slug varchar(80)", "slug");
    row("companies", "website varchar(255)", "url");
    row("users", "homepage text", "url");
    row("address", "country varchar(50)", "country");
    row("address", "city varchar(50)", "city");
    row("address", "zip varchar(10)", "postal_code");
    row("address", "postal_code varchar(10)", "postal_code");
    row("places", "latitude numeric(9,6)", "latitude");
    row("places", "longitude double precision", "longitude");
    row("accounts", "iban varchar(34)", "iban");
    row("accounts", "iban varchar(20)", "string");
    row("customer", "email varchar(50)", "email");
    row("customer", "email varchar(10)", "string");
    row("staff", "username varchar(16)", "username");
    row("staff", "login varchar(4)", "string");
}

void TestImportDefaults::mapsNamesToFittingTypes()
{
    QFETCH(QString, table);
    QFETCH(QString, definition);
    QFETCH(QString, type);
    const ColumnMapper::Mapped m = mapped(table, definition);
    // password_hash and token are types of their own where the registry has them, hex patterns otherwise.
    if (isOneOf(type, {"password_hash", "token"}) && !TypeRegistry::instance().find(type))
        type = u"pattern"_s;
    QVERIFY2(m.column.type == type, qPrintable(m.column.type + u" — "_s + m.reason));
    if (type == QLatin1String("username"))
        QCOMPARE(m.column.constraints.value(u"maxLength"_s).toInt(), 16);
    if (type != QLatin1String("string"))
        QVERIFY2(m.reason.contains(u"from the name"_s), qPrintable(m.reason));
}

void TestImportDefaults::namedTypesFitTheirWidths_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : NamedTypes::typesWithWidth())
        QTest::newRow(qPrintable(type)) << type;
}

void TestImportDefaults::namedTypesFitTheirWidths()
{
    // The widths the mapper assumes (a name maps to a type only when the column holds its longest values)
    // hold for what the engine makes, in every locale.
    QFETCH(QString, type);
    QVERIFY(NamedTypes::widthOf(type) > 0);
    for (const QString &locale : {u"en_US"_s, u"en_GB"_s, u"de_DE"_s, u"fr_FR"_s, u"es_ES"_s}) {
        Schema schema;
        schema.name = u"w"_s;
        schema.locale = locale;
        Table table;
        table.name = u"t"_s;
        table.rows = 20000;
        Column column;
        column.name = u"v"_s;
        column.type = type;
        table.columns << column;
        schema.tables << table;
        const auto plan = Plan::compile(schema, Plan::Options{});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        int longest = 0;
        for (const std::optional<QString> &value : generateTable(**plan, u"t"_s).value(u"v"_s))
            longest = std::max(longest, value ? int(value->size()) : 0);
        QVERIFY2(longest <= NamedTypes::widthOf(type, locale),
                 qPrintable(u"%1 in %2: %3 characters, assumed %4"_s.arg(type, locale)
                                .arg(longest)
                                .arg(NamedTypes::widthOf(type, locale))));
    }
}

void TestImportDefaults::countsIntegerKeysFromOne()
{
    for (const char *definition :
         {"id integer PRIMARY KEY", "id int PRIMARY KEY", "id bigint PRIMARY KEY", "id smallint PRIMARY KEY",
          "id serial PRIMARY KEY", "id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY"}) {
        const ColumnMapper::Mapped m = mapped(u"t"_s, QString::fromUtf8(definition));
        QCOMPARE(m.column.type, u"sequence"_s);
        QVERIFY(m.column.constraints.value(u"primaryKey"_s).toBool());
        QCOMPARE(m.column.constraints.value(u"start"_s).toInt(), 1);
        QVERIFY2(m.reason.contains(u"1, 2, 3"_s), qPrintable(m.reason));
    }
    // MySQL's UNSIGNED keys count too.
    ImportReport report;
    const DdlParser::Result mysql = DdlParser::parse(
        u"CREATE TABLE t (id INT UNSIGNED NOT NULL PRIMARY KEY);"_s, u"t.sql"_s, report, SqlDialect::MySQL);
    const ImportedTable &t = mysql.tables.first();
    QCOMPARE(ColumnMapper::map(t, t.columns.first(), {}, kReference).column.type, u"sequence"_s);
    // A key with a CHECK of its own keeps its range; text keys stay text.
    ColumnMapper::Mapped m = mapped(u"t"_s, u"id integer PRIMARY KEY CHECK (id BETWEEN 1000 AND 9999)"_s);
    QCOMPARE(m.column.type, u"integer"_s);
    QCOMPARE(m.column.constraints.value(u"min"_s).toInt(), 1000);
    m = mapped(u"t"_s, u"code varchar(10) PRIMARY KEY"_s);
    QCOMPARE(m.column.type, u"string"_s);
}

void TestImportDefaults::dvdRentalGeneratesSensibleValues()
{
    const ImportService::Outcome outcome = importDvdRental();
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QCOMPARE(outcome.schemas.size(), 1);
    // The schema keeps the day its dates end at, so the data is the same whenever it is generated.
    QCOMPARE(outcome.schemas[0].referenceDate, kReference);
    Plan::Options options;
    for (const char *table : {"film", "staff", "address", "track", "customer"})
        options.rows.insert(QString::fromUtf8(table), kRows);
    const auto compiled = Plan::compile(outcome.schemas[0], options);
    QVERIFY2(compiled, qPrintable(compiled ? QString() : compiled.error().toString()));
    const Plan &plan = **compiled;

    const QHash<QString, Values> film = generateTable(plan, u"film"_s);
    // Keys count 1..N, in order.
    const Values &filmId = film.value(u"film_id"_s);
    QCOMPARE(filmId.size(), kRows);
    for (qint64 i = 0; i < kRows; ++i)
        QCOMPARE(*filmId[i], QString::number(i + 1));

    const Stats duration = numbers(film.value(u"rental_duration"_s));
    QCOMPARE(duration.notANumber, QString());
    QCOMPARE(duration.nulls, 0);
    QVERIFY2(duration.min >= 1 && duration.max <= 7,
             qPrintable(u"%1..%2"_s.arg(duration.min).arg(duration.max)));
    QVERIFY2(std::abs(duration.mean() - 3) < 0.05, qPrintable(QString::number(duration.mean())));

    const Stats rate = numbers(film.value(u"rental_rate"_s));
    QCOMPARE(rate.notANumber, QString());
    QVERIFY2(rate.min >= 0 && rate.max <= 99.99, qPrintable(u"%1..%2"_s.arg(rate.min).arg(rate.max)));
    QVERIFY2(std::abs(rate.mean() - 4.99) < 0.05, qPrintable(QString::number(rate.mean())));
    for (const std::optional<QString> &value : film.value(u"rental_rate"_s))
        QVERIFY2(!value || decimals(*value) <= 2, qPrintable(value.value_or(u"NULL"_s)));

    const Stats cost = numbers(film.value(u"replacement_cost"_s));
    QVERIFY(cost.min >= 0 && cost.max <= 999.99);
    QVERIFY2(std::abs(cost.mean() - 19.99) < 0.2, qPrintable(QString::number(cost.mean())));

    const Stats length = numbers(film.value(u"length"_s));
    QCOMPARE(length.notANumber, QString());
    QVERIFY2(length.min >= 45 && length.max <= 185, qPrintable(u"%1..%2"_s.arg(length.min).arg(length.max)));

    const Stats year = numbers(film.value(u"release_year"_s));
    QVERIFY2(year.min >= 1901 && year.max <= 2155, qPrintable(u"%1..%2"_s.arg(year.min).arg(year.max)));

    // Nothing after the reference date.
    const QString end = kReference.toString(Qt::ISODate) + u" 00:00:00"_s;
    for (const std::optional<QString> &value : film.value(u"last_update"_s))
        QVERIFY2(value && *value <= end, qPrintable(value.value_or(u"NULL"_s)));

    // A film's title is a title, not "Mr."; its description text.
    static const QRegularExpression personTitle(u"^(Mr|Mrs|Ms|Miss|Dr|Prof|Mx)\\.?$"_s);
    int titled = 0;
    for (const std::optional<QString> &value : film.value(u"title"_s)) {
        QVERIFY(value && !value->isEmpty() && value->size() <= 255);
        titled += personTitle.match(*value).hasMatch() ? 1 : 0;
    }
    QCOMPARE(titled, 0);

    const QHash<QString, Values> customer = generateTable(plan, u"customer"_s);
    const QString day = kReference.toString(Qt::ISODate);
    for (const std::optional<QString> &value : customer.value(u"create_date"_s))
        QVERIFY2(value && *value <= day, qPrintable(value.value_or(u"NULL"_s)));
    for (const std::optional<QString> &value : customer.value(u"last_update"_s))
        QVERIFY2(!value || *value <= end, qPrintable(value.value_or(u"NULL"_s)));

    // Passwords are hashes: 40 hex digits in varchar(40), never words.
    const QHash<QString, Values> staff = generateTable(plan, u"staff"_s);
    static const QRegularExpression hash(u"^[0-9a-f]{32,40}$"_s);
    qint64 passwords = 0;
    for (const std::optional<QString> &value : staff.value(u"password"_s)) {
        if (!value)
            continue;
        ++passwords;
        QVERIFY2(hash.match(*value).hasMatch(), qPrintable(*value));
    }
    QVERIFY(passwords > kRows / 2);

    // Plain integer keys count too; district is a region that fits varchar(20); address2 is mostly empty.
    const QHash<QString, Values> address = generateTable(plan, u"address"_s);
    const Values &addressId = address.value(u"address_id"_s);
    for (qint64 i = 0; i < kRows; ++i)
        QCOMPARE(*addressId[i], QString::number(i + 1));
    for (const std::optional<QString> &value : address.value(u"district"_s))
        QVERIFY(value && !value->isEmpty() && value->size() <= 20);
    QVERIFY(numbers(address.value(u"address2"_s)).nulls > kRows / 2);

    const QHash<QString, Values> track = generateTable(plan, u"track"_s);
    const Values &trackId = track.value(u"track_id"_s);
    for (qint64 i = 0; i < kRows; ++i)
        QCOMPARE(*trackId[i], QString::number(i + 1));
    const Stats milliseconds = numbers(track.value(u"milliseconds"_s));
    QCOMPARE(milliseconds.notANumber, QString());
    QVERIFY2(milliseconds.min >= 30000 && milliseconds.max <= 600000,
             qPrintable(u"%1..%2"_s.arg(milliseconds.min).arg(milliseconds.max)));
    QVERIFY(numbers(track.value(u"bytes"_s)).min >= 0);
    QVERIFY(numbers(track.value(u"unit_price"_s)).min >= 0);
}

void TestImportDefaults::dvdRentalReportsEveryGuess()
{
    const ImportService::Outcome outcome = importDvdRental();
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const QStringList guesses = guessesOf(outcome.report);
    const auto has = [&](const QString &column, const QString &text) {
        const QStringList lines = guessesAbout(guesses, column);
        return std::any_of(lines.begin(), lines.end(),
                           [&](const QString &line) { return line.contains(text); });
    };
    QVERIFY2(has(u"film.rental_duration"_s, u"1..5 around the DEFAULT 3 (from DEFAULT)"_s),
             qPrintable(guessesAbout(guesses, u"film.rental_duration"_s).join(u'\n')));
    QVERIFY2(has(u"film.rental_rate"_s, u"1.00..8.98 around the DEFAULT 4.99 (from DEFAULT)"_s),
             qPrintable(guessesAbout(guesses, u"film.rental_rate"_s).join(u'\n')));
    QVERIFY(has(u"film.replacement_cost"_s, u"around the DEFAULT 19.99 (from DEFAULT)"_s));
    QVERIFY2(has(u"film.last_update"_s, u"the reference date 2026-03-31"_s),
             qPrintable(guessesAbout(guesses, u"film.last_update"_s).join(u'\n')));
    QVERIFY(has(u"film.film_id"_s, u"sequence 1, 2, 3"_s));
    QVERIFY(has(u"address.address_id"_s, u"sequence 1, 2, 3"_s));
    QVERIFY(has(u"film.title"_s, u"(from the name"_s));
    QVERIFY(has(u"film.description"_s, u"(from the name"_s));
    QVERIFY(has(u"address.district"_s, u"region (from the name"_s));
    QVERIFY(has(u"address.address2"_s, u"(from the name"_s));
    QVERIFY(has(u"staff.password"_s, u"hash"_s));
    QVERIFY(has(u"film.release_year"_s, u"range from a CHECK"_s));
    QVERIFY2(has(u"track.milliseconds"_s, u"30000..600000: a duration in milliseconds"_s),
             qPrintable(guessesAbout(guesses, u"track.milliseconds"_s).join(u'\n')));
    QVERIFY(has(u"track.milliseconds"_s, u"(from the name)"_s));
    QVERIFY(has(u"film.length"_s, u"45..185: "_s));
    QVERIFY(has(u"payment.amount"_s, u"0.50..999.99: "_s));
    QVERIFY(has(u"payment.payment_date"_s, u"up to the reference date"_s));
    // Every column of the schema has at least one line.
    for (const Table &table : outcome.schemas[0].tables) {
        for (const Column &column : table.columns)
            QVERIFY2(!guessesAbout(guesses, table.name + u'.' + column.name).isEmpty(),
                     qPrintable(table.name + u'.' + column.name));
    }
}

QTEST_GUILESS_MAIN(TestImportDefaults)
#include "tst_import_defaults.moc"
