// The SQL DDL importer: fixtures in the three dialects, a real pg_dump --schema-only, the hard cases one by
// one, exact report lines for broken input, and input cut anywhere.
#include "import/DdlInsertReader.h"
#include "import/DdlParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <iterator>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QString sourceDir()
{
    return qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR));
}

QString fixture(const QString &name)
{
    QFile file(sourceDir() + QStringLiteral("/tests/data/import/ddl/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

const ImportedTable &table(const DdlParser::Result &result, const QString &name)
{
    for (const ImportedTable &table : result.tables) {
        if (table.name == name)
            return table;
    }
    qFatal("no table %s", qPrintable(name));
}

QStringList tableNames(const DdlParser::Result &result)
{
    QStringList names;
    for (const ImportedTable &table : result.tables)
        names << (table.sqlSchema.isEmpty() ? table.name : table.sqlSchema + QLatin1Char('.') + table.name);
    return names;
}

QStringList columnNames(const ImportedTable &table)
{
    QStringList names;
    for (const ImportedColumn &column : table.columns)
        names << column.name;
    return names;
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

// A column in one line: "numeric(10,2) NOT NULL >= 0 <= 100 DEFAULT 0".
QString describe(const ImportedColumn &column)
{
    QStringList parts;
    QString type = column.sqlType;
    if (!column.typeArguments.isEmpty()) {
        QStringList arguments;
        for (const int argument : column.typeArguments)
            arguments << QString::number(argument);
        type += QLatin1Char('(') + arguments.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (column.isArray)
        type += QLatin1String("[]");
    parts << type;
    if (column.notNull)
        parts << QStringLiteral("NOT NULL");
    if (column.primaryKey)
        parts << QStringLiteral("PK");
    if (column.unique)
        parts << QStringLiteral("UNIQUE");
    if (column.autoIncrement)
        parts << QStringLiteral("AUTO");
    if (column.minimum)
        parts << (column.minimumExclusive ? QStringLiteral("> ") : QStringLiteral(">= ")) +
                     number(*column.minimum);
    if (column.maximum)
        parts << (column.maximumExclusive ? QStringLiteral("< ") : QStringLiteral("<= ")) +
                     number(*column.maximum);
    if (!column.allowedValues.isEmpty())
        parts << QStringLiteral("IN (") + column.allowedValues.join(QLatin1Char('|')) + QLatin1Char(')');
    if (!column.defaultValue.isEmpty())
        parts << QStringLiteral("DEFAULT ") + column.defaultValue;
    if (!column.generatedExpression.isEmpty())
        parts << QStringLiteral("GENERATED ") + column.generatedExpression;
    return parts.join(QLatin1Char(' '));
}

QString describe(const ImportedTable &table, const char *name)
{
    const int index = table.columnIndex(QString::fromUtf8(name));
    return index < 0 ? QStringLiteral("<no column %1>").arg(QString::fromUtf8(name))
                     : describe(table.columns.at(index));
}

QStringList foreignKeys(const ImportedTable &table)
{
    QStringList keys;
    for (const ImportedForeignKey &key : table.foreignKeys)
        keys << key.columns.join(QLatin1Char(',')) + QLatin1String(" -> ") + key.referencedTable +
                    QLatin1Char('(') + key.referencedColumns.join(QLatin1Char(',')) + QLatin1Char(')');
    return keys;
}

QStringList uniqueKeys(const ImportedTable &table)
{
    QStringList keys;
    for (const QStringList &key : table.uniqueKeys)
        keys << key.join(QLatin1Char(','));
    return keys;
}

QStringList samples(const ImportedTable &table)
{
    QStringList rows;
    for (const auto &row : table.sampleRows) {
        QStringList values;
        for (const std::optional<QString> &value : row)
            values << (value ? QLatin1Char('<') + *value + QLatin1Char('>') : QStringLiteral("NULL"));
        rows << values.join(QLatin1Char(' '));
    }
    return rows;
}

QStringList reportLines(const ImportReport &report)
{
    return report.toText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList linesOf(const ImportReport &report, ImportReport::Level level)
{
    QStringList lines;
    for (const QString &line : reportLines(report)) {
        if (line.contains(QLatin1String(": ") + ImportReport::levelName(level) + QLatin1String(": ")))
            lines << line;
    }
    return lines;
}

DdlParser::Result parse(const QString &sql, ImportReport &report, SqlDialect dialect = SqlDialect::PostgreSQL)
{
    report = ImportReport();
    return DdlParser::parse(sql, QStringLiteral("t.sql"), report, dialect);
}

} // namespace

class TestDdlParser : public QObject
{
    Q_OBJECT

private slots:
    void detectsTheDialect_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<SqlDialect>("dialect");
        QTest::addColumn<QString>("guess");
        QTest::newRow("postgresql") << u"postgresql.sql"_s << SqlDialect::PostgreSQL
                                    << u"read as PostgreSQL (seen: SERIAL, $$, nextval(, psql commands)"_s;
        QTest::newRow("pg_dump")
            << u"pg_dump_shop.sql"_s << SqlDialect::PostgreSQL
            << u"read as PostgreSQL (seen: -- PostgreSQL database dump, $$, pg_catalog, nextval()"_s;
        QTest::newRow("mysql") << u"mysql.sql"_s << SqlDialect::MySQL
                               << u"read as MySQL (seen: -- MySQL dump, AUTO_INCREMENT, ENGINE=, /*!)"_s;
        QTest::newRow("sqlite") << u"sqlite.sql"_s << SqlDialect::SQLite
                                << u"read as SQLite (seen: AUTOINCREMENT, WITHOUT ROWID, PRAGMA, sqlite_)"_s;
    }
    void detectsTheDialect()
    {
        QFETCH(QString, file);
        QFETCH(SqlDialect, dialect);
        QFETCH(QString, guess);
        ImportReport report;
        const DdlParser::Result result = DdlParser::parse(fixture(file), file, report);
        QCOMPARE(result.dialect, dialect);
        QCOMPARE(report.lines().first().level, ImportReport::Level::Guess);
        QCOMPARE(report.lines().first().message, guess);
    }

    void detectsNothingAsPostgresql()
    {
        ImportReport report;
        const DdlParser::Result result =
            DdlParser::parse(QStringLiteral("CREATE TABLE t (a int);"), QStringLiteral("plain.sql"), report);
        QCOMPARE(result.dialect, SqlDialect::PostgreSQL);
        QCOMPARE(
            reportLines(report),
            strings({"plain.sql: guess: read as PostgreSQL: nothing in the file tells its SQL dialect"}));
    }

    void readsThePostgresqlFixture()
    {
        ImportReport report;
        const DdlParser::Result result = DdlParser::parse(fixture(QStringLiteral("postgresql.sql")),
                                                          QStringLiteral("postgresql.sql"), report);
        QVERIFY2(!report.hasErrors(), qPrintable(report.toText()));
        QCOMPARE(linesOf(report, ImportReport::Level::Warning), QStringList());
        QCOMPARE(tableNames(result), (strings({"public.users", "session_cache", "products", "orders",
                                               "order_items", "shipments", "audit.Event Log"})));

        const ImportedTable &users = table(result, QStringLiteral("users"));
        QCOMPARE(columnNames(users),
                 (strings({"id",          "email",   "DisplayName", "first_name", "last_name", "age",
                           "score",       "mood",    "tags",        "matrix",     "nicknames", "created_at",
                           "updated_at",  "balance", "flags",       "bio",        "country",   "login_count",
                           "postal_code", "wake_up", "trial"})));
        QCOMPARE(users.primaryKey, strings({"id"}));
        QCOMPARE(uniqueKeys(users), strings({"email"}));
        QCOMPARE(users.comment, QStringLiteral("People who can sign in"));
        QCOMPARE(describe(users, "id"), QStringLiteral("bigserial NOT NULL PK AUTO"));
        QCOMPARE(describe(users, "email"), QStringLiteral("citext NOT NULL UNIQUE"));
        QCOMPARE(users.columns.at(1).comment, QStringLiteral("Unique, case-insensitive"));
        QCOMPARE(describe(users, "DisplayName"), QStringLiteral("character varying(80)"));
        QCOMPARE(describe(users, "first_name"), QStringLiteral("varchar(50) NOT NULL"));
        QCOMPARE(describe(users, "age"), QStringLiteral("integer >= 0 <= 150"));
        QCOMPARE(describe(users, "score"), QStringLiteral("double precision DEFAULT -1.5"));
        QCOMPARE(describe(users, "mood"), QStringLiteral("enum IN (happy|it's complicated)"));
        QCOMPARE(describe(users, "tags"), QStringLiteral("text[] DEFAULT '{}'::text[]"));
        QCOMPARE(describe(users, "matrix"), QStringLiteral("int[]"));
        QCOMPARE(describe(users, "nicknames"), QStringLiteral("text[]"));
        QCOMPARE(describe(users, "created_at"),
                 QStringLiteral("timestamp with time zone(3) NOT NULL DEFAULT now()"));
        QCOMPARE(describe(users, "updated_at"),
                 QStringLiteral("timestamp without time zone DEFAULT (now() AT TIME ZONE 'utc')"));
        QCOMPARE(describe(users, "balance"), QStringLiteral("numeric(10,2) > -100 DEFAULT 0"));
        QCOMPARE(describe(users, "flags"), QStringLiteral("bit varying(8)"));
        QCOMPARE(describe(users, "bio"), QStringLiteral("text DEFAULT E'It\\'s me,\\n\\tthe author'"));
        QCOMPARE(describe(users, "country"), QStringLiteral("char(2) IN (US|CA|MX) DEFAULT 'US'"));
        QCOMPARE(describe(users, "login_count"), QStringLiteral("int NOT NULL >= 0 DEFAULT 0"));
        QCOMPARE(describe(users, "postal_code"),
                 QStringLiteral("text")); // the domain's regex CHECK is skipped
        QCOMPARE(describe(users, "wake_up"), QStringLiteral("time with time zone(0)"));
        QCOMPARE(describe(users, "trial"), QStringLiteral("interval"));
        QCOMPARE(users.where, (SourceLocation{u"postgresql.sql"_s, 19, 28, u"users"_s}));
        QCOMPARE(users.columns.at(2).where,
                 (SourceLocation{u"postgresql.sql"_s, 22, 5, u"users.DisplayName"_s}));
        QCOMPARE(users.sampleColumns, (strings({"email", "first_name", "score", "created_at", "tags"})));
        QCOMPARE(samples(users),
                 strings({"<ada@example.com> <Ada> <-2.5> <2024-01-02 03:04:05+00> <{a,b}>"}));

        const ImportedTable &sessions = table(result, QStringLiteral("session_cache"));
        QCOMPARE(describe(sessions, "token"), QStringLiteral("uuid NOT NULL PK DEFAULT gen_random_uuid()"));
        QCOMPARE(foreignKeys(sessions), strings({"user_id -> users()"}));

        const ImportedTable &products = table(result, QStringLiteral("products"));
        QCOMPARE(describe(products, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(describe(products, "price"), QStringLiteral("numeric(12,2) NOT NULL >= 0"));
        QCOMPARE(describe(products, "weight_kg"), QStringLiteral("real >= 0.01 <= 1000"));
        QCOMPARE(describe(products, "stars"), QStringLiteral("smallint >= 1 <= 5"));
        QCOMPARE(describe(products, "status"),
                 QStringLiteral("text NOT NULL IN (active|retired) DEFAULT 'active'"));
        QCOMPARE(uniqueKeys(products), strings({"sku"}));
        QCOMPARE(products.sampleColumns, (strings({"sku", "name", "price", "weight_kg", "stars", "status"})));
        QCOMPARE(samples(products), (strings({"<A-1> <Widget> <9.99> <0.5> <4> NULL",
                                              "<B-2> <It's a gadget> <19.50> <1.25> <5> NULL",
                                              "<C-3> <Back\\slash> <7.00> <2> NULL NULL",
                                              "<E-5> <Retired thing> <0> NULL NULL <retired>"})));

        const ImportedTable &orders = table(result, QStringLiteral("orders"));
        QCOMPARE(orders.primaryKey, strings({"id"}));
        QCOMPARE(describe(orders, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(describe(orders, "status"),
                 QStringLiteral("enum NOT NULL IN (pending|paid|shipped|cancelled) DEFAULT 'pending'"));
        QCOMPARE(describe(orders, "invoice_number"),
                 QStringLiteral("integer AUTO DEFAULT nextval('invoice_number_seq'::regclass)"));
        QCOMPARE(describe(orders, "discount_pct"), QStringLiteral("numeric(5,2) > 0 <= 100"));
        QCOMPARE(describe(orders, "placed_at"),
                 QStringLiteral("timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP"));
        QCOMPARE(describe(orders, "note"), QStringLiteral("text NOT NULL DEFAULT ''"));
        QCOMPARE(foreignKeys(orders), strings({"user_id -> users(id)"}));

        const ImportedTable &items = table(result, QStringLiteral("order_items"));
        QCOMPARE(items.primaryKey, (strings({"order_id", "line_no"})));
        QCOMPARE(describe(items, "order_id"), QStringLiteral("integer NOT NULL"));
        QCOMPARE(describe(items, "quantity"), QStringLiteral("integer NOT NULL > 0 <= 1000"));
        QCOMPARE(describe(items, "unit_price"), QStringLiteral("numeric(10,2) NOT NULL >= 0"));
        QCOMPARE(foreignKeys(items), (strings({"order_id -> orders(id)", "product_id -> products(id)"})));

        const ImportedTable &shipments = table(result, QStringLiteral("shipments"));
        QCOMPARE(describe(shipments, "carrier"), QStringLiteral("varchar(20) IN (ups|dhl|fedex)"));
        QCOMPARE(uniqueKeys(shipments), strings({"order_id,line_no"}));
        QCOMPARE(foreignKeys(shipments), strings({"order_id,line_no -> order_items(order_id,line_no)"}));

        const ImportedTable &events = table(result, QStringLiteral("Event Log"));
        QCOMPARE(columnNames(events), (strings({"ID", "happened_at", "user", "action", "details"})));
        QCOMPARE(describe(events, "ID"), QStringLiteral("bigint NOT NULL PK AUTO"));
        QCOMPARE(describe(events, "action"), QStringLiteral("text NOT NULL IN (login|logout)"));

        QCOMPARE(linesOf(report, ImportReport::Level::Skipped),
                 (strings({
                     "postgresql.sql:5:1: skipped: psql command \\echo skipped",
                     "postgresql.sql:6:1: skipped: SET client_min_messages skipped",
                     "postgresql.sql:7:1: skipped: CREATE EXTENSION citext skipped",
                     "postgresql.sql:8:1: skipped: CREATE SCHEMA audit skipped",
                     "postgresql.sql:12:1: skipped: CREATE TYPE money_range skipped",
                     "postgresql.sql:15:38: skipped: CHECK (VALUE ~ '^\\d{5}$') of domain us_postal_code "
                     "skipped: not "
                     "a simple range or list of values",
                     "postgresql.sql:17:1: skipped: CREATE SEQUENCE invoice_number_seq skipped",
                     "postgresql.sql:96:5: skipped: CHECK (delivered_on >= shipped_on) on shipments skipped: "
                     "not a "
                     "simple range or list of values",
                     "postgresql.sql:100:1: skipped: CREATE UNIQUE INDEX users_lower_email_idx skipped: an "
                     "index on "
                     "expressions, not on columns",
                     "postgresql.sql:101:1: skipped: CREATE INDEX orders_placed_at_idx skipped",
                     "postgresql.sql:111:1: skipped: CREATE VIEW order_totals skipped",
                     "postgresql.sql:116:1: skipped: CREATE FUNCTION touch_updated_at skipped",
                     "postgresql.sql:122:1: skipped: CREATE FUNCTION add_numbers skipped",
                     "postgresql.sql:124:1: skipped: CREATE FUNCTION order_count skipped",
                     "postgresql.sql:128:1: skipped: CREATE TRIGGER users_touch skipped",
                     "postgresql.sql:130:1: skipped: GRANT SELECT skipped",
                     "postgresql.sql:132:1: skipped: BEGIN skipped",
                     "postgresql.sql:133:1: skipped: INSERT INTO products: 1 row(s) with expressions "
                     "skipped; samples "
                     "take literal values only",
                     "postgresql.sql:139:1: skipped: COPY products skipped, with its data",
                     "postgresql.sql:143:1: skipped: INSERT INTO users: 1 row(s) with expressions skipped; "
                     "samples "
                     "take literal values only",
                     "postgresql.sql:146:1: skipped: COMMIT skipped",
                 })));
    }

    void readsARealPgDump()
    {
        // pg_dump --schema-only of a database built from postgresql.sql (PostgreSQL 15), as it came.
        ImportReport report;
        const DdlParser::Result result = DdlParser::parse(fixture(QStringLiteral("pg_dump_shop.sql")),
                                                          QStringLiteral("pg_dump_shop.sql"), report);
        QCOMPARE(linesOf(report, ImportReport::Level::Error), QStringList());
        QCOMPARE(linesOf(report, ImportReport::Level::Warning), QStringList());
        QCOMPARE(result.dialect, SqlDialect::PostgreSQL);
        QCOMPARE(tableNames(result),
                 (strings({"public.orders", "audit.Event Log", "public.order_items", "public.products",
                           "public.session_cache", "public.shipments", "public.users"})));

        const ImportedTable &users = table(result, QStringLiteral("users"));
        QCOMPARE(users.primaryKey, strings({"id"}));
        QCOMPARE(uniqueKeys(users), strings({"email"}));
        QCOMPARE(users.comment, QStringLiteral("People who can sign in"));
        QCOMPARE(describe(users, "id"),
                 QStringLiteral("bigint NOT NULL PK AUTO DEFAULT nextval('public.users_id_seq'::regclass)"));
        QCOMPARE(describe(users, "email"), QStringLiteral("citext NOT NULL UNIQUE"));
        QCOMPARE(describe(users, "DisplayName"), QStringLiteral("character varying(80)"));
        QCOMPARE(describe(users, "age"), QStringLiteral("integer >= 0 <= 150"));
        QCOMPARE(describe(users, "score"), QStringLiteral("double precision DEFAULT '-1.5'::numeric"));
        QCOMPARE(describe(users, "mood"), QStringLiteral("enum IN (happy|it's complicated)"));
        QCOMPARE(describe(users, "matrix"), QStringLiteral("integer[]"));
        QCOMPARE(describe(users, "created_at"),
                 QStringLiteral("timestamp with time zone(3) NOT NULL DEFAULT now()"));
        QCOMPARE(describe(users, "balance"), QStringLiteral("numeric(10,2) > -100 DEFAULT 0"));
        QCOMPARE(describe(users, "bio"), QStringLiteral("text DEFAULT 'It''s me,\n\tthe author'::text"));
        QCOMPARE(describe(users, "country"),
                 QStringLiteral("character(2) IN (US|CA|MX) DEFAULT 'US'::bpchar"));
        QCOMPARE(describe(users, "login_count"), QStringLiteral("integer NOT NULL >= 0 DEFAULT 0"));
        QCOMPARE(describe(users, "trial"), QStringLiteral("interval"));

        const ImportedTable &orders = table(result, QStringLiteral("orders"));
        QCOMPARE(orders.sqlSchema, QStringLiteral("public"));
        QCOMPARE(describe(orders, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(
            describe(orders, "status"),
            QStringLiteral(
                "enum NOT NULL IN (pending|paid|shipped|cancelled) DEFAULT 'pending'::public.order_status"));
        QCOMPARE(describe(orders, "total"), QStringLiteral("numeric(12,2) NOT NULL >= 0 DEFAULT 0"));
        QCOMPARE(describe(orders, "discount_pct"), QStringLiteral("numeric(5,2) > 0 <= 100"));
        QCOMPARE(describe(orders, "note"), QStringLiteral("text NOT NULL DEFAULT ''::text"));
        QCOMPARE(foreignKeys(orders), strings({"user_id -> users(id)"}));

        const ImportedTable &items = table(result, QStringLiteral("order_items"));
        QCOMPARE(items.primaryKey, (strings({"order_id", "line_no"})));
        QCOMPARE(describe(items, "quantity"), QStringLiteral("integer NOT NULL > 0 <= 1000"));
        QCOMPARE(describe(items, "unit_price"), QStringLiteral("numeric(10,2) NOT NULL >= 0"));
        QCOMPARE(foreignKeys(items), (strings({"order_id -> orders(id)", "product_id -> products(id)"})));

        const ImportedTable &products = table(result, QStringLiteral("products"));
        QCOMPARE(describe(products, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(describe(products, "price"), QStringLiteral("numeric(12,2) NOT NULL >= 0"));
        QCOMPARE(describe(products, "weight_kg"), QStringLiteral("real >= 0.01 <= 1000"));
        QCOMPARE(describe(products, "stars"), QStringLiteral("smallint >= 1 <= 5"));
        QCOMPARE(describe(products, "status"),
                 QStringLiteral("text NOT NULL IN (active|retired) DEFAULT 'active'::text"));
        QCOMPARE(uniqueKeys(products), strings({"sku"}));

        const ImportedTable &shipments = table(result, QStringLiteral("shipments"));
        QCOMPARE(describe(shipments, "carrier"), QStringLiteral("character varying(20) IN (ups|dhl|fedex)"));
        QCOMPARE(uniqueKeys(shipments), strings({"order_id,line_no"}));
        QCOMPARE(foreignKeys(shipments), strings({"order_id,line_no -> order_items(order_id,line_no)"}));

        const ImportedTable &sessions = table(result, QStringLiteral("session_cache"));
        QCOMPARE(sessions.primaryKey, strings({"token"}));
        QCOMPARE(foreignKeys(sessions), strings({"user_id -> users(id)"}));

        const ImportedTable &events = table(result, QStringLiteral("Event Log"));
        QCOMPARE(events.sqlSchema, QStringLiteral("audit"));
        QCOMPARE(describe(events, "ID"), QStringLiteral("bigint NOT NULL PK AUTO"));
        QCOMPARE(describe(events, "action"), QStringLiteral("text NOT NULL IN (login|logout)"));

        // What was left out, each once, with its line: settings, functions, views, sequences, grants, psql.
        const QStringList skipped = linesOf(report, ImportReport::Level::Skipped);
        QCOMPARE(skipped.first(),
                 QStringLiteral("pg_dump_shop.sql:5:1: skipped: psql command \\restrict skipped"));
        QCOMPARE(skipped.last(),
                 QStringLiteral("pg_dump_shop.sql:552:1: skipped: psql command \\unrestrict skipped"));
        for (const char *line :
             {"pg_dump_shop.sql:15:1: skipped: SELECT pg_catalog.set_config skipped",
              "pg_dump_shop.sql:34:1: skipped: CREATE EXTENSION citext skipped",
              "pg_dump_shop.sql:41:1: skipped: COMMENT ON EXTENSION citext skipped",
              "pg_dump_shop.sql:60:1: skipped: CREATE TYPE public.money_range skipped",
              "pg_dump_shop.sql:90:1: skipped: ALTER DOMAIN public.positive_amount skipped",
              "pg_dump_shop.sql:165:1: skipped: CREATE FUNCTION public.order_count skipped",
              "pg_dump_shop.sql:180:1: skipped: CREATE FUNCTION public.touch_updated_at skipped",
              "pg_dump_shop.sql:244:1: skipped: CREATE VIEW public.order_totals skipped",
              "pg_dump_shop.sql:399:1: skipped: ALTER SEQUENCE public.users_id_seq skipped",
              "pg_dump_shop.sql:498:1: skipped: CREATE TRIGGER users_touch skipped",
              "pg_dump_shop.sql:545:1: skipped: GRANT SELECT skipped"})
            QVERIFY2(skipped.contains(QLatin1String(line)), line);
        QCOMPARE(skipped.size(), 41);
    }

    void readsTheMysqlFixture()
    {
        ImportReport report;
        const DdlParser::Result result =
            DdlParser::parse(fixture(QStringLiteral("mysql.sql")), QStringLiteral("mysql.sql"), report);
        QVERIFY2(!report.hasErrors(), qPrintable(report.toText()));
        QCOMPARE(linesOf(report, ImportReport::Level::Warning), QStringList());
        QCOMPARE(tableNames(result), (strings({"customers", "orders", "order_items", "tags"})));

        const ImportedTable &customers = table(result, QStringLiteral("customers"));
        QCOMPARE(customers.comment, QStringLiteral("People who buy"));
        QCOMPARE(customers.primaryKey, strings({"id"}));
        QCOMPARE(uniqueKeys(customers), strings({"email"})); // KEY and FULLTEXT KEY allow any rows
        QCOMPARE(describe(customers, "id"), QStringLiteral("int NOT NULL PK AUTO >= 0"));
        QCOMPARE(describe(customers, "email"), QStringLiteral("varchar(255) NOT NULL UNIQUE"));
        QCOMPARE(describe(customers, "status"),
                 QStringLiteral("enum NOT NULL IN (active|blocked|it's 'complicated') DEFAULT 'active'"));
        QCOMPARE(describe(customers, "roles"), QStringLiteral("set IN (admin|editor|viewer) DEFAULT NULL"));
        QCOMPARE(describe(customers, "balance"),
                 QStringLiteral("decimal(10,2) NOT NULL >= 0 DEFAULT '0.00'"));
        QCOMPARE(describe(customers, "is_vip"), QStringLiteral("tinyint(1) NOT NULL DEFAULT '0'"));
        QCOMPARE(describe(customers, "updated_at"), QStringLiteral("timestamp(6) DEFAULT NULL"));
        QCOMPARE(describe(customers, "notes"), QStringLiteral("text"));
        QCOMPARE(customers.columns.at(customers.columnIndex(QStringLiteral("notes"))).comment,
                 QStringLiteral("Free text, can't be \"long\""));
        QCOMPARE(describe(customers, "age"), QStringLiteral("tinyint >= 18 <= 130 DEFAULT NULL"));
        QCOMPARE(describe(customers, "score"), QStringLiteral("double >= -10 DEFAULT NULL"));
        QCOMPARE(describe(customers, "rating"), QStringLiteral("float(3,1) DEFAULT NULL"));
        QCOMPARE(describe(customers, "birth_year"), QStringLiteral("year DEFAULT NULL"));
        QCOMPARE(customers.sampleColumns.size(), customers.columns.size());
        QCOMPARE(
            samples(customers),
            strings({"<1> <ada@example.com> <Ada> <active> <admin,editor> <10.50> <1> <2024-01-02 03:04:05> "
                     "NULL <She said \"hi\"\\n; then left> <36> <-1.5> <4.5> <1990> NULL <{\"a\": 1}>"}));

        const ImportedTable &orders = table(result, QStringLiteral("orders"));
        QCOMPARE(describe(orders, "id"), QStringLiteral("bigint NOT NULL PK AUTO >= 0"));
        QCOMPARE(describe(orders, "line_total"),
                 QStringLiteral("decimal(12,2) GENERATED (`quantity` * `unit_price`)"));
        QCOMPARE(describe(orders, "shipped"), QStringLiteral("tinyint(1) GENERATED `total` > 0"));
        QCOMPARE(describe(orders, "placed_at"),
                 QStringLiteral("datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"));
        QCOMPARE(foreignKeys(orders), strings({"customer_id -> customers(id)"}));

        const ImportedTable &items = table(result, QStringLiteral("order_items"));
        QCOMPARE(items.primaryKey, (strings({"order_id", "line_no"})));
        QCOMPARE(uniqueKeys(items), strings({"order_id,sku"}));
        QCOMPARE(describe(items, "sku"), QStringLiteral("char(8) NOT NULL"));
        QCOMPARE(describe(items, "qty"), QStringLiteral("mediumint NOT NULL >= 0 DEFAULT '1'"));

        // phpMyAdmin's ALTER TABLE … ADD PRIMARY KEY, ADD UNIQUE KEY, then MODIFY … AUTO_INCREMENT.
        const ImportedTable &tags = table(result, QStringLiteral("tags"));
        QCOMPARE(columnNames(tags), (strings({"id", "label"})));
        QCOMPARE(tags.primaryKey, strings({"id"}));
        QCOMPARE(describe(tags, "id"), QStringLiteral("int(11) NOT NULL PK AUTO"));
        QCOMPARE(describe(tags, "label"), QStringLiteral("varchar(40) NOT NULL UNIQUE"));
        QCOMPARE(samples(tags), (strings({"<1> <new>", "<2> <sale>"})));

        QCOMPARE(
            linesOf(report, ImportReport::Level::Skipped),
            (strings({
                "mysql.sql:8:10: skipped: SET @OLD_CHARACTER_SET_CLIENT skipped",
                "mysql.sql:9:10: skipped: SET NAMES skipped",
                "mysql.sql:10:10: skipped: SET @OLD_UNIQUE_CHECKS skipped",
                "mysql.sql:16:1: skipped: DROP TABLE `customers` skipped",
                "mysql.sql:17:10: skipped: SET @saved_cs_client skipped",
                "mysql.sql:42:10: skipped: SET character_set_client skipped",
                "mysql.sql:48:1: skipped: LOCK TABLES skipped",
                "mysql.sql:49:34: skipped: ALTER TABLE customers DISABLE KEYS skipped",
                "mysql.sql:50:1: skipped: INSERT INTO customers: 1 row(s) with expressions skipped; samples "
                "take "
                "literal values only",
                "mysql.sql:51:34: skipped: ALTER TABLE customers ENABLE KEYS skipped",
                "mysql.sql:52:1: skipped: UNLOCK TABLES skipped",
                "mysql.sql:58:1: skipped: DROP TABLE `orders` skipped",
                "mysql.sql:95:1: skipped: INSERT INTO tags: 1 row(s) with expressions skipped; samples take "
                "literal values only",
                "mysql.sql:101:10: skipped: DROP VIEW `big_orders` skipped",
                "mysql.sql:102:10: skipped: CREATE VIEW `big_orders` skipped",
                "mysql.sql:106:10: skipped: SET @saved_sql_mode skipped",
                "mysql.sql:108:10: skipped: CREATE TRIGGER `orders_bi` skipped",
                "mysql.sql:116:1: skipped: CREATE PROCEDURE `add_order` skipped",
                "mysql.sql:122:10: skipped: SET CHARACTER_SET_CLIENT skipped",
            })));
    }

    void readsTheSqliteFixture()
    {
        ImportReport report;
        const DdlParser::Result result =
            DdlParser::parse(fixture(QStringLiteral("sqlite.sql")), QStringLiteral("sqlite.sql"), report);
        QVERIFY2(!report.hasErrors(), qPrintable(report.toText()));
        QCOMPARE(linesOf(report, ImportReport::Level::Warning), QStringList());
        QCOMPARE(tableNames(result), (strings({"users", "orders", "order items", "settings", "events"})));

        const ImportedTable &users = table(result, QStringLiteral("users"));
        QCOMPARE(describe(users, "id"), QStringLiteral("integer NOT NULL PK AUTO")); // the rowid
        QCOMPARE(describe(users, "email"), QStringLiteral("text UNIQUE"));
        QCOMPARE(describe(users, "created_at"), QStringLiteral("datetime DEFAULT CURRENT_TIMESTAMP"));
        QCOMPARE(describe(users, "active"), QStringLiteral("boolean NOT NULL DEFAULT (1)"));
        QCOMPARE(describe(users, "karma"), QStringLiteral("int DEFAULT -1"));
        QCOMPARE(uniqueKeys(users), (strings({"email", "email,name"})));
        QCOMPARE(samples(users), (strings({"<1> <Ada> <ada@example.com> <2024-01-02 03:04:05> <1> <10>",
                                           "<2> <Bob O'Brien> NULL <2024-02-03 00:00:00> <0> <-3>"})));

        const ImportedTable &orders = table(result, QStringLiteral("orders"));
        QCOMPARE(orders.primaryKey, strings({"id"}));
        QCOMPARE(describe(orders, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(describe(orders, "total"), QStringLiteral("real NOT NULL >= 0 DEFAULT 0"));
        QCOMPARE(describe(orders, "status"),
                 QStringLiteral("text NOT NULL IN (new|paid|void) DEFAULT 'new'"));
        QCOMPARE(describe(orders, "placed_on"), QStringLiteral("text DEFAULT (datetime('now'))"));
        QCOMPARE(foreignKeys(orders), strings({"user_id -> users(id)"}));
        QCOMPARE(orders.sampleColumns, (strings({"id", "user_id", "total", "status"})));
        QCOMPARE(samples(orders), strings({"<1> <1> <12.5> <paid>"}));

        const ImportedTable &items = table(result, QStringLiteral("order items"));
        QCOMPARE(items.primaryKey, (strings({"order id", "line"})));
        QCOMPARE(describe(items, "order id"), QStringLiteral("integer NOT NULL"));
        QCOMPARE(describe(items, "line"), QStringLiteral("int NOT NULL"));
        QCOMPARE(describe(items, "qty"), QStringLiteral("unsigned big int >= 1 <= 99"));
        QCOMPARE(describe(items, "note"), QString()); // a column without a type
        QCOMPARE(describe(items, "discount"), QStringLiteral(" DEFAULT 0.0"));
        QCOMPARE(foreignKeys(items), strings({"order id -> orders(id)"}));

        const ImportedTable &settings = table(result, QStringLiteral("settings"));
        QCOMPARE(describe(settings, "key"), QStringLiteral("text NOT NULL PK"));
        QCOMPARE(describe(settings, "value"), QStringLiteral("any"));

        const ImportedTable &events = table(result, QStringLiteral("events"));
        QCOMPARE(describe(events, "id"), QStringLiteral("integer NOT NULL PK AUTO"));
        QCOMPARE(describe(events, "kind"), QStringLiteral("varchar(20) NOT NULL")); // OR is no simple check
        QCOMPARE(describe(events, "total_cents"), QStringLiteral("integer GENERATED at * 100"));

        QCOMPARE(
            linesOf(report, ImportReport::Level::Skipped),
            (strings({
                "sqlite.sql:3:1: skipped: PRAGMA foreign_keys skipped",
                "sqlite.sql:4:1: skipped: BEGIN TRANSACTION skipped",
                "sqlite.sql:8:1: skipped: CREATE TABLE sqlite_sequence skipped: a table SQLite keeps for "
                "itself",
                "sqlite.sql:30:29: skipped: CHECK (kind = 'click' OR kind = 'view') on events skipped: not a "
                "simple range or list of values",
                "sqlite.sql:35:1: skipped: CREATE INDEX idx_orders_user skipped",
                "sqlite.sql:36:1: skipped: CREATE VIEW order_totals skipped",
                "sqlite.sql:37:1: skipped: CREATE TRIGGER orders_audit skipped",
                "sqlite.sql:43:1: skipped: COMMIT skipped",
            })));
    }

    void foldsAndQuotesNames()
    {
        ImportReport report;
        DdlParser::Result result =
            parse(uR"(CREATE TEMP TABLE IF NOT EXISTS Sales.Orders ("Id" int, Total int, "odd ""name""" text);
CREATE GLOBAL TEMPORARY TABLE Tmp (a int);
ALTER TABLE sales.orders ADD PRIMARY KEY ("Id");)"_s,
                  report);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(tableNames(result), strings({"sales.orders", "tmp"}));
        QCOMPARE(columnNames(result.tables.first()), strings({"Id", "total", "odd \"name\""}));
        QCOMPARE(result.tables.first().primaryKey, strings({"Id"}));

        // MySQL and SQLite keep names as written and find them whatever their case.
        result = parse(
            u"CREATE TABLE Shop.Orders (Id int, `Total` int);\nALTER TABLE shop.ORDERS ADD PRIMARY KEY (id);"_s,
            report, SqlDialect::MySQL);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(tableNames(result), strings({"Shop.Orders"}));
        QCOMPARE(columnNames(result.tables.first()), strings({"Id", "Total"}));
        QCOMPARE(result.tables.first().primaryKey, strings({"Id"}));
        result = parse(u"CREATE TABLE [My Table] (\"a b\" INT, `c` INT, [d] INT, PRIMARY KEY (C));"_s, report,
                       SqlDialect::SQLite);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(tableNames(result), strings({"My Table"}));
        QCOMPARE(columnNames(result.tables.first()), strings({"a b", "c", "d"}));
        QCOMPARE(result.tables.first().primaryKey, strings({"c"}));
    }

    void readsColumnDefinitions_data()
    {
        QTest::addColumn<SqlDialect>("dialect");
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, SqlDialect dialect, const char *definition,
                            const char *expected) {
            QTest::newRow(name) << dialect << QString::fromUtf8(definition) << QString::fromUtf8(expected);
        };
        const SqlDialect pg = SqlDialect::PostgreSQL;
        const SqlDialect my = SqlDialect::MySQL;
        const SqlDialect lite = SqlDialect::SQLite;
        row("int[]", pg, "int[]", "int[]");
        row("text ARRAY", pg, "text ARRAY", "text[]");
        row("integer ARRAY[4]", pg, "integer ARRAY[4]", "integer[]");
        row("varchar(20)[][]", pg, "varchar(20)[][]", "varchar(20)[]");
        row("numeric(10, 2)", pg, "numeric(10, 2)", "numeric(10,2)");
        row("timestamp(3) with time zone", pg, "timestamp(3) with time zone", "timestamp with time zone(3)");
        row("time without time zone", pg, "TIME WITHOUT TIME ZONE", "time without time zone");
        row("double precision", pg, "double precision", "double precision");
        row("character varying", pg, "character varying(255)", "character varying(255)");
        row("char varying", pg, "char varying(5)", "char varying(5)");
        row("national character varying", pg, "national character varying(9)",
            "national character varying(9)");
        row("bit varying", pg, "bit varying(3)", "bit varying(3)");
        row("interval fields", pg, "interval year to month", "interval");
        row("schema-qualified", pg, "public.citext", "citext");
        row("quoted type", pg, "\"char\"", "char");
        row("serial", pg, "serial", "serial NOT NULL AUTO");
        row("smallserial", pg, "smallserial", "smallserial NOT NULL AUTO");
        row("identity", pg, "integer GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5)",
            "integer NOT NULL AUTO");
        row("identity by default", pg, "bigint GENERATED BY DEFAULT AS IDENTITY", "bigint NOT NULL AUTO");
        row("generated column", pg, "numeric GENERATED ALWAYS AS (price * 2) STORED",
            "numeric GENERATED price * 2");
        row("integer primary key", pg, "INTEGER PRIMARY KEY", "integer NOT NULL PK");
        row("collate", pg, "text COLLATE pg_catalog.\"C\" NOT NULL", "text NOT NULL");
        row("null", pg, "text NULL UNIQUE", "text UNIQUE");
        row("postfix notnull", pg, "text NOTNULL", "text NOT NULL");
        row("default now()", pg, "timestamptz DEFAULT now()", "timestamptz DEFAULT now()");
        row("default nextval", pg, "int DEFAULT nextval('s'::regclass)",
            "int AUTO DEFAULT nextval('s'::regclass)");
        row("default cast", pg, "text DEFAULT 'x'::text NOT NULL", "text NOT NULL DEFAULT 'x'::text");
        row("default multi-word cast", pg, "timestamp DEFAULT '2020-01-01'::timestamp without time zone",
            "timestamp DEFAULT '2020-01-01'::timestamp without time zone");
        row("default parentheses", pg, "int DEFAULT (1 + 2) CHECK (c > 0)", "int > 0 DEFAULT (1 + 2)");
        row("default operators", pg, "text DEFAULT 'a' || 'b' COLLATE \"C\"", "text DEFAULT 'a' || 'b'");
        row("default negative", pg, "int DEFAULT -1", "int DEFAULT -1");
        row("default array", pg, "int[] DEFAULT ARRAY[1, 2]", "int[] DEFAULT ARRAY[1, 2]");
        row("default typed literal", pg, "date DEFAULT DATE '2024-01-01'", "date DEFAULT DATE '2024-01-01'");
        row("default null", pg, "text DEFAULT NULL", "text DEFAULT NULL");
        row("default at time zone", pg, "timestamp DEFAULT now() AT TIME ZONE 'utc' NOT NULL",
            "timestamp NOT NULL DEFAULT now() AT TIME ZONE 'utc'");
        row("unsigned zerofill", my, "decimal(10,2) unsigned zerofill", "decimal(10,2) >= 0");
        row("int(11) unsigned", my, "int(11) unsigned NOT NULL", "int(11) NOT NULL >= 0");
        row("enum", my, "enum('a','b''c','d\\'e')", "enum IN (a|b'c|d'e)");
        row("set", my, "set('x','y') DEFAULT 'x'", "set IN (x|y) DEFAULT 'x'");
        row("mysql serial", my, "serial", "bigint NOT NULL UNIQUE AUTO >= 0");
        row("character set", my, "varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "varchar(255)");
        row("charset binary", my, "varchar(8) CHARSET latin1 BINARY", "varchar(8)");
        row("long varchar", my, "long varchar", "long varchar");
        row("auto_increment key comment", my, "int NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'x'",
            "int NOT NULL PK AUTO");
        row("on update", my, "timestamp DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP",
            "timestamp DEFAULT CURRENT_TIMESTAMP");
        row("virtual column", my, "int AS (a + 1) VIRTUAL NOT NULL", "int NOT NULL GENERATED a + 1");
        row("invisible", my, "int INVISIBLE", "int");
        row("unsigned big int", lite, "UNSIGNED BIG INT", "unsigned big int");
        row("varying character", lite, "VARYING CHARACTER(255)", "varying character(255)");
        row("no type", lite, "", "");
        row("no type, a default", lite, "DEFAULT 'x'", " DEFAULT 'x'");
        row("integer primary key autoincrement", lite, "INTEGER PRIMARY KEY AUTOINCREMENT",
            "integer NOT NULL PK AUTO");
        row("integer primary key is the rowid", lite, "INTEGER PRIMARY KEY DESC ON CONFLICT FAIL",
            "integer NOT NULL PK AUTO");
        row("int primary key is no rowid", lite, "INT PRIMARY KEY", "int NOT NULL PK");
        row("stored", lite, "INTEGER GENERATED ALWAYS AS (a * 2) STORED", "integer GENERATED a * 2");
    }
    void readsColumnDefinitions()
    {
        QFETCH(SqlDialect, dialect);
        QFETCH(QString, definition);
        QFETCH(QString, expected);
        ImportReport report;
        const DdlParser::Result result =
            parse(u"CREATE TABLE t (c "_s + definition + u");"_s, report, dialect);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(result.tables.size(), 1);
        QCOMPARE(describe(result.tables.first(), "c"), expected);
    }

    void mapsChecks_data()
    {
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("skipped");
        const auto row = [](const char *check, const char *expected, bool skipped = false) {
            QTest::newRow(check) << QString::fromUtf8(check) << QString::fromUtf8(expected) << skipped;
        };
        row("c >= 0", "numeric >= 0");
        row("c > 0 AND c <= 100", "numeric > 0 <= 100");
        row("c BETWEEN 1 AND 5", "numeric >= 1 <= 5");
        row("c between -1 and 1.5", "numeric >= -1 <= 1.5");
        row("0 <= c", "numeric >= 0");
        row("0 < c", "numeric > 0");
        row("100 > c", "numeric < 100");
        row("(c >= (0)::numeric)", "numeric >= 0");
        row("((c > ('-100'::integer)::numeric))", "numeric > -100");
        row("(((c >= 1) AND (c <= 9)))", "numeric >= 1 <= 9");
        row("c >= 0 AND c >= 5", "numeric >= 5");
        row("c > 5 AND c >= 5", "numeric > 5");
        row("c >= -5.5", "numeric >= -5.5");
        row("c::numeric <= 1e3", "numeric <= 1000");
        row("CAST(c AS int) < 7", "numeric < 7");
        row("t.c >= 1", "numeric >= 1");
        row("c IS NOT NULL AND c > 1", "numeric NOT NULL > 1");
        row("c IN (1, 2, 3)", "numeric IN (1|2|3)");
        row("c IN ('a', NULL, -1)", "numeric IN (a|-1)");
        row("c = 'only'", "numeric IN (only)");
        row("c = ANY (ARRAY['a'::text, 'b'::text])", "numeric IN (a|b)");
        row("((c)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
            "numeric IN (a|b)");
        row("c = ANY ('{x,\"y z\"}'::text[])", "numeric IN (x|y z)");
        row("c IN ('a', 'b') AND c IN ('b', 'c')", "numeric IN (b)");
        row("c <> 0", "numeric", true);
        row("c > 0 OR c < -10", "numeric", true);
        row("c NOT IN (1, 2)", "numeric", true);
        row("NOT (c > 1)", "numeric", true);
        row("c NOT BETWEEN 1 AND 2", "numeric", true);
        row("c BETWEEN SYMMETRIC 5 AND 1", "numeric", true);
        row("length(c) > 3", "numeric", true);
        row("c > d", "numeric", true);
        row("c > 2 * 3", "numeric", true);
        row("c ~ '^x'", "numeric", true);
        row("c LIKE 'a%'", "numeric", true);
        row("c IN (SELECT 1)", "numeric", true);
        row("c > 0 AND d > 0", "numeric", true);
        row("d > 0", "numeric"); // about the other column
        row("x > 0", "numeric", true);
        row("", "numeric", true);
    }
    void mapsChecks()
    {
        QFETCH(QString, check);
        QFETCH(QString, expected);
        QFETCH(bool, skipped);
        ImportReport report;
        const DdlParser::Result result =
            parse(u"CREATE TABLE t (c numeric, d numeric, CHECK ("_s + check + u"));"_s, report);
        QCOMPARE(report.count(ImportReport::Level::Skipped), skipped ? 1 : 0);
        QCOMPARE(report.lines().size(), report.count(ImportReport::Level::Skipped));
        QCOMPARE(describe(result.tables.first(), "c"), expected);
    }

    void reportsChecksThatNameNoColumn()
    {
        ImportReport report;
        (void)parse(u"CREATE TABLE t (c int, CONSTRAINT ck CHECK (x > 0));"_s, report);
        QCOMPARE(
            reportLines(report),
            strings({"t.sql:1:38: skipped: CHECK (x > 0) on t skipped: x is not a column of the table"}));
    }

    void readsInsertRowsAsSamples()
    {
        ImportReport report;
        const DdlParser::Result result =
            parse(uR"(CREATE TABLE t (a int, b text, c boolean, d date, e numeric);
INSERT INTO t VALUES (1, 'x', true, '2024-01-01'::date, -1.5), (2, E'l\'a\n', FALSE, DATE '2024-02-02', +3);
INSERT INTO t (e, a) VALUES (NULL, 3);
INSERT INTO public.t (a, b) VALUES (4, CAST('7' AS text)), (5, lower('X')), (6, 'y' || 'z');
INSERT INTO t (a, z) VALUES (7, 'new column');
INSERT INTO t VALUES (8);
INSERT INTO t SELECT * FROM t;
INSERT INTO t DEFAULT VALUES;
INSERT INTO elsewhere (k) VALUES ('v');
INSERT INTO nowhere VALUES (1);
INSERT INTO t AS alias (a) VALUES (9) ON CONFLICT (a) DO NOTHING;)"_s,
                  report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:4:1: skipped: INSERT INTO t: 2 row(s) with expressions skipped; samples take literal "
                 "values only",
                 "t.sql:6:1: warning: INSERT INTO t: 1 row(s) skipped whose values do not match the columns",
                 "t.sql:7:1: skipped: INSERT INTO t skipped: rows from a query or defaults, not values",
                 "t.sql:8:1: skipped: INSERT INTO t skipped: rows from a query or defaults, not values",
                 "t.sql:9:1: info: INSERT INTO elsewhere: no CREATE TABLE elsewhere in this file; its rows "
                 "are kept as samples",
                 "t.sql:10:1: skipped: INSERT INTO nowhere skipped: no column list, and no CREATE TABLE "
                 "nowhere in this file"}));
        QCOMPARE(tableNames(result), strings({"t", "elsewhere"}));
        const ImportedTable &t = result.tables.first();
        QCOMPARE(t.sampleColumns, strings({"a", "b", "c", "d", "e", "z"}));
        QCOMPARE(
            samples(t),
            strings({"<1> <x> <true> <2024-01-01> <-1.5> NULL", "<2> <l'a\n> <false> <2024-02-02> <3> NULL",
                     "<3> NULL NULL NULL NULL NULL", "<4> <7> NULL NULL NULL NULL",
                     "<7> NULL NULL NULL NULL <new column>", "<9> NULL NULL NULL NULL NULL"}));
        const ImportedTable &elsewhere = result.tables.last();
        QVERIFY(elsewhere.columns.isEmpty());
        QCOMPARE(elsewhere.sampleColumns, strings({"k"}));
        QCOMPARE(samples(elsewhere), strings({"<v>"}));
    }

    void keepsAFewSampleRows()
    {
        QString sql = u"CREATE TABLE t (a int);\nINSERT INTO t VALUES (0)"_s;
        for (int i = 1; i < DdlInsertReader::maxSampleRows + 5; ++i)
            sql += u", ("_s + QString::number(i) + u')';
        sql += u";\nINSERT INTO t VALUES (-1);"_s;
        ImportReport report;
        const DdlParser::Result result = parse(sql, report);
        QCOMPARE(result.tables.first().sampleRows.size(), DdlInsertReader::maxSampleRows);
        QCOMPARE(
            reportLines(report),
            strings({"t.sql:2:1: info: INSERT INTO t: 5 more row(s) not kept; 1000 sample rows per table are "
                     "enough",
                     "t.sql:3:1: info: INSERT INTO t: 1 more row(s) not kept; 1000 sample rows per table are "
                     "enough"}));
    }

    void foldsAlterTableIntoTheTable()
    {
        ImportReport report;
        const DdlParser::Result result =
            parse(uR"(CREATE TABLE a (id int, code text NOT NULL, parent int, qty int);
ALTER TABLE ONLY public.a ADD CONSTRAINT a_pk PRIMARY KEY (id);
ALTER TABLE a ADD UNIQUE (code), ADD CONSTRAINT a_parent FOREIGN KEY (parent) REFERENCES a (id) ON DELETE SET NULL;
ALTER TABLE a ADD CONSTRAINT a_qty CHECK (qty BETWEEN 0 AND 10) NOT VALID;
ALTER TABLE a ALTER COLUMN qty SET DEFAULT 1, ALTER qty SET NOT NULL;
ALTER TABLE IF EXISTS a ADD COLUMN IF NOT EXISTS note text DEFAULT '' NOT NULL;
ALTER TABLE a ALTER COLUMN code DROP NOT NULL;
ALTER TABLE a ALTER COLUMN code TYPE varchar(10);
ALTER TABLE a OWNER TO bob;
ALTER TABLE gone OWNER TO bob;
ALTER TABLE missing ADD PRIMARY KEY (x);
ALTER TABLE a ADD PRIMARY KEY (nope);
ALTER TABLE a ALTER COLUMN nope SET NOT NULL;
ALTER TABLE a ENABLE ROW LEVEL SECURITY, DISABLE TRIGGER ALL;)"_s,
                  report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:8:15: skipped: ALTER TABLE a ALTER COLUMN code TYPE varchar(10) skipped",
                 "t.sql:11:1: warning: ALTER TABLE missing skipped: no table missing in this file",
                 "t.sql:12:19: warning: the primary key of a names nope, which is not a column of the table; "
                 "skipped",
                 "t.sql:13:28: warning: ALTER COLUMN nope skipped: a has no such column",
                 "t.sql:14:15: skipped: ALTER TABLE a ENABLE ROW LEVEL SECURITY skipped",
                 "t.sql:14:42: skipped: ALTER TABLE a DISABLE TRIGGER ALL skipped"}));
        const ImportedTable &a = result.tables.first();
        QCOMPARE(a.primaryKey, strings({"id"}));
        QCOMPARE(uniqueKeys(a), strings({"code"}));
        QCOMPARE(foreignKeys(a), strings({"parent -> a(id)"}));
        QCOMPARE(a.foreignKeys.first().where, (SourceLocation{u"t.sql"_s, 3, 38, u"a"_s}));
        QCOMPARE(describe(a, "id"), u"int NOT NULL PK"_s);
        QCOMPARE(describe(a, "code"), u"text UNIQUE"_s);
        QCOMPARE(describe(a, "qty"), u"int NOT NULL >= 0 <= 10 DEFAULT 1"_s);
        QCOMPARE(describe(a, "note"), u"text NOT NULL DEFAULT ''"_s);
    }

    void usesEnumTypesAndDomains()
    {
        ImportReport report;
        const DdlParser::Result result = parse(uR"(CREATE TYPE public.status AS ENUM ('new', 'done');
CREATE TYPE nothing AS ENUM ();
CREATE TYPE pair AS (a int, b int);
CREATE DOMAIN percent AS numeric(5,2) DEFAULT 0 CHECK (VALUE >= 0) CHECK (VALUE <= 100);
CREATE DOMAIN code varchar(8) NOT NULL CONSTRAINT code_list CHECK (VALUE IN ('A', 'B'));
CREATE DOMAIN tags AS text[];
CREATE DOMAIN upper_code AS code CHECK (VALUE = upper(VALUE));
CREATE TABLE t (s status, s2 public.status[], p percent DEFAULT 5, c code, g tags, u upper_code,
                m status NOT NULL DEFAULT 'new'::status, x pair);)"_s,
                                               report);
        QCOMPARE(reportLines(report), strings({"t.sql:3:1: skipped: CREATE TYPE pair skipped",
                                               "t.sql:7:34: skipped: CHECK (VALUE = upper(VALUE)) of domain "
                                               "upper_code skipped: not a simple "
                                               "range or list of values"}));
        const ImportedTable &t = result.tables.first();
        QCOMPARE(describe(t, "s"), u"enum IN (new|done)"_s);
        QCOMPARE(describe(t, "s2"), u"enum[] IN (new|done)"_s);
        QCOMPARE(describe(t, "p"), u"numeric(5,2) >= 0 <= 100 DEFAULT 5"_s);
        QCOMPARE(describe(t, "c"), u"varchar(8) NOT NULL IN (A|B)"_s);
        QCOMPARE(describe(t, "g"), u"text[]"_s);
        QCOMPARE(describe(t, "u"), u"varchar(8) NOT NULL IN (A|B)"_s);
        QCOMPARE(describe(t, "m"), u"enum NOT NULL IN (new|done) DEFAULT 'new'::status"_s);
        QCOMPARE(describe(t, "x"), u"pair"_s);
    }

    void readsUniqueIndexes()
    {
        ImportReport report;
        DdlParser::Result result = parse(uR"(CREATE TABLE t (a int, b int, c text);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_ab ON ONLY public.t USING btree (a, b DESC NULLS LAST) INCLUDE (c);
CREATE UNIQUE INDEX t_c ON t (c text_pattern_ops) WHERE c IS NOT NULL;
CREATE UNIQUE INDEX t_lower ON t ((lower(c)));
CREATE UNIQUE INDEX t_x ON nowhere (x);
CREATE INDEX t_b ON t (b);)"_s,
                                         report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:3:1: guess: CREATE UNIQUE INDEX t_c has a WHERE clause; kept as a unique key on (c) "
                 "over all rows",
                 "t.sql:4:1: skipped: CREATE UNIQUE INDEX t_lower skipped: an index on expressions, not on "
                 "columns",
                 "t.sql:5:1: warning: CREATE UNIQUE INDEX t_x skipped: no table nowhere in this file",
                 "t.sql:6:1: skipped: CREATE INDEX t_b skipped"}));
        QCOMPARE(uniqueKeys(result.tables.first()), strings({"a,b", "c"}));
        QCOMPARE(describe(result.tables.first(), "c"), u"text UNIQUE"_s);

        result = parse(u"CREATE TABLE t (a varchar(99));\nCREATE UNIQUE INDEX u USING BTREE ON t (a(10));"_s,
                       report, SqlDialect::MySQL);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(uniqueKeys(result.tables.first()), strings({"a"}));
    }

    void readsComments()
    {
        ImportReport report;
        const DdlParser::Result result = parse(uR"(CREATE TABLE s.t (a int, b int);
COMMENT ON TABLE s.t IS 'A table';
COMMENT ON COLUMN s.t.a IS E'It\'s a';
COMMENT ON COLUMN t.b IS 'B';
COMMENT ON COLUMN t.b IS NULL;
COMMENT ON COLUMN t.zz IS 'x';
COMMENT ON SCHEMA s IS 'schema';)"_s,
                                               report);
        QCOMPARE(reportLines(report),
                 strings({"t.sql:6:1: warning: COMMENT ON COLUMN t.zz skipped: t has no column zz",
                          "t.sql:7:1: skipped: COMMENT ON SCHEMA s skipped"}));
        const ImportedTable &t = result.tables.first();
        QCOMPARE(t.comment, u"A table"_s);
        QCOMPARE(t.columns.at(0).comment, u"It's a"_s);
        QCOMPARE(t.columns.at(1).comment, QString());
    }

    void lexesEachDialectLikeItsClient()
    {
        ImportReport report;
        // PostgreSQL nests block comments; MySQL ends them at the first */ (and then cannot read "c */ …").
        const QString nested = u"/* a /* b */ c */ CREATE TABLE t (a int);"_s;
        QCOMPARE(tableNames(parse(nested, report)), strings({"t"}));
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(tableNames(parse(nested, report, SqlDialect::MySQL)), QStringList());
        QCOMPARE(reportLines(report), strings({"t.sql:1:14: warning: c not understood; skipped"}));

        // Dollar quotes may hold ';', quotes and other dollar quotes; $1 is a parameter.
        DdlParser::Result result =
            parse(uR"(CREATE FUNCTION f() RETURNS text AS $q$ it's $$ here; $q$ LANGUAGE sql;
PREPARE p AS SELECT $1;
CREATE TABLE t (a text);
INSERT INTO t VALUES (E'a\'b\x41\101\u00e9\n'), ('c\d'), ($$d'e$$), ($x$f$x$), (U&'no'), (N'national');)"_s,
                  report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:1:1: skipped: CREATE FUNCTION f skipped", "t.sql:2:1: skipped: PREPARE p skipped",
                 "t.sql:4:1: skipped: INSERT INTO t: 1 row(s) with expressions skipped; samples take literal "
                 "values only"}));
        QCOMPARE(samples(result.tables.first()),
                 strings({"<a'bAA\u00e9\n>", "<c\\d>", "<d'e>", "<f>", "<national>"}));

        // MySQL: backslash escapes, "strings", # comments; SQLite and PostgreSQL take backslashes as they
        // are.
        const QString escapes = uR"(# CREATE TABLE no (a int);
CREATE TABLE t (a text);
INSERT INTO t VALUES ('a\\b'), ('it\'s'), ("dq"), ('\0\Z\%'), ('x''y');)"_s;
        result = parse(escapes, report, SqlDialect::MySQL);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(samples(result.tables.first()).mid(0, 3), strings({"<a\\b>", "<it's>", "<dq>"}));
        QCOMPARE(result.tables.first().sampleRows.at(3).first(), QString(QChar(0)) + QChar(0x1a) + u"\\%"_s);
        QCOMPARE(samples(result.tables.first()).at(4), u"<x'y>"_s);
        result = parse(u"CREATE TABLE t (a text);\nINSERT INTO t VALUES ('a\\b'), ('x''y');"_s, report,
                       SqlDialect::SQLite);
        QCOMPARE(samples(result.tables.first()), strings({"<a\\b>", "<x'y>"}));

        // Line endings, and columns counted in characters, not UTF-16 units.
        result = parse(u"CREATE TABLE größe (\r\n  \"🎲\" text, maß int\r\n);\r\n"_s, report);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(columnNames(result.tables.first()), strings({"🎲", "maß"}));
        QCOMPARE(result.tables.first().columns.at(1).where,
                 (SourceLocation{u"t.sql"_s, 2, 13, u"größe.maß"_s}));
    }

    void skipsOtherStatementsWithANote_data()
    {
        QTest::addColumn<SqlDialect>("dialect");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QStringList>("tables");
        const auto row = [](const char *name, SqlDialect dialect, const char *sql, QStringList lines,
                            QStringList tables = {}) {
            QTest::newRow(name) << dialect << QString::fromUtf8(sql) << lines << tables;
        };
        const SqlDialect pg = SqlDialect::PostgreSQL;
        row("view", pg, "CREATE OR REPLACE VIEW v AS SELECT 1;",
            strings({"t.sql:1:1: skipped: CREATE VIEW v skipped"}));
        row("materialized view", pg, "CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1;",
            strings({"t.sql:1:1: skipped: CREATE MATERIALIZED VIEW mv skipped"}));
        row("extension", pg, "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public;",
            strings({"t.sql:1:1: skipped: CREATE EXTENSION \"uuid-ossp\" skipped"}));
        row("grant", pg, "GRANT ALL ON TABLE t TO bob;", strings({"t.sql:1:1: skipped: GRANT ALL skipped"}));
        row("revoke", pg, "REVOKE ALL ON SCHEMA public FROM PUBLIC;",
            strings({"t.sql:1:1: skipped: REVOKE ALL skipped"}));
        row("sequence", pg, "CREATE SEQUENCE s START 1;\nALTER SEQUENCE s OWNED BY t.id;",
            strings({"t.sql:1:1: skipped: CREATE SEQUENCE s skipped",
                     "t.sql:2:1: skipped: ALTER SEQUENCE s skipped"}));
        row("owner", pg, "ALTER FUNCTION public.f(integer) OWNER TO bob;",
            strings({"t.sql:1:1: skipped: ALTER FUNCTION public.f skipped"}));
        row("drop", pg, "DROP TABLE IF EXISTS t CASCADE;",
            strings({"t.sql:1:1: skipped: DROP TABLE t skipped"}));
        row("do", pg, "DO $$ BEGIN PERFORM 1; END $$;", strings({"t.sql:1:1: skipped: DO skipped"}));
        row("rule", pg,
            "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES "
            "(2));\n"
            "CREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: CREATE RULE r skipped"}), strings({"after"}));
        row("atomic body", pg,
            "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO a VALUES (1); SELECT CASE WHEN true "
            "THEN 1 "
            "END; END;\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: CREATE PROCEDURE p skipped"}), strings({"after"}));
        row("copy with data", pg,
            "COPY t (a) FROM stdin;\n1\tCREATE TABLE no (x int);\n\\.\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: COPY t skipped, with its data"}), strings({"after"}));
        row("copy out", pg, "COPY t TO stdout;\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: COPY t skipped"}), strings({"after"}));
        row("psql", pg, "\\connect shop\n\\set ON_ERROR_STOP on\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: psql command \\connect skipped",
                     "t.sql:2:1: skipped: psql command \\set skipped"}),
            strings({"after"}));
        row("not understood", pg, "FROBNICATE all the things;",
            strings({"t.sql:1:1: warning: FROBNICATE all not understood; skipped"}));
        row("sqlite trigger", SqlDialect::SQLite,
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN new.a > 1 THEN 1 ELSE 0 "
            "END; "
            "DELETE FROM u; END;\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: CREATE TRIGGER tr skipped"}), strings({"after"}));
        row("mysql delimiter", SqlDialect::MySQL,
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nCREATE TABLE "
            "after (x int);",
            strings({"t.sql:2:1: skipped: CREATE PROCEDURE p skipped"}), strings({"after"}));
        row("mysql routine without delimiter", SqlDialect::MySQL,
            "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; "
            "CASE 1 WHEN 1 THEN SELECT 3; END CASE; END;\nCREATE TABLE after (x int);",
            strings({"t.sql:1:1: skipped: CREATE PROCEDURE p skipped"}), strings({"after"}));
        row("unclosed body", SqlDialect::SQLite,
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;\nCREATE TABLE lost (x int);",
            strings({"t.sql:1:1: warning: CREATE TRIGGER tr: its BEGIN has no END, so the rest of the file "
                     "was skipped",
                     "t.sql:1:1: skipped: CREATE TRIGGER tr skipped"}));
    }
    void skipsOtherStatementsWithANote()
    {
        QFETCH(SqlDialect, dialect);
        QFETCH(QString, sql);
        QFETCH(QStringList, lines);
        QFETCH(QStringList, tables);
        ImportReport report;
        const DdlParser::Result result = parse(sql, report, dialect);
        QCOMPARE(reportLines(report), lines);
        QCOMPARE(tableNames(result), tables);
    }

    void reportsMalformedInput_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QStringList>("tables");
        const auto row = [](const char *name, const char *sql, QStringList lines, QStringList tables = {}) {
            QTest::newRow(name) << QString::fromUtf8(sql) << lines << tables;
        };
        row("unclosed column list",
            "CREATE TABLE orders (id int, total numeric(10,2);\nCREATE TABLE ok (a int);",
            strings({"t.sql:1:49: error: expected ')' after the column list of orders, found ';'"}),
            strings({"ok"}));
        row("no table name", "CREATE TABLE (x int);\nCREATE TABLE ok (a int);",
            strings({"t.sql:1:14: error: expected a table name after CREATE TABLE, found '('"}),
            strings({"ok"}));
        row("no parenthesis", "CREATE TABLE t a int;",
            strings({"t.sql:1:16: error: expected '(' after CREATE TABLE t, found 'a'"}));
        row("not nul", "CREATE TABLE t (id int NOT NUL);",
            strings({"t.sql:1:28: error: expected NULL after NOT in t.id, found 'NUL'"}));
        row("trailing comma", "CREATE TABLE t (a int,);",
            strings({"t.sql:1:23: error: expected a column name in t, found ')'"}));
        row("no type", "CREATE TABLE t (a, b int);",
            strings({"t.sql:1:18: error: expected a type for column t.a, found ','"}));
        row("column twice", "CREATE TABLE t (a int, A text);",
            strings({"t.sql:1:24: error: column a is defined twice in t"}));
        row("unequal foreign key", "CREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES u (x, y));",
            strings({"t.sql:1:51: error: the foreign key of t to u has 1 columns on one side and 2 on the "
                     "other"}));
        row("foreign key action", "CREATE TABLE t (a int REFERENCES u ON DELETE EXPLODE);",
            strings(
                {"t.sql:1:46: error: expected CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT in the "
                 "foreign key of t, found 'EXPLODE'"}));
        row("unclosed check", "CREATE TABLE t (a int CHECK (a > 0);",
            strings({"t.sql:1:36: error: expected ')' after the column list of t, found ';'"}));
        row("no default", "CREATE TABLE t (a int DEFAULT);",
            strings({"t.sql:1:30: error: expected a value after DEFAULT for t.a, found ')'"}));
        row("enum value", "CREATE TYPE e AS ENUM ('a', b);",
            strings({"t.sql:1:29: error: expected a string among the values of enum e, found 'b'"}));
        row("no statement", ") CREATE TABLE lost (a int);\nCREATE TABLE ok (a int);",
            strings({"t.sql:1:1: error: expected a statement, found ')'"}), strings({"ok"}));
        row("text after a statement", "CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'x' please;",
            strings(
                {"t.sql:2:27: error: expected ';' after the COMMENT statement that begins at line 2, found "
                 "'please'"}),
            strings({"t"}));
        row("alter without constraint", "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT;",
            strings({"t.sql:2:29: error: expected a constraint name after CONSTRAINT in t, found ';'"}),
            strings({"t"}));
        row("set default without value", "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET DEFAULT;",
            strings({"t.sql:2:41: error: expected a value after SET DEFAULT for t.a, found ';'"}),
            strings({"t"}));
        row("comment on column", "CREATE TABLE t (a int);\nCOMMENT ON COLUMN a IS 'x';",
            strings({"t.sql:2:19: error: COMMENT ON COLUMN needs table.column, not a"}), strings({"t"}));
        row("unterminated string", "INSERT INTO t (a) VALUES ('abc);\nCREATE TABLE lost (a int);",
            strings({"t.sql:1:27: error: unterminated string: ' without a closing '"}));
        row("unterminated name", "CREATE TABLE \"t (a int);",
            strings({"t.sql:1:14: error: unterminated quoted name: \" without a closing \""}));
        row("unterminated comment", "CREATE TABLE t (a int);\n/* never closed\nCREATE TABLE u (a int);",
            strings({"t.sql:2:1: error: unterminated comment: '/*' without '*/'"}), strings({"t"}));
        row("unterminated dollar quote", "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;",
            strings({"t.sql:1:36: error: unterminated dollar-quoted string: $body$ without a closing $body$",
                     "t.sql:1:1: skipped: CREATE FUNCTION f skipped"}));
        row("empty statements", "CREATE TABLE t (a int) ;; ; CREATE TABLE u (b int)", {},
            strings({"t", "u"}));
    }
    void reportsMalformedInput()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, lines);
        QFETCH(QStringList, tables);
        ImportReport report;
        const DdlParser::Result result = parse(sql, report);
        QCOMPARE(reportLines(report), lines);
        QCOMPARE(tableNames(result), tables);
    }

    void readsTablesMadeFromOthers()
    {
        ImportReport report;
        DdlParser::Result result = parse(uR"(INSERT INTO base (id, name) VALUES (1, 'early');
CREATE TABLE base (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE copy (LIKE base INCLUDING ALL, extra int);
CREATE TABLE child (age int) INHERITS (base);
CREATE TABLE part PARTITION OF base FOR VALUES IN (1);
CREATE TABLE made AS SELECT * FROM base;
CREATE TABLE IF NOT EXISTS base (other int);
CREATE TABLE copy (again int);
CREATE TABLE lonely (LIKE nowhere);)"_s,
                                         report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:1:1: info: INSERT INTO base: no CREATE TABLE base in this file; its rows are kept as "
                 "samples",
                 "t.sql:6:1: skipped: CREATE TABLE made AS … skipped: a table made from a query",
                 "t.sql:7:1: skipped: CREATE TABLE IF NOT EXISTS base skipped: the table is defined above",
                 "t.sql:8:1: warning: copy is defined a second time; the later definition replaces the first",
                 "t.sql:9:22: warning: LIKE nowhere in lonely: no table nowhere in this file, so its columns "
                 "are missing",
                 // A partition is part of its parent (tst_modern_dumps has the partitioned tables).
                 "t.sql:5:14: part: info: partition part is part of table base; its keys and rows are folded "
                 "into it"}));
        QCOMPARE(tableNames(result), strings({"base", "copy", "child", "lonely"}));
        const ImportedTable &base = result.tables.at(0);
        QCOMPARE(columnNames(base), strings({"id", "name"}));
        QCOMPARE(samples(base), strings({"<1> <early>"}));
        QCOMPARE(columnNames(result.tables.at(1)), strings({"again"}));
        QCOMPARE(columnNames(result.tables.at(2)), strings({"id", "name", "age"}));
        QCOMPARE(describe(result.tables.at(2), "name"), u"text NOT NULL"_s);
        QVERIFY(result.tables.at(2).primaryKey.isEmpty());

        result = parse(u"CREATE TABLE a (x int);\nCREATE TABLE b LIKE a;"_s, report, SqlDialect::MySQL);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(columnNames(result.tables.at(1)), strings({"x"}));
    }

    void readsLessCommonConstraintForms()
    {
        ImportReport report;
        DdlParser::Result result = parse(uR"(CREATE TABLE t (
    a int PRIMARY KEY USING INDEX TABLESPACE fast,
    b int UNIQUE NULLS NOT DISTINCT,
    c int CONSTRAINT c_nn NOT NULL CONSTRAINT c_fk REFERENCES u (id) MATCH SIMPLE ON UPDATE SET DEFAULT (c) NOT DEFERRABLE,
    d int,
    CONSTRAINT d_excl EXCLUDE USING gist (d WITH =),
    UNIQUE (b, d) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE UNIQUE INDEX t_d ON t (d);
ALTER TABLE t ADD CONSTRAINT t_d_key UNIQUE USING INDEX t_d;)"_s,
                                         report);
        QCOMPARE(
            reportLines(report),
            strings(
                {"t.sql:6:23: skipped: an EXCLUDE constraint of t skipped",
                 "t.sql:10:38: skipped: UNIQUE of t made from index t_d skipped: the index's columns are not "
                 "known here"}));
        const ImportedTable &t = result.tables.first();
        QCOMPARE(describe(t, "a"), u"int NOT NULL PK"_s);
        QCOMPARE(describe(t, "b"), u"int UNIQUE"_s);
        QCOMPARE(describe(t, "c"), u"int NOT NULL"_s);
        QCOMPARE(foreignKeys(t), strings({"c -> u(id)"}));
        QCOMPARE(uniqueKeys(t), strings({"b", "b,d", "d"}));

        // MySQL: a COMMENT after a column's CHECK belongs to the column; a column may be called delimiter.
        result = parse(u"CREATE TABLE t (\ndelimiter int CHECK (delimiter > 0) COMMENT 'why'\n);"_s, report,
                       SqlDialect::MySQL);
        QCOMPARE(reportLines(report), QStringList());
        QCOMPARE(describe(result.tables.first(), "delimiter"), u"int > 0"_s);
        QCOMPARE(result.tables.first().columns.first().comment, u"why"_s);
    }

    void skipsTheDataOfPsqlCopy()
    {
        ImportReport report;
        const DdlParser::Result result = parse(
            u"\\copy t (a) from stdin\nCREATE TABLE no (x int);\n\\.\nCREATE TABLE yes (x int);"_s, report);
        QCOMPARE(reportLines(report),
                 strings({"t.sql:1:1: skipped: psql command \\copy skipped, with its data"}));
        QCOMPARE(tableNames(result), strings({"yes"}));
    }

    void survivesInputCutAnywhere()
    {
        // Every prefix of every fixture, in every dialect: the parser ends, and what it gives holds together.
        QElapsedTimer timer;
        timer.start();
        int parses = 0;
        for (const char *name : {"postgresql.sql", "pg_dump_shop.sql", "mysql.sql", "sqlite.sql"}) {
            const QString text = fixture(QString::fromUtf8(name));
            const qsizetype step = qMax<qsizetype>(1, text.size() / 250);
            for (qsizetype cut = 0; cut <= text.size(); cut += step) {
                for (const SqlDialect dialect : allSqlDialects()) {
                    ImportReport report;
                    const DdlParser::Result result = parse(text.left(cut), report, dialect);
                    ++parses;
                    for (const ImportedTable &table : result.tables) {
                        for (const QString &column : table.primaryKey)
                            QVERIFY(table.columnIndex(column) >= 0);
                        for (const auto &row : table.sampleRows)
                            QCOMPARE(row.size(), table.sampleColumns.size());
                    }
                }
            }
        }
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(parses)));
    }

    void survivesRandomTokens()
    {
        static const char *const pieces[] = {"CREATE ",
                                             "TABLE ",
                                             "t ",
                                             "u.v ",
                                             "(",
                                             ")",
                                             ",",
                                             ";",
                                             "a ",
                                             "int ",
                                             "text[] ",
                                             "NOT ",
                                             "NULL ",
                                             "PRIMARY KEY ",
                                             "REFERENCES ",
                                             "UNIQUE ",
                                             "CHECK ",
                                             "DEFAULT ",
                                             "'s' ",
                                             "E'\\'' ",
                                             "$$ ",
                                             "$x$ ",
                                             "/* ",
                                             "*/ ",
                                             "-- c\n",
                                             "\n\\connect x\n",
                                             "ALTER ",
                                             "ADD ",
                                             "CONSTRAINT ",
                                             "FOREIGN KEY ",
                                             "INSERT INTO ",
                                             "VALUES ",
                                             "COPY t FROM stdin;\n",
                                             "\n\\.\n",
                                             "BEGIN ",
                                             "END ",
                                             "CASE ",
                                             "AS ",
                                             "ENUM ",
                                             "DOMAIN ",
                                             "TYPE ",
                                             "INDEX ",
                                             "ON ",
                                             "1 ",
                                             "-2.5 ",
                                             "::",
                                             "BETWEEN ",
                                             "AND ",
                                             "IN ",
                                             "ANY ",
                                             "ARRAY[",
                                             "]",
                                             "\"q\" ",
                                             "`b` ",
                                             "[s] ",
                                             "DELIMITER //\n",
                                             "//",
                                             "MODIFY ",
                                             "CHANGE ",
                                             "LIKE ",
                                             "INHERITS ",
                                             "COMMENT ",
                                             "IS "};
        QRandomGenerator random(20261125);
        for (int round = 0; round < 400; ++round) {
            QString sql;
            const int length = random.bounded(1, 120);
            for (int i = 0; i < length; ++i)
                sql += QString::fromUtf8(pieces[random.bounded(int(std::size(pieces)))]);
            for (const SqlDialect dialect : allSqlDialects()) {
                ImportReport report;
                const DdlParser::Result result = parse(sql, report, dialect);
                for (const ImportedTable &table : result.tables) {
                    for (const QStringList &key : table.uniqueKeys) {
                        for (const QString &column : key)
                            QVERIFY2(table.columnIndex(column) >= 0, qPrintable(sql));
                    }
                    for (const ImportedForeignKey &key : table.foreignKeys) {
                        for (const QString &column : key.columns)
                            QVERIFY2(table.columnIndex(column) >= 0, qPrintable(sql));
                    }
                }
            }
        }
    }

    void handlesDeepNestingWithoutRecursion()
    {
        const QString open(200000, QLatin1Char('('));
        const QString close(200000, QLatin1Char(')'));
        ImportReport report;
        DdlParser::Result result =
            parse(u"CREATE TABLE t (a int DEFAULT "_s + open + u"1"_s + close + u" CHECK "_s + open +
                      u"a > 0"_s + close + u", b int[] DEFAULT ARRAY"_s + QString(100000, QLatin1Char('[')) +
                      u");\nCREATE TABLE u (x int);"_s,
                  report);
        QCOMPARE(tableNames(result), strings({"u"}));
        QCOMPARE(report.count(ImportReport::Level::Error), 1);
        result = parse(u"INSERT INTO t (a) VALUES ("_s + open + u"1"_s + close + u");"_s, report);
        QCOMPARE(result.tables.size(), 0);
        QCOMPARE(reportLines(report),
                 strings({"t.sql:1:1: skipped: INSERT INTO t: 1 row(s) with expressions skipped; "
                          "samples take literal values only"}));
    }
};

QTEST_GUILESS_MAIN(TestDdlParser)
#include "tst_ddl_parser.moc"
