// The OpenAPI document against the real server, over real HTTP on SQLite and PostgreSQL storage: the router
// and the served document list the same paths and methods (an undocumented route fails here), the served
// document is docs/openapi.yaml as it is now, and real responses of every documented route, happy and
// error cases, the socket guard's included, validate against the document (status documented, required
// headers present, body valid against its JSON Schema) with python3-jsonschema (check_api_responses.py).
// Downloads (a run's export) are checked the same way: status, Content-Type and headers, a JSON body against
// its schema, other bodies as text.

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"
#include "ZipFixture.h"

#include "api/ApiServer.h"
#include "api/OpenApiRoutes.h"
#include "auth/AuthService.h"
#include "format/SchemaFile.h"
#include "jobs/JobService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";
const QString kSource = QStringLiteral(FABRICA_TEST_SOURCE_DIR);

using Response = test::HttpResponse;
using test::kLibraryDdl;
using test::multipartBody;

// The names of a ZIP archive's entries, in order; empty when it is no archive.
QStringList zipEntries(const QByteArray &archive)
{
    QBuffer buffer;
    buffer.setData(archive);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdUnzip))
        return {};
    return zip.getFileNameList();
}

// The router's "<arg>" in the document's spelling.
QString documentPath(const QString &routerPath)
{
    return QString(routerPath).replace(u"<arg>"_s, u"{id}"_s);
}

// A raw HTTP/1.1 response (what the socket guard writes) as status, lower-case headers and body.
Response parseRaw(const QByteArray &raw)
{
    Response response;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = raw.left(end).split('\n');
    response.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                    lines[i].mid(colon + 1).trimmed());
    }
    response.body = end < 0 ? QByteArray() : raw.mid(end + 4);
    response.json = QJsonDocument::fromJson(response.body).object();
    return response;
}

} // namespace

class TestApiDocument : public QObject
{
    Q_OBJECT

public:
    explicit TestApiDocument(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void servedDocumentIsTheSource();
    void routesEqualTheDocument();
    void serviceRoutes();
    void sessionRoutes();
    void passwordChange();
    void schemaRoutes();
    void schemaEditing();
    void userRoutes();
    void runRoutes(); // before importRoutes(), which replaces alice's shop
    void importRoutes();
    void metricsRoutes();
    void signInThrottled();
    void guardResponses();
    void everyOperationAnswered();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {}, bool sendBody = false)
    {
        return m_client.call(method, path, token, body, sendBody);
    }
    // A download: not JSON, so without the JSON shape checks.
    Response download(const QString &path, const QByteArray &token)
    {
        return m_client.send("GET", path, token, {}, {}, {}, false);
    }
    // Any body (JSON unless type says otherwise; none when empty) with If-Match when ifMatch is given.
    Response write(const QByteArray &method, const QString &path, const QByteArray &token,
                   const QByteArray &data, const QByteArray &ifMatch = {},
                   const QByteArray &type = "application/json")
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!ifMatch.isEmpty())
            headers.append({"If-Match", ifMatch});
        return m_client.send(method, path, token, data, data.isEmpty() ? QByteArray() : type, headers);
    }
    // Polls GET /runs/{id} until the run has status; its last answer.
    Response waitForRun(qint64 id, const QString &status, const QByteArray &token);
    // Keeps a response of the operation (method and documented path) for validate().
    void expect(const QByteArray &method, const QString &path, const Response &response, int status);
    // Keeps a response that belongs to no route, for validate() against components/responses/name.
    void expectComponent(const QString &name, const Response &response, int status);
    // Validates the kept responses against the served document; fails with every problem found.
    void validate();

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    QJsonObject m_document;
    QJsonArray m_cases;
    QSet<QString> m_answered; // "GET /me" of every operation that answered 2xx
    QByteArray m_alice;
    qint64 m_aliceId = 0;
    qint64 m_bobId = 0;
    qint64 m_shopId = 0;
    qint64 m_emptyId = 0;
    qint64 m_bobsId = 0;
    qint64 m_peopleId = 0; // alice's, one table: its downloads are single files
};

void TestApiDocument::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    Result<UserRecord> admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword);
    QVERIFY(admin.ok());
    Result<UserRecord> alice = m_auth->createUser(Actor::of(admin.value()), u"alice"_s,
                                                  u"alice@example.com"_s, kPassword, Role::User);
    Result<UserRecord> bob =
        m_auth->createUser(Actor::of(admin.value()), u"bob"_s, u"bob@example.com"_s, kPassword, Role::User);
    QVERIFY(alice.ok() && bob.ok());
    m_aliceId = alice->id;
    m_bobId = bob->id;
    // A second administrator for the user routes: passwordChange() revokes ada's tokens.
    QVERIFY(
        m_auth
            ->createUser(Actor::of(admin.value()), u"grace"_s, u"grace@example.com"_s, kPassword, Role::Admin)
            .ok());
    Result<SchemaRecord> shop =
        m_repository->saveSchema(Actor::of(alice.value()), alice->id, test::shopExample());
    QVERIFY(shop.ok());
    m_shopId = shop->id;
    Schema empty;
    empty.name = u"empty"_s;
    Result<SchemaRecord> saved = m_repository->saveSchema(Actor::of(alice.value()), alice->id, empty);
    QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().toString()));
    m_emptyId = saved->id;
    Result<SchemaRecord> bobs =
        m_repository->saveSchema(Actor::of(bob.value()), bob->id, test::example(u"blog"_s));
    QVERIFY(bobs.ok());
    m_bobsId = bobs->id;

    Schema people = test::shopExample();
    people.name = u"people"_s;
    people.tables.removeAt(people.tableIndex(u"orders"_s));
    Result<SchemaRecord> peopleRecord = m_repository->saveSchema(Actor::of(alice.value()), alice->id, people);
    QVERIFY(peopleRecord.ok());
    m_peopleId = peopleRecord->id;

    m_jobs = std::make_unique<JobService>(*m_repository, u"document-test"_s);
    JobService::Options fast;
    fast.pollMs = 20;
    fast.heartbeatMs = 50;
    fast.progressMs = 0;
    m_jobs->setOptions(fast);
    m_jobs->start(2);
    ApiServer::Options options;
    options.jobs = m_jobs.get();
    options.limits.idleTimeout = 500ms;
    m_server = std::make_unique<ApiServer>(*m_repository, *m_auth, options);
    Result<quint16> port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    m_client.setPort(port.value());

    const Response document = call("GET", u"/openapi.json"_s);
    QCOMPARE(document.status, 200);
    m_document = document.json;
    QVERIFY(!m_document.isEmpty());
    m_alice = m_client.signIn(u"alice"_s, kPassword);
    QVERIFY(!m_alice.isEmpty());
}

void TestApiDocument::cleanupTestCase()
{
    m_server.reset();
    m_jobs.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

void TestApiDocument::cleanup()
{
    m_cases = QJsonArray();
}

void TestApiDocument::expect(const QByteArray &method, const QString &path, const Response &response,
                             int status)
{
    QVERIFY2(response.status == status,
             qPrintable(u"%1 %2: %3 instead of %4: %5"_s.arg(QString::fromLatin1(method), path)
                            .arg(response.status)
                            .arg(status)
                            .arg(QString::fromUtf8(response.body.left(300)))));
    QJsonObject headers;
    for (auto it = response.headers.cbegin(); it != response.headers.cend(); ++it)
        headers.insert(QString::fromLatin1(it.key()), QString::fromLatin1(it.value()));
    m_cases.append(QJsonObject{{u"method"_s, QString::fromLatin1(method).toLower()},
                               {u"path"_s, path},
                               {u"status"_s, response.status},
                               {u"headers"_s, headers},
                               {u"body"_s, QString::fromUtf8(response.body)}});
    if (status / 100 == 2)
        m_answered.insert(QString::fromLatin1(method).toUpper() + u' ' + path);
}

void TestApiDocument::expectComponent(const QString &name, const Response &response, int status)
{
    QCOMPARE(response.status, status);
    QJsonObject headers;
    for (auto it = response.headers.cbegin(); it != response.headers.cend(); ++it)
        headers.insert(QString::fromLatin1(it.key()), QString::fromLatin1(it.value()));
    m_cases.append(QJsonObject{{u"component"_s, name},
                               {u"status"_s, response.status},
                               {u"headers"_s, headers},
                               {u"body"_s, QString::fromUtf8(response.body)}});
}

void TestApiDocument::validate()
{
    QVERIFY(!m_cases.isEmpty());
    QProcess checker;
    checker.start(u"python3"_s, {kSource + u"/tests/check_api_responses.py"_s});
    QVERIFY2(checker.waitForStarted(10000), "python3 is missing (Debian: python3, python3-jsonschema)");
    checker.write(QJsonDocument(QJsonObject{{u"document"_s, m_document}, {u"cases"_s, m_cases}}).toJson());
    checker.closeWriteChannel();
    QVERIFY(checker.waitForFinished(60000));
    const QByteArray problems = checker.readAllStandardOutput() + checker.readAllStandardError();
    QVERIFY2(
        checker.exitStatus() == QProcess::NormalExit && checker.exitCode() == 0,
        qPrintable(u"%1 responses checked; the document and the server disagree:\n"_s.arg(m_cases.size()) +
                   QString::fromUtf8(problems)));
    m_cases = QJsonArray();
}

void TestApiDocument::servedDocumentIsTheSource()
{
    QCOMPARE(m_document, OpenApiRoutes::document());
    QCOMPARE(m_document.value(u"openapi"_s).toString(), u"3.1.0"_s);
    QCOMPARE(m_document.value(u"servers"_s).toArray().first().toObject().value(u"url"_s).toString(),
             ApiServer::prefix());
    // The build's JSON is docs/openapi.yaml as it is now.
    QTemporaryDir dir;
    const QString json = dir.filePath(u"openapi.json"_s);
    QProcess convert;
    convert.start(u"python3"_s,
                  {kSource + u"/cmake/yaml_to_json.py"_s, kSource + u"/docs/openapi.yaml"_s, json});
    QVERIFY(convert.waitForFinished(30000));
    QVERIFY2(convert.exitCode() == 0, convert.readAllStandardError().constData());
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), m_document);
}

void TestApiDocument::routesEqualTheDocument()
{
    static const QStringList kMethods = {u"get"_s,   u"put"_s,  u"post"_s,    u"delete"_s,
                                         u"patch"_s, u"head"_s, u"options"_s, u"trace"_s};
    QSet<QString> documented;
    const QJsonObject paths = m_document.value(u"paths"_s).toObject();
    for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
        // Path parameters are the router's numeric ids, whatever their names.
        const QString path = QString(it.key()).replace(QRegularExpression(u"\\{[^}]+\\}"_s), u"{id}"_s);
        for (const QString &method : kMethods) {
            if (it.value().toObject().contains(method))
                documented.insert(method.toUpper() + u' ' + path);
        }
    }
    QSet<QString> routed;
    const QMap<QString, QStringList> routes = m_server->routes();
    for (auto it = routes.cbegin(); it != routes.cend(); ++it) {
        for (const QString &method : it.value())
            routed.insert(method + u' ' + documentPath(it.key()));
    }
    QStringList undocumented = (routed - documented).values();
    QStringList unrouted = (documented - routed).values();
    undocumented.sort();
    unrouted.sort();
    QVERIFY2(undocumented.isEmpty(),
             qPrintable(u"routes missing from docs/openapi.yaml: "_s + undocumented.join(u", "_s)));
    QVERIFY2(unrouted.isEmpty(),
             qPrintable(u"docs/openapi.yaml documents routes the server lacks: "_s + unrouted.join(u", "_s)));
    QVERIFY(routed.contains(u"GET /openapi.json"_s));
}

void TestApiDocument::serviceRoutes()
{
    expect("GET", u"/health"_s, call("GET", u"/health"_s), 200);
    expect("DELETE", u"/health"_s, call("DELETE", u"/health"_s), 405);
    expect("GET", u"/openapi.json"_s, call("GET", u"/openapi.json"_s), 200);
    expect("PUT", u"/openapi.json"_s, call("PUT", u"/openapi.json"_s, {}, {}, true), 405);
    expect("GET", u"/types"_s, call("GET", u"/types"_s, m_alice), 200);
    expect("GET", u"/types"_s, call("GET", u"/types"_s), 401);
    expect("GET", u"/types"_s, call("GET", u"/types"_s, "not.a.token"), 401);
    expect("POST", u"/types"_s, call("POST", u"/types"_s, m_alice, {}, true), 405);
    validate();
}

void TestApiDocument::sessionRoutes()
{
    const auto login = [](const QString &name, const QString &password) {
        return QJsonObject{{u"username"_s, name}, {u"password"_s, password}};
    };
    const QString password = QString::fromUtf8(kPassword);
    expect("POST", u"/auth/login"_s, call("POST", u"/auth/login"_s, {}, login(u"alice"_s, password)), 200);
    expect("POST", u"/auth/login"_s,
           call("POST", u"/auth/login"_s, {}, login(u"alice@example.com"_s, password)), 200);
    expect("POST", u"/auth/login"_s, call("POST", u"/auth/login"_s, {}, login(u"alice"_s, u"wrong-one-1"_s)),
           401);
    expect("POST", u"/auth/login"_s, call("POST", u"/auth/login"_s, {}, {{u"username"_s, u"alice"_s}}), 400);
    expect("POST", u"/auth/login"_s,
           m_client.send("POST", u"/auth/login"_s, {}, "{\"username\": ", "application/json"), 400);
    expect("POST", u"/auth/login"_s,
           m_client.send("POST", u"/auth/login"_s, {}, "username=alice", "text/plain"), 415);
    expect("GET", u"/auth/login"_s, call("GET", u"/auth/login"_s), 405);

    const QByteArray token = m_client.signIn(u"bob"_s, kPassword);
    expect("GET", u"/me"_s, call("GET", u"/me"_s, token), 200);
    expect("GET", u"/me"_s, call("GET", u"/me"_s), 401);
    expect("POST", u"/auth/logout"_s, call("POST", u"/auth/logout"_s), 401);
    expect("POST", u"/auth/logout"_s, call("POST", u"/auth/logout"_s, token), 204);
    expect("GET", u"/me"_s, call("GET", u"/me"_s, token), 401); // revoked
    expect("DELETE", u"/me"_s, call("DELETE", u"/me"_s, token), 405);
    validate();
}

void TestApiDocument::passwordChange()
{
    const QByteArray token = m_client.signIn(u"ada"_s, kPassword);
    const auto change = [](const QString &current, const QString &next) {
        return QJsonObject{{u"currentPassword"_s, current}, {u"newPassword"_s, next}};
    };
    const QString password = QString::fromUtf8(kPassword);
    const QString next = u"m1ssing-Orchid-42"_s;
    expect("PUT", u"/me/password"_s, call("PUT", u"/me/password"_s, {}, change(password, next)), 401);
    expect("PUT", u"/me/password"_s, call("PUT", u"/me/password"_s, token, change(u"wrong-guess-1"_s, next)),
           403);
    expect("PUT", u"/me/password"_s, call("PUT", u"/me/password"_s, token, change(password, u"short"_s)),
           422);
    expect("PUT", u"/me/password"_s, call("PUT", u"/me/password"_s, token, {{u"newPassword"_s, next}}), 400);
    expect("PUT", u"/me/password"_s, m_client.send("PUT", u"/me/password"_s, token, "x", "text/plain"), 415);
    expect("PUT", u"/me/password"_s, call("PUT", u"/me/password"_s, token, change(password, next)), 204);
    expect("GET", u"/me/password"_s, call("GET", u"/me/password"_s, token), 405);
    validate();
}

void TestApiDocument::schemaRoutes()
{
    expect("GET", u"/schemas"_s, call("GET", u"/schemas"_s, m_alice), 200);
    expect("GET", u"/schemas"_s, call("GET", u"/schemas?limit=1&offset=1"_s, m_alice), 200);
    expect("GET", u"/schemas"_s, call("GET", u"/schemas?limit=0"_s, m_alice), 200);
    expect("GET", u"/schemas"_s, call("GET", u"/schemas?limit=501"_s, m_alice), 400);
    expect("GET", u"/schemas"_s, call("GET", u"/schemas?offset=-1"_s, m_alice), 400);
    expect("GET", u"/schemas"_s, call("GET", u"/schemas"_s), 401);
    expect("PATCH", u"/schemas"_s, call("PATCH", u"/schemas"_s, m_alice, {}, true), 405);

    const QString preview = u"/schemas/{id}/preview"_s;
    const auto at = [](qint64 id, const QString &query = {}) {
        return u"/schemas/%1/preview%2"_s.arg(id).arg(query);
    };
    expect("GET", preview, call("GET", at(m_shopId), m_alice), 200);
    expect("GET", preview,
           call("GET", at(m_shopId, u"?table=orders&offset=999990&limit=10&seed=7"_s), m_alice), 200);
    expect("GET", preview,
           call("GET", at(m_shopId, u"?table=customers&seed=18446744073709551615&limit=0"_s), m_alice), 200);
    expect("GET", preview, call("GET", at(m_shopId, u"?table=nothing"_s), m_alice), 404);
    expect("GET", preview, call("GET", at(m_bobsId), m_alice), 404); // another user's
    expect("GET", preview, call("GET", at(999999), m_alice), 404);
    expect("GET", preview, call("GET", at(m_shopId, u"?seed=minus-one"_s), m_alice), 400);
    expect("GET", preview, call("GET", at(m_shopId, u"?limit=1001"_s), m_alice), 400);
    expect("GET", preview, call("GET", at(m_emptyId), m_alice), 422);
    expect("GET", preview, call("GET", at(m_shopId)), 401);
    expect("POST", preview, call("POST", at(m_shopId), m_alice, {}, true), 405);
    validate();
}

void TestApiDocument::schemaEditing()
{
    const QByteArray admin = m_client.signIn(u"grace"_s, kPassword);
    const QByteArray bob = m_client.signIn(u"bob"_s, kPassword);
    QVERIFY(!admin.isEmpty() && !bob.isEmpty());
    const auto json = [](const QJsonObject &object) { return QJsonDocument(object).toJson(); };
    const auto code = [](const Response &response) {
        return response.json.value(u"error"_s).toObject().value(u"code"_s).toString();
    };

    // Creating: a whole document, a name, for another user.
    const QString schemas = u"/schemas"_s;
    Schema shop = test::shopExample();
    shop.name = u"edited shop"_s;
    shop.tables[0].columns[1].samples = QStringList{u"Ada"_s, u"Grace"_s};
    const Response created = write("POST", schemas, m_alice, SchemaFile::serialize(shop));
    expect("POST", schemas, created, 201);
    const qint64 id = created.json.value(u"id"_s).toInteger();
    QCOMPARE(created.headers.value("location"), "/api/v1/schemas/" + QByteArray::number(id));
    QCOMPARE(created.headers.value("etag"), "\"1\"");
    const Response empty = write("POST", schemas, m_alice,
                                 json({{u"name"_s, u"made empty"_s}, {u"description"_s, u"nothing yet"_s}}));
    expect("POST", schemas, empty, 201);
    const qint64 emptyId = empty.json.value(u"id"_s).toInteger();
    expect("POST", schemas,
           write("POST", u"/schemas?ownerId=%1"_s.arg(m_aliceId), admin,
                 json({{u"name"_s, u"made for alice"_s}})),
           201);
    expect("POST", schemas, write("POST", schemas, m_alice, "{\"name\": "), 400);
    expect("POST", schemas,
           write("POST", schemas, m_alice, json({{u"name"_s, u"x"_s}, {u"colour"_s, u"blue"_s}})), 400);
    expect("POST", schemas, write("POST", schemas, m_alice, json({{u"description"_s, u"no name"_s}})), 400);
    expect("POST", schemas, write("POST", u"/schemas?ownerId=abc"_s, admin, json({{u"name"_s, u"x"_s}})),
           400);
    expect("POST", schemas, write("POST", schemas, {}, json({{u"name"_s, u"x"_s}})), 401);
    expect("POST", schemas,
           write("POST", u"/schemas?ownerId=%1"_s.arg(m_bobId), m_alice, json({{u"name"_s, u"planted"_s}})),
           403);
    expect("POST", schemas, write("POST", u"/schemas?ownerId=999999"_s, admin, json({{u"name"_s, u"x"_s}})),
           404);
    const Response taken = write("POST", schemas, m_alice, SchemaFile::serialize(shop));
    expect("POST", schemas, taken, 409);
    QCOMPARE(code(taken), u"already_exists"_s);
    expect("POST", schemas, write("POST", schemas, m_alice, "name=x", {}, "text/plain"), 415);
    expect("POST", schemas, write("POST", schemas, m_alice, json({{u"name"_s, u"  "_s}})), 422);
    QByteArray unknownKey = SchemaFile::serialize(shop);
    unknownKey.replace("\"name\": \"first_name\"", "\"name\": \"first_name\", \"colour\": \"blue\"");
    const Response refused = write("POST", schemas, m_alice, unknownKey);
    expect("POST", schemas, refused, 422);
    QCOMPARE(refused.json.value(u"error"_s)[u"details"_s][u"path"_s].toString(), u"customers.first_name"_s);

    // One schema: read, changed, stale, deleted.
    const QString item = u"/schemas/{id}"_s;
    const auto schema = [](qint64 schemaId, const QString &rest = {}) {
        return u"/schemas/%1%2"_s.arg(schemaId).arg(rest);
    };
    const Response read = write("GET", schema(id), m_alice, {});
    expect("GET", item, read, 200);
    QCOMPARE(read.json.value(u"revision"_s).toInt(), 1);
    expect("GET", item, write("GET", schema(id), admin, {}), 200);
    expect("GET", item, write("GET", schema(id), bob, {}), 404);
    expect("GET", item, write("GET", schema(999999), m_alice, {}), 404);
    expect("GET", item, write("GET", schema(id), {}, {}), 401);
    expect("PATCH", item, write("PATCH", schema(id), m_alice, "{}"), 405);
    QJsonObject described = read.json;
    described.insert(u"description"_s, u"edited over the API"_s);
    const Response updated = write("PUT", schema(id), m_alice, json(described), read.headers.value("etag"));
    expect("PUT", item, updated, 200);
    QCOMPARE(updated.headers.value("etag"), "\"2\"");
    const Response stale = write("PUT", schema(id), m_alice, json({{u"name"_s, u"stale"_s}}), "\"1\"");
    expect("PUT", item, stale, 412);
    QCOMPARE(code(stale), u"precondition_failed"_s);
    expect("PUT", item, write("PUT", schema(id), m_alice, json({{u"name"_s, u"made empty"_s}})), 409);
    expect("PUT", item, write("PUT", schema(id), m_alice, json({{u"name"_s, 5}})), 400);
    expect("PUT", item, write("PUT", schema(id), m_alice, json({{u"name"_s, u""_s}})), 422);
    expect("PUT", item, write("PUT", schema(id), m_alice, "name=x", {}, "text/plain"), 415);
    expect("PUT", item, write("PUT", schema(id), bob, json({{u"name"_s, u"mine"_s}})), 404);
    expect("PUT", item, write("PUT", schema(id), {}, json({{u"name"_s, u"mine"_s}})), 401);
    expect("DELETE", item, write("DELETE", schema(emptyId), m_alice, {}, "\"7\""), 412);
    expect("DELETE", item, write("DELETE", schema(emptyId), bob, {}), 404);
    expect("DELETE", item, write("DELETE", schema(emptyId), {}, {}), 401);
    expect("DELETE", item, write("DELETE", schema(emptyId), m_alice, {}, "\"1\""), 204);
    expect("DELETE", item, write("DELETE", schema(emptyId), m_alice, {}), 404);
    validate();

    // The whole document, with its ETag.
    const QString document = u"/schemas/{id}/document"_s;
    const Response got = write("GET", schema(id, u"/document"_s), m_alice, {});
    expect("GET", document, got, 200);
    QCOMPARE(got.headers.value("etag"), "\"2\"");
    expect("GET", document, write("GET", schema(id, u"/document"_s), bob, {}), 404);
    expect("GET", document, write("GET", schema(id, u"/document"_s), {}, {}), 401);
    expect("POST", document, write("POST", schema(id, u"/document"_s), m_alice, "{}"), 405);
    Result<Schema> parsed = SchemaFile::parse(got.body);
    QVERIFY(parsed.ok());
    parsed->tables[1].rows = 250;
    const QByteArray edited = SchemaFile::serialize(parsed.value());
    const Response replaced =
        write("PUT", schema(id, u"/document"_s), m_alice, edited, got.headers.value("etag"));
    expect("PUT", document, replaced, 200);
    QCOMPARE(replaced.headers.value("etag"), "\"3\"");
    const Response lost =
        write("PUT", schema(id, u"/document"_s), m_alice, edited, got.headers.value("etag"));
    expect("PUT", document, lost, 412);
    QCOMPARE(code(lost), u"precondition_failed"_s);
    expect("PUT", document, write("PUT", schema(id, u"/document"_s), m_alice, "{\"format\": "), 400);
    expect("PUT", document,
           write("PUT", schema(id, u"/document"_s), m_alice,
                 R"({"format": "something else", "version": 1, "schema": {}})"),
           422);
    Schema renamed = parsed.value();
    renamed.name = u"made for alice"_s;
    expect("PUT", document, write("PUT", schema(id, u"/document"_s), m_alice, SchemaFile::serialize(renamed)),
           409);
    expect("PUT", document, write("PUT", schema(id, u"/document"_s), m_alice, edited, {}, "text/plain"), 415);
    expect("PUT", document, write("PUT", schema(id, u"/document"_s), bob, edited), 404);
    expect("PUT", document, write("PUT", schema(id, u"/document"_s), {}, edited), 401);
    validate();

    // Tables.
    const QString tables = u"/schemas/{id}/tables"_s;
    const Response tableList = write("GET", schema(id, u"/tables"_s), m_alice, {});
    expect("GET", tables, tableList, 200);
    QCOMPARE(tableList.json.value(u"total"_s).toInt(), 2);
    const QJsonObject customers = tableList.json.value(u"items"_s).toArray().at(0).toObject();
    expect("GET", tables, write("GET", schema(id, u"/tables?limit=1&offset=1"_s), m_alice, {}), 200);
    expect("GET", tables, write("GET", schema(id, u"/tables?limit=501"_s), m_alice, {}), 400);
    expect("GET", tables, write("GET", schema(id, u"/tables"_s), bob, {}), 404);
    expect("GET", tables, write("GET", schema(id, u"/tables"_s), {}, {}), 401);
    expect("DELETE", tables, write("DELETE", schema(id, u"/tables"_s), m_alice, {}), 405);
    const QJsonObject coupons{
        {u"name"_s, u"coupons"_s},
        {u"rows"_s, 10},
        {u"columns"_s, QJsonArray{QJsonObject{{u"name"_s, u"code"_s}, {u"type"_s, u"string"_s}}}}};
    const Response added = write("POST", schema(id, u"/tables"_s), m_alice, json(coupons), "\"3\"");
    expect("POST", tables, added, 201);
    const qint64 couponsId = added.json.value(u"id"_s).toInteger();
    QCOMPARE(added.headers.value("location"), "/api/v1/tables/" + QByteArray::number(couponsId));
    QCOMPARE(added.headers.value("etag"), "\"4\"");
    QJsonObject copy = customers;
    copy.insert(u"name"_s, u"clients"_s);
    expect("POST", tables, write("POST", schema(id, u"/tables?position=0"_s), m_alice, json(copy)), 201);
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), m_alice, json(coupons), "\"3\""), 412);
    expect("POST", tables, write("POST", schema(id, u"/tables?position=-1"_s), m_alice, json(coupons)), 400);
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), m_alice, "{\"name\": "), 400);
    expect("POST", tables,
           write("POST", schema(id, u"/tables"_s), m_alice,
                 json({{u"name"_s, u"no rows"_s}, {u"columns"_s, QJsonArray()}})),
           422);
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), m_alice, json(coupons)), 422); // its name
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), m_alice, "name: x", {}, "text/yaml"), 415);
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), bob, json(coupons)), 404);
    expect("POST", tables, write("POST", schema(id, u"/tables"_s), {}, json(coupons)), 401);

    const QString table = u"/tables/{id}"_s;
    const auto tableAt = [](qint64 tableId, const QString &rest = {}) {
        return u"/tables/%1%2"_s.arg(tableId).arg(rest);
    };
    const Response couponsRead = write("GET", tableAt(couponsId), m_alice, {});
    expect("GET", table, couponsRead, 200);
    expect("GET", table, write("GET", tableAt(couponsId), bob, {}), 404);
    expect("GET", table, write("GET", tableAt(999999), m_alice, {}), 404);
    expect("GET", table, write("GET", tableAt(couponsId), {}, {}), 401);
    expect("POST", table, write("POST", tableAt(couponsId), m_alice, "{}"), 405);
    QJsonObject vouchers = couponsRead.json;
    vouchers.insert(u"name"_s, u"vouchers"_s);
    vouchers.insert(u"position"_s, 0);
    const QByteArray current = couponsRead.headers.value("etag");
    const Response moved = write("PUT", tableAt(couponsId), m_alice, json(vouchers), current);
    expect("PUT", table, moved, 200);
    QCOMPARE(moved.json.value(u"position"_s).toInt(), 0);
    expect("PUT", table, write("PUT", tableAt(couponsId), m_alice, json(vouchers), current), 412);
    QJsonObject farAway = vouchers;
    farAway.insert(u"position"_s, 99);
    expect("PUT", table, write("PUT", tableAt(couponsId), m_alice, json(farAway)), 422);
    farAway.insert(u"position"_s, u"last"_s);
    expect("PUT", table, write("PUT", tableAt(couponsId), m_alice, json(farAway)), 400);
    expect("PUT", table, write("PUT", tableAt(couponsId), m_alice, "rows: 1", {}, "text/yaml"), 415);
    expect("PUT", table, write("PUT", tableAt(couponsId), bob, json(vouchers)), 404);
    expect("PUT", table, write("PUT", tableAt(couponsId), {}, json(vouchers)), 401);
    validate();

    // Columns.
    const QString columns = u"/tables/{id}/columns"_s;
    const Response columnList = write("GET", tableAt(couponsId, u"/columns"_s), m_alice, {});
    expect("GET", columns, columnList, 200);
    QCOMPARE(columnList.json.value(u"total"_s).toInt(), 1);
    expect("GET", columns, write("GET", tableAt(couponsId, u"/columns?offset=1"_s), m_alice, {}), 200);
    expect("GET", columns, write("GET", tableAt(couponsId, u"/columns?limit=501"_s), m_alice, {}), 400);
    expect("GET", columns, write("GET", tableAt(couponsId, u"/columns"_s), bob, {}), 404);
    expect("GET", columns, write("GET", tableAt(couponsId, u"/columns"_s), {}, {}), 401);
    expect("PUT", columns, write("PUT", tableAt(couponsId, u"/columns"_s), m_alice, "{}"), 405);
    const QJsonObject value{{u"name"_s, u"value"_s},
                            {u"type"_s, u"integer"_s},
                            {u"description"_s, u"in cents"_s},
                            {u"constraints"_s, QJsonObject{{u"min"_s, 100}, {u"max"_s, 5000}}}};
    const QByteArray beforeColumn = moved.headers.value("etag");
    const Response columnAdded =
        write("POST", tableAt(couponsId, u"/columns"_s), m_alice, json(value), beforeColumn);
    expect("POST", columns, columnAdded, 201);
    const qint64 valueId = columnAdded.json.value(u"id"_s).toInteger();
    QCOMPARE(columnAdded.headers.value("location"), "/api/v1/columns/" + QByteArray::number(valueId));
    expect("POST", columns,
           write("POST", tableAt(couponsId, u"/columns?position=0"_s), m_alice,
                 json({{u"name"_s, u"kind"_s}, {u"type"_s, u"sample"_s}})),
           201);
    expect("POST", columns,
           write("POST", tableAt(couponsId, u"/columns"_s), m_alice, json(value), beforeColumn), 412);
    expect("POST", columns, write("POST", tableAt(couponsId, u"/columns?position=x"_s), m_alice, json(value)),
           400);
    expect("POST", columns,
           write("POST", tableAt(couponsId, u"/columns"_s), m_alice, json({{u"name"_s, u"x"_s}})), 422);
    expect("POST", columns,
           write("POST", tableAt(couponsId, u"/columns"_s), m_alice, "<column/>", {}, "application/xml"),
           415);
    expect("POST", columns, write("POST", tableAt(couponsId, u"/columns"_s), bob, json(value)), 404);
    expect("POST", columns, write("POST", tableAt(couponsId, u"/columns"_s), {}, json(value)), 401);

    const QString column = u"/columns/{id}"_s;
    const auto columnAt = [](qint64 columnId, const QString &rest = {}) {
        return u"/columns/%1%2"_s.arg(columnId).arg(rest);
    };
    const Response valueRead = write("GET", columnAt(valueId), m_alice, {});
    expect("GET", column, valueRead, 200);
    QCOMPARE(valueRead.json.value(u"position"_s).toInt(), 2);
    expect("GET", column, write("GET", columnAt(valueId), bob, {}), 404);
    expect("GET", column, write("GET", columnAt(999999), m_alice, {}), 404);
    expect("GET", column, write("GET", columnAt(valueId), {}, {}), 401);
    expect("POST", column, write("POST", columnAt(valueId), m_alice, "{}"), 405);
    QJsonObject amount = valueRead.json;
    amount.insert(u"name"_s, u"amount"_s);
    const QByteArray columnTag = valueRead.headers.value("etag");
    expect("PUT", column, write("PUT", columnAt(valueId), m_alice, json(amount), columnTag), 200);
    expect("PUT", column, write("PUT", columnAt(valueId), m_alice, json(amount), columnTag), 412);
    QJsonObject misplaced = amount;
    misplaced.insert(u"position"_s, 99);
    expect("PUT", column, write("PUT", columnAt(valueId), m_alice, json(misplaced)), 422);
    misplaced.insert(u"position"_s, -1);
    expect("PUT", column, write("PUT", columnAt(valueId), m_alice, json(misplaced)), 400);
    expect("PUT", column, write("PUT", columnAt(valueId), m_alice, "x", {}, "text/plain"), 415);
    expect("PUT", column, write("PUT", columnAt(valueId), bob, json(amount)), 404);
    expect("PUT", column, write("PUT", columnAt(valueId), {}, json(amount)), 401);

    // Samples.
    const QString samples = u"/columns/{id}/samples"_s;
    const qint64 firstNameId =
        customers.value(u"columns"_s).toArray().at(1).toObject().value(u"id"_s).toInteger();
    const Response sampleList = write("GET", columnAt(firstNameId, u"/samples"_s), m_alice, {});
    expect("GET", samples, sampleList, 200);
    QCOMPARE(sampleList.json.value(u"total"_s).toInt(), 2);
    expect("GET", samples, write("GET", columnAt(firstNameId, u"/samples?limit=1&offset=1"_s), m_alice, {}),
           200);
    expect("GET", samples, write("GET", columnAt(firstNameId, u"/samples?limit=501"_s), m_alice, {}), 400);
    expect("GET", samples, write("GET", columnAt(firstNameId, u"/samples"_s), bob, {}), 404);
    expect("GET", samples, write("GET", columnAt(firstNameId, u"/samples"_s), {}, {}), 401);
    expect("PUT", samples, write("PUT", columnAt(firstNameId, u"/samples"_s), m_alice, "{}"), 405);
    const QJsonObject more{{u"values"_s, QJsonArray{u"Hedy"_s, u"Katherine"_s, u""_s}}};
    const QByteArray beforeSamples = sampleList.headers.value("etag");
    const Response samplesAdded =
        write("POST", columnAt(firstNameId, u"/samples"_s), m_alice, json(more), beforeSamples);
    expect("POST", samples, samplesAdded, 201);
    const QJsonArray fresh = samplesAdded.json.value(u"items"_s).toArray();
    QCOMPARE(fresh.size(), 3);
    expect("POST", samples,
           write("POST", columnAt(firstNameId, u"/samples"_s), m_alice, json(more), beforeSamples), 412);
    expect("POST", samples,
           write("POST", columnAt(firstNameId, u"/samples"_s), m_alice, json({{u"values"_s, u"one"_s}})),
           400);
    expect("POST", samples,
           write("POST", columnAt(firstNameId, u"/samples"_s), m_alice,
                 json({{u"values"_s, QJsonArray{u"ok"_s, 7}}})),
           422);
    expect("POST", samples,
           write("POST", columnAt(firstNameId, u"/samples"_s), m_alice, "Ada", {}, "text/csv"), 415);
    expect("POST", samples, write("POST", columnAt(firstNameId, u"/samples"_s), bob, json(more)), 404);
    expect("POST", samples, write("POST", columnAt(firstNameId, u"/samples"_s), {}, json(more)), 401);
    const QString some = u"/samples?ids=%1,%2"_s.arg(fresh.at(0).toObject().value(u"id"_s).toInteger())
                             .arg(fresh.at(2).toObject().value(u"id"_s).toInteger());
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, some), m_alice, {}, beforeSamples), 412);
    const Response someDeleted = write("DELETE", columnAt(firstNameId, some), m_alice, {});
    expect("DELETE", samples, someDeleted, 204);
    QVERIFY(!someDeleted.headers.value("etag").isEmpty());
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, some), m_alice, {}), 404);
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, u"/samples?ids=abc"_s), m_alice, {}),
           400);
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, u"/samples"_s), bob, {}), 404);
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, u"/samples"_s), {}, {}), 401);
    expect("DELETE", samples, write("DELETE", columnAt(firstNameId, u"/samples"_s), m_alice, {}), 204);
    QCOMPARE(write("GET", columnAt(firstNameId, u"/samples"_s), m_alice, {}).json.value(u"total"_s).toInt(),
             0);
    validate();

    // Derive from samples: the stored samples profiled as an import's.
    const QString profile = u"/columns/{id}/samples:profile"_s;
    const qint64 lastNameId =
        customers.value(u"columns"_s).toArray().at(2).toObject().value(u"id"_s).toInteger();
    QJsonArray names;
    for (int i = 0; i < 30; ++i)
        names.append(i % 3 == 0 ? u"Jones"_s : u"Smith"_s);
    QCOMPARE(write("POST", columnAt(lastNameId, u"/samples"_s), m_alice, json({{u"values"_s, names}})).status,
             201);
    const Response profiled = write("POST", columnAt(lastNameId, u"/samples:profile"_s), m_alice, {});
    expect("POST", profile, profiled, 200);
    QCOMPARE(profiled.json.value(u"column"_s).toObject().value(u"type"_s).toString(), u"enum"_s);
    expect("POST", profile, write("POST", columnAt(lastNameId, u"/samples:profile"_s), m_alice, {}, "\"1\""),
           412);
    expect("POST", profile, write("POST", columnAt(firstNameId, u"/samples:profile"_s), m_alice, {}), 422);
    expect("POST", profile, write("POST", columnAt(lastNameId, u"/samples:profile"_s), bob, {}), 404);
    expect("POST", profile, write("POST", columnAt(lastNameId, u"/samples:profile"_s), {}, {}), 401);
    expect("GET", profile, write("GET", columnAt(lastNameId, u"/samples:profile"_s), m_alice, {}), 405);
    validate();

    // Validation: fine, then with a column of a type nobody knows.
    const QString check = u"/schemas/{id}/validate"_s;
    const Response fine = write("POST", schema(id, u"/validate"_s), m_alice, {});
    expect("POST", check, fine, 200);
    QCOMPARE(fine.json.value(u"valid"_s).toBool(), true);
    QJsonObject broken = write("GET", columnAt(valueId), m_alice, {}).json;
    broken.insert(u"type"_s, u"no_such_type"_s);
    QCOMPARE(write("PUT", columnAt(valueId), m_alice, json(broken)).status, 200);
    const Response invalid = write("POST", schema(id, u"/validate"_s), m_alice, {});
    expect("POST", check, invalid, 200);
    QCOMPARE(invalid.json.value(u"valid"_s).toBool(), false);
    bool located = false;
    for (const QJsonValue &problem : invalid.json.value(u"problems"_s).toArray())
        located =
            located || (problem[u"columnId"_s].toInteger() == valueId && problem[u"line"_s].toInt() > 0);
    QVERIFY2(located, invalid.body.constData());
    expect("POST", check, write("POST", schema(id, u"/validate"_s), bob, {}), 404);
    expect("POST", check, write("POST", schema(id, u"/validate"_s), {}, {}), 401);
    expect("GET", check, write("GET", schema(id, u"/validate"_s), m_alice, {}), 405);

    // Deleting a column and a table, stale first.
    const QByteArray beforeDeletes = invalid.headers.value("etag");
    expect("DELETE", column, write("DELETE", columnAt(valueId), m_alice, {}, "\"1\""), 412);
    expect("DELETE", column, write("DELETE", columnAt(valueId), bob, {}), 404);
    expect("DELETE", column, write("DELETE", columnAt(valueId), {}, {}), 401);
    const Response columnDeleted = write("DELETE", columnAt(valueId), m_alice, {}, beforeDeletes);
    expect("DELETE", column, columnDeleted, 204);
    expect("DELETE", column, write("DELETE", columnAt(valueId), m_alice, {}), 404);
    expect("DELETE", table, write("DELETE", tableAt(couponsId), m_alice, {}, beforeDeletes), 412);
    expect("DELETE", table, write("DELETE", tableAt(couponsId), bob, {}), 404);
    expect("DELETE", table, write("DELETE", tableAt(couponsId), {}, {}), 401);
    expect("DELETE", table,
           write("DELETE", tableAt(couponsId), m_alice, {}, columnDeleted.headers.value("etag")), 204);
    expect("DELETE", table, write("DELETE", tableAt(couponsId), m_alice, {}), 404);
    validate();
}

void TestApiDocument::userRoutes()
{
    const QByteArray admin = m_client.signIn(u"grace"_s, kPassword);
    QVERIFY(!admin.isEmpty());
    const QString password = QString::fromUtf8(kPassword);

    expect("GET", u"/users"_s, call("GET", u"/users"_s, admin), 200);
    expect("GET", u"/users"_s, call("GET", u"/users?limit=1&offset=1"_s, admin), 200);
    expect("GET", u"/users"_s, call("GET", u"/users?limit=-1"_s, admin), 400);
    expect("GET", u"/users"_s, call("GET", u"/users"_s, m_alice), 403);
    expect("GET", u"/users"_s, call("GET", u"/users"_s), 401);
    expect("PATCH", u"/users"_s, call("PATCH", u"/users"_s, admin, {}, true), 405);

    const Response created = call("POST", u"/users"_s, admin,
                                  {{u"username"_s, u"carol"_s},
                                   {u"email"_s, u"carol@example.com"_s},
                                   {u"password"_s, password},
                                   {u"role"_s, u"user"_s}});
    expect("POST", u"/users"_s, created, 201);
    const qint64 carol = created.json.value(u"id"_s).toInteger();
    QCOMPARE(created.headers.value("location"), "/api/v1/users/" + QByteArray::number(carol));
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, admin, {{u"username"_s, u"dave"_s}, {u"password"_s, password}}), 201);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, admin, {{u"username"_s, u"ALICE"_s}, {u"password"_s, password}}), 409);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, admin, {{u"username"_s, u"erin"_s}, {u"password"_s, u"short"_s}}), 422);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, admin,
                {{u"username"_s, u"erin"_s}, {u"email"_s, u"not-an-address"_s}, {u"password"_s, password}}),
           422);
    expect("POST", u"/users"_s, call("POST", u"/users"_s, admin, {{u"username"_s, u"erin"_s}}), 400);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, admin,
                {{u"username"_s, u"erin"_s}, {u"password"_s, password}, {u"admin"_s, true}}),
           400);
    expect("POST", u"/users"_s,
           m_client.send("POST", u"/users"_s, admin, "username=erin", "application/x-www-form-urlencoded"),
           415);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, m_alice, {{u"username"_s, u"erin"_s}, {u"password"_s, password}}), 403);
    expect("POST", u"/users"_s,
           call("POST", u"/users"_s, {}, {{u"username"_s, u"erin"_s}, {u"password"_s, password}}), 401);

    const QString item = u"/users/{id}"_s;
    const auto user = [](qint64 id) { return u"/users/%1"_s.arg(id); };
    expect("GET", item, call("GET", user(carol), admin), 200);
    expect("GET", item, call("GET", user(m_aliceId), m_alice), 200); // one's own row
    expect("GET", item, call("GET", user(m_bobId), m_alice), 403);
    expect("GET", item, call("GET", user(999999), admin), 404);
    expect("GET", item, call("GET", user(carol)), 401);
    expect("POST", item, call("POST", user(carol), admin, {}, true), 405);

    const Response promoted =
        call("PUT", user(carol), admin, {{u"role"_s, u"admin"_s}, {u"email"_s, u"carol@example.org"_s}});
    expect("PUT", item, promoted, 200);
    QCOMPARE(promoted.json.value(u"role"_s).toString(), u"admin"_s);
    const Response disabled = call("PUT", user(carol), admin, {{u"enabled"_s, false}});
    expect("PUT", item, disabled, 200);
    QCOMPARE(disabled.json.value(u"enabled"_s).toBool(), false);
    expect("PUT", item, call("PUT", user(carol), admin, {{u"password"_s, u"m1ssing-Orchid-42"_s}}), 200);
    expect("PUT", item, call("PUT", user(carol), admin, {}, true), 400);
    expect("PUT", item, call("PUT", user(carol), admin, {{u"enabled"_s, u"no"_s}}), 400);
    expect("PUT", item, call("PUT", user(carol), admin, {{u"username"_s, u"caroline"_s}}), 400);
    expect("PUT", item, call("PUT", user(carol), admin, {{u"password"_s, u"carol"_s}}), 422);
    expect("PUT", item, m_client.send("PUT", user(carol), admin, "enabled=1", "text/plain"), 415);
    expect("PUT", item, call("PUT", user(999999), admin, {{u"enabled"_s, false}}), 404);
    expect("PUT", item, call("PUT", user(m_aliceId), m_alice, {{u"role"_s, u"admin"_s}}), 403);
    expect("PUT", item, call("PUT", user(carol), {}, {{u"enabled"_s, true}}), 401);

    expect("DELETE", item, call("DELETE", user(carol), m_alice), 403);
    expect("DELETE", item, call("DELETE", user(carol)), 401);
    expect("DELETE", item, call("DELETE", user(carol), admin), 204);
    expect("DELETE", item, call("DELETE", user(carol), admin), 404);
    validate();

    // The last administrator: a storage of its own with one.
    std::unique_ptr<Repository> repository = m_databases.freshRepository();
    QTemporaryDir dir;
    AuthService auth = test::authService(*repository, dir);
    Result<UserRecord> only = auth.createFirstAdmin(u"olga"_s, {}, kPassword);
    QVERIFY(only.ok());
    ApiServer server(*repository, auth);
    Result<quint16> port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    test::ApiClient client;
    client.setPort(port.value());
    const QByteArray olga = client.signIn(u"olga"_s, kPassword);
    expect("PUT", item, client.call("PUT", user(only->id), olga, {{u"role"_s, u"user"_s}}), 422);
    expect("DELETE", item, client.call("DELETE", user(only->id), olga), 422);
    server.close();
    validate();
}

void TestApiDocument::importRoutes()
{
    const auto upload = [this](const QString &query, const QByteArray &token, const QByteArray &data,
                               const QByteArray &type) {
        return m_client.send("POST", u"/imports"_s + query, token, data, type);
    };
    const QString path = u"/imports"_s;
    const QByteArray shop = test::readFile(kSource + u"/examples/shop.fabrica.json"_s);

    const Response dry = upload(u"?dryRun=true"_s, m_alice, test::appArchive(), "application/zip");
    expect("POST", path, dry, 200);
    QCOMPARE(dry.json.value(u"schemas"_s).toArray().size(), 1);
    expect("POST", path,
           upload(u"?dryRun&filename=customers.csv"_s, m_alice,
                  test::readFile(test::importData(u"csv/customers.csv"_s)), "text/csv"),
           200);
    expect("POST", path,
           upload(u"?dryRun=1&filename=products.tsv"_s, m_alice,
                  test::readFile(test::importData(u"csv/products.tsv"_s)), "text/tab-separated-values"),
           200);

    const Response library =
        upload(u"?filename=library.sql&rows=250"_s, m_alice, kLibraryDdl, "application/sql");
    expect("POST", path, library, 201);
    QVERIFY(library.headers.value("location").startsWith("/api/v1/schemas/"));
    expect("POST", path, upload(u"?filename=library.sql"_s, m_alice, kLibraryDdl, "application/sql"), 409);
    expect("POST", path,
           upload(u"?filename=library.sql&onConflict=rename"_s, m_alice, kLibraryDdl,
                  "text/plain; charset=utf-8"),
           201);
    expect("POST", path, upload(u"?onConflict=replace"_s, m_alice, shop, "application/json"), 201);
    const QByteArray boundary = "----fabrica-document-7MA4YWxkTrZu0gW";
    const Response several = upload(
        {}, m_alice,
        multipartBody(boundary, {{"catalogue.sql", "application/sql", kLibraryDdl},
                                 {"orders.csv", "", test::readFile(test::importData(u"csv/orders.csv"_s))}}),
        "multipart/form-data; boundary=" + boundary);
    expect("POST", path, several, 201);
    QCOMPARE(several.json.value(u"schemas"_s).toArray().size(), 2);
    QVERIFY(!several.headers.contains("location"));
    expect("POST", path,
           upload({}, m_alice,
                  test::zipOf({{u"blog/blog.fabrica.json"_s,
                                test::readFile(kSource + u"/examples/blog.fabrica.json"_s)}}),
                  "application/zip"),
           201);

    expect("POST", path, upload(u"?onConflict=merge"_s, m_alice, shop, "application/json"), 400);
    expect("POST", path, upload(u"?dryRun=perhaps"_s, m_alice, shop, "application/json"), 400);
    expect("POST", path, upload(u"?rows=-1"_s, m_alice, shop, "application/json"), 400);
    expect("POST", path, upload({}, m_alice, {}, "application/sql"), 400);
    expect("POST", path,
           upload({}, m_alice, multipartBody(boundary, {}), "multipart/form-data; boundary=" + boundary),
           400);
    expect("POST", path, upload({}, m_alice, kLibraryDdl, "image/png"), 415);
    expect("POST", path,
           upload({}, m_alice, multipartBody(boundary, {{"notes.txt", "", "hello"}}),
                  "multipart/form-data; boundary=" + boundary),
           415);
    const Response broken = upload({}, m_alice, "PK\x03\x04 not really a zip", "application/zip");
    expect("POST", path, broken, 422);
    QCOMPARE(broken.json.value(u"error"_s).toObject().value(u"code"_s).toString(), u"import_failed"_s);
    expect("POST", path,
           upload(u"?filename=x.fabrica.json"_s, m_alice, "{\n  \"format\": \"fabrica-schema\",,\n}\n",
                  "application/json"),
           422);
    expect("POST", path, upload({}, {}, kLibraryDdl, "application/sql"), 401);
    expect(
        "POST", path,
        parseRaw(m_client.raw("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\n"
                              "Content-Length: 999999999999\r\n\r\n")),
        413);
    expect("GET", path, call("GET", path, m_alice), 405);
    validate();
}

Response TestApiDocument::waitForRun(qint64 id, const QString &status, const QByteArray &token)
{
    Response last;
    const bool ended = QTest::qWaitFor(
        [&] {
            last = call("GET", u"/runs/%1"_s.arg(id), token);
            return last.json.value(u"status"_s).toString() == status;
        },
        60000);
    if (!ended)
        qWarning() << "run" << id << "is not" << status << "but" << last.json.value(u"status"_s).toString();
    return last;
}

void TestApiDocument::runRoutes()
{
    const QByteArray admin = m_client.signIn(u"grace"_s, kPassword);
    const QByteArray bob = m_client.signIn(u"bob"_s, kPassword);
    QVERIFY(!admin.isEmpty() && !bob.isEmpty());
    const QString create = u"/schemas/{id}/runs"_s;
    const QString list = u"/runs"_s;
    const QString item = u"/runs/{id}"_s;
    const QString exportPath = u"/runs/{id}/export"_s;
    const auto runsOf = [](qint64 schema) { return u"/schemas/%1/runs"_s.arg(schema); };
    const auto run = [](qint64 id, const QString &rest = {}) { return u"/runs/%1%2"_s.arg(id).arg(rest); };
    const auto target = [](const QString &kind, const QJsonObject &options = {}) {
        QJsonObject object = options;
        object.insert(u"kind"_s, kind);
        return object;
    };

    // Starting runs: into storage, files made when downloaded (every option of theirs), a database.
    const Response stored = call("POST", runsOf(m_shopId), m_alice,
                                 {{u"seed"_s, 7},
                                  {u"rows"_s, QJsonObject{{u"customers"_s, 20}, {u"orders"_s, 60}}},
                                  {u"target"_s, target(u"stored"_s)}});
    expect("POST", create, stored, 202);
    const qint64 storedId = stored.json.value(u"id"_s).toInteger();
    QCOMPARE(stored.headers.value("location"), "/api/v1/runs/" + QByteArray::number(storedId));
    const Response ndjson = call("POST", runsOf(m_peopleId), m_alice,
                                 {{u"seed"_s, u"18446744073709551615"_s},
                                  {u"rowsPerTable"_s, 25},
                                  {u"threads"_s, 2},
                                  {u"chunkRows"_s, 10},
                                  {u"target"_s, target(u"files"_s, QJsonObject{{u"format"_s, u"ndjson"_s},
                                                                               {u"dialect"_s, u"SQLite"_s},
                                                                               {u"gzip"_s, false},
                                                                               {u"header"_s, true},
                                                                               {u"delimiter"_s, u";"_s},
                                                                               {u"nullText"_s, u"NULL"_s},
                                                                               {u"lineEnding"_s, u"\r\n"_s},
                                                                               {u"formulaGuard"_s, true},
                                                                               {u"pretty"_s, false},
                                                                               {u"createTables"_s, false},
                                                                               {u"batchRows"_s, 10}})}});
    expect("POST", create, ndjson, 202);
    const qint64 ndjsonId = ndjson.json.value(u"id"_s).toInteger();
    const Response gzipped =
        call("POST", runsOf(m_peopleId), m_alice,
             {{u"rowsPerTable"_s, 30}, {u"target"_s, target(u"files"_s, QJsonObject{{u"gzip"_s, true}})}});
    expect("POST", create, gzipped, 202);
    const qint64 gzippedId = gzipped.json.value(u"id"_s).toInteger();
    const QString file = m_dir.filePath(u"loaded-%1.sqlite"_s.arg(sqlDialectId(m_databases.dialect())));
    const Response loaded =
        call("POST", runsOf(m_shopId), admin,
             {{u"rowsPerTable"_s, 5},
              {u"target"_s, target(u"database"_s, QJsonObject{{u"url"_s, QString(u"sqlite:"_s + file)},
                                                              {u"ifExists"_s, u"truncate"_s}})}});
    expect("POST", create, loaded, 202);
    const qint64 loadedId = loaded.json.value(u"id"_s).toInteger();

    expect("POST", create, m_client.send("POST", runsOf(m_shopId), m_alice, "seed=1", "text/plain"), 415);
    expect("POST", create,
           m_client.send("POST", runsOf(m_shopId), m_alice, "{\"seed\": ", "application/json"), 400);
    expect("POST", create, call("POST", runsOf(m_shopId), m_alice, {{u"sed"_s, 1}}), 400);
    expect("POST", create, call("POST", runsOf(m_shopId), m_alice, {{u"seed"_s, 1.5}}), 400);
    expect("POST", create,
           call("POST", runsOf(m_shopId), m_alice,
                {{u"target"_s, target(u"files"_s, QJsonObject{{u"format"_s, u"xml"_s}})}}),
           400);
    expect("POST", create,
           call("POST", runsOf(m_shopId), m_alice,
                {{u"target"_s, target(u"stored"_s, QJsonObject{{u"url"_s, u"x"_s}})}}),
           400);
    const Response unknownTable =
        call("POST", runsOf(m_shopId), m_alice, {{u"rows"_s, QJsonObject{{u"nope"_s, 3}}}});
    expect("POST", create, unknownTable, 422);
    QCOMPARE(unknownTable.json.value(u"error"_s)[u"details"_s][u"path"_s].toString(), u"rows.nope"_s);
    Schema broken = test::shopExample();
    broken.name = u"broken"_s;
    broken.tables[0].columns[1].type = u"no-such-type"_s;
    const Result<SchemaRecord> brokenRecord =
        m_repository->saveSchema(Actor{m_aliceId, false, false}, m_aliceId, broken);
    QVERIFY(brokenRecord.ok());
    expect("POST", create, call("POST", runsOf(brokenRecord->id), m_alice, {{u"rowsPerTable"_s, 1}}), 422);
    const Response forbidden =
        call("POST", runsOf(m_shopId), m_alice,
             {{u"target"_s, target(u"database"_s, QJsonObject{{u"url"_s, QString(u"sqlite:"_s + file)}})}});
    expect("POST", create, forbidden, 403);
    QCOMPARE(forbidden.json.value(u"error"_s)[u"details"_s][u"path"_s].toString(), u"target.kind"_s);
    expect("POST", create, call("POST", runsOf(m_bobsId), m_alice, {{u"rowsPerTable"_s, 1}}), 404);
    expect("POST", create, call("POST", runsOf(999999), m_alice, {{u"rowsPerTable"_s, 1}}), 404);
    expect("POST", create, call("POST", runsOf(m_shopId), {}, {{u"rowsPerTable"_s, 1}}), 401);
    expect("GET", create, call("GET", runsOf(m_shopId), m_alice), 405);
    {
        // A server without a job service takes no runs.
        ApiServer idle(*m_repository, *m_auth);
        Result<quint16> port = idle.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        test::ApiClient client;
        client.setPort(port.value());
        const Response unavailable = client.call("POST", runsOf(m_shopId), m_alice, {{u"rowsPerTable"_s, 1}});
        expect("POST", create, unavailable, 503);
        QCOMPARE(unavailable.json.value(u"error"_s)[u"code"_s].toString(), u"jobs_unavailable"_s);
        idle.close();
    }

    // Reading them.
    for (const auto &[id, token] : {std::pair{storedId, m_alice}, std::pair{ndjsonId, m_alice},
                                    std::pair{gzippedId, m_alice}, std::pair{loadedId, admin}}) {
        const Response finished = waitForRun(id, u"finished"_s, token);
        expect("GET", item, finished, 200);
        QCOMPARE(finished.json.value(u"status"_s).toString(), u"finished"_s);
    }
    expect("GET", item, call("GET", run(storedId), admin), 200); // an administrator reads anyone's
    expect("GET", item, call("GET", run(storedId), bob), 404);   // not bob's
    expect("GET", item, call("GET", run(999999), m_alice), 404);
    expect("GET", item, call("GET", run(storedId)), 401);
    expect("PUT", item, call("PUT", run(storedId), m_alice, {}, true), 405);

    expect("GET", list, call("GET", u"/runs"_s, m_alice), 200);
    expect("GET", list, call("GET", u"/runs"_s, admin), 200);
    const Response page =
        call("GET", u"/runs?schemaId=%1&status=finished&limit=1&offset=1"_s.arg(m_peopleId), m_alice);
    expect("GET", list, page, 200);
    QCOMPARE(page.json.value(u"total"_s).toInteger(), 2);
    QCOMPARE(page.json.value(u"items"_s).toArray().size(), 1);
    expect("GET", list, call("GET", u"/runs?status=queued"_s, m_alice), 200);
    expect("GET", list, call("GET", u"/runs?status=bogus"_s, m_alice), 400);
    expect("GET", list, call("GET", u"/runs?schemaId=x"_s, m_alice), 400);
    expect("GET", list, call("GET", u"/runs?limit=501"_s, m_alice), 400);
    expect("GET", list, call("GET", u"/runs"_s), 401);
    expect("POST", list, call("POST", u"/runs"_s, m_alice, {}, true), 405);
    validate();

    // Downloads, in every media type the document names.
    const auto downloaded = [&](qint64 id, const QString &query, const QByteArray &type,
                                const QByteArray &fileName, Response *kept = nullptr) {
        const Response response = download(run(id, u"/export"_s + query), m_alice);
        expect("GET", exportPath, response, 200);
        QCOMPARE(response.headers.value("content-type"), type);
        const QByteArray disposition =
            "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + fileName;
        QCOMPARE(response.headers.value("content-disposition"), disposition);
        QCOMPARE(response.headers.value("cache-control"), "no-store");
        QCOMPARE(response.headers.value("x-content-type-options"), "nosniff");
        QCOMPARE(response.headers.value("transfer-encoding"), "chunked");
        QVERIFY(!response.body.isEmpty());
        if (kept)
            *kept = response;
    };
    const QByteArray zipName = "shop-run-" + QByteArray::number(storedId) + ".zip";
    Response zip, lines, json, gz;
    downloaded(storedId, {}, "application/zip", zipName, &zip);
    downloaded(storedId, u"?format=json&gzip=true"_s, "application/zip", zipName);
    downloaded(storedId, u"?format=sql&dialect=MySQL"_s, "application/sql; charset=utf-8", "shop.sql");
    downloaded(ndjsonId, {}, "application/x-ndjson; charset=utf-8", "customers.ndjson", &lines);
    downloaded(ndjsonId, u"?format=csv"_s, "text/csv; charset=utf-8", "customers.csv");
    downloaded(ndjsonId, u"?format=tsv"_s, "text/tab-separated-values; charset=utf-8", "customers.tsv");
    downloaded(ndjsonId, u"?format=json"_s, "application/json; charset=utf-8", "customers.json", &json);
    downloaded(gzippedId, {}, "application/gzip", "customers.csv.gz", &gz);
    downloaded(gzippedId, u"?gzip=0"_s, "text/csv; charset=utf-8", "customers.csv");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(zipEntries(zip.body), (QStringList{u"customers.csv"_s, u"orders.csv"_s}));
    QCOMPARE(lines.body.count('\n'), 25);
    QCOMPARE(QJsonDocument::fromJson(json.body).array().size(), 25);
    QVERIFY(gz.body.startsWith("\x1f\x8b"));

    expect("GET", exportPath, call("GET", run(ndjsonId, u"/export?format=xml"_s), m_alice), 400);
    expect("GET", exportPath, call("GET", run(ndjsonId, u"/export?gzip=maybe"_s), m_alice), 400);
    expect("GET", exportPath, call("GET", run(storedId, u"/export?format=sql&dialect=oracle"_s), m_alice),
           400);
    expect("GET", exportPath, call("GET", run(loadedId, u"/export"_s), admin), 409); // in a database
    expect("GET", exportPath, call("GET", run(storedId, u"/export"_s), bob), 404);
    expect("GET", exportPath, call("GET", run(999999, u"/export"_s), m_alice), 404);
    expect("GET", exportPath, call("GET", run(storedId, u"/export"_s)), 401);
    expect("POST", exportPath, call("POST", run(storedId, u"/export"_s), m_alice, {}, true), 405);
    {
        // A server sending as many downloads as it may: the next one waits for Retry-After.
        ApiServer::Options options;
        options.maxDownloads = 1;
        ApiServer busy(*m_repository, *m_auth, options);
        Result<quint16> port = busy.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        test::ApiClient client;
        client.setPort(port.value());
        const Response large = call("POST", runsOf(m_peopleId), m_alice,
                                    {{u"rowsPerTable"_s, 50000000}, {u"target"_s, target(u"files"_s)}});
        QCOMPARE(large.status, 202);
        const qint64 largeId = large.json.value(u"id"_s).toInteger();
        QCOMPARE(waitForRun(largeId, u"finished"_s, m_alice).status, 200);
        QTcpSocket reader; // takes a little and then nothing: the download stays open
        reader.setReadBufferSize(1024);
        reader.connectToHost(QHostAddress::LocalHost, port.value());
        QVERIFY(reader.waitForConnected(5000));
        reader.write("GET /api/v1/runs/" + QByteArray::number(largeId) +
                     "/export HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_alice + "\r\n\r\n");
        QTRY_COMPARE(busy.streamFigures().active, 1);
        const Response refused = client.call("GET", run(largeId, u"/export"_s), m_alice);
        expect("GET", exportPath, refused, 503);
        QCOMPARE(refused.json.value(u"error"_s)[u"code"_s].toString(), u"busy"_s);
        QCOMPARE(refused.headers.value("retry-after"), "5");
        reader.abort();
        QTRY_COMPARE_WITH_TIMEOUT(busy.streamFigures().producing, 0, 10000);
        busy.close();
    }
    validate();

    // Cancelling and deleting. With the workers stopped a run stays queued: not yet to download.
    m_jobs->stop();
    const Response queued = call("POST", runsOf(m_shopId), m_alice, {{u"rowsPerTable"_s, 3}});
    expect("POST", create, queued, 202);
    const qint64 queuedId = queued.json.value(u"id"_s).toInteger();
    expect("GET", exportPath, call("GET", run(queuedId, u"/export"_s), m_alice), 409);
    expect("DELETE", item, call("DELETE", run(queuedId), bob), 404);
    const Response cancelled = call("DELETE", run(queuedId), m_alice);
    expect("DELETE", item, cancelled, 202);
    QCOMPARE(cancelled.json.value(u"status"_s).toString(), u"cancelled"_s);
    expect("DELETE", item, call("DELETE", run(queuedId), m_alice), 204);
    expect("DELETE", item, call("DELETE", run(queuedId), m_alice), 404);
    // Running on an instance that went quiet: asked to stop, it is still running until its worker looks.
    const qint64 claimedId =
        call("POST", runsOf(m_shopId), m_alice, {{u"rowsPerTable"_s, 3}}).json.value(u"id"_s).toInteger();
    const Result<std::optional<RunRecord>> claimed = m_repository->claimRun(u"elsewhere"_s);
    QVERIFY(claimed.ok() && claimed.value() && claimed.value()->id == claimedId);
    const Response asked = call("DELETE", run(claimedId), m_alice);
    expect("DELETE", item, asked, 202);
    QCOMPARE(asked.json.value(u"status"_s).toString(), u"running"_s);
    QCOMPARE(asked.json.value(u"cancelRequested"_s).toBool(), true);
    QCOMPARE(asked.json.value(u"claimedBy"_s).toString(), u"elsewhere"_s);
    QVERIFY(m_repository->finishRun(Actor{m_aliceId, false, false}, claimedId, RunRecord::Status::Cancelled,
                                    {}, 0, {}));
    m_jobs->start(2);
    expect("DELETE", item, call("DELETE", run(claimedId), m_alice), 204);
    expect("DELETE", item, call("DELETE", run(storedId), m_alice), 204);
    expect("DELETE", item, call("DELETE", run(storedId)), 401);
    validate();
}

void TestApiDocument::metricsRoutes()
{
    const Response metrics = m_client.send("GET", u"/metrics"_s, {}, {}, {}, {}, false);
    expect("GET", u"/metrics"_s, metrics, 200);
    QCOMPARE(metrics.headers.value("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    QVERIFY(
        metrics.body.contains("fabrica_http_requests_total{route=\"/users\",method=\"GET\",status=\"403\"}"));
    expect("POST", u"/metrics"_s, call("POST", u"/metrics"_s, {}, {}, true), 405);

    // A server that asks a token for them: an administrator's.
    ApiServer::Options options;
    options.metricsNeedToken = true;
    ApiServer guarded(*m_repository, *m_auth, options);
    Result<quint16> port = guarded.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    test::ApiClient client;
    client.setPort(port.value());
    expect("GET", u"/metrics"_s, client.call("GET", u"/metrics"_s), 401);
    expect("GET", u"/metrics"_s, client.call("GET", u"/metrics"_s, m_alice), 403);
    const QByteArray admin = client.signIn(u"grace"_s, kPassword);
    expect("GET", u"/metrics"_s, client.send("GET", u"/metrics"_s, admin, {}, {}, {}, false), 200);
    guarded.close();
    validate();
}

void TestApiDocument::signInThrottled()
{
    // A server that allows two failed sign-ins per account: the third attempt is refused, the right
    // password included, with Retry-After.
    ApiServer::Options options;
    options.signIn = {2, 100, 600s};
    ApiServer throttled(*m_repository, *m_auth, options);
    Result<quint16> port = throttled.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    test::ApiClient client;
    client.setPort(port.value());
    const auto login = [&client](const QString &password) {
        return client.call("POST", u"/auth/login"_s, {},
                           {{u"username"_s, u"bob"_s}, {u"password"_s, password}});
    };
    const QString path = u"/auth/login"_s;
    expect("POST", path, login(u"wrong-one-1"_s), 401);
    expect("POST", path, login(u"wrong-one-2"_s), 401);
    const Response refused = login(QString::fromUtf8(kPassword));
    expect("POST", path, refused, 429);
    const QJsonObject error = refused.json.value(u"error"_s).toObject();
    QCOMPARE(error.value(u"code"_s).toString(), u"too_many_attempts"_s);
    bool ok = false;
    const int retryAfter = refused.headers.value("retry-after").toInt(&ok);
    QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 600, refused.headers.value("retry-after").constData());
    QCOMPARE(error.value(u"details"_s).toObject().value(u"retryAfter"_s).toInt(), retryAfter);
    throttled.close();
    validate();
}

void TestApiDocument::guardResponses()
{
    // Too large a head, too large a body, ambiguous framing: answered by the socket guard on the route's
    // path before the router sees it.
    QByteArray head = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    while (head.size() < 17 * 1024)
        head += "X-Filler: " + QByteArray(100, 'a') + "\r\n";
    expect("GET", u"/health"_s, parseRaw(m_client.raw(head + "\r\n")), 431);
    expect("POST", u"/auth/login"_s,
           parseRaw(m_client.raw(
               "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 2000000\r\n\r\n{")),
           413);
    expect("GET", u"/me"_s,
           parseRaw(m_client.raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n")),
           400);
    // Silence: the guard's timeout, on no route at all.
    expectComponent(u"RequestTimeout"_s, parseRaw(m_client.raw("GET /api/v1/health HTTP/1.1\r\n", 3000)),
                    408);

    // A server at its connection caps: one address over its share (429), everyone over the total (503).
    ApiServer::Options options;
    options.limits.maxConnectionsPerAddress = 1;
    options.limits.maxConnections = 1;
    ApiServer capped(*m_repository, *m_auth, options);
    Result<quint16> port = capped.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    QTcpSocket first, second;
    first.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(first.waitForConnected(5000));
    second.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(second.waitForConnected(5000));
    QByteArray refused;
    QTRY_VERIFY_WITH_TIMEOUT((refused += second.readAll()).contains("}}"), 5000);
    const Response full = parseRaw(refused);
    QVERIFY2(full.status == 503 || full.status == 429, refused.constData());
    expectComponent(full.status == 503 ? u"ServiceUnavailable"_s : u"TooManyRequests"_s, full, full.status);

    ApiServer::Options perAddress;
    perAddress.limits.maxConnectionsPerAddress = 1;
    ApiServer shared(*m_repository, *m_auth, perAddress);
    port = shared.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    QTcpSocket mine, another;
    mine.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(mine.waitForConnected(5000));
    another.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(another.waitForConnected(5000));
    refused.clear();
    QTRY_VERIFY_WITH_TIMEOUT((refused += another.readAll()).contains("}}"), 5000);
    expectComponent(u"TooManyRequests"_s, parseRaw(refused), 429);
    validate();
}

void TestApiDocument::everyOperationAnswered()
{
    // Every documented operation was seen succeeding above: none is documented without being tried.
    QStringList missing;
    const QJsonObject paths = m_document.value(u"paths"_s).toObject();
    for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
        const QJsonObject item = it.value().toObject();
        for (auto op = item.constBegin(); op != item.constEnd(); ++op) {
            if (op.key() == u"parameters"_s || op.key() == u"summary"_s || op.key() == u"description"_s)
                continue;
            const QString operation = op.key().toUpper() + u' ' + it.key();
            if (!m_answered.contains(operation))
                missing << operation;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"never answered with success here: "_s + missing.join(u", "_s)));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApiDocument>(argc, argv);
}

#include "tst_api_document.moc"
