// The OpenAPI document against the real server, over real HTTP on SQLite and PostgreSQL storage: the router
// and the served document list the same paths and methods (an undocumented route fails here), the served
// document is docs/openapi.yaml as it is now, and real responses of every documented route, happy and
// error cases, the socket guard's included, validate against the document (status documented, required
// headers present, body valid against its JSON Schema) with python3-jsonschema (check_api_responses.py).

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"

#include "api/ApiServer.h"
#include "api/OpenApiRoutes.h"
#include "auth/AuthService.h"

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
    void guardResponses();
    void everyOperationAnswered();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {}, bool sendBody = false)
    {
        return m_client.call(method, path, token, body, sendBody);
    }
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
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    QJsonObject m_document;
    QJsonArray m_cases;
    QSet<QString> m_answered; // "GET /me" of every operation that answered 2xx
    QByteArray m_alice;
    qint64 m_shopId = 0;
    qint64 m_emptyId = 0;
    qint64 m_bobsId = 0;
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

    ApiServer::Options options;
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
