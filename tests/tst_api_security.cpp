// The API's security edges over real HTTP, on SQLite and on the real PostgreSQL server: the JWT attacks
// (alg none, other algorithms and secrets, tampered payloads, time claims, revocation by logout, password,
// role change, disabling and deletion), the sign-in rate limit (429 with Retry-After per account and per
// address, before any hashing, reset by a success, exact under concurrent attempts), HTTPS with a
// certificate made by openssl for the test (trusted, untrusted, plain HTTP on the TLS port, the socket
// guard behind TLS, bad files, `fabrica serve --tls-cert/--tls-key`), 20 concurrent clients, and the
// request framings tst_api does not cover.

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"

#include "api/ApiServer.h"
#include "api/ApiTls.h"
#include "api/SignInThrottle.h"
#include "auth/AuthService.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";
const QByteArray kNewPassword = "m1ssing-Orchid-42";
const QByteArray kWrong = "not-it-at-all-9";

using Response = test::HttpResponse;

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray fromBase64Url(const QByteArray &data)
{
    return QByteArray::fromBase64(data, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token made as an attacker (or, with the real secret, the server) would: header and claims signed
// with an HMAC of the given hash.
QByteArray signedToken(const QByteArray &header, const QJsonObject &claims, const QByteArray &secret,
                       QCryptographicHash::Algorithm hash = QCryptographicHash::Sha256)
{
    const QByteArray signingInput = base64Url(header) + '.' + base64Url(compact(claims));
    return signingInput + '.' + base64Url(QMessageAuthenticationCode::hash(signingInput, secret, hash));
}

const QByteArray kHs256Header = R"({"alg":"HS256","typ":"JWT"})";

// What came back on a raw connection: the status of the first response line (0 when none).
int statusOf(const QByteArray &answer)
{
    if (!answer.startsWith("HTTP/1.1 "))
        return 0;
    return answer.mid(9, 3).toInt();
}

// One raw HTTP exchange, optionally from another loopback source address; reads until the response's
// declared length is in, the server closes, or ten seconds pass.
QByteArray exchange(quint16 port, const QByteArray &request, const QHostAddress &source = {})
{
    QTcpSocket socket;
    if (!source.isNull() && !socket.bind(source, 0))
        return "bind failed";
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    // The server runs on this thread: wait with its events processed, never in a blocking call.
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
        QTest::qWait(10);
        answer += socket.readAll();
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const QRegularExpressionMatch length = QRegularExpression(u"(?i)\r\ncontent-length: *(\\d+)"_s)
                                                   .match(QString::fromLatin1(answer.left(end)));
        if (length.hasMatch() && answer.size() >= end + 4 + length.captured(1).toLongLong())
            break;
    }
    return answer + socket.readAll();
}

QByteArray loginRequest(const QString &name, const QByteArray &password)
{
    const QByteArray body =
        compact(QJsonObject{{u"username"_s, name}, {u"password"_s, QString::fromUtf8(password)}});
    return "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
           "application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestApiSecurity : public QObject
{
    Q_OBJECT

public:
    explicit TestApiSecurity(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();

    void jwtResignedWithTheSecretIsAccepted();
    void jwtAlgNone();
    void jwtOtherAlgorithmsAndSecrets();
    void jwtTamperedPayload();
    void jwtTimeClaims();
    void jwtRevokedByLogout();
    void jwtRevokedByPasswordChanges();
    void jwtRevokedByRoleChangeDisableAndDelete();

    void throttleAddressKeys();
    void throttlePerAccount();
    void throttleRetryAfterFollowsWindow();
    void throttlePerAddress();
    void throttlePerForwardedClient();
    void throttleSuccessResets();
    void throttleConcurrentAttempts();

    void tlsServesHttps();
    void tlsUntrustedClientGetsNoAnswer();
    void tlsPlainHttpGetsNothing();
    void tlsGuardKept();
    void tlsBadFiles();
    void serveWithTls();

    void twentyConcurrentClients();

    void guardLongRequestLine();
    void guardOtherTransferCodings();
    void guardMalformedFraming();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {})
    {
        return m_client.call(method, path, token, body);
    }
    QByteArray signIn(const QString &name, const QByteArray &password = kPassword)
    {
        return m_client.signIn(name, password);
    }
    // A new user of role User (or Admin) with kPassword.
    UserRecord newUser(const QString &name, Role role = Role::User);
    // The claims of a token, as the server issued them.
    static QJsonObject claimsOf(const QByteArray &token);
    // An API server on a free loopback port with these sign-in limits (and TLS when given).
    std::unique_ptr<ApiServer> startServer(SignInThrottle::Limits limits,
                                           std::optional<QSslConfiguration> tls = std::nullopt);
    Response login(test::ApiClient &client, const QString &name, const QByteArray &password)
    {
        return client.call("POST", u"/auth/login"_s, {},
                           QJsonObject{{u"username"_s, name}, {u"password"_s, QString::fromUtf8(password)}});
    }
    // A GET over HTTPS; sslErrors gets the client's TLS errors.
    Response httpsCall(QNetworkAccessManager &network, const QByteArray &method, quint16 port,
                       const QString &path, bool trustCertificate, const QByteArray &token = {},
                       const QByteArray &body = {}, QList<QSslError> *sslErrors = nullptr);
    QProcessEnvironment serveEnvironment() const;

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    QByteArray m_secret;
    UserRecord m_admin;
    UserRecord m_alice;
    QString m_certificateFile;
    QString m_keyFile;
    QString m_otherKeyFile;
    QSslCertificate m_certificate;
};

UserRecord TestApiSecurity::newUser(const QString &name, Role role)
{
    Result<UserRecord> user =
        m_auth->createUser(Actor::of(m_admin), name, name + u"@example.com"_s, kPassword, role);
    if (!user)
        qFatal("cannot create user %s: %s", qPrintable(name), qPrintable(user.error().toString()));
    return user.value();
}

QJsonObject TestApiSecurity::claimsOf(const QByteArray &token)
{
    return QJsonDocument::fromJson(fromBase64Url(token.split('.').value(1))).object();
}

std::unique_ptr<ApiServer> TestApiSecurity::startServer(SignInThrottle::Limits limits,
                                                        std::optional<QSslConfiguration> tls)
{
    ApiServer::Options options;
    options.limits.idleTimeout = 700ms;
    options.signIn = limits;
    options.tls = std::move(tls);
    auto server = std::make_unique<ApiServer>(*m_repository, *m_auth, options);
    Result<quint16> port = server->listen(QHostAddress::LocalHost, 0);
    if (!port)
        qFatal("cannot listen: %s", qPrintable(port.error().toString()));
    return server;
}

Response TestApiSecurity::httpsCall(QNetworkAccessManager &network, const QByteArray &method, quint16 port,
                                    const QString &path, bool trustCertificate, const QByteArray &token,
                                    const QByteArray &body, QList<QSslError> *sslErrors)
{
    QNetworkRequest request(QUrl(u"https://127.0.0.1:%1/api/v1%2"_s.arg(port).arg(path)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (trustCertificate)
        tls.setCaCertificates({m_certificate});
    request.setSslConfiguration(tls);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    if (sslErrors)
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                         [sslErrors](const QList<QSslError> &errors) { *sslErrors += errors; });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(20000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.json = QJsonDocument::fromJson(response.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return response;
}

QProcessEnvironment TestApiSecurity::serveEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"home/data"_s));
    environment.remove(u"QT_LOGGING_RULES"_s);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    return environment;
}

void TestApiSecurity::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    QFile secret(m_dir.filePath(u"token-secret.key"_s));
    QVERIFY(secret.open(QIODevice::ReadOnly));
    m_secret = secret.readAll();
    QCOMPARE(m_secret.size(), 32);

    Result<UserRecord> admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword);
    QVERIFY(admin.ok());
    m_admin = admin.value();
    m_alice = newUser(u"alice"_s);

    m_server = startServer(SignInThrottle::Limits());
    m_client.setPort(m_server->port());

    // A self-signed EC certificate for 127.0.0.1 (and a key that does not belong to it), made fresh.
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    QVERIFY2(!openssl.isEmpty(), "the TLS tests need the openssl command (Debian package openssl)");
    m_certificateFile = m_dir.filePath(u"cert.pem"_s);
    m_keyFile = m_dir.filePath(u"key.pem"_s);
    m_otherKeyFile = m_dir.filePath(u"other-key.pem"_s);
    QProcess req;
    req.start(openssl,
              {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
               u"-nodes"_s, u"-keyout"_s, m_keyFile, u"-out"_s, m_certificateFile, u"-days"_s, u"2"_s,
               u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s});
    QVERIFY(req.waitForFinished(30000));
    QVERIFY2(req.exitCode() == 0, req.readAllStandardError().constData());
    QProcess other;
    other.start(openssl, {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                          u"ec_paramgen_curve:prime256v1"_s, u"-out"_s, m_otherKeyFile});
    QVERIFY(other.waitForFinished(30000));
    QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certificateFile);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.first();
}

void TestApiSecurity::cleanupTestCase()
{
    m_server.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

// The control for the attacks below: the test's own signing, with the real secret and the claims as
// issued, makes a token the server takes; so each refusal below is for the one thing changed.
void TestApiSecurity::jwtResignedWithTheSecretIsAccepted()
{
    const QByteArray token = signIn(u"alice"_s);
    QVERIFY(!token.isEmpty());
    const QByteArray again = signedToken(kHs256Header, claimsOf(token), m_secret);
    const Response response = call("GET", u"/me"_s, again);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"username"_s).toString(), u"alice"_s);
}

void TestApiSecurity::jwtAlgNone()
{
    const QByteArray token = signIn(u"alice"_s);
    const QJsonObject claims = claimsOf(token);
    for (const QByteArray &header :
         {QByteArray(R"({"alg":"none","typ":"JWT"})"), QByteArray(R"({"alg":"none"})"),
          QByteArray(R"({"alg":"None","typ":"JWT"})"), QByteArray(R"({"alg":"NONE","typ":"JWT"})")}) {
        const QByteArray unsignedToken = base64Url(header) + '.' + base64Url(compact(claims)) + '.';
        const Response response = call("GET", u"/me"_s, unsignedToken);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.json.value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"unauthenticated"_s);
        QCOMPARE(response.headers.value("www-authenticate"), "Bearer");
        // … and with the original signature left on.
        QCOMPARE(call("GET", u"/me"_s, unsignedToken + token.split('.').at(2)).status, 401);
    }
}

void TestApiSecurity::jwtOtherAlgorithmsAndSecrets()
{
    const QJsonObject claims = claimsOf(signIn(u"alice"_s));
    // The right secret, other HMACs.
    QCOMPARE(call("GET", u"/me"_s,
                  signedToken(R"({"alg":"HS384","typ":"JWT"})", claims, m_secret, QCryptographicHash::Sha384))
                 .status,
             401);
    QCOMPARE(call("GET", u"/me"_s,
                  signedToken(R"({"alg":"HS512","typ":"JWT"})", claims, m_secret, QCryptographicHash::Sha512))
                 .status,
             401);
    // HS256 with another secret (of the right length).
    QCOMPARE(call("GET", u"/me"_s, signedToken(kHs256Header, claims, QByteArray(32, 'k'))).status, 401);
    // An RS256 header: signed with the HMAC secret (the algorithm confusion), or with junk of RSA's size.
    QCOMPARE(call("GET", u"/me"_s, signedToken(R"({"alg":"RS256","typ":"JWT"})", claims, m_secret)).status,
             401);
    const QByteArray rs256 = base64Url(R"({"alg":"RS256","typ":"JWT"})") + '.' + base64Url(compact(claims)) +
                             '.' + base64Url(QByteArray(256, '\x5a'));
    QCOMPARE(call("GET", u"/me"_s, rs256).status, 401);
    // The right algorithm with a header the server does not understand.
    QCOMPARE(
        call("GET", u"/me"_s, signedToken(R"({"alg":"HS256","typ":"JWT","crit":["exp"]})", claims, m_secret))
            .status,
        401);
    QCOMPARE(call("GET", u"/me"_s, signedToken(R"({"alg":"hs256","typ":"JWT"})", claims, m_secret)).status,
             401);
}

void TestApiSecurity::jwtTamperedPayload()
{
    const QByteArray token = signIn(u"alice"_s);
    const QList<QByteArray> parts = token.split('.');
    auto withSignatureOf = [&](const QJsonObject &claims) -> QByteArray {
        return parts.at(0) + '.' + base64Url(compact(claims)) + '.' + parts.at(2);
    };
    QJsonObject admin = claimsOf(token);
    admin.insert(u"sub"_s, QString::number(m_admin.id));
    QCOMPARE(call("GET", u"/me"_s, withSignatureOf(admin)).status, 401);
    QJsonObject role = claimsOf(token);
    role.insert(u"role"_s, u"admin"_s);
    QCOMPARE(call("GET", u"/me"_s, withSignatureOf(role)).status, 401);
    QJsonObject longer = claimsOf(token);
    longer.insert(u"exp"_s, longer.value(u"exp"_s).toInteger() + 365 * 86400);
    QCOMPARE(call("GET", u"/me"_s, withSignatureOf(longer)).status, 401);
    // Only the admin's schemas answer would tell; /me says who the server thinks it is.
    QCOMPARE(call("GET", u"/me"_s, token).json.value(u"username"_s).toString(), u"alice"_s);
}

void TestApiSecurity::jwtTimeClaims()
{
    const QJsonObject issued = claimsOf(signIn(u"alice"_s));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto resigned = [&](const std::function<void(QJsonObject &)> &change) {
        QJsonObject claims = issued;
        change(claims);
        return call("GET", u"/me"_s, signedToken(kHs256Header, claims, m_secret));
    };
    // Every one of these carries a valid signature: the claims themselves are refused.
    const Response expired = resigned([&](QJsonObject &c) {
        c.insert(u"iat"_s, now - 7200);
        c.insert(u"nbf"_s, now - 7200);
        c.insert(u"exp"_s, now - 60);
    });
    QCOMPARE(expired.status, 401);
    QVERIFY2(expired.body.contains("expired"), expired.body.constData());
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"nbf"_s, now + 3600); }).status, 401);
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"iat"_s, now + 3600); }).status, 401);
    QCOMPARE(resigned([&](QJsonObject &c) { c.remove(u"exp"_s); }).status, 401);
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"exp"_s, QString::number(now + 3600)); }).status, 401);
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"exp"_s, double(now) + 3600.5); }).status, 401);
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"sub"_s, m_alice.id); }).status, 401); // a number
    QCOMPARE(resigned([&](QJsonObject &c) { c.insert(u"ver"_s, c.value(u"ver"_s).toInteger() + 1); }).status,
             401);
    QCOMPARE(resigned([](QJsonObject &) {}).status, 200);
}

void TestApiSecurity::jwtRevokedByLogout()
{
    const QByteArray first = signIn(u"alice"_s);
    const QByteArray second = signIn(u"alice"_s);
    QCOMPARE(call("GET", u"/me"_s, first).status, 200);
    QCOMPARE(call("POST", u"/auth/logout"_s, first).status, 204);
    // The logout ends every session of the user, also the one signed in elsewhere.
    QCOMPARE(call("GET", u"/me"_s, first).status, 401);
    QCOMPARE(call("GET", u"/me"_s, second).status, 401);
    QCOMPARE(call("POST", u"/auth/logout"_s, first).status, 401);
    QCOMPARE(call("GET", u"/me"_s, signIn(u"alice"_s)).status, 200);
}

void TestApiSecurity::jwtRevokedByPasswordChanges()
{
    newUser(u"dora"_s);
    const QByteArray token = signIn(u"dora"_s);
    const QByteArray other = signIn(u"dora"_s);
    QCOMPARE(call("PUT", u"/me/password"_s, token,
                  QJsonObject{{u"currentPassword"_s, QString::fromUtf8(kPassword)},
                              {u"newPassword"_s, QString::fromUtf8(kNewPassword)}})
                 .status,
             204);
    QCOMPARE(call("GET", u"/me"_s, token).status, 401);
    QCOMPARE(call("GET", u"/me"_s, other).status, 401);

    // An administrator's reset revokes too.
    const QByteArray before = signIn(u"dora"_s, kNewPassword);
    QCOMPARE(call("GET", u"/me"_s, before).status, 200);
    const UserRecord dora = m_auth->userByName(Actor::of(m_admin), u"dora"_s).value();
    QVERIFY(m_auth->setPassword(Actor::of(m_admin), dora.id, kPassword).ok());
    QCOMPARE(call("GET", u"/me"_s, before).status, 401);
    QCOMPARE(call("GET", u"/me"_s, signIn(u"dora"_s)).status, 200);
}

void TestApiSecurity::jwtRevokedByRoleChangeDisableAndDelete()
{
    const UserRecord erin = newUser(u"erin"_s);
    const QByteArray user = signIn(u"erin"_s);
    QVERIFY(m_auth->setRole(Actor::of(m_admin), erin.id, Role::Admin).ok());
    QCOMPARE(call("GET", u"/me"_s, user).status, 401);
    const QByteArray admin = signIn(u"erin"_s);
    QCOMPARE(call("GET", u"/me"_s, admin).json.value(u"role"_s).toString(), roleId(Role::Admin));
    // Demoted: the admin token must not keep the admin's rights.
    QVERIFY(m_auth->setRole(Actor::of(m_admin), erin.id, Role::User).ok());
    QCOMPARE(call("GET", u"/me"_s, admin).status, 401);

    const QByteArray enabled = signIn(u"erin"_s);
    QVERIFY(m_auth->setDisabled(Actor::of(m_admin), erin.id, true).ok());
    QCOMPARE(call("GET", u"/me"_s, enabled).status, 401);
    QVERIFY(signIn(u"erin"_s).isEmpty());
    // Enabled again, the old token stays dead.
    QVERIFY(m_auth->setDisabled(Actor::of(m_admin), erin.id, false).ok());
    QCOMPARE(call("GET", u"/me"_s, enabled).status, 401);

    const QByteArray last = signIn(u"erin"_s);
    QCOMPARE(call("GET", u"/me"_s, last).status, 200);
    QVERIFY(m_auth->deleteUser(Actor::of(m_admin), erin.id).ok());
    QCOMPARE(call("GET", u"/me"_s, last).status, 401);
}

void TestApiSecurity::throttleAddressKeys()
{
    const QString v4 = SignInThrottle::addressKey(QHostAddress(u"192.0.2.7"_s));
    QCOMPARE(SignInThrottle::addressKey(QHostAddress(u"::ffff:192.0.2.7"_s)), v4);
    QVERIFY(SignInThrottle::addressKey(QHostAddress(u"192.0.2.8"_s)) != v4);
    // One IPv6 host's /64 is one address.
    QCOMPARE(SignInThrottle::addressKey(QHostAddress(u"2001:db8:1:2:aaaa::1"_s)),
             SignInThrottle::addressKey(QHostAddress(u"2001:db8:1:2:bbbb::9"_s)));
    QVERIFY(SignInThrottle::addressKey(QHostAddress(u"2001:db8:1:3::1"_s)) !=
            SignInThrottle::addressKey(QHostAddress(u"2001:db8:1:2::1"_s)));
    QCOMPARE(SignInThrottle::accountKey(u" Alice "_s), SignInThrottle::accountKey(u"alice"_s));
}

void TestApiSecurity::throttlePerAccount()
{
    const UserRecord fred = newUser(u"fred"_s);
    auto server = startServer({3, 100, 600s});
    test::ApiClient client;
    client.setPort(server->port());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(login(client, u"fred"_s, kWrong).status, 401);
    QCOMPARE(m_repository->user(Actor::systemActor(), fred.id)->failedAttempts, 3);

    // Over the limit: 429 even with the right password, by e-mail too, and nothing reaches the hashing
    // (the stored count of failures stays where it was).
    for (const QString &name : {u"fred"_s, u"FRED"_s, u"fred@example.com"_s}) {
        const Response refused = login(client, name, kPassword);
        QCOMPARE(refused.status, 429);
        const QJsonObject error = refused.json.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"too_many_attempts"_s);
        bool ok = false;
        const int retryAfter = refused.headers.value("retry-after").toInt(&ok);
        QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 600,
                 refused.headers.value("retry-after").constData());
        QCOMPARE(error.value(u"details"_s).toObject().value(u"retryAfter"_s).toInt(), retryAfter);
    }
    QCOMPARE(login(client, u"fred"_s, kWrong).status, 429);
    QCOMPARE(m_repository->user(Actor::systemActor(), fred.id)->failedAttempts, 3);
    // Other accounts from the same address are not affected.
    QCOMPARE(login(client, u"alice"_s, kPassword).status, 200);
}

void TestApiSecurity::throttleRetryAfterFollowsWindow()
{
    newUser(u"gina"_s);
    auto server = startServer({2, 100, 600s});
    std::atomic<qint64> elapsed{0};
    const SignInThrottle::Clock::time_point start = SignInThrottle::Clock::now();
    server->signInThrottle().setClock([&] { return start + std::chrono::seconds(elapsed.load()); });
    test::ApiClient client;
    client.setPort(server->port());
    QCOMPARE(login(client, u"gina"_s, kWrong).status, 401);
    elapsed = 100;
    QCOMPARE(login(client, u"gina"_s, kWrong).status, 401);
    elapsed = 150;
    // Free again when the first failure leaves the window: 600 s after it, 450 s from now.
    Response refused = login(client, u"gina"_s, kPassword);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.headers.value("retry-after"), "450");
    elapsed = 599;
    QCOMPARE(login(client, u"gina"_s, kPassword).headers.value("retry-after"), "1");
    elapsed = 600;
    QCOMPARE(login(client, u"gina"_s, kPassword).status, 200);
}

void TestApiSecurity::throttlePerAddress()
{
    auto server = startServer({100, 4, 600s});
    test::ApiClient client;
    client.setPort(server->port());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(login(client, u"nobody%1"_s.arg(i), kWrong).status, 401);
    // The address is over its limit for every account, the right password included.
    const Response refused = login(client, u"alice"_s, kPassword);
    QCOMPARE(refused.status, 429);
    QVERIFY(refused.headers.value("retry-after").toInt() >= 1);
    QCOMPARE(statusOf(exchange(server->port(), loginRequest(u"alice"_s, kPassword))), 429);
    // Another address (127.0.0.2 is loopback too) signs in.
    const QByteArray other =
        exchange(server->port(), loginRequest(u"alice"_s, kPassword), QHostAddress(u"127.0.0.2"_s));
    QVERIFY2(statusOf(other) == 200, other.left(300).constData());
    QVERIFY(other.contains("\"token\""));
}

// Behind a trusted proxy the limit per address counts the client X-Forwarded-For names; from anyone else
// the header changes nothing.
void TestApiSecurity::throttlePerForwardedClient()
{
    ApiServer::Options options;
    options.signIn = {100, 3, 600s};
    options.trustedProxies = {{QHostAddress(QHostAddress::LocalHost), 32}};
    ApiServer server(*m_repository, *m_auth, options);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const auto via = [](const QByteArray &request, const QByteArray &client) {
        QByteArray forwarded = request;
        forwarded.replace("Host: x\r\n", QByteArray("Host: x\r\nX-Forwarded-For: " + client + "\r\n"));
        return forwarded;
    };
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(
            statusOf(exchange(server.port(), via(loginRequest(u"nobody%1"_s.arg(i), kWrong), "203.0.113.5"))),
            401);
    }
    QCOMPARE(statusOf(exchange(server.port(), via(loginRequest(u"alice"_s, kPassword), "203.0.113.5"))), 429);
    // Another client behind the same proxy, and the proxy's own address, sign in.
    QCOMPARE(statusOf(exchange(server.port(), via(loginRequest(u"alice"_s, kPassword), "203.0.113.6"))), 200);
    QCOMPARE(statusOf(exchange(server.port(), loginRequest(u"alice"_s, kPassword))), 200);
    // 127.0.0.2 is no trusted proxy: its header is ignored, its failures count for 127.0.0.2.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(
            statusOf(exchange(server.port(), via(loginRequest(u"nobody%1"_s.arg(i), kWrong), "198.51.100.1"),
                              QHostAddress(u"127.0.0.2"_s))),
            401);
    }
    QCOMPARE(statusOf(exchange(server.port(), via(loginRequest(u"alice"_s, kPassword), "198.51.100.2"),
                               QHostAddress(u"127.0.0.2"_s))),
             429);
}

void TestApiSecurity::throttleSuccessResets()
{
    newUser(u"hank"_s);
    auto server = startServer({3, 5, 600s});
    test::ApiClient client;
    client.setPort(server->port());
    QCOMPARE(login(client, u"hank"_s, kWrong).status, 401);
    QCOMPARE(login(client, u"hank"_s, kWrong).status, 401);
    QCOMPARE(login(client, u"hank"_s, kPassword).status, 200);
    // The account starts again from nothing: two more failures are still below its limit of three.
    QCOMPARE(login(client, u"hank"_s, kWrong).status, 401);
    QCOMPARE(login(client, u"hank"_s, kWrong).status, 401);
    QCOMPARE(login(client, u"hank"_s, kPassword).status, 200);
    // Successes do not count against the address (4 failures so far, limit 5).
    for (int i = 0; i < 6; ++i)
        QCOMPARE(login(client, u"alice"_s, kPassword).status, 200);
    QCOMPARE(login(client, u"hank"_s, kWrong).status, 401);
    QCOMPARE(login(client, u"alice"_s, kPassword).status, 429);
}

void TestApiSecurity::throttleConcurrentAttempts()
{
    newUser(u"ivan"_s);
    auto server = startServer({3, 100, 600s});
    // Ten wrong attempts at once on five connections: exactly three reach the password check.
    std::vector<std::unique_ptr<QNetworkAccessManager>> networks;
    QList<QNetworkReply *> replies;
    const QByteArray body =
        compact(QJsonObject{{u"username"_s, u"ivan"_s}, {u"password"_s, QString::fromUtf8(kWrong)}});
    for (int i = 0; i < 10; ++i) {
        if (i % 2 == 0)
            networks.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/auth/login"_s.arg(server->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        replies << networks.back()->post(request, body);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
        30000);
    QMap<int, int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
        reply->deleteLater();
    }
    QCOMPARE(statuses.value(401), 3);
    QCOMPARE(statuses.value(429), 7);
}

void TestApiSecurity::tlsServesHttps()
{
    Result<QSslConfiguration> tls = ApiTls::serverConfiguration(m_certificateFile, m_keyFile);
    QVERIFY2(tls.ok(), qPrintable(tls ? QString() : tls.error().toString()));
    auto server = startServer(SignInThrottle::Limits(), tls.value());
    QNetworkAccessManager network;
    QList<QSslError> errors;
    const Response health = httpsCall(network, "GET", server->port(), u"/health"_s, true, {}, {}, &errors);
    QCOMPARE(health.status, 200);
    QVERIFY(errors.isEmpty());
    test::ApiClient::checkShape(health);
    QCOMPARE(health.json.value(u"status"_s).toString(), u"ok"_s);

    // A body up and a token back through TLS, then an authenticated call with it.
    const Response signedIn = httpsCall(
        network, "POST", server->port(), u"/auth/login"_s, true, {},
        compact(QJsonObject{{u"username"_s, u"alice"_s}, {u"password"_s, QString::fromUtf8(kPassword)}}));
    QCOMPARE(signedIn.status, 200);
    const QByteArray token = signedIn.json.value(u"token"_s).toString().toLatin1();
    const Response me = httpsCall(network, "GET", server->port(), u"/me"_s, true, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(u"username"_s).toString(), u"alice"_s);
}

void TestApiSecurity::tlsUntrustedClientGetsNoAnswer()
{
    auto server = startServer(SignInThrottle::Limits(),
                              ApiTls::serverConfiguration(m_certificateFile, m_keyFile).value());
    QNetworkAccessManager network;
    QList<QSslError> errors;
    const Response response = httpsCall(network, "GET", server->port(), u"/health"_s, false, {}, {}, &errors);
    QCOMPARE(response.status, 0);
    QVERIFY(!errors.isEmpty()); // a self-signed certificate the client does not trust
    // The server goes on serving those who trust it (a new manager: QNetworkAccessManager keeps a
    // connection's TLS configuration per host and port, whatever a later request asks for).
    QNetworkAccessManager trusting;
    QCOMPARE(httpsCall(trusting, "GET", server->port(), u"/health"_s, true).status, 200);
}

void TestApiSecurity::tlsPlainHttpGetsNothing()
{
    auto server = startServer(SignInThrottle::Limits(),
                              ApiTls::serverConfiguration(m_certificateFile, m_keyFile).value());
    const QByteArray answer = exchange(server->port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(!answer.contains("HTTP/1.1"), answer.left(200).constData());
    QVERIFY(!answer.contains("\"ok\""));
    // Nor a plain HTTP client.
    QNetworkAccessManager network;
    QNetworkReply *reply =
        network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/api/v1/health"_s.arg(server->port()))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    reply->deleteLater();
}

void TestApiSecurity::tlsGuardKept()
{
    auto server = startServer(SignInThrottle::Limits(),
                              ApiTls::serverConfiguration(m_certificateFile, m_keyFile).value());
    auto encrypted = [&](QSslSocket &socket) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_certificate});
        socket.setSslConfiguration(tls);
        QSignalSpy done(&socket, &QSslSocket::encrypted);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, server->port());
        return done.wait(10000) || socket.isEncrypted(); // the server needs this thread's event loop
    };
    // Headers over the limit, seen decrypted by the guard: 431 through TLS.
    {
        QSslSocket socket;
        QVERIFY2(encrypted(socket), qPrintable(socket.errorString()));
        QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
        while (request.size() < 17 * 1024)
            request += "X-Filler: " + QByteArray(100, 'a') + "\r\n";
        socket.write(request + "\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("headers_too_large"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(200).constData());
    }
    // A handshake that never starts, and one left half done, are closed by the idle timer.
    {
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(silent.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
    }
    {
        QTcpSocket half;
        half.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(half.waitForConnected(5000));
        half.write(QByteArray::fromHex("160301")); // the first bytes of a TLS record, then nothing
        QTRY_COMPARE_WITH_TIMEOUT(half.state(), QAbstractSocket::UnconnectedState, 10000);
    }
    // A request that stalls after the handshake gets 408 like over plain HTTP.
    {
        QSslSocket socket;
        QVERIFY(encrypted(socket));
        socket.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"timeout\""), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.left(200).constData());
    }
    QNetworkAccessManager network;
    QCOMPARE(httpsCall(network, "GET", server->port(), u"/health"_s, true).status, 200);

    // The connection cap answers through TLS too.
    ApiServer::Options options;
    options.limits.idleTimeout = 700ms;
    options.limits.maxConnectionsPerAddress = 1;
    options.tls = ApiTls::serverConfiguration(m_certificateFile, m_keyFile).value();
    ApiServer capped(*m_repository, *m_auth, options);
    QVERIFY(capped.listen(QHostAddress::LocalHost, 0).ok());
    auto connectTo = [&](QSslSocket &socket) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_certificate});
        socket.setSslConfiguration(tls);
        QSignalSpy done(&socket, &QSslSocket::encrypted);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, capped.port());
        return done.wait(10000) || socket.isEncrypted();
    };
    QSslSocket first;
    QSslSocket second;
    QVERIFY(connectTo(first));
    QVERIFY(connectTo(second));
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += second.readAll()).contains("too_many_connections"), 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 429 "), answer.left(200).constData());
}

void TestApiSecurity::tlsBadFiles()
{
    const QString missing = m_dir.filePath(u"no-such-cert.pem"_s);
    Result<QSslConfiguration> none = ApiTls::serverConfiguration(missing, m_keyFile);
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(missing), qPrintable(none.error().message));

    Result<QSslConfiguration> swapped = ApiTls::serverConfiguration(m_keyFile, m_certificateFile);
    QVERIFY(!swapped.ok());
    QVERIFY2(swapped.error().message.contains(m_keyFile), qPrintable(swapped.error().message));

    Result<QSslConfiguration> noKey = ApiTls::serverConfiguration(m_certificateFile, m_certificateFile);
    QVERIFY(!noKey.ok());
    QVERIFY2(noKey.error().message.contains(u"key"_s), qPrintable(noKey.error().message));

    Result<QSslConfiguration> mismatch = ApiTls::serverConfiguration(m_certificateFile, m_otherKeyFile);
    QVERIFY(!mismatch.ok());
    QVERIFY2(mismatch.error().message.contains(m_otherKeyFile) &&
                 mismatch.error().message.contains(m_certificateFile),
             qPrintable(mismatch.error().message));

    const QString garbage = m_dir.filePath(u"garbage.pem"_s);
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    file.close();
    Result<QSslConfiguration> broken = ApiTls::serverConfiguration(garbage, m_keyFile);
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().message.contains(garbage), qPrintable(broken.error().message));
}

void TestApiSecurity::serveWithTls()
{
    const QString binary = qEnvironmentVariable("FABRICA_BINARY");
    QVERIFY2(QFileInfo(binary).isExecutable(),
             "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
    const QString database = m_repository->url().toString();

    QProcess help;
    help.setProcessEnvironment(serveEnvironment());
    help.start(binary, {u"serve"_s, u"--help"_s});
    QVERIFY(help.waitForFinished(20000));
    const QByteArray helpText = help.readAllStandardOutput();
    QVERIFY2(helpText.contains("--tls-cert") && helpText.contains("--tls-key"), helpText.constData());
    QVERIFY2(!helpText.contains("not built in"), helpText.constData());

    // Bad files: exit 1, the message names the file, nothing listens.
    const QString missing = m_dir.filePath(u"missing-cert.pem"_s);
    for (const QStringList &files :
         {QStringList{missing, m_keyFile}, QStringList{m_certificateFile, m_otherKeyFile},
          QStringList{m_certificateFile, m_certificateFile}}) {
        QProcess bad;
        bad.setProcessEnvironment(serveEnvironment());
        bad.start(binary, {u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, database,
                           u"--tls-cert"_s, files.at(0), u"--tls-key"_s, files.at(1)});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitStatus(), QProcess::NormalExit);
        QCOMPARE(bad.exitCode(), 1);
        const QByteArray err = bad.readAllStandardError();
        const QString named = files.at(0) == missing ? missing : files.at(1);
        QVERIFY2(err.contains(named.toUtf8()), err.constData());
        QVERIFY(!bad.readAllStandardOutput().contains("listening"));
    }
    QProcess half;
    half.setProcessEnvironment(serveEnvironment());
    half.start(binary, {u"serve"_s, u"--tls-cert"_s, m_certificateFile});
    QVERIFY(half.waitForFinished(20000));
    QCOMPARE(half.exitCode(), 2);
    QVERIFY(half.readAllStandardError().contains("--tls-key"));

    // A good pair on a non-loopback address: HTTPS, and no clear-text warning.
    QProcess process;
    process.setProcessEnvironment(serveEnvironment());
    process.start(binary, {u"serve"_s, u"--listen"_s, u"0.0.0.0:0"_s, u"--database"_s, database,
                           u"--tls-cert"_s, m_certificateFile, u"--tls-key"_s, m_keyFile});
    QVERIFY(process.waitForStarted(10000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("/api/v1"), 20000);
    const QRegularExpressionMatch match =
        QRegularExpression(u"https://[^ ]*:(\\d+)/api/v1"_s).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    QNetworkAccessManager network;
    QCOMPARE(httpsCall(network, "GET", quint16(match.captured(1).toUInt()), u"/health"_s, true).status, 200);
    process.terminate();
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(!err.contains("WITHOUT TLS") && !err.contains("WARNING"), err.constData());
    QVERIFY2(err.contains("GET /api/v1/health 200"), err.constData());
}

void TestApiSecurity::twentyConcurrentClients()
{
    constexpr int kClients = 20;
    struct Client
    {
        QString name;
        qint64 id = 0;
        std::unique_ptr<QNetworkAccessManager> network;
        QByteArray token;
        QList<int> statuses;
        QJsonObject me;
        QJsonObject schemas;
        bool done = false;
    };
    std::vector<Client> clients(kClients);
    for (int i = 0; i < kClients; ++i) {
        Client &client = clients[std::size_t(i)];
        client.name = u"client%1"_s.arg(i, 2, 10, QLatin1Char('0'));
        client.id = newUser(client.name).id;
        Schema schema = test::example(u"blog"_s);
        schema.name = u"schema of %1"_s.arg(client.name);
        QVERIFY(m_repository->saveSchema(Actor::systemActor(), client.id, schema).ok());
        client.network = std::make_unique<QNetworkAccessManager>();
    }

    const quint16 port = m_server->port();
    auto request = [port](const QString &path, const QByteArray &token) {
        QNetworkRequest r(QUrl(u"http://127.0.0.1:%1/api/v1%2"_s.arg(port).arg(path)));
        r.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token);
        return r;
    };
    auto finish = [](QNetworkReply *reply, Client &client) {
        client.statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    // Every client signs in, then asks /me and /schemas: all twenty in flight at once.
    for (Client &client : clients) {
        QNetworkReply *login =
            client.network->post(request(u"/auth/login"_s, {}),
                                 compact(QJsonObject{{u"username"_s, client.name},
                                                     {u"password"_s, QString::fromUtf8(kPassword)}}));
        QObject::connect(login, &QNetworkReply::finished, login, [&, login] {
            client.token = finish(login, client).value(u"token"_s).toString().toLatin1();
            QNetworkReply *me = client.network->get(request(u"/me"_s, client.token));
            QObject::connect(me, &QNetworkReply::finished, me, [&, me] {
                client.me = finish(me, client);
                QNetworkReply *schemas = client.network->get(request(u"/schemas"_s, client.token));
                QObject::connect(schemas, &QNetworkReply::finished, schemas, [&, schemas] {
                    client.schemas = finish(schemas, client);
                    client.done = true;
                });
            });
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(clients.cbegin(), clients.cend(), [](const Client &c) { return c.done; }), 60000);
    QSet<QByteArray> tokens;
    for (const Client &client : clients) {
        QCOMPARE(client.statuses, (QList<int>{200, 200, 200}));
        tokens.insert(client.token);
        QCOMPARE(client.me.value(u"username"_s).toString(), client.name);
        QCOMPARE(client.me.value(u"id"_s).toInteger(), client.id);
        QCOMPARE(client.schemas.value(u"total"_s).toInt(), 1);
        const QJsonObject schema = client.schemas.value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(schema.value(u"name"_s).toString(), u"schema of %1"_s.arg(client.name));
    }
    QCOMPARE(tokens.size(), kClients);
}

void TestApiSecurity::guardLongRequestLine()
{
    const QByteArray target = "/api/v1/health?q=" + QByteArray(17 * 1024, 'a');
    const QByteArray answer = m_client.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(200).constData());
    QVERIFY(answer.contains("\"headers_too_large\""));
    // The request line alone, with no end of line in sight, is cut off too.
    const QByteArray endless = m_client.raw("GET /api/v1/health?q=" + QByteArray(20 * 1024, 'b'));
    QVERIFY2(endless.startsWith("HTTP/1.1 431 "), endless.left(200).constData());
}

void TestApiSecurity::guardOtherTransferCodings()
{
    for (const QByteArray &coding : {QByteArray("gzip"), QByteArray("identity"), QByteArray("gzip, chunked"),
                                     QByteArray("chunked, chunked")}) {
        const QByteArray answer =
            m_client.raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                         "\r\n\r\n0\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400 "),
                 QByteArray(coding + ": " + answer.left(200)).constData());
    }
    // Two Transfer-Encoding headers are one list: "chunked, chunked" again.
    const QByteArray twice =
        m_client.raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QVERIFY2(twice.startsWith("HTTP/1.1 400 "), twice.left(200).constData());
}

void TestApiSecurity::guardMalformedFraming()
{
    const QList<std::pair<const char *, QByteArray>> requests = {
        {"no HTTP version", "GET /api/v1/health\r\nHost: x\r\n\r\n"},
        {"header without a colon", "GET /api/v1/health HTTP/1.1\r\nHost x\r\n\r\n"},
        {"length not a number", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"},
        {"negative length", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"},
        {"length with a sign", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}"},
        {"bad chunk size",
         "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
        {"chunk size line too long",
         "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;" +
             QByteArray(2048, 'e') + "\r\n"},
    };
    for (const auto &[what, request] : requests) {
        const QByteArray answer = m_client.raw(request);
        QVERIFY2(answer.startsWith("HTTP/1.1 400 "),
                 QByteArray(what + QByteArray(": ") + answer.left(200)).constData());
        QVERIFY2(answer.contains("\"error\""), what);
    }
    // After all that the server still answers.
    QCOMPARE(call("GET", u"/health"_s).status, 200);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApiSecurity>(argc, argv);
}

#include "tst_api_security.moc"
