// Samples drive generation (issue 13): INSERT rows, CSV values and stored samples are profiled alike by
// ColumnProfiler::apply (weighted enums, picks from the samples with an optional blend of new values,
// observed ranges and shapes, keys left alone), and the music store corpus imports, generates within its
// samples and appends into its original tables on PostgreSQL and SQLite.

#include "StorageTestSupport.h"
#include "ZipFixture.h"

#include "export/DatabaseSink.h"
#include "generate/ColumnStatistics.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/ColumnProfiler.h"
#include "import/ImportService.h"
#include "model/ConstraintKeys.h"
#include "model/Schema.h"
#include "storage/Database.h"
#include "validate/SchemaValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QStringList kGenres = {u"Rock"_s,
                             u"Jazz"_s,
                             u"Metal"_s,
                             u"Alternative & Punk"_s,
                             u"Rock And Roll"_s,
                             u"Blues"_s,
                             u"Latin"_s,
                             u"Reggae"_s,
                             u"Pop"_s,
                             u"Soundtrack"_s,
                             u"Bossa Nova"_s,
                             u"Easy Listening"_s,
                             u"Heavy Metal"_s,
                             u"R&B/Soul"_s,
                             u"Electronica/Dance"_s,
                             u"World"_s,
                             u"Hip Hop/Rap"_s,
                             u"Science Fiction"_s,
                             u"TV Shows"_s,
                             u"Sci Fi & Fantasy"_s,
                             u"Drama"_s,
                             u"Comedy"_s,
                             u"Alternative"_s,
                             u"Classical"_s,
                             u"Opera"_s};

QString music(const QString &file)
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/realworld/music/") + file;
}

QList<std::optional<QString>> values(const QStringList &texts)
{
    QList<std::optional<QString>> list;
    for (const QString &text : texts)
        list.append(text == u"NULL"_s ? std::optional<QString>() : std::optional<QString>(text));
    return list;
}

Column column(const QString &name, const QString &type, const QJsonObject &constraints = {})
{
    return Column{name, type, constraints, {}, {}};
}

// The CREATE statements of a corpus file (everything before the first INSERT), one per element.
QStringList ddlOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    text = text.left(text.indexOf(u"INSERT INTO"_s));
    text.remove(QRegularExpression(u"--[^\n]*"_s));
    QStringList statements;
    for (const QString &statement : text.split(u';')) {
        if (!statement.trimmed().isEmpty())
            statements << statement.trimmed();
    }
    return statements;
}

// Generated rows of a one-column schema, read back from SQLite.
QStringList generate(const Column &c, qint64 rows, const QString &dbPath, QString *error = nullptr)
{
    Schema schema;
    schema.name = u"s"_s;
    Table table;
    table.name = u"t"_s;
    table.rows = rows;
    table.columns = {c};
    schema.tables = {table};
    Plan::Options options;
    options.seed = 11;
    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, options);
    if (!plan) {
        if (error)
            *error = plan.error().message;
        return {};
    }
    QFile::remove(dbPath);
    std::shared_ptr<Database> database = Database::open(DatabaseUrl::sqliteFile(dbPath)).value();
    std::unique_ptr<DatabaseSink> sink = DatabaseSink::create(database, DatabaseSink::Options{}).value();
    GenerationJob::Options job;
    job.threads = 2;
    job.chunkRows = 97; // several chunks: the values depend on the row only
    const Result<GenerationJob::Summary> run = GenerationJob::run(**plan, *sink, job);
    if (!run) {
        if (error)
            *error = run.error().toString();
        return {};
    }
    QSqlQuery query(database->connection().value());
    query.exec(u"SELECT "_s + c.name + u" FROM t ORDER BY rowid"_s);
    QStringList out;
    while (query.next())
        out << query.value(0).toString();
    return out;
}

Schema oneColumn(const Column &c)
{
    Schema schema;
    schema.name = u"s"_s;
    Table table;
    table.name = u"t"_s;
    table.rows = 10;
    table.columns = {c};
    schema.tables = {table};
    return schema;
}

bool valid(const Column &c)
{
    return !hasErrors(SchemaValidator().validate(oneColumn(c)));
}

QString scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return u"error: "_s + query.lastError().text();
    return query.value(0).toString();
}

} // namespace

class TestSampleProfile : public QObject
{
    Q_OBJECT

private slots:
    void lowCardinalityTextBecomesWeightedEnum();
    void freeTextIsDrawnFromSamples();
    void numbersTakeTheObservedRange();
    void skewedNumbersGetAShape();
    void declaredRangeAndFamilyWin();
    void keysAreLeftAlone();
    void nullShareFollowsTheSamples();
    void storedSamplesProfileAlike();
    void insertRowsAndCsvProfileAlike();
    void compositeKeyColumnsKeepTheirRange();
    void blendMakesNewValuesInTheirStyle();
    void blendRules();
    void musicStoreDialects_data();
    void musicStoreDialects();
    void musicStoreRoundTrips();
};

void TestSampleProfile::lowCardinalityTextBecomesWeightedEnum()
{
    QStringList seen;
    for (int i = 0; i < 60; ++i)
        seen << u"MPEG audio file"_s;
    for (int i = 0; i < 30; ++i)
        seen << u"AAC audio file"_s;
    for (int i = 0; i < 10; ++i)
        seen << u"Protected video"_s;
    Column c = column(u"name"_s, u"string"_s, {{u"maxLength"_s, 120}, {u"notNull"_s, true}});
    const QStringList lines = ColumnProfiler().apply(c, values(seen));
    QCOMPARE(c.type, u"enum"_s);
    QCOMPARE(c.constraints.value(keys::values).toArray(),
             QJsonArray({u"MPEG audio file"_s, u"AAC audio file"_s, u"Protected video"_s}));
    QCOMPARE(c.constraints.value(keys::weights).toArray(), QJsonArray({60.0, 30.0, 10.0}));
    QVERIFY(c.constraints.value(keys::notNull).toBool());
    QCOMPARE(c.constraints.value(u"maxLength"_s).toInt(), 120); // a common key: the declared size stays
    QCOMPARE(c.samples.size(), 3);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(u"enum of the 3 distinct samples, weighted as observed"_s),
             qPrintable(lines[0]));
    QVERIFY(valid(c));

    // A declared enum keeps its values; the samples weigh them (unseen: 0).
    Column declared =
        column(u"status"_s, u"enum"_s,
               {{keys::values, QJsonArray{u"new"_s, u"paid"_s, u"void"_s}}, {u"notNull"_s, true}});
    ColumnProfiler().apply(declared, values({u"paid"_s, u"paid"_s, u"new"_s, u"paid"_s, u"paid"_s, u"new"_s,
                                             u"paid"_s, u"paid"_s, u"paid"_s, u"paid"_s}));
    QCOMPARE(declared.type, u"enum"_s);
    QCOMPARE(declared.constraints.value(keys::values).toArray().size(), 3);
    QCOMPARE(declared.constraints.value(keys::weights).toArray(), QJsonArray({2.0, 8.0, 0.0}));
}

void TestSampleProfile::freeTextIsDrawnFromSamples()
{
    // The bar: 25 genre names (each once) generate only those names.
    Column c = column(u"name"_s, u"city"_s); // whatever the name suggested, the samples decide
    const QStringList lines = ColumnProfiler().apply(c, values(kGenres));
    QCOMPARE(c.type, u"sample"_s);
    QCOMPARE(c.samples, kGenres);
    QVERIFY(!c.constraints.contains(u"blend"_s));
    QVERIFY2(lines.join(u'\n').contains(u"blend 0"_s), qPrintable(lines.join(u'\n')));
    QTemporaryDir dir;
    QString error;
    const QStringList generated = generate(c, 2000, dir.filePath(u"g.db"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(generated.size(), 2000);
    const QSet<QString> distinct(generated.begin(), generated.end());
    QVERIFY(distinct.size() == 25);
    QVERIFY(QSet<QString>(kGenres.begin(), kGenres.end()).contains(distinct));
}

void TestSampleProfile::numbersTakeTheObservedRange()
{
    QStringList prices;
    for (int i = 0; i < 40; ++i)
        prices << (i % 8 == 0 ? u"1.99"_s : u"0.99"_s);
    Column price = column(u"unit_price"_s, u"decimal"_s,
                          {{u"precision"_s, 10}, {u"scale"_s, 2}, {u"min"_s, 0}, {u"max"_s, 100000}});
    ColumnProfiler().apply(price, values(prices));
    QCOMPARE(price.type, u"decimal"_s);
    QCOMPARE(price.constraints.value(u"min"_s).toDouble(), 0.99);
    QCOMPARE(price.constraints.value(u"max"_s).toDouble(), 1.99);
    QCOMPARE(price.constraints.value(u"scale"_s).toInt(), 2);
    QTemporaryDir dir;
    for (const QString &value : generate(price, 500, dir.filePath(u"p.db"_s))) {
        const double x = value.toDouble();
        QVERIFY2(x >= 0.99 && x <= 1.99, qPrintable(value));
    }

    Column millis = column(u"milliseconds"_s, u"integer"_s, {{u"min"_s, 1}, {u"max"_s, 100000}});
    const QStringList lines =
        ColumnProfiler().apply(millis, values({u"343719"_s, u"1071"_s, u"250000"_s, u"199836"_s}));
    QCOMPARE(millis.constraints.value(u"min"_s).toInt(), 1071);
    QCOMPARE(millis.constraints.value(u"max"_s).toInt(), 343719);
    QCOMPARE(lines, QStringList{u"the samples' range: integers 1071..343719; all distinct"_s});

    Column day = column(u"invoice_date"_s, u"timestamp"_s, {{u"min"_s, u"2020-01-01 00:00:00"_s}});
    ColumnProfiler().apply(day, values({u"2022-01-01 00:00:00"_s, u"2022-12-22 00:00:00"_s}));
    QCOMPARE(day.constraints.value(u"min"_s).toString(), u"2022-01-01T00:00:00"_s);
    QCOMPARE(day.constraints.value(u"max"_s).toString(), u"2022-12-22T00:00:00"_s);
    // Dates and timestamps carry over between each other.
    Column zoned = column(u"paid_at"_s, u"timestamptz"_s);
    ColumnProfiler().apply(zoned, values({u"2022-01-01 10:00:00"_s, u"2022-03-01 12:30:00"_s}));
    QCOMPARE(zoned.constraints.value(u"min"_s).toString(), u"2022-01-01T10:00:00Z"_s);
    QCOMPARE(zoned.constraints.value(u"max"_s).toString(), u"2022-03-01T12:30:00Z"_s);
    Column plain = column(u"paid_at"_s, u"timestamp"_s);
    ColumnProfiler().apply(plain, values({u"2022-01-01 10:00:00+02:00"_s, u"2022-03-01 12:30:00+00:00"_s}));
    QCOMPARE(plain.constraints.value(u"min"_s).toString(), u"2022-01-01T08:00:00"_s);
    Column dated = column(u"born"_s, u"date"_s);
    ColumnProfiler().apply(dated, values({u"1970-05-01 00:00:00"_s, u"1999-12-31 00:00:00"_s}));
    QCOMPARE(dated.constraints.value(u"min"_s).toString(), u"1970-05-01"_s);
    QCOMPARE(dated.constraints.value(u"max"_s).toString(), u"1999-12-31"_s);
    QVERIFY(valid(zoned) && valid(plain) && valid(dated));
    // 1 and 0 in a declared boolean (SQLite, MySQL): the share of true.
    Column flag = column(u"explicit"_s, u"boolean"_s);
    ColumnProfiler().apply(flag, values({u"1"_s, u"0"_s, u"0"_s, u"0"_s}));
    QCOMPARE(flag.type, u"boolean"_s);
    QCOMPARE(flag.constraints.value(u"truePercent"_s).toDouble(), 25.0);
}

void TestSampleProfile::skewedNumbersGetAShape()
{
    QStringList durations;
    for (int i = 0; i < 80; ++i)
        durations << QString::number(180000 + (i * 7919) % 120000);
    for (int i = 0; i < 6; ++i)
        durations << QString::number(2000000 + i * 100000);
    Column c = column(u"milliseconds"_s, u"integer"_s);
    const QStringList lines = ColumnProfiler().apply(c, values(durations));
    const QJsonObject distribution = c.constraints.value(keys::distribution).toObject();
    QCOMPARE(distribution.value(u"name"_s).toString(), u"lognormal"_s);
    QVERIFY(distribution.value(u"sigma"_s).toDouble() > 0);
    QVERIFY2(lines.join(u' ').contains(u"lognormal"_s), qPrintable(lines.join(u' ')));
    QVERIFY(valid(c));
    // Most generated values sit where most samples do, and all within the observed range.
    QTemporaryDir dir;
    const QStringList generated = generate(c, 2000, dir.filePath(u"d.db"_s));
    QCOMPARE(generated.size(), 2000);
    int low = 0;
    for (const QString &value : generated) {
        const qint64 x = value.toLongLong();
        QVERIFY(x >= 180000 && x <= 2500000);
        low += x < 600000 ? 1 : 0;
    }
    QVERIFY2(low > 1600, qPrintable(QString::number(low)));

    // Evenly spread values get no shape.
    QStringList even;
    for (int i = 0; i < 100; ++i)
        even << QString::number(i);
    Column flat = column(u"n"_s, u"integer"_s);
    ColumnProfiler().apply(flat, values(even));
    QVERIFY(!flat.constraints.contains(keys::distribution));
}

void TestSampleProfile::declaredRangeAndFamilyWin()
{
    // A CHECK's range stays (keepRange).
    Column checked = column(u"rating"_s, u"integer"_s, {{u"min"_s, 1}, {u"max"_s, 10}});
    const QStringList lines =
        ColumnProfiler().apply(checked, values({u"3"_s, u"4"_s, u"5"_s}), SampleDeclaration{true, false});
    QCOMPARE(checked.constraints.value(u"min"_s).toInt(), 1);
    QCOMPARE(checked.constraints.value(u"max"_s).toInt(), 10);
    QVERIFY(lines.join(u' ').contains(u"declared range"_s));
    // A declared number column with text samples stays a number.
    Column number = column(u"bytes"_s, u"integer"_s, {{u"min"_s, 0}, {u"max"_s, 9}});
    const QStringList kept = ColumnProfiler().apply(number, values({u"n/a"_s, u"unknown"_s, u"12"_s}));
    QCOMPARE(number.type, u"integer"_s);
    QCOMPARE(number.constraints.value(u"max"_s).toInt(), 9);
    QVERIFY2(kept.join(u' ').contains(u"the declared type integer is kept"_s), qPrintable(kept.join(u' ')));
    // JSON samples describe the members of a declared json column.
    Column document =
        column(u"settings"_s, u"json"_s, {{keys::fields, QJsonObject{{u"id"_s, QJsonObject{}}}}});
    ColumnProfiler().apply(document, values({u"{\"theme\": \"dark\", \"size\": 12}"_s,
                                             u"{\"theme\": \"light\", \"size\": 14}"_s}));
    const QJsonObject fields = document.constraints.value(keys::fields).toObject();
    QCOMPARE(fields.keys(), (QStringList{u"size"_s, u"theme"_s}));
    QVERIFY(valid(document));
}

void TestSampleProfile::keysAreLeftAlone()
{
    const QJsonObject pk{{keys::primaryKey, true}};
    Column id = column(u"genre_id"_s, u"sequence"_s, pk);
    ColumnProfiler().apply(id, values({u"1"_s, u"2"_s, u"3"_s}));
    QCOMPARE(id.type, u"sequence"_s);
    QCOMPARE(id.constraints, pk);
    QCOMPARE(id.samples, (QStringList{u"1"_s, u"2"_s, u"3"_s}));

    const QJsonObject uniqueText{{keys::unique, true}, {u"maxLength"_s, 20}};
    Column code = column(u"code"_s, u"string"_s, uniqueText);
    const QStringList lines = ColumnProfiler().apply(code, values({u"a"_s, u"a"_s, u"b"_s, u"a"_s}));
    QCOMPARE(code.type, u"string"_s); // not an enum of two values: 1000 rows could not be unique
    QCOMPARE(code.constraints, uniqueText);
    QVERIFY(lines.join(u' ').contains(u"key column"_s));

    // A column of a composite key (declared in the DDL, not in its constraints) is a key too.
    Column from = column(u"from_date"_s, u"date"_s, {{u"min"_s, u"1985-01-01"_s}});
    ColumnProfiler().apply(from, values({u"1990-01-01"_s, u"1991-01-01"_s}), SampleDeclaration{false, true});
    QCOMPARE(from.constraints.value(u"min"_s).toString(), u"1985-01-01"_s);
    QVERIFY(!from.constraints.contains(u"max"_s));

    const QJsonObject reference{{keys::references, u"genre.genre_id"_s}};
    Column genre = column(u"genre_id"_s, u"integer"_s, reference);
    ColumnProfiler().apply(genre, values({u"1"_s, u"1"_s, u"2"_s}));
    QCOMPARE(genre.type, u"integer"_s);
    QCOMPARE(genre.constraints, reference);
}

void TestSampleProfile::nullShareFollowsTheSamples()
{
    Column composer = column(u"composer"_s, u"string"_s, {{keys::nullPercent, 10}});
    QStringList seen;
    for (int i = 0; i < 30; ++i)
        seen << (i % 4 == 0 ? u"NULL"_s : u"Composer %1"_s.arg(i));
    const QStringList lines = ColumnProfiler().apply(composer, values(seen));
    QCOMPARE(composer.constraints.value(keys::nullPercent).toDouble(), 26.67);
    QVERIFY(lines.join(u' ').contains(u"NULL in 26.67 %"_s) ||
            lines.join(u' ').contains(u"NULL in 26.7 %"_s));
    Column filled = column(u"name"_s, u"string"_s, {{keys::nullPercent, 10}});
    ColumnProfiler().apply(filled, values(kGenres));
    QVERIFY(!filled.constraints.contains(keys::nullPercent));
    Column required = column(u"name"_s, u"string"_s, {{keys::notNull, true}});
    ColumnProfiler().apply(required, values(seen));
    QVERIFY(!required.constraints.contains(keys::nullPercent));
}

void TestSampleProfile::storedSamplesProfileAlike()
{
    // "Derive from samples": the stored list (repeats count) gives what the same values read give.
    QStringList seen;
    for (int i = 0; i < 50; ++i)
        seen << (i % 5 == 0 ? u"gold"_s : u"standard"_s);
    Column fromRows = column(u"tier"_s, u"string"_s);
    ColumnProfiler().apply(fromRows, values(seen));
    Column stored = column(u"tier"_s, u"string"_s);
    stored.samples = seen;
    ColumnProfiler().apply(stored);
    QCOMPARE(stored.type, fromRows.type);
    QCOMPARE(stored.constraints, fromRows.constraints);
    QCOMPARE(stored.samples, seen); // the stored samples themselves are left as they are
    QCOMPARE(stored.type, u"enum"_s);
}

void TestSampleProfile::insertRowsAndCsvProfileAlike()
{
    // The same values as INSERT rows and as a CSV file give the same column.
    QString rows, csv = u"id,genre,length\n"_s;
    for (int i = 0; i < 40; ++i) {
        const QString genre = i % 3 == 0 ? u"Jazz"_s : u"Rock"_s;
        rows += u"INSERT INTO t (id, genre, length) VALUES (%1, '%2', %3);\n"_s.arg(i + 1).arg(genre).arg(
            100 + i * 3);
        csv += u"%1,%2,%3\n"_s.arg(i + 1).arg(genre).arg(100 + i * 3);
    }
    const QString ddl = u"CREATE TABLE t (id integer PRIMARY KEY, genre varchar(20), length integer);\n"_s;
    ImportService::Options options;
    options.referenceDate = QDate(2026, 1, 1);
    const ImportService::Outcome inserted =
        ImportService::importBytes((ddl + rows).toUtf8(), u"t.sql"_s, options);
    QVERIFY2(inserted.ok(), qPrintable(inserted.report.toText()));
    const QByteArray zip = test::zipOf({{u"s/t.sql"_s, ddl.toUtf8()}, {u"s/t.csv"_s, csv.toUtf8()}});
    const ImportService::Outcome profiled = ImportService::importBytes(zip, u"s.zip"_s, options);
    QVERIFY2(profiled.ok(), qPrintable(profiled.report.toText()));
    const Table &a = inserted.schemas.value(0).tables.value(0);
    const Table &b = profiled.schemas.value(0).tables.value(0);
    QCOMPARE(a.columns.size(), 3);
    for (int c = 0; c < 3; ++c) {
        QCOMPARE(a.columns[c].type, b.columns[c].type);
        QCOMPARE(a.columns[c].constraints, b.columns[c].constraints);
    }
    QCOMPARE(a.columns[1].type, u"enum"_s);
    QCOMPARE(a.columns[1].constraints.value(keys::weights).toArray(), QJsonArray({26.0, 14.0}));
    QCOMPARE(a.columns[2].constraints.value(u"min"_s).toInt(), 100);
    QCOMPARE(a.columns[2].constraints.value(u"max"_s).toInt(), 217);
    QCOMPARE(a.columns[0].type, u"sequence"_s);
    const QString report = inserted.report.toText();
    QVERIFY2(report.contains(u"t.genre: guess: enum of the 2 distinct samples, weighted as observed"_s),
             qPrintable(report));
    QVERIFY2(report.contains(u"t.length: guess: the samples' range: integers 100..217"_s),
             qPrintable(report));
}

void TestSampleProfile::compositeKeyColumnsKeepTheirRange()
{
    // salaries (emp_no, from_date): the dates' samples do not narrow a column of the composite key.
    const QString sql =
        u"CREATE TABLE salaries (emp_no integer NOT NULL, from_date date NOT NULL, salary integer "
        u"NOT NULL, PRIMARY KEY (emp_no, from_date));\n"
        u"INSERT INTO salaries VALUES (1, '1990-01-01', 50000), (1, '1991-01-01', 52000), "
        u"(2, '1990-06-01', 61000);\n"_s;
    ImportService::Options options;
    options.referenceDate = QDate(2026, 1, 1);
    const ImportService::Outcome outcome = ImportService::importBytes(sql.toUtf8(), u"e.sql"_s, options);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const Table &salaries = outcome.schemas.value(0).tables.value(0);
    QVERIFY(salaries.column(u"from_date"_s)->constraints.value(u"max"_s).toString() != u"1991-01-01"_s);
    QCOMPARE(salaries.column(u"salary"_s)->constraints.value(u"min"_s).toInt(), 50000);
    QCOMPARE(salaries.column(u"salary"_s)->constraints.value(u"max"_s).toInt(), 61000);
    QVERIFY(outcome.report.toText().contains(
        u"salaries.from_date: guess: 3 sample value(s) kept as samples only"_s));
}

void TestSampleProfile::blendMakesNewValuesInTheirStyle()
{
    Column c = column(u"name"_s, u"sample"_s, {{u"blend"_s, 0.5}});
    c.samples = {u"Silent River"_s,    u"The Golden Harbor"_s, u"Neon Heart Blues"_s,
                 u"Midnight Garden"_s, u"A Broken Mirror"_s,   u"Iron Signal"_s};
    QSet<QString> words;
    int longest = 0;
    for (const QString &sample : std::as_const(c.samples)) {
        for (const QString &word : sample.split(u' '))
            words.insert(word);
        longest = std::max<int>(longest, sample.size());
    }
    QTemporaryDir dir;
    QString error;
    const QStringList first = generate(c, 1000, dir.filePath(u"a.db"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    int fresh = 0;
    for (const QString &value : first) {
        QVERIFY(!value.isEmpty() && value.size() <= longest);
        for (const QString &word : value.split(u' '))
            QVERIFY2(words.contains(word), qPrintable(value));
        fresh += c.samples.contains(value) ? 0 : 1;
    }
    // About half the rows blend; many blends of so few samples happen to equal one.
    QVERIFY2(fresh > 100 && fresh < 600, qPrintable(QString::number(fresh)));
    // Deterministic per row.
    QCOMPARE(generate(c, 1000, dir.filePath(u"b.db"_s)), first);
    // The statistics ask the samples for the other half only.
    const Result<ColumnStatistics> statistics = ColumnStatistics::sample(oneColumn(c), 0, 0, 11, 2000);
    QVERIFY(statistics && statistics->hasRequested);
    double requested = 0;
    for (const ColumnStatistics::TopValue &top : statistics->topValues)
        requested += top.requested.value_or(0);
    requested += statistics->otherRequested.value_or(0);
    QVERIFY2(std::abs(requested - 0.5) < 1e-9, qPrintable(QString::number(requested)));
    // blend 0 (imports) draws samples only.
    c.constraints.insert(u"blend"_s, 0);
    for (const QString &value : generate(c, 500, dir.filePath(u"c.db"_s)))
        QVERIFY(c.samples.contains(value));
}

void TestSampleProfile::blendRules()
{
    Column c = column(u"name"_s, u"sample"_s, {{u"blend"_s, 1.5}});
    c.samples = {u"a b"_s};
    QVERIFY(!valid(c)); // 0..1
    c.constraints = QJsonObject{{u"blend"_s, 0.3}, {keys::unique, true}};
    c.samples = {u"a b"_s, u"c d"_s, u"e f"_s};
    QTemporaryDir dir;
    QString error;
    generate(c, 3, dir.filePath(u"u.db"_s), &error);
    QVERIFY2(error.contains(u"blend"_s), qPrintable(error));
}

void TestSampleProfile::musicStoreDialects_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : {u"postgresql.sql"_s, u"mysql.sql"_s, u"sqlite.sql"_s})
        QTest::newRow(qPrintable(file)) << file;
}

void TestSampleProfile::musicStoreDialects()
{
    // Each dialect's file gives the same profile of its INSERT rows.
    QFETCH(QString, file);
    ImportService::Options options;
    options.referenceDate = QDate(2026, 1, 1);
    const ImportService::Outcome outcome = ImportService::importFile(music(file), options);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const Schema &schema = outcome.schemas.value(0);
    QCOMPARE(schema.tables.size(), 11);
    const Column *genre = schema.table(u"genre"_s)->column(u"name"_s);
    QCOMPARE(genre->type, u"sample"_s);
    QCOMPARE(genre->samples, kGenres);
    const Table *track = schema.table(u"track"_s);
    const QJsonObject millis = track->column(u"milliseconds"_s)->constraints;
    QCOMPARE(millis.value(u"min"_s).toInt(), 87098);
    QCOMPARE(millis.value(u"max"_s).toInt(), 2719906);
    QCOMPARE(millis.value(keys::distribution).toObject().value(u"name"_s).toString(), u"lognormal"_s);
    const QJsonObject price = track->column(u"unit_price"_s)->constraints;
    QCOMPARE(price.value(u"min"_s).toDouble(), 0.99);
    QCOMPARE(price.value(u"max"_s).toDouble(), 1.99);
    QCOMPARE(track->column(u"track_id"_s)->type, u"sequence"_s);
    QVERIFY(track->column(u"genre_id"_s)->isForeignKey());
    const Column *country = schema.table(u"invoice"_s)->column(u"billing_country"_s);
    QCOMPARE(country->type, u"enum"_s);
    QCOMPARE(country->constraints.value(keys::values).toArray().size(), 11);
}

void TestSampleProfile::musicStoreRoundTrips()
{
    ImportService::Options options;
    options.defaultRows = 1500;
    options.referenceDate = QDate(2026, 1, 1);
    const ImportService::Outcome outcome = ImportService::importFile(music(u"postgresql.sql"_s), options);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QCOMPARE(outcome.schemas.size(), 1);
    const Schema &schema = outcome.schemas[0];
    QCOMPARE(schema.tables.size(), 11);
    const Table *genre = schema.table(u"genre"_s);
    const Table *track = schema.table(u"track"_s);
    QVERIFY(genre && track);
    QCOMPARE(genre->column(u"name"_s)->type, u"sample"_s);
    QCOMPARE(genre->column(u"name"_s)->samples, kGenres);
    QCOMPARE(genre->column(u"genre_id"_s)->type, u"sequence"_s); // a key: 1500 rows, no collisions
    const QString report = outcome.report.toText();
    if (qEnvironmentVariableIsSet("FABRICA_TEST_SHOW_REPORT"))
        qInfo().noquote() << report;
    QVERIFY2(
        report.contains(
            u"track.milliseconds: guess: the samples' range: integers 87098..2719906, skewed to the right"_s),
        qPrintable(report));
    QVERIFY2(report.contains(u"track.unit_price: guess: the samples' range: decimals 0.99..1.99"_s),
             qPrintable(report));
    QVERIFY2(report.contains(u"track.genre_id: guess: 300 sample value(s) kept as samples only"_s),
             qPrintable(report));

    const Result<std::shared_ptr<const Plan>> plan = Plan::compile(schema, Plan::Options{});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    auto check = [&](QSqlDatabase db) {
        QCOMPARE(scalar(db, u"SELECT count(*) FROM track"_s), u"1500"_s);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM playlist_track"_s), u"1500"_s);
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT DISTINCT name FROM genre"_s));
        int distinct = 0;
        while (query.next()) {
            ++distinct;
            QVERIFY2(kGenres.contains(query.value(0).toString()), qPrintable(query.value(0).toString()));
        }
        QCOMPARE(distinct, 25);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM track WHERE unit_price < 0.99 OR unit_price > 1.99"_s),
                 u"0"_s);
        QCOMPARE(
            scalar(db, u"SELECT count(*) FROM track WHERE milliseconds < 87098 OR milliseconds > 2719906"_s),
            u"0"_s);
        QCOMPARE(
            scalar(db,
                   u"SELECT count(*) FROM media_type WHERE name NOT IN ('MPEG audio file', "
                   u"'Protected AAC audio file', 'Protected MPEG-4 video file', 'Purchased AAC audio file', "
                   u"'AAC audio file')"_s),
            u"0"_s);
    };
    auto append = [&](const DatabaseUrl &url, const QString &ddlFile) {
        std::shared_ptr<Database> database = Database::open(url).value();
        QSqlDatabase db = database->connection().value();
        for (const QString &statement : ddlOf(ddlFile)) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + u'\n' + statement));
        }
        Result<std::unique_ptr<DatabaseSink>> sink =
            DatabaseSink::create(database, DatabaseSink::Options{DatabaseSink::IfExists::Append, {}});
        QVERIFY2(sink, qPrintable(sink ? QString() : sink.error().toString()));
        GenerationJob::Options job;
        job.threads = 2;
        const Result<GenerationJob::Summary> loaded = GenerationJob::run(**plan, **sink, job);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->rows, qint64(11 * 1500));
        check(db);
    };

    test::StorageDatabases sqlite(SqlDialect::SQLite);
    QVERIFY(sqlite.check().isEmpty());
    append(sqlite.fresh(), music(u"sqlite.sql"_s));

    test::StorageDatabases server(SqlDialect::PostgreSQL);
    const QString problem = server.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    append(server.fresh(), music(u"postgresql.sql"_s));
}

QTEST_GUILESS_MAIN(TestSampleProfile)
#include "tst_sample_profile.moc"
