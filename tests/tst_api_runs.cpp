// Generation runs over the REST API, on SQLite and on the real PostgreSQL server, over real HTTP: runs queued
// on the JobService and polled to their end, the streamed export compared byte for byte with what
// GenerationRunner and `fabrica generate` write (one file, gzip, a ZIP of one entry per table), cancel and
// delete, the error statuses, ownership, database passwords never coming back out, a slow reader that does
// not make the server buffer the data (measured in buffered bytes), a client leaving mid-download, two
// servers with their own JobService on one database running every job once, and `fabrica serve` stopping
// its jobs on SIGTERM.

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"

#include "api/ApiServer.h"
#include "api/Crc32.h"
#include "api/ResponseBody.h"
#include "api/ResponseZipWriter.h"
#include "api/StreamedResponse.h"
#include "auth/AuthService.h"
#include "format/SchemaFile.h"
#include "jobs/GenerationRunner.h"
#include "jobs/JobService.h"

#include <quazip.h>
#include <quazipfile.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtEndian>

#include <zlib.h>

#include <memory>
#include <random>
#include <thread>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";
const QString kSecret = u"Sup3r-Secret-Pw"_s;

using Response = test::HttpResponse;

QStringList g_log;
QtMessageHandler g_previous = nullptr;
QMutex g_logMutex;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previous)
        g_previous(type, context, message);
}

struct ZipEntry
{
    QByteArray data;
    int method = -1;
};

// The entries of a ZIP archive, in order; empty when it is not a valid archive.
QList<std::pair<QString, ZipEntry>> unzip(const QByteArray &archive)
{
    QBuffer buffer;
    buffer.setData(archive);
    QuaZip zip(&buffer);
    QList<std::pair<QString, ZipEntry>> entries;
    if (!zip.open(QuaZip::mdUnzip))
        return {};
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        ZipEntry entry;
        if (!file.open(QIODevice::ReadOnly, &entry.method, nullptr, false))
            return {};
        entry.data = file.readAll();
        file.close();
        if (file.getZipError() != 0) // a CRC that does not match
            return {};
        entries.append({zip.getCurrentFileName(), entry});
    }
    return entries;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The body of a raw HTTP/1.1 response with Transfer-Encoding: chunked; nullopt when the chunks do not add
// up or the closing chunk is missing.
std::optional<QByteArray> dechunk(const QByteArray &raw, QByteArray *head = nullptr)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    if (head)
        *head = raw.left(end);
    QByteArray body;
    qsizetype at = end + 4;
    while (true) {
        const qsizetype line = raw.indexOf("\r\n", at);
        if (line < 0)
            return std::nullopt;
        bool ok = false;
        const qsizetype size = raw.mid(at, line - at).toLongLong(&ok, 16);
        if (!ok || line + 2 + size + 2 > raw.size())
            return std::nullopt;
        if (size == 0)
            return raw.mid(line + 2) == "\r\n" ? std::optional<QByteArray>(body) : std::nullopt;
        body += raw.mid(line + 2, size);
        at = line + 2 + size + 2;
    }
}

} // namespace

class TestApiRuns : public QObject
{
    Q_OBJECT

public:
    explicit TestApiRuns(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(u"TestApiRuns(%1)"_s.arg(sqlDialectId(dialect)));
    }

private slots:
    void initTestCase();
    void cleanupTestCase();

    void storedRunFinishes();
    void storedExportEqualsRunnerFiles();
    void filesExportEqualsGenerate();
    void severalTablesMakeAZip();
    void gzipEqualsGenerate();
    void cancelQueuedAndRunning();
    void deleteFinishedRun();
    void listFiltersAndPages();
    void errors();
    void ownership();
    void databaseTargetAndPasswords();
    void slowReaderBuffersLittle();
    void clientLeavingStopsExport();
    void crcEqualsZlib();
    void zip64PastFourGiB();
    void twoServersRunEveryJobOnce();
    void serveStopsJobsOnSigterm();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {}, bool sendBody = false)
    {
        return m_client.call(method, path, token, body, sendBody);
    }
    Response post(const QByteArray &token, qint64 schemaId, const QJsonObject &body)
    {
        return call("POST", u"/schemas/%1/runs"_s.arg(schemaId), token, body, true);
    }
    // A download: not JSON, so without the JSON shape checks.
    Response download(const QByteArray &token, const QString &path)
    {
        return m_client.send("GET", path, token, {}, {}, {}, false);
    }
    QString statusOf(const QByteArray &token, qint64 runId)
    {
        return call("GET", u"/runs/%1"_s.arg(runId), token).json.value(u"status"_s).toString();
    }
    // Posts a run and waits for its end; the run's JSON.
    QJsonObject runToEnd(const QByteArray &token, qint64 schemaId, const QJsonObject &body,
                         const QString &status = u"finished"_s);
    // What `fabrica generate` writes for schema and arguments into a new folder; the folder.
    QString generate(const Schema &schema, const QStringList &arguments);
    QByteArray rawGet(QTcpSocket &socket, const QString &path, const QByteArray &token);
    static QJsonObject rows(qint64 customers, std::optional<qint64> orders = std::nullopt)
    {
        QJsonObject counts{{u"customers"_s, customers}};
        if (orders)
            counts.insert(u"orders"_s, *orders);
        return counts;
    }

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    UserRecord m_admin, m_alice, m_bob;
    QByteArray m_adminToken, m_aliceToken, m_bobToken;
    SchemaRecord m_shop;   // alice's, two tables
    SchemaRecord m_people; // alice's, one table
    SchemaRecord m_blog;   // bob's
    Schema m_shopSchema, m_peopleSchema;
    int m_generated = 0;
};

void TestApiRuns::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    QVERIFY(m_dir.isValid());
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    m_admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword).value();
    m_alice =
        m_auth->createUser(Actor::of(m_admin), u"alice"_s, u"alice@example.com"_s, kPassword, Role::User)
            .value();
    m_bob =
        m_auth->createUser(Actor::of(m_admin), u"bob"_s, u"bob@example.com"_s, kPassword, Role::User).value();

    m_shopSchema = test::shopExample();
    m_shop = m_repository->saveSchema(Actor::of(m_alice), m_alice.id, m_shopSchema).value();
    m_peopleSchema = test::shopExample();
    m_peopleSchema.name = u"people"_s;
    m_peopleSchema.tables.removeAt(m_peopleSchema.tableIndex(u"orders"_s));
    m_people = m_repository->saveSchema(Actor::of(m_alice), m_alice.id, m_peopleSchema).value();
    m_blog = m_repository->saveSchema(Actor::of(m_bob), m_bob.id, test::example(u"blog"_s)).value();

    m_jobs = std::make_unique<JobService>(*m_repository, u"test-instance"_s);
    JobService::Options fast;
    fast.pollMs = 20;
    fast.heartbeatMs = 50;
    fast.progressMs = 0;
    m_jobs->setOptions(fast);
    m_jobs->start(2);
    ApiServer::Options options;
    options.jobs = m_jobs.get();
    // Short, so a download that outlasts it shows the guard leaves downloads alone while the client reads.
    options.limits.idleTimeout = 1000ms;
    m_server = std::make_unique<ApiServer>(*m_repository, *m_auth, options);
    const Result<quint16> port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY2(port, qPrintable(port ? QString() : port.error().toString()));
    m_client.setPort(*port);
    m_adminToken = m_client.signIn(u"ada"_s, kPassword);
    m_aliceToken = m_client.signIn(u"alice"_s, kPassword);
    m_bobToken = m_client.signIn(u"bob"_s, kPassword);
    QVERIFY(!m_adminToken.isEmpty() && !m_aliceToken.isEmpty() && !m_bobToken.isEmpty());
}

void TestApiRuns::cleanupTestCase()
{
    m_server.reset();
    m_jobs.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

QJsonObject TestApiRuns::runToEnd(const QByteArray &token, qint64 schemaId, const QJsonObject &body,
                                  const QString &status)
{
    const Response posted = post(token, schemaId, body);
    if (posted.status != 202) {
        qWarning() << "POST answered" << posted.status << posted.body;
        return {};
    }
    const qint64 id = posted.json.value(u"id"_s).toInteger();
    if (!QTest::qWaitFor([&] { return statusOf(token, id) == status; }, 60000))
        qWarning() << "run" << id << "did not end" << status << "but" << statusOf(token, id);
    return call("GET", u"/runs/%1"_s.arg(id), token).json;
}

QString TestApiRuns::generate(const Schema &schema, const QStringList &arguments)
{
    const QString binary = qEnvironmentVariable("FABRICA_BINARY");
    if (!QFileInfo(binary).isExecutable())
        qFatal("FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    const QString folder = m_dir.filePath(u"generated-%1"_s.arg(++m_generated));
    const QString file = m_dir.filePath(u"schema-%1.fabrica.json"_s.arg(m_generated));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(SchemaFile::serialize(schema)) < 0)
        qFatal("cannot write %s", qPrintable(file));
    out.close();
    QProcess process;
    process.start(binary, QStringList{u"generate"_s, file, u"-o"_s, folder, u"-q"_s} + arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0)
        qFatal("fabrica generate failed: %s", process.readAllStandardError().constData());
    return folder;
}

QByteArray TestApiRuns::rawGet(QTcpSocket &socket, const QString &path, const QByteArray &token)
{
    socket.connectToHost(QHostAddress::LocalHost, m_client.port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET /api/v1" + path.toLatin1() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                 "\r\n\r\n");
    return socket.waitForBytesWritten(5000) ? QByteArray("sent") : QByteArray();
}

void TestApiRuns::storedRunFinishes()
{
    const Response posted = post(m_aliceToken, m_shop.id,
                                 QJsonObject{{u"seed"_s, 11},
                                             {u"rows"_s, rows(40, 120)},
                                             {u"target"_s, QJsonObject{{u"kind"_s, u"stored"_s}}}});
    QCOMPARE(posted.status, 202);
    const qint64 id = posted.json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(posted.headers.value("location"), "/api/v1/runs/" + QByteArray::number(id));
    QCOMPARE(posted.json.value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(posted.json.value(u"seed"_s).toString(), u"11"_s);
    QCOMPARE(posted.json.value(u"schemaId"_s).toInteger(), m_shop.id);
    QCOMPARE(posted.json.value(u"ownerId"_s).toInteger(), m_alice.id);
    QCOMPARE(posted.json.value(u"target"_s).toObject(), (QJsonObject{{u"kind"_s, u"stored"_s}}));

    QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_aliceToken, id), u"finished"_s, 30000);
    const QJsonObject run = call("GET", u"/runs/%1"_s.arg(id), m_aliceToken).json;
    QCOMPARE(run.value(u"rowCounts"_s).toObject(), rows(40, 120));
    QCOMPARE(run.value(u"rowsDone"_s).toInteger(), 160);
    QCOMPARE(run.value(u"rowsTotal"_s).toInteger(), 160);
    QCOMPARE(run.value(u"claimedBy"_s).toString(), u"test-instance"_s);
    QVERIFY(run.value(u"error"_s).isNull());
    QVERIFY(run.value(u"bytes"_s).toInteger() > 0);
    QVERIFY(QDateTime::fromString(run.value(u"finished"_s).toString(), Qt::ISODateWithMs).isValid());
    // The rows are in storage.
    QCOMPARE(m_repository->storedRows(Actor::of(m_alice), id, u"orders"_s, 0, 500).value().rows.size(), 120);
}

void TestApiRuns::storedExportEqualsRunnerFiles()
{
    const QJsonObject shopRun =
        runToEnd(m_aliceToken, m_shop.id, QJsonObject{{u"seed"_s, 5}, {u"rows"_s, rows(300, 900)}});
    const QJsonObject peopleRun =
        runToEnd(m_aliceToken, m_people.id, QJsonObject{{u"seed"_s, 5}, {u"rowsPerTable"_s, 700}});
    QVERIFY(!shopRun.isEmpty() && !peopleRun.isEmpty());

    // What GenerationRunner writes for the same request.
    auto runnerFiles = [this](const Schema &schema, const QHash<QString, qint64> &counts,
                              const QString &format, SqlDialect dialect) {
        GenerationRequest request;
        request.schema = schema;
        request.seed = 5;
        request.rows = counts;
        request.formatId = format;
        request.exportOptions.dialect = dialect;
        request.exportOptions.path = m_dir.filePath(u"runner-%1"_s.arg(++m_generated));
        const Result<GenerationRunner::Outcome> written = GenerationRunner::run(request, {}, {});
        if (!written)
            qFatal("the runner failed: %s", qPrintable(written.error().toString()));
        return request.exportOptions.path;
    };
    const QString shopCsv = runnerFiles(m_shopSchema, {{u"customers"_s, 300}, {u"orders"_s, 900}}, u"csv"_s,
                                        SqlDialect::PostgreSQL);
    const qint64 shopId = shopRun.value(u"id"_s).toInteger();
    const Response zip = download(m_aliceToken, u"/runs/%1/export?format=csv"_s.arg(shopId));
    QCOMPARE(zip.status, 200);
    QCOMPARE(zip.headers.value("content-type"), "application/zip");
    QCOMPARE(zip.headers.value("content-disposition"),
             "attachment; filename=\"shop-run-" + QByteArray::number(shopId) +
                 ".zip\"; filename*=UTF-8''shop-run-" + QByteArray::number(shopId) + ".zip");
    QCOMPARE(zip.headers.value("cache-control"), "no-store");
    QCOMPARE(zip.headers.value("x-content-type-options"), "nosniff");
    const auto entries = unzip(zip.body);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].first, u"customers.csv"_s);
    QCOMPARE(entries[1].first, u"orders.csv"_s);
    QCOMPARE(entries[0].second.data, readFile(shopCsv + u"/customers.csv"_s));
    QCOMPARE(entries[1].second.data, readFile(shopCsv + u"/orders.csv"_s));
    QVERIFY(entries[1].second.data.count('\n') == 901);

    // One table: the file itself.
    const QString peopleCsv =
        runnerFiles(m_peopleSchema, {{u"customers"_s, 700}}, u"csv"_s, SqlDialect::PostgreSQL);
    const Response csv =
        download(m_aliceToken, u"/runs/%1/export"_s.arg(peopleRun.value(u"id"_s).toInteger()));
    QCOMPARE(csv.status, 200);
    QCOMPARE(csv.headers.value("content-type"), "text/csv; charset=utf-8");
    QVERIFY2(csv.headers.value("content-disposition").startsWith("attachment; filename=\"customers.csv\""),
             csv.headers.value("content-disposition").constData());
    QCOMPARE(csv.body, readFile(peopleCsv + u"/customers.csv"_s));

    // A SQL script is one file, in the dialect asked for.
    const QString shopSql =
        runnerFiles(m_shopSchema, {{u"customers"_s, 300}, {u"orders"_s, 900}}, u"sql"_s, SqlDialect::SQLite);
    const Response sql = download(m_aliceToken, u"/runs/%1/export?format=sql&dialect=sqlite"_s.arg(shopId));
    QCOMPARE(sql.status, 200);
    QCOMPARE(sql.headers.value("content-type"), "application/sql; charset=utf-8");
    QVERIFY(sql.headers.value("content-disposition").startsWith("attachment; filename=\"shop.sql\""));
    QCOMPARE(sql.body, readFile(shopSql + u"/shop.sql"_s));
}

void TestApiRuns::filesExportEqualsGenerate()
{
    // A seed above 2^53 travels as a string.
    const QJsonObject run =
        runToEnd(m_aliceToken, m_shop.id,
                 QJsonObject{{u"seed"_s, u"18446744073709551557"_s},
                             {u"rows"_s, rows(500, 1500)},
                             {u"threads"_s, 2},
                             {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}, {u"format"_s, u"csv"_s}}}});
    QVERIFY(!run.isEmpty());
    QCOMPARE(run.value(u"rowCounts"_s).toObject(), rows(500, 1500));
    QCOMPARE(run.value(u"rowsTotal"_s).toInteger(), 2000);
    QCOMPARE(run.value(u"target"_s).toObject(), (QJsonObject{{u"kind"_s, u"files"_s},
                                                             {u"format"_s, u"csv"_s},
                                                             {u"dialect"_s, u"postgresql"_s},
                                                             {u"gzip"_s, false}}));
    const qint64 id = run.value(u"id"_s).toInteger();
    const QString generated = generate(m_shopSchema, {u"--seed"_s, u"18446744073709551557"_s, u"--rows"_s,
                                                      u"customers=500"_s, u"--rows"_s, u"orders=1500"_s});
    const Response first = download(m_aliceToken, u"/runs/%1/export"_s.arg(id));
    QCOMPARE(first.status, 200);
    const auto entries = unzip(first.body);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].second.data, readFile(generated + u"/customers.csv"_s));
    QCOMPARE(entries[1].second.data, readFile(generated + u"/orders.csv"_s));
    // Generated again for every download, the same bytes every time, archive and all.
    QCOMPARE(download(m_aliceToken, u"/runs/%1/export"_s.arg(id)).body, first.body);

    // Another format of the same run.
    const QString tsv =
        generate(m_shopSchema, {u"--seed"_s, u"18446744073709551557"_s, u"--rows"_s, u"customers=500"_s,
                                u"--rows"_s, u"orders=1500"_s, u"-f"_s, u"tsv"_s});
    const auto tsvEntries = unzip(download(m_aliceToken, u"/runs/%1/export?format=tsv"_s.arg(id)).body);
    QCOMPARE(tsvEntries.size(), 2);
    QCOMPARE(tsvEntries[0].first, u"customers.tsv"_s);
    QCOMPARE(tsvEntries[1].second.data, readFile(tsv + u"/orders.tsv"_s));

    // One table: the file, as generate writes it.
    const QJsonObject people = runToEnd(
        m_aliceToken, m_people.id,
        QJsonObject{{u"seed"_s, 3},
                    {u"rowsPerTable"_s, 1234},
                    {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}, {u"format"_s, u"ndjson"_s}}}});
    const QString ndjson = generate(
        m_peopleSchema, {u"--seed"_s, u"3"_s, u"--rows"_s, u"customers=1234"_s, u"-f"_s, u"ndjson"_s});
    const Response file = download(m_aliceToken, u"/runs/%1/export"_s.arg(people.value(u"id"_s).toInteger()));
    QCOMPARE(file.status, 200);
    QCOMPARE(file.headers.value("content-type"), "application/x-ndjson; charset=utf-8");
    QCOMPARE(file.body, readFile(ndjson + u"/customers.ndjson"_s));
}

void TestApiRuns::severalTablesMakeAZip()
{
    const QJsonObject run =
        runToEnd(m_aliceToken, m_shop.id,
                 QJsonObject{{u"seed"_s, 9},
                             {u"rows"_s, rows(2000, 6000)},
                             {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}, {u"format"_s, u"json"_s}}}});
    const qint64 id = run.value(u"id"_s).toInteger();
    const Response stored = download(m_aliceToken, u"/runs/%1/export"_s.arg(id));
    const Response deflated = download(m_aliceToken, u"/runs/%1/export?gzip=true"_s.arg(id));
    QCOMPARE(stored.status, 200);
    QCOMPARE(deflated.status, 200);
    const auto plain = unzip(stored.body);
    const auto packed = unzip(deflated.body);
    QCOMPARE(plain.size(), 2);
    QCOMPARE(packed.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(plain[i].first, i == 0 ? u"customers.json"_s : u"orders.json"_s);
        QCOMPARE(packed[i].first, plain[i].first);
        QCOMPARE(plain[i].second.method, 0);  // stored
        QCOMPARE(packed[i].second.method, 8); // deflated
        QCOMPARE(packed[i].second.data, plain[i].second.data);
        QVERIFY(QJsonDocument::fromJson(plain[i].second.data).isArray());
    }
    QCOMPARE(QJsonDocument::fromJson(plain[1].second.data).array().size(), 6000);
    QVERIFY(deflated.body.size() < stored.body.size() / 2);
    // The streaming form: sizes after the data (bit 3 of the flags) in the first local header.
    QVERIFY(stored.body.startsWith("PK\x03\x04"));
    QVERIFY(quint8(stored.body.at(6)) & 0x08);
}

void TestApiRuns::gzipEqualsGenerate()
{
    const QJsonObject run = runToEnd(
        m_aliceToken, m_people.id,
        QJsonObject{
            {u"seed"_s, 21},
            {u"rowsPerTable"_s, 5000},
            {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}, {u"format"_s, u"csv"_s}, {u"gzip"_s, true}}}});
    const qint64 id = run.value(u"id"_s).toInteger();
    const QString gz =
        generate(m_peopleSchema, {u"--seed"_s, u"21"_s, u"--rows"_s, u"customers=5000"_s, u"--gzip"_s});
    const QString plain = generate(m_peopleSchema, {u"--seed"_s, u"21"_s, u"--rows"_s, u"customers=5000"_s});
    const Response compressed = download(m_aliceToken, u"/runs/%1/export"_s.arg(id)); // the run's own choice
    QCOMPARE(compressed.status, 200);
    QCOMPARE(compressed.headers.value("content-type"), "application/gzip");
    QVERIFY(compressed.headers.value("content-disposition")
                .startsWith("attachment; filename=\"customers.csv.gz\""));
    QCOMPARE(compressed.body, readFile(gz + u"/customers.csv.gz"_s));
    const Response uncompressed = download(m_aliceToken, u"/runs/%1/export?gzip=false"_s.arg(id));
    QCOMPARE(uncompressed.headers.value("content-type"), "text/csv; charset=utf-8");
    QCOMPARE(uncompressed.body, readFile(plain + u"/customers.csv"_s));
    QVERIFY(compressed.body.size() < uncompressed.body.size() / 2);
}

void TestApiRuns::cancelQueuedAndRunning()
{
    // Queued: nobody takes it while the workers are stopped; cancelled at once.
    m_jobs->stop();
    const Response queued = post(m_aliceToken, m_shop.id, QJsonObject{{u"rows"_s, rows(10, 10)}});
    QCOMPARE(queued.status, 202);
    const qint64 queuedId = queued.json.value(u"id"_s).toInteger();
    QCOMPARE(statusOf(m_aliceToken, queuedId), u"queued"_s);
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(queuedId), m_bobToken).status, 404); // not bob's
    const Response cancelled = call("DELETE", u"/runs/%1"_s.arg(queuedId), m_aliceToken);
    QCOMPARE(cancelled.status, 202);
    QCOMPARE(cancelled.json.value(u"status"_s).toString(), u"cancelled"_s);
    QCOMPARE(statusOf(m_aliceToken, queuedId), u"cancelled"_s);
    // Exporting a run that did not finish is a conflict.
    QCOMPARE(call("GET", u"/runs/%1/export"_s.arg(queuedId), m_aliceToken).status, 409);
    m_jobs->start(2);

    // Running: a long load into a database, rolled back when cancelled (and the new file removed).
    const QString target = m_dir.filePath(u"cancelled-%1.sqlite"_s.arg(sqlDialectId(m_databases.dialect())));
    const Response running =
        post(m_adminToken, m_shop.id,
             QJsonObject{{u"rows"_s, rows(50000000, 0)},
                         {u"threads"_s, 1},
                         {u"target"_s, QJsonObject{{u"kind"_s, u"database"_s},
                                                   {u"url"_s, QString(u"sqlite:"_s + target)}}}});
    QCOMPARE(running.status, 202);
    const qint64 runningId = running.json.value(u"id"_s).toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(
        call("GET", u"/runs/%1"_s.arg(runningId), m_adminToken).json.value(u"rowsDone"_s).toInteger() > 0,
        30000);
    const Response stopping = call("DELETE", u"/runs/%1"_s.arg(runningId), m_adminToken);
    QCOMPARE(stopping.status, 202);
    QVERIFY2(stopping.json.value(u"status"_s).toString() == u"running"_s ||
                 stopping.json.value(u"status"_s).toString() == u"cancelled"_s,
             stopping.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_adminToken, runningId), u"cancelled"_s, 30000);
    QTRY_COMPARE(m_jobs->runningJobs(), 0);
    QVERIFY(!QFileInfo::exists(target));
    // A cancelled run is deleted, not cancelled again.
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(runningId), m_adminToken).status, 204);
}

void TestApiRuns::deleteFinishedRun()
{
    const QJsonObject run = runToEnd(m_aliceToken, m_shop.id, QJsonObject{{u"rows"_s, rows(5, 5)}});
    const qint64 id = run.value(u"id"_s).toInteger();
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(id), m_bobToken).status, 404);
    const Response deleted = call("DELETE", u"/runs/%1"_s.arg(id), m_aliceToken);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(call("GET", u"/runs/%1"_s.arg(id), m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(id), m_aliceToken).status, 404);
    // Its stored rows went with it.
    QVERIFY(!m_repository->storedRows(Actor::of(m_alice), id, u"customers"_s, 0, 10));

    // Storage refuses to delete a run that is running (here one claimed by an instance that went quiet):
    // DELETE asks it to stop instead, and a run that has ended cannot be cancelled (409).
    m_jobs->stop();
    const qint64 claimedId =
        post(m_aliceToken, m_shop.id, QJsonObject{{u"rows"_s, rows(5, 5)}}).json.value(u"id"_s).toInteger();
    const std::optional<RunRecord> claimed = m_repository->claimRun(u"elsewhere"_s).value();
    QVERIFY(claimed && claimed->id == claimedId);
    QCOMPARE(m_repository->deleteRun(Actor::of(m_alice), claimedId).error().code, ErrorCode::Conflict);
    const Response asked = call("DELETE", u"/runs/%1"_s.arg(claimedId), m_aliceToken);
    QCOMPARE(asked.status, 202);
    QCOMPARE(asked.json.value(u"status"_s).toString(), u"running"_s);
    QCOMPARE(asked.json.value(u"cancelRequested"_s).toBool(), true);
    QVERIFY(m_repository->finishRun(Actor::of(m_alice), claimedId, RunRecord::Status::Cancelled, {}, 0, {}));
    m_jobs->start(2);
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(claimedId), m_aliceToken).status, 204);
}

void TestApiRuns::listFiltersAndPages()
{
    const qint64 before =
        call("GET", u"/runs?schemaId=%1"_s.arg(m_people.id), m_aliceToken).json.value(u"total"_s).toInteger();
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids << runToEnd(m_aliceToken, m_people.id, QJsonObject{{u"seed"_s, i}, {u"rowsPerTable"_s, 3}})
                   .value(u"id"_s)
                   .toInteger();
    const Response all =
        call("GET", u"/runs?schemaId=%1&limit=2&offset=%2"_s.arg(m_people.id).arg(before), m_aliceToken);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json.value(u"total"_s).toInteger(), before + 3);
    QCOMPARE(all.json.value(u"limit"_s).toInteger(), 2);
    QCOMPARE(all.json.value(u"offset"_s).toInteger(), before);
    const QJsonArray items = all.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value(u"id"_s).toInteger(), ids[0]); // oldest first
    QCOMPARE(items[1].toObject().value(u"id"_s).toInteger(), ids[1]);
    for (const QJsonValue &item : items)
        QCOMPARE(item.toObject().value(u"schemaId"_s).toInteger(), m_people.id);

    const Response finished = call("GET", u"/runs?status=finished&limit=500"_s, m_aliceToken);
    QVERIFY(finished.json.value(u"total"_s).toInteger() >= 3);
    for (const QJsonValue &item : finished.json.value(u"items"_s).toArray())
        QCOMPARE(item.toObject().value(u"status"_s).toString(), u"finished"_s);
    const Response cancelled = call("GET", u"/runs?status=cancelled&limit=500"_s, m_aliceToken);
    for (const QJsonValue &item : cancelled.json.value(u"items"_s).toArray())
        QCOMPARE(item.toObject().value(u"status"_s).toString(), u"cancelled"_s);
}

void TestApiRuns::errors()
{
    auto code = [](const Response &response) {
        return response.json.value(u"error"_s).toObject().value(u"code"_s).toString();
    };
    auto path = [](const Response &response) {
        return response.json.value(u"error"_s)
            .toObject()
            .value(u"details"_s)
            .toObject()
            .value(u"path"_s)
            .toString();
    };
    QCOMPARE(call("GET", u"/runs"_s).status, 401);
    QCOMPARE(call("GET", u"/runs/1/export"_s).status, 401);
    QCOMPARE(post({}, m_shop.id, {}).status, 401);
    QCOMPARE(post(m_aliceToken, 999999, {}).status, 404);
    QCOMPARE(call("GET", u"/runs/999999"_s, m_aliceToken).status, 404);
    QCOMPARE(call("GET", u"/runs/999999/export"_s, m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", u"/runs/999999"_s, m_aliceToken).status, 404);
    QCOMPARE(call("PUT", u"/runs/1"_s, m_aliceToken, {}, true).status, 405);

    // The body.
    QCOMPARE(m_client.send("POST", u"/schemas/%1/runs"_s.arg(m_shop.id), m_aliceToken, "seed=1", "text/plain")
                 .status,
             415);
    const Response malformed = m_client.send("POST", u"/schemas/%1/runs"_s.arg(m_shop.id), m_aliceToken,
                                             "{\"seed\": ", "application/json");
    QCOMPARE(malformed.status, 400);
    const Response unknownKey = post(m_aliceToken, m_shop.id, QJsonObject{{u"sed"_s, 1}});
    QCOMPARE(unknownKey.status, 400);
    QCOMPARE(path(unknownKey), u"sed"_s);
    const Response unknownTable =
        post(m_aliceToken, m_shop.id, QJsonObject{{u"rows"_s, QJsonObject{{u"nope"_s, 3}}}});
    QCOMPARE(unknownTable.status, 422);
    QCOMPARE(code(unknownTable), u"validation"_s);
    QCOMPARE(path(unknownTable), u"rows.nope"_s);
    const Response negative = post(m_aliceToken, m_shop.id, QJsonObject{{u"rows"_s, rows(-1)}});
    QCOMPARE(negative.status, 400);
    QCOMPARE(path(negative), u"rows.customers"_s);
    QCOMPARE(post(m_aliceToken, m_shop.id, QJsonObject{{u"seed"_s, u"abc"_s}}).status, 400);
    QCOMPARE(post(m_aliceToken, m_shop.id, QJsonObject{{u"seed"_s, 1.5}}).status, 400);
    QCOMPARE(post(m_aliceToken, m_shop.id, QJsonObject{{u"threads"_s, 100000}}).status, 400);
    const Response kind =
        post(m_aliceToken, m_shop.id, QJsonObject{{u"target"_s, QJsonObject{{u"kind"_s, u"printer"_s}}}});
    QCOMPARE(kind.status, 400);
    QCOMPARE(path(kind), u"target.kind"_s);
    const Response format =
        post(m_aliceToken, m_shop.id,
             QJsonObject{{u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}, {u"format"_s, u"xml"_s}}}});
    QCOMPARE(format.status, 400);
    QCOMPARE(path(format), u"target.format"_s);
    const Response stray =
        post(m_aliceToken, m_shop.id,
             QJsonObject{{u"target"_s, QJsonObject{{u"kind"_s, u"stored"_s}, {u"url"_s, u"x"_s}}}});
    QCOMPARE(stray.status, 400);
    QCOMPARE(path(stray), u"target.url"_s);
    // A schema with a problem is refused before a run is queued.
    Schema broken = m_peopleSchema;
    broken.name = u"broken"_s;
    broken.tables[0].columns[1].type = u"no-such-type"_s;
    const Result<SchemaRecord> brokenRecord =
        m_repository->saveSchema(Actor::of(m_alice), m_alice.id, broken);
    QVERIFY(brokenRecord);
    const Response invalidSchema = post(m_aliceToken, brokenRecord->id, {});
    QCOMPARE(invalidSchema.status, 422);
    QCOMPARE(call("GET", u"/runs?schemaId=%1"_s.arg(brokenRecord->id), m_aliceToken)
                 .json.value(u"total"_s)
                 .toInteger(),
             0);

    // The query.
    QCOMPARE(call("GET", u"/runs?status=bogus"_s, m_aliceToken).status, 400);
    QCOMPARE(call("GET", u"/runs?schemaId=x"_s, m_aliceToken).status, 400);
    const qint64 finished =
        runToEnd(m_aliceToken, m_people.id, QJsonObject{{u"rowsPerTable"_s, 2}}).value(u"id"_s).toInteger();
    const Response badFormat = call("GET", u"/runs/%1/export?format=xml"_s.arg(finished), m_aliceToken);
    QCOMPARE(badFormat.status, 400);
    QCOMPARE(path(badFormat), u"format"_s);
    QCOMPARE(call("GET", u"/runs/%1/export?gzip=maybe"_s.arg(finished), m_aliceToken).status, 400);
    QCOMPARE(call("GET", u"/runs/%1/export?format=sql&dialect=oracle"_s.arg(finished), m_aliceToken).status,
             400);

    // A server without a job service takes no runs.
    ApiServer idle(*m_repository, *m_auth);
    const Result<quint16> port = idle.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port);
    test::ApiClient other;
    other.setPort(*port);
    const Response unavailable =
        other.call("POST", u"/schemas/%1/runs"_s.arg(m_shop.id), m_aliceToken, {}, true);
    QCOMPARE(unavailable.status, 503);
}

void TestApiRuns::ownership()
{
    const qint64 alices =
        runToEnd(m_aliceToken, m_people.id, QJsonObject{{u"rowsPerTable"_s, 4}}).value(u"id"_s).toInteger();
    const qint64 bobs =
        runToEnd(m_bobToken, m_blog.id, QJsonObject{{u"rowsPerTable"_s, 5}}).value(u"id"_s).toInteger();
    QVERIFY(alices > 0 && bobs > 0);
    QCOMPARE(call("GET", u"/runs/%1"_s.arg(alices), m_bobToken).status, 404);
    QCOMPARE(call("GET", u"/runs/%1/export"_s.arg(alices), m_bobToken).status, 404);
    QCOMPARE(call("DELETE", u"/runs/%1"_s.arg(alices), m_bobToken).status, 404);
    QCOMPARE(post(m_bobToken, m_shop.id, {}).status, 404); // alice's schema
    auto ids = [this](const QByteArray &token, const QString &query) {
        QSet<qint64> found;
        for (const QJsonValue &item :
             call("GET", u"/runs?limit=500"_s + query, token).json.value(u"items"_s).toArray())
            found << item.toObject().value(u"id"_s).toInteger();
        return found;
    };
    QVERIFY(!ids(m_bobToken, {}).contains(alices));
    QVERIFY(ids(m_bobToken, {}).contains(bobs));
    QVERIFY(ids(m_bobToken, u"&schemaId=%1"_s.arg(m_people.id)).isEmpty());
    QVERIFY(!ids(m_aliceToken, {}).contains(bobs));
    // The admin sees everyone's.
    QVERIFY(ids(m_adminToken, {}).contains(alices));
    QVERIFY(ids(m_adminToken, {}).contains(bobs));
    QCOMPARE(call("GET", u"/runs/%1"_s.arg(alices), m_adminToken).status, 200);
    QCOMPARE(download(m_adminToken, u"/runs/%1/export"_s.arg(alices)).status, 200);
}

void TestApiRuns::databaseTargetAndPasswords()
{
    QLoggingCategory::setFilterRules(u"fabrica.api.info=true\nfabrica.jobs.info=true"_s);
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    g_previous = qInstallMessageHandler(captureLog);
    const QString withPassword =
        u"postgresql://loader:%1@127.0.0.1:1/target?connect_timeout=2"_s.arg(kSecret);

    // Writing into a database runs with the server's reach: administrators only.
    const Response refused =
        post(m_aliceToken, m_shop.id,
             QJsonObject{{u"target"_s, QJsonObject{{u"kind"_s, u"database"_s}, {u"url"_s, withPassword}}}});
    QCOMPARE(refused.status, 403);

    // The password is used and never shown: not in the answers, the list, the log or the run's error.
    const Response posted = post(m_adminToken, m_shop.id,
                                 QJsonObject{{u"rows"_s, rows(3, 3)},
                                             {u"target"_s, QJsonObject{{u"kind"_s, u"database"_s},
                                                                       {u"url"_s, withPassword},
                                                                       {u"ifExists"_s, u"truncate"_s}}}});
    QCOMPARE(posted.status, 202);
    const qint64 id = posted.json.value(u"id"_s).toInteger();
    QCOMPARE(posted.json.value(u"target"_s).toObject(),
             (QJsonObject{{u"kind"_s, u"database"_s},
                          {u"url"_s, u"postgresql://loader@127.0.0.1:1/target?connect_timeout=2"_s},
                          {u"ifExists"_s, u"truncate"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_adminToken, id), u"failed"_s, 30000); // nothing listens on port 1
    const Response got = call("GET", u"/runs/%1"_s.arg(id), m_adminToken);
    QVERIFY(!got.json.value(u"error"_s).toString().isEmpty());
    const Response listed = call("GET", u"/runs?limit=500"_s, m_adminToken);
    const Response badUrl = post(
        m_adminToken, m_shop.id,
        QJsonObject{{u"target"_s,
                     QJsonObject{{u"kind"_s, u"database"_s},
                                 {u"url"_s, u"postgresql://u@h/db?password=%1&bogus=1"_s.arg(kSecret)}}}});
    QCOMPARE(badUrl.status, 400);
    qInstallMessageHandler(g_previous);
    for (const Response *response : {&posted, &got, &listed, &badUrl})
        QVERIFY2(!response->body.contains(kSecret.toUtf8()), response->body.constData());
    QMutexLocker lock(&g_logMutex);
    const QString log = g_log.join(u'\n');
    QVERIFY2(log.contains(u"POST /api/v1/schemas/%1/runs 202"_s.arg(m_shop.id)), qPrintable(log));
    QVERIFY2(!log.contains(kSecret), qPrintable(log));
    lock.unlock();

    // Into a SQLite file: the rows arrive.
    const QString file = m_dir.filePath(u"target-%1.sqlite"_s.arg(sqlDialectId(m_databases.dialect())));
    const QJsonObject loaded =
        runToEnd(m_adminToken, m_shop.id,
                 QJsonObject{{u"rows"_s, rows(30, 90)},
                             {u"target"_s, QJsonObject{{u"kind"_s, u"database"_s},
                                                       {u"url"_s, QString(u"sqlite:"_s + file)}}}});
    QCOMPARE(loaded.value(u"target"_s).toObject().value(u"url"_s).toString(), u"sqlite:"_s + file);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"target-check"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT count(*) FROM orders"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 90);
    }
    QSqlDatabase::removeDatabase(u"target-check"_s);
    // Its data is in the database, not here to download.
    QCOMPARE(call("GET", u"/runs/%1/export"_s.arg(loaded.value(u"id"_s).toInteger()), m_adminToken).status,
             409);
}

void TestApiRuns::slowReaderBuffersLittle()
{
    // About 50 MB of CSV, read slowly for longer than the socket guard's idle timeout.
    const QJsonObject run = runToEnd(m_aliceToken, m_people.id,
                                     QJsonObject{{u"seed"_s, 77},
                                                 {u"rowsPerTable"_s, 400000},
                                                 {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}}}});
    const qint64 id = run.value(u"id"_s).toInteger();
    m_server->resetStreamPeak();
    QTcpSocket socket;
    socket.setReadBufferSize(16 * 1024); // the kernel's buffers fill, and then the server's would
    QVERIFY(!rawGet(socket, u"/runs/%1/export"_s.arg(id), m_aliceToken).isEmpty());
    QByteArray raw;
    QElapsedTimer slow;
    slow.start();
    while (raw.size() < 8 * 1024 * 1024 && socket.state() == QAbstractSocket::ConnectedState) {
        QTest::qWait(5);
        raw += socket.read(16 * 1024);
    }
    QVERIFY2(slow.elapsed() > 1000, "the slow part must outlast the idle timeout");
    const ApiServer::StreamFigures during = m_server->streamFigures();
    QCOMPARE(during.active, 1);
    QCOMPARE(during.producing, 1); // the producer waits, it has not finished
    // Bounded by the body's buffer, the socket's high-water mark and a piece in flight, not by the data.
    const qint64 bound =
        ResponseBody::kDefaultCapacity + StreamedResponse::kSocketHighWater + 2 * ResponseBody::kPieceBytes;
    QVERIFY2(during.peakBuffered <= bound, qPrintable(u"%1 bytes buffered"_s.arg(during.peakBuffered)));

    // The rest, fast: the whole download arrives, not cut off, and is what generate writes.
    socket.setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT((raw += socket.readAll()).endsWith("\r\n0\r\n\r\n"), 120000);
    QByteArray head;
    const std::optional<QByteArray> body = dechunk(raw, &head);
    QVERIFY(body);
    QVERIFY2(head.startsWith("HTTP/1.1 200 "), head.constData());
    QVERIFY(head.contains("Transfer-Encoding: chunked"));
    const QString generated =
        generate(m_peopleSchema, {u"--seed"_s, u"77"_s, u"--rows"_s, u"customers=400000"_s});
    const QByteArray expected = readFile(generated + u"/customers.csv"_s);
    QVERIFY(expected.size() > 40 * 1024 * 1024);
    QCOMPARE(body->size(), expected.size());
    QVERIFY(*body == expected);
    QTRY_COMPARE(m_server->streamFigures().active, 0);
    QVERIFY(m_server->streamFigures().peakBuffered <= bound);
}

void TestApiRuns::clientLeavingStopsExport()
{
    // Far more than can be made while the test waits: only the client leaving ends it.
    const qint64 id = runToEnd(m_aliceToken, m_people.id,
                               QJsonObject{{u"rowsPerTable"_s, 50000000},
                                           {u"target"_s, QJsonObject{{u"kind"_s, u"files"_s}}}})
                          .value(u"id"_s)
                          .toInteger();
    {
        QTcpSocket socket;
        QVERIFY(!rawGet(socket, u"/runs/%1/export"_s.arg(id), m_aliceToken).isEmpty());
        QTRY_VERIFY(socket.bytesAvailable() > 100000);
        QCOMPARE(m_server->streamFigures().producing, 1);
        socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->streamFigures().active, 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->streamFigures().producing, 0, 10000);

    // A client that stays connected but takes nothing is cut off after the idle timeout.
    QTcpSocket stalled;
    stalled.setReadBufferSize(1024);
    QVERIFY(!rawGet(stalled, u"/runs/%1/export"_s.arg(id), m_aliceToken).isEmpty());
    QTRY_COMPARE(m_server->streamFigures().active, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->streamFigures().producing, 0, 20000);
    QCOMPARE(m_server->streamFigures().active, 0);
    // The server goes on serving.
    QCOMPARE(call("GET", u"/runs/%1"_s.arg(id), m_aliceToken).status, 200);
}

void TestApiRuns::crcEqualsZlib()
{
    std::mt19937 random(7);
    QByteArray data(1 << 20, Qt::Uninitialized);
    for (char &c : data)
        c = char(random());
    for (qsizetype size : {0, 1, 15, 16, 63, 64, 65, 127, 128, 1000, 4096, 100003, 1 << 20}) {
        for (qsizetype offset : {0, 1, 5}) {
            const qsizetype length = std::min(size, data.size() - offset);
            const auto *bytes = reinterpret_cast<const Bytef *>(data.constData() + offset);
            QCOMPARE(Crc32::update(0x1234567u, data.constData() + offset, std::size_t(length)),
                     quint32(crc32(0x1234567u, bytes, uInt(length))));
        }
    }
    // In pieces of any size, as a stream arrives.
    quint32 pieces = 0;
    for (qsizetype at = 0, step = 1; at < data.size(); at += step, step = step * 3 % 9973 + 1)
        pieces = Crc32::update(pieces, data.constData() + at, std::size_t(std::min(step, data.size() - at)));
    QCOMPARE(pieces, quint32(crc32(0, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size()))));
}

void TestApiRuns::zip64PastFourGiB()
{
    // An entry of 4.5 GiB after a small one: its size and the central directory's place need zip64 records.
    // Only the archive's tail is kept; the central directory is read back from it.
    ResponseBody body;
    QByteArray tail;
    quint64 total = 0;
    std::thread reader([&] {
        while (!body.atEnd()) {
            const QByteArray piece = body.read();
            if (piece.isEmpty()) {
                QThread::usleep(200);
                continue;
            }
            total += quint64(piece.size());
            tail = piece.size() >= 4096 ? piece.right(4096) : QByteArray(tail + piece).right(4096);
        }
    });
    const QByteArray zeros(8 << 20, '\0');
    constexpr int kPieces = 576; // 4.5 GiB
    ResponseZipWriter zip(body, false, QDateTime(QDate(2026, 12, 7), QTime(10, 30, 14), Qt::UTC));
    QVERIFY(zip.beginEntry(u"small.csv"_s));
    QVERIFY(zip.write("id\n1\n"));
    QVERIFY(zip.endEntry());
    QVERIFY(zip.beginEntry(u"big.csv"_s));
    for (int i = 0; i < kPieces; ++i)
        QVERIFY(zip.write(std::string_view(zeros.constData(), std::size_t(zeros.size()))));
    QVERIFY(zip.endEntry());
    QVERIFY(zip.finish());
    body.close();
    reader.join();

    const quint64 bigSize = quint64(kPieces) * quint64(zeros.size());
    auto u16 = [&](qsizetype at) { return qFromLittleEndian<quint16>(tail.constData() + at); };
    auto u32 = [&](qsizetype at) { return qFromLittleEndian<quint32>(tail.constData() + at); };
    auto u64 = [&](qsizetype at) { return qFromLittleEndian<quint64>(tail.constData() + at); };
    // End of central directory, the zip64 locator before it, the zip64 end record before that.
    const qsizetype end = tail.size() - 22;
    QCOMPARE(u32(end), 0x06054b50u);
    QCOMPARE(u32(end + 16), 0xffffffffu); // the directory's offset is in the zip64 record
    QCOMPARE(u32(end - 20), 0x07064b50u);
    const quint64 zip64EndAt = u64(end - 20 + 8);
    const qsizetype zip64End = qsizetype(zip64EndAt - (total - quint64(tail.size())));
    QCOMPARE(u32(zip64End), 0x06064b50u);
    QCOMPARE(u64(zip64End + 24), quint64(2)); // entries
    const quint64 directorySize = u64(zip64End + 40);
    const quint64 directoryOffset = u64(zip64End + 48);
    QCOMPARE(directoryOffset + directorySize, zip64EndAt);
    QVERIFY(directoryOffset > bigSize);
    // The second central header: sizes in its zip64 extra field.
    const qsizetype first = qsizetype(directoryOffset - (total - quint64(tail.size())));
    QCOMPARE(u32(first), 0x02014b50u);
    const qsizetype second = first + 46 + u16(first + 28) + u16(first + 30);
    QCOMPARE(u32(second), 0x02014b50u);
    QCOMPARE(u16(second + 6), quint16(45));
    QCOMPARE(u32(second + 20), 0xffffffffu);
    QCOMPARE(u32(second + 24), 0xffffffffu);
    QCOMPARE(tail.mid(second + 46, 7), "big.csv");
    const qsizetype extra = second + 46 + 7;
    QCOMPARE(u16(extra), quint16(0x0001));
    QCOMPARE(u16(extra + 2), quint16(16));
    QCOMPARE(u64(extra + 4), bigSize);
    QCOMPARE(u64(extra + 12), bigSize);
    // Its CRC, from zlib: the CRC of one piece of zeros, combined.
    const uLong piece = crc32(0, reinterpret_cast<const Bytef *>(zeros.constData()), uInt(zeros.size()));
    uLong crc = 0;
    for (int i = 0; i < kPieces; ++i)
        crc = crc32_combine(crc, piece, zeros.size());
    QCOMPARE(u32(second + 16), quint32(crc));
    QCOMPARE(total, u64(zip64End + 48) + directorySize + 56 + 20 + 22);
}

void TestApiRuns::twoServersRunEveryJobOnce()
{
    // A storage of their own, so the fixture's workers take none of these runs.
    std::unique_ptr<Repository> first = m_databases.freshRepository();
    Result<std::unique_ptr<Repository>> opened = Repository::open(first->url());
    QVERIFY(opened);
    std::unique_ptr<Repository> second = std::move(opened).value();
    QTemporaryDir secrets;
    AuthService authA = test::authService(*first, secrets);
    AuthService authB = test::authService(*second, secrets);
    const UserRecord owner = authA.createFirstAdmin(u"cy"_s, u"cy@example.com"_s, kPassword).value();
    const SchemaRecord schema = first->saveSchema(Actor::of(owner), owner.id, m_peopleSchema).value();

    QMutex mutex;
    QMultiHash<qint64, QString> ranBy;
    JobService jobsA(*first, u"instance-a"_s);
    JobService jobsB(*second, u"instance-b"_s);
    for (JobService *jobs : {&jobsA, &jobsB}) {
        JobService::Options fast;
        fast.pollMs = 10;
        fast.heartbeatMs = 50;
        fast.progressMs = 0;
        jobs->setOptions(fast);
        connect(
            jobs, &JobService::jobStarted, this,
            [&, jobs](qint64 id) {
                QMutexLocker lock(&mutex);
                ranBy.insert(id, jobs->instanceId());
            },
            Qt::DirectConnection);
    }
    ApiServer::Options optionsA, optionsB;
    optionsA.jobs = &jobsA;
    optionsB.jobs = &jobsB;
    ApiServer serverA(*first, authA, optionsA);
    ApiServer serverB(*second, authB, optionsB);
    test::ApiClient clientA, clientB;
    clientA.setPort(serverA.listen(QHostAddress::LocalHost, 0).value());
    clientB.setPort(serverB.listen(QHostAddress::LocalHost, 0).value());
    const QByteArray tokenA = clientA.signIn(u"cy"_s, kPassword);
    const QByteArray tokenB = clientB.signIn(u"cy"_s, kPassword);
    QVERIFY(!tokenA.isEmpty() && !tokenB.isEmpty());

    // Twenty runs queued through both servers before either runs any.
    constexpr int kRuns = 20;
    QList<qint64> ids;
    for (int i = 0; i < kRuns; ++i) {
        test::ApiClient &client = i % 2 ? clientB : clientA;
        const Response posted =
            client.call("POST", u"/schemas/%1/runs"_s.arg(schema.id), i % 2 ? tokenB : tokenA,
                        QJsonObject{{u"seed"_s, i}, {u"rowsPerTable"_s, 50}}, true);
        QCOMPARE(posted.status, 202);
        ids << posted.json.value(u"id"_s).toInteger();
    }
    QCOMPARE(clientA.call("GET", u"/runs?status=queued"_s, tokenA).json.value(u"total"_s).toInteger(), kRuns);
    jobsA.start(3);
    jobsB.start(3);
    QTRY_COMPARE_WITH_TIMEOUT(
        clientB.call("GET", u"/runs?status=finished"_s, tokenB).json.value(u"total"_s).toInteger(), kRuns,
        120000);
    jobsA.stop();
    jobsB.stop();

    QMutexLocker lock(&mutex);
    QSet<QString> instances;
    for (const qint64 id : std::as_const(ids)) {
        QCOMPARE(ranBy.count(id), 1); // executed exactly once
        // Either server answers for any run, with the instance that ran it.
        const QJsonObject a = clientA.call("GET", u"/runs/%1"_s.arg(id), tokenA).json;
        const QJsonObject b = clientB.call("GET", u"/runs/%1"_s.arg(id), tokenB).json;
        QCOMPARE(a.value(u"claimedBy"_s).toString(), ranBy.value(id));
        QCOMPARE(b.value(u"claimedBy"_s).toString(), ranBy.value(id));
        QCOMPARE(a.value(u"rowCounts"_s).toObject(), rows(50));
        instances << ranBy.value(id);
    }
    QCOMPARE(ranBy.size(), kRuns);
    qInfo() << "runs per instance: a" << ranBy.keys(u"instance-a"_s).size() << "b"
            << ranBy.keys(u"instance-b"_s).size();
    serverA.close();
    serverB.close();
}

void TestApiRuns::serveStopsJobsOnSigterm()
{
    const QString binary = qEnvironmentVariable("FABRICA_BINARY");
    QVERIFY2(QFileInfo(binary).isExecutable(), "FABRICA_BINARY must name the built fabrica executable");
    std::unique_ptr<Repository> storage = m_databases.freshRepository();
    QTemporaryDir secrets;
    {
        AuthService auth = test::authService(*storage, secrets);
        const UserRecord owner = auth.createFirstAdmin(u"dee"_s, u"dee@example.com"_s, kPassword).value();
        QVERIFY(storage->saveSchema(Actor::of(owner), owner.id, m_shopSchema));
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"home/data"_s));
    environment.remove(u"QT_LOGGING_RULES"_s);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary, {u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s,
                           storage->url().toString(), u"--workers"_s, u"1"_s});
    QVERIFY(process.waitForStarted(10000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("/api/v1"), 20000);
    const QRegularExpressionMatch match =
        QRegularExpression(u":(\\d+)/api/v1"_s).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    test::ApiClient client;
    client.setPort(quint16(match.captured(1).toUInt()));
    // The token secret is the server's own (its XDG folders): sign in through it.
    const QByteArray token = client.signIn(u"dee"_s, kPassword);
    QVERIFY(!token.isEmpty());
    const qint64 schemaId = client.call("GET", u"/schemas"_s, token)
                                .json.value(u"items"_s)
                                .toArray()
                                .first()
                                .toObject()
                                .value(u"id"_s)
                                .toInteger();

    // A long load into a SQLite file, and a second run waiting behind it (one worker).
    const QString target =
        m_dir.filePath(u"serve-target-%1.sqlite"_s.arg(sqlDialectId(m_databases.dialect())));
    const Response running =
        client.call("POST", u"/schemas/%1/runs"_s.arg(schemaId), token,
                    QJsonObject{{u"rows"_s, rows(50000000, 0)},
                                {u"threads"_s, 1},
                                {u"target"_s, QJsonObject{{u"kind"_s, u"database"_s},
                                                          {u"url"_s, QString(u"sqlite:"_s + target)}}}});
    QCOMPARE(running.status, 202);
    const qint64 runningId = running.json.value(u"id"_s).toInteger();
    const qint64 waitingId = client
                                 .call("POST", u"/schemas/%1/runs"_s.arg(schemaId), token,
                                       QJsonObject{{u"rowsPerTable"_s, 5}}, true)
                                 .json.value(u"id"_s)
                                 .toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(
        client.call("GET", u"/runs/%1"_s.arg(runningId), token).json.value(u"rowsDone"_s).toInteger() > 0,
        30000);
    QCOMPARE(client.call("GET", u"/runs/%1"_s.arg(runningId), token).json.value(u"claimedBy"_s).toString(),
             u"%1:%2"_s.arg(QHostInfo::localHostName()).arg(process.processId()));

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const RunRecord stopped = storage->run(Actor::systemActor(), runningId).value();
    QCOMPARE(stopped.status, RunRecord::Status::Cancelled);
    QVERIFY(!QFileInfo::exists(target)); // rolled back, the new file removed
    // The waiting run is still there for any instance to take.
    QCOMPARE(storage->run(Actor::systemActor(), waitingId).value().status, RunRecord::Status::Queued);
    QVERIFY(process.readAllStandardOutput().contains("stopped"));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApiRuns>(argc, argv);
}

#include "tst_api_runs.moc"
