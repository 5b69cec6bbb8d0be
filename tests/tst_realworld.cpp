// The real-world corpus round-trips. tests/data/realworld/<database>/<dialect>.sql are written in the spirit
// of the sample databases every database tool is shown with (a DVD rental, a music store, an employee
// database, a trading company); each file loads as-is into its own server. For every file: `fabrica import`
// → `fabrica generate` → load, on the real server of that dialect, into tables made from the ORIGINAL DDL
// (--if-exists append) and, separately, into Fabrica's own DDL. Zero errors, every table filled with the
// rows the schema asks for, and the server's own integrity checks pass.
//
// A corpus folder may hold `rows` (lines "table=N": rows of that table, as `fabrica generate --rows`) and
// `append.args` and `<dialect>.append.args` (extra arguments of the append into the original tables, one per
// line, e.g. PostgreSQL's --disable-triggers for an enforced foreign-key cycle).

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

const QString kCorpus = QStringLiteral(FABRICA_TEST_SOURCE_DIR "/tests/data/realworld");
const QStringList kDialects = {u"postgresql"_s, u"mysql"_s, u"sqlite"_s};

struct Outcome
{
    bool ok = false;
    QString out;
    QString error;
};

// Runs a server's own command-line client, as a user loading a dump would.
Outcome runClient(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                  const QProcessEnvironment &extra = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(extra);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {false, {}, program + u" did not start: "_s + process.errorString()};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(300000))
        return {false, {}, program + u" did not finish"_s};
    Outcome outcome;
    outcome.out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    outcome.error = QString::fromUtf8(process.readAllStandardError()).trimmed();
    outcome.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return outcome;
}

// One server of a dialect: makes empty databases, loads SQL files into them, answers queries.
class Server
{
public:
    explicit Server(const QString &dialect, const QString &workDir)
        : m_dialect(dialect)
        , m_workDir(workDir)
    {
        if (dialect == u"postgresql"_s)
            m_base = QUrl(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
        else if (dialect == u"mysql"_s)
            m_base = QUrl(qEnvironmentVariable("FABRICA_TEST_MYSQL_URL"));
    }

    // Why this server cannot be used, or empty.
    QString unavailable() const
    {
        if (m_dialect == u"postgresql"_s && !m_base.isValid())
            return u"FABRICA_TEST_PG_URL is not set (scripts/test.sh starts a PostgreSQL)"_s;
        if (m_dialect == u"mysql"_s && !m_base.isValid())
            return u"FABRICA_TEST_MYSQL_URL is not set (scripts/test.sh starts a MariaDB)"_s;
        return {};
    }

    // An empty database called name (dropped first when it exists).
    Outcome create(const QString &name)
    {
        if (m_dialect == u"sqlite"_s) {
            QFile::remove(sqliteFile(name));
            return {true, {}, {}};
        }
        const QString drop = m_dialect == u"postgresql"_s ? u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s
                                                          : u"DROP DATABASE IF EXISTS `%1`"_s;
        const QString make =
            m_dialect == u"postgresql"_s ? u"CREATE DATABASE \"%1\""_s : u"CREATE DATABASE `%1`"_s;
        Outcome dropped = query({}, drop.arg(name));
        if (!dropped.ok)
            return dropped;
        return query({}, make.arg(name));
    }

    // Runs the SQL file in database name with the server's client; stops at the first error.
    Outcome load(const QString &name, const QString &file)
    {
        if (m_dialect == u"sqlite"_s)
            return runClient(u"sqlite3"_s, {u"-bail"_s, sqliteFile(name), u".read "_s + file});
        QFile sql(file);
        if (!sql.open(QIODevice::ReadOnly))
            return {false, {}, u"cannot read "_s + file};
        if (m_dialect == u"postgresql"_s)
            return runClient(u"psql"_s,
                             {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, url(name).toString()},
                             sql.readAll());
        return runClient(u"mariadb"_s, mariadbArguments(name), sql.readAll());
    }

    // The first column of the first row of a query in database name (empty name: the server's default).
    Outcome query(const QString &name, const QString &sql)
    {
        if (m_dialect == u"sqlite"_s)
            return runClient(u"sqlite3"_s, {u"-bail"_s, sqliteFile(name), sql});
        if (m_dialect == u"postgresql"_s)
            return runClient(u"psql"_s, {u"-X"_s, u"-At"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s,
                                         (name.isEmpty() ? m_base : url(name)).toString(), u"-c"_s, sql});
        QStringList arguments = mariadbArguments(name);
        arguments << u"-N"_s << u"-B"_s << u"-e"_s << sql;
        return runClient(u"mariadb"_s, arguments);
    }

    // What `fabrica generate --to` takes for database name.
    QString target(const QString &name) const
    {
        if (m_dialect == u"sqlite"_s)
            return u"sqlite:"_s + sqliteFile(name);
        return url(name).toString();
    }

    QString quote(const QString &identifier) const
    {
        if (m_dialect == u"mysql"_s)
            return u'`' + QString(identifier).replace(u'`', u"``"_s) + u'`';
        return u'"' + QString(identifier).replace(u'"', u"\"\""_s) + u'"';
    }

    // Checks the server's own integrity rules over what was loaded: SQLite enforces foreign keys only
    // when asked, so it is asked afterwards; PostgreSQL and MariaDB refused violations while loading.
    Outcome integrity(const QString &name)
    {
        if (m_dialect != u"sqlite"_s)
            return {true, {}, {}};
        Outcome keys = query(name, u"PRAGMA foreign_key_check"_s);
        if (keys.ok && !keys.out.isEmpty())
            return {false, keys.out, u"foreign keys violated: "_s + keys.out.left(400)};
        Outcome check = query(name, u"PRAGMA integrity_check"_s);
        if (check.ok && check.out != u"ok"_s)
            return {false, check.out, u"integrity_check: "_s + check.out.left(400)};
        return keys.ok ? check : keys;
    }

private:
    QUrl url(const QString &name) const
    {
        QUrl url = m_base;
        url.setPath(u'/' + name);
        return url;
    }

    QString sqliteFile(const QString &name) const { return m_workDir + u'/' + name + u".sqlite"_s; }

    QStringList mariadbArguments(const QString &name) const
    {
        QStringList arguments{u"--host="_s + m_base.host(), u"--port="_s + QString::number(m_base.port(3306)),
                              u"--user="_s + m_base.userName()};
        if (!m_base.password().isEmpty())
            arguments << u"--password="_s + m_base.password();
        if (!name.isEmpty())
            arguments << u"--database="_s + name;
        return arguments;
    }

    QString m_dialect;
    QString m_workDir;
    QUrl m_base;
};

QStringList corpora()
{
    return QDir(kCorpus).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList lines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList result;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(u'#'))
            result << line.trimmed();
    }
    return result;
}

QString describe(const fabrica::test::CliRun &run)
{
    return u"exit %1\n%2\n%3"_s.arg(run.exitCode).arg(run.out.left(2000), run.err.left(4000));
}

} // namespace

class TestRealWorld : public QObject
{
    Q_OBJECT

private slots:
    void corpusIsComplete();
    void roundTrip_data();
    void roundTrip();
};

void TestRealWorld::corpusIsComplete()
{
    QVERIFY2(corpora().size() >= 4, qPrintable(u"expected the four databases in "_s + kCorpus));
}

void TestRealWorld::roundTrip_data()
{
    QTest::addColumn<QString>("corpus");
    QTest::addColumn<QString>("dialect");
    for (const QString &corpus : corpora()) {
        for (const QString &dialect : kDialects)
            QTest::addRow("%s/%s", qPrintable(corpus), qPrintable(dialect)) << corpus << dialect;
    }
}

void TestRealWorld::roundTrip()
{
    QFETCH(QString, corpus);
    QFETCH(QString, dialect);
    const QString folder = kCorpus + u'/' + corpus;
    const QString original = folder + u'/' + dialect + u".sql"_s;
    QVERIFY2(QFile::exists(original), qPrintable(corpus + u" has no "_s + dialect + u".sql"_s));
    QTemporaryDir work;
    QVERIFY(work.isValid());
    Server server(dialect, work.path());
    QVERIFY2(server.unavailable().isEmpty(), qPrintable(server.unavailable()));

    // Import the dialect's own file.
    const QString schemaFile = work.filePath(u"schema.fabrica.json"_s);
    const auto imported = fabrica::test::runFabrica(
        {u"import"_s, original, u"--out"_s, schemaFile, u"--reference-date"_s, u"2026-01-01"_s});
    QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));

    QStringList generate{u"generate"_s, schemaFile, u"--seed"_s, u"20261207"_s, u"--quiet"_s};
    for (const QString &rows : lines(folder + u"/rows"_s))
        generate << u"--rows"_s << rows;

    // The rows every table must end with.
    QFile file(schemaFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object().value(u"schema"_s).toObject();
    QMap<QString, qint64> expected;
    for (const QJsonValue table : schema.value(u"tables"_s).toArray())
        expected.insert(table[u"name"_s].toString(), table[u"rows"_s].toInteger());
    for (const QString &rows : lines(folder + u"/rows"_s))
        expected.insert(rows.section(u'=', 0, 0), rows.section(u'=', 1).toLongLong());
    QVERIFY2(!expected.isEmpty(), "the import made no tables");

    const QString prefix = u"rw_"_s + corpus + u'_';
    struct Load
    {
        QString database;
        bool fromOriginal;
    };
    for (const Load &load : {Load{prefix + u"original"_s, true}, Load{prefix + u"fabrica"_s, false}}) {
        const Outcome created = server.create(load.database);
        QVERIFY2(created.ok, qPrintable(created.error));
        QStringList arguments = generate;
        arguments << u"--to"_s << server.target(load.database);
        QMap<QString, qint64> before; // rows the original file brings along (its INSERTs)
        if (load.fromOriginal) {
            const Outcome loaded = server.load(load.database, original);
            QVERIFY2(loaded.ok, qPrintable(original + u": "_s + loaded.error));
            for (auto table = expected.cbegin(); table != expected.cend(); ++table) {
                const Outcome count =
                    server.query(load.database, u"SELECT COUNT(*) FROM "_s + server.quote(table.key()));
                QVERIFY2(count.ok, qPrintable(load.database + u": "_s + count.error));
                before.insert(table.key(), count.out.toLongLong());
            }
            arguments << u"--if-exists"_s << u"append"_s << lines(folder + u"/append.args"_s)
                      << lines(folder + u'/' + dialect + u".append.args"_s);
        }
        const auto generated = fabrica::test::runFabrica(arguments);
        QVERIFY2(generated.exitCode == 0,
                 qPrintable(load.database + u": "_s + arguments.join(u' ') + u'\n' + describe(generated)));

        for (auto table = expected.cbegin(); table != expected.cend(); ++table) {
            const Outcome count =
                server.query(load.database, u"SELECT COUNT(*) FROM "_s + server.quote(table.key()));
            QVERIFY2(count.ok, qPrintable(load.database + u": "_s + count.error));
            QVERIFY2(table.value() > 0, qPrintable(table.key() + u" gets no rows"_s));
            QVERIFY2(
                count.out.toLongLong() == before.value(table.key()) + table.value(),
                qPrintable(u"%1.%2: %3 rows, expected %4 + %5"_s.arg(load.database, table.key(), count.out)
                               .arg(before.value(table.key()))
                               .arg(table.value())));
        }
        const Outcome integrity = server.integrity(load.database);
        QVERIFY2(integrity.ok, qPrintable(load.database + u": "_s + integrity.error));
    }
}

QTEST_GUILESS_MAIN(TestRealWorld)
#include "tst_realworld.moc"
