// The REST API over real HTTP on a loopback port, on SQLite and on the real PostgreSQL server: sign-in and
// tokens (wrong password, tampered, expired, alg none, revoked by logout), /me and the password change,
// /types, /schemas with pagination and ownership, the preview's rows against RowWindow's, the error shape
// and headers of every response, and the socket guard's limits with raw QTcpSocket requests.

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"

#include "api/ApiServer.h"
#include "auth/AuthService.h"
#include "generate/RowWindow.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";
const QByteArray kNewPassword = "m1ssing-Orchid-42";

using Response = test::HttpResponse;

} // namespace

class TestApi : public QObject
{
    Q_OBJECT

public:
    explicit TestApi(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();

    void health();
    void loginHappyPath();
    void loginByEmail();
    void wrongPasswordAndUnknownUser();
    void tokenRequired();
    void badTokensRefused();
    void logoutRevokes();
    void me();
    void passwordChange();
    void types();
    void schemasPaginated();
    void schemasOwnOnly();
    void previewRowsEqualRowWindow();
    void unknownPathAndWrongMethod();
    void malformedBody();
    void requestLogHasNoSecrets();
    void clientHangingUpMidRequest();

    void serveCommand();

    void guardHeadersTooLarge();
    void guardBodyTooLarge();
    void guardAmbiguousFraming();
    void guardChunkedBodyCounted();
    void guardIdleConnectionClosed();
    void guardKeepsServingAfterRequests();
    void guardConnectionCaps();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {}, bool sendBody = false)
    {
        return m_client.call(method, path, token, body, sendBody);
    }
    QString signIn(const QString &name, const QByteArray &password)
    {
        return QString::fromLatin1(m_client.signIn(name, password));
    }
    QByteArray raw(const QByteArray &request, int waitMs = 5000) { return m_client.raw(request, waitMs); }

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    quint16 m_port = 0;
    UserRecord m_admin;
    UserRecord m_alice;
    UserRecord m_bob;
    QList<SchemaRecord> m_aliceSchemas;
    SchemaRecord m_bobSchema;
};

void TestApi::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    Result<UserRecord> admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword);
    QVERIFY2(admin.ok(), qPrintable(admin ? QString() : admin.error().toString()));
    m_admin = admin.value();
    Result<UserRecord> alice =
        m_auth->createUser(Actor::of(m_admin), u"alice"_s, u"alice@example.com"_s, kPassword, Role::User);
    Result<UserRecord> bob =
        m_auth->createUser(Actor::of(m_admin), u"bob"_s, u"bob@example.com"_s, kPassword, Role::User);
    QVERIFY(alice.ok() && bob.ok());
    m_alice = alice.value();
    m_bob = bob.value();

    Schema shop = test::shopExample();
    for (int i = 0; i < 5; ++i) {
        shop.name = u"shop %1"_s.arg(i);
        Result<SchemaRecord> saved = m_repository->saveSchema(Actor::of(m_alice), m_alice.id, shop);
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().toString()));
        m_aliceSchemas << saved.value();
    }
    Schema blog = test::example(u"blog"_s);
    Result<SchemaRecord> bobs = m_repository->saveSchema(Actor::of(m_bob), m_bob.id, blog);
    QVERIFY(bobs.ok());
    m_bobSchema = bobs.value();

    ApiServer::Options options;
    options.limits.idleTimeout = 700ms;
    m_server = std::make_unique<ApiServer>(*m_repository, *m_auth, options);
    Result<quint16> port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY2(port.ok(), qPrintable(port ? QString() : port.error().toString()));
    QVERIFY(port.value() != 0);
    m_port = port.value();
    m_client.setPort(m_port);
}

void TestApi::cleanupTestCase()
{
    m_server.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

void TestApi::health()
{
    const Response response = call("GET", u"/health"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"status"_s).toString(), u"ok"_s);
    QVERIFY(response.json.value(u"storageVersion"_s).toInt() > 0);
}

void TestApi::loginHappyPath()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Response response =
        call("POST", u"/auth/login"_s, {},
             QJsonObject{{u"username"_s, u"alice"_s}, {u"password"_s, QString::fromUtf8(kPassword)}});
    QCOMPARE(response.status, 200);
    const QString token = response.json.value(u"token"_s).toString();
    QCOMPARE(token.count(QLatin1Char('.')), 2);
    QVERIFY(m_auth->authenticate(token).ok());
    const QDateTime expires =
        QDateTime::fromString(response.json.value(u"expires"_s).toString(), Qt::ISODate);
    QVERIFY(expires > before.addSecs(7 * 3600) && expires < before.addSecs(9 * 3600));
    QCOMPARE(response.json.value(u"user"_s).toObject().value(u"username"_s).toString(), u"alice"_s);
    QVERIFY(!response.body.contains("passwordHash"));
}

void TestApi::loginByEmail()
{
    QVERIFY(!signIn(u"Alice@Example.com"_s, kPassword).isEmpty());
}

void TestApi::wrongPasswordAndUnknownUser()
{
    const Response wrong = call("POST", u"/auth/login"_s, {},
                                QJsonObject{{u"username"_s, u"bob"_s}, {u"password"_s, u"not-it-at-all"_s}});
    const Response unknown =
        call("POST", u"/auth/login"_s, {},
             QJsonObject{{u"username"_s, u"nobody"_s}, {u"password"_s, u"not-it-at-all"_s}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.json, unknown.json);
    QCOMPARE(wrong.json.value(u"error"_s).toObject().value(u"code"_s).toString(), u"unauthenticated"_s);
    QVERIFY(!wrong.body.contains("not-it-at-all"));
}

void TestApi::tokenRequired()
{
    for (const auto &[method, path] : QList<std::pair<QByteArray, QString>>{
             {"GET", u"/me"_s},
             {"GET", u"/types"_s},
             {"GET", u"/schemas"_s},
             {"POST", u"/auth/logout"_s},
             {"PUT", u"/me/password"_s},
             {"GET", u"/schemas/%1/preview"_s.arg(m_aliceSchemas.first().id)}}) {
        const Response response = call(method, path);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.headers.value("www-authenticate"), "Bearer");
    }
    QCOMPARE(call("GET", u"/me"_s, "Basic YWxpY2U6eA==").status, 401);
}

void TestApi::badTokensRefused()
{
    const QString token = signIn(u"bob"_s, kPassword);
    QVERIFY(!token.isEmpty());
    QCOMPARE(call("GET", u"/me"_s, token.toLatin1()).status, 200);
    const QList<QByteArray> parts = token.toLatin1().split('.');

    // A payload naming another user (the admin), with bob's signature.
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding |
                                                                        QByteArray::OmitTrailingEquals))
            .object();
    claims.insert(u"sub"_s, QString::number(m_admin.id));
    const QByteArray tampered =
        parts.at(0) + '.' +
        QJsonDocument(claims)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
        '.' + parts.at(2);
    QCOMPARE(call("GET", u"/me"_s, tampered).status, 401);

    const QByteArray none = QByteArray(R"({"alg":"none","typ":"JWT"})")
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(call("GET", u"/me"_s, none + '.' + parts.at(1) + '.').status, 401);

    QByteArray flipped = token.toLatin1();
    flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
    QCOMPARE(call("GET", u"/me"_s, flipped).status, 401);

    // Issued nine hours ago by a service with the same secret: past its eight-hour lifetime.
    Result<AuthService> past =
        AuthService::create(*m_repository, m_dir.filePath(u"token-secret.key"_s), test::fastHashing());
    QVERIFY(past.ok());
    past->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-9 * 3600); });
    Result<AuthService::Session> old = past->signIn(u"bob"_s, kPassword);
    QVERIFY(old.ok());
    const Response expired = call("GET", u"/me"_s, old->token.toLatin1());
    QCOMPARE(expired.status, 401);
    QVERIFY(!expired.body.contains(old->token.toLatin1()));
}

void TestApi::logoutRevokes()
{
    const QByteArray token = signIn(u"ada"_s, kPassword).toLatin1();
    QCOMPARE(call("GET", u"/me"_s, token).status, 200);
    QCOMPARE(call("POST", u"/auth/logout"_s, token).status, 204);
    QCOMPARE(call("GET", u"/me"_s, token).status, 401);
    QCOMPARE(call("GET", u"/me"_s, signIn(u"ada"_s, kPassword).toLatin1()).status, 200);
}

void TestApi::me()
{
    const Response response = call("GET", u"/me"_s, signIn(u"alice"_s, kPassword).toLatin1());
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"id"_s).toInteger(), m_alice.id);
    QCOMPARE(response.json.value(u"username"_s).toString(), u"alice"_s);
    QCOMPARE(response.json.value(u"email"_s).toString(), u"alice@example.com"_s);
    QCOMPARE(response.json.value(u"role"_s).toString(), roleId(Role::User));
    QVERIFY(!response.json.contains(u"passwordHash"_s));
}

void TestApi::passwordChange()
{
    Result<UserRecord> carol =
        m_auth->createUser(Actor::of(m_admin), u"carol"_s, u"carol@example.com"_s, kPassword, Role::User);
    QVERIFY(carol.ok());
    const QByteArray token = signIn(u"carol"_s, kPassword).toLatin1();
    const Response wrong = call("PUT", u"/me/password"_s, token,
                                QJsonObject{{u"currentPassword"_s, u"not-it-at-all"_s},
                                            {u"newPassword"_s, QString::fromUtf8(kNewPassword)}});
    QCOMPARE(wrong.status, 403);
    const Response weak = call(
        "PUT", u"/me/password"_s, token,
        QJsonObject{{u"currentPassword"_s, QString::fromUtf8(kPassword)}, {u"newPassword"_s, u"short"_s}});
    QCOMPARE(weak.status, 422);
    const Response missing = call("PUT", u"/me/password"_s, token, QJsonObject{{u"x"_s, 1}});
    QCOMPARE(missing.status, 400);
    const Response changed = call("PUT", u"/me/password"_s, token,
                                  QJsonObject{{u"currentPassword"_s, QString::fromUtf8(kPassword)},
                                              {u"newPassword"_s, QString::fromUtf8(kNewPassword)}});
    QCOMPARE(changed.status, 204);
    QCOMPARE(call("GET", u"/me"_s, token).status, 401); // the change revokes the old tokens
    QVERIFY(signIn(u"carol"_s, kPassword).isEmpty());
    QVERIFY(!signIn(u"carol"_s, kNewPassword).isEmpty());
}

void TestApi::types()
{
    const Response response = call("GET", u"/types"_s, signIn(u"bob"_s, kPassword).toLatin1());
    QCOMPARE(response.status, 200);
    const QJsonArray types = response.json.value(u"types"_s).toArray();
    QVERIFY(!types.isEmpty());
    QStringList ids;
    for (const QJsonValue &type : types)
        ids << type.toObject().value(u"id"_s).toString();
    QVERIFY2(ids.contains(u"foreign_key"_s), qPrintable(ids.join(u',')));
}

void TestApi::schemasPaginated()
{
    const QByteArray token = signIn(u"alice"_s, kPassword).toLatin1();
    const Response all = call("GET", u"/schemas"_s, token);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json.value(u"total"_s).toInt(), 5);
    QCOMPARE(all.json.value(u"items"_s).toArray().size(), 5);

    const Response page = call("GET", u"/schemas?limit=2&offset=3"_s, token);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json.value(u"total"_s).toInt(), 5);
    QCOMPARE(page.json.value(u"limit"_s).toInt(), 2);
    QCOMPARE(page.json.value(u"offset"_s).toInt(), 3);
    const QJsonArray items = page.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(u"id"_s).toInteger(),
             all.json.value(u"items"_s).toArray().at(3).toObject().value(u"id"_s).toInteger());

    QCOMPARE(call("GET", u"/schemas?limit=-1"_s, token).status, 400);
    QCOMPARE(call("GET", u"/schemas?limit=abc"_s, token).status, 400);
    QCOMPARE(call("GET", u"/schemas?offset=9"_s, token).json.value(u"items"_s).toArray().size(), 0);
}

void TestApi::schemasOwnOnly()
{
    const QByteArray bob = signIn(u"bob"_s, kPassword).toLatin1();
    const Response list = call("GET", u"/schemas"_s, bob);
    QCOMPARE(list.json.value(u"total"_s).toInt(), 1);
    QCOMPARE(list.json.value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toInteger(),
             m_bobSchema.id);
    // Alice's schema does not exist for bob: 404, as for an id nobody has.
    QCOMPARE(call("GET", u"/schemas/%1/preview"_s.arg(m_aliceSchemas.first().id), bob).status, 404);
    QCOMPARE(call("GET", u"/schemas/999999/preview"_s, bob).status, 404);
    const Response admin = call("GET", u"/schemas"_s, signIn(u"ada"_s, kPassword).toLatin1());
    QCOMPARE(admin.json.value(u"total"_s).toInt(), 6);
}

void TestApi::previewRowsEqualRowWindow()
{
    const QByteArray token = signIn(u"alice"_s, kPassword).toLatin1();
    const qint64 id = m_aliceSchemas.first().id;
    const Response response =
        call("GET", u"/schemas/%1/preview?table=orders&offset=2999990&limit=20&seed=7"_s.arg(id), token);
    QCOMPARE(response.status, 200);

    Result<Schema> schema = m_repository->loadSchema(Actor::of(m_alice), id);
    QVERIFY(schema.ok());
    Plan::Options options;
    options.seed = 7;
    Result<std::shared_ptr<const RowWindow>> window = RowWindow::open(schema.value(), u"orders"_s, options);
    QVERIFY(window.ok());
    Result<QList<RowWindow::Row>> rows = (*window)->rows(2999990, 20);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 10); // cut at the end of the table's 3,000,000 rows

    QCOMPARE(response.json.value(u"rowCount"_s).toInteger(), (*window)->rowCount());
    QCOMPARE(response.json.value(u"seed"_s).toString(), u"7"_s);
    const QJsonArray columns = response.json.value(u"columns"_s).toArray();
    QCOMPARE(columns.size(), (*window)->columns().size());
    for (int c = 0; c < columns.size(); ++c)
        QCOMPARE(columns.at(c).toObject().value(u"name"_s).toString(), (*window)->columns().at(c).name);
    const QJsonArray got = response.json.value(u"rows"_s).toArray();
    QCOMPARE(got.size(), rows->size());
    for (int r = 0; r < got.size(); ++r) {
        const QJsonArray cells = got.at(r).toArray();
        QCOMPARE(cells.size(), rows->at(r).size());
        for (int c = 0; c < cells.size(); ++c) {
            const RowWindow::Cell &expected = rows->at(r).at(c);
            if (expected)
                QCOMPARE(cells.at(c).toString(), *expected);
            else
                QVERIFY(cells.at(c).isNull());
        }
    }

    const Response first = call("GET", u"/schemas/%1/preview"_s.arg(id), token);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json.value(u"table"_s).toString(), schema->tables.first().name);
    QCOMPARE(first.json.value(u"rows"_s).toArray().size(), 100);
    QCOMPARE(call("GET", u"/schemas/%1/preview?table=nope"_s.arg(id), token).status, 404);
    QCOMPARE(call("GET", u"/schemas/%1/preview?limit=100000"_s.arg(id), token).status, 400);
    QCOMPARE(call("GET", u"/schemas/%1/preview?seed=x"_s.arg(id), token).status, 400);
}

void TestApi::unknownPathAndWrongMethod()
{
    const Response unknown = call("GET", u"/nothing-here"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json.value(u"error"_s).toObject().value(u"code"_s).toString(), u"not_found"_s);
    QCOMPARE(call("GET", u"/healthz"_s).status, 404);
    QCOMPARE(call("GET", u"/schemas/abc/preview"_s).status, 404);

    const Response wrong = call("DELETE", u"/health"_s);
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.headers.value("allow"), "GET");
    QCOMPARE(wrong.json.value(u"error"_s).toObject().value(u"code"_s).toString(), u"method_not_allowed"_s);
    QCOMPARE(call("GET", u"/auth/login"_s).status, 405);
}

void TestApi::malformedBody()
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/auth/login"_s.arg(m_port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_client.network().post(request, QByteArray("{\"username\": "));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    const QJsonObject error = QJsonDocument::fromJson(reply->readAll()).object().value(u"error"_s).toObject();
    QCOMPARE(error.value(u"code"_s).toString(), u"invalid_input"_s);
    reply->deleteLater();
}

namespace {
QStringList g_log;
QtMessageHandler g_previous = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QByteArrayView(context.category) == "fabrica.api")
        g_log << message;
    g_previous(type, context, message);
}
} // namespace

void TestApi::requestLogHasNoSecrets()
{
    QLoggingCategory::setFilterRules(u"fabrica.api.info=true"_s);
    g_log.clear();
    g_previous = qInstallMessageHandler(captureLog);
    const QString token = signIn(u"bob"_s, kPassword);
    call("GET", u"/me"_s, token.toLatin1());
    call("GET", u"/schemas?limit=1"_s, token.toLatin1());
    qInstallMessageHandler(g_previous);
    const QString all = g_log.join(u'\n');
    QVERIFY(!token.isEmpty());
    QVERIFY2(!all.contains(token), qPrintable(all));
    QVERIFY2(!all.contains(QString::fromUtf8(kPassword)), qPrintable(all));
    QVERIFY2(all.contains(u"POST /api/v1/auth/login 200"_s), qPrintable(all));
    QVERIFY2(all.contains(u"GET /api/v1/me 200"_s) && all.contains(u"user %1"_s.arg(m_bob.id)),
             qPrintable(all));
    QVERIFY2(!all.contains(u"limit=1"_s), qPrintable(all));
}

void TestApi::clientHangingUpMidRequest()
{
    // The client leaves while its sign-in is hashed on a worker: the answer is dropped, the server lives on.
    for (int i = 0; i < 5; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = R"({"username":"bob","password":"Vt7-quartz-lantern"})";
        socket.write("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    QTest::qWait(300);
    QCOMPARE(call("GET", u"/health"_s).status, 200);
}

void TestApi::serveCommand()
{
    const QString binary = qEnvironmentVariable("FABRICA_BINARY");
    QVERIFY2(QFileInfo(binary).isExecutable(),
             "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"home/data"_s));
    environment.remove(u"QT_LOGGING_RULES"_s);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);

    for (const QString &listen : {u"127.0.0.1:0"_s, u"0.0.0.0:0"_s}) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(binary,
                      {u"serve"_s, u"--listen"_s, listen, u"--database"_s, m_repository->url().toString()});
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("/api/v1"), 20000);
        const QRegularExpressionMatch match =
            QRegularExpression(u":(\\d+)/api/v1"_s).match(QString::fromUtf8(out));
        QVERIFY2(match.hasMatch(), out.constData());
        const quint16 serverPort = quint16(match.captured(1).toUInt());
        QVERIFY(serverPort != 0 && serverPort != m_port);

        QNetworkReply *reply = m_client.network().get(
            QNetworkRequest(QUrl(u"http://127.0.0.1:%1/api/v1/health"_s.arg(serverPort))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();

        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        out += process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(out.contains("stopped"), out.constData());
        QVERIFY2(err.contains("GET /api/v1/health 200"), err.constData());
        QCOMPARE(err.contains("WITHOUT TLS"), listen.startsWith(u"0.0.0.0"_s));
    }
}

void TestApi::guardHeadersTooLarge()
{
    QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    while (request.size() < 17 * 1024)
        request += "X-Filler: " + QByteArray(100, 'a') + "\r\n";
    request += "\r\n";
    const QByteArray answer = raw(request);
    QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(200).constData());
    QVERIFY(answer.contains("\"headers_too_large\""));
    QVERIFY(answer.contains("Cache-Control: no-store"));
    QVERIFY(answer.contains("X-Content-Type-Options: nosniff"));
    QVERIFY(answer.contains("Content-Type: application/json; charset=utf-8"));

    // Just under the limit is served.
    QByteArray fits = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    while (fits.size() < 15 * 1024)
        fits += "X-Filler: " + QByteArray(100, 'a') + "\r\n";
    QVERIFY(raw(fits + "\r\n").startsWith("HTTP/1.1 200 "));
}

void TestApi::guardBodyTooLarge()
{
    // Only the headers are sent: the answer comes from the declared length.
    const QByteArray answer = raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(200).constData());
    QVERIFY(answer.contains("\"payload_too_large\""));
    // The upload route takes more than a JSON route (it has its own, larger limit).
    const QByteArray upload = raw("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                  "Content-Length: 0\r\n\r\n");
    QVERIFY2(upload.startsWith("HTTP/1.1 401 "), upload.left(200).constData());
}

void TestApi::guardAmbiguousFraming()
{
    const QByteArray both = raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QVERIFY2(both.startsWith("HTTP/1.1 400 "), both.left(200).constData());
    QVERIFY(both.contains("\"ambiguous_framing\""));
    const QByteArray two = raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                               "Content-Length: 2\r\n\r\n{}");
    QVERIFY2(two.startsWith("HTTP/1.1 400 "), two.left(200).constData());
}

void TestApi::guardChunkedBodyCounted()
{
    QByteArray request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const QByteArray chunk = QByteArray(64 * 1024, 'x');
    for (int i = 0; i < 17; ++i) // 17 × 64 KiB > 1 MiB
        request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    request += "0\r\n\r\n";
    const QByteArray answer = raw(request);
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(200).constData());
}

void TestApi::guardIdleConnectionClosed()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(timer.elapsed() >= 600);

    // A body that stops arriving gets 408 too.
    const QByteArray stalled =
        raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\"", 5000);
    QVERIFY2(stalled.startsWith("HTTP/1.1 408 "), stalled.left(200).constData());

    // A request that never completes gets 408.
    const QByteArray slow = raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n", 5000);
    QVERIFY2(slow.startsWith("HTTP/1.1 408 "), slow.left(200).constData());
}

void TestApi::guardKeepsServingAfterRequests()
{
    // Two requests on one connection, the second after the first's answer: both answered, then idle close.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
    socket.write(request);
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"ok\""), 5000);
    socket.write(request);
    answer.clear();
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"ok\""), 5000);
    QVERIFY(answer.startsWith("HTTP/1.1 200 "));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestApi::guardConnectionCaps()
{
    ApiServer::Options options;
    options.limits.maxConnectionsPerAddress = 2;
    options.limits.maxConnections = 3;
    ApiServer capped(*m_repository, *m_auth, options);
    Result<quint16> port = capped.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    auto open = [&](QTcpSocket &socket) {
        socket.connectToHost(QHostAddress::LocalHost, port.value());
        return socket.waitForConnected(5000);
    };
    QTcpSocket first, second, third;
    QVERIFY(open(first) && open(second) && open(third));
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += third.readAll()).startsWith("HTTP/1.1 429 "), 5000);
    QVERIFY(answer.contains("\"too_many_connections\""));
    QTRY_COMPARE_WITH_TIMEOUT(third.state(), QAbstractSocket::UnconnectedState, 5000);

    // Once one leaves, a new connection is served.
    first.disconnectFromHost();
    QTest::qWait(200);
    QTcpSocket fourth;
    QVERIFY(open(fourth));
    fourth.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    answer.clear();
    QTRY_VERIFY_WITH_TIMEOUT((answer += fourth.readAll()).contains("\"ok\""), 5000);
    QVERIFY(answer.startsWith("HTTP/1.1 200 "));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApi>(argc, argv);
}

#include "tst_api.moc"
