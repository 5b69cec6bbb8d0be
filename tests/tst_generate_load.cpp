// The generation engine on whole schemas: a ten-million-row key column in flat memory, the examples
// byte-identical whatever the threads and chunk size, and the examples loaded into a real PostgreSQL
// server, as a SQL script and as CSV files through psql's \copy. Value-level checks are in tst_generate.cpp.
#include "ExpectedConstraints.h"
#include "export/ExportFormat.h"
#include "export/FileSink.h"
#include "format/SchemaFile.h"
#include "generate/GenerationJob.h"
#include "generate/Plan.h"
#include "model/ConstraintKeys.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <charconv>
#include <cstring>
#include <limits>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using RowCounts = QHash<QString, qint64>; // table → rows, overriding the schema

const QString kPgUrlVariable = u"FABRICA_TEST_PG_URL"_s;
constexpr quint64 kSeed = 20261125;

Schema loadExample(const QString &name, QString *error)
{
    const QString path = qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
                         u"/examples/"_s + name + u".fabrica.json"_s;
    Result<Schema> schema = SchemaFile::load(path);
    if (!schema) {
        *error = schema.error().toString();
        return {};
    }
    return schema.value();
}

std::shared_ptr<const Plan> compile(const Schema &schema, const QHash<QString, qint64> &rows, QString *error)
{
    auto plan = Plan::compile(schema, Plan::Options{kSeed, rows});
    if (!plan) {
        *error = plan.error().toString();
        return nullptr;
    }
    return *plan;
}

// Runs plan into a new sink of format; the error as text, or an empty string.
QString exportTo(const Plan &plan, const QString &format, const ExportOptions &options, int threads = 2,
                 int chunkRows = 8192)
{
    std::unique_ptr<Sink> sink = ExportFormat::find(format)->create(options);
    GenerationJob::Options job;
    job.threads = threads;
    job.chunkRows = chunkRows;
    const auto result = GenerationJob::run(plan, *sink, job);
    return result ? QString() : result.error().toString();
}

// File name → SHA-256 of every file in dir.
QMap<QString, QByteArray> digests(const QString &dir)
{
    QMap<QString, QByteArray> hashes;
    for (const QString &name : QDir(dir).entryList(QDir::Files)) {
        QFile file(QDir(dir).filePath(name));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (file.open(QIODevice::ReadOnly) && hash.addData(&file))
            hashes.insert(name, hash.result().toHex());
        else
            hashes.insert(name, "<unreadable>");
    }
    return hashes;
}

// Row counts at most about 5,000 per table, for the examples that have more.
QHash<QString, qint64> smallRows(const QString &example)
{
    if (example == u"shop"_s)
        return {{u"customers"_s, 2000}, {u"orders"_s, 5000}};
    if (example == u"hr"_s)
        return {{u"addresses"_s, 5000}, {u"salaries"_s, 5000}};
    return {{u"posts"_s, 5000}, {u"comments"_s, 5000}, {u"post_tags"_s, 5000}};
}

// Counts the values of a one-column table of decimal integers without keeping them: per chunk (on the
// workers) count, sum, sum of squares, XOR, minimum and maximum, folded together in row order.
class CountingSink : public Sink
{
public:
    struct Totals
    {
        quint64 count = 0, sum = 0, squares = 0, xors = 0; // sums modulo 2^64
        qint64 min = std::numeric_limits<qint64>::max(), max = std::numeric_limits<qint64>::min();
        bool malformed = false;
    };

    Result<void> begin(const Plan &) override { return {}; }
    Result<void> beginTable(int) override { return {}; }
    void encode(const TableChunk &chunk, ByteBuffer &out) const override
    {
        Totals totals;
        const ColumnChunk &column = chunk.columns.front();
        for (int row = 0; row < column.size(); ++row) {
            const std::string_view text = column.value(row);
            qint64 value = 0;
            const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
            totals.malformed =
                totals.malformed || column.isNull(row) || parsed.ptr != text.data() + text.size();
            ++totals.count;
            totals.sum += quint64(value);
            totals.squares += quint64(value) * quint64(value);
            totals.xors ^= quint64(value);
            totals.min = std::min(totals.min, value);
            totals.max = std::max(totals.max, value);
        }
        out.assign(std::string_view(reinterpret_cast<const char *>(&totals), sizeof totals));
    }
    Result<void> write(const TableChunk &, std::string_view encoded) override
    {
        Totals chunk;
        std::memcpy(&chunk, encoded.data(), sizeof chunk);
        m_totals.count += chunk.count;
        m_totals.sum += chunk.sum;
        m_totals.squares += chunk.squares;
        m_totals.xors ^= chunk.xors;
        m_totals.min = std::min(m_totals.min, chunk.min);
        m_totals.max = std::max(m_totals.max, chunk.max);
        m_totals.malformed = m_totals.malformed || chunk.malformed;
        m_bytes += qint64(encoded.size());
        return {};
    }
    Result<void> endTable(int) override { return {}; }
    Result<void> finish() override { return {}; }
    void abort() override { m_aborted = true; }
    qint64 bytesWritten() const override { return m_bytes; }

    const Totals &totals() const { return m_totals; }
    bool aborted() const { return m_aborted; }

private:
    Totals m_totals;
    qint64 m_bytes = 0;
    bool m_aborted = false;
};

// The peak resident set size of this process in kB (VmHWM), or -1 where /proc does not tell.
qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// --- PostgreSQL through psql ---

struct Psql
{
    QString program; // psql's path
    QString url;     // FABRICA_TEST_PG_URL

    // Runs psql with args after the connection; stdout, or an empty string and *error set.
    QString run(const QStringList &args, QString *error) const
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PGOPTIONS"_s, u"-c client_min_messages=warning"_s);
        environment.insert(u"PGCONNECT_TIMEOUT"_s, u"10"_s);
        process.setProcessEnvironment(environment);
        process.start(program, QStringList{url, u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s} + args);
        if (!process.waitForFinished(300000)) {
            process.kill();
            process.waitForFinished();
            *error = u"psql did not finish within 5 minutes"_s;
            return {};
        }
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 ||
            errors.contains(u"ERROR"_s)) {
            *error = u"psql exited with %1: %2"_s.arg(process.exitCode()).arg(errors.left(3000));
            return {};
        }
        error->clear();
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    // psql from PATH or from the PostgreSQL installation; empty when there is none.
    static QString find()
    {
        const QString onPath = QStandardPaths::findExecutable(u"psql"_s);
        if (!onPath.isEmpty())
            return onPath;
        QStringList versions = QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(versions.begin(), versions.end(),
                  [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
        for (const QString &version : versions) {
            const QString path = u"/usr/lib/postgresql/%1/bin/psql"_s.arg(version);
            if (QFileInfo(path).isExecutable())
                return path;
        }
        return {};
    }
};

// A schema of its own for one load, dropped whatever happens.
struct ScratchSchema
{
    const Psql &psql;
    QString name;
    ~ScratchSchema()
    {
        QString error;
        psql.run({u"-c"_s, u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(name)}, &error);
        if (!error.isEmpty())
            qWarning() << "cannot drop schema" << name << error;
    }
};

// The same, as PostgreSQL has it; foreign keys only when validated.
QString constraintsQuery(const QString &schema)
{
    return uR"(SELECT cl.relname || '|' || c.contype::text || '|' ||
                      array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) k
                                            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k
                                            ORDER BY a.attname), ',') || '|' ||
                      coalesce((SELECT p.relname FROM pg_class p WHERE p.oid = c.confrelid), '')
               FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
                    JOIN pg_namespace n ON n.oid = c.connamespace
               WHERE n.nspname = '%1' AND c.contype IN ('p', 'u', 'f') AND c.convalidated
               ORDER BY 1)"_s.arg(schema);
}

QString countsQuery(const Plan &plan, const QString &schema)
{
    QStringList parts;
    for (const TablePlan &table : plan.tables())
        parts << u"SELECT '%1|' || count(*) FROM %2.\"%1\""_s.arg(table.name, schema);
    return parts.join(u" UNION ALL "_s) + u" ORDER BY 1"_s;
}

QStringList expectedCounts(const Plan &plan)
{
    QStringList lines;
    for (const TablePlan &table : plan.tables())
        lines << u"%1|%2"_s.arg(table.name).arg(table.rows);
    lines.sort();
    return lines;
}

QStringList lines(const QString &output)
{
    return output.split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestGenerateLoad : public QObject
{
    Q_OBJECT

private slots:
    void flatMemory(); // first, while the process is small
    void examplesCompile_data();
    void examplesCompile();
    void deterministic_data();
    void deterministic();
    void postgresScript_data();
    void postgresScript();
    void postgresCsv_data();
    void postgresCsv();

private:
    // Skips nothing: fails with a message saying how to get a server when there is none.
    bool postgres(Psql *psql);
};

void TestGenerateLoad::flatMemory()
{
    // A unique integer over exactly 0..n-1 with n rows is a permutation of it, whose count, sum, sum of
    // squares and XOR are known; the sink keeps none of the values.
    constexpr qint64 n = 10000000;
    Schema schema;
    schema.name = u"memory"_s;
    Column key{u"key"_s,
               u"integer"_s,
               QJsonDocument::fromJson(R"({"unique": true, "notNull": true, "min": 0})").object(),
               {},
               {}};
    key.constraints.insert(u"max"_s, n - 1);
    schema.tables = {Table{u"numbers"_s, {}, n, {key}}};
    QString error;
    const auto plan = compile(schema, {}, &error);
    QVERIFY2(plan, qPrintable(error));

    QFile clear(u"/proc/self/clear_refs"_s); // "5" resets the peak RSS to the current one (Linux 4.0+)
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
    clear.close();
    const qint64 before = peakRssKb();

    CountingSink sink;
    GenerationJob::Options options;
    options.threads = 4;
    options.chunkRows = 4096;
    const auto result = GenerationJob::run(*plan, sink, options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QVERIFY(!sink.aborted());
    QCOMPARE(result->rows, n);

    quint64 squares = 0, xors = 0;
    for (quint64 k = 0; k < quint64(n); ++k) {
        squares += k * k;
        xors ^= k;
    }
    const CountingSink::Totals &totals = sink.totals();
    QVERIFY(!totals.malformed);
    QCOMPARE(totals.count, quint64(n));
    QCOMPARE(totals.min, qint64(0));
    QCOMPARE(totals.max, n - 1);
    QCOMPARE(totals.sum, quint64(n) * quint64(n - 1) / 2);
    QCOMPARE(totals.squares, squares);
    QCOMPARE(totals.xors, xors);

#ifdef Q_OS_LINUX
    const qint64 after = peakRssKb();
    QVERIFY(before > 0 && after > 0);
    QVERIFY2(after - before < 50 * 1024,
             qPrintable(u"the peak RSS grew by %1 MB for %2 rows"_s.arg((after - before) / 1024).arg(n)));
#else
    QSKIP("the peak RSS is read from /proc/self/status, which only Linux has");
#endif
}

void TestGenerateLoad::examplesCompile_data()
{
    QTest::addColumn<QString>("example");
    for (const char *example : {"shop", "hr", "blog"})
        QTest::newRow(example) << QString::fromLatin1(example);
}

void TestGenerateLoad::examplesCompile()
{
    // At the row counts the examples ask for (generating them is the benchmark's business).
    QFETCH(QString, example);
    QString error;
    const Schema schema = loadExample(example, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto plan = compile(schema, {}, &error);
    QVERIFY2(plan, qPrintable(error));
    for (const TablePlan &table : plan->tables())
        QCOMPARE(table.rows, schema.table(table.name)->rows);
}

void TestGenerateLoad::deterministic_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<RowCounts>("rows");
    QTest::newRow("shop") << u"shop"_s << RowCounts{{u"customers"_s, 20000}, {u"orders"_s, 60000}};
    QTest::newRow("hr") << u"hr"_s << RowCounts();
    QTest::newRow("blog") << u"blog"_s << RowCounts{{u"comments"_s, 20000}};
}

void TestGenerateLoad::deterministic()
{
    QFETCH(QString, example);
    QFETCH(RowCounts, rows);
    QString error;
    const Schema schema = loadExample(example, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto plan = compile(schema, rows, &error);
    QVERIFY2(plan, qPrintable(error));

    QTemporaryDir dir;
    QMap<QString, QByteArray> reference;
    for (const int threads : {1, 2, 8}) {
        for (const int chunkRows : {1, 1000, 8192, 65536}) {
            ExportOptions options;
            options.path = dir.filePath(u"%1-%2"_s.arg(threads).arg(chunkRows));
            QCOMPARE(exportTo(*plan, u"csv"_s, options, threads, chunkRows), QString());
            const QMap<QString, QByteArray> hashes = digests(options.path);
            QCOMPARE(hashes.size(), qsizetype(plan->tables().size()));
            if (reference.isEmpty())
                reference = hashes;
            else
                QVERIFY2(hashes == reference,
                         qPrintable(u"threads %1, chunks of %2 rows"_s.arg(threads).arg(chunkRows)));
            QDir(options.path).removeRecursively();
        }
    }
}

bool TestGenerateLoad::postgres(Psql *psql)
{
    psql->url = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    if (psql->url.isEmpty()) {
        QTest::qFail(
            qPrintable(u"%1 is not set: run scripts/test.sh, which starts a PostgreSQL server for the tests, "
                       u"or set %1=postgresql://user@host:port/dbname"_s.arg(kPgUrlVariable)),
            __FILE__, __LINE__);
        return false;
    }
    const QUrl url(psql->url, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s) ||
        url.host().isEmpty() || url.path().size() < 2) {
        QTest::qFail(qPrintable(u"%1=%2 is not of the form postgresql://user@host:port/dbname"_s.arg(
                         kPgUrlVariable, psql->url)),
                     __FILE__, __LINE__);
        return false;
    }
    psql->program = Psql::find();
    if (psql->program.isEmpty()) {
        QTest::qFail("psql is neither on PATH nor under /usr/lib/postgresql/*/bin", __FILE__, __LINE__);
        return false;
    }
    return true;
}

void TestGenerateLoad::postgresScript_data()
{
    examplesCompile_data();
}

void TestGenerateLoad::postgresScript()
{
    QFETCH(QString, example);
    Psql psql;
    if (!postgres(&psql))
        return;
    QString error;
    const Schema schema = loadExample(example, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto plan = compile(schema, smallRows(example), &error);
    QVERIFY2(plan, qPrintable(error));
    QTemporaryDir dir;
    ExportOptions options;
    options.path = dir.filePath(example + u".sql"_s);
    options.singleFile = true;
    options.dialect = SqlDialect::PostgreSQL;
    options.createTables = true;
    QCOMPARE(exportTo(*plan, u"sql"_s, options), QString());

    const ScratchSchema scratch{
        psql, u"tst_generate_%1_%2"_s.arg(example, QUuid::createUuid().toString(QUuid::Id128).left(12))};
    psql.run({u"-c"_s, u"CREATE SCHEMA "_s + scratch.name, u"-c"_s, u"SET search_path TO "_s + scratch.name,
              u"-f"_s, options.path},
             &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString counts = psql.run({u"-A"_s, u"-t"_s, u"-c"_s, countsQuery(*plan, scratch.name)}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(lines(counts), expectedCounts(*plan));
    const QString constraints = psql.run({u"-A"_s, u"-t"_s, u"-c"_s, constraintsQuery(scratch.name)}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(lines(constraints), test::expectedConstraints(*plan));
}

void TestGenerateLoad::postgresCsv_data()
{
    examplesCompile_data();
}

void TestGenerateLoad::postgresCsv()
{
    // The tables from a script of the same plan without rows, the rows from CSV through psql's \copy in
    // the plan's order, then the foreign keys the script would add at its end.
    QFETCH(QString, example);
    Psql psql;
    if (!postgres(&psql))
        return;
    QString error;
    const Schema schema = loadExample(example, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto plan = compile(schema, smallRows(example), &error);
    QVERIFY2(plan, qPrintable(error));
    QHash<QString, qint64> noRows;
    for (const Table &table : schema.tables)
        noRows.insert(table.name, 0);
    const auto empty = compile(schema, noRows, &error);
    QVERIFY2(empty, qPrintable(error));

    QTemporaryDir dir;
    ExportOptions sql;
    sql.path = dir.filePath(u"ddl.sql"_s);
    sql.singleFile = true;
    sql.dialect = SqlDialect::PostgreSQL;
    QCOMPARE(exportTo(*empty, u"sql"_s, sql), QString());
    QFile script(sql.path);
    QVERIFY(script.open(QIODevice::ReadOnly));
    QByteArray tables, foreignKeys;
    for (const QByteArray &line : script.readAll().split('\n'))
        (line.startsWith("ALTER TABLE ") ? foreignKeys : tables) += line + '\n';
    QVERIFY(foreignKeys.contains("FOREIGN KEY"));
    for (const auto &[name, bytes] :
         {std::pair{u"tables.sql"_s, &tables}, std::pair{u"foreign_keys.sql"_s, &foreignKeys}}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(*bytes) == bytes->size());
    }

    ExportOptions csv;
    csv.path = dir.filePath(u"csv"_s);
    QCOMPARE(exportTo(*plan, u"csv"_s, csv), QString());

    const ScratchSchema scratch{
        psql, u"tst_generate_csv_%1_%2"_s.arg(example, QUuid::createUuid().toString(QUuid::Id128).left(12))};
    QStringList args{u"-c"_s, u"CREATE SCHEMA "_s + scratch.name,
                     u"-c"_s, u"SET search_path TO "_s + scratch.name,
                     u"-f"_s, dir.filePath(u"tables.sql"_s)};
    for (const TablePlan &table : plan->tables())
        args << u"-c"_s
             << u"\\copy %1.\"%2\" FROM '%3' WITH (FORMAT csv, HEADER true)"_s.arg(
                    scratch.name, table.name,
                    QDir(csv.path).filePath(FileSink::fileNameOf(table.name) + u".csv"_s));
    args << u"-f"_s << dir.filePath(u"foreign_keys.sql"_s);
    psql.run(args, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString counts = psql.run({u"-A"_s, u"-t"_s, u"-c"_s, countsQuery(*plan, scratch.name)}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(lines(counts), expectedCounts(*plan));
    const QString constraints = psql.run({u"-A"_s, u"-t"_s, u"-c"_s, constraintsQuery(scratch.name)}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(lines(constraints), test::expectedConstraints(*plan));
}

QTEST_GUILESS_MAIN(TestGenerateLoad)
#include "tst_generate_load.moc"
