// The schema family of the REST API over real HTTP, on SQLite and on the real PostgreSQL server: /schemas
// (create from a name or a document, read, rename, delete), the whole document with its ETag, validation,
// the nested tables, columns and samples; every error status (401, 403, 404, 405, 400, 409, 412, 415, 422);
// ownership across alice, bob and the admin; ids that stay across document saves and nested edits; and two
// writers of one revision, of whom exactly one wins.

#include "ApiTestSupport.h"
#include "AuthTestSupport.h"
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"

#include "api/ApiServer.h"
#include "auth/AuthService.h"
#include "format/SchemaFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPassword = "Vt7-quartz-lantern";

using Response = test::HttpResponse;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

QList<qint64> idsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    for (const QJsonValue &item : items)
        ids << item.toObject().value(u"id"_s).toInteger();
    return ids;
}

} // namespace

class TestApiSchemas : public QObject
{
    Q_OBJECT

public:
    explicit TestApiSchemas(SqlDialect dialect)
        : m_databases(dialect)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tokenRequiredEverywhere();
    void wrongMethods();
    void createsFromNameOrDocument();
    void createRefusesBadInput();
    void createsForOthersOnlyAsAdmin();
    void readsRenamesDeletes();
    void referenceDate();
    void listIsPaginated();
    void documentRoundTrips();
    void documentRefusesBadInput();
    void validates();
    void tables();
    void tablesRefuseBadInput();
    void columns();
    void columnsRefuseBadInput();
    void samples();
    void profileSamples();
    void idsStayStable();
    void ownership();
    void staleWritesRefused();
    void concurrentWritersOfOneRevision();
    void concurrentEditsWithoutIfMatchLoseNothing();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &token,
                  const QJsonObject &body = {}, const Headers &headers = {})
    {
        const QByteArray data =
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return m_client.send(method, path, token, data, data.isEmpty() ? QByteArray() : "application/json",
                             headers);
    }
    Response sendJson(const QByteArray &method, const QString &path, const QByteArray &token,
                      const QByteArray &data, const Headers &headers = {})
    {
        return m_client.send(method, path, token, data, "application/json", headers);
    }
    QByteArray signIn(const QString &name) { return m_client.signIn(name, kPassword); }
    // A schema of the shop example under name, created through the API; its id.
    qint64 createShop(const QByteArray &token, const QString &name)
    {
        Schema shop = test::shopExample();
        shop.name = name;
        shop.tables[0].columns[1].samples = QStringList{u"Ada"_s, u"Grace"_s};
        const Response created = sendJson("POST", u"/schemas"_s, token, SchemaFile::serialize(shop));
        if (created.status != 201)
            qWarning("cannot create %s: %s", qPrintable(name), created.body.constData());
        return created.json.value(u"id"_s).toInteger();
    }
    QJsonObject table(const QByteArray &token, qint64 schemaId, int index)
    {
        return call("GET", u"/schemas/%1/tables"_s.arg(schemaId), token)
            .json.value(u"items"_s)
            .toArray()
            .at(index)
            .toObject();
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
    QByteArray m_adminToken;
    QByteArray m_aliceToken;
    QByteArray m_bobToken;
};

void TestApiSchemas::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_repository = m_databases.freshRepository();
    m_auth = std::make_unique<AuthService>(test::authService(*m_repository, m_dir));
    m_admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword).value();
    m_alice =
        m_auth->createUser(Actor::of(m_admin), u"alice"_s, u"alice@example.com"_s, kPassword, Role::User)
            .value();
    m_bob =
        m_auth->createUser(Actor::of(m_admin), u"bob"_s, u"bob@example.com"_s, kPassword, Role::User).value();
    m_server = std::make_unique<ApiServer>(*m_repository, *m_auth);
    Result<quint16> port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY2(port.ok(), qPrintable(port ? QString() : port.error().toString()));
    m_client.setPort(port.value());
    m_adminToken = signIn(u"ada"_s);
    m_aliceToken = signIn(u"alice"_s);
    m_bobToken = signIn(u"bob"_s);
    QVERIFY(!m_adminToken.isEmpty() && !m_aliceToken.isEmpty() && !m_bobToken.isEmpty());
}

void TestApiSchemas::cleanupTestCase()
{
    m_server.reset();
    m_auth.reset();
    m_repository.reset();
    m_databases.dropAll();
}

void TestApiSchemas::tokenRequiredEverywhere()
{
    const qint64 id = createShop(m_aliceToken, u"guarded"_s);
    const QJsonObject first = table(m_aliceToken, id, 0);
    const qint64 tableId = first.value(u"id"_s).toInteger();
    const qint64 columnId = first.value(u"columns"_s).toArray().at(0).toObject().value(u"id"_s).toInteger();
    const QList<std::pair<QByteArray, QString>> routes = {
        {"POST", u"/schemas"_s},
        {"GET", u"/schemas/%1"_s.arg(id)},
        {"PUT", u"/schemas/%1"_s.arg(id)},
        {"DELETE", u"/schemas/%1"_s.arg(id)},
        {"GET", u"/schemas/%1/document"_s.arg(id)},
        {"PUT", u"/schemas/%1/document"_s.arg(id)},
        {"POST", u"/schemas/%1/validate"_s.arg(id)},
        {"GET", u"/schemas/%1/tables"_s.arg(id)},
        {"POST", u"/schemas/%1/tables"_s.arg(id)},
        {"GET", u"/tables/%1"_s.arg(tableId)},
        {"PUT", u"/tables/%1"_s.arg(tableId)},
        {"DELETE", u"/tables/%1"_s.arg(tableId)},
        {"GET", u"/tables/%1/columns"_s.arg(tableId)},
        {"POST", u"/tables/%1/columns"_s.arg(tableId)},
        {"GET", u"/columns/%1"_s.arg(columnId)},
        {"PUT", u"/columns/%1"_s.arg(columnId)},
        {"DELETE", u"/columns/%1"_s.arg(columnId)},
        {"GET", u"/columns/%1/samples"_s.arg(columnId)},
        {"POST", u"/columns/%1/samples"_s.arg(columnId)},
        {"DELETE", u"/columns/%1/samples"_s.arg(columnId)},
    };
    for (const auto &[method, path] : routes) {
        const Response response = call(method, path, {}, QJsonObject{{u"name"_s, u"x"_s}});
        QVERIFY2(response.status == 401, qPrintable(QString::fromLatin1(method) + u' ' + path));
        QCOMPARE(response.headers.value("www-authenticate"), "Bearer");
        QCOMPARE(call(method, path, "not-a-token").status, 401);
    }
    // Nothing changed.
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"revision"_s).toInt(), 1);
}

void TestApiSchemas::wrongMethods()
{
    const QList<std::tuple<QByteArray, QString, QByteArray>> wrong = {
        {"PATCH", u"/schemas/1"_s, "DELETE, GET, PUT"},        {"DELETE", u"/schemas"_s, "GET, POST"},
        {"POST", u"/schemas/1/document"_s, "GET, PUT"},        {"GET", u"/schemas/1/validate"_s, "POST"},
        {"DELETE", u"/schemas/1/tables"_s, "GET, POST"},       {"POST", u"/tables/1"_s, "DELETE, GET, PUT"},
        {"PUT", u"/tables/1/columns"_s, "GET, POST"},          {"POST", u"/columns/1"_s, "DELETE, GET, PUT"},
        {"PUT", u"/columns/1/samples"_s, "DELETE, GET, POST"},
    };
    for (const auto &[method, path, allowed] : wrong) {
        const Response response = call(method, path, m_aliceToken);
        QVERIFY2(response.status == 405, qPrintable(QString::fromLatin1(method) + u' ' + path));
        QCOMPARE(response.headers.value("allow"), allowed);
        QCOMPARE(errorCode(response), u"method_not_allowed"_s);
    }
}

void TestApiSchemas::createsFromNameOrDocument()
{
    const Response empty =
        call("POST", u"/schemas"_s, m_aliceToken,
             QJsonObject{{u"name"_s, u"empty one"_s}, {u"description"_s, u"nothing yet"_s}});
    QCOMPARE(empty.status, 201);
    const qint64 id = empty.json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(empty.headers.value("location"), u"/api/v1/schemas/%1"_s.arg(id).toUtf8());
    QCOMPARE(empty.headers.value("etag"), "\"1\"");
    QCOMPARE(empty.json.value(u"name"_s).toString(), u"empty one"_s);
    QCOMPARE(empty.json.value(u"description"_s).toString(), u"nothing yet"_s);
    QCOMPARE(empty.json.value(u"ownerId"_s).toInteger(), m_alice.id);
    QCOMPARE(empty.json.value(u"owner"_s).toString(), u"alice"_s);
    QCOMPARE(empty.json.value(u"tables"_s).toInt(), 0);
    QCOMPARE(empty.json.value(u"revision"_s).toInt(), 1);
    QVERIFY(QDateTime::fromString(empty.json.value(u"created"_s).toString(), Qt::ISODate).isValid());
    const Response read = call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json, empty.json);

    // A whole document: stored as it is, and given back in the same canonical form.
    Schema shop = test::shopExample();
    shop.name = u"shop from a document"_s;
    shop.tables[1].columns[2].samples = QStringList{u"x"_s, u"y"_s};
    const Response document = sendJson("POST", u"/schemas"_s, m_aliceToken, SchemaFile::serialize(shop));
    QCOMPARE(document.status, 201);
    QCOMPARE(document.json.value(u"tables"_s).toInt(), 2);
    QCOMPARE(document.json.value(u"owner"_s).toString(), u"alice"_s);
    const qint64 shopId = document.json.value(u"id"_s).toInteger();
    const Response text = m_client.send("GET", u"/schemas/%1/document"_s.arg(shopId), m_aliceToken, {}, {});
    QCOMPARE(text.status, 200);
    QCOMPARE(text.headers.value("etag"), "\"1\"");
    Result<Schema> parsed = SchemaFile::parse(text.body);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->owner, u"alice"_s);
    shop.owner = u"alice"_s;
    QCOMPARE(parsed.value(), shop);
    QCOMPARE(text.body, SchemaFile::serialize(shop));
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), shopId).value(), shop);

    // The name is taken now.
    const Response twice = sendJson("POST", u"/schemas"_s, m_aliceToken, SchemaFile::serialize(shop));
    QCOMPARE(twice.status, 409);
    QCOMPARE(errorCode(twice), u"already_exists"_s);
    QCOMPARE(call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"name"_s, u"empty one"_s}}).status, 409);
    // … for alice only.
    QCOMPARE(call("POST", u"/schemas"_s, m_bobToken, QJsonObject{{u"name"_s, u"empty one"_s}}).status, 201);
}

void TestApiSchemas::createRefusesBadInput()
{
    const Response wrongType =
        m_client.send("POST", u"/schemas"_s, m_aliceToken, "name=x", "application/x-www-form-urlencoded");
    QCOMPARE(wrongType.status, 415);
    const Response malformed =
        sendJson("POST", u"/schemas"_s, m_aliceToken, "{\n  \"name\": \"x\",\n  oops\n}");
    QCOMPARE(malformed.status, 400);
    QCOMPARE(errorCode(malformed), u"invalid_input"_s);
    QCOMPARE(errorDetails(malformed).value(u"line"_s).toInt(), 3);
    QVERIFY(errorDetails(malformed).value(u"column"_s).toInt() > 0);
    QCOMPARE(call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"description"_s, u"no name"_s}}).status,
             400);
    QCOMPARE(call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"name"_s, 5}}).status, 400);
    const Response unknown =
        call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"name"_s, u"x"_s}, {u"colour"_s, u"blue"_s}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(errorDetails(unknown).value(u"path"_s).toString(), u"colour"_s);
    const Response blank = call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"name"_s, u"  "_s}});
    QCOMPARE(blank.status, 422);
    QCOMPARE(errorCode(blank), u"validation"_s);

    // A document the format refuses: 422 with the place in what was sent.
    QByteArray document = SchemaFile::serialize(test::shopExample());
    document.replace("\"name\": \"first_name\"", "\"name\": \"first_name\", \"colour\": \"blue\"");
    const Response refused = sendJson("POST", u"/schemas"_s, m_aliceToken, document);
    QCOMPARE(refused.status, 422);
    QCOMPARE(errorCode(refused), u"validation"_s);
    const QJsonObject details = errorDetails(refused);
    QCOMPARE(details.value(u"path"_s).toString(), u"customers.first_name"_s);
    const int line = details.value(u"line"_s).toInt();
    QVERIFY(line > 1);
    QVERIFY2(document.split('\n').at(line - 1).contains("colour"),
             document.split('\n').at(line - 1).constData());
    QVERIFY(refused.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"colour"_s));
    // Two tables of one name: well-formed, but not a schema the storage keeps.
    Schema twins = test::shopExample();
    twins.name = u"twins"_s;
    twins.tables[1].name = twins.tables[0].name;
    const Response duplicate = sendJson("POST", u"/schemas"_s, m_aliceToken, SchemaFile::serialize(twins));
    QCOMPARE(duplicate.status, 422);
    QCOMPARE(call("GET", u"/schemas?limit=500"_s, m_aliceToken).body.contains("twins"), false);
}

void TestApiSchemas::createsForOthersOnlyAsAdmin()
{
    const Response denied = call("POST", u"/schemas?ownerId=%1"_s.arg(m_bob.id), m_aliceToken,
                                 QJsonObject{{u"name"_s, u"planted"_s}});
    QCOMPARE(denied.status, 403);
    QCOMPARE(errorCode(denied), u"forbidden"_s);
    const Response forAlice = call("POST", u"/schemas?ownerId=%1"_s.arg(m_alice.id), m_adminToken,
                                   QJsonObject{{u"name"_s, u"made by the admin"_s}});
    QCOMPARE(forAlice.status, 201);
    QCOMPARE(forAlice.json.value(u"ownerId"_s).toInteger(), m_alice.id);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(forAlice.json.value(u"id"_s).toInteger()), m_aliceToken).status,
             200);
    QCOMPARE(
        call("POST", u"/schemas?ownerId=987654"_s, m_adminToken, QJsonObject{{u"name"_s, u"x"_s}}).status,
        404);
    QCOMPARE(call("POST", u"/schemas?ownerId=abc"_s, m_adminToken, QJsonObject{{u"name"_s, u"x"_s}}).status,
             400);
    // Her own id is no other user's.
    QCOMPARE(call("POST", u"/schemas?ownerId=%1"_s.arg(m_alice.id), m_aliceToken,
                  QJsonObject{{u"name"_s, u"own id"_s}})
                 .status,
             201);
}

void TestApiSchemas::readsRenamesDeletes()
{
    const qint64 id = createShop(m_aliceToken, u"to rename"_s);
    const Response read = call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.headers.value("etag"), "\"1\"");
    QCOMPARE(read.json.value(u"tables"_s).toInt(), 2);

    const Response renamed =
        call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, u"renamed"_s}});
    QCOMPARE(renamed.status, 200);
    QCOMPARE(renamed.json.value(u"name"_s).toString(), u"renamed"_s);
    QCOMPARE(renamed.json.value(u"description"_s).toString(), read.json.value(u"description"_s).toString());
    QCOMPARE(renamed.json.value(u"revision"_s).toInt(), 2);
    QCOMPARE(renamed.headers.value("etag"), "\"2\"");
    // What GET answered may be sent back with a change: the fields the server keeps are ignored.
    QJsonObject edited = renamed.json;
    edited.insert(u"description"_s, u"described"_s);
    edited.insert(u"tables"_s, 99);
    const Response described =
        call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, edited, {{"If-Match", "\"2\""}});
    QCOMPARE(described.status, 200);
    QCOMPARE(described.json.value(u"description"_s).toString(), u"described"_s);
    QCOMPARE(described.json.value(u"tables"_s).toInt(), 2);
    QCOMPARE(described.json.value(u"name"_s).toString(), u"renamed"_s);
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->tables.size(), 2);

    // Stale: 412, nothing changes.
    const Response stale = call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken,
                                QJsonObject{{u"name"_s, u"stale"_s}}, {{"If-Match", "\"2\""}});
    QCOMPARE(stale.status, 412);
    QCOMPARE(errorCode(stale), u"precondition_failed"_s);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"name"_s).toString(),
             u"renamed"_s);
    // Weak tags never match; a list with the current one does; "*" does.
    QCOMPARE(sendJson("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, "{}", {{"If-Match", "W/\"3\""}}).status,
             412);
    QCOMPARE(
        sendJson("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, "{}", {{"If-Match", "\"1\", \"3\""}}).status,
        200);
    QCOMPARE(sendJson("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, "{}", {{"If-Match", "*"}}).status, 200);
    QCOMPARE(call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, u""_s}}).status,
             422);
    QCOMPARE(call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, true}}).status, 400);
    createShop(m_aliceToken, u"taken"_s);
    const Response taken =
        call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, u"taken"_s}});
    QCOMPARE(taken.status, 409);
    QCOMPARE(errorCode(taken), u"already_exists"_s);

    const QByteArray etag = call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag");
    QCOMPARE(etag, "\"5\"");
    QCOMPARE(call("DELETE", u"/schemas/%1"_s.arg(id), m_aliceToken, {}, {{"If-Match", "\"4\""}}).status, 412);
    const Response deleted = call("DELETE", u"/schemas/%1"_s.arg(id), m_aliceToken, {}, {{"If-Match", etag}});
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", u"/schemas/%1"_s.arg(id), m_aliceToken).status, 404);
    QCOMPARE(call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, u"x"_s}}).status,
             404);
    // Without If-Match a delete needs no revision.
    const qint64 other = createShop(m_aliceToken, u"plain delete"_s);
    QCOMPARE(call("DELETE", u"/schemas/%1"_s.arg(other), m_aliceToken).status, 204);
}

// Where a schema's default date windows end: set when it is made, changed and cleared by PUT.
void TestApiSchemas::referenceDate()
{
    const Response made = call("POST", u"/schemas"_s, m_aliceToken, QJsonObject{{u"name"_s, u"dated"_s}});
    QCOMPARE(made.status, 201);
    QCOMPARE(made.json.value(u"referenceDate"_s).toString(),
             QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
    const Response given = call("POST", u"/schemas"_s, m_aliceToken,
                                QJsonObject{{u"name"_s, u"dated earlier"_s}, {u"referenceDate"_s, u"2025-06-30"_s}});
    QCOMPARE(given.status, 201);
    QCOMPARE(given.json.value(u"referenceDate"_s).toString(), u"2025-06-30"_s);

    const qint64 id = made.json.value(u"id"_s).toInteger();
    const QString path = u"/schemas/%1"_s.arg(id);
    const Response changed = call("PUT", path, m_aliceToken, QJsonObject{{u"referenceDate"_s, u"2024-02-29"_s}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json.value(u"referenceDate"_s).toString(), u"2024-02-29"_s);
    QCOMPARE(call("GET", path, m_aliceToken).json.value(u"referenceDate"_s).toString(), u"2024-02-29"_s);
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->referenceDate, QDate(2024, 2, 29));

    const Response refused =
        call("PUT", path, m_aliceToken, QJsonObject{{u"referenceDate"_s, u"2024-02-30"_s}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), u"invalid_input"_s);
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->referenceDate, QDate(2024, 2, 29));

    const Response cleared = call("PUT", path, m_aliceToken, QJsonObject{{u"referenceDate"_s, QJsonValue()}});
    QCOMPARE(cleared.status, 200);
    QVERIFY(cleared.json.value(u"referenceDate"_s).isNull());
    QVERIFY(!m_repository->loadSchema(Actor::of(m_alice), id)->referenceDate.isValid());
}

void TestApiSchemas::listIsPaginated()
{
    const QByteArray carol = [this] {
        m_auth->createUser(Actor::of(m_admin), u"carol"_s, u"carol@example.com"_s, kPassword, Role::User)
            .value();
        return signIn(u"carol"_s);
    }();
    for (int i = 0; i < 7; ++i)
        QCOMPARE(call("POST", u"/schemas"_s, carol, QJsonObject{{u"name"_s, u"page %1"_s.arg(i)}}).status,
                 201);
    const Response all = call("GET", u"/schemas"_s, carol);
    QCOMPARE(all.json.value(u"total"_s).toInt(), 7);
    const Response page = call("GET", u"/schemas?limit=3&offset=5"_s, carol);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json.value(u"total"_s).toInt(), 7);
    QCOMPARE(page.json.value(u"limit"_s).toInt(), 3);
    QCOMPARE(page.json.value(u"offset"_s).toInt(), 5);
    QCOMPARE(idsOf(page.json.value(u"items"_s).toArray()),
             idsOf(all.json.value(u"items"_s).toArray()).mid(5));
    QCOMPARE(page.json.value(u"items"_s).toArray().at(0).toObject().value(u"revision"_s).toInt(), 1);
    QCOMPARE(call("GET", u"/schemas?limit=501"_s, carol).status, 400);
}

void TestApiSchemas::documentRoundTrips()
{
    const qint64 id = createShop(m_aliceToken, u"document"_s);
    const Response got = m_client.send("GET", u"/schemas/%1/document"_s.arg(id), m_aliceToken, {}, {});
    QCOMPARE(got.status, 200);
    QCOMPARE(got.headers.value("etag"), "\"1\"");
    const QJsonArray tablesBefore =
        call("GET", u"/schemas/%1/tables"_s.arg(id), m_aliceToken).json.value(u"items"_s).toArray();

    // The document edited and put back: rows changed, a column added, a table added.
    Schema schema = SchemaFile::parse(got.body).value();
    schema.tables[0].rows = 12;
    Column vip;
    vip.name = u"vip"_s;
    vip.type = u"boolean"_s;
    schema.tables[0].columns.insert(1, vip);
    Table notes;
    notes.name = u"notes"_s;
    notes.rows = 3;
    notes.columns << vip;
    schema.tables << notes;
    const Response put = sendJson("PUT", u"/schemas/%1/document"_s.arg(id), m_aliceToken,
                                  SchemaFile::serialize(schema), {{"If-Match", "\"1\""}});
    QCOMPARE(put.status, 200);
    QCOMPARE(put.headers.value("etag"), "\"2\"");
    QCOMPARE(put.json.value(u"revision"_s).toInt(), 2);
    QCOMPARE(put.json.value(u"tables"_s).toInt(), 3);
    const Response again = m_client.send("GET", u"/schemas/%1/document"_s.arg(id), m_aliceToken, {}, {});
    QCOMPARE(again.headers.value("etag"), "\"2\"");
    QCOMPARE(SchemaFile::parse(again.body).value(), schema);

    // The tables and columns that were there keep their ids.
    const QJsonArray tablesAfter =
        call("GET", u"/schemas/%1/tables"_s.arg(id), m_aliceToken).json.value(u"items"_s).toArray();
    QCOMPARE(tablesAfter.size(), 3);
    for (int t = 0; t < 2; ++t) {
        QCOMPARE(tablesAfter.at(t).toObject().value(u"id"_s), tablesBefore.at(t).toObject().value(u"id"_s));
        QList<qint64> before = idsOf(tablesBefore.at(t).toObject().value(u"columns"_s).toArray());
        QList<qint64> after = idsOf(tablesAfter.at(t).toObject().value(u"columns"_s).toArray());
        if (t == 0) {
            QVERIFY(!before.contains(after.at(1)));
            after.removeAt(1);
        }
        QCOMPARE(after, before);
    }
    // Put back unchanged, and without If-Match: the ids still stay, the revision goes up.
    QCOMPARE(sendJson("PUT", u"/schemas/%1/document"_s.arg(id), m_aliceToken, again.body).status, 200);
    const QJsonArray unchanged =
        call("GET", u"/schemas/%1/tables"_s.arg(id), m_aliceToken).json.value(u"items"_s).toArray();
    QCOMPARE(unchanged, tablesAfter);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag"), "\"3\"");
    // The document's name renames the schema.
    schema.name = u"document renamed"_s;
    QCOMPARE(sendJson("PUT", u"/schemas/%1/document"_s.arg(id), m_aliceToken, SchemaFile::serialize(schema))
                 .status,
             200);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"name"_s).toString(),
             u"document renamed"_s);
}

void TestApiSchemas::documentRefusesBadInput()
{
    const qint64 id = createShop(m_aliceToken, u"guarded document"_s);
    const QString path = u"/schemas/%1/document"_s.arg(id);
    const QByteArray good = m_client.send("GET", path, m_aliceToken, {}, {}).body;
    auto unchanged = [&] {
        const Response now = m_client.send("GET", path, m_aliceToken, {}, {});
        return now.body == good && now.headers.value("etag") == "\"1\"";
    };

    QCOMPARE(m_client.send("PUT", path, m_aliceToken, good, "text/plain").status, 415);
    QByteArray broken = good;
    broken.replace("\"rows\": 1000000", "\"rows\": 1000000,,");
    const Response malformed = sendJson("PUT", path, m_aliceToken, broken);
    QCOMPARE(malformed.status, 400);
    const int line = errorDetails(malformed).value(u"line"_s).toInt();
    QVERIFY(line > 1);
    QVERIFY(broken.split('\n').at(line - 1).contains(",,"));

    QByteArray wrongRows = good;
    wrongRows.replace("\"rows\": 1000000", "\"rows\": -5");
    const Response rule = sendJson("PUT", path, m_aliceToken, wrongRows);
    QCOMPARE(rule.status, 422);
    QCOMPARE(errorDetails(rule).value(u"path"_s).toString(), u"customers"_s);
    QVERIFY(wrongRows.split('\n').at(errorDetails(rule).value(u"line"_s).toInt() - 1).contains("-5"));
    QCOMPARE(
        sendJson("PUT", path, m_aliceToken, R"({"format": "something else", "version": 1, "schema": {}})")
            .status,
        422);
    QCOMPARE(sendJson("PUT", path, m_aliceToken, "[1, 2]").status, 400);
    Schema twins = SchemaFile::parse(good).value();
    twins.tables[1].columns[1].name = twins.tables[1].columns[0].name;
    const Response duplicate = sendJson("PUT", path, m_aliceToken, SchemaFile::serialize(twins));
    QCOMPARE(duplicate.status, 422);
    QVERIFY(unchanged());

    // Stale If-Match: 412 and the document stays.
    Schema edited = SchemaFile::parse(good).value();
    edited.description = u"edited"_s;
    QCOMPARE(
        sendJson("PUT", path, m_aliceToken, SchemaFile::serialize(edited), {{"If-Match", "\"7\""}}).status,
        412);
    QVERIFY(unchanged());
    // A name alice has already: 409.
    createShop(m_aliceToken, u"occupied"_s);
    edited.name = u"occupied"_s;
    QCOMPARE(sendJson("PUT", path, m_aliceToken, SchemaFile::serialize(edited)).status, 409);
    QVERIFY(unchanged());
    QCOMPARE(sendJson("PUT", u"/schemas/987654/document"_s, m_aliceToken, good).status, 404);
}

void TestApiSchemas::validates()
{
    const qint64 id = createShop(m_aliceToken, u"to validate"_s);
    const Response fine = call("POST", u"/schemas/%1/validate"_s.arg(id), m_aliceToken);
    QCOMPARE(fine.status, 200);
    QCOMPARE(fine.json.value(u"valid"_s).toBool(), true);
    QCOMPARE(fine.json.value(u"revision"_s).toInt(), 1);
    QCOMPARE(fine.headers.value("etag"), "\"1\"");
    for (const QJsonValue &problem : fine.json.value(u"problems"_s).toArray())
        QCOMPARE(problem.toObject().value(u"severity"_s).toString(), u"warning"_s);

    // A column of a type nobody knows: an error naming it, with its ids and its place in the document.
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const QJsonObject status = orders.value(u"columns"_s).toArray().at(2).toObject();
    QJsonObject broken = status;
    broken.insert(u"type"_s, u"no_such_type"_s);
    const qint64 columnId = status.value(u"id"_s).toInteger();
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(columnId), m_aliceToken, broken).status, 200);
    const Response invalid = call("POST", u"/schemas/%1/validate"_s.arg(id), m_aliceToken);
    QCOMPARE(invalid.status, 200);
    QCOMPARE(invalid.json.value(u"valid"_s).toBool(), false);
    QCOMPARE(invalid.headers.value("etag"), "\"2\"");
    QJsonObject found;
    for (const QJsonValue &problem : invalid.json.value(u"problems"_s).toArray()) {
        if (problem.toObject().value(u"severity"_s).toString() == u"error"_s)
            found = problem.toObject();
    }
    QVERIFY2(!found.isEmpty(), invalid.body.constData());
    const QString name = status.value(u"name"_s).toString();
    QCOMPARE(found.value(u"path"_s).toString(), u"orders."_s + name);
    QVERIFY(found.value(u"message"_s).toString().contains(u"no_such_type"_s));
    QCOMPARE(found.value(u"tableId"_s).toInteger(), orders.value(u"id"_s).toInteger());
    QCOMPARE(found.value(u"columnId"_s).toInteger(), columnId);
    QCOMPARE(found.value(u"pointer"_s).toString(), u"/schema/tables/1/columns/2"_s);
    const QByteArray document =
        m_client.send("GET", u"/schemas/%1/document"_s.arg(id), m_aliceToken, {}, {}).body;
    const QList<QByteArray> lines = document.split('\n');
    const int line = found.value(u"line"_s).toInt();
    QVERIFY(line > 0 && line <= lines.size());
    // The line of the column's object: its name is there or on the next line.
    QVERIFY2(QByteArray(lines.at(line - 1) + lines.value(line)).contains(name.toUtf8()),
             lines.at(line - 1).constData());
    QCOMPARE(call("POST", u"/schemas/987654/validate"_s, m_aliceToken).status, 404);
}

void TestApiSchemas::tables()
{
    const qint64 id = createShop(m_aliceToken, u"tabled"_s);
    const Response list = call("GET", u"/schemas/%1/tables"_s.arg(id), m_aliceToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.headers.value("etag"), "\"1\"");
    QCOMPARE(list.json.value(u"total"_s).toInt(), 2);
    const QJsonObject customers = list.json.value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(customers.value(u"name"_s).toString(), u"customers"_s);
    QCOMPARE(customers.value(u"rows"_s).toInteger(), 1000000);
    QCOMPARE(customers.value(u"schemaId"_s).toInteger(), id);
    QCOMPARE(customers.value(u"position"_s).toInt(), 0);
    QCOMPARE(customers.value(u"description"_s).toString(), test::shopExample().tables[0].description);
    const QJsonArray columns = customers.value(u"columns"_s).toArray();
    QCOMPARE(columns.size(), test::shopExample().tables[0].columns.size());
    QVERIFY(columns.at(0).toObject().value(u"id"_s).toInteger() > 0);
    QCOMPARE(columns.at(1).toObject().value(u"samples"_s).toArray().size(), 2);
    // The table object is the document's own, plus the ids: taken out, the format reads it.
    QJsonObject plain = customers;
    plain.remove(u"id"_s);
    plain.remove(u"schemaId"_s);
    plain.remove(u"position"_s);
    QJsonArray plainColumns;
    for (const QJsonValue &column : columns) {
        QJsonObject object = column.toObject();
        object.remove(u"id"_s);
        plainColumns << object;
    }
    plain.insert(u"columns"_s, plainColumns);
    QCOMPARE(SchemaFile::parseTable(plain, 0, {}).value(),
             m_repository->loadSchema(Actor::of(m_alice), id)->tables[0]);

    const qint64 tableId = customers.value(u"id"_s).toInteger();
    const Response one = call("GET", u"/tables/%1"_s.arg(tableId), m_aliceToken);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json, customers);
    QCOMPARE(one.headers.value("etag"), "\"1\"");
    const Response paged = call("GET", u"/schemas/%1/tables?limit=1&offset=1"_s.arg(id), m_aliceToken);
    QCOMPARE(paged.json.value(u"items"_s).toArray().size(), 1);
    QCOMPARE(paged.json.value(u"items"_s).toArray().at(0).toObject().value(u"name"_s).toString(),
             u"orders"_s);
    QCOMPARE(paged.json.value(u"total"_s).toInt(), 2);

    // Created at the end, or at a position.
    const QJsonObject newTable{
        {u"name"_s, u"coupons"_s},
        {u"rows"_s, 10},
        {u"columns"_s, QJsonArray{QJsonObject{{u"name"_s, u"code"_s}, {u"type"_s, u"sequence"_s}}}}};
    const Response created = call("POST", u"/schemas/%1/tables"_s.arg(id), m_aliceToken, newTable);
    QCOMPARE(created.status, 201);
    const qint64 couponsId = created.json.value(u"id"_s).toInteger();
    QCOMPARE(created.headers.value("location"), u"/api/v1/tables/%1"_s.arg(couponsId).toUtf8());
    QCOMPARE(created.headers.value("etag"), "\"2\"");
    QCOMPARE(created.json.value(u"position"_s).toInt(), 2);
    QCOMPARE(created.json.value(u"columns"_s).toArray().at(0).toObject().value(u"name"_s).toString(),
             u"code"_s);
    QVERIFY(created.json.value(u"columns"_s).toArray().at(0).toObject().value(u"id"_s).toInteger() > 0);
    QJsonObject first = newTable;
    first.insert(u"name"_s, u"first"_s);
    first.insert(u"id"_s, couponsId); // a copy's ids are ignored on POST
    const Response atStart = call("POST", u"/schemas/%1/tables?position=0"_s.arg(id), m_aliceToken, first);
    QCOMPARE(atStart.status, 201);
    QVERIFY(atStart.json.value(u"id"_s).toInteger() != couponsId);
    QCOMPARE(atStart.json.value(u"position"_s).toInt(), 0);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"tables"_s).toInt(), 4);

    // Renamed (with a column renamed by its id, and moved last): every id stays.
    QJsonObject renamed = call("GET", u"/tables/%1"_s.arg(tableId), m_aliceToken).json;
    renamed.insert(u"name"_s, u"clients"_s);
    renamed.insert(u"rows"_s, 5);
    QJsonArray renamedColumns = renamed.value(u"columns"_s).toArray();
    QJsonObject firstName = renamedColumns.at(1).toObject();
    firstName.insert(u"name"_s, u"given_name"_s);
    renamedColumns[1] = firstName;
    renamed.insert(u"columns"_s, renamedColumns);
    renamed.insert(u"position"_s, 3);
    const Response updated =
        call("PUT", u"/tables/%1"_s.arg(tableId), m_aliceToken, renamed, {{"If-Match", "\"3\""}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.headers.value("etag"), "\"4\"");
    QCOMPARE(updated.json.value(u"id"_s).toInteger(), tableId);
    QCOMPARE(updated.json.value(u"name"_s).toString(), u"clients"_s);
    QCOMPARE(updated.json.value(u"position"_s).toInt(), 3);
    QCOMPARE(idsOf(updated.json.value(u"columns"_s).toArray()), idsOf(columns));
    QCOMPARE(updated.json.value(u"columns"_s).toArray().at(1).toObject().value(u"name"_s).toString(),
             u"given_name"_s);
    QCOMPARE(updated.json.value(u"columns"_s).toArray().at(1).toObject().value(u"samples"_s).toArray().size(),
             2);
    const Schema stored = m_repository->loadSchema(Actor::of(m_alice), id).value();
    QCOMPARE(stored.tables[3].name, u"clients"_s);
    QCOMPARE(stored.tables[3].rows, 5);
    // A column left out goes; one without an id is new.
    renamedColumns.removeAt(2);
    QJsonObject added = renamedColumns.at(0).toObject();
    added.remove(u"id"_s);
    added.insert(u"name"_s, u"added"_s);
    renamedColumns << added;
    renamed.insert(u"columns"_s, renamedColumns);
    renamed.remove(u"position"_s);
    const Response reshaped = call("PUT", u"/tables/%1"_s.arg(tableId), m_aliceToken, renamed);
    QCOMPARE(reshaped.status, 200);
    const QList<qint64> reshapedIds = idsOf(reshaped.json.value(u"columns"_s).toArray());
    QCOMPARE(reshapedIds.mid(0, reshapedIds.size() - 1),
             idsOf(renamedColumns).mid(0, reshapedIds.size() - 1));
    QVERIFY(!idsOf(columns).contains(reshapedIds.last()));
    QCOMPARE(
        call("GET", u"/columns/%1"_s.arg(columns.at(2).toObject().value(u"id"_s).toInteger()), m_aliceToken)
            .status,
        404);

    // Deleted.
    const Response deleted = call("DELETE", u"/tables/%1"_s.arg(couponsId), m_aliceToken);
    QCOMPARE(deleted.status, 204);
    QCOMPARE(deleted.headers.value("etag"), "\"6\"");
    QCOMPARE(call("GET", u"/tables/%1"_s.arg(couponsId), m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", u"/tables/%1"_s.arg(couponsId), m_aliceToken).status, 404);
    QCOMPARE(call("GET", u"/schemas/%1/tables"_s.arg(id), m_aliceToken).json.value(u"total"_s).toInt(), 3);
}

void TestApiSchemas::tablesRefuseBadInput()
{
    const qint64 id = createShop(m_aliceToken, u"strict tables"_s);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const qint64 ordersId = orders.value(u"id"_s).toInteger();
    const qint64 customerColumn =
        table(m_aliceToken, id, 0).value(u"columns"_s).toArray().at(0).toObject().value(u"id"_s).toInteger();
    const QString tables = u"/schemas/%1/tables"_s.arg(id);

    QCOMPARE(m_client.send("POST", tables, m_aliceToken, "name: x", "text/yaml").status, 415);
    QCOMPARE(sendJson("POST", tables, m_aliceToken, "{\"name\": ").status, 400);
    // The format's rules: a table needs rows and columns, knows no other property.
    const Response noRows =
        call("POST", tables, m_aliceToken, QJsonObject{{u"name"_s, u"t"_s}, {u"columns"_s, QJsonArray()}});
    QCOMPARE(noRows.status, 422);
    QVERIFY(noRows.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"rows"_s));
    const QByteArray unknown =
        "{\n  \"name\": \"t\",\n  \"rows\": 1,\n  \"columns\": [\n    {\"name\": \"a\", "
        "\"type\": \"sequence\", \"size\": 3}\n  ]\n}";
    const Response refused = sendJson("POST", tables, m_aliceToken, unknown);
    QCOMPARE(refused.status, 422);
    QCOMPARE(errorDetails(refused).value(u"line"_s).toInt(), 5);
    QCOMPARE(errorDetails(refused).value(u"path"_s).toString(), u"t.a"_s);
    // A name the schema has already.
    QCOMPARE(call("POST", tables, m_aliceToken,
                  QJsonObject{{u"name"_s, u"orders"_s}, {u"rows"_s, 1}, {u"columns"_s, QJsonArray()}})
                 .status,
             422);
    QCOMPARE(call("POST", tables + u"?position=-1"_s, m_aliceToken,
                  QJsonObject{{u"name"_s, u"x"_s}, {u"rows"_s, 1}, {u"columns"_s, QJsonArray()}})
                 .status,
             400);

    // Ids that are not this table's, or its columns'.
    QJsonObject moved = orders;
    moved.insert(u"id"_s, ordersId + 1000);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 422);
    moved = orders;
    moved.insert(u"schemaId"_s, id + 1000);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 422);
    moved = orders;
    QJsonArray columns = moved.value(u"columns"_s).toArray();
    QJsonObject stolen = columns.at(0).toObject();
    stolen.insert(u"id"_s, customerColumn);
    columns[0] = stolen;
    moved.insert(u"columns"_s, columns);
    const Response foreign = call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved);
    QCOMPARE(foreign.status, 422);
    QCOMPARE(errorDetails(foreign).value(u"path"_s).toString(), u"columns/0/id"_s);
    moved = orders;
    moved.insert(u"position"_s, 2);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 422);
    moved.insert(u"position"_s, u"last"_s);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 400);
    moved = orders;
    moved.insert(u"name"_s, u"customers"_s);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 422);
    moved = orders;
    moved.remove(u"columns"_s);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(ordersId), m_aliceToken, moved).status, 422);
    QCOMPARE(call("PUT", u"/tables/987654"_s, m_aliceToken, orders).status, 404);
    QCOMPARE(call("GET", u"/schemas/987654/tables"_s, m_aliceToken).status, 404);
    QCOMPARE(call("POST", u"/schemas/987654/tables"_s, m_aliceToken, orders).status, 404);
    // None of it changed anything.
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag"), "\"1\"");
}

void TestApiSchemas::columns()
{
    const qint64 id = createShop(m_aliceToken, u"columned"_s);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const qint64 ordersId = orders.value(u"id"_s).toInteger();
    const Response list = call("GET", u"/tables/%1/columns"_s.arg(ordersId), m_aliceToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.headers.value("etag"), "\"1\"");
    const QJsonArray items = list.json.value(u"items"_s).toArray();
    QCOMPARE(list.json.value(u"total"_s).toInt(), orders.value(u"columns"_s).toArray().size());
    QCOMPARE(idsOf(items), idsOf(orders.value(u"columns"_s).toArray()));
    const QJsonObject second = items.at(1).toObject();
    QCOMPARE(second.value(u"tableId"_s).toInteger(), ordersId);
    QCOMPARE(second.value(u"schemaId"_s).toInteger(), id);
    QCOMPARE(second.value(u"position"_s).toInt(), 1);
    QCOMPARE(second.value(u"name"_s).toString(), test::shopExample().tables[1].columns[1].name);
    QCOMPARE(second.value(u"type"_s).toString(), test::shopExample().tables[1].columns[1].type);
    QCOMPARE(second.value(u"constraints"_s).toObject(), test::shopExample().tables[1].columns[1].constraints);
    const Response paged = call("GET", u"/tables/%1/columns?offset=1&limit=2"_s.arg(ordersId), m_aliceToken);
    QCOMPARE(idsOf(paged.json.value(u"items"_s).toArray()), idsOf(items).mid(1, 2));

    const qint64 secondId = second.value(u"id"_s).toInteger();
    const Response one = call("GET", u"/columns/%1"_s.arg(secondId), m_aliceToken);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json, second);

    // Added at the end and at a position.
    const Response added = call("POST", u"/tables/%1/columns"_s.arg(ordersId), m_aliceToken,
                                QJsonObject{{u"name"_s, u"gift"_s},
                                            {u"type"_s, u"boolean"_s},
                                            {u"description"_s, u"wrapped"_s},
                                            {u"samples"_s, QJsonArray{u"true"_s}}});
    QCOMPARE(added.status, 201);
    const qint64 giftId = added.json.value(u"id"_s).toInteger();
    QCOMPARE(added.headers.value("location"), u"/api/v1/columns/%1"_s.arg(giftId).toUtf8());
    QCOMPARE(added.headers.value("etag"), "\"2\"");
    QCOMPARE(added.json.value(u"position"_s).toInt(), items.size());
    QCOMPARE(added.json.value(u"samples"_s).toArray(), QJsonArray{u"true"_s});
    const Response inFront =
        call("POST", u"/tables/%1/columns"_s.arg(ordersId), m_aliceToken,
             QJsonObject{{u"name"_s, u"front"_s}, {u"type"_s, u"boolean"_s}, {u"position"_s, 0}});
    QCOMPARE(inFront.status, 201);
    QCOMPARE(inFront.json.value(u"position"_s).toInt(), 0);
    QCOMPARE(call("GET", u"/tables/%1/columns"_s.arg(ordersId), m_aliceToken).json.value(u"total"_s).toInt(),
             items.size() + 2);

    // Renamed, retyped and moved: the id stays.
    QJsonObject renamed = second;
    renamed.insert(u"name"_s, u"buyer"_s);
    renamed.insert(u"description"_s, u"who ordered"_s);
    renamed.insert(u"position"_s, 0);
    const Response updated =
        call("PUT", u"/columns/%1"_s.arg(secondId), m_aliceToken, renamed, {{"If-Match", "\"3\""}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json.value(u"id"_s).toInteger(), secondId);
    QCOMPARE(updated.json.value(u"name"_s).toString(), u"buyer"_s);
    QCOMPARE(updated.json.value(u"position"_s).toInt(), 0);
    QCOMPARE(updated.headers.value("etag"), "\"4\"");
    const Table stored = m_repository->loadSchema(Actor::of(m_alice), id)->tables[1];
    QCOMPARE(stored.columns[0].name, u"buyer"_s);
    QCOMPARE(stored.columns[0].description, u"who ordered"_s);
    QCOMPARE(stored.columns[1].name, u"front"_s);

    const Response deleted = call("DELETE", u"/columns/%1"_s.arg(giftId), m_aliceToken);
    QCOMPARE(deleted.status, 204);
    QCOMPARE(call("GET", u"/columns/%1"_s.arg(giftId), m_aliceToken).status, 404);
    QCOMPARE(call("GET", u"/columns/%1/samples"_s.arg(giftId), m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", u"/columns/%1"_s.arg(giftId), m_aliceToken).status, 404);
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->tables[1].column(u"gift"_s), nullptr);
}

void TestApiSchemas::columnsRefuseBadInput()
{
    const qint64 id = createShop(m_aliceToken, u"strict columns"_s);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const qint64 ordersId = orders.value(u"id"_s).toInteger();
    const QJsonObject first = orders.value(u"columns"_s).toArray().at(0).toObject();
    const qint64 firstId = first.value(u"id"_s).toInteger();
    const QString columns = u"/tables/%1/columns"_s.arg(ordersId);

    QCOMPARE(m_client.send("POST", columns, m_aliceToken, "<column/>", "application/xml").status, 415);
    QCOMPARE(sendJson("POST", columns, m_aliceToken, "{\"name\": \"x\" \"type\": 1}").status, 400);
    const Response noType = call("POST", columns, m_aliceToken, QJsonObject{{u"name"_s, u"x"_s}});
    QCOMPARE(noType.status, 422);
    QCOMPARE(errorDetails(noType).value(u"path"_s).toString(), u"orders.x"_s);
    const QByteArray badSamples = "{\"name\": \"x\", \"type\": \"sample\",\n \"samples\": [\"a\", 2]}";
    const Response samples = sendJson("POST", columns, m_aliceToken, badSamples);
    QCOMPARE(samples.status, 422);
    QCOMPARE(errorDetails(samples).value(u"line"_s).toInt(), 2);
    QCOMPARE(call("POST", columns, m_aliceToken,
                  QJsonObject{{u"name"_s, first.value(u"name"_s)}, {u"type"_s, u"boolean"_s}})
                 .status,
             422);

    QJsonObject edited = first;
    edited.insert(u"id"_s, firstId + 1);
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, edited).status, 422);
    edited = first;
    edited.insert(u"tableId"_s, ordersId + 1);
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, edited).status, 422);
    edited = first;
    edited.insert(u"position"_s, 99);
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, edited).status, 422);
    edited = first;
    edited.insert(u"constraints"_s, u"not an object"_s);
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, edited).status, 422);
    edited = first;
    edited.insert(u"name"_s, orders.value(u"columns"_s).toArray().at(1).toObject().value(u"name"_s));
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, edited).status, 422);
    QCOMPARE(call("PUT", u"/columns/%1"_s.arg(firstId), m_aliceToken, first, {{"If-Match", "\"0\""}}).status,
             412);
    QCOMPARE(call("GET", u"/tables/987654/columns"_s, m_aliceToken).status, 404);
    QCOMPARE(call("POST", u"/tables/987654/columns"_s, m_aliceToken, first).status, 404);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag"), "\"1\"");
}

void TestApiSchemas::samples()
{
    const qint64 id = createShop(m_aliceToken, u"sampled"_s);
    const qint64 columnId =
        table(m_aliceToken, id, 0).value(u"columns"_s).toArray().at(1).toObject().value(u"id"_s).toInteger();
    const QString path = u"/columns/%1/samples"_s.arg(columnId);
    const Response initial = call("GET", path, m_aliceToken);
    QCOMPARE(initial.status, 200);
    QCOMPARE(initial.headers.value("etag"), "\"1\"");
    const QJsonArray two = initial.json.value(u"items"_s).toArray();
    QCOMPARE(two.size(), 2);
    QCOMPARE(two.at(0).toObject().value(u"value"_s).toString(), u"Ada"_s);
    QCOMPARE(two.at(1).toObject().value(u"value"_s).toString(), u"Grace"_s);

    const Response added =
        call("POST", path, m_aliceToken,
             QJsonObject{{u"values"_s, QJsonArray{u"Hedy"_s, u"Katherine"_s, u""_s, u"Ada"_s}}});
    QCOMPARE(added.status, 201);
    QCOMPARE(added.headers.value("etag"), "\"2\"");
    const QJsonArray fresh = added.json.value(u"items"_s).toArray();
    QCOMPARE(fresh.size(), 4);
    QCOMPARE(fresh.at(0).toObject().value(u"value"_s).toString(), u"Hedy"_s);
    QCOMPARE(fresh.at(2).toObject().value(u"value"_s).toString(), u""_s);
    QVERIFY(fresh.at(0).toObject().value(u"id"_s).toInteger() >
            two.at(1).toObject().value(u"id"_s).toInteger());
    const Response all = call("GET", path, m_aliceToken);
    QCOMPARE(all.json.value(u"total"_s).toInt(), 6);
    QCOMPARE(idsOf(all.json.value(u"items"_s).toArray()), idsOf(two) + idsOf(fresh));
    const Response page = call("GET", path + u"?limit=2&offset=3"_s, m_aliceToken);
    QCOMPARE(idsOf(page.json.value(u"items"_s).toArray()),
             idsOf(all.json.value(u"items"_s).toArray()).mid(3, 2));
    QCOMPARE(page.json.value(u"total"_s).toInt(), 6);

    // Deleted by id: the others keep theirs (even the other "Ada").
    const qint64 firstAda = two.at(0).toObject().value(u"id"_s).toInteger();
    const qint64 katherine = fresh.at(1).toObject().value(u"id"_s).toInteger();
    const Response some = call("DELETE", path + u"?ids=%1,%2"_s.arg(firstAda).arg(katherine), m_aliceToken);
    QCOMPARE(some.status, 204);
    QCOMPARE(some.headers.value("etag"), "\"3\"");
    const Response left = call("GET", path, m_aliceToken);
    QList<qint64> expected = idsOf(all.json.value(u"items"_s).toArray());
    expected.removeOne(firstAda);
    expected.removeOne(katherine);
    QCOMPARE(idsOf(left.json.value(u"items"_s).toArray()), expected);
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->tables[0].columns[1].samples,
             (QStringList{u"Grace"_s, u"Hedy"_s, u""_s, u"Ada"_s}));

    QCOMPARE(call("DELETE", path + u"?ids=%1"_s.arg(firstAda), m_aliceToken).status, 404);
    QCOMPARE(call("DELETE", path + u"?ids=1,abc"_s, m_aliceToken).status, 400);
    QCOMPARE(call("POST", path, m_aliceToken, QJsonObject{{u"values"_s, QJsonArray{u"ok"_s, 7}}}).status,
             422);
    QCOMPARE(call("POST", path, m_aliceToken, QJsonObject{{u"values"_s, u"one"_s}}).status, 400);
    QCOMPARE(call("POST", path, m_aliceToken, QJsonObject{{u"value"_s, QJsonArray{u"x"_s}}}).status, 400);
    QCOMPARE(m_client.send("POST", path, m_aliceToken, "x", "text/csv").status, 415);
    QCOMPARE(call("POST", path, m_aliceToken, QJsonObject{{u"values"_s, QJsonArray{u"x"_s}}},
                  {{"If-Match", "\"1\""}})
                 .status,
             412);
    QCOMPARE(call("GET", path, m_aliceToken).json.value(u"total"_s).toInt(), 4);

    const Response cleared = call("DELETE", path, m_aliceToken, {}, {{"If-Match", "\"3\""}});
    QCOMPARE(cleared.status, 204);
    QCOMPARE(call("GET", path, m_aliceToken).json.value(u"total"_s).toInt(), 0);
    QVERIFY(m_repository->loadSchema(Actor::of(m_alice), id)->tables[0].columns[1].samples.isEmpty());
    QCOMPARE(call("GET", u"/columns/987654/samples"_s, m_aliceToken).status, 404);
}

void TestApiSchemas::profileSamples()
{
    // "Derive from samples": the stored samples profiled as an import's (ColumnProfiler::apply).
    const qint64 id = createShop(m_aliceToken, u"profiled"_s);
    const QJsonArray columns = table(m_aliceToken, id, 0).value(u"columns"_s).toArray();
    const qint64 firstName = columns.at(1).toObject().value(u"id"_s).toInteger();
    QJsonArray more;
    for (int i = 0; i < 30; ++i)
        more.append(i % 3 == 0 ? u"Grace"_s : u"Ada"_s);
    QCOMPARE(
        call("POST", u"/columns/%1/samples"_s.arg(firstName), m_aliceToken, QJsonObject{{u"values"_s, more}})
            .status,
        201);
    const QString path = u"/columns/%1/samples:profile"_s.arg(firstName);
    const Response profiled = call("POST", path, m_aliceToken);
    QCOMPARE(profiled.status, 200);
    QCOMPARE(profiled.headers.value("etag"), "\"3\"");
    const QJsonObject column = profiled.json.value(u"column"_s).toObject();
    QCOMPARE(column.value(u"type"_s).toString(), u"enum"_s);
    const QJsonObject constraints = column.value(u"constraints"_s).toObject();
    QCOMPARE(constraints.value(u"values"_s).toArray(), QJsonArray({u"Ada"_s, u"Grace"_s}));
    QCOMPARE(constraints.value(u"weights"_s).toArray(), QJsonArray({21.0, 11.0}));
    QVERIFY(constraints.value(u"notNull"_s).toBool());
    const QJsonArray report = profiled.json.value(u"report"_s).toArray();
    QVERIFY(!report.isEmpty());
    QVERIFY2(report.at(0).toString().startsWith(u"enum of the 2 distinct samples"_s),
             qPrintable(report.at(0).toString()));
    const Schema stored = m_repository->loadSchema(Actor::of(m_alice), id).value();
    QCOMPARE(stored.tables[0].columns[1].type, u"enum"_s);
    QCOMPARE(stored.tables[0].columns[1].samples.size(), 32); // the samples stay as they were

    // A key column is left alone, so its samples never make it collide.
    const qint64 key = columns.at(0).toObject().value(u"id"_s).toInteger();
    QCOMPARE(call("POST", u"/columns/%1/samples"_s.arg(key), m_aliceToken,
                  QJsonObject{{u"values"_s, QJsonArray{u"1"_s, u"1"_s, u"2"_s}}})
                 .status,
             201);
    const Response keyed = call("POST", u"/columns/%1/samples:profile"_s.arg(key), m_aliceToken);
    QCOMPARE(keyed.status, 200);
    QCOMPARE(keyed.json.value(u"column"_s).toObject().value(u"type"_s).toString(), u"sequence"_s);
    QVERIFY(keyed.json.value(u"report"_s).toArray().at(0).toString().contains(u"key column"_s));

    // No samples: nothing to learn from.
    const qint64 lastName = columns.at(2).toObject().value(u"id"_s).toInteger();
    const Response empty = call("POST", u"/columns/%1/samples:profile"_s.arg(lastName), m_aliceToken);
    QCOMPARE(empty.status, 422);
    QCOMPARE(call("POST", path, m_aliceToken, {}, {{"If-Match", "\"1\""}}).status, 412);
    QCOMPARE(call("POST", u"/columns/987654/samples:profile"_s, m_aliceToken).status, 404);
    QCOMPARE(call("GET", path, m_aliceToken).status, 405);
    QCOMPARE(call("POST", path, {}).status, 401);
}

void TestApiSchemas::idsStayStable()
{
    const qint64 id = createShop(m_aliceToken, u"stable"_s);
    const QJsonObject customers = table(m_aliceToken, id, 0);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const qint64 columnId = orders.value(u"columns"_s).toArray().at(3).toObject().value(u"id"_s).toInteger();
    const QJsonObject column = call("GET", u"/columns/%1"_s.arg(columnId), m_aliceToken).json;
    const QList<qint64> sampleIds = idsOf(call("POST", u"/columns/%1/samples"_s.arg(columnId), m_aliceToken,
                                               QJsonObject{{u"values"_s, QJsonArray{u"s1"_s, u"s2"_s}}})
                                              .json.value(u"items"_s)
                                              .toArray());
    QCOMPARE(sampleIds.size(), 2);
    auto stillThere = [&] {
        const Response now = call("GET", u"/columns/%1"_s.arg(columnId), m_aliceToken);
        QJsonObject withoutPosition = now.json;
        return now.status == 200 &&
               idsOf(call("GET", u"/columns/%1/samples"_s.arg(columnId), m_aliceToken)
                         .json.value(u"items"_s)
                         .toArray()) == sampleIds &&
               withoutPosition.value(u"name"_s) == column.value(u"name"_s) &&
               withoutPosition.value(u"tableId"_s) == orders.value(u"id"_s);
    };
    QVERIFY(stillThere());

    // An unrelated table renamed.
    QJsonObject renamed = customers;
    renamed.insert(u"name"_s, u"clients"_s);
    QCOMPARE(
        call("PUT", u"/tables/%1"_s.arg(customers.value(u"id"_s).toInteger()), m_aliceToken, renamed).status,
        200);
    QVERIFY(stillThere());
    // The column's own table renamed and its rows changed.
    QJsonObject ordersEdited =
        call("GET", u"/tables/%1"_s.arg(orders.value(u"id"_s).toInteger()), m_aliceToken).json;
    ordersEdited.insert(u"name"_s, u"purchases"_s);
    ordersEdited.insert(u"rows"_s, 77);
    QCOMPARE(call("PUT", u"/tables/%1"_s.arg(orders.value(u"id"_s).toInteger()), m_aliceToken, ordersEdited)
                 .status,
             200);
    QVERIFY(stillThere());
    // Columns added and removed elsewhere, a table added.
    QCOMPARE(call("POST", u"/tables/%1/columns?position=0"_s.arg(orders.value(u"id"_s).toInteger()),
                  m_aliceToken, QJsonObject{{u"name"_s, u"first"_s}, {u"type"_s, u"boolean"_s}})
                 .status,
             201);
    QCOMPARE(call("DELETE",
                  u"/columns/%1"_s.arg(
                      customers.value(u"columns"_s).toArray().at(2).toObject().value(u"id"_s).toInteger()),
                  m_aliceToken)
                 .status,
             204);
    QCOMPARE(call("POST", u"/schemas/%1/tables?position=0"_s.arg(id), m_aliceToken,
                  QJsonObject{{u"name"_s, u"zeroth"_s}, {u"rows"_s, 1}, {u"columns"_s, QJsonArray()}})
                 .status,
             201);
    QVERIFY(stillThere());
    // The whole document put back, edited elsewhere.
    const QByteArray document =
        m_client.send("GET", u"/schemas/%1/document"_s.arg(id), m_aliceToken, {}, {}).body;
    Schema schema = SchemaFile::parse(document).value();
    schema.description = u"edited as a document"_s;
    schema.tables[1].columns.removeLast();
    QCOMPARE(sendJson("PUT", u"/schemas/%1/document"_s.arg(id), m_aliceToken, SchemaFile::serialize(schema))
                 .status,
             200);
    QVERIFY(stillThere());
    // And the schema renamed.
    QCOMPARE(
        call("PUT", u"/schemas/%1"_s.arg(id), m_aliceToken, QJsonObject{{u"name"_s, u"stable v2"_s}}).status,
        200);
    QVERIFY(stillThere());
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"revision"_s).toInt(), 9);
}

void TestApiSchemas::ownership()
{
    const qint64 id = createShop(m_aliceToken, u"alice's own"_s);
    const QJsonObject first = table(m_aliceToken, id, 0);
    const qint64 tableId = first.value(u"id"_s).toInteger();
    const QJsonObject column = first.value(u"columns"_s).toArray().at(1).toObject();
    const qint64 columnId = column.value(u"id"_s).toInteger();
    const QByteArray document =
        m_client.send("GET", u"/schemas/%1/document"_s.arg(id), m_aliceToken, {}, {}).body;

    // For bob none of it exists: 404 on every route, as for an id nobody has.
    const QJsonObject tableBody = first;
    const QList<std::tuple<QByteArray, QString, QByteArray>> routes = {
        {"GET", u"/schemas/%1"_s.arg(id), {}},
        {"PUT", u"/schemas/%1"_s.arg(id), R"({"name": "mine now"})"},
        {"DELETE", u"/schemas/%1"_s.arg(id), {}},
        {"GET", u"/schemas/%1/document"_s.arg(id), {}},
        {"PUT", u"/schemas/%1/document"_s.arg(id), document},
        {"POST", u"/schemas/%1/validate"_s.arg(id), {}},
        {"GET", u"/schemas/%1/tables"_s.arg(id), {}},
        {"POST", u"/schemas/%1/tables"_s.arg(id), R"({"name": "t", "rows": 1, "columns": []})"},
        {"GET", u"/tables/%1"_s.arg(tableId), {}},
        {"PUT", u"/tables/%1"_s.arg(tableId), QJsonDocument(tableBody).toJson()},
        {"DELETE", u"/tables/%1"_s.arg(tableId), {}},
        {"GET", u"/tables/%1/columns"_s.arg(tableId), {}},
        {"POST", u"/tables/%1/columns"_s.arg(tableId), R"({"name": "c", "type": "boolean"})"},
        {"GET", u"/columns/%1"_s.arg(columnId), {}},
        {"PUT", u"/columns/%1"_s.arg(columnId), QJsonDocument(column).toJson()},
        {"DELETE", u"/columns/%1"_s.arg(columnId), {}},
        {"GET", u"/columns/%1/samples"_s.arg(columnId), {}},
        {"POST", u"/columns/%1/samples"_s.arg(columnId), R"({"values": ["x"]})"},
        {"DELETE", u"/columns/%1/samples"_s.arg(columnId), {}},
    };
    for (const auto &[method, path, body] : routes) {
        const Response response = sendJson(method, path, m_bobToken, body);
        QVERIFY2(response.status == 404, qPrintable(QString::fromLatin1(method) + u' ' + path + u": "_s +
                                                    QString::number(response.status)));
        QCOMPARE(errorCode(response), u"not_found"_s);
        QVERIFY(!response.body.contains("alice"));
    }
    QVERIFY(!call("GET", u"/schemas?limit=500"_s, m_bobToken).body.contains("alice's own"));
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag"), "\"1\"");
    QCOMPARE(m_repository->loadSchema(Actor::of(m_alice), id)->tables[0].columns[1].samples.size(), 2);

    // The admin sees and changes everything; the owner stays alice.
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_adminToken).status, 200);
    QCOMPARE(call("GET", u"/tables/%1"_s.arg(tableId), m_adminToken).json, first);
    QCOMPARE(call("GET", u"/columns/%1/samples"_s.arg(columnId), m_adminToken).json.value(u"total"_s).toInt(),
             2);
    QJsonObject edited = column;
    edited.insert(u"description"_s, u"checked by the admin"_s);
    const Response byAdmin = call("PUT", u"/columns/%1"_s.arg(columnId), m_adminToken, edited);
    QCOMPARE(byAdmin.status, 200);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"ownerId"_s).toInteger(),
             m_alice.id);
    QCOMPARE(
        call("GET", u"/columns/%1"_s.arg(columnId), m_aliceToken).json.value(u"description"_s).toString(),
        u"checked by the admin"_s);
    const Response adminList = call("GET", u"/schemas?limit=500"_s, m_adminToken);
    QVERIFY(adminList.body.contains("alice's own"));
    QVERIFY(adminList.json.value(u"total"_s).toInt() >
            call("GET", u"/schemas"_s, m_aliceToken).json.value(u"total"_s).toInt());
}

void TestApiSchemas::staleWritesRefused()
{
    // Two clients read the same ETag; the first write wins, the second gets 412 and changes nothing.
    const qint64 id = createShop(m_aliceToken, u"two writers"_s);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const QByteArray etag = call("GET", u"/tables/%1"_s.arg(orders.value(u"id"_s).toInteger()), m_aliceToken)
                                .headers.value("etag");
    QCOMPARE(etag, "\"1\"");
    QJsonObject mine = orders;
    mine.insert(u"rows"_s, 1);
    QJsonObject theirs = orders;
    theirs.insert(u"rows"_s, 2);
    const QString path = u"/tables/%1"_s.arg(orders.value(u"id"_s).toInteger());
    QCOMPARE(call("PUT", path, m_aliceToken, mine, {{"If-Match", etag}}).status, 200);
    const Response late = call("PUT", path, m_adminToken, theirs, {{"If-Match", etag}});
    QCOMPARE(late.status, 412);
    QCOMPARE(errorCode(late), u"precondition_failed"_s);
    QCOMPARE(call("GET", path, m_aliceToken).json.value(u"rows"_s).toInt(), 1);
    // Every kind of change refuses a stale ETag the same way.
    QCOMPARE(call("POST", u"/schemas/%1/tables"_s.arg(id), m_aliceToken,
                  QJsonObject{{u"name"_s, u"t"_s}, {u"rows"_s, 1}, {u"columns"_s, QJsonArray()}},
                  {{"If-Match", etag}})
                 .status,
             412);
    QCOMPARE(call("DELETE", path, m_aliceToken, {}, {{"If-Match", etag}}).status, 412);
    QCOMPARE(call("DELETE",
                  u"/columns/%1"_s.arg(
                      orders.value(u"columns"_s).toArray().at(0).toObject().value(u"id"_s).toInteger()),
                  m_aliceToken, {}, {{"If-Match", etag}})
                 .status,
             412);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).headers.value("etag"), "\"2\"");
    // Without If-Match there is no precondition: the write goes on the current revision.
    QCOMPARE(call("PUT", path, m_adminToken, theirs).status, 200);
    QCOMPARE(call("GET", path, m_aliceToken).json.value(u"rows"_s).toInt(), 2);
}

void TestApiSchemas::concurrentWritersOfOneRevision()
{
    // Several clients send their change with the same ETag at the same moment: exactly one gets 200.
    const qint64 id = createShop(m_aliceToken, u"race"_s);
    const QJsonObject orders = table(m_aliceToken, id, 1);
    const QString path = u"/tables/%1"_s.arg(orders.value(u"id"_s).toInteger());
    for (int round = 0; round < 3; ++round) {
        const QByteArray etag = call("GET", path, m_aliceToken).headers.value("etag");
        QList<QNetworkReply *> replies;
        for (int w = 0; w < 4; ++w) {
            QJsonObject change = orders;
            change.insert(u"rows"_s, 100 * round + w);
            QNetworkRequest request(m_client.url(path));
            request.setRawHeader("Authorization", "Bearer " + m_aliceToken);
            request.setRawHeader("Content-Type", "application/json");
            request.setRawHeader("If-Match", etag);
            replies << m_client.network().put(request, QJsonDocument(change).toJson());
        }
        QMap<int, int> statuses;
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished()) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                QVERIFY(finished.wait(30000));
            }
            statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()]++;
            reply->deleteLater();
        }
        QCOMPARE(statuses.value(200), 1);
        QCOMPARE(statuses.value(412), 3);
        QCOMPARE(call("GET", path, m_aliceToken).headers.value("etag"),
                 QByteArray::number(etag.mid(1, etag.size() - 2).toInt() + 1).prepend('"').append('"'));
    }
}

void TestApiSchemas::concurrentEditsWithoutIfMatchLoseNothing()
{
    // Nested edits at the same moment without If-Match: each is applied to the current schema (again, when
    // another came in between), so none overwrites another; one that gives up says so (409).
    const qint64 id = createShop(m_aliceToken, u"many hands"_s);
    const qint64 columnId =
        table(m_aliceToken, id, 1).value(u"columns"_s).toArray().at(2).toObject().value(u"id"_s).toInteger();
    QList<QNetworkReply *> replies;
    for (int w = 0; w < 6; ++w) {
        QNetworkRequest request(m_client.url(u"/columns/%1/samples"_s.arg(columnId)));
        request.setRawHeader("Authorization", "Bearer " + m_aliceToken);
        request.setRawHeader("Content-Type", "application/json");
        replies << m_client.network().post(
            request, QJsonDocument(QJsonObject{{u"values"_s, QJsonArray{u"hand %1"_s.arg(w)}}}).toJson());
    }
    QStringList added;
    int conflicts = 0;
    for (int w = 0; w < replies.size(); ++w) {
        QNetworkReply *reply = replies[w];
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(finished.wait(30000));
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 201)
            added << u"hand %1"_s.arg(w);
        else if (status == 409)
            ++conflicts;
        else
            QFAIL(qPrintable(u"unexpected status %1"_s.arg(status)));
        reply->deleteLater();
    }
    QVERIFY(!added.isEmpty());
    QStringList stored;
    for (const QJsonValue &item :
         call("GET", u"/columns/%1/samples"_s.arg(columnId), m_aliceToken).json.value(u"items"_s).toArray())
        stored << item.toObject().value(u"value"_s).toString();
    stored.sort();
    added.sort();
    QCOMPARE(stored, added);
    QCOMPARE(call("GET", u"/schemas/%1"_s.arg(id), m_aliceToken).json.value(u"revision"_s).toInt(),
             1 + int(added.size()));
    if (conflicts > 0)
        qInfo("%d of 6 edits gave up after their retries", conflicts);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestApiSchemas>(argc, argv);
}

#include "tst_api_schemas.moc"
