// The sign-in service on real storage, run on SQLite and on the real PostgreSQL server: the first admin,
// user management and its permissions, the password policy, sign-in with back-off and rehashing, and the
// tokens that sign-out, password, role and account changes revoke.

#include "StorageTestSupport.h"

#include "auth/AuthService.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>
#include <optional>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kAdminPassword = "Vt7-quartz-lantern";
const QByteArray kAlicePassword = "m1ssing-Orchid-42";
const QByteArray kBobPassword = "granite Pelican 9";
const PasswordHasher::Parameters kSmall{1024, 1, 1};
const PasswordHasher::Parameters kOther{2048, 2, 1};

template<typename T> QString problem(const Result<T> &result)
{
    return result ? QString() : result.error().toString();
}

AuthService::Config smallConfig(PasswordHasher::Parameters hashing = kSmall)
{
    AuthService::Config config;
    config.hashing = hashing;
    config.tokenLifetime = 1h;
    config.freeAttempts = 3;
    config.firstDelay = 10s;
    config.longestDelay = 60s;
    return config;
}

// One storage, one secret file and one service on it, with a clock the test moves.
struct Env
{
    std::unique_ptr<Repository> repository;
    QTemporaryDir dir;
    QDateTime now = QDateTime(QDate(2031, 3, 4), QTime(10, 0), Qt::UTC);
    std::unique_ptr<AuthService> auth;

    QString secretPath() const { return dir.filePath(u"secret/jwt.key"_s); }

    // Another service on the same storage (and, unless told otherwise, the same secret) and clock.
    std::unique_ptr<AuthService> service(const AuthService::Config &config, const QString &secret = {})
    {
        Result<AuthService> made =
            AuthService::create(*repository, secret.isEmpty() ? secretPath() : secret, config);
        if (!made)
            qFatal("cannot make the sign-in service: %s", qPrintable(made.error().toString()));
        auto service = std::make_unique<AuthService>(std::move(made.value()));
        service->setClock([this] { return now; });
        return service;
    }

    UserRecord stored(qint64 id) const { return repository->user(Actor::systemActor(), id).value(); }
};

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

public:
    explicit TestAuth(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(u"TestAuth(%1)"_s.arg(sqlDialectId(dialect)));
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { m_databases.dropAll(); }
    void firstAdminOnlyOnce();
    void createUserNeedsAnAdmin();
    void createUserEnforcesThePasswordPolicy();
    void createUserChecksNameAndEmail();
    void usernameRules_data();
    void usernameRules();
    void emailRules_data();
    void emailRules();
    void signInAndAuthenticate();
    void sameErrorForEveryFailure();
    void backOffLocksAndDoubles();
    void successResetsFailures();
    void rehashOnSignIn();
    void signOutRevokes();
    void changeOwnPasswordRevokes();
    void setRoleRevokesAndRoleComesFromStorage();
    void setDisabledRevokes();
    void deletedUserTokenFails();
    void tokenExpires();
    void tokenFromAnotherSecretRefused();
    void userPermissions();
    void lastAdminStays();
    void secretFilePrivateAndReused();
    void signInKeepsConcurrentChanges();

private:
    // Fresh storage and service; with `admin` and `alice` (a User) when `withUsers`.
    std::unique_ptr<Env> env(bool withUsers = true);
    // Signs in and fails the test on error.
    AuthService::Session signIn(AuthService &auth, const QString &username, const QByteArray &password);

    test::StorageDatabases m_databases;
    UserRecord m_admin;
    UserRecord m_alice;
};

void TestAuth::initTestCase()
{
    const QString problem = m_databases.check();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
}

std::unique_ptr<Env> TestAuth::env(bool withUsers)
{
    auto made = std::make_unique<Env>();
    if (!made->dir.isValid())
        qFatal("no temporary folder");
    made->repository = m_databases.freshRepository();
    made->auth = made->service(smallConfig());
    if (withUsers) {
        Result<UserRecord> admin =
            made->auth->createFirstAdmin(u"admin"_s, u"admin@example.com"_s, kAdminPassword);
        if (!admin)
            qFatal("cannot create the first admin: %s", qPrintable(admin.error().toString()));
        m_admin = admin.value();
        Result<UserRecord> alice = made->auth->createUser(Actor::of(m_admin), u"alice"_s,
                                                          u"alice@example.com"_s, kAlicePassword, Role::User);
        if (!alice)
            qFatal("cannot create alice: %s", qPrintable(alice.error().toString()));
        m_alice = alice.value();
    }
    return made;
}

AuthService::Session TestAuth::signIn(AuthService &auth, const QString &username, const QByteArray &password)
{
    Result<AuthService::Session> session = auth.signIn(username, password);
    if (!session)
        qWarning("sign-in of %s failed: %s", qPrintable(username), qPrintable(session.error().toString()));
    return session ? session.value() : AuthService::Session{};
}

void TestAuth::firstAdminOnlyOnce()
{
    auto e = env(false);
    AuthService &auth = *e->auth;
    QVERIFY(auth.needsFirstAdmin());
    // The policy applies to the first admin too, and a refused one leaves the door open.
    const Result<UserRecord> weak = auth.createFirstAdmin(u"root"_s, {}, "short");
    QVERIFY(!weak);
    QCOMPARE(weak.error().code, ErrorCode::Validation);
    QVERIFY(auth.needsFirstAdmin());

    const Result<UserRecord> first = auth.createFirstAdmin(u"root"_s, u"root@example.com"_s, kAdminPassword);
    QCOMPARE(problem(first), QString());
    QVERIFY(first->id > 0);
    QCOMPARE(first->role, Role::Admin);
    QCOMPARE(e->stored(first->id).role, Role::Admin);
    QVERIFY(!auth.needsFirstAdmin());

    const Result<UserRecord> second = auth.createFirstAdmin(u"root2"_s, {}, kAlicePassword);
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::AlreadyExists);
    QCOMPARE(e->repository->countUsers(Actor::systemActor()).value(), 1);
    // Not even the same name again.
    QCOMPARE(auth.createFirstAdmin(u"root"_s, {}, kAdminPassword).error().code, ErrorCode::AlreadyExists);

    // Also once the only user is a User: the first-run path never comes back while anyone exists.
    auto other = env(false);
    const UserRecord admin = other->auth->createFirstAdmin(u"root"_s, {}, kAdminPassword).value();
    QVERIFY(other->auth->createUser(Actor::of(admin), u"alice"_s, {}, kAlicePassword, Role::User));
    QVERIFY(other->auth->createUser(Actor::of(admin), u"boss"_s, {}, kBobPassword, Role::Admin));
    QVERIFY(other->auth->deleteUser(Actor::of(admin), admin.id));
    QVERIFY(!other->auth->needsFirstAdmin());
    QCOMPARE(other->auth->createFirstAdmin(u"root"_s, {}, kAdminPassword).error().code,
             ErrorCode::AlreadyExists);
}

void TestAuth::createUserNeedsAnAdmin()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor asAlice = Actor::of(m_alice);
    const Result<UserRecord> refused = auth.createUser(asAlice, u"carol"_s, {}, kBobPassword, Role::User);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.createUser(asAlice, u"carol"_s, {}, kBobPassword, Role::Admin).error().code,
             ErrorCode::PermissionDenied);
    QCOMPARE(e->repository->countUsers(Actor::systemActor()).value(), 2);

    const Result<UserRecord> carol =
        auth.createUser(Actor::of(m_admin), u"carol"_s, u"carol@example.com"_s, kBobPassword, Role::Admin);
    QCOMPARE(problem(carol), QString());
    const UserRecord stored = e->stored(carol->id);
    QCOMPARE(stored.username, u"carol"_s);
    QCOMPARE(stored.email, u"carol@example.com"_s);
    QCOMPARE(stored.role, Role::Admin);
    QVERIFY(stored.passwordHash.startsWith(u"$argon2id$v=19$m=1024,t=1,p=1$"_s));
    QVERIFY(!stored.passwordHash.contains(QString::fromUtf8(kBobPassword)));
    // Names are unique whatever their case.
    QCOMPARE(auth.createUser(Actor::of(m_admin), u"CAROL"_s, {}, kBobPassword, Role::User).error().code,
             ErrorCode::AlreadyExists);
}

void TestAuth::createUserEnforcesThePasswordPolicy()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    struct Case
    {
        QString username;
        QByteArray password;
    };
    const QList<Case> refused{
        {u"carol"_s, "7chars!"},                 // one short of the minimum
        {u"carol"_s, ""},                        // empty
        {u"carol"_s, "password1"},               // on the list of common passwords
        {u"carol"_s, "PassWord1"},               // … whatever the case
        {u"carol"_s, "qwertyuiop"},              // another one from the list
        {u"carolina.smith"_s, "carolina.smith"}, // the user name
        {u"carolina.smith"_s, "Carolina.Smith"}, // … whatever the case
    };
    for (const Case &c : refused) {
        const Result<UserRecord> created = auth.createUser(admin, c.username, {}, c.password, Role::User);
        QVERIFY2(!created, c.password.constData());
        QCOMPARE(created.error().code, ErrorCode::Validation);
    }
    QCOMPARE(e->repository->countUsers(Actor::systemActor()).value(), 2);
    // Eight characters are enough, counted in code points, not bytes.
    QCOMPARE(problem(auth.createUser(admin, u"carol"_s, {}, "8chars!x", Role::User)), QString());
    QCOMPARE(problem(auth.createUser(admin, u"dave"_s, {},
                                     "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F",
                                     Role::User)),
             QString());
    QCOMPARE(auth.createUser(admin, u"erin"_s, {}, "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F\xC3\xA4\xC3\xB6\xC3\xBC",
                             Role::User)
                 .error()
                 .code,
             ErrorCode::Validation);
    // The same rules when a password is changed.
    QCOMPARE(auth.changeOwnPassword(Actor::of(m_alice), kAlicePassword, "7chars!").error().code,
             ErrorCode::Validation);
    QCOMPARE(auth.changeOwnPassword(Actor::of(m_alice), kAlicePassword, "password1").error().code,
             ErrorCode::Validation);
    QCOMPARE(auth.setPassword(admin, m_alice.id, "sunshine1").error().code, ErrorCode::Validation);
    QVERIFY(auth.signIn(u"alice"_s, kAlicePassword));
}

void TestAuth::createUserChecksNameAndEmail()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    for (const QString &name : {QString(), u".hidden"_s, u"a b"_s, u"semi;colon"_s, QString(65, u'x')}) {
        const Result<UserRecord> created = auth.createUser(admin, name, {}, kBobPassword, Role::User);
        QVERIFY2(!created, qPrintable(name));
        QCOMPARE(created.error().code, ErrorCode::Validation);
    }
    for (const QString &email : {u"bob"_s, u"bob@example"_s, u"bob@@example.com"_s, u"b ob@example.com"_s}) {
        const Result<UserRecord> created = auth.createUser(admin, u"bob"_s, email, kBobPassword, Role::User);
        QVERIFY2(!created, qPrintable(email));
        QCOMPARE(created.error().code, ErrorCode::Validation);
    }
    QCOMPARE(e->repository->countUsers(Actor::systemActor()).value(), 2);
    QCOMPARE(problem(auth.createUser(admin, QString(64, u'x'), {}, kBobPassword, Role::User)), QString());
    // No e-mail at all is fine.
    const Result<UserRecord> bob = auth.createUser(admin, u"bob"_s, {}, kBobPassword, Role::User);
    QCOMPARE(problem(bob), QString());
    QCOMPARE(e->stored(bob->id).email, QString());
    // And a bad address is refused when it is changed too, the stored one kept.
    QCOMPARE(auth.setEmail(admin, m_alice.id, u"not an address"_s).error().code, ErrorCode::Validation);
    QCOMPARE(e->stored(m_alice.id).email, u"alice@example.com"_s);
}

void TestAuth::usernameRules_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"alice"_s << true;
    QTest::newRow("digits first") << u"7of9"_s << true;
    QTest::newRow("punctuation inside") << u"a.b_c-d@e"_s << true;
    QTest::newRow("letters of any script") << u"Jürgen.Ørsted"_s << true;
    QTest::newRow("one character") << u"x"_s << true;
    QTest::newRow("64 characters") << QString(64, u'y') << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("65 characters") << QString(65, u'y') << false;
    QTest::newRow("starts with a dot") << u".alice"_s << false;
    QTest::newRow("starts with a dash") << u"-alice"_s << false;
    QTest::newRow("space") << u"alice smith"_s << false;
    QTest::newRow("slash") << u"alice/smith"_s << false;
    QTest::newRow("quote") << u"o'neil"_s << false;
    QTest::newRow("trailing newline") << u"alice\n"_s << false;
}

void TestAuth::usernameRules()
{
    QFETCH(QString, username);
    QFETCH(bool, valid);
    const Result<void> checked = AuthService::checkUsername(username);
    QCOMPARE(bool(checked), valid);
    if (!valid)
        QCOMPARE(checked.error().code, ErrorCode::Validation);
}

void TestAuth::emailRules_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");
    QTest::newRow("none") << QString() << true;
    QTest::newRow("plain") << u"alice@example.com"_s << true;
    QTest::newRow("subdomain and plus") << u"alice+test@mail.example.co.uk"_s << true;
    QTest::newRow("no at") << u"alice.example.com"_s << false;
    QTest::newRow("no dot in the domain") << u"alice@localhost"_s << false;
    QTest::newRow("two ats") << u"alice@bob@example.com"_s << false;
    QTest::newRow("space") << u"alice smith@example.com"_s << false;
    QTest::newRow("nothing before the at") << u"@example.com"_s << false;
    QTest::newRow("trailing newline") << u"alice@example.com\n"_s << false;
    QTest::newRow("too long") << (QString(250, u'a') + u"@b.cd"_s) << false;
}

void TestAuth::emailRules()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    const Result<void> checked = AuthService::checkEmail(email);
    QCOMPARE(bool(checked), valid);
    if (!valid)
        QCOMPARE(checked.error().code, ErrorCode::Validation);
}

void TestAuth::signInAndAuthenticate()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Result<AuthService::Session> session = auth.signIn(u"alice"_s, kAlicePassword);
    QCOMPARE(problem(session), QString());
    QCOMPARE(session->user.id, m_alice.id);
    QCOMPARE(session->user.role, Role::User);
    QVERIFY(!session->token.isEmpty());
    QCOMPARE(session->token.count(u'.'), 2);
    QVERIFY(!session->token.contains(QString::fromUtf8(kAlicePassword)));

    const Result<UserRecord> user = auth.authenticate(session->token);
    QCOMPARE(problem(user), QString());
    QCOMPARE(user->id, m_alice.id);
    QCOMPARE(user->username, u"alice"_s);
    QCOMPARE(user->role, Role::User);

    // The name is found whatever its case.
    QCOMPARE(problem(auth.signIn(u"ALICE"_s, kAlicePassword)), QString());
    // Each sign-in has its own token, and both are valid.
    const AuthService::Session again = signIn(auth, u"alice"_s, kAlicePassword);
    QVERIFY(again.token != session->token);
    QVERIFY(auth.authenticate(again.token));
    QVERIFY(auth.authenticate(session->token));

    // The role comes from storage, not from the token: changed behind the service's back (the token
    // version kept), the same token now authenticates an admin.
    UserRecord promoted = e->stored(m_alice.id);
    promoted.role = Role::Admin;
    QVERIFY(e->repository->updateUser(Actor::systemActor(), promoted));
    QCOMPARE(auth.authenticate(session->token)->role, Role::Admin);
    promoted.role = Role::User;
    QVERIFY(e->repository->updateUser(Actor::systemActor(), promoted));
    QCOMPARE(auth.authenticate(session->token)->role, Role::User);

    // Garbage is refused as unauthenticated.
    for (const QString &token : QStringList{QString(), u"x"_s, u"a.b.c"_s, session->token + u"x"_s})
        QCOMPARE(auth.authenticate(token).error().code, ErrorCode::Unauthenticated);
}

void TestAuth::sameErrorForEveryFailure()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    const UserRecord bob = auth.createUser(admin, u"bob"_s, {}, kBobPassword, Role::User).value();
    QVERIFY(auth.setDisabled(admin, bob.id, true));
    const UserRecord carol = auth.createUser(admin, u"carol"_s, {}, kBobPassword, Role::User).value();
    UserRecord locked = e->stored(carol.id);
    locked.lockedUntil = e->now.addSecs(3600);
    QVERIFY(e->repository->updateUser(Actor::systemActor(), locked));

    struct Attempt
    {
        const char *what;
        QString username;
        QByteArray password;
    };
    const QList<Attempt> attempts{
        {"unknown user", u"nobody"_s, kAlicePassword},
        {"empty user name", QString(), kAlicePassword},
        {"wrong password", u"alice"_s, kBobPassword},
        {"empty password", u"alice"_s, QByteArray()},
        {"disabled user, right password", u"bob"_s, kBobPassword},
        {"disabled user, wrong password", u"bob"_s, kAlicePassword},
        {"locked account, right password", u"carol"_s, kBobPassword},
        {"locked account, wrong password", u"carol"_s, kAlicePassword},
    };
    std::optional<Error> first;
    for (const Attempt &attempt : attempts) {
        const Result<AuthService::Session> session = auth.signIn(attempt.username, attempt.password);
        QVERIFY2(!session, attempt.what);
        QCOMPARE(session.error().code, ErrorCode::Unauthenticated);
        if (!first)
            first = session.error();
        QVERIFY2(session.error().message == first->message, attempt.what);
        QVERIFY2(session.error().where == first->where, attempt.what);
        QVERIFY2(!session.error().message.contains(attempt.username, Qt::CaseInsensitive) ||
                     attempt.username.isEmpty(),
                 attempt.what);
    }
    QVERIFY(!first->message.isEmpty());
    // The disabled and the locked accounts are not counted further.
    QCOMPARE(e->stored(bob.id).failedAttempts, 0);
    QCOMPARE(e->stored(carol.id).failedAttempts, 0);
    QCOMPARE(e->stored(carol.id).lockedUntil, locked.lockedUntil);
}

void TestAuth::backOffLocksAndDoubles()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Config config = smallConfig();
    const Error failure = auth.signIn(u"nobody"_s, kAlicePassword).error();

    auto failsLikeAnyOther = [&](const QByteArray &password) {
        const Result<AuthService::Session> session = auth.signIn(u"alice"_s, password);
        return !session && session.error() == failure;
    };

    // The free attempts: counted, nothing locked.
    for (int attempt = 1; attempt < config.freeAttempts; ++attempt) {
        QVERIFY(failsLikeAnyOther(kBobPassword));
        const UserRecord stored = e->stored(m_alice.id);
        QCOMPARE(stored.failedAttempts, attempt);
        QVERIFY(!stored.lockedUntil.isValid());
    }
    // The last free one locks the account for the first delay …
    QVERIFY(failsLikeAnyOther(kBobPassword));
    UserRecord stored = e->stored(m_alice.id);
    QCOMPARE(stored.failedAttempts, config.freeAttempts);
    QCOMPARE(stored.lockedUntil, e->now.addSecs(config.firstDelay.count()));
    // … in which even the right password fails, with the same message, and nothing is counted.
    QVERIFY(failsLikeAnyOther(kAlicePassword));
    e->now = stored.lockedUntil.addSecs(-1);
    QVERIFY(failsLikeAnyOther(kAlicePassword));
    QCOMPARE(e->stored(m_alice.id).failedAttempts, config.freeAttempts);
    QCOMPARE(e->stored(m_alice.id).lockedUntil, stored.lockedUntil);

    // Each further failure doubles the delay, up to the longest.
    const QList<qint64> delays{20, 40, 60, 60};
    int failures = config.freeAttempts;
    for (const qint64 delay : delays) {
        e->now = e->stored(m_alice.id).lockedUntil;
        QVERIFY(failsLikeAnyOther(kBobPassword));
        ++failures;
        stored = e->stored(m_alice.id);
        QCOMPARE(stored.failedAttempts, failures);
        QCOMPARE(stored.lockedUntil, e->now.addSecs(delay));
        e->now = e->now.addSecs(delay - 1);
        QVERIFY(failsLikeAnyOther(kAlicePassword));
    }

    // Once the clock passes lockedUntil, the right password works and clears the count.
    e->now = stored.lockedUntil;
    const Result<AuthService::Session> session = auth.signIn(u"alice"_s, kAlicePassword);
    QCOMPARE(problem(session), QString());
    QVERIFY(auth.authenticate(session->token));
    stored = e->stored(m_alice.id);
    QCOMPARE(stored.failedAttempts, 0);
    QVERIFY(!stored.lockedUntil.isValid());
    // The next failure is a free one again.
    QVERIFY(failsLikeAnyOther(kBobPassword));
    QCOMPARE(e->stored(m_alice.id).failedAttempts, 1);
    QVERIFY(!e->stored(m_alice.id).lockedUntil.isValid());

    // Another account is untouched by all this.
    QCOMPARE(e->stored(m_admin.id).failedAttempts, 0);
    QVERIFY(auth.signIn(u"admin"_s, kAdminPassword));

    // An admin re-enabling the account clears a lock.
    for (int attempt = 0; attempt < config.freeAttempts; ++attempt)
        QVERIFY(failsLikeAnyOther(kBobPassword));
    QVERIFY(e->stored(m_alice.id).lockedUntil > e->now);
    QVERIFY(auth.setDisabled(Actor::of(m_admin), m_alice.id, false));
    QCOMPARE(e->stored(m_alice.id).failedAttempts, 0);
    QVERIFY(auth.signIn(u"alice"_s, kAlicePassword));
}

void TestAuth::successResetsFailures()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Config config = smallConfig();
    // Just under the limit, again and again: a success in between always starts the count afresh.
    for (int round = 0; round < 3; ++round) {
        for (int attempt = 1; attempt < config.freeAttempts; ++attempt)
            QVERIFY(!auth.signIn(u"alice"_s, kBobPassword));
        QCOMPARE(e->stored(m_alice.id).failedAttempts, config.freeAttempts - 1);
        QVERIFY(!e->stored(m_alice.id).lockedUntil.isValid());
        QCOMPARE(problem(auth.signIn(u"alice"_s, kAlicePassword)), QString());
        QCOMPARE(e->stored(m_alice.id).failedAttempts, 0);
    }
}

void TestAuth::rehashOnSignIn()
{
    auto e = env();
    const QString before = e->stored(m_alice.id).passwordHash;
    QVERIFY2(before.startsWith(u"$argon2id$v=19$m=1024,t=1,p=1$"_s), qPrintable(before));

    // The same storage and secret, with other hashing parameters (as after an upgrade).
    std::unique_ptr<AuthService> upgraded = e->service(smallConfig(kOther));
    const Result<AuthService::Session> session = upgraded->signIn(u"alice"_s, kAlicePassword);
    QCOMPARE(problem(session), QString());
    const QString after = e->stored(m_alice.id).passwordHash;
    QVERIFY2(after.startsWith(u"$argon2id$v=19$m=2048,t=2,p=1$"_s), qPrintable(after));
    QVERIFY(after != before);
    QCOMPARE(session->user.passwordHash, after);
    // The rehashing revoked nothing.
    QVERIFY(e->auth->authenticate(session->token));
    QVERIFY(upgraded->authenticate(session->token));

    // The password still works, now without another rehash; a wrong one still fails.
    QCOMPARE(problem(upgraded->signIn(u"alice"_s, kAlicePassword)), QString());
    QCOMPARE(e->stored(m_alice.id).passwordHash, after);
    QVERIFY(!upgraded->signIn(u"alice"_s, kBobPassword));
    QCOMPARE(e->stored(m_alice.id).passwordHash, after);
    // The old service still reads the new hash, and rehashes it back to its own parameters.
    QCOMPARE(problem(e->auth->signIn(u"alice"_s, kAlicePassword)), QString());
    QVERIFY(e->stored(m_alice.id).passwordHash.startsWith(u"$argon2id$v=19$m=1024,t=1,p=1$"_s));
}

void TestAuth::signOutRevokes()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Session first = signIn(auth, u"alice"_s, kAlicePassword);
    const AuthService::Session second = signIn(auth, u"alice"_s, kAlicePassword);
    const AuthService::Session admin = signIn(auth, u"admin"_s, kAdminPassword);
    const UserRecord alice = auth.authenticate(second.token).value();

    QCOMPARE(problem(auth.signOut(Actor::of(alice))), QString());
    // Every earlier token of alice's is gone, the admin's is not.
    for (const QString &token : {first.token, second.token}) {
        const Result<UserRecord> refused = auth.authenticate(token);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Unauthenticated);
    }
    QVERIFY(auth.authenticate(admin.token));
    // A new sign-in works.
    const AuthService::Session third = signIn(auth, u"alice"_s, kAlicePassword);
    QCOMPARE(auth.authenticate(third.token)->id, m_alice.id);
    QVERIFY(!auth.authenticate(first.token));
}

void TestAuth::changeOwnPasswordRevokes()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Session session = signIn(auth, u"alice"_s, kAlicePassword);
    const Actor alice = Actor::of(auth.authenticate(session.token).value());
    const QByteArray next = "a-new Secret-77";

    // The current password is needed; a wrong one changes nothing.
    const Result<void> wrong = auth.changeOwnPassword(alice, kBobPassword, next);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::Unauthenticated);
    QVERIFY(auth.authenticate(session.token));
    QVERIFY(!auth.signIn(u"alice"_s, next));
    QVERIFY(auth.signIn(u"alice"_s, kAlicePassword));

    QCOMPARE(problem(auth.changeOwnPassword(alice, kAlicePassword, next)), QString());
    QCOMPARE(auth.authenticate(session.token).error().code, ErrorCode::Unauthenticated);
    QVERIFY(!auth.signIn(u"alice"_s, kAlicePassword));
    const AuthService::Session fresh = signIn(auth, u"alice"_s, next);
    QCOMPARE(auth.authenticate(fresh.token)->id, m_alice.id);

    // Wrong current passwords count like failed sign-ins: after enough of them even the right one waits.
    const Actor aliceNow = Actor::of(auth.authenticate(fresh.token).value());
    for (int attempt = 0; attempt < smallConfig().freeAttempts; ++attempt)
        QCOMPARE(auth.changeOwnPassword(aliceNow, kBobPassword, "another-Secret-99").error().code,
                 ErrorCode::Unauthenticated);
    QVERIFY(e->stored(m_alice.id).lockedUntil.isValid());
    QCOMPARE(auth.changeOwnPassword(aliceNow, next, "another-Secret-99").error().code,
             ErrorCode::Unauthenticated);
    QVERIFY(!auth.signIn(u"alice"_s, next)); // the same counter pauses sign-in
    e->now = e->stored(m_alice.id).lockedUntil;
    QCOMPARE(problem(auth.changeOwnPassword(aliceNow, next, "another-Secret-99")), QString());
    QCOMPARE(e->stored(m_alice.id).failedAttempts, 0);
    QCOMPARE(problem(auth.setPassword(Actor::of(m_admin), m_alice.id, next)), QString());
    const AuthService::Session afterLock = signIn(auth, u"alice"_s, next);

    // An admin's reset revokes too, and clears a lock.
    for (int attempt = 0; attempt < smallConfig().freeAttempts; ++attempt)
        QVERIFY(!auth.signIn(u"alice"_s, kBobPassword));
    QVERIFY(e->stored(m_alice.id).lockedUntil.isValid());
    QCOMPARE(problem(auth.setPassword(Actor::of(m_admin), m_alice.id, kAlicePassword)), QString());
    QVERIFY(!auth.authenticate(afterLock.token));
    QVERIFY(!e->stored(m_alice.id).lockedUntil.isValid());
    QVERIFY(auth.signIn(u"alice"_s, kAlicePassword));
    QVERIFY(!auth.signIn(u"alice"_s, next));
}

void TestAuth::setRoleRevokesAndRoleComesFromStorage()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    const AuthService::Session before = signIn(auth, u"alice"_s, kAlicePassword);
    QCOMPARE(auth.authenticate(before.token)->role, Role::User);

    // Setting the role a user has already revokes nothing.
    QVERIFY(auth.setRole(admin, m_alice.id, Role::User));
    QVERIFY(auth.authenticate(before.token));

    QCOMPARE(problem(auth.setRole(admin, m_alice.id, Role::Admin)), QString());
    QCOMPARE(auth.authenticate(before.token).error().code, ErrorCode::Unauthenticated);
    const AuthService::Session promoted = signIn(auth, u"alice"_s, kAlicePassword);
    QCOMPARE(promoted.user.role, Role::Admin);
    const UserRecord asAdmin = auth.authenticate(promoted.token).value();
    QCOMPARE(asAdmin.role, Role::Admin);
    // … and with it she may now do what an admin does.
    QCOMPARE(problem(auth.users(Actor::of(asAdmin))), QString());

    QCOMPARE(problem(auth.setRole(admin, m_alice.id, Role::User)), QString());
    QVERIFY(!auth.authenticate(promoted.token));
    const AuthService::Session demoted = signIn(auth, u"alice"_s, kAlicePassword);
    const UserRecord asUser = auth.authenticate(demoted.token).value();
    QCOMPARE(asUser.role, Role::User);
    QCOMPARE(auth.users(Actor::of(asUser)).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.setRole(admin, 999999, Role::Admin).error().code, ErrorCode::NotFound);
}

void TestAuth::setDisabledRevokes()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    const AuthService::Session session = signIn(auth, u"alice"_s, kAlicePassword);

    QCOMPARE(problem(auth.setDisabled(admin, m_alice.id, true)), QString());
    QVERIFY(e->stored(m_alice.id).disabled);
    QCOMPARE(auth.authenticate(session.token).error().code, ErrorCode::Unauthenticated);
    QVERIFY(!auth.signIn(u"alice"_s, kAlicePassword));

    // Enabled again: the old token stays revoked, a new sign-in works.
    QCOMPARE(problem(auth.setDisabled(admin, m_alice.id, false)), QString());
    QVERIFY(!auth.authenticate(session.token));
    const AuthService::Session again = signIn(auth, u"alice"_s, kAlicePassword);
    QVERIFY(auth.authenticate(again.token));
}

void TestAuth::deletedUserTokenFails()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Session session = signIn(auth, u"alice"_s, kAlicePassword);
    QVERIFY(auth.authenticate(session.token));
    QCOMPARE(problem(auth.deleteUser(Actor::of(m_admin), m_alice.id)), QString());
    const Result<UserRecord> gone = auth.authenticate(session.token);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::Unauthenticated);
    QVERIFY(!auth.signIn(u"alice"_s, kAlicePassword));

    // Nor does it pass to a user created after the deletion, whatever id the storage gives that one.
    const UserRecord carol =
        auth.createUser(Actor::of(m_admin), u"carol"_s, {}, kBobPassword, Role::Admin).value();
    const Result<UserRecord> other = auth.authenticate(session.token);
    QVERIFY2(!other,
             qPrintable(u"alice's token authenticates %1 (id %2)"_s.arg(other ? other->username : QString())
                            .arg(carol.id)));
}

void TestAuth::tokenExpires()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const QDateTime issued = e->now;
    const AuthService::Session session = signIn(auth, u"alice"_s, kAlicePassword);
    e->now = issued.addSecs(smallConfig().tokenLifetime.count() - 1);
    QCOMPARE(problem(auth.authenticate(session.token)), QString());
    e->now = issued.addSecs(smallConfig().tokenLifetime.count());
    const Result<UserRecord> expired = auth.authenticate(session.token);
    QVERIFY(!expired);
    QCOMPARE(expired.error().code, ErrorCode::Unauthenticated);
    e->now = issued.addDays(30);
    QVERIFY(!auth.authenticate(session.token));
    // A fresh sign-in then works, for another lifetime.
    const AuthService::Session fresh = signIn(auth, u"alice"_s, kAlicePassword);
    QVERIFY(auth.authenticate(fresh.token));
    // A token from the future (a clock turned back) is not accepted either.
    e->now = issued;
    QVERIFY(!auth.authenticate(fresh.token));
}

void TestAuth::tokenFromAnotherSecretRefused()
{
    auto e = env();
    const AuthService::Session session = signIn(*e->auth, u"alice"_s, kAlicePassword);
    // The same storage and user, but another installation's secret.
    QTemporaryDir otherDir;
    std::unique_ptr<AuthService> other = e->service(smallConfig(), otherDir.filePath(u"other.key"_s));
    const Result<UserRecord> refused = other->authenticate(session.token);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unauthenticated);
    const AuthService::Session own = signIn(*other, u"alice"_s, kAlicePassword);
    QVERIFY(other->authenticate(own.token));
    QVERIFY(!e->auth->authenticate(own.token));
    QVERIFY(e->auth->authenticate(session.token));
}

void TestAuth::userPermissions()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const UserRecord bob =
        auth.createUser(Actor::of(m_admin), u"bob"_s, u"bob@example.com"_s, kBobPassword, Role::User).value();
    // Alice as a request of hers would see herself: from her token.
    const AuthService::Session session = signIn(auth, u"alice"_s, kAlicePassword);
    const Actor alice = Actor::of(auth.authenticate(session.token).value());
    QVERIFY(!alice.admin);

    QCOMPARE(auth.setRole(alice, m_alice.id, Role::Admin).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.setRole(alice, m_admin.id, Role::User).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.setDisabled(alice, bob.id, true).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.setDisabled(alice, m_alice.id, true).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.createUser(alice, u"mallory"_s, {}, kBobPassword, Role::User).error().code,
             ErrorCode::PermissionDenied);
    QCOMPARE(auth.users(alice).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.deleteUser(alice, bob.id).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(auth.setPassword(alice, bob.id, "Taken-over-123").error().code, ErrorCode::PermissionDenied);
    // Another user's row is not even visible.
    QVERIFY(!auth.userByName(alice, u"bob"_s));
    QVERIFY(!auth.setEmail(alice, bob.id, u"mallory@example.com"_s));
    UserRecord storedBob = e->stored(bob.id);
    QCOMPARE(storedBob.email, u"bob@example.com"_s);
    QCOMPARE(storedBob.role, Role::User);
    QVERIFY(!storedBob.disabled);
    QVERIFY(auth.signIn(u"bob"_s, kBobPassword));
    QCOMPARE(e->stored(m_alice.id).role, Role::User);
    QCOMPARE(e->repository->countUsers(Actor::systemActor()).value(), 3);

    // Her own things she may change: the e-mail (her sign-in stays valid) …
    QCOMPARE(auth.userByName(alice, u"alice"_s)->id, m_alice.id);
    QCOMPARE(problem(auth.setEmail(alice, m_alice.id, u"alice@example.org"_s)), QString());
    QCOMPARE(e->stored(m_alice.id).email, u"alice@example.org"_s);
    QVERIFY(auth.authenticate(session.token));
    QCOMPARE(auth.setEmail(alice, m_alice.id, u"alice at example"_s).error().code, ErrorCode::Validation);
    // … and the password.
    QCOMPARE(problem(auth.changeOwnPassword(alice, kAlicePassword, "Her own choice 2")), QString());
    QVERIFY(auth.signIn(u"alice"_s, "Her own choice 2"));
    QCOMPARE(e->stored(m_alice.id).role, Role::User);
}

void TestAuth::lastAdminStays()
{
    auto e = env();
    AuthService &auth = *e->auth;
    const AuthService::Session session = signIn(auth, u"admin"_s, kAdminPassword);
    const Actor admin = Actor::of(auth.authenticate(session.token).value());

    auto refused = [&](const Result<void> &result) {
        return !result && result.error().code == ErrorCode::Validation &&
               result.error().message.contains(u"last administrator"_s);
    };
    QVERIFY(refused(auth.setRole(admin, m_admin.id, Role::User)));
    QVERIFY(refused(auth.setDisabled(admin, m_admin.id, true)));
    QVERIFY(refused(auth.deleteUser(admin, m_admin.id)));
    const UserRecord stored = e->stored(m_admin.id);
    QCOMPARE(stored.role, Role::Admin);
    QVERIFY(!stored.disabled);
    // Nothing was revoked by the refused changes.
    QVERIFY(auth.authenticate(session.token));

    // A disabled admin does not count.
    const UserRecord boss = auth.createUser(admin, u"boss"_s, {}, kBobPassword, Role::Admin).value();
    QVERIFY(auth.setDisabled(admin, boss.id, true));
    QVERIFY(refused(auth.setRole(admin, m_admin.id, Role::User)));
    QVERIFY(refused(auth.deleteUser(admin, m_admin.id)));
    // An enabled one does: then the first admin may step down, and boss is the last one.
    QVERIFY(auth.setDisabled(admin, boss.id, false));
    QCOMPARE(problem(auth.setRole(admin, m_admin.id, Role::User)), QString());
    QVERIFY(!auth.authenticate(session.token));
    const Actor bossActor = Actor::of(signIn(auth, u"boss"_s, kBobPassword).user);
    QVERIFY(refused(auth.setRole(bossActor, boss.id, Role::User)));
    QVERIFY(refused(auth.setDisabled(bossActor, boss.id, true)));
    QVERIFY(refused(auth.deleteUser(bossActor, boss.id)));
    QCOMPARE(e->repository->countAdmins(Actor::systemActor()).value(), 1);
}

void TestAuth::secretFilePrivateAndReused()
{
    auto e = env();
    const QString path = e->secretPath();
    QVERIFY(QFile::exists(path));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);
    QVERIFY(S_ISREG(info.st_mode));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray secret = file.readAll();
    file.close();
    QCOMPARE(secret.size(), 32);

    const AuthService::Session session = signIn(*e->auth, u"alice"_s, kAlicePassword);
    // A second service on the same file (another process, a restart) reads the same secret: the tokens
    // of the first are valid there, and the other way round.
    std::unique_ptr<AuthService> second = e->service(smallConfig());
    QCOMPARE(second->authenticate(session.token)->id, m_alice.id);
    const AuthService::Session secondSession = signIn(*second, u"admin"_s, kAdminPassword);
    QCOMPARE(e->auth->authenticate(secondSession.token)->id, m_admin.id);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), secret);
    file.close();
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);

    // A secret file that others may read is refused, not silently used.
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                            QFile::ReadOther));
    QVERIFY(!AuthService::create(*e->repository, path, smallConfig()));
}

void TestAuth::signInKeepsConcurrentChanges()
{
    // The password check of a sign-in takes a while by design. What an administrator changes meanwhile
    // must not be written back over by the sign-in's own bookkeeping. The clock is read between the
    // sign-in's lookup of the user and its check of the password, which lets the test interleave a
    // change exactly there.
    auto e = env();
    AuthService &auth = *e->auth;
    const Actor admin = Actor::of(m_admin);
    std::function<void()> meanwhile;
    auth.setClock([&] {
        if (meanwhile)
            std::exchange(meanwhile, nullptr)();
        return e->now;
    });

    // Disabled during a sign-in with the right password: stays disabled, the tokens stay revoked.
    const AuthService::Session old = signIn(auth, u"alice"_s, kAlicePassword);
    meanwhile = [&] { QVERIFY(auth.setDisabled(admin, m_alice.id, true)); };
    const Result<AuthService::Session> duringDisable = auth.signIn(u"alice"_s, kAlicePassword);
    QVERIFY(!meanwhile);
    QVERIFY(e->stored(m_alice.id).disabled);
    QVERIFY(!auth.authenticate(old.token));
    if (duringDisable)
        QVERIFY(!auth.authenticate(duringDisable->token));
    QVERIFY(auth.setDisabled(admin, m_alice.id, false));

    // Password reset by an admin during a sign-in with the old password: the reset stays, and the old
    // password gets no token.
    const QByteArray reset = "reset-by-Admin-1";
    meanwhile = [&] { QVERIFY(auth.setPassword(admin, m_alice.id, reset)); };
    const Result<AuthService::Session> duringReset = auth.signIn(u"alice"_s, kAlicePassword);
    QVERIFY(!meanwhile);
    if (duringReset)
        QVERIFY(!auth.authenticate(duringReset->token));
    QVERIFY(!auth.signIn(u"alice"_s, kAlicePassword));
    QVERIFY(auth.signIn(u"alice"_s, reset));

    // Signed out everywhere during a failed sign-in: the revocation stays.
    const AuthService::Session before = signIn(auth, u"alice"_s, reset);
    meanwhile = [&] { QVERIFY(auth.signOut(Actor::of(m_alice))); };
    QVERIFY(!auth.signIn(u"alice"_s, kBobPassword));
    QVERIFY(!meanwhile);
    QVERIFY(!auth.authenticate(before.token));
    QCOMPARE(e->stored(m_alice.id).failedAttempts, 1);

    // Promoted during a sign-in: the new role stays.
    meanwhile = [&] { QVERIFY(auth.setRole(admin, m_alice.id, Role::Admin)); };
    const Result<AuthService::Session> duringPromotion = auth.signIn(u"alice"_s, reset);
    QVERIFY(!meanwhile);
    QCOMPARE(e->stored(m_alice.id).role, Role::Admin);
    if (duringPromotion)
        QCOMPARE(auth.authenticate(duringPromotion->token)->role, Role::Admin);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestAuth>(argc, argv);
}

#include "tst_auth.moc"
