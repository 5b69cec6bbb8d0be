// The employee database of tests/data/realworld/employees (in the spirit of MySQL's employees sample):
// imported from its PostgreSQL DDL, its composite keys kept exactly as declared, generated with many
// salaries per employee and appended into tables created from the ORIGINAL DDL on PostgreSQL and SQLite,
// with zero errors, every table filled and every key holding in the server's own eyes.
#include "StorageTestSupport.h"
#include "export/DatabaseSink.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "import/ImportService.h"
#include "model/ConstraintKeys.h"
#include "model/KeyGroups.h"
#include "storage/Database.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QString kTables[] = {u"employees"_s, u"departments"_s, u"dept_manager"_s,
                           u"dept_emp"_s,  u"titles"_s,      u"salaries"_s};

QString corpus(const QString &file)
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/realworld/employees/") + file;
}

// A moderate size with many salaries per employee (10 on average) and titles over a key of three columns.
QHash<QString, qint64> moderateRows()
{
    return {{u"employees"_s, 2000}, {u"departments"_s, 9}, {u"dept_manager"_s, 24},
            {u"dept_emp"_s, 2200},  {u"titles"_s, 3000},   {u"salaries"_s, 20000}};
}

ImportService::Outcome importDdl(const QString &file)
{
    ImportService::Options options;
    options.defaultRows = 100;
    options.referenceDate = QDate(2026, 1, 1);
    return ImportService::importFile(corpus(file), options);
}

// The statements of a DDL file, comments dropped (the corpus has no semicolons inside statements).
QStringList statements(const QString &file)
{
    QFile in(corpus(file));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(in.readAll());
    text.remove(QRegularExpression(u"--[^\n]*"_s));
    QStringList out;
    for (const QString &statement : text.split(u';')) {
        if (!statement.trimmed().isEmpty())
            out << statement.trimmed();
    }
    return out;
}

QString runAll(QSqlDatabase db, const QStringList &sql)
{
    for (const QString &statement : sql) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return statement.left(60) + u": "_s + query.lastError().text();
    }
    return {};
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

// The key constraints of a schema as text: "salaries: primary key (emp_no, from_date)", "… unique (…)".
QStringList keysOf(const Schema &schema)
{
    QStringList keys;
    for (const Table &table : schema.tables) {
        for (const KeyGroup &group : KeyGroups::of(table))
            keys << u"%1: %2 (%3)"_s.arg(table.name, group.isPrimaryKey() ? u"primary key"_s : u"unique"_s,
                                         KeyGroups::columnNames(table, group).join(u", "_s));
        for (const Column &column : table.columns) {
            if (column.constraints.value(keys::unique).toBool())
                keys << u"%1: unique (%2)"_s.arg(table.name, column.name);
        }
    }
    keys.sort();
    return keys;
}

} // namespace

class TestRealworldEmployees : public QObject
{
    Q_OBJECT

private slots:
    void keysKeptAsDeclared_data();
    void keysKeptAsDeclared();
    void appendsIntoOriginalDdl_data();
    void appendsIntoOriginalDdl();
};

void TestRealworldEmployees::keysKeptAsDeclared_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : {u"postgresql.sql"_s, u"mysql.sql"_s, u"sqlite.sql"_s})
        QTest::newRow(qPrintable(file)) << file;
}

void TestRealworldEmployees::keysKeptAsDeclared()
{
    // Every dialect's DDL gives the same keys: composite primary keys over all their columns, the
    // multi-column UNIQUE as a uniqueKey group, and no column of them unique on its own.
    QFETCH(QString, file);
    const ImportService::Outcome outcome = importDdl(file);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    QCOMPARE(outcome.schemas.size(), 1);
    const Schema &schema = outcome.schemas.first();
    QCOMPARE(schema.tables.size(), 6);
    const QStringList expected{
        u"departments: unique (dept_name)"_s,
        u"dept_emp: primary key (emp_no, dept_no)"_s,
        u"dept_manager: primary key (emp_no, dept_no)"_s,
        u"dept_manager: unique (dept_no, from_date)"_s,
        u"salaries: primary key (emp_no, from_date)"_s,
        u"titles: primary key (emp_no, title, from_date)"_s,
    };
    QStringList keys = keysOf(schema);
    keys.removeAll(u"departments: unique (dept_no)"_s); // a key of one column shows as primary key
    QCOMPARE(keys, expected);
    const QString report = outcome.report.toText();
    QVERIFY2(report.contains(u"primary key (emp_no, from_date) kept over its 2 columns: the combinations are "
                             "unique, no column on its own"_s),
             qPrintable(report));
    QVERIFY2(report.contains(u"unique key (dept_no, from_date) kept as \"uniqueKey\""_s), qPrintable(report));
    // The old way made a column unique on its own: never again.
    QVERIFY2(!report.contains(u"so that the primary key"_s), qPrintable(report));
}

void TestRealworldEmployees::appendsIntoOriginalDdl_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

void TestRealworldEmployees::appendsIntoOriginalDdl()
{
    QFETCH(QString, backend);
    const bool postgres = backend == u"postgresql"_s;
    test::StorageDatabases server(postgres ? SqlDialect::PostgreSQL : SqlDialect::SQLite);
    if (const QString problem = server.check(); !problem.isEmpty())
        QFAIL(qPrintable(problem));

    const ImportService::Outcome outcome = importDdl(u"postgresql.sql"_s);
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    const Result<std::shared_ptr<const Plan>> plan =
        Plan::compile(outcome.schemas.first(), Plan::Options{20261207, moderateRows()});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));

    // The target: tables made by the original DDL of the backend's dialect, keys and all.
    Result<std::shared_ptr<Database>> database = Database::open(server.fresh());
    QVERIFY2(database, qPrintable(database ? QString() : database.error().toString()));
    QSqlDatabase db = database.value()->connection().value();
    QCOMPARE(runAll(db, statements(postgres ? u"postgresql.sql"_s : u"sqlite.sql"_s)), QString());
    if (!postgres)
        QVERIFY(QSqlQuery(db).exec(u"PRAGMA foreign_keys = ON"_s));

    Result<std::unique_ptr<DatabaseSink>> sink =
        DatabaseSink::create(database.value(), DatabaseSink::Options{DatabaseSink::IfExists::Append, {}});
    QVERIFY(sink);
    GenerationJob::Options job;
    job.threads = 2;
    const Result<GenerationJob::Summary> loaded = GenerationJob::run(**plan, **sink, job);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    QVERIFY((*sink)->createdTables().isEmpty()); // appended into the original tables, none made anew

    const QHash<QString, qint64> rows = moderateRows();
    for (const QString &table : kTables)
        QCOMPARE(scalar(db, u"SELECT count(*) FROM "_s + table), rows.value(table));
    // The server's own keys accepted every row; the combinations are distinct and the columns are not.
    const QString pairs = postgres
                              ? u"SELECT count(DISTINCT (emp_no, from_date)) FROM salaries"_s
                              : u"SELECT count(*) FROM (SELECT DISTINCT emp_no, from_date FROM salaries)"_s;
    QCOMPARE(scalar(db, pairs), rows.value(u"salaries"_s));
    QCOMPARE(scalar(db, u"SELECT count(DISTINCT emp_no) FROM salaries"_s), rows.value(u"employees"_s));
    QVERIFY(scalar(db, u"SELECT count(DISTINCT from_date) FROM salaries"_s) < rows.value(u"salaries"_s) / 2);
    QVERIFY(scalar(db, u"SELECT count(DISTINCT title) FROM titles"_s) < rows.value(u"titles"_s));
    QCOMPARE(scalar(db, u"SELECT count(*) FROM salaries WHERE to_date <= from_date"_s), 0);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM salaries s LEFT JOIN employees e ON e.emp_no = s.emp_no "
                        "WHERE e.emp_no IS NULL"_s),
             0);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM dept_emp d LEFT JOIN departments p ON p.dept_no = d.dept_no "
                        "WHERE p.dept_no IS NULL"_s),
             0);
    QVERIFY(scalar(db, u"SELECT max(length(first_name)) FROM employees"_s) <= 14);
}

QTEST_GUILESS_MAIN(TestRealworldEmployees)
#include "tst_realworld_employees.moc"
