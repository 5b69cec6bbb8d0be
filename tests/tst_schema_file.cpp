// The .fabrica.json format: lossless round-trips, canonical output, and errors that point into the file.
#include "format/JsonLocator.h"
#include "format/SchemaFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR));
}

QByteArray wrap(const QByteArray &tables)
{
    return "{\n  \"format\": \"fabrica-schema\",\n  \"version\": 1,\n  \"schema\": {\n    \"name\": \"s\",\n"
           "    \"tables\": " + tables + "\n  }\n}\n";
}

Schema everything()
{
    Schema schema;
    schema.name = QStringLiteral("everything");
    schema.description = QStringLiteral("Quotes \" backslash \\ newline \n tab \t unicode größe 表 emoji 🎲");
    schema.owner = QStringLiteral("ada");
    schema.created = QDateTime(QDate(2026, 11, 25), QTime(12, 34, 56, 789), Qt::UTC);
    schema.locale = QStringLiteral("de_DE");
    Table table{QStringLiteral("t"), QStringLiteral("a table"), 9007199254740992LL, {}};
    Column column{QStringLiteral("c"), QStringLiteral("enum"),
                  QJsonObject{{QStringLiteral("values"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                              {QStringLiteral("weights"), QJsonArray{0.25, 1e-7}},
                              {QStringLiteral("nested"), QJsonObject{{QStringLiteral("deep"), QJsonArray{1, QJsonObject{}}}}},
                              {QStringLiteral("big"), -1234567890123.0},
                              {QStringLiteral("null"), QJsonValue::Null}},
                  {QStringLiteral("x"), QString(), QStringLiteral("\u0001control")},
                  QStringLiteral("a column")};
    table.columns = {column, Column{QStringLiteral("empty"), QStringLiteral("uuid"), {}, {}, {}}};
    schema.tables = {table, Table{QStringLiteral("u"), {}, 0, {}}};
    return schema;
}

} // namespace

class TestSchemaFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesAMinimalFile()
    {
        const auto schema = SchemaFile::parse(wrap(R"([{"name": "t", "rows": 3, "columns": [{"name": "id", "type": "sequence"}]}])"));
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().toString()));
        QCOMPARE(schema->name, QStringLiteral("s"));
        QCOMPARE(schema->tables.size(), 1);
        QCOMPARE(schema->tables.first().rows, 3);
        QCOMPARE(schema->tables.first().columns.first().type, QStringLiteral("sequence"));
        QVERIFY(!schema->created.isValid());
    }

    void roundTripIsLossless()
    {
        const Schema original = everything();
        const QByteArray bytes = SchemaFile::serialize(original);
        const auto parsed = SchemaFile::parse(bytes);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QCOMPARE(*parsed, original);
        QCOMPARE(SchemaFile::serialize(*parsed), bytes); // canonical: written twice, same bytes
    }

    void writesPreferredKeyOrder()
    {
        const QByteArray bytes = SchemaFile::serialize(everything());
        QVERIFY(bytes.startsWith("{\n  \"format\": \"fabrica-schema\",\n  \"version\": 1,\n  \"schema\": {\n    \"name\": \"everything\","));
        QVERIFY(bytes.indexOf("\"rows\"") < bytes.indexOf("\"columns\""));
        QVERIFY(bytes.contains("\"created\": \"2026-11-25T12:34:56.789Z\""));
        QVERIFY(bytes.contains("\"rows\": 9007199254740992"));
        QVERIFY(bytes.contains("\"big\": -1234567890123"));
        QVERIFY(bytes.contains("\\u0001control"));
    }

    void examplesAreCanonical_data()
    {
        QTest::addColumn<QString>("path");
        const QDir examples(sourceDir() + QStringLiteral("/examples"));
        const QStringList files = examples.entryList({QStringLiteral("*.fabrica.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << examples.filePath(file);
    }
    void examplesAreCanonical()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto schema = SchemaFile::parse(bytes, path);
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().toString()));
        QCOMPARE(SchemaFile::serialize(*schema), bytes);
    }

    void reportsErrorsWithTheirPlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\n  \"format\": \"fabrica-schema\"\n  \"version\": 1\n}")
                                << QStringLiteral("f.json:3:3: invalid JSON: unterminated object");
        QTest::newRow("array at top") << QByteArray("[]")
                                      << QStringLiteral("f.json:1:1: not a Fabrica schema file: the top level must be a JSON object");
        QTest::newRow("wrong format")
            << QByteArray("{\"format\": \"other\", \"version\": 1, \"schema\": {}}")
            << QStringLiteral("f.json:1:2: not a Fabrica schema file: \"format\" must be \"fabrica-schema\", found the string \"other\"");
        QTest::newRow("newer version")
            << QByteArray("{\"format\": \"fabrica-schema\", \"version\": 2, \"schema\": {}}")
            << QStringLiteral("f.json:1:30: the file has format version 2, but this Fabrica reads up to version 1; open it with a newer Fabrica");
        QTest::newRow("version as string")
            << QByteArray("{\"format\": \"fabrica-schema\", \"version\": \"1\", \"schema\": {}}")
            << QStringLiteral("f.json:1:30: \"version\" must be a whole number from 1, found the string \"1\"");
        QTest::newRow("unknown top-level")
            << QByteArray("{\"format\": \"fabrica-schema\", \"version\": 1, \"schema\": {}, \"extra\": 1}")
            << QStringLiteral("f.json:1:58: unknown property \"extra\" in the file (expected one of: format, version, schema)");
        QTest::newRow("schema without name")
            << QByteArray("{\"format\": \"fabrica-schema\", \"version\": 1, \"schema\": {\"tables\": []}}")
            << QStringLiteral("f.json:1:44: the schema has no \"name\"");
        QTest::newRow("tables not an array")
            << wrap("{}") << QStringLiteral("f.json:6:5: \"tables\" must be an array, found an object");
        QTest::newRow("negative rows")
            << wrap(R"([{"name": "t", "rows": -1, "columns": []}])")
            << QStringLiteral("f.json:6:30: t: \"rows\" must be a whole number from 0 to 2^53, found the number -1");
        QTest::newRow("fractional rows")
            << wrap(R"([{"name": "t", "rows": 1.5, "columns": []}])")
            << QStringLiteral("f.json:6:30: t: \"rows\" must be a whole number from 0 to 2^53, found the number 1.5");
        QTest::newRow("table without rows")
            << wrap(R"([{"name": "t", "columns": []}])") << QStringLiteral("f.json:6:16: t: table \"t\" has no \"rows\"");
        QTest::newRow("table without name")
            << wrap(R"([{"rows": 1, "columns": []}])") << QStringLiteral("f.json:6:16: #1: table #1 has no \"name\"");
        QTest::newRow("unknown column property")
            << wrap("[{\"name\": \"t\", \"rows\": 1, \"columns\": [\n      {\"name\": \"c\", \"type\": \"uuid\", \"colour\": 1}]}]")
            << QStringLiteral("f.json:7:37: t.c: unknown property \"colour\" in a column (expected one of: name, type, description, constraints, samples)");
        QTest::newRow("column without type")
            << wrap(R"([{"name": "t", "rows": 1, "columns": [{"name": "c"}]}])")
            << QStringLiteral("f.json:6:53: t.c: column \"t.c\" has no \"type\"");
        QTest::newRow("constraints not an object")
            << wrap(R"([{"name": "t", "rows": 1, "columns": [{"name": "c", "type": "uuid", "constraints": []}]}])")
            << QStringLiteral("f.json:6:83: t.c: \"constraints\" must be an object, found an array");
        QTest::newRow("sample not a string")
            << wrap(R"([{"name": "t", "rows": 1, "columns": [{"name": "c", "type": "sample", "samples": ["a", 2]}]}])")
            << QStringLiteral("f.json:6:102: t.c: sample #2 must be a string, found the number 2");
        QTest::newRow("created without zone")
            << QByteArray("{\"format\": \"fabrica-schema\", \"version\": 1, \"schema\": {\"name\": \"s\", \"created\": \"2026-01-01T00:00:00\", \"tables\": []}}")
            << QStringLiteral("f.json:1:68: \"created\" must be an ISO 8601 date and time with a time zone, such as \"2026-11-25T12:00:00Z\", found \"2026-01-01T00:00:00\"");
    }
    void reportsErrorsWithTheirPlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto schema = SchemaFile::parse(json, QStringLiteral("f.json"));
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().toString(), expected);
        QCOMPARE(schema.error().code, ErrorCode::InvalidInput);
    }

    void locatorCountsCharactersNotBytes()
    {
        const QByteArray json = "{\"größe\": {\"b\": [1, {\"c\": 2}]}}";
        const JsonLocator locator(json, QStringLiteral("x"));
        QCOMPARE(locator.locate(QStringLiteral("/größe")).column, 2);
        QCOMPARE(locator.locate(QStringLiteral("/größe/b")).column, 12);
        QCOMPARE(locator.locate(QStringLiteral("/größe/b/1/c")).column, 22);
        QCOMPARE(locator.locate(QStringLiteral("/größe/b/1/missing")).column, 21); // nearest ancestor
        QCOMPARE(locator.locate(QStringLiteral("/a~1b")).line, 1);
    }

    void saveWritesAtomically()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("s.fabrica.json"));
        QVERIFY(SchemaFile::save(everything(), path).ok());
        const auto loaded = SchemaFile::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(*loaded, everything());

        const Result<void> failed = SchemaFile::save(everything(), dir.filePath(QStringLiteral("missing/s.fabrica.json")));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::Io);
        QVERIFY(failed.error().toString().startsWith(dir.filePath(QStringLiteral("missing/s.fabrica.json: cannot write the file: "))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing"))));
    }

    void loadReportsMissingFile()
    {
        const auto schema = SchemaFile::load(QStringLiteral("/nonexistent/x.fabrica.json"));
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, ErrorCode::Io);
        QCOMPARE(schema.error().where.file, QStringLiteral("/nonexistent/x.fabrica.json"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaFile)
#include "tst_schema_file.moc"
