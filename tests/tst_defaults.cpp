// Sensible defaults for hand-written schemas: the schema's reference date (format, fallbacks, errors),
// ColumnDefaults' guesses from names and types, date windows that end at the reference date, integer
// primary keys counting from 1, and hash-shaped password columns — on a DVD-rental-like schema of 100,000
// rows, byte-identical for 1 and 4 threads.
#include "SchemaBuilding.h"
#include "StorageTestSupport.h"
#include "export/ExportFormat.h"
#include "export/Sink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/ImportService.h"
#include "types/ColumnDefaults.h"
#include "validate/SchemaValidator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;

using test::column;

// A hand-written schema in the shape of the DVD rental and music store samples: no ranges anywhere.
Schema rentalSchema(qint64 rows)
{
    Schema schema;
    schema.name = u"rental"_s;
    schema.referenceDate = QDate(2024, 6, 30);
    schema.tables = {
        Table{u"film"_s,
              {},
              rows,
              {column(u"film_id"_s, u"integer"_s, R"({"primaryKey": true})"),
               column(u"rental_duration"_s, u"smallint"_s, R"({"notNull": true})"),
               column(u"rental_rate"_s, u"decimal"_s, R"({"precision": 4, "scale": 2})"),
               column(u"length"_s, u"smallint"_s),
               column(u"replacement_cost"_s, u"decimal"_s, R"({"precision": 5, "scale": 2})"),
               column(u"last_update"_s, u"timestamp"_s)}},
        Table{u"track"_s,
              {},
              rows,
              {column(u"TrackId"_s, u"bigint"_s, R"({"primaryKey": true})"),
               column(u"film_id"_s, u"foreign_key"_s, R"({"references": "film.film_id"})"),
               column(u"Milliseconds"_s, u"integer"_s),
               column(u"UnitPrice"_s, u"decimal"_s, R"({"precision": 10, "scale": 2})"),
               column(u"quantity"_s, u"integer"_s)}},
        Table{u"staff"_s,
              {},
              std::min<qint64>(rows, 30000), // staff_id is a smallint: 1..32767
              {column(u"staff_id"_s, u"smallint"_s, R"({"primaryKey": true})"),
               column(u"birth_date"_s, u"date"_s), column(u"hire_date"_s, u"date"_s),
               column(u"password"_s, u"password_hash"_s),
               column(u"password_bcrypt"_s, u"password_hash"_s, R"({"algorithm": "bcrypt"})"),
               column(u"password_sha"_s, u"password_hash"_s, R"({"algorithm": "sha256"})"),
               column(u"api_token"_s, u"token"_s, R"({"unique": true, "length": 24})"),
               column(u"created_at"_s, u"timestamptz"_s), column(u"visited"_s, u"date"_s)}},
    };
    return schema;
}

std::shared_ptr<const Plan> compile(const Schema &schema, QString *error)
{
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    if (!plan) {
        *error = plan.error().toString();
        return nullptr;
    }
    return *plan;
}

// Every column of a table as text, chunk by chunk.
QList<QStringList> tableValues(const Plan &plan, const QString &name)
{
    int t = 0;
    while (t < int(plan.tables().size()) && plan.tables()[std::size_t(t)].name != name)
        ++t;
    const TablePlan &table = plan.tables()[std::size_t(t)];
    QList<QStringList> values(qsizetype(table.columns.size()));
    TableChunk chunk;
    constexpr int kChunk = 4099;
    for (qint64 first = 0; first < table.rows; first += kChunk) {
        plan.fillChunk(t, first, int(std::min<qint64>(kChunk, table.rows - first)), chunk);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const ColumnChunk &cells = chunk.columns[c];
            for (int row = 0; row < cells.size(); ++row)
                values[qsizetype(c)].append(
                    cells.isNull(row)
                        ? QString()
                        : QString::fromUtf8(cells.value(row).data(), qsizetype(cells.value(row).size())));
        }
    }
    return values;
}

// SHA-256 of every file the CSV export writes with threads.
QMap<QString, QByteArray> csvDigests(const Plan &plan, int threads, QString *error)
{
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.filePath(u"out"_s);
    std::unique_ptr<Sink> sink = ExportFormat::find(u"csv"_s)->create(options);
    GenerationJob::Options job;
    job.threads = threads;
    const auto result = GenerationJob::run(plan, *sink, job);
    if (!result) {
        *error = result.error().toString();
        return {};
    }
    QMap<QString, QByteArray> hashes;
    for (const QString &name : QDir(options.path).entryList(QDir::Files)) {
        QFile file(QDir(options.path).filePath(name));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (file.open(QIODevice::ReadOnly) && hash.addData(&file))
            hashes.insert(name, hash.result().toHex());
    }
    return hashes;
}

QJsonObject guesses(const QString &name, const QString &type, const QByteArray &constraints = "{}",
                    const QDate &reference = QDate(2024, 6, 30))
{
    return ColumnDefaults::guessObject(u"t"_s, name, type, QJsonDocument::fromJson(constraints).object(),
                                       reference);
}

QByteArray schemaFile(const QByteArray &schemaProperties)
{
    return R"({"format": "fabrica-schema", "version": 1, "schema": {"name": "s", )" + schemaProperties +
           R"("tables": []}})";
}

} // namespace

class TestDefaults : public QObject
{
    Q_OBJECT

private slots:
    void rentalSchemaHasSensibleValues();
    void rentalSchemaIsTheSameForAnyThreads();
    void integerKeyWithRangeKeepsThePermutation();
    void dateWindowFollowsTheReferenceDate();
    void referenceDateRoundTrips();
    void referenceDateFallsBack();
    void badReferenceDateIsAnError_data();
    void badReferenceDateIsAnError();
    void columnDefaults_data();
    void columnDefaults();
    void guessesLeaveExplicitKeysAlone();
    void guessesCarryReasons();
    void validatorAcceptsGuessesBesideExplicitKeys();
    void languageAndVersionNeedNoKeys();
    void examplesTakeNoGuesses();
    void importWritesTodaysDate();
    void storageKeepsTheReferenceDate_data();
    void storageKeepsTheReferenceDate();
};

void TestDefaults::rentalSchemaHasSensibleValues()
{
    constexpr qint64 kRows = 100000;
    QString error;
    const Schema schema = rentalSchema(kRows);
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    const QDate reference = schema.referenceDate;

    const QList<QStringList> film = tableValues(*plan, u"film"_s);
    for (qint64 row = 0; row < kRows; ++row) {
        QCOMPARE(film[0][row], QString::number(row + 1)); // primary key 1..N in row order
        const int duration = film[1][row].toInt();
        QVERIFY2(duration >= 3 && duration <= 7, qPrintable(film[1][row]));
        const double rate = film[2][row].toDouble();
        QVERIFY2(rate >= 0.99 && rate <= 4.99, qPrintable(film[2][row]));
        const int length = film[3][row].toInt();
        QVERIFY2(length >= 45 && length <= 185, qPrintable(film[3][row]));
        const double cost = film[4][row].toDouble();
        QVERIFY2(cost >= 9.99 && cost <= 29.99, qPrintable(film[4][row]));
        const QDateTime updated = QDateTime::fromString(film[5][row], u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(updated.isValid() && updated.date() < reference && updated.date() >= reference.addYears(-3),
                 qPrintable(film[5][row]));
    }

    const QList<QStringList> track = tableValues(*plan, u"track"_s);
    double priceSum = 0;
    for (qint64 row = 0; row < kRows; ++row) {
        QCOMPARE(track[0][row], QString::number(row + 1));
        const qint64 parent = track[1][row].toLongLong();
        QVERIFY2(parent >= 1 && parent <= kRows, qPrintable(track[1][row])); // the keys a parent has
        const qint64 ms = track[2][row].toLongLong();
        QVERIFY2(ms >= 30000 && ms <= 600000, qPrintable(track[2][row]));
        const double price = track[3][row].toDouble();
        QVERIFY2(price >= 0.5 && price <= 500, qPrintable(track[3][row]));
        priceSum += price;
        const int quantity = track[4][row].toInt();
        QVERIFY2(quantity >= 1 && quantity <= 100, qPrintable(track[4][row]));
    }
    // Prices are mostly small (lognormal), not uniform over 0.5..500 (mean 250).
    QVERIFY2(priceSum / kRows < 60, qPrintable(QString::number(priceSum / kRows)));

    const QList<QStringList> staff = tableValues(*plan, u"staff"_s);
    const QRegularExpression argon2(
        uR"(^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{21}[AQgw]\$[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$)"_s);
    const QRegularExpression bcrypt(
        uR"(^\$2b\$12\$[./A-Za-z0-9]{21}[.Oeu][./A-Za-z0-9]{30}[.CGKOSWaeimquy26]$)"_s);
    const QRegularExpression sha256(u"^[0-9a-f]{64}$"_s);
    const QRegularExpression token(u"^[0-9a-f]{24}$"_s);
    QSet<QString> tokens, passwords;
    for (qint64 row = 0; row < staff[0].size(); ++row) {
        QCOMPARE(staff[0][row], QString::number(row + 1));
        const QDate birth = QDate::fromString(staff[1][row], Qt::ISODate);
        QVERIFY2(birth.isValid() && birth <= reference.addYears(-18) && birth >= reference.addYears(-90),
                 qPrintable(staff[1][row]));
        const QDate hired = QDate::fromString(staff[2][row], Qt::ISODate);
        QVERIFY2(hired.isValid() && hired <= reference && hired >= reference.addYears(-20),
                 qPrintable(staff[2][row]));
        QVERIFY2(argon2.match(staff[3][row]).hasMatch(), qPrintable(staff[3][row]));
        QVERIFY2(bcrypt.match(staff[4][row]).hasMatch(), qPrintable(staff[4][row]));
        QVERIFY2(sha256.match(staff[5][row]).hasMatch(), qPrintable(staff[5][row]));
        QVERIFY2(token.match(staff[6][row]).hasMatch(), qPrintable(staff[6][row]));
        tokens.insert(staff[6][row]);
        passwords.insert(staff[3][row]);
        const QDateTime created = QDateTime::fromString(staff[7][row].chopped(6), u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(created.isValid() && created.date() < reference, qPrintable(staff[7][row]));
        const QDate visited = QDate::fromString(staff[8][row], Qt::ISODate);
        QVERIFY2(visited.isValid() && visited <= reference && visited >= reference.addYears(-5),
                 qPrintable(staff[8][row]));
    }
    QCOMPARE(tokens.size(), staff[0].size());
    QCOMPARE(passwords.size(), staff[0].size());
}

void TestDefaults::rentalSchemaIsTheSameForAnyThreads()
{
    QString error;
    const Schema schema = rentalSchema(100000);
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    const QMap<QString, QByteArray> one = csvDigests(*plan, 1, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QMap<QString, QByteArray> four = csvDigests(*plan, 4, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(one.size(), 3);
    QCOMPARE(four, one);
}

void TestDefaults::integerKeyWithRangeKeepsThePermutation()
{
    Schema schema;
    schema.name = u"keys"_s;
    schema.tables = {Table{u"t"_s,
                           {},
                           1000,
                           {column(u"id"_s, u"integer"_s, R"({"primaryKey": true, "min": 1, "max": 1000})"),
                            column(u"code"_s, u"smallint"_s, R"({"primaryKey": false, "unique": true})")}}};
    QString error;
    auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    QList<QStringList> values = tableValues(*plan, u"t"_s);
    QSet<int> ids;
    bool ordered = true;
    for (int row = 0; row < 1000; ++row) {
        ids.insert(values[0][row].toInt());
        ordered = ordered && values[0][row].toInt() == row + 1;
    }
    QCOMPARE(ids.size(), 1000);
    QCOMPARE(*std::min_element(ids.begin(), ids.end()), 1);
    QCOMPARE(*std::max_element(ids.begin(), ids.end()), 1000);
    QVERIFY(!ordered); // a range asks for the keyed permutation, not a count

    // A smallint key counts from 1 and says when the rows do not fit.
    schema.tables[0].columns[0] = column(u"id"_s, u"smallint"_s, R"({"primaryKey": true})");
    schema.tables[0].rows = 40000;
    plan = compile(schema, &error);
    QVERIFY(!plan);
    QVERIFY2(error.contains(u"32767"_s), qPrintable(error));
}

void TestDefaults::dateWindowFollowsTheReferenceDate()
{
    Schema schema;
    schema.name = u"dates"_s;
    schema.referenceDate = QDate(2030, 3, 15);
    schema.tables = {Table{u"t"_s,
                           {},
                           5000,
                           {column(u"d"_s, u"date"_s), column(u"ts"_s, u"timestamp"_s),
                            column(u"later"_s, u"date"_s, R"({"min": "2031-01-01"})"),
                            column(u"earlier"_s, u"date"_s, R"({"max": "1999-12-31"})"),
                            column(u"asked"_s, u"date"_s, R"({"max": "2040-01-01"})")}}};
    QString error;
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    const QList<QStringList> values = tableValues(*plan, u"t"_s);
    const QDate reference = schema.referenceDate;
    QDate lastAsked;
    for (int row = 0; row < 5000; ++row) {
        const QDate d = QDate::fromString(values[0][row], Qt::ISODate);
        QVERIFY2(d >= reference.addYears(-5) && d <= reference, qPrintable(values[0][row]));
        const QDateTime ts = QDateTime::fromString(values[1][row], u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(ts.date() >= reference.addYears(-5) && ts.date() < reference, qPrintable(values[1][row]));
        const QDate later = QDate::fromString(values[2][row], Qt::ISODate);
        QVERIFY2(later >= QDate(2031, 1, 1) && later <= QDate(2036, 1, 1), qPrintable(values[2][row]));
        const QDate earlier = QDate::fromString(values[3][row], Qt::ISODate);
        QVERIFY2(earlier >= QDate(1994, 12, 31) && earlier <= QDate(1999, 12, 31),
                 qPrintable(values[3][row]));
        const QDate asked = QDate::fromString(values[4][row], Qt::ISODate);
        lastAsked = std::max(lastAsked, asked);
    }
    QVERIFY2(lastAsked > reference, "an explicit max beyond the reference date is honoured");
}

void TestDefaults::referenceDateRoundTrips()
{
    const QByteArray text =
        schemaFile(R"("created": "2025-03-04T05:06:07Z", "referenceDate": "2024-02-29", )");
    Result<Schema> schema = SchemaFile::parse(text, u"s.fabrica.json"_s);
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
    QCOMPARE(schema->referenceDate, QDate(2024, 2, 29));
    QCOMPARE(schema->effectiveReferenceDate(), QDate(2024, 2, 29));
    const QByteArray canonical = SchemaFile::serialize(*schema);
    // Written after created, before locale and tables, and read back unchanged.
    QVERIFY2(canonical.contains(
                 "\"created\": \"2025-03-04T05:06:07Z\",\n    \"referenceDate\": \"2024-02-29\",\n"),
             canonical.constData());
    Result<Schema> again = SchemaFile::parse(canonical, {});
    QVERIFY(again);
    QCOMPARE(*again, *schema);
    QCOMPARE(SchemaFile::serialize(*again), canonical);

    Schema plain;
    plain.name = u"plain"_s;
    QVERIFY(!SchemaFile::serialize(plain).contains("referenceDate")); // absent stays absent
}

void TestDefaults::referenceDateFallsBack()
{
    Result<Schema> created = SchemaFile::parse(schemaFile(R"("created": "2025-03-04T23:30:00-02:00", )"), {});
    QVERIFY(created);
    QVERIFY(!created->referenceDate.isValid());
    QCOMPARE(created->effectiveReferenceDate(), QDate(2025, 3, 5)); // the UTC date of created

    Result<Schema> bare = SchemaFile::parse(schemaFile(""), {});
    QVERIFY(bare);
    QCOMPARE(bare->effectiveReferenceDate(), QDate(2026, 1, 1));
    QCOMPARE(Schema::fallbackReferenceDate(), QDate(2026, 1, 1));
}

void TestDefaults::badReferenceDateIsAnError_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("month 13") << QByteArray(R"("2024-13-01")");
    QTest::newRow("no leap day") << QByteArray(R"("2023-02-29")");
    QTest::newRow("short") << QByteArray(R"("2024-1-5")");
    QTest::newRow("with time") << QByteArray(R"("2024-01-05T00:00:00")");
    QTest::newRow("number") << QByteArray("20240105");
}

void TestDefaults::badReferenceDateIsAnError()
{
    QFETCH(QByteArray, value);
    const QByteArray text = "{\n  \"format\": \"fabrica-schema\",\n  \"version\": 1,\n  \"schema\": {\n"
                            "    \"name\": \"s\",\n    \"referenceDate\": " +
                            value + ",\n    \"tables\": []\n  }\n}\n";
    Result<Schema> schema = SchemaFile::parse(text, u"bad.fabrica.json"_s);
    QVERIFY(!schema);
    QVERIFY2(schema.error().message.contains(u"referenceDate"_s), qPrintable(schema.error().message));
    QCOMPARE(schema.error().where.line, 6);
    QCOMPARE(schema.error().where.file, u"bad.fabrica.json"_s);
}

void TestDefaults::columnDefaults_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("constraints");
    QTest::addColumn<QByteArray>("expected"); // the guesses as JSON

    QTest::newRow("quantity") << u"quantity"_s << u"integer"_s << QByteArray("{}")
                              << QByteArray(R"({"min":1,"max":100})");
    QTest::newRow("qty camel") << u"OrderQty"_s << u"bigint"_s << QByteArray("{}")
                               << QByteArray(R"({"min":1,"max":100})");
    QTest::newRow("age") << u"age"_s << u"smallint"_s << QByteArray("{}")
                         << QByteArray(R"({"min":18,"max":90})");
    QTest::newRow("ms in smallint") << u"milliseconds"_s << u"smallint"_s << QByteArray("{}")
                                    << QByteArray(R"({"min":30000,"max":32767})");
    QTest::newRow("ms") << u"Milliseconds"_s << u"integer"_s << QByteArray("{}")
                        << QByteArray(R"({"min":30000,"max":600000})");
    QTest::newRow("bytes in smallint")
        << u"size_bytes"_s << u"smallint"_s << QByteArray("{}") << QByteArray(R"({"min":1024,"max":32767})");
    QTest::newRow("rental_duration") << u"RENTAL-DURATION"_s << u"smallint"_s << QByteArray("{}")
                                     << QByteArray(R"({"min":3,"max":7})");
    QTest::newRow("rental_rate") << u"rental_rate"_s << u"decimal"_s
                                 << QByteArray(R"({"precision":4,"scale":2})")
                                 << QByteArray(R"({"min":0.99,"max":4.99})");
    QTest::newRow("price in numeric(4,2)")
        << u"unit_price"_s << u"decimal"_s << QByteArray(R"({"precision":4,"scale":2})")
        << QByteArray(
               R"({"min":0.5,"max":99.99,"distribution":{"name":"lognormal","mu":2.70805020110221,"sigma":1}})");
    QTest::newRow("price as integer")
        << u"price"_s << u"integer"_s << QByteArray("{}")
        << QByteArray(
               R"({"min":1,"max":500,"distribution":{"name":"lognormal","mu":2.70805020110221,"sigma":1}})");
    QTest::newRow("year") << u"release_year"_s << u"smallint"_s << QByteArray("{}")
                          << QByteArray(R"({"min":1994,"max":2024})");
    QTest::newRow("birth year") << u"BirthYear"_s << u"integer"_s << QByteArray("{}")
                                << QByteArray(R"({"min":1934,"max":2006})");
    QTest::newRow("num_items") << u"num_items"_s << u"integer"_s << QByteArray("{}")
                               << QByteArray(R"({"min":0,"max":1000})");
    QTest::newRow("rating") << u"rating"_s << u"float"_s << QByteArray("{}")
                            << QByteArray(R"({"min":1,"max":5})");
    QTest::newRow("birth_date") << u"birth_date"_s << u"date"_s << QByteArray("{}")
                                << QByteArray(R"({"min":"1934-06-30","max":"2006-06-30"})");
    QTest::newRow("dob timestamp") << u"DOB"_s << u"timestamp"_s << QByteArray("{}")
                                   << QByteArray(
                                          R"({"min":"1934-06-30T00:00:00","max":"2006-06-30T00:00:00"})");
    QTest::newRow("hire_date") << u"hireDate"_s << u"date"_s << QByteArray("{}")
                               << QByteArray(R"({"min":"2004-06-30","max":"2024-06-30"})");
    QTest::newRow("last_update") << u"last_update"_s << u"timestamptz"_s << QByteArray("{}")
                                 << QByteArray(
                                        R"({"min":"2021-06-30T00:00:00Z","max":"2024-06-30T00:00:00Z"})");
    QTest::newRow("shipped_at") << u"shipped_at"_s << u"timestamp"_s << QByteArray("{}")
                                << QByteArray(R"({"min":"2023-06-30T00:00:00","max":"2024-06-30T00:00:00"})");
    QTest::newRow("version pattern") << u"app_version"_s << u"pattern"_s << QByteArray("{}")
                                     << QByteArray(R"({"pattern":"[1-9]\\.[0-9]{1,2}\\.[0-9]{1,2}"})");
    QTest::newRow("sku pattern") << u"SKU"_s << u"pattern"_s << QByteArray("{}")
                                 << QByteArray(R"({"pattern":"[A-Z]{3}-[0-9]{5}"})");
    QTest::newRow("own pattern") << u"sku"_s << u"pattern"_s << QByteArray(R"({"pattern":"X"})")
                                 << QByteArray("{}");
    QTest::newRow("unknown name") << u"flux"_s << u"integer"_s << QByteArray("{}") << QByteArray("{}");
    QTest::newRow("text type") << u"quantity"_s << u"string"_s << QByteArray("{}") << QByteArray("{}");
    QTest::newRow("primary key") << u"count"_s << u"integer"_s << QByteArray(R"({"primaryKey":true})")
                                 << QByteArray("{}");
    QTest::newRow("foreign key") << u"age"_s << u"integer"_s << QByteArray(R"({"references":"a.b"})")
                                 << QByteArray("{}");
    QTest::newRow("lone max") << u"quantity"_s << u"integer"_s << QByteArray(R"({"max":10})")
                              << QByteArray(R"({"min":1})");
    QTest::newRow("conflicting max") << u"milliseconds"_s << u"integer"_s << QByteArray(R"({"max":100})")
                                     << QByteArray(R"({"min":0})");
    QTest::newRow("conflicting min") << u"quantity"_s << u"integer"_s << QByteArray(R"({"min":500})")
                                     << QByteArray("{}");
    QTest::newRow("negative max") << u"age"_s << u"integer"_s << QByteArray(R"({"max":-5})")
                                  << QByteArray("{}");
    QTest::newRow("date lone min") << u"birth_date"_s << u"date"_s << QByteArray(R"({"min":"2010-01-01"})")
                                   << QByteArray("{}");
    QTest::newRow("money with own shape")
        << u"cost"_s << u"decimal"_s << QByteArray(R"({"distribution":{"name":"normal"}})")
        << QByteArray(R"({"min":0.5,"max":500})");
}

void TestDefaults::columnDefaults()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QByteArray, constraints);
    QFETCH(QByteArray, expected);
    const QJsonObject got = guesses(name, type, constraints);
    QJsonObject want = QJsonDocument::fromJson(expected).object();
    // The lognormal's mu is ln 15: compare it to a few digits, the rest exactly.
    if (got.value(u"distribution"_s).isObject() && want.value(u"distribution"_s).isObject()) {
        QVERIFY(std::abs(got[u"distribution"_s][u"mu"_s].toDouble() -
                         want[u"distribution"_s][u"mu"_s].toDouble()) < 1e-9);
        QJsonObject a = got, b = want;
        QJsonObject da = a[u"distribution"_s].toObject(), db = b[u"distribution"_s].toObject();
        da.remove(u"mu"_s);
        db.remove(u"mu"_s);
        a[u"distribution"_s] = da;
        b[u"distribution"_s] = db;
        QCOMPARE(QJsonDocument(a).toJson(QJsonDocument::Compact),
                 QJsonDocument(b).toJson(QJsonDocument::Compact));
        return;
    }
    QCOMPARE(QJsonDocument(got).toJson(QJsonDocument::Compact),
             QJsonDocument(want).toJson(QJsonDocument::Compact));
}

void TestDefaults::guessesLeaveExplicitKeysAlone()
{
    const QJsonObject given{{u"min"_s, 5}};
    for (const ColumnDefault &guess :
         ColumnDefaults::guess(u"t"_s, u"age"_s, u"integer"_s, given, QDate(2024, 1, 1)))
        QVERIFY(!given.contains(guess.key));
    // An invalid reference date falls back to the documented constant, never today.
    QCOMPARE(guesses(u"year"_s, u"integer"_s, "{}", QDate()).value(u"max"_s).toInteger(), 2026);
}

void TestDefaults::guessesCarryReasons()
{
    const QList<ColumnDefault> list =
        ColumnDefaults::guess(u"film"_s, u"length"_s, u"smallint"_s, {}, QDate(2024, 1, 1));
    QCOMPARE(list.size(), 2);
    for (const ColumnDefault &guess : list)
        QVERIFY2(guess.reason.contains(u"45"_s) && guess.reason.contains(u"185"_s), qPrintable(guess.reason));
    const QList<ColumnDefault> clipped =
        ColumnDefaults::guess(u"t"_s, u"milliseconds"_s, u"smallint"_s, {}, QDate(2024, 1, 1));
    QVERIFY2(clipped.value(1).reason.contains(u"32767"_s), qPrintable(clipped.value(1).reason));
}

void TestDefaults::validatorAcceptsGuessesBesideExplicitKeys()
{
    Schema schema;
    schema.name = u"v"_s;
    schema.referenceDate = QDate(2024, 6, 30);
    schema.tables = {Table{u"t"_s,
                           {},
                           10,
                           {column(u"quantity"_s, u"integer"_s, R"({"max": 10})"),
                            column(u"milliseconds"_s, u"integer"_s, R"({"max": 100})"),
                            column(u"birth_date"_s, u"date"_s, R"({"max": "1950-01-01"})"),
                            column(u"shipped"_s, u"date"_s, R"({"min": "2029-01-01"})"),
                            column(u"opened"_s, u"timestamp"_s, R"({"max": "1980-01-01T00:00:00"})"),
                            column(u"noon"_s, u"timestamp"_s, R"({"min": "2024-06-30T12:00:00"})")}}};
    for (const Problem &problem : SchemaValidator().validate(schema))
        QVERIFY2(!problem.isError(), qPrintable(problem.path + u": "_s + problem.message));
    QString error;
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    const QList<QStringList> values = tableValues(*plan, u"t"_s);
    for (int row = 0; row < 10; ++row) {
        QVERIFY(values[0][row].toInt() >= 1 && values[0][row].toInt() <= 10);
        QVERIFY(values[1][row].toInt() >= 0 && values[1][row].toInt() <= 100);
    }
    // An explicit max below the default min of an unguessed column is still caught.
    schema.tables[0].columns = {column(u"flux"_s, u"decimal"_s, R"({"max": -1})")};
    bool caught = false;
    for (const Problem &problem : SchemaValidator().validate(schema))
        caught = caught || (problem.isError() && problem.message.contains(u"greater than"_s));
    QVERIFY(caught);
}

void TestDefaults::languageAndVersionNeedNoKeys()
{
    Schema schema;
    schema.name = u"texts"_s;
    schema.tables = {Table{u"t"_s,
                           {},
                           2000,
                           {column(u"language"_s, u"enum"_s), column(u"version"_s, u"pattern"_s),
                            column(u"sku"_s, u"pattern"_s)}}};
    for (const Problem &problem : SchemaValidator().validate(schema))
        QVERIFY2(!problem.isError(), qPrintable(problem.path + u": "_s + problem.message));
    QString error;
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    const QList<QStringList> values = tableValues(*plan, u"t"_s);
    for (int row = 0; row < 2000; ++row) {
        QVERIFY2(QRegularExpression(u"^[a-z]{2}$"_s).match(values[0][row]).hasMatch(),
                 qPrintable(values[0][row]));
        QVERIFY2(QRegularExpression(u"^[1-9]\\.[0-9]{1,2}\\.[0-9]{1,2}$"_s).match(values[1][row]).hasMatch(),
                 qPrintable(values[1][row]));
        QVERIFY2(QRegularExpression(u"^[A-Z]{3}-[0-9]{5}$"_s).match(values[2][row]).hasMatch(),
                 qPrintable(values[2][row]));
    }
    // Without a fitting name the required key is still required.
    schema.tables[0].columns = {column(u"flavour"_s, u"enum"_s)};
    bool caught = false;
    for (const Problem &problem : SchemaValidator().validate(schema))
        caught = caught || (problem.isError() && problem.message.contains(u"values"_s));
    QVERIFY(caught);
}

void TestDefaults::examplesTakeNoGuesses()
{
    // The examples (the shop one is the benchmark workload) set every range they use: no guess or relative
    // default reaches them, so their output is byte for byte what it was before the defaults existed.
    for (const QString &name : {u"shop"_s, u"hr"_s, u"blog"_s}) {
        const Result<Schema> schema = SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/") +
                                                       name + u".fabrica.json"_s);
        QVERIFY2(schema, qPrintable(name));
        for (const Table &table : schema->tables) {
            for (const Column &c : table.columns) {
                const QJsonObject d = ColumnDefaults::defaults(table.name, c.name, c.type, c.constraints,
                                                               schema->effectiveReferenceDate());
                QVERIFY2(d.isEmpty(),
                         qPrintable(table.name + u"."_s + c.name + u": "_s +
                                    QString::fromUtf8(QJsonDocument(d).toJson(QJsonDocument::Compact))));
                const bool integerKey =
                    c.constraints.value(u"primaryKey"_s).toBool() &&
                    (c.type == u"integer"_s || c.type == u"smallint"_s || c.type == u"bigint"_s);
                QVERIFY2(!integerKey, qPrintable(table.name + u"."_s + c.name));
            }
        }
    }
}

void TestDefaults::importWritesTodaysDate()
{
    const QDate before = QDateTime::currentDateTimeUtc().date();
    ImportService::Outcome ddl = ImportService::importBytes(
        "CREATE TABLE film (film_id integer PRIMARY KEY, length smallint);\n", u"films.sql"_s, {});
    QVERIFY2(ddl.ok(), qPrintable(ddl.report.toText()));
    QVERIFY(ddl.schemas[0].referenceDate >= before &&
            ddl.schemas[0].referenceDate <= QDateTime::currentDateTimeUtc().date());

    // A Fabrica schema file keeps its own.
    ImportService::Outcome own = ImportService::importBytes(
        schemaFile(R"("referenceDate": "2023-04-05", )")
            .replace(R"("tables": [])",
                     R"("tables": [{"name": "t", "rows": 1, "columns": [{"name": "a", "type": "date"}]}])"),
        u"s.fabrica.json"_s, {});
    QVERIFY2(own.ok(), qPrintable(own.report.toText()));
    QCOMPARE(own.schemas[0].referenceDate, QDate(2023, 4, 5));
}

void TestDefaults::storageKeepsTheReferenceDate_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::newRow("sqlite") << SqlDialect::SQLite;
    QTest::newRow("postgresql") << SqlDialect::PostgreSQL;
}

void TestDefaults::storageKeepsTheReferenceDate()
{
    QFETCH(SqlDialect, dialect);
    test::StorageDatabases databases(dialect);
    const QString problem = databases.check();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    std::unique_ptr<Repository> storage = databases.freshRepository();
    const Actor system = Actor::systemActor();
    const UserRecord alice = storage->createUser(system, test::newUser(u"alice"_s, Role::Admin)).value();
    Schema schema = rentalSchema(10);
    const qint64 id = storage->saveSchema(system, alice.id, schema).value().id;
    QCOMPARE(storage->loadSchema(system, id)->referenceDate, QDate(2024, 6, 30));
    schema.referenceDate = QDate(2025, 12, 24);
    QVERIFY(storage->updateSchema(system, id, schema));
    QCOMPARE(storage->loadSchema(system, id)->referenceDate, QDate(2025, 12, 24));
    schema.referenceDate = QDate();
    QVERIFY(storage->updateSchema(system, id, schema));
    QVERIFY(!storage->loadSchema(system, id)->referenceDate.isValid());
}

QTEST_GUILESS_MAIN(TestDefaults)
#include "tst_defaults.moc"
