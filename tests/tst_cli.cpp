// The real `fabrica` binary, run as a user would from a shell.
#include "CliRunner.h"

#include <QDir>
#include <QProcess>

#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/resource.h>

namespace {

using CliRun = fabrica::test::CliRun;

CliRun cli(const QStringList &arguments)
{
    return ::fabrica::test::runFabrica(arguments);
}

// Files may grow to 64 KiB: write() then fails the way it does on a full disk, with errno set (EFBIG
// instead of ENOSPC). SIGXFSZ would otherwise kill the process.
CliRun cliWithFileSizeLimit(const QStringList &arguments)
{
    return ::fabrica::test::runFabrica(arguments, {}, {}, [] {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
}

QString examples()
{
    return qEnvironmentVariable("FABRICA_SOURCE_DIR") + QStringLiteral("/examples");
}

const QByteArray kBroken = R"({
  "format": "fabrica-schema",
  "version": 1,
  "schema": {
    "name": "shop",
    "tables": [
      {"name": "orders", "rows": 10, "columns": [
        {"name": "id", "type": "sequence", "constraints": {"primaryKey": true}},
        {"name": "amount", "type": "decimal", "constraints": {"min": 5, "max": 1}},
        {"name": "customer_id", "type": "foreign_key", "constraints": {"references": "customer.id"}},
        {"name": "user", "type": "uuid"}
      ]}
    ]
  }
}
)";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(qEnvironmentVariable("FABRICA_BINARY")).isExecutable(),
                 "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    }

    void version()
    {
        const CliRun run = cli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("fabrica " FABRICA_VERSION "\n"));
    }

    void help()
    {
        const CliRun run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("Usage: fabrica [COMMAND] [OPTIONS]\n")));
        QVERIFY(run.out.contains(
            QStringLiteral("\n  validate    Check schema files and report every problem\n")));
        const CliRun commandHelp = cli({QStringLiteral("validate"), QStringLiteral("--help")});
        QCOMPARE(commandHelp.exitCode, 0);
        QVERIFY(commandHelp.out.contains(QStringLiteral("--strict")));
    }

    void validatesTheExamples()
    {
        const QDir dir(examples());
        QStringList files;
        for (const QString &name : dir.entryList({QStringLiteral("*.fabrica.json")}, QDir::Files, QDir::Name))
            files << dir.filePath(name);
        QVERIFY(files.size() >= 3);
        const CliRun run = cli(QStringList{QStringLiteral("validate")} + files);
        QCOMPARE(run.err, QString());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count(QStringLiteral(": valid (")), files.size());
        QVERIFY(run.out.contains(dir.filePath(QStringLiteral("shop.fabrica.json")) +
                                 QStringLiteral(": valid (2 tables, 16 columns)\n")));
    }

    void reportsEveryProblemWithItsPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.fabrica.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kBroken);
        file.close();
        const CliRun run = cli({QStringLiteral("validate"), path});
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(path + QStringLiteral(":11:9: orders.user: warning: ")),
                 qPrintable(lines.at(0)));
        QCOMPARE(lines.at(1), path + QStringLiteral(":9:63: orders.amount: min (5) is greater than max (1)"));
        QCOMPARE(lines.at(2),
                 path + QStringLiteral(":10:72: orders.customer_id: references table \"customer\", "
                                       "which does not exist"));
    }

    void strictTurnsWarningsIntoFailure()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("warn.fabrica.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "fabrica-schema", "version": 1, "schema": {"name": "s", "tables": [
            {"name": "t", "rows": 1, "columns": [{"name": "order", "type": "uuid"}]}]}})");
        file.close();
        const CliRun relaxed = cli({QStringLiteral("validate"), path});
        QCOMPARE(relaxed.exitCode, 0);
        QVERIFY(relaxed.out.contains(QStringLiteral(": valid (1 tables, 1 columns, 1 warning(s))")));
        const CliRun strict = cli({QStringLiteral("validate"), QStringLiteral("--strict"), path});
        QCOMPARE(strict.exitCode, 1);
    }

    // What only generation knows is reported by validate too, before anything runs.
    void validateReportsWhatGenerationCannotDo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("small.fabrica.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "fabrica-schema", "version": 1, "schema": {"name": "s", "tables": [
 {"name": "t", "rows": 1000, "columns": [
   {"name": "code", "type": "enum", "constraints": {"unique": true, "values": ["a", "b", "c"]}}]}]}})");
        file.close();
        const CliRun run = cli({QStringLiteral("validate"), path});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(
            run.out,
            path + QStringLiteral(":3:4: t.code: the column is unique, but type enum with these constraints "
                                  "has only 3 distinct values for 1000 rows; widen its range or generate "
                                  "fewer rows\n"));
    }

    void malformedJson()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.fabrica.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"fabrica-schema\",\n \"version\": 1,,\n}");
        file.close();
        const CliRun run = cli({QStringLiteral("validate"), path});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out, path + QStringLiteral(":2:15: invalid JSON: unterminated object\n"));
    }

    void formatRewritesCanonically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("messy.fabrica.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"version": 1, "schema": {"tables": [{"columns": [{"type": "uuid", "name": "id"}], "rows": 2,
            "name": "t"}], "name": "s"}, "format": "fabrica-schema"})");
        file.close();
        const CliRun check = cli({QStringLiteral("format"), QStringLiteral("--check"), path});
        QCOMPARE(check.exitCode, 1);
        QCOMPARE(check.out, path + QStringLiteral(": not in the canonical layout\n"));
        const CliRun rewrite = cli({QStringLiteral("format"), path});
        QCOMPARE(rewrite.exitCode, 0);
        QCOMPARE(rewrite.out, path + QStringLiteral(": rewritten\n"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
                 QByteArray("{\n  \"format\": \"fabrica-schema\",\n  \"version\": 1,\n  \"schema\": {\n"
                            "    \"name\": \"s\",\n"
                            "    \"tables\": [{\"name\": \"t\", \"rows\": 2, \"columns\": [{\"name\": "
                            "\"id\", \"type\": \"uuid\"}]}]\n"
                            "  }\n}\n"));
        QCOMPARE(cli({QStringLiteral("format"), QStringLiteral("--check"), path}).exitCode, 0);
    }

    void examplesAreCanonical()
    {
        const QDir dir(examples());
        QStringList arguments{QStringLiteral("format"), QStringLiteral("--check")};
        for (const QString &name : dir.entryList({QStringLiteral("*.fabrica.json")}, QDir::Files))
            arguments << dir.filePath(name);
        const CliRun run = cli(arguments);
        QCOMPARE(run.out, QString());
        QCOMPARE(run.exitCode, 0);
    }

    void typesListsTheRegistry()
    {
        const CliRun run = cli({QStringLiteral("types")});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 60);
        QVERIFY(lines.first().startsWith(QStringLiteral("integer ")));
        QVERIFY(run.out.contains(QRegularExpression(QStringLiteral("\\nemail +person +\\S"))));
    }

    // docs/data-types.md is generated; it must match what the registry says now.
    void dataTypesDocumentIsCurrent()
    {
        const CliRun run = cli({QStringLiteral("types"), QStringLiteral("--markdown")});
        QCOMPARE(run.exitCode, 0);
        QFile file(qEnvironmentVariable("FABRICA_SOURCE_DIR") + QStringLiteral("/docs/data-types.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(QString::fromUtf8(file.readAll()) == run.out,
                 "docs/data-types.md is stale: regenerate it with `fabrica types --markdown > "
                 "docs/data-types.md`");
        QVERIFY(run.out.contains(QStringLiteral("\n### `iban`\n")));
    }

    void generateWritesFilesAndASummary()
    {
        QTemporaryDir dir;
        const QString shop = examples() + QStringLiteral("/shop.fabrica.json");
        const QStringList small{QStringLiteral("--rows"), QStringLiteral("customers=300"),
                                QStringLiteral("--rows"), QStringLiteral("orders=900")};
        const CliRun run = cli(QStringList{QStringLiteral("generate"), shop, QStringLiteral("--out"),
                                           dir.filePath(QStringLiteral("a"))} +
                               small);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(
            QRegularExpression(
                QStringLiteral("^1,200 rows, [0-9.]+ kB in [0-9.]+ s: [0-9,]+ rows/s, [0-9.]+ [kM]B/s\\n$"))
                .match(run.err)
                .hasMatch(),
            qPrintable(run.err));
        QFile customers(dir.filePath(QStringLiteral("a/customers.csv")));
        QVERIFY(customers.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = customers.readAll().split('\n');
        QCOMPARE(
            lines.first(),
            QByteArray("id,first_name,last_name,email,birth_date,signup_ts,country,balance,is_active,uuid"));
        QCOMPARE(lines.size(), 302); // header, 300 rows, and the empty piece after the last newline

        // The same seed gives the same bytes; another seed does not.
        QVERIFY(cli(QStringList{QStringLiteral("generate"), shop, QStringLiteral("--out"),
                                dir.filePath(QStringLiteral("b")), QStringLiteral("--threads"),
                                QStringLiteral("1"), QStringLiteral("--quiet")} +
                    small)
                    .exitCode == 0);
        QVERIFY(cli(QStringList{QStringLiteral("generate"), shop, QStringLiteral("--out"),
                                dir.filePath(QStringLiteral("c")), QStringLiteral("--seed"),
                                QStringLiteral("7"), QStringLiteral("--quiet")} +
                    small)
                    .exitCode == 0);
        auto bytes = [&dir](const QString &path) {
            QFile file(dir.filePath(path));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QCOMPARE(bytes(QStringLiteral("b/orders.csv")), bytes(QStringLiteral("a/orders.csv")));
        QVERIFY(bytes(QStringLiteral("c/orders.csv")) != bytes(QStringLiteral("a/orders.csv")));
    }

    void generateRefusesBadRequests()
    {
        QTemporaryDir dir;
        const QString shop = examples() + QStringLiteral("/shop.fabrica.json");
        const QString out = dir.filePath(QStringLiteral("x"));
        const CliRun format = cli({QStringLiteral("generate"), shop, QStringLiteral("--out"), out,
                                   QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(format.exitCode, 2);
        QCOMPARE(format.err,
                 QStringLiteral(
                     "fabrica generate: unknown format \"xml\" (formats: csv, tsv, json, ndjson, sql)\n"));
        const CliRun rows = cli({QStringLiteral("generate"), shop, QStringLiteral("--out"), out,
                                 QStringLiteral("--rows"), QStringLiteral("nosuch=5")});
        QCOMPARE(rows.exitCode, 1);
        QCOMPARE(rows.err,
                 shop + QStringLiteral(": the schema has no table \"nosuch\" to set the row count of\n"));
        QCOMPARE(cli({QStringLiteral("generate"), shop}).exitCode, 2);
        const QString broken = dir.filePath(QStringLiteral("broken.fabrica.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kBroken);
        file.close();
        const CliRun invalid = cli({QStringLiteral("generate"), broken, QStringLiteral("--out"), out});
        QCOMPARE(invalid.exitCode, 1);
        QVERIFY(
            invalid.out.contains(QStringLiteral(":9:63: orders.amount: min (5) is greater than max (1)\n")));
        QVERIFY(!QFileInfo::exists(out)); // nothing written for a schema with errors
    }

    // The name says what to write: "data.sql" is one SQL file (never a directory), "out/" a directory.
    void generateOutNamesOneFileOrADirectory()
    {
        QTemporaryDir dir;
        const QString shop = examples() + QStringLiteral("/shop.fabrica.json");
        const QStringList small{QStringLiteral("--rows"), QStringLiteral("customers=20"),
                                QStringLiteral("--rows"), QStringLiteral("orders=30"),
                                QStringLiteral("--quiet")};
        auto generate = [&](const QStringList &flags) {
            return cli(QStringList{QStringLiteral("generate"), shop} + flags + small);
        };
        auto bytes = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };

        const QString sql = dir.filePath(QStringLiteral("data.sql"));
        const CliRun one = generate({QStringLiteral("--out"), sql});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(QFileInfo(sql).isFile(), qPrintable(one.err));
        QVERIFY(bytes(sql).contains("CREATE TABLE"));
        QVERIFY(bytes(sql).contains("INSERT INTO"));
        // --format as the extension says changes nothing; --format sql on the same file gives the same bytes.
        const QString sql2 = dir.filePath(QStringLiteral("again.sql"));
        QCOMPARE(generate({QStringLiteral("--out"), sql2, QStringLiteral("--format"), QStringLiteral("sql")})
                     .exitCode,
                 0);
        QCOMPARE(bytes(sql2), bytes(sql));

        const QString json = dir.filePath(QStringLiteral("data.json.gz"));
        QCOMPARE(generate({QStringLiteral("--out"), json}).exitCode, 0);
        const QByteArray packed = bytes(json);
        QVERIFY(packed.startsWith("\x1f\x8b")); // gzip's magic bytes
        // One table into one CSV file.
        const QString csv = dir.filePath(QStringLiteral("customers.csv"));
        QCOMPARE(
            generate({QStringLiteral("--out"), csv, QStringLiteral("--rows"), QStringLiteral("orders=0")})
                .exitCode,
            1); // the shop has three tables: one CSV file cannot hold them
        QVERIFY(!QFileInfo::exists(csv));

        // A path ending in / is a directory, whatever its name looks like.
        const QString folder = dir.filePath(QStringLiteral("set.v2")) + QLatin1Char('/');
        QCOMPARE(generate({QStringLiteral("--out"), folder}).exitCode, 0);
        QVERIFY(QFileInfo(folder + QStringLiteral("orders.csv")).isFile());

        const CliRun clash = generate({QStringLiteral("--out"), dir.filePath(QStringLiteral("x.sql")),
                                       QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(clash.exitCode, 2);
        QVERIFY2(clash.err.contains(QStringLiteral("names a .sql file, but --format is csv")),
                 qPrintable(clash.err));
        const CliRun unnamed = generate({QStringLiteral("--out"), dir.filePath(QStringLiteral("x.txt"))});
        QCOMPARE(unnamed.exitCode, 2);
        QVERIFY2(unnamed.err.contains(QStringLiteral("does not name a format")), qPrintable(unnamed.err));
        const CliRun gzip = generate(
            {QStringLiteral("--out"), dir.filePath(QStringLiteral("x.sql")), QStringLiteral("--gzip")});
        QCOMPARE(gzip.exitCode, 2);
        QVERIFY2(gzip.err.contains(QStringLiteral("should end in .gz")), qPrintable(gzip.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x.sql"))));
    }

    // A failing file system is named: a full disk says "No space left on device", a file size limit
    // "File too large", a file in the way of the directory says so; never "Unknown error".
    void generateNamesTheFileSystemsReason()
    {
        QTemporaryDir dir;
        const QString shop = examples() + QStringLiteral("/shop.fabrica.json");
        const QString out = dir.filePath(QStringLiteral("big.sql"));
        const CliRun limited = cliWithFileSizeLimit(
            {QStringLiteral("generate"), shop, QStringLiteral("--out"), out, QStringLiteral("--quiet")});
        QCOMPARE(limited.exitCode, 1);
        QCOMPARE(limited.err, out + QStringLiteral(": cannot write the file: File too large\n"));
        QVERIFY(!QFileInfo::exists(out)); // QSaveFile: nothing half-written left behind
        const QString folder = dir.filePath(QStringLiteral("tables"));
        const CliRun many = cliWithFileSizeLimit(
            {QStringLiteral("generate"), shop, QStringLiteral("--out"), folder, QStringLiteral("--quiet")});
        QCOMPARE(many.exitCode, 1);
        QVERIFY2(many.err.endsWith(QStringLiteral(": cannot write the file: File too large\n")),
                 qPrintable(many.err));
        QVERIFY(!QFileInfo::exists(folder)); // the directory it made is gone with the files
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

        QFile blocker(dir.filePath(QStringLiteral("taken")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString under = dir.filePath(QStringLiteral("taken/sub"));
        const CliRun blocked = cli(
            {QStringLiteral("generate"), shop, QStringLiteral("--out"), under, QStringLiteral("--quiet")});
        QCOMPARE(blocked.exitCode, 1);
        QCOMPARE(blocked.err, under +
                                  QStringLiteral(": cannot create the directory: a file of that name is in "
                                                 "the way: ") +
                                  blocker.fileName() + QLatin1Char('\n'));
    }

    void usageErrors()
    {
        QCOMPARE(cli({QStringLiteral("validate")}).exitCode, 2);
        const CliRun unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QCOMPARE(
            unknown.err,
            QStringLiteral("fabrica: unknown command \"frobnicate\"; `fabrica --help` lists the commands\n"));
        const CliRun missing = cli({QStringLiteral("validate"), QStringLiteral("/nonexistent.fabrica.json")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.out.startsWith(QStringLiteral("/nonexistent.fabrica.json: cannot open the file: ")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
