// Declared sizes (issue 13): varchar(n), char(n), numeric(p,s) and integer widths are kept by the import,
// honoured by every generator, and written again by Fabrica's own DDL; the trading corpus round-trips
// into its original PostgreSQL and SQLite DDL.

#include "CliRunner.h"
#include "SchemaBuilding.h"
#include "export/DatabaseSink.h"
#include "export/SqlDdl.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "generate/SizeLimit.h"
#include "import/ImportService.h"
#include "model/ConstraintKeys.h"
#include "storage/Database.h"
#include "storage/DatabaseUrl.h"
#include "types/DeclaredSqlType.h"
#include "types/TypeRegistry.h"
#include "validate/SchemaValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;
const QString kPgUrlVariable = u"FABRICA_TEST_PG_URL"_s;

QString corpus(const QString &file)
{
    return qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
           u"/tests/data/realworld/trading/"_s + file;
}

// Constraints a type needs to be generated at all.
QJsonObject required(const QString &type)
{
    if (type == u"pattern"_s)
        return {{u"pattern"_s, u"[A-Z][a-z]{2,12}( [A-Z][a-z]{2,12}){0,2}"_s}};
    if (type == u"template"_s)
        return {{u"template"_s, u"{first_name} {last_name}"_s}};
    if (type == u"enum"_s)
        return {
            {u"values"_s, QJsonArray{u"new"_s, u"shipped"_s, u"in transit"_s, u"cancelled by customer"_s}}};
    return {};
}

std::shared_ptr<const Plan> compile(const Schema &schema, QString *error = nullptr)
{
    auto plan = Plan::compile(schema, Plan::Options{kSeed, {}});
    if (!plan) {
        if (error)
            *error = plan.error().toString();
        return nullptr;
    }
    return *plan;
}

// Column c of rows [0, rows) in chunks of chunkRows, with the chunks' shortened counts summed.
QList<QByteArray> values(const Plan &plan, int c, int rows, int chunkRows, int *shortened = nullptr)
{
    QList<QByteArray> out;
    TableChunk chunk;
    for (int first = 0; first < rows; first += chunkRows) {
        const int n = std::min(chunkRows, rows - first);
        plan.fillChunk(0, first, n, chunk);
        const ColumnChunk &column = chunk.columns[std::size_t(c)];
        for (int i = 0; i < n; ++i) {
            const std::string_view v = column.value(i);
            out << (column.isNull(i) ? QByteArray() : QByteArray(v.data(), qsizetype(v.size())));
        }
        if (shortened)
            *shortened += column.shortened();
    }
    return out;
}

Schema imported(const QString &file, QString *report)
{
    const ImportService::Outcome outcome = ImportService::importFile(corpus(file));
    *report = outcome.report.toText();
    return outcome.ok() && outcome.schemas.size() == 1 ? outcome.schemas.first() : Schema{};
}

// The declared length of every sized text column of schema: "table.column" → n.
QHash<QString, int> declaredLengths(const Schema &schema)
{
    QHash<QString, int> lengths;
    for (const Table &table : schema.tables) {
        for (const Column &column : table.columns) {
            const auto length =
                DeclaredSqlType::parse(column.constraints.value(keys::sqlType).toString()).maxLength();
            if (length)
                lengths.insert(table.name + u'.' + column.name, *length);
        }
    }
    return lengths;
}

} // namespace

class TestDeclaredSizes : public QObject
{
    Q_OBJECT

private slots:
    void parsesDeclaredTypes();
    void validatorWarnsOfUnknownSqlTypes();
    void shortensAtWordBoundaries();
    void everyTextTypeFits_data();
    void everyTextTypeFits();
    void redrawsBeforeShortening();
    void uniqueStaysUnique();
    void numbersFitTheirWidth();
    void ddlKeepsDeclaredTypes();
    void importKeepsSizes();
    void summaryCountsShortenedValues();
    void commandLinePrintsShortenedValues();
    void roundTripPostgres();
    void roundTripSqlite();
};

void TestDeclaredSizes::parsesDeclaredTypes()
{
    QCOMPARE(DeclaredSqlType::parse(u"varchar(15)"_s).maxLength(), 15);
    QCOMPARE(DeclaredSqlType::parse(u"CHARACTER VARYING (15)"_s).maxLength(), 15);
    QCOMPARE(DeclaredSqlType::parse(u"char(2)"_s).kind(), DeclaredSqlType::Kind::Char);
    QCOMPARE(DeclaredSqlType::parse(u"text"_s).isKnown(), false);
    const DeclaredSqlType decimal = DeclaredSqlType::parse(u"numeric(10, 2)"_s);
    QCOMPARE(decimal.precision(), 10);
    QCOMPARE(decimal.scale(), 2);
    const DeclaredSqlType tiny = DeclaredSqlType::parse(u"tinyint unsigned"_s);
    QCOMPARE(tiny.minimum(), 0);
    QCOMPARE(tiny.maximum(), 255);
    QCOMPARE(DeclaredSqlType::parse(u"smallint"_s).minimum(), -32768);
    QCOMPARE(DeclaredSqlType::fromImport(u"character varying"_s, {15}, false), u"varchar(15)"_s);
    QCOMPARE(DeclaredSqlType::fromImport(u"bpchar"_s, {2}, false), u"char(2)"_s);
    QCOMPARE(DeclaredSqlType::fromImport(u"numeric"_s, {8, 2}, false), u"numeric(8,2)"_s);
    QCOMPARE(DeclaredSqlType::fromImport(u"tinyint"_s, {3}, true), u"tinyint unsigned"_s);
    QCOMPARE(DeclaredSqlType::fromImport(u"integer"_s, {}, false), QString()); // what the types write anyway
    QCOMPARE(DeclaredSqlType::fromImport(u"text"_s, {}, false), QString());
}

void TestDeclaredSizes::validatorWarnsOfUnknownSqlTypes()
{
    auto messages = [](const QByteArray &constraints) {
        QStringList out;
        for (const Problem &problem : SchemaValidator().validate(
                 test::oneTable(u"v"_s, 10, {test::column(u"c"_s, u"city"_s, constraints)})))
            out << (problem.isError() ? u"E: "_s : u"W: "_s) + problem.message;
        return out;
    };
    QCOMPARE(messages(R"j({"sqlType": "varchar(15)", "maxLength": 15})j"), QStringList());
    const QStringList unknown = messages(R"j({"sqlType": "geometry(point)"})j");
    QCOMPARE(unknown.size(), 1);
    QVERIFY2(unknown.first().startsWith(u"W: sqlType \"geometry(point)\" is not a size Fabrica knows"_s),
             qPrintable(unknown.first()));
    QVERIFY(messages(R"j({"maxLength": 0})j").first().startsWith(u"E: "_s)); // at least 1 character
}

void TestDeclaredSizes::shortensAtWordBoundaries()
{
    QCOMPARE(SizeLimit::shorten("San Francisco", 10), std::string_view("San"));
    QCOMPARE(SizeLimit::shorten("Winston-Salem", 10), std::string_view("Winston"));
    QCOMPARE(SizeLimit::shorten("Berlin", 5), std::string_view("Berli")); // no boundary: cut hard
    QCOMPARE(SizeLimit::shorten("Berlin", 6), std::string_view("Berlin"));
    QCOMPARE(SizeLimit::shorten("New York", 4), std::string_view("New"));
    // Lengths are characters: "ç" is two bytes and never split.
    QCOMPARE(SizeLimit::shorten("Curaçao", 5), std::string_view("Curaç"));
    QCOMPARE(SizeLimit::shorten("ççç", 2), std::string_view("çç"));
    QCOMPARE(SizeLimit::characters("Curaçao"), 7);
    SizeLimit::Fit fit;
    fit.maxChars = 5;
    QVERIFY(fit.fits("Curaç"));
    QVERIFY(!fit.fits("Curaça"));
}

void TestDeclaredSizes::everyTextTypeFits_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("maxLength");
    for (const DataType &type : TypeRegistry::instance().types()) {
        // The text family: types whose values are text (numbers, booleans and JSON have no length here).
        const Schema probe =
            test::oneTable(u"probe"_s, 1, {Column{u"value"_s, type.id, required(type.id), {u"x"_s}, {}}});
        const auto plan = type.id == u"foreign_key"_s ? nullptr : compile(probe);
        if (!plan || plan->tables()[0].columns[1].generator->valueClass() != ValueClass::Text)
            continue;
        for (const int length : {5, 10, 15})
            QTest::addRow("%s/%d", qPrintable(type.id), length) << type.id << length;
    }
}

void TestDeclaredSizes::everyTextTypeFits()
{
    QFETCH(QString, type);
    QFETCH(int, maxLength);
    QJsonObject constraints = required(type);
    constraints.insert(keys::sqlType, u"varchar(%1)"_s.arg(maxLength));
    constraints.insert(keys::maxLength, maxLength);
    Column column{u"value"_s, type, constraints, {}, {}};
    if (type == u"sample"_s)
        column.samples = {u"Rio de Janeiro"_s, u"Oslo"_s, u"Frankfurt am Main"_s, u"Kraków"_s};
    const Schema schema = test::oneTable(u"sizes"_s, 3000, {column});
    QString error;
    const auto plan = compile(schema, &error);
    QVERIFY2(plan, qPrintable(error));
    int shortened = 0;
    const QList<QByteArray> all = values(*plan, 1, 3000, 1000, &shortened);
    int longer = 0;
    for (const QByteArray &value : all)
        longer += QString::fromUtf8(value).size() > maxLength ? 1 : 0; // characters, not bytes
    QCOMPARE(longer, 0);
    QVERIFY(shortened <= all.size());
    // The values depend on the rows only, not on how they are split into chunks.
    QCOMPARE(values(*plan, 1, 3000, 777), all);
}

void TestDeclaredSizes::redrawsBeforeShortening()
{
    // Cities of up to 15 characters: most fit at once, the others are drawn again; almost none is cut.
    const Schema cities = test::oneTable(
        u"sizes"_s, 5000,
        {test::column(u"city"_s, u"city"_s, R"j({"sqlType": "varchar(15)", "maxLength": 15})j")});
    const auto plan = compile(cities);
    QVERIFY(plan);
    int shortened = 0;
    const QList<QByteArray> all = values(*plan, 1, 5000, 1000, &shortened);
    QVERIFY2(shortened < 50, qPrintable(QString::number(shortened)));
    QSet<QByteArray> distinct(all.begin(), all.end());
    QVERIFY(distinct.size() > 100);
    // Sentences never fit 5 characters: each value is shortened, and counted.
    const Schema sentences = test::oneTable(
        u"sizes"_s, 500, {test::column(u"note"_s, u"lorem_sentence"_s, R"j({"sqlType": "varchar(5)"})j")});
    const auto cut = compile(sentences);
    QVERIFY(cut);
    shortened = 0;
    for (const QByteArray &value : values(*cut, 1, 500, 200, &shortened)) {
        QVERIFY(value.size() <= 5);
        QVERIFY(!value.endsWith(' '));
    }
    QCOMPARE(shortened, 500);
}

void TestDeclaredSizes::uniqueStaysUnique()
{
    // A unique string under varchar(5): the generator itself writes 5 characters, all different.
    const Schema codes =
        test::oneTable(u"sizes"_s, 4000,
                       {test::column(u"code"_s, u"string"_s,
                                     R"j({"unique": true, "notNull": true, "sqlType": "varchar(5)"})j")});
    const auto plan = compile(codes);
    QVERIFY(plan);
    const QList<QByteArray> all = values(*plan, 1, 4000, 1000);
    QCOMPARE(QSet<QByteArray>(all.begin(), all.end()).size(), 4000);
    for (const QByteArray &value : all)
        QVERIFY(value.size() <= 5);

    // Unique values that do not fit are refused, never cut into duplicates.
    QString error;
    QVERIFY(!compile(
        test::oneTable(u"sizes"_s, 100,
                       {test::column(u"code"_s, u"pattern"_s,
                                     R"j({"unique": true, "pattern": "[A-Z]{8}", "maxLength": 5})j")}),
        &error));
    QVERIFY2(error.contains(u"unique"_s) && error.contains(u"never shortened"_s), qPrintable(error));
    QVERIFY(!compile(test::oneTable(u"sizes"_s, 1500,
                                    {test::column(u"n"_s, u"sequence"_s,
                                                  R"j({"unique": true, "sqlType": "varchar(3)"})j")}),
                     &error));
    QVERIFY2(error.contains(u"1000"_s), qPrintable(error));
    // A sequence beyond smallint's range.
    QVERIFY(!compile(
        test::oneTable(u"sizes"_s, 40000,
                       {test::column(u"n"_s, u"sequence"_s, R"j({"unique": true, "sqlType": "smallint"})j")}),
        &error));
    QVERIFY2(error.contains(u"smallint"_s), qPrintable(error));
    QVERIFY(compile(test::oneTable(
        u"sizes"_s, 30000,
        {test::column(u"n"_s, u"sequence"_s, R"j({"unique": true, "sqlType": "smallint"})j")})));
}

void TestDeclaredSizes::numbersFitTheirWidth()
{
    const Schema schema = test::oneTable(
        u"sizes"_s, 3000,
        {test::column(u"small"_s, u"integer"_s,
                      R"j({"min": -100000, "max": 100000, "sqlType": "smallint"})j"),
         test::column(u"tiny"_s, u"integer"_s, R"j({"sqlType": "tinyint unsigned"})j"),
         test::column(u"price"_s, u"amount"_s, R"j({"min": 0, "max": 1000000, "sqlType": "numeric(5,2)"})j"),
         test::column(u"exact"_s, u"decimal"_s,
                      R"j({"min": -5000, "max": 5000, "sqlType": "numeric(4,1)"})j")});
    const auto plan = compile(schema);
    QVERIFY(plan);
    for (const QByteArray &v : values(*plan, 1, 3000, 1000))
        QVERIFY2(v.toLongLong() >= -32768 && v.toLongLong() <= 32767, v.constData());
    QSet<qint64> tiny;
    for (const QByteArray &v : values(*plan, 2, 3000, 1000)) {
        QVERIFY2(v.toLongLong() >= 0 && v.toLongLong() <= 255, v.constData());
        tiny.insert(v.toLongLong());
    }
    QVERIFY(tiny.size() > 200); // the whole width, not a corner of it
    for (const QByteArray &v : values(*plan, 3, 3000, 1000))
        QVERIFY2(v.toDouble() >= 0 && v.toDouble() <= 999.99, v.constData());
    for (const QByteArray &v : values(*plan, 4, 3000, 1000)) {
        QVERIFY2(std::abs(v.toDouble()) <= 999.9, v.constData());
        QVERIFY2(!v.contains('.') || v.size() - v.indexOf('.') - 1 <= 1, v.constData());
    }
}

void TestDeclaredSizes::ddlKeepsDeclaredTypes()
{
    const Schema schema = test::oneTable(
        u"sizes"_s, 10,
        {test::column(u"city"_s, u"city"_s, R"j({"sqlType": "varchar(15)", "maxLength": 15})j"),
         test::column(u"code"_s, u"country_code"_s, R"j({"sqlType": "char(2)"})j"),
         test::column(u"price"_s, u"amount"_s, R"j({"sqlType": "numeric(10,2)"})j"),
         test::column(u"small"_s, u"integer"_s, R"j({"sqlType": "smallint"})j"),
         test::column(u"tiny"_s, u"integer"_s, R"j({"sqlType": "tinyint unsigned"})j"),
         test::column(u"name"_s, u"first_name"_s, R"j({"maxLength": 14})j"),
         test::column(u"plain"_s, u"city"_s)});
    const auto plan = compile(schema);
    QVERIFY(plan);
    auto types = [&](SqlDialect dialect) {
        const SqlDdl ddl(*plan, dialect);
        QStringList out;
        for (std::size_t c = 1; c < plan->tables()[0].columns.size(); ++c)
            out << ddl.columnType(0, c);
        return out;
    };
    QCOMPARE(types(SqlDialect::PostgreSQL),
             (QStringList{u"varchar(15)"_s, u"char(2)"_s, u"numeric(10,2)"_s, u"smallint"_s, u"smallint"_s,
                          u"varchar(14)"_s, u"varchar(96)"_s}));
    QCOMPARE(types(SqlDialect::MySQL),
             (QStringList{u"varchar(15)"_s, u"char(2)"_s, u"decimal(10,2)"_s, u"smallint"_s,
                          u"tinyint unsigned"_s, u"varchar(14)"_s, u"varchar(96)"_s}));
    QCOMPARE(types(SqlDialect::SQLite), (QStringList{u"varchar(15)"_s, u"char(2)"_s, u"numeric(10,2)"_s,
                                                     u"INTEGER"_s, u"INTEGER"_s, u"TEXT"_s, u"TEXT"_s}));
    const SqlDdl ddl(*plan, SqlDialect::PostgreSQL);
    QVERIFY(QString::fromStdString(ddl.createTable(0, true)).contains(u"\"city\" varchar(15)"_s));
}

void TestDeclaredSizes::importKeepsSizes()
{
    for (const QString &file : {u"postgresql.sql"_s, u"mysql.sql"_s, u"sqlite.sql"_s}) {
        QString report;
        const Schema schema = imported(file, &report);
        QVERIFY2(!schema.tables.isEmpty(), qPrintable(file + u": "_s + report));
        QCOMPARE(schema.tables.size(), 11);
        const Table *customers = schema.table(u"customers"_s);
        QVERIFY(customers);
        const Column *city = customers->column(u"city"_s);
        QCOMPARE(city->type, u"city"_s); // the name's type, with the declared size kept
        QCOMPARE(city->constraints.value(keys::sqlType).toString(), u"varchar(15)"_s);
        QCOMPARE(city->constraints.value(keys::maxLength).toInt(), 15);
        QCOMPARE(customers->column(u"postal_code"_s)->constraints.value(keys::maxLength).toInt(), 10);
        const Column *first = schema.table(u"employees"_s)->column(u"first_name"_s);
        QCOMPARE(first->type, u"first_name"_s);
        QCOMPARE(first->constraints.value(keys::maxLength).toInt(), 10);
        const Column *price = schema.table(u"products"_s)->column(u"unit_price"_s);
        QCOMPARE(price->constraints.value(keys::sqlType).toString(), u"numeric(10,2)"_s);
        const auto plan = compile(schema);
        QVERIFY(plan);
        const SqlDdl ddl(*plan, SqlDialect::PostgreSQL);
        for (int t = 0; t < int(plan->tables().size()); ++t) {
            if (plan->tables()[std::size_t(t)].name == u"customers"_s)
                QVERIFY(QString::fromStdString(ddl.createTable(t, true)).contains(u"\"city\" varchar(15)"_s));
        }
    }
    // Enum values longer than the column are left out, and the report says so.
    const QByteArray ddl =
        "CREATE TABLE t (id integer PRIMARY KEY, status varchar(4) CHECK (status IN ('new', "
        "'old', 'gone away')), qty smallint CHECK (qty < 100000));";
    const ImportService::Outcome outcome = ImportService::importBytes(ddl, u"t.sql"_s, {});
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const Table &t = outcome.schemas.first().tables.first();
    QCOMPARE(t.column(u"status"_s)->constraints.value(keys::values).toArray(),
             (QJsonArray{u"new"_s, u"old"_s}));
    QVERIFY(outcome.report.toText().contains(u"gone away do not fit varchar(4)"_s));
    QVERIFY(t.column(u"qty"_s)->constraints.value(u"max"_s).toDouble() <= 32767);
    // A type that rarely fits its size is reported.
    const ImportService::Outcome tight = ImportService::importBytes(
        "CREATE TABLE people (id integer PRIMARY KEY, city varchar(6) NOT NULL);", u"p.sql"_s, {});
    QVERIFY2(tight.report.toText().contains(u"rarely fits varchar(6)"_s), qPrintable(tight.report.toText()));
}

void TestDeclaredSizes::summaryCountsShortenedValues()
{
    const Schema schema = test::oneTable(
        u"sizes"_s, 700,
        {test::column(u"note"_s, u"lorem_sentence"_s, R"j({"maxLength": 4, "notNull": true})j")});
    const auto plan = compile(schema);
    QVERIFY(plan);
    QTemporaryDir dir;
    const Result<std::shared_ptr<Database>> database =
        Database::open(DatabaseUrl::sqliteFile(dir.filePath(u"summary.db"_s)));
    QVERIFY(database);
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(*database, {});
    QVERIFY(sink);
    GenerationJob::Options options;
    options.chunkRows = 300;
    const Result<GenerationJob::Summary> summary = GenerationJob::run(*plan, **sink, options);
    QVERIFY2(summary, summary ? "" : qPrintable(summary.error().toString()));
    QCOMPARE(summary->shortened.value(u"t.note"_s), 700);
    QCOMPARE(summary->shortened.size(), 1);
}

void TestDeclaredSizes::commandLinePrintsShortenedValues()
{
    if (!QFileInfo(qEnvironmentVariable("FABRICA_BINARY")).isExecutable())
        QFAIL("FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    QTemporaryDir dir;
    const Schema schema = test::oneTable(
        u"sizes"_s, 300,
        {test::column(u"note"_s, u"lorem_sentence"_s, R"j({"maxLength": 4, "notNull": true})j"),
         test::column(u"city"_s, u"city"_s, R"j({"sqlType": "varchar(40)"})j")});
    const QString path = dir.filePath(u"sizes.fabrica.json"_s);
    QVERIFY(SchemaFile::save(schema, path));
    const test::CliRun run = test::runFabrica({u"generate"_s, path, u"-o"_s, dir.filePath(u"out.csv"_s)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(u"t.note: 300 value(s) shortened to fit the column's declared size"_s),
             qPrintable(run.err));
    QVERIFY2(!run.err.contains(u"t.city"_s), qPrintable(run.err)); // nothing to report where all fit
}

void TestDeclaredSizes::roundTripPostgres()
{
    const QString url = qEnvironmentVariable(kPgUrlVariable.toUtf8().constData());
    if (url.isEmpty())
        QFAIL(qPrintable(u"set %1=postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable)));
    QString report;
    const Schema schema = imported(u"postgresql.sql"_s, &report);
    QVERIFY2(!schema.tables.isEmpty(), qPrintable(report));
    const auto plan = compile(schema);
    QVERIFY(plan);

    // A schema of its own made from the ORIGINAL DDL.
    const QString name = u"tst_sizes_%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    const Result<DatabaseUrl> admin = DatabaseUrl::parse(url);
    QVERIFY(admin);
    const Result<std::shared_ptr<Database>> adminDb = Database::open(*admin);
    QVERIFY2(adminDb, adminDb ? "" : qPrintable(adminDb.error().toString()));
    QSqlDatabase db = (*adminDb)->connection().value();
    QSqlQuery query(db);
    auto run = [&query](const QString &sql) {
        if (!query.exec(sql))
            qWarning().noquote() << sql.left(80) << query.lastError().text();
        return query.lastError().text();
    };
    QCOMPARE(run(u"CREATE SCHEMA %1"_s.arg(name)), QString());
    auto dropSchema = qScopeGuard([&] { run(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(name)); });
    QCOMPARE(run(u"SET search_path TO %1"_s.arg(name)), QString());
    QFile file(corpus(u"postgresql.sql"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ddl = QString::fromUtf8(file.readAll()).remove(QRegularExpression(u"--[^\n]*"_s));
    for (const QString &statement : ddl.split(u';', Qt::SkipEmptyParts)) {
        if (!statement.trimmed().isEmpty())
            QCOMPARE(run(statement), QString());
    }
    QCOMPARE(run(u"RESET search_path"_s), QString());

    QUrl target(url);
    QUrlQuery params(target);
    params.addQueryItem(u"schema"_s, name);
    target.setQuery(params);
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(target.toString(QUrl::FullyEncoded));
    QVERIFY(parsed);
    const Result<std::shared_ptr<Database>> database = Database::open(*parsed);
    QVERIFY(database);
    Result<std::unique_ptr<DatabaseSink>> sink = DatabaseSink::create(
        *database, DatabaseSink::Options{DatabaseSink::IfExists::Append, parsed->schema});
    QVERIFY(sink);
    const Result<GenerationJob::Summary> summary = GenerationJob::run(*plan, **sink, {});
    QVERIFY2(summary, summary ? "" : qPrintable(summary.error().toString()));
    for (const TablePlan &table : plan->tables()) {
        QVERIFY(query.exec(u"SELECT count(*) FROM %1.%2"_s.arg(name, table.name)) && query.next());
        QCOMPARE(query.value(0).toLongLong(), table.rows);
        QVERIFY(table.rows > 0);
    }

    // Separately, into Fabrica's own DDL: the declared types stay.
    const QString own = name + u"_own"_s;
    auto dropOwn = qScopeGuard([&] { run(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(own)); });
    const Result<std::shared_ptr<Database>> ownDb = Database::open(*parsed);
    QVERIFY(ownDb);
    Result<std::unique_ptr<DatabaseSink>> ownSink =
        DatabaseSink::create(*ownDb, DatabaseSink::Options{DatabaseSink::IfExists::Fail, own});
    QVERIFY(ownSink);
    const Result<GenerationJob::Summary> ownSummary = GenerationJob::run(*plan, **ownSink, {});
    QVERIFY2(ownSummary, ownSummary ? "" : qPrintable(ownSummary.error().toString()));
    QVERIFY(
        query.exec(u"SELECT data_type, character_maximum_length FROM information_schema.columns WHERE "
                   u"table_schema = '%1' AND table_name = 'customers' AND column_name = 'city'"_s.arg(own)) &&
        query.next());
    QCOMPARE(query.value(0).toString(), u"character varying"_s);
    QCOMPARE(query.value(1).toInt(), 15);
    QVERIFY(
        query.exec(
            u"SELECT numeric_precision, numeric_scale FROM information_schema.columns WHERE "
            u"table_schema = '%1' AND table_name = 'products' AND column_name = 'unit_price'"_s.arg(own)) &&
        query.next());
    QCOMPARE(query.value(0).toInt(), 10);
    QCOMPARE(query.value(1).toInt(), 2);
}

void TestDeclaredSizes::roundTripSqlite()
{
    QString report;
    const Schema schema = imported(u"postgresql.sql"_s, &report);
    QVERIFY2(!schema.tables.isEmpty(), qPrintable(report));
    const auto plan = compile(schema);
    QVERIFY(plan);
    QTemporaryDir dir;
    const DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(u"trading.db"_s));
    {
        const Result<std::shared_ptr<Database>> database = Database::open(url);
        QVERIFY(database);
        QSqlQuery query((*database)->connection().value());
        QFile file(corpus(u"sqlite.sql"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString ddl = QString::fromUtf8(file.readAll()).remove(QRegularExpression(u"--[^\n]*"_s));
        for (const QString &statement : ddl.split(u';', Qt::SkipEmptyParts)) {
            if (!statement.trimmed().isEmpty())
                QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
    }
    const Result<std::shared_ptr<Database>> database = Database::open(url);
    QVERIFY(database);
    Result<std::unique_ptr<DatabaseSink>> sink =
        DatabaseSink::create(*database, DatabaseSink::Options{DatabaseSink::IfExists::Append, {}});
    QVERIFY(sink);
    const Result<GenerationJob::Summary> summary = GenerationJob::run(*plan, **sink, {});
    QVERIFY2(summary, summary ? "" : qPrintable(summary.error().toString()));
    // SQLite ignores declared lengths: check them here.
    QSqlQuery query((*database)->connection().value());
    for (const TablePlan &table : plan->tables()) {
        QVERIFY(query.exec(u"SELECT count(*) FROM %1"_s.arg(table.name)) && query.next());
        QCOMPARE(query.value(0).toLongLong(), table.rows);
    }
    const QHash<QString, int> lengths = declaredLengths(schema);
    QVERIFY(lengths.size() > 40);
    for (auto it = lengths.begin(); it != lengths.end(); ++it) {
        const QString table = it.key().section(u'.', 0, 0);
        const QString column = it.key().section(u'.', 1);
        QVERIFY(query.exec(u"SELECT coalesce(max(length(%1)), 0) FROM %2"_s.arg(column, table)) &&
                query.next());
        QVERIFY2(query.value(0).toInt() <= it.value(),
                 qPrintable(u"%1: %2 > %3"_s.arg(it.key()).arg(query.value(0).toInt()).arg(it.value())));
    }
}

QTEST_GUILESS_MAIN(TestDeclaredSizes)
#include "tst_declared_sizes.moc"
