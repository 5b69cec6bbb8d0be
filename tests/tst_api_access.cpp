// Users, imports and metrics over the REST API, on SQLite and on the real PostgreSQL server, over real HTTP:
// user management for administrators (and every refusal: 403 for a User, 404, 409, 422, the last
// administrator), tokens of a demoted or disabled user refused at once; imports of a ZIP, a schema file,
// DDL, CSV and multipart uploads, dry runs and malformed input leaving storage as it was, 415 and 413; the
// Prometheus text of GET /metrics (counters, the cumulative histogram, jobs by state from storage).

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "StorageTestSupport.h"
#include "ZipFixture.h"

#include "api/ApiMetrics.h"
#include "api/ApiServer.h"
#include "api/ImportRoutes.h"
#include "auth/AuthService.h"
#include "format/SchemaFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";
const QByteArray kNewPassword = "m1ssing-Orchid-42";
constexpr qint64 kUploadLimit = 256 * 1024; // the test server's import limit

using Response = test::HttpResponse;
using test::kLibraryDdl;
using test::multipartBody;

QByteArray example(const QString &name)
{
    return test::readFile(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/") + name + u".fabrica.json"_s);
}

// One sample of the Prometheus text: the value of the line "series value", or -1 when there is none.
double sample(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class TestApiAccess : public QObject
{
    Q_OBJECT

public:
    explicit TestApiAccess(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();

    void usersListForAdminsOnly();
    void usersPaginated();
    void createUser();
    void createUserRefusals();
    void getUser();
    void updateUser();
    void updateUserRefusals();
    void refusedUpdateChangesNothing();
    void changeUserInCore();
    void demotedOrDisabledTokensRefusedAtOnce();
    void lastAdministrator();
    void deleteUser();

    void importZip();
    void importSchemaDocument();
    void importDdl();
    void importCsv();
    void importMultipart();
    void importDryRunStoresNothing();
    void importNameConflict();
    void importMalformedZip();
    void importMalformedJson();
    void importDdlError();
    void importUnsupportedMediaType();
    void importTooLarge();
    void importNeedsToken();

    void metricsFormat();
    void metricsCountersMove();
    void metricsHistogramCumulative();
    void metricsJobsByState();
    void metricsRowsGenerated();
    void metricsWithToken();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                  const QJsonObject &body = {}, bool sendBody = false)
    {
        return m_client.call(method, path, token, body, sendBody);
    }
    Response upload(const QString &path, const QByteArray &token, const QByteArray &data,
                    const QByteArray &type)
    {
        return m_client.send("POST", path, token, data, type);
    }
    // A token from the AuthService itself: the tests sign in often, and what sign-in over HTTP does (and
    // its rate limit) is tst_api's subject.
    QByteArray token(const QString &name, const QByteArray &password = kPassword)
    {
        Result<AuthService::Session> session = m_auth->signIn(name, password);
        return session ? session->token.toLatin1() : QByteArray();
    }
    UserRecord addUser(const QString &name, Role role = Role::User)
    {
        Result<UserRecord> user =
            m_auth->createUser(Actor::of(m_admin), name, name + u"@example.com"_s, kPassword, role);
        if (!user)
            qFatal("cannot add %s: %s", qPrintable(name), qPrintable(user.error().toString()));
        return user.value();
    }
    // The names of the user's stored schemas.
    QStringList schemaNames(const UserRecord &user)
    {
        QStringList names;
        Result<QList<SchemaRecord>> all = m_repository->schemas(Actor::of(user));
        if (all)
            for (const SchemaRecord &record : all.value())
                names << record.name;
        names.sort();
        return names;
    }
    void dropSchema(const Actor &actor, qint64 id)
    {
        const Result<void> dropped = m_repository->deleteSchema(actor, id);
        QVERIFY2(dropped.ok(), qPrintable(dropped ? QString() : dropped.error().toString()));
    }
    QByteArray scrape()
    {
        const Response response = m_client.send("GET", u"/metrics"_s, {}, {}, {}, {}, false);
        return response.status == 200 ? response.body : QByteArray();
    }

    test::StorageDatabases m_databases;
    QTemporaryDir m_dir;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<ApiServer> m_server;
    test::ApiClient m_client;
    UserRecord m_admin;
    UserRecord m_alice;
    UserRecord m_bob;
    UserRecord m_importer; // owns the imports' schemas
};

void TestApiAccess::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    Result<UserRecord> admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword);
    QVERIFY2(admin.ok(), qPrintable(admin ? QString() : admin.error().toString()));
    m_admin = admin.value();
    m_alice = addUser(u"alice"_s);
    m_bob = addUser(u"bob"_s);
    m_importer = addUser(u"imogen"_s);

    ApiServer::Options options;
    options.importLimits.uploadBytes = kUploadLimit;
    m_server = std::make_unique<ApiServer>(*m_repository, *m_auth, options);
    Result<quint16> port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY2(port.ok(), qPrintable(port ? QString() : port.error().toString()));
    m_client.setPort(port.value());
}

void TestApiAccess::cleanupTestCase()
{
    m_server.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

// ---- users ----

void TestApiAccess::usersListForAdminsOnly()
{
    const Response list = call("GET", u"/users"_s, token(u"ada"_s));
    QCOMPARE(list.status, 200);
    QStringList names;
    for (const QJsonValue &item : list.json.value(u"items"_s).toArray()) {
        const QJsonObject user = item.toObject();
        names << user.value(u"username"_s).toString();
        QCOMPARE(user.keys(),
                 (QStringList{u"created"_s, u"email"_s, u"enabled"_s, u"id"_s, u"role"_s, u"username"_s}));
    }
    QVERIFY2(names.contains(u"ada"_s) && names.contains(u"alice"_s) && names.contains(u"bob"_s),
             qPrintable(names.join(u',')));
    QVERIFY(!list.body.contains("argon2"));

    const Response refused = call("GET", u"/users"_s, token(u"alice"_s));
    QCOMPARE(refused.status, 403);
    QCOMPARE(errorCode(refused), u"forbidden"_s);
    QCOMPARE(call("GET", u"/users"_s).status, 401);
}

void TestApiAccess::usersPaginated()
{
    const QByteArray admin = token(u"ada"_s);
    const Response all = call("GET", u"/users"_s, admin);
    const int total = all.json.value(u"total"_s).toInt();
    QVERIFY(total >= 4);
    QCOMPARE(all.json.value(u"items"_s).toArray().size(), total);
    const Response page = call("GET", u"/users?limit=2&offset=1"_s, admin);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json.value(u"total"_s).toInt(), total);
    QCOMPARE(page.json.value(u"limit"_s).toInt(), 2);
    QCOMPARE(page.json.value(u"offset"_s).toInt(), 1);
    const QJsonArray items = page.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0), all.json.value(u"items"_s).toArray().at(1));
    QCOMPARE(items.at(1), all.json.value(u"items"_s).toArray().at(2));
    QCOMPARE(call("GET", u"/users?limit=-1"_s, admin).status, 400);
}

void TestApiAccess::createUser()
{
    const Response created = call("POST", u"/users"_s, token(u"ada"_s),
                                  QJsonObject{{u"username"_s, u"dora"_s},
                                              {u"email"_s, u"dora@example.com"_s},
                                              {u"password"_s, QString::fromUtf8(kPassword)},
                                              {u"role"_s, u"admin"_s}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.headers.value("location"), "/api/v1/users/" + QByteArray::number(id));
    QCOMPARE(created.json.value(u"username"_s).toString(), u"dora"_s);
    QCOMPARE(created.json.value(u"email"_s).toString(), u"dora@example.com"_s);
    QCOMPARE(created.json.value(u"role"_s).toString(), u"admin"_s);
    QCOMPARE(created.json.value(u"enabled"_s).toBool(), true);
    QVERIFY(QDateTime::fromString(created.json.value(u"created"_s).toString(), Qt::ISODate).isValid());
    QVERIFY(!created.body.contains("argon2") && !created.body.contains(kPassword));

    Result<UserRecord> stored = m_repository->user(Actor::of(m_admin), id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->role, Role::Admin);
    QVERIFY(!token(u"dora"_s).isEmpty());

    // The role is optional: a User.
    const Response plain =
        call("POST", u"/users"_s, token(u"ada"_s),
             QJsonObject{{u"username"_s, u"edgar"_s}, {u"password"_s, QString::fromUtf8(kPassword)}});
    QCOMPARE(plain.status, 201);
    QCOMPARE(plain.json.value(u"role"_s).toString(), u"user"_s);
    QCOMPARE(plain.json.value(u"email"_s).toString(), QString());
}

void TestApiAccess::createUserRefusals()
{
    const QByteArray admin = token(u"ada"_s);
    const QString password = QString::fromUtf8(kPassword);
    auto create = [&](const QByteArray &as, const QJsonObject &body) {
        return call("POST", u"/users"_s, as, body);
    };

    const Response byUser =
        create(token(u"alice"_s), {{u"username"_s, u"mallory"_s}, {u"password"_s, password}});
    QCOMPARE(byUser.status, 403);
    QCOMPARE(create(admin, {{u"username"_s, u"frank"_s}, {u"password"_s, u"short"_s}}).status, 422);
    QCOMPARE(create(admin, {{u"username"_s, u"frank"_s}, {u"password"_s, u"frank"_s}}).status, 422);
    const Response taken = create(admin, {{u"username"_s, u"ALICE"_s}, {u"password"_s, password}});
    QCOMPARE(taken.status, 409);
    QCOMPARE(errorCode(taken), u"already_exists"_s);
    QCOMPARE(create(admin, {{u"username"_s, u"-bad name"_s}, {u"password"_s, password}}).status, 422);
    QCOMPARE(
        create(admin,
               {{u"username"_s, u"frank"_s}, {u"email"_s, u"not-an-address"_s}, {u"password"_s, password}})
            .status,
        422);
    QCOMPARE(create(admin, {{u"username"_s, u"frank"_s}}).status, 400);
    QCOMPARE(create(admin, {{u"username"_s, u"frank"_s}, {u"password"_s, password}, {u"role"_s, u"root"_s}})
                 .status,
             400);
    QCOMPARE(
        create(admin, {{u"username"_s, u"frank"_s}, {u"password"_s, password}, {u"admin"_s, true}}).status,
        400);
    QCOMPARE(create(admin, {{u"username"_s, 7}, {u"password"_s, password}}).status, 400);
    const Response notJson =
        m_client.send("POST", u"/users"_s, admin, "username=frank", "application/x-www-form-urlencoded");
    QCOMPARE(notJson.status, 415);
    QCOMPARE(create({}, {{u"username"_s, u"frank"_s}, {u"password"_s, password}}).status, 401);

    // Nobody of that name came into being on the way.
    QCOMPARE(m_repository->userByName(Actor::of(m_admin), u"frank"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_repository->userByName(Actor::of(m_admin), u"mallory"_s).error().code, ErrorCode::NotFound);
}

void TestApiAccess::getUser()
{
    const Response byAdmin = call("GET", u"/users/%1"_s.arg(m_bob.id), token(u"ada"_s));
    QCOMPARE(byAdmin.status, 200);
    QCOMPARE(byAdmin.json.value(u"username"_s).toString(), u"bob"_s);
    QCOMPARE(byAdmin.json.value(u"id"_s).toInteger(), m_bob.id);

    // A User reads their own row (what GET /me answers), nobody else's.
    const QByteArray alice = token(u"alice"_s);
    const Response own = call("GET", u"/users/%1"_s.arg(m_alice.id), alice);
    QCOMPARE(own.status, 200);
    QCOMPARE(own.json, call("GET", u"/me"_s, alice).json);
    QCOMPARE(call("GET", u"/users/%1"_s.arg(m_bob.id), alice).status, 403);
    QCOMPARE(call("GET", u"/users/999999"_s, alice).status, 403); // the same whether it exists or not

    const Response missing = call("GET", u"/users/999999"_s, token(u"ada"_s));
    QCOMPARE(missing.status, 404);
    QCOMPARE(errorCode(missing), u"not_found"_s);
}

void TestApiAccess::updateUser()
{
    const UserRecord gina = addUser(u"gina"_s);
    const QByteArray admin = token(u"ada"_s);
    const QString path = u"/users/%1"_s.arg(gina.id);

    const Response email = call("PUT", path, admin, QJsonObject{{u"email"_s, u"gina@example.org"_s}});
    QCOMPARE(email.status, 200);
    QCOMPARE(email.json.value(u"email"_s).toString(), u"gina@example.org"_s);
    QCOMPARE(m_repository->user(Actor::of(m_admin), gina.id)->email, u"gina@example.org"_s);

    const Response promoted = call("PUT", path, admin, QJsonObject{{u"role"_s, u"admin"_s}});
    QCOMPARE(promoted.status, 200);
    QCOMPARE(promoted.json.value(u"role"_s).toString(), u"admin"_s);
    QCOMPARE(m_repository->user(Actor::of(m_admin), gina.id)->role, Role::Admin);

    const Response disabled =
        call("PUT", path, admin, QJsonObject{{u"enabled"_s, false}, {u"role"_s, u"user"_s}});
    QCOMPARE(disabled.status, 200);
    QCOMPARE(disabled.json.value(u"enabled"_s).toBool(), false);
    QCOMPARE(disabled.json.value(u"role"_s).toString(), u"user"_s);
    QVERIFY(token(u"gina"_s).isEmpty()); // a disabled account cannot sign in

    const Response enabled = call("PUT", path, admin, QJsonObject{{u"enabled"_s, true}});
    QCOMPARE(enabled.status, 200);
    QCOMPARE(enabled.json.value(u"enabled"_s).toBool(), true);
    QVERIFY(!token(u"gina"_s).isEmpty());

    // A password reset: the new one signs in, the old one no longer.
    const Response reset =
        call("PUT", path, admin, QJsonObject{{u"password"_s, QString::fromUtf8(kNewPassword)}});
    QCOMPARE(reset.status, 200);
    QVERIFY(!reset.body.contains(kNewPassword));
    QVERIFY(token(u"gina"_s).isEmpty());
    QVERIFY(!token(u"gina"_s, kNewPassword).isEmpty());
}

void TestApiAccess::updateUserRefusals()
{
    const QByteArray admin = token(u"ada"_s);
    const QString bob = u"/users/%1"_s.arg(m_bob.id);
    QCOMPARE(call("PUT", bob, token(u"alice"_s), QJsonObject{{u"enabled"_s, false}}).status, 403);
    // A User's own row goes through /me, not here: no promoting oneself.
    QCOMPARE(
        call("PUT", u"/users/%1"_s.arg(m_alice.id), token(u"alice"_s), QJsonObject{{u"role"_s, u"admin"_s}})
            .status,
        403);
    QCOMPARE(call("PUT", u"/users/999999"_s, admin, QJsonObject{{u"enabled"_s, false}}).status, 404);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{{u"email"_s, u"nope"_s}}).status, 422);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{{u"password"_s, u"bob"_s}}).status, 422);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{}, true).status, 400);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{{u"enabled"_s, u"no"_s}}).status, 400);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{{u"role"_s, u"boss"_s}}).status, 400);
    QCOMPARE(call("PUT", bob, admin, QJsonObject{{u"username"_s, u"robert"_s}}).status, 400);
    QCOMPARE(call("PUT", bob, {}, QJsonObject{{u"enabled"_s, false}}).status, 401);
    Result<UserRecord> stored = m_repository->user(Actor::of(m_admin), m_bob.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->email, m_bob.email);
    QVERIFY(!stored->disabled);
    QCOMPARE(stored->role, Role::User);
    QVERIFY(!token(u"bob"_s).isEmpty());
}

void TestApiAccess::refusedUpdateChangesNothing()
{
    // One write for all the fields: a refused password leaves the e-mail address and the role as they were.
    const UserRecord hank = addUser(u"hank"_s);
    const Response refused =
        call("PUT", u"/users/%1"_s.arg(hank.id), token(u"ada"_s),
             QJsonObject{
                 {u"email"_s, u"hank@example.org"_s}, {u"role"_s, u"admin"_s}, {u"password"_s, u"hank"_s}});
    QCOMPARE(refused.status, 422);
    Result<UserRecord> stored = m_repository->user(Actor::of(m_admin), hank.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->email, hank.email);
    QCOMPARE(stored->role, Role::User);
    QCOMPARE(stored->tokenVersion, hank.tokenVersion);
}

void TestApiAccess::changeUserInCore()
{
    // What PUT /users/{id} calls, for the callers without HTTP: a User changes only their own e-mail address.
    const UserRecord lena = addUser(u"lena"_s);
    AuthService::UserChange email;
    email.email = u"lena@example.org"_s;
    Result<UserRecord> own = m_auth->changeUser(Actor::of(lena), lena.id, email);
    QVERIFY2(own.ok(), qPrintable(own ? QString() : own.error().toString()));
    QCOMPARE(own->email, u"lena@example.org"_s);
    QCOMPARE(own->tokenVersion, lena.tokenVersion);
    QCOMPARE(m_auth->changeUser(Actor::of(lena), m_bob.id, email).error().code, ErrorCode::NotFound);
    for (const auto &set : std::initializer_list<std::function<void(AuthService::UserChange &)>>{
             [](AuthService::UserChange &c) { c.role = Role::Admin; },
             [](AuthService::UserChange &c) { c.disabled = false; },
             [](AuthService::UserChange &c) { c.password = kNewPassword; }}) {
        AuthService::UserChange change;
        set(change);
        QCOMPARE(m_auth->changeUser(Actor::of(lena), lena.id, change).error().code,
                 ErrorCode::PermissionDenied);
    }
    QCOMPARE(m_repository->user(Actor::of(m_admin), lena.id)->role, Role::User);

    // An administrator's change answers the stored row; a role change revokes once.
    AuthService::UserChange promote;
    promote.role = Role::Admin;
    promote.email = u"lena@example.com"_s;
    Result<UserRecord> promoted = m_auth->changeUser(Actor::of(m_admin), lena.id, promote);
    QVERIFY(promoted.ok());
    QCOMPARE(promoted->role, Role::Admin);
    QCOMPARE(promoted->tokenVersion, lena.tokenVersion + 1);
    Result<UserRecord> stored = m_repository->user(Actor::of(m_admin), lena.id);
    QCOMPARE(stored->role, Role::Admin);
    QCOMPARE(stored->email, u"lena@example.com"_s);
    QCOMPARE(stored->tokenVersion, promoted->tokenVersion);
    QVERIFY(m_auth->deleteUser(Actor::of(m_admin), lena.id).ok());
}

void TestApiAccess::demotedOrDisabledTokensRefusedAtOnce()
{
    const UserRecord ivy = addUser(u"ivy"_s, Role::Admin);
    const QByteArray admin = token(u"ada"_s);
    const QString path = u"/users/%1"_s.arg(ivy.id);

    // Demoted: the token that said Admin is refused at once, on an admin route and on any other.
    QByteArray ivyToken = token(u"ivy"_s);
    QCOMPARE(call("GET", u"/users"_s, ivyToken).status, 200);
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"role"_s, u"user"_s}}).status, 200);
    QCOMPARE(call("GET", u"/users"_s, ivyToken).status, 401);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 401);
    // Signed in again, ivy is a User now.
    ivyToken = token(u"ivy"_s);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).json.value(u"role"_s).toString(), u"user"_s);
    QCOMPARE(call("GET", u"/users"_s, ivyToken).status, 403);

    // Promoted: the User's token is refused too (it must not go on acting with the old role).
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"role"_s, u"admin"_s}}).status, 200);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 401);

    // Disabled: refused at once, and enabling again does not bring the old token back.
    ivyToken = token(u"ivy"_s);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 200);
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"enabled"_s, false}}).status, 200);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 401);
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"enabled"_s, true}}).status, 200);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 401);

    // A password reset ends the sessions too; an e-mail change does not.
    ivyToken = token(u"ivy"_s);
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"email"_s, u"ivy@example.org"_s}}).status, 200);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 200);
    QCOMPARE(call("PUT", path, admin, QJsonObject{{u"password"_s, QString::fromUtf8(kNewPassword)}}).status,
             200);
    QCOMPARE(call("GET", u"/me"_s, ivyToken).status, 401);
}

void TestApiAccess::lastAdministrator()
{
    // Make ada the only enabled administrator of the storage.
    Result<QList<UserRecord>> all = m_repository->users(Actor::of(m_admin));
    QVERIFY(all.ok());
    for (const UserRecord &user : all.value()) {
        if (user.id != m_admin.id && user.role == Role::Admin && !user.disabled)
            QVERIFY(m_auth->setRole(Actor::of(m_admin), user.id, Role::User).ok());
    }
    QCOMPARE(m_repository->countAdmins(Actor::systemActor()).value(), 1);

    const QByteArray admin = token(u"ada"_s);
    const QString self = u"/users/%1"_s.arg(m_admin.id);
    for (const QJsonObject &change :
         {QJsonObject{{u"role"_s, u"user"_s}}, QJsonObject{{u"enabled"_s, false}},
          QJsonObject{{u"enabled"_s, false}, {u"email"_s, u"ada@example.org"_s}}}) {
        const Response refused = call("PUT", self, admin, change);
        QCOMPARE(refused.status, 422);
        QCOMPARE(errorCode(refused), u"validation"_s);
        QVERIFY2(refused.json.value(u"error"_s)
                     .toObject()
                     .value(u"message"_s)
                     .toString()
                     .contains(u"last administrator"_s),
                 refused.body.constData());
    }
    const Response deleted = call("DELETE", self, admin);
    QCOMPARE(deleted.status, 422);
    Result<UserRecord> stored = m_repository->user(Actor::of(m_admin), m_admin.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->role, Role::Admin);
    QVERIFY(!stored->disabled);
    QCOMPARE(stored->email, m_admin.email);
    QCOMPARE(call("GET", u"/me"_s, admin).status, 200); // nothing revoked the session

    // With a second administrator, the first may step down (and its own token ends with the change).
    const UserRecord jack = addUser(u"jack"_s, Role::Admin);
    const Response stepDown = call("PUT", self, admin, QJsonObject{{u"role"_s, u"user"_s}});
    QCOMPARE(stepDown.status, 200);
    QCOMPARE(call("GET", u"/me"_s, admin).status, 401);
    QVERIFY(m_auth->setRole(Actor::of(jack), m_admin.id, Role::Admin).ok());
    QVERIFY(m_auth->deleteUser(Actor::of(m_admin), jack.id).ok());
}

void TestApiAccess::deleteUser()
{
    const UserRecord kim = addUser(u"kim"_s);
    const QByteArray kimToken = token(u"kim"_s);
    const QString path = u"/users/%1"_s.arg(kim.id);
    QCOMPARE(call("DELETE", path, token(u"alice"_s)).status, 403);
    QCOMPARE(call("DELETE", path).status, 401);
    QCOMPARE(call("GET", u"/me"_s, kimToken).status, 200);

    const Response deleted = call("DELETE", path, token(u"ada"_s));
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(call("GET", path, token(u"ada"_s)).status, 404);
    QCOMPARE(call("DELETE", path, token(u"ada"_s)).status, 404);
    QCOMPARE(call("GET", u"/me"_s, kimToken).status, 401);
    QCOMPARE(m_repository->user(Actor::of(m_admin), kim.id).error().code, ErrorCode::NotFound);
}

// ---- imports ----

void TestApiAccess::importZip()
{
    // Two folders, two schemas: the app fixture (DDL and CSV samples) and an example schema file.
    test::ZipWriter writer;
    for (const QString &name : QDir(test::importData(u"app"_s)).entryList(QDir::Files, QDir::Name))
        writer.add(u"app/"_s + name, test::readFile(test::importData(u"app/"_s + name)));
    writer.add(u"blog/blog.fabrica.json"_s, example(u"blog"_s));
    const QByteArray zip = writer.finish();

    const QStringList before = schemaNames(m_importer);
    const Response response = upload(u"/imports"_s, token(u"imogen"_s), zip, "application/zip");
    QCOMPARE(response.status, 201);
    QCOMPARE(response.json.value(u"dryRun"_s).toBool(), false);
    const QJsonArray schemas = response.json.value(u"schemas"_s).toArray();
    QCOMPARE(schemas.size(), 2);
    QStringList names;
    for (const QJsonValue &schema : schemas) {
        names << schema.toObject().value(u"name"_s).toString();
        QCOMPARE(schema.toObject().value(u"ownerId"_s).toInteger(), m_importer.id);
        QVERIFY(schema.toObject().value(u"id"_s).toInteger() > 0);
    }
    names.sort();
    QCOMPARE(names, (QStringList{u"app"_s, u"blog"_s}));
    QVERIFY(!response.headers.contains("location")); // two schemas: no one place
    QCOMPARE(schemaNames(m_importer), QStringList(before + names));

    // The report tells what was read, by file.
    bool sawCsv = false;
    for (const QJsonValue &line : response.json.value(u"report"_s).toArray()) {
        const QJsonObject item = line.toObject();
        QVERIFY(!item.value(u"level"_s).toString().isEmpty());
        QVERIFY(!item.value(u"message"_s).toString().isEmpty());
        sawCsv = sawCsv || item.value(u"file"_s).toString() == u"app/orders.csv"_s;
    }
    QVERIFY(sawCsv);

    // The stored blog is the example's tables.
    qint64 blogId = 0;
    for (const QJsonValue &schema : schemas) {
        if (schema.toObject().value(u"name"_s).toString() == u"blog"_s)
            blogId = schema.toObject().value(u"id"_s).toInteger();
    }
    Result<Schema> blog = m_repository->loadSchema(Actor::of(m_importer), blogId);
    QVERIFY(blog.ok());
    QCOMPARE(blog->tables.size(), SchemaFile::parse(example(u"blog"_s))->tables.size());
    for (const QJsonValue &schema : schemas)
        dropSchema(Actor::of(m_importer), schema.toObject().value(u"id"_s).toInteger());
}

void TestApiAccess::importSchemaDocument()
{
    const QByteArray hr = example(u"hr"_s);
    const Response response = upload(u"/imports"_s, token(u"imogen"_s), hr, "application/json");
    QCOMPARE(response.status, 201);
    const QJsonArray schemas = response.json.value(u"schemas"_s).toArray();
    QCOMPARE(schemas.size(), 1);
    const QJsonObject schema = schemas.first().toObject();
    QCOMPARE(schema.value(u"name"_s).toString(), u"hr"_s); // the document's own name
    const qint64 id = schema.value(u"id"_s).toInteger();
    QCOMPARE(response.headers.value("location"), "/api/v1/schemas/" + QByteArray::number(id));

    Result<Schema> stored = m_repository->loadSchema(Actor::of(m_importer), id);
    QVERIFY(stored.ok());
    const Schema original = SchemaFile::parse(hr).value();
    QCOMPARE(stored->tables.size(), original.tables.size());
    QCOMPARE(stored->tables.first().name, original.tables.first().name);
    QCOMPARE(stored->tables.first().columns.size(), original.tables.first().columns.size());
    QCOMPARE(schema.value(u"tables"_s).toInt(), int(original.tables.size()));

    // ?filename= names it instead ("people.json" is read as a schema file all the same).
    const Response named =
        upload(u"/imports?filename=people.json"_s, token(u"imogen"_s), hr, "application/json");
    QCOMPARE(named.status, 201);
    QCOMPARE(named.json.value(u"schemas"_s).toArray().first().toObject().value(u"name"_s).toString(),
             u"people"_s);
    dropSchema(Actor::of(m_importer), id);
    dropSchema(Actor::of(m_importer),
               named.json.value(u"schemas"_s).toArray().first().toObject().value(u"id"_s).toInteger());
}

void TestApiAccess::importDdl()
{
    const Response response = upload(u"/imports?filename=library.sql&rows=250"_s, token(u"imogen"_s),
                                     kLibraryDdl, "application/sql");
    QCOMPARE(response.status, 201);
    const QJsonObject schema = response.json.value(u"schemas"_s).toArray().first().toObject();
    QCOMPARE(schema.value(u"name"_s).toString(), u"library"_s);
    QCOMPARE(schema.value(u"tables"_s).toInt(), 2);
    Result<Schema> stored =
        m_repository->loadSchema(Actor::of(m_importer), schema.value(u"id"_s).toInteger());
    QVERIFY(stored.ok());
    QVERIFY(stored->table(u"books"_s) != nullptr);
    QCOMPARE(stored->table(u"books"_s)->rows, 250);
    dropSchema(Actor::of(m_importer), schema.value(u"id"_s).toInteger());

    // text/plain is DDL too; without a name the schema is "upload".
    const Response plain =
        upload(u"/imports"_s, token(u"imogen"_s), kLibraryDdl, "text/plain; charset=utf-8");
    QCOMPARE(plain.status, 201);
    const QJsonObject unnamed = plain.json.value(u"schemas"_s).toArray().first().toObject();
    QCOMPARE(unnamed.value(u"name"_s).toString(), u"upload"_s);
    dropSchema(Actor::of(m_importer), unnamed.value(u"id"_s).toInteger());
}

void TestApiAccess::importCsv()
{
    const Response response = upload(u"/imports?filename=customers.csv"_s, token(u"imogen"_s),
                                     test::readFile(test::importData(u"csv/customers.csv"_s)), "text/csv");
    QCOMPARE(response.status, 201);
    const QJsonObject schema = response.json.value(u"schemas"_s).toArray().first().toObject();
    QCOMPARE(schema.value(u"name"_s).toString(), u"customers"_s);
    Result<Schema> stored =
        m_repository->loadSchema(Actor::of(m_importer), schema.value(u"id"_s).toInteger());
    QVERIFY(stored.ok());
    QCOMPARE(stored->tables.size(), 1);
    QCOMPARE(stored->tables.first().name, u"customers"_s);
    QVERIFY(!stored->tables.first().columns.isEmpty());
    dropSchema(Actor::of(m_importer), schema.value(u"id"_s).toInteger());
}

void TestApiAccess::importMultipart()
{
    const QByteArray boundary = "----fabrica-test-7MA4YWxkTrZu0gW";
    const QByteArray body =
        multipartBody(boundary, {{"library.sql", "application/sql", kLibraryDdl},
                                 {"orders.csv", "", test::readFile(test::importData(u"csv/orders.csv"_s))},
                                 {"shop.fabrica.json", "application/octet-stream", example(u"shop"_s)}});
    const Response response =
        upload(u"/imports"_s, token(u"imogen"_s), body, "multipart/form-data; boundary=" + boundary);
    QCOMPARE(response.status, 201);
    QStringList names;
    for (const QJsonValue &schema : response.json.value(u"schemas"_s).toArray())
        names << schema.toObject().value(u"name"_s).toString();
    QCOMPARE(names, (QStringList{u"library"_s, u"orders"_s, u"shop"_s}));
    for (const QJsonValue &schema : response.json.value(u"schemas"_s).toArray())
        dropSchema(Actor::of(m_importer), schema.toObject().value(u"id"_s).toInteger());

    // A quoted boundary and a part without a usable name or type.
    const QByteArray quoted = multipartBody(boundary, {{"library.sql", "", kLibraryDdl}});
    const Response dry = upload(u"/imports?dryRun=true"_s, token(u"imogen"_s), quoted,
                                "multipart/form-data; boundary=\"" + boundary + "\"");
    QCOMPARE(dry.status, 200);
    const Response unknown =
        upload(u"/imports"_s, token(u"imogen"_s), multipartBody(boundary, {{"notes.txt", "", "hello"}}),
               "multipart/form-data; boundary=" + boundary);
    QCOMPARE(unknown.status, 415);
    const Response noFile = upload(u"/imports"_s, token(u"imogen"_s), multipartBody(boundary, {}),
                                   "multipart/form-data; boundary=" + boundary);
    QCOMPARE(noFile.status, 400);
    const Response truncated = upload(u"/imports"_s, token(u"imogen"_s),
                                      multipartBody(boundary, {{"library.sql", "", kLibraryDdl}}).chopped(30),
                                      "multipart/form-data; boundary=" + boundary);
    QCOMPARE(truncated.status, 400);
    QCOMPARE(upload(u"/imports"_s, token(u"imogen"_s), body, "multipart/form-data").status, 400);
    QCOMPARE(schemaNames(m_importer), QStringList());
}

void TestApiAccess::importDryRunStoresNothing()
{
    const QStringList before = schemaNames(m_importer);
    const Response response =
        upload(u"/imports?dryRun=true"_s, token(u"imogen"_s), test::appArchive(), "application/zip");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"dryRun"_s).toBool(), true);
    const QJsonArray schemas = response.json.value(u"schemas"_s).toArray();
    QCOMPARE(schemas.size(), 1);
    const QJsonObject schema = schemas.first().toObject();
    QCOMPARE(schema.value(u"name"_s).toString(), u"app"_s);
    QVERIFY(!schema.contains(u"id"_s));
    QCOMPARE(schema.value(u"tables"_s).toInt(), 5); // schema.sql's five tables, with the CSV samples
    // The whole document, as a .fabrica.json file would hold it.
    const QJsonObject document = schema.value(u"document"_s).toObject();
    Result<Schema> parsed = SchemaFile::parse(QJsonDocument(document).toJson());
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->tables.size(), 5);
    QVERIFY(parsed->table(u"orders"_s) != nullptr);
    QVERIFY(!response.json.value(u"report"_s).toArray().isEmpty());
    QCOMPARE(schemaNames(m_importer), before);
}

void TestApiAccess::importNameConflict()
{
    const QByteArray shop = example(u"shop"_s);
    const QByteArray imogen = token(u"imogen"_s);
    const Response first = upload(u"/imports"_s, imogen, shop, "application/json");
    QCOMPARE(first.status, 201);
    const Response taken = upload(u"/imports"_s, imogen, shop, "application/json");
    QCOMPARE(taken.status, 409);
    QCOMPARE(errorCode(taken), u"already_exists"_s);
    QCOMPARE(schemaNames(m_importer), QStringList{u"shop"_s});
    const Response renamed = upload(u"/imports?onConflict=rename"_s, imogen, shop, "application/json");
    QCOMPARE(renamed.status, 201);
    QCOMPARE(schemaNames(m_importer), (QStringList{u"shop"_s, u"shop (2)"_s}));
    QCOMPARE(upload(u"/imports?onConflict=merge"_s, imogen, shop, "application/json").status, 400);
    QCOMPARE(upload(u"/imports?dryRun=perhaps"_s, imogen, shop, "application/json").status, 400);
    // Another user's names are not in the way.
    const Response alices = upload(u"/imports"_s, token(u"alice"_s), shop, "application/json");
    QCOMPARE(alices.status, 201);
    for (const Response *response : {&first, &renamed})
        dropSchema(
            Actor::of(m_importer),
            response->json.value(u"schemas"_s).toArray().first().toObject().value(u"id"_s).toInteger());
    dropSchema(Actor::of(m_alice),
               alices.json.value(u"schemas"_s).toArray().first().toObject().value(u"id"_s).toInteger());
}

void TestApiAccess::importMalformedZip()
{
    QByteArray zip = test::appArchive();
    zip.truncate(zip.size() / 2); // the central directory is gone
    const QStringList before = schemaNames(m_importer);
    const Response response =
        upload(u"/imports?filename=broken.zip"_s, token(u"imogen"_s), zip, "application/zip");
    QCOMPARE(response.status, 422);
    QCOMPARE(errorCode(response), u"import_failed"_s);
    const QJsonObject details = errorDetails(response);
    QCOMPARE(details.value(u"file"_s).toString(), u"broken.zip"_s);
    QVERIFY(!details.value(u"report"_s).toArray().isEmpty());
    QCOMPARE(schemaNames(m_importer), before);

    const Response garbage =
        upload(u"/imports"_s, token(u"imogen"_s), "PK\x03\x04 not really a zip", "application/zip");
    QCOMPARE(garbage.status, 422);
    QCOMPARE(schemaNames(m_importer), before);
}

void TestApiAccess::importMalformedJson()
{
    const QByteArray broken =
        "{\n  \"format\": \"fabrica-schema\",\n  \"version\": 1,\n  \"schema\": {\"name\": \"x\",,}\n}\n";
    const QStringList before = schemaNames(m_importer);
    const Response response =
        upload(u"/imports?filename=x.fabrica.json"_s, token(u"imogen"_s), broken, "application/json");
    QCOMPARE(response.status, 422);
    const QJsonObject details = errorDetails(response);
    QCOMPARE(details.value(u"file"_s).toString(), u"x.fabrica.json"_s);
    QCOMPARE(details.value(u"line"_s).toInt(), 4);
    QVERIFY(details.value(u"column"_s).toInt() > 0);
    QVERIFY(response.json.value(u"error"_s)
                .toObject()
                .value(u"message"_s)
                .toString()
                .contains(u"x.fabrica.json:4:"_s));
    QCOMPARE(schemaNames(m_importer), before);
}

void TestApiAccess::importDdlError()
{
    // In a ZIP with a good file: the one error refuses the whole import.
    const QByteArray ddl = "CREATE TABLE good (id INTEGER PRIMARY KEY);\n"
                           "CREATE TABLE twice (\n"
                           "    id INTEGER,\n"
                           "    id INTEGER\n"
                           ");\n";
    const QByteArray zip =
        test::zipOf({{u"db/schema.sql"_s, ddl}, {u"db/shop.fabrica.json"_s, example(u"shop"_s)}});
    const QStringList before = schemaNames(m_importer);
    const Response response = upload(u"/imports"_s, token(u"imogen"_s), zip, "application/zip");
    QCOMPARE(response.status, 422);
    const QJsonObject details = errorDetails(response);
    QCOMPARE(details.value(u"file"_s).toString(), u"db/schema.sql"_s);
    QCOMPARE(details.value(u"line"_s).toInt(), 4);
    QVERIFY(details.value(u"column"_s).toInt() > 0);
    QCOMPARE(schemaNames(m_importer), before);
    // A dry run says the same.
    QCOMPARE(upload(u"/imports?dryRun=true"_s, token(u"imogen"_s), zip, "application/zip").status, 422);
}

void TestApiAccess::importUnsupportedMediaType()
{
    const QByteArray imogen = token(u"imogen"_s);
    for (const QByteArray &type : {QByteArray("application/octet-stream"), QByteArray("image/png"),
                                   QByteArray("application/x-www-form-urlencoded")}) {
        const Response response = upload(u"/imports"_s, imogen, kLibraryDdl, type);
        QCOMPARE(response.status, 415);
        QCOMPARE(errorCode(response), u"unsupported"_s);
    }
    // No media type at all: the same (QNetworkAccessManager would add one, so raw bytes).
    const QByteArray raw = m_client.raw("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                        "Authorization: Bearer " +
                                        imogen + "\r\nContent-Length: 4\r\n\r\nabcd");
    QVERIFY2(raw.startsWith("HTTP/1.1 415 "), raw.left(200).constData());
    QCOMPARE(upload(u"/imports"_s, imogen, {}, "application/sql").status, 400);
    QCOMPARE(schemaNames(m_importer), QStringList());
}

void TestApiAccess::importTooLarge()
{
    // The socket guard's upload limit comes from the import limit (256 KiB here, far below the framing
    // default): a declared length over it is refused before the body is read.
    const qint64 limit = ImportRoutes::bodyLimit(m_server->options().importLimits);
    QCOMPARE(m_server->options().limits.framing.uploadBodyBytes, limit);
    QVERIFY(limit < 1024 * 1024);
    const QByteArray guard =
        m_client.raw("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\n"
                     "Content-Length: " +
                     QByteArray::number(limit + 1) + "\r\n\r\n");
    QVERIFY2(guard.startsWith("HTTP/1.1 413 "), guard.left(200).constData());
    QVERIFY(guard.contains("\"payload_too_large\""));

    // Just over the import limit (within the multipart room): the route refuses it with the same code.
    const QByteArray imogen = token(u"imogen"_s);
    QByteArray big = kLibraryDdl;
    while (big.size() <= kUploadLimit)
        big += "-- " + QByteArray(200, 'x') + '\n';
    const Response single = upload(u"/imports?filename=big.sql"_s, imogen, big, "application/sql");
    QCOMPARE(single.status, 413);
    QCOMPARE(errorCode(single), u"payload_too_large"_s);

    // Files that fit alone but not together.
    const QByteArray half = big.left(kUploadLimit / 2 + 1024);
    const QByteArray boundary = "b0undary";
    const Response both =
        upload(u"/imports"_s, imogen, multipartBody(boundary, {{"a.sql", "", half}, {"b.sql", "", half}}),
               "multipart/form-data; boundary=" + boundary);
    QCOMPARE(both.status, 413);
    QCOMPARE(schemaNames(m_importer), QStringList());
}

void TestApiAccess::importNeedsToken()
{
    const Response response = upload(u"/imports"_s, {}, kLibraryDdl, "application/sql");
    QCOMPARE(response.status, 401);
    QCOMPARE(call("GET", u"/imports"_s, token(u"imogen"_s)).status, 405);
}

// ---- metrics ----

void TestApiAccess::metricsFormat()
{
    const Response response = m_client.send("GET", u"/metrics"_s, {}, {}, {}, {}, false);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    QCOMPARE(response.headers.value("cache-control"), "no-store");
    QCOMPARE(response.headers.value("x-content-type-options"), "nosniff");
    // Every sample belongs to a family announced with HELP and TYPE before it.
    QSet<QByteArray> typed;
    const QRegularExpression sampleLine(u"^([a-z_]+?)(_bucket|_sum|_count)?(\\{[^}]*\\})? -?[0-9.e+-]+$"_s);
    for (const QByteArray &line : response.body.split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# TYPE ")) {
            typed.insert(line.split(' ').value(2));
            continue;
        }
        if (line.startsWith("# HELP "))
            continue;
        const QRegularExpressionMatch match = sampleLine.match(QString::fromUtf8(line));
        QVERIFY2(match.hasMatch(), line.constData());
        const QByteArray name = match.captured(1).toUtf8();
        QVERIFY2(typed.contains(name) || typed.contains(name + match.captured(2).toUtf8()), line.constData());
    }
    QCOMPARE(sample(response.body, "fabrica_storage_up"), 1.0);
}

void TestApiAccess::metricsCountersMove()
{
    const QByteArray health = R"(fabrica_http_requests_total{route="/health",method="GET",status="200"})";
    const QByteArray refused = R"(fabrica_http_requests_total{route="/users",method="GET",status="403"})";
    const QByteArray before = scrape();
    const double healthBefore = qMax(0.0, sample(before, health));
    const double refusedBefore = qMax(0.0, sample(before, refused));
    const double countBefore = sample(before, "fabrica_http_request_duration_seconds_count");
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call("GET", u"/health"_s).status, 200);
    QCOMPARE(call("GET", u"/users"_s, token(u"bob"_s)).status, 403);
    const QByteArray after = scrape();
    QCOMPARE(sample(after, health), healthBefore + 3);
    QCOMPARE(sample(after, refused), refusedBefore + 1);
    // The four calls and the first scrape itself.
    QCOMPARE(sample(after, "fabrica_http_request_duration_seconds_count"), countBefore + 5);
}

void TestApiAccess::metricsHistogramCumulative()
{
    for (int i = 0; i < 3; ++i)
        call("GET", u"/health"_s);
    const QByteArray text = scrape();
    QList<double> bounds;
    QList<double> counts;
    const QRegularExpression bucket(
        u"^fabrica_http_request_duration_seconds_bucket\\{le=\"([^\"]+)\"\\} ([0-9]+)$"_s);
    for (const QByteArray &line : text.split('\n')) {
        const QRegularExpressionMatch match = bucket.match(QString::fromUtf8(line));
        if (!match.hasMatch())
            continue;
        bounds << (match.captured(1) == u"+Inf"_s ? qInf() : match.captured(1).toDouble());
        counts << match.captured(2).toDouble();
    }
    QCOMPARE(bounds.size(), qsizetype(ApiMetrics::kBuckets.size() + 1));
    for (qsizetype i = 1; i < bounds.size(); ++i) {
        QVERIFY(bounds[i] > bounds[i - 1]);
        QVERIFY2(counts[i] >= counts[i - 1], qPrintable(u"bucket %1"_s.arg(i)));
    }
    QVERIFY(std::isinf(bounds.last()));
    QCOMPARE(counts.last(), sample(text, "fabrica_http_request_duration_seconds_count"));
    QVERIFY(counts.last() >= 3);
    QVERIFY(sample(text, "fabrica_http_request_duration_seconds_sum") > 0);
}

void TestApiAccess::metricsJobsByState()
{
    auto jobs = [this](const QByteArray &text) {
        QMap<QString, double> states;
        for (const char *state : {"queued", "running", "finished", "failed", "cancelled"})
            states.insert(QString::fromLatin1(state),
                          sample(text, "fabrica_jobs{state=\"" + QByteArray(state) + "\"}"));
        return states;
    };
    const QMap<QString, double> before = jobs(scrape());
    for (const double count : before)
        QCOMPARE(count, 0.0); // a fresh storage; no test here makes runs but this one

    Schema shop = SchemaFile::parse(example(u"shop"_s)).value();
    shop.name = u"jobs"_s;
    Result<SchemaRecord> schema = m_repository->saveSchema(Actor::of(m_bob), m_bob.id, shop);
    QVERIFY(schema.ok());
    const Actor bob = Actor::of(m_bob);
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_repository->enqueueRun(bob, schema->id, quint64(i), u"storage"_s, "{}").ok());
    Result<RunRecord> running = m_repository->startRun(bob, schema->id, 7);
    Result<RunRecord> finished = m_repository->startRun(bob, schema->id, 8);
    QVERIFY(running.ok() && finished.ok());
    QVERIFY(
        m_repository->finishRun(bob, finished->id, RunRecord::Status::Finished, {{u"customers"_s, 10}}).ok());
    Result<QList<RunRecord>> queued = m_repository->runs(bob, schema->id);
    QVERIFY(queued.ok());
    QCOMPARE(m_repository->cancelRun(bob, queued->first().id).value(), RunRecord::Status::Cancelled);

    const QMap<QString, double> after = jobs(scrape());
    QCOMPARE(after.value(u"queued"_s), 2.0);
    QCOMPARE(after.value(u"running"_s), 1.0);
    QCOMPARE(after.value(u"finished"_s), 1.0);
    QCOMPARE(after.value(u"failed"_s), 0.0);
    QCOMPARE(after.value(u"cancelled"_s), 1.0);
    // The same as the storage's own count.
    const QMap<RunRecord::Status, qint64> counts = m_repository->runStatusCounts().value();
    QCOMPARE(counts.value(RunRecord::Status::Queued), 2);
    QCOMPARE(counts.value(RunRecord::Status::Running), 1);
    QVERIFY(!counts.contains(RunRecord::Status::Failed));
}

void TestApiAccess::metricsRowsGenerated()
{
    const QByteArray before = scrape();
    const double rows = sample(before, "fabrica_rows_generated_total");
    QVERIFY(rows >= 0);
    QVERIFY(before.contains("# TYPE fabrica_rows_generated_total counter"));
    m_server->metrics().addRowsGenerated(1234);
    m_server->metrics().addRowsGenerated(0);
    m_server->metrics().addRowsGenerated(-5); // never backwards
    QCOMPARE(sample(scrape(), "fabrica_rows_generated_total"), rows + 1234);
}

void TestApiAccess::metricsWithToken()
{
    ApiServer::Options options;
    options.metricsNeedToken = true;
    ApiServer guarded(*m_repository, *m_auth, options);
    Result<quint16> port = guarded.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    test::ApiClient client;
    client.setPort(port.value());
    QCOMPARE(client.call("GET", u"/metrics"_s).status, 401);
    QCOMPARE(client.call("GET", u"/metrics"_s, token(u"alice"_s)).status, 403);
    const Response admin = client.send("GET", u"/metrics"_s, token(u"ada"_s), {}, {}, {}, false);
    QCOMPARE(admin.status, 200);
    QVERIFY(admin.body.contains(
        "fabrica_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"401\"} 1"));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApiAccess>(argc, argv);
}

#include "tst_api_access.moc"
