// Schema validation: every rule, with the exact message a user sees.
#include "SchemaBuilding.h"
#include "format/SchemaFile.h"
#include "sql/SqlIdentifier.h"
#include "types/TypeRegistry.h"
#include "validate/SchemaValidator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace fabrica;

namespace {

using test::column;

// customers(id PK, email unique) and orders(id PK, customer_id → customers.id): valid as it stands.
Schema base()
{
    Schema schema;
    schema.name = QStringLiteral("shop");
    Table customers{QStringLiteral("customers"), {}, 100, {}};
    customers.columns = {column(QStringLiteral("id"), QStringLiteral("sequence"), R"({"primaryKey": true})"),
                         column(QStringLiteral("email"), QStringLiteral("email"), R"({"unique": true})"),
                         column(QStringLiteral("first_name"), QStringLiteral("first_name"))};
    Table orders{QStringLiteral("orders"), {}, 300, {}};
    orders.columns = {column(QStringLiteral("id"), QStringLiteral("sequence"), R"({"primaryKey": true})"),
                      column(QStringLiteral("customer_id"), QStringLiteral("foreign_key"),
                             R"({"references": "customers.id", "notNull": true})")};
    schema.tables = {customers, orders};
    return schema;
}

// Problems as "E|path|key|message" (W for warnings), easy to compare and to read in a failure.
QStringList describe(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems)
        lines << QStringLiteral("%1|%2|%3|%4").arg(p.isError() ? QLatin1Char('E') : QLatin1Char('W')).arg(p.path, p.key, p.message);
    return lines;
}

QStringList validate(const Schema &schema)
{
    return describe(SchemaValidator().validate(schema));
}

// base() with one more column in orders.
QStringList withOrderColumn(const QString &name, const QString &type, const QByteArray &constraints)
{
    Schema schema = base();
    schema.tables[1].columns.append(column(name, type, constraints));
    return validate(schema);
}

} // namespace

class TestValidate : public QObject
{
    Q_OBJECT

private slots:
    void baseIsValid() { QCOMPARE(validate(base()), QStringList()); }

    void examplesAreValid_data()
    {
        QTest::addColumn<QString>("path");
        const QDir examples(qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR))
                            + QStringLiteral("/examples"));
        for (const QString &file : examples.entryList({QStringLiteral("*.fabrica.json")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << examples.filePath(file);
    }
    void examplesAreValid()
    {
        QFETCH(QString, path);
        const auto schema = SchemaFile::load(path);
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().toString()));
        QCOMPARE(validate(*schema), QStringList());
    }

    void columnRules_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("constraints");
        QTest::addColumn<QString>("expected");
        const QString p = QStringLiteral("E|orders.x|");
        QTest::newRow("unknown type, close") << "emial" << QByteArray("{}")
            << QStringLiteral("E|orders.x||unknown data type \"emial\"; did you mean \"email\"?");
        QTest::newRow("unknown type, far") << "zzzzzz" << QByteArray("{}")
            << QStringLiteral("E|orders.x||unknown data type \"zzzzzz\"; `fabrica types` lists them all");
        QTest::newRow("unknown key, close") << "integer" << QByteArray(R"({"mni": 1})")
            << p + QStringLiteral("mni|unknown constraint \"mni\" for type integer; did you mean \"min\"?");
        QTest::newRow("unknown key, far") << "uuid" << QByteArray(R"({"colour": 1})")
            << p + QStringLiteral("colour|unknown constraint \"colour\" for type uuid (accepted: notNull, nullPercent, unique, primaryKey, uniqueKey, references, cardinality, after, formula, weightsBy, databaseGenerated, maxLength, sqlType, version)");
        QTest::newRow("boolean kind") << "integer" << QByteArray(R"({"notNull": "yes"})")
            << p + QStringLiteral("notNull|constraint \"notNull\" must be true or false, found \"yes\"");
        QTest::newRow("integer kind") << "integer" << QByteArray(R"({"min": 1.5})")
            << p + QStringLiteral("min|constraint \"min\" must be a whole number, found 1.5");
        QTest::newRow("number kind") << "decimal" << QByteArray(R"({"max": "10"})")
            << p + QStringLiteral("max|constraint \"max\" must be a number, found \"10\"");
        QTest::newRow("bounds") << "integer" << QByteArray(R"({"nullPercent": 150})")
            << p + QStringLiteral("nullPercent|constraint \"nullPercent\" must be between 0 and 100, found 150");
        QTest::newRow("string kind") << "pattern" << QByteArray(R"({"pattern": 5})")
            << p + QStringLiteral("pattern|constraint \"pattern\" must be a string, found 5");
        QTest::newRow("choice") << "uuid" << QByteArray(R"({"version": "v5"})")
            << p + QStringLiteral("version|constraint \"version\" must be one of v4, v7, found \"v5\"");
        QTest::newRow("date kind") << "date" << QByteArray(R"({"min": "2024-02-30"})")
            << p + QStringLiteral("min|constraint \"min\" must be a date such as \"2024-02-29\", found \"2024-02-30\"");
        QTest::newRow("time kind") << "time" << QByteArray(R"({"max": "25:00:00"})")
            << p + QStringLiteral("max|constraint \"max\" must be a time such as \"13:45:00\", found \"25:00:00\"");
        QTest::newRow("timestamp kind") << "timestamp" << QByteArray(R"({"min": "2024-01-01 10:00:00"})")
            << p + QStringLiteral("min|constraint \"min\" must be a timestamp such as \"2024-02-29T13:45:00\", found \"2024-01-01 10:00:00\"");
        QTest::newRow("string list kind") << "enum" << QByteArray(R"({"values": ["a", 1]})")
            << p + QStringLiteral("values|constraint \"values\" must be an array of strings, found [\"a\",1]");
        QTest::newRow("number list kind") << "enum" << QByteArray(R"({"values": ["a"], "weights": ["1"]})")
            << p + QStringLiteral("weights|constraint \"weights\" must be an array of numbers, found [\"1\"]");
        QTest::newRow("reference kind") << "foreign_key" << QByteArray(R"({"references": "customers"})")
            << p + QStringLiteral("references|constraint \"references\" must be \"table.column\", found \"customers\"");
        QTest::newRow("object kind") << "json" << QByteArray(R"({"fields": []})")
            << p + QStringLiteral("fields|constraint \"fields\" must be an object, found []");
        QTest::newRow("required") << "enum" << QByteArray("{}")
            << p + QStringLiteral("values|type enum needs the constraint \"values\" (%1)");
        QTest::newRow("min > max") << "integer" << QByteArray(R"({"min": 10, "max": 5})")
            << p + QStringLiteral("min|min (10) is greater than max (5)");
        QTest::newRow("max below default min") << "decimal" << QByteArray(R"({"max": -5})")
            << p + QStringLiteral("max|min (0, the default) is greater than max (-5)");
        QTest::newRow("dates reversed") << "date" << QByteArray(R"({"min": "2025-01-01", "max": "2024-12-31"})")
            << p + QStringLiteral("min|min (\"2025-01-01\") is greater than max (\"2024-12-31\")");
        QTest::newRow("lengths reversed") << "string" << QByteArray(R"({"minLength": 20, "maxLength": 10})")
            << p + QStringLiteral("minLength|minLength (20) is greater than maxLength (10)");
        QTest::newRow("words reversed") << "lorem_sentence" << QByteArray(R"({"minWords": 9, "maxWords": 3})")
            << p + QStringLiteral("minWords|minWords (9) is greater than maxWords (3)");
        QTest::newRow("weights count") << "enum" << QByteArray(R"({"values": ["a", "b"], "weights": [1]})")
            << p + QStringLiteral("weights|weights has 1 entries but values has 2; give one weight per value");
        QTest::newRow("negative weight") << "enum" << QByteArray(R"({"values": ["a", "b"], "weights": [1, -2]})")
            << p + QStringLiteral("weights|weight #2 (-2) is negative; weights must be 0 or more");
        QTest::newRow("zero weights") << "enum" << QByteArray(R"({"values": ["a"], "weights": [0]})")
            << p + QStringLiteral("weights|all weights are 0, so no value can be chosen");
        QTest::newRow("empty values") << "enum" << QByteArray(R"({"values": []})")
            << p + QStringLiteral("values|values is empty: list at least one value");
        QTest::newRow("duplicate values") << "enum" << QByteArray(R"({"values": ["a", "a"]})")
            << QStringLiteral("W|orders.x|values|values lists \"a\" more than once; use weights to make a value more likely");
        QTest::newRow("notNull with nulls") << "integer" << QByteArray(R"({"notNull": true, "nullPercent": 10})")
            << p + QStringLiteral("nullPercent|nullPercent is 10, but the column is NOT NULL and can hold no NULLs");
        QTest::newRow("cardinality alone") << "integer" << QByteArray(R"({"cardinality": {"min": 1, "max": 2}})")
            << p + QStringLiteral("cardinality|cardinality applies to foreign keys only: add \"references\" or remove it");
        QTest::newRow("cardinality malformed") << "foreign_key" << QByteArray(R"({"references": "customers.id", "cardinality": {"min": 1}})")
            << p + QStringLiteral("cardinality|cardinality is either {\"min\": a, \"max\": b} with whole numbers a ≥ 0 or {\"distribution\": {…}}, found {\"min\":1}");
        QTest::newRow("cardinality reversed") << "foreign_key" << QByteArray(R"({"references": "customers.id", "cardinality": {"min": 5, "max": 1}})")
            << p + QStringLiteral("cardinality|cardinality min (5) is greater than max (1)");
        QTest::newRow("distribution name") << "integer" << QByteArray(R"({"distribution": {"name": "gauss"}})")
            << p + QStringLiteral("distribution|distribution needs \"name\": one of uniform, normal, lognormal, exponential, zipf, poisson, found \"gauss\"");
        QTest::newRow("distribution parameter") << "integer" << QByteArray(R"({"distribution": {"name": "normal", "sd": 1}})")
            << p + QStringLiteral("distribution|distribution normal takes mean, stddev, found \"sd\"");
        QTest::newRow("distribution positive") << "integer" << QByteArray(R"({"distribution": {"name": "poisson", "lambda": 0}})")
            << p + QStringLiteral("distribution|lambda of distribution poisson must be a number greater than 0, found 0");
        QTest::newRow("template brace") << "template" << QByteArray("{\"template\": \"{id\"}") /* moc miscounts braces in raw strings */
            << p + QStringLiteral("template|template, character 1: a '{' without its '}' (write \"{{\" for a literal brace)");
        QTest::newRow("template filter") << "template" << QByteArray(R"({"template": "a{id|shout}"})")
            << p + QStringLiteral("template|template, character 2: unknown filter \"shout\" (filters: lower, upper, title, slug, ascii)");
        QTest::newRow("template placeholder") << "template" << QByteArray(R"({"template": "{customer_idd}"})")
            << p + QStringLiteral("template|template placeholder {customer_idd} is neither a column of table orders nor a data type; did you mean {customer_id}?");
        QTest::newRow("template self") << "template" << QByteArray(R"({"template": "{x}"})")
            << p + QStringLiteral("template|template refers to its own column \"x\"");
        QTest::newRow("json fields") << "json" << QByteArray(R"({"fields": {"a": {"type": "nope"}}})")
            << p + QStringLiteral("fields|field \"a\" needs {\"type\": …} with a known data type, found {\"type\":\"nope\"}");
        QTest::newRow("not key capable") << "lorem_sentence" << QByteArray(R"({"unique": true})")
            << p + QStringLiteral("unique|type lorem_sentence cannot be unique; key columns need a type with a large domain such as sequence, integer, uuid or string");
        QTest::newRow("missing table") << "foreign_key" << QByteArray(R"({"references": "customer.id"})")
            << p + QStringLiteral("references|references table \"customer\", which does not exist; did you mean \"customers\"?");
        QTest::newRow("missing column") << "foreign_key" << QByteArray(R"({"references": "customers.uid"})")
            << p + QStringLiteral("references|references column \"uid\" of table \"customers\", which does not exist");
        QTest::newRow("not unique target") << "foreign_key" << QByteArray(R"({"references": "customers.first_name"})")
            << p + QStringLiteral("references|references customers.first_name, which is neither the primary key nor unique; mark it \"primaryKey\" or \"unique\"");
        QTest::newRow("type mismatch") << "uuid" << QByteArray(R"({"references": "customers.id"})")
            << p + QStringLiteral("references|foreign key type mismatch: orders.x is uuid but customers.id is sequence; use type foreign_key or a type of the same kind");
    }
    void columnRules()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, constraints);
        QFETCH(QString, expected);
        if (expected.contains(QLatin1String("%1"))) {
            const ConstraintKey *key = TypeRegistry::instance().find(type)->key(QStringLiteral("values"));
            QVERIFY(key);
            expected = expected.arg(key->description);
        }
        QCOMPARE(withOrderColumn(QStringLiteral("x"), type, constraints), QStringList{expected});
    }

    void sameFamilyMayReference()
    {
        QCOMPARE(withOrderColumn(QStringLiteral("x"), QStringLiteral("bigint"), R"({"references": "customers.id"})"),
                 QStringList());
        QCOMPARE(withOrderColumn(QStringLiteral("x"), QStringLiteral("string"), R"({"references": "customers.email"})"),
                 QStringList());
    }

    void compositePrimaryKeyColumnIsNotUniqueAlone()
    {
        Schema schema = base();
        schema.tables[0].columns[2].constraints.insert(QStringLiteral("primaryKey"), true);
        schema.tables[0].columns[2].type = QStringLiteral("string");
        QCOMPARE(validate(schema),
                 QStringList{QStringLiteral("E|orders.customer_id|references|references customers.id, which is only "
                                            "part of a composite primary key and not unique on its own; mark it "
                                            "unique or reference another column")});
    }

    void selfReferenceMustBeNullable()
    {
        Schema schema = base();
        schema.tables[0].columns.append(column(QStringLiteral("referrer_id"), QStringLiteral("foreign_key"),
                                               R"({"references": "customers.id", "notNull": true})"));
        QCOMPARE(validate(schema),
                 QStringList{QStringLiteral("E|customers.referrer_id|references|references its own table and is NOT "
                                            "NULL, so the first row has nothing to refer to; make it nullable "
                                            "(remove notNull)")});
        schema.tables[0].columns.last().constraints.remove(QStringLiteral("notNull"));
        QCOMPARE(validate(schema), QStringList());
    }

    void notNullCycleAcrossTables()
    {
        // Keys are computed from parent row numbers and added (or checked) after the data, so a NOT NULL
        // cycle across tables is valid; only a NOT NULL self reference is not.
        Schema schema = base();
        schema.tables[0].columns.append(column(QStringLiteral("last_order_id"), QStringLiteral("foreign_key"),
                                               R"({"references": "orders.id", "notNull": true})"));
        QCOMPARE(validate(schema), QStringList());
        schema.tables[1].columns.append(column(QStringLiteral("previous_id"), QStringLiteral("foreign_key"),
                                               R"({"references": "orders.id", "notNull": true})"));
        QCOMPARE(validate(schema),
                 QStringList{QStringLiteral("E|orders.previous_id|references|references its own table and is NOT "
                                            "NULL, so the first row has nothing to refer to; make it nullable "
                                            "(remove notNull)")});
    }

    void duplicateNames()
    {
        Schema schema = base();
        schema.tables.append(schema.tables.at(1));
        schema.tables.last().name = QStringLiteral("Orders");
        schema.tables.append(schema.tables.at(1));
        schema.tables[0].columns.append(column(QStringLiteral("email"), QStringLiteral("uuid")));
        QCOMPARE(validate(schema),
                 QStringList({QStringLiteral("E|Orders||table name \"Orders\" differs from \"orders\" only in case; "
                                             "PostgreSQL folds unquoted names and MySQL on Windows and macOS ignores "
                                             "case, so give them distinct names"),
                              QStringLiteral("E|orders||table name \"orders\" is used more than once"),
                              QStringLiteral("E|customers.email||column name \"email\" is used more than once")}));
    }

    void namesEqualAfterTruncation()
    {
        Schema schema = base();
        const QString stem(63, QLatin1Char('a'));
        schema.tables[0].columns.append(column(stem + QStringLiteral("_one"), QStringLiteral("uuid")));
        schema.tables[0].columns.append(column(stem + QStringLiteral("_two"), QStringLiteral("uuid")));
        const QStringList problems = validate(schema);
        QCOMPARE(problems.size(), 3); // two length warnings and the collision
        QVERIFY(problems.at(0).startsWith(QStringLiteral("W|customers.") + stem + QStringLiteral("_one||")));
        QCOMPARE(problems.at(2), QStringLiteral("E|customers.%1_two||column names \"%1_one\" and \"%1_two\" are the "
                                                "same after PostgreSQL truncates them to 63 bytes (\"%1\"); shorten one "
                                                "of them")
                                     .arg(stem));
    }

    void identifiersComeFromSqlIdentifier()
    {
        Schema schema = base();
        schema.tables[0].columns[2].name = QStringLiteral("a.b");
        schema.tables[1].name = QStringLiteral("sqlite_orders");
        schema.tables[1].columns[1].constraints = QJsonObject{}; // keep the reference out of the picture
        schema.tables[1].columns[1].type = QStringLiteral("integer");
        schema.tables[0].columns.append(column(QStringLiteral("user"), QStringLiteral("uuid")));
        const Problems problems = SchemaValidator().validate(schema);
        QStringList expected;
        for (const auto &f : SqlIdentifier::check(QStringLiteral("sqlite_orders"), SqlIdentifier::Kind::Table))
            expected << QStringLiteral("%1|sqlite_orders||%2").arg(f.severity == SqlIdentifier::Severity::Error ? QLatin1Char('E') : QLatin1Char('W')).arg(f.message);
        for (const auto &f : SqlIdentifier::check(QStringLiteral("a.b"), SqlIdentifier::Kind::Column))
            expected << QStringLiteral("E|customers.a.b||%1").arg(f.message);
        for (const auto &f : SqlIdentifier::check(QStringLiteral("user"), SqlIdentifier::Kind::Column))
            expected << QStringLiteral("W|customers.user||%1").arg(f.message);
        QCOMPARE(describe(problems), expected);
        QVERIFY(expected.size() >= 3);
        QVERIFY(hasErrors(problems));
    }

    void schemaRules()
    {
        Schema schema = base();
        schema.name = QStringLiteral("pg_shop");
        schema.locale = QStringLiteral("xx_XX");
        schema.tables[1].rows = -1;
        schema.tables[0].columns.clear();
        schema.tables[1].columns[1].constraints.remove(QStringLiteral("references"));
        schema.tables[1].columns[1].type = QStringLiteral("integer");
        QCOMPARE(validate(schema),
                 QStringList({QStringLiteral("E|||schema name \"pg_shop\" starts with \"pg_\", which PostgreSQL reserves for system schemas"),
                              QStringLiteral("E|||unknown locale \"xx_XX\" (locales: en_US, en_GB, de_DE, fr_FR, es_ES)"),
                              QStringLiteral("E|customers||table \"customers\" has no columns"),
                              QStringLiteral("E|orders||rows must be 0 or more, found -1")}));
        QCOMPARE(validate(Schema{QStringLiteral("blank"), {}, {}, {}, {}, {}, {}}),
                 QStringList{QStringLiteral("W|||the schema has no tables yet")});
    }

    void problemPointsIntoTheFile()
    {
        const Problem problem{Problem::Severity::Error, QString(), 1, 2, QStringLiteral("a/b"), QString()};
        QCOMPARE(problem.pointer(), QStringLiteral("/schema/tables/1/columns/2/constraints/a~1b"));
        QCOMPARE((Problem{Problem::Severity::Error, QString(), 1, -1, {}, {}}).pointer(), QStringLiteral("/schema/tables/1"));
        QCOMPARE((Problem{}).pointer(), QStringLiteral("/schema"));
    }
};

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
