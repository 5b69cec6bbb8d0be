// The cryptographic building blocks of sign-in: Argon2id hashes, the password policy, secret files,
// sealed secrets and JSON Web Tokens, each checked against real behaviour and hostile input.
#include "auth/PasswordHasher.h"
#include "auth/PasswordPolicy.h"
#include "auth/SecretBox.h"
#include "auth/SecretFile.h"
#include "auth/TokenService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace fabrica;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Small settings keep the many hashes of these tests fast; the defaults are hashed once too.
const PasswordHasher::Parameters kFast{1024, 1, 1};

const QByteArray kSecret = QByteArray("0123456789abcdef0123456789abcdef");
const QDateTime kNow = QDateTime(QDate(2025, 3, 14), QTime(15, 9, 26), Qt::UTC);

int fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject validClaims(const QDateTime &now)
{
    const qint64 seconds = now.toSecsSinceEpoch();
    return QJsonObject{{u"sub"_s, u"7"_s},
                       {u"iat"_s, seconds},
                       {u"nbf"_s, seconds},
                       {u"exp"_s, seconds + 3600},
                       {u"jti"_s, u"00112233445566778899aabbccddeeff"_s},
                       {u"ver"_s, 3}};
}

// A token made directly with libjwt, to try algorithms and claims TokenService would never issue.
QString libjwtToken(jwt_alg_t algorithm, const QByteArray &secret, const QJsonObject &claims)
{
    jwt_t *jwt = nullptr;
    if (jwt_new(&jwt) != 0)
        return {};
    const QByteArray json = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    QString token;
    if (jwt_set_alg(jwt, algorithm, reinterpret_cast<const unsigned char *>(secret.constData()),
                    int(secret.size())) == 0 &&
        jwt_add_grants_json(jwt, json.constData()) == 0) {
        char *encoded = jwt_encode_str(jwt);
        token = QString::fromLatin1(encoded);
        std::free(encoded);
    }
    jwt_free(jwt);
    return token;
}

// A token put together by hand: header and payload as given, any signature.
QString handMadeToken(const QByteArray &header, const QJsonObject &claims, const QByteArray &signature = {})
{
    return QString::fromLatin1(base64Url(header) + '.' +
                               base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' +
                               signature);
}

// A hand-made token with a correct HS256 signature over whatever header it has.
QString signedHandMadeToken(const QByteArray &header, const QJsonObject &claims)
{
    const QByteArray signingInput = handMadeToken(header, claims).chopped(1).toLatin1();
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), kSecret.constData(), int(kSecret.size()),
         reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size()), mac,
         &length);
    return QString::fromLatin1(signingInput + '.' +
                               base64Url(QByteArray(reinterpret_cast<const char *>(mac), int(length))));
}

TokenService service(const QByteArray &secret = kSecret, const QDateTime &now = kNow)
{
    Result<TokenService> made = TokenService::create(secret);
    if (!made)
        qFatal("cannot create the token service");
    TokenService tokens = std::move(made).value();
    tokens.setClock([now] { return now; });
    return tokens;
}

} // namespace

class TestAuthCrypto : public QObject
{
    Q_OBJECT

private slots:
    // PasswordHasher
    void hashRoundTrip();
    void hashDefaultParameters();
    void wrongPasswordFails();
    void saltsDiffer();
    void needsRehash_data();
    void needsRehash();
    void verifyRejectsGarbage_data();
    void verifyRejectsGarbage();
    void longPasswordsAreNotTruncated_data();
    void longPasswordsAreNotTruncated();
    void verifyDummyTakesAFullVerification();
    void hasherIsThreadSafe();

    // PasswordPolicy
    void policy_data();
    void policy();
    void policyCountsCodePoints();
    void policyListIsLoaded();

    // SecretFile
    void secretFileCreatedPrivate();
    void secretFileRefusesOpenPermissions();
    void secretFileRefusesWrongSize();
    void secretFileRefusesDirectory();

    // SecretBox
    void secretBoxRoundTrip_data();
    void secretBoxRoundTrip();
    void secretBoxNonceDiffers();
    void secretBoxDetectsEveryChangedByte();
    void secretBoxRejectsWrongKeyAndBadFormat();

    // TokenService
    void tokenRoundTrip();
    void tokenShortSecretRefused();
    void tokenExpires();
    void tokenOtherSecretRejected();
    void tokenAlgNoneRejected_data();
    void tokenAlgNoneRejected();
    void tokenOtherAlgorithmRejected_data();
    void tokenOtherAlgorithmRejected();
    void tokenTamperedRejected();
    void tokenFromTheFutureRejected();
    void tokenMissingOrBadClaimsRejected_data();
    void tokenMissingOrBadClaimsRejected();
    void tokenGarbageRejected_data();
    void tokenGarbageRejected();
};

void TestAuthCrypto::hashRoundTrip()
{
    const PasswordHasher hasher(kFast);
    const Result<QString> phc = hasher.hash("correct horse battery staple");
    QVERIFY(phc);
    QVERIFY(phc->startsWith(u"$argon2id$v=19$m=1024,t=1,p=1$"));
    QVERIFY(hasher.verify(*phc, "correct horse battery staple"));
    // Any hasher verifies: the settings come from the string.
    QVERIFY(PasswordHasher().verify(*phc, "correct horse battery staple"));
    // Empty and binary passwords hash as they are.
    const Result<QString> empty = hasher.hash({});
    QVERIFY(empty);
    QVERIFY(hasher.verify(*empty, {}));
    QVERIFY(!hasher.verify(*empty, QByteArray(1, '\0')));
    const QByteArray binary("a\0b\xff", 4);
    const Result<QString> binaryPhc = hasher.hash(binary);
    QVERIFY(binaryPhc);
    QVERIFY(hasher.verify(*binaryPhc, binary));
    QVERIFY(!hasher.verify(*binaryPhc, "a"));
}

void TestAuthCrypto::hashDefaultParameters()
{
    const PasswordHasher hasher;
    QCOMPARE(hasher.parameters(), (PasswordHasher::Parameters{19456, 2, 1}));
    const Result<QString> phc = hasher.hash(u"Tr0ub4dor&3 ünïcödé"_s.toUtf8());
    QVERIFY(phc);
    static const QRegularExpression format(
        u"^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$"_s);
    const QRegularExpressionMatch match = format.match(*phc);
    QVERIFY2(match.hasMatch(), qPrintable(*phc));
    QCOMPARE(match.captured(1), u"19456"_s);
    QCOMPARE(match.captured(2), u"2"_s);
    QCOMPARE(match.captured(3), u"1"_s);
    QCOMPARE(match.captured(4).size(), 22); // 16 bytes, unpadded base64
    QCOMPARE(match.captured(5).size(), 43); // 32 bytes
    QCOMPARE(QByteArray::fromBase64(match.captured(4).toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(match.captured(5).toLatin1()).size(), 32);
    QVERIFY(hasher.verify(*phc, u"Tr0ub4dor&3 ünïcödé"_s.toUtf8()));
    QVERIFY(!hasher.verify(*phc, u"Tr0ub4dor&3 unicode"_s.toUtf8()));
    QVERIFY(!hasher.needsRehash(*phc));
    QVERIFY(PasswordHasher(kFast).needsRehash(*phc));
}

void TestAuthCrypto::wrongPasswordFails()
{
    const PasswordHasher hasher(kFast);
    const Result<QString> phc = hasher.hash("s3cret-passphrase");
    QVERIFY(phc);
    QVERIFY(!hasher.verify(*phc, "s3cret-passphrasE"));
    QVERIFY(!hasher.verify(*phc, "s3cret-passphrase "));
    QVERIFY(!hasher.verify(*phc, "s3cret-passphras"));
    QVERIFY(!hasher.verify(*phc, {}));
}

void TestAuthCrypto::saltsDiffer()
{
    const PasswordHasher hasher(kFast);
    const Result<QString> first = hasher.hash("same password");
    const Result<QString> second = hasher.hash("same password");
    QVERIFY(first && second);
    QVERIFY(*first != *second);
    QVERIFY(hasher.verify(*first, "same password"));
    QVERIFY(hasher.verify(*second, "same password"));
}

void TestAuthCrypto::needsRehash_data()
{
    QTest::addColumn<QString>("phc");
    QTest::addColumn<bool>("expected");
    const QString salt = u"c29tZXNhbHRzb21lc2FsdA"_s;                      // 16 bytes
    const QString hash = u"Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyYWI"_s; // 32 bytes
    const auto phc = [&](const QString &settings) -> QString {
        return u"$argon2id$v=19$"_s + settings + u'$' + salt + u'$' + hash;
    };
    QTest::newRow("same") << phc(u"m=19456,t=2,p=1"_s) << false;
    QTest::newRow("other m") << phc(u"m=65536,t=2,p=1"_s) << true;
    QTest::newRow("other t") << phc(u"m=19456,t=3,p=1"_s) << true;
    QTest::newRow("other p") << phc(u"m=19456,t=2,p=2"_s) << true;
    QTest::newRow("argon2i") << u"$argon2i$v=19$m=19456,t=2,p=1$"_s + salt + u'$' + hash << true;
    QTest::newRow("old version") << u"$argon2id$v=16$m=19456,t=2,p=1$"_s + salt + u'$' + hash << true;
    QTest::newRow("short salt") << u"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$"_s + hash << true;
    QTest::newRow("short hash") << u"$argon2id$v=19$m=19456,t=2,p=1$"_s + salt + u"$Zm9vYmFyZm9vYmFy"_s
                                << true;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("garbage") << u"not a hash"_s << true;
    QTest::newRow("bcrypt") << u"$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"_s << true;
}

void TestAuthCrypto::needsRehash()
{
    QFETCH(QString, phc);
    QFETCH(bool, expected);
    QCOMPARE(PasswordHasher().needsRehash(phc), expected);
}

void TestAuthCrypto::verifyRejectsGarbage_data()
{
    QTest::addColumn<QString>("phc");
    const QString salt = u"c29tZXNhbHRzb21lc2FsdA"_s;
    const QString hash = u"Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyYWI"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("dollar") << u"$"_s;
    QTest::newRow("prefix only") << u"$argon2id$"_s;
    QTest::newRow("no hash") << u"$argon2id$v=19$m=1024,t=1,p=1$"_s + salt;
    QTest::newRow("empty hash") << u"$argon2id$v=19$m=1024,t=1,p=1$"_s + salt + u'$';
    QTest::newRow("extra part") << u"$argon2id$v=19$m=1024,t=1,p=1$"_s + salt + u'$' + hash + u"$x"_s;
    QTest::newRow("bad base64") << u"$argon2id$v=19$m=1024,t=1,p=1$!!!!!!!!!!!!!!!!!!!!!!$"_s + hash;
    QTest::newRow("huge memory") << u"$argon2id$v=19$m=4294967295,t=1,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("huge time") << u"$argon2id$v=19$m=1024,t=4294967295,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("overflow") << u"$argon2id$v=19$m=99999999999999999999,t=1,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("zero lanes") << u"$argon2id$v=19$m=1024,t=1,p=0$"_s + salt + u'$' + hash;
    QTest::newRow("negative") << u"$argon2id$v=19$m=-1024,t=1,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("too little memory") << u"$argon2id$v=19$m=4,t=1,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("argon2i") << u"$argon2i$v=19$m=1024,t=1,p=1$"_s + salt + u'$' + hash;
    QTest::newRow("not latin1") << u"$argon2id$v=19$m=1024,t=1,p=1$ü😀$"_s + hash;
    QTest::newRow("very long") << u"$argon2id$v=19$m=1024,t=1,p=1$"_s + QString(100000, u'A') + u'$' + hash;
    QTest::newRow("nul inside") << u"$argon2id$v=19$m=1024,t=1,p=1$"_s + salt + QChar(0) + u'$' + hash;
}

void TestAuthCrypto::verifyRejectsGarbage()
{
    QFETCH(QString, phc);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!PasswordHasher().verify(phc, "password"));
    QVERIFY(PasswordHasher().needsRehash(phc));
    QVERIFY(timer.elapsed() < 5000); // not a computation with the planted huge settings
}

void TestAuthCrypto::longPasswordsAreNotTruncated_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("64") << 64;
    QTest::newRow("100") << 100;
    QTest::newRow("1000") << 1000;
}

void TestAuthCrypto::longPasswordsAreNotTruncated()
{
    QFETCH(int, length);
    QByteArray password;
    for (int i = 0; i < length; ++i)
        password.append(char('a' + i % 26));
    const PasswordHasher hasher(kFast);
    const Result<QString> phc = hasher.hash(password);
    QVERIFY(phc);
    QVERIFY(hasher.verify(*phc, password));
    // bcrypt stops at 72 bytes, some systems at 64 or 128: none of these prefixes may pass.
    for (const int prefix : {length - 1, 72, 64, 56}) {
        if (prefix < length)
            QVERIFY2(!hasher.verify(*phc, password.left(prefix)), qPrintable(QString::number(prefix)));
    }
    QByteArray changedLast = password;
    changedLast[length - 1] = '!';
    QVERIFY(!hasher.verify(*phc, changedLast));
    QVERIFY(PasswordPolicy::check(QString::fromLatin1(password)));
}

void TestAuthCrypto::verifyDummyTakesAFullVerification()
{
    const PasswordHasher hasher; // the real settings, where timing matters
    const Result<QString> phc = hasher.hash("some password");
    QVERIFY(phc);
    hasher.verifyDummy("warm up"); // the first call also makes the dummy hash
    const auto median = [](std::vector<qint64> values) {
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    std::vector<qint64> real;
    std::vector<qint64> dummy;
    QElapsedTimer timer;
    for (int i = 0; i < 3; ++i) {
        timer.start();
        QVERIFY(!hasher.verify(*phc, "wrong password"));
        real.push_back(timer.nsecsElapsed());
        timer.start();
        hasher.verifyDummy("wrong password");
        dummy.push_back(timer.nsecsElapsed());
    }
    // Loose bounds: equal work, but a loaded machine adds noise.
    QVERIFY2(median(dummy) * 3 > median(real),
             qPrintable(u"dummy %1 ns, real %2 ns"_s.arg(median(dummy)).arg(median(real))));
    QVERIFY2(median(real) * 3 > median(dummy),
             qPrintable(u"dummy %1 ns, real %2 ns"_s.arg(median(dummy)).arg(median(real))));
}

void TestAuthCrypto::hasherIsThreadSafe()
{
    const PasswordHasher hasher(kFast);
    std::atomic<int> failures = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&hasher, &failures, t] {
            const QByteArray password = "password of thread " + QByteArray::number(t);
            hasher.verifyDummy(password); // all threads race to make the dummy hash
            const Result<QString> phc = hasher.hash(password);
            if (!phc || !hasher.verify(*phc, password) || hasher.verify(*phc, "other"))
                ++failures;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(failures.load(), 0);
}

void TestAuthCrypto::policy_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("error"); // empty: accepted

    const QString tooShort = u"the password must have at least 8 characters"_s;
    const QString tooLong = u"the password must have at most 1024 characters"_s;
    const QString common = u"this password is too common; choose another"_s;
    const QString sameAsUser = u"the password must not be the same as the user name"_s;

    QTest::newRow("empty") << QString() << QString() << tooShort;
    QTest::newRow("7 characters") << u"kx7!qmz"_s << QString() << tooShort;
    QTest::newRow("8 characters") << u"kx7!qmzp"_s << QString() << QString();
    QTest::newRow("no composition rules") << u"kxqmzpwbvt"_s << QString() << QString();
    QTest::newRow("spaces count") << u"zebra  kite"_s << QString() << QString();
    QTest::newRow("64 characters") << QString(64, u'x') + u"q"_s << QString() << QString();
    QTest::newRow("1024 characters") << QString(1023, u'y') + u"z"_s << QString() << QString();
    QTest::newRow("1025 characters") << QString(1024, u'y') + u"z"_s << QString() << tooLong;
    QTest::newRow("common") << u"password"_s << QString() << common;
    QTest::newRow("common, capitalised") << u"Password1"_s << QString() << common;
    QTest::newRow("common, upper case") << u"PASSWORD123"_s << QString() << common;
    QTest::newRow("common, mixed case") << u"QwErTyUiOp"_s << QString() << common;
    QTest::newRow("common digits") << u"12345678"_s << QString() << common;
    QTest::newRow("common digits 9") << u"123456789"_s << QString() << common;
    QTest::newRow("iloveyou") << u"iloveyou"_s << QString() << common;
    QTest::newRow("football") << u"Football"_s << QString() << common;
    QTest::newRow("baseball") << u"baseball"_s << QString() << common;
    QTest::newRow("sunshine1") << u"Sunshine1"_s << QString() << common;
    QTest::newRow("username") << u"Margarethe"_s << u"margarethe"_s << sameAsUser;
    QTest::newRow("username, other case") << u"MARGARETHE.WEBER"_s << u"margarethe.weber"_s << sameAsUser;
    QTest::newRow("contains username") << u"margarethe-7-kites"_s << u"margarethe"_s << QString();
    QTest::newRow("8 accents") << u"éàüöçñåø"_s << QString() << QString();
    QTest::newRow("7 accents") << u"éàüöçñå"_s << QString() << tooShort;
    QTest::newRow("8 emoji") << u"😀🎉🐍🚀🌍🍕🎸🔑"_s << QString() << QString();
    QTest::newRow("7 emoji (14 UTF-16 units)") << u"😀🎉🐍🚀🌍🍕🎸"_s << QString() << tooShort;
    QTest::newRow("4 emoji (16 UTF-8 bytes)") << u"😀🎉🐍🚀"_s << QString() << tooShort;
}

void TestAuthCrypto::policy()
{
    QFETCH(QString, password);
    QFETCH(QString, username);
    QFETCH(QString, error);
    const Result<void> checked = PasswordPolicy::check(password, username);
    if (error.isEmpty()) {
        QVERIFY2(checked, qPrintable(checked.ok() ? QString() : checked.error().message));
    } else {
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode::Validation);
        QCOMPARE(checked.error().message, error);
    }
}

void TestAuthCrypto::policyCountsCodePoints()
{
    QCOMPARE(PasswordPolicy::length(u"abc"), 3);
    QCOMPARE(PasswordPolicy::length(u"😀"), 1);
    QCOMPARE(PasswordPolicy::length(u"a😀b"), 3);
    QCOMPARE(PasswordPolicy::length(u"é"), 1);
    QCOMPARE(PasswordPolicy::length(u"e\u0301"), 2);                // e + combining accent: two code points
    QCOMPARE(PasswordPolicy::length(QString(1, QChar(0xD83D))), 1); // a lone surrogate still counts
}

void TestAuthCrypto::policyListIsLoaded()
{
    QFile file(u":/fabrica/auth/common-passwords.txt"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    int entries = 0;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        ++entries;
        QCOMPARE(line, line.toLower());
        QVERIFY2(PasswordPolicy::isCommon(QString::fromUtf8(line).toUpper()), line.constData());
    }
    QVERIFY(entries >= 500);
    QVERIFY(!PasswordPolicy::isCommon(u"kx7!qmzp-unlikely"_s));
}

void TestAuthCrypto::secretFileCreatedPrivate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"new/folder/jwt.key"_s);
    const Result<QByteArray> created = SecretFile::loadOrCreate(path);
    QVERIFY2(created, qPrintable(created.ok() ? QString() : created.error().toString()));
    QCOMPARE(created->size(), 32);
    QVERIFY(*created != QByteArray(32, '\0'));
    QCOMPARE(fileMode(path), 0600);
    QCOMPARE(fileMode(dir.filePath(u"new/folder"_s)), 0700);
    QCOMPARE(QFileInfo(path).size(), 32);
    // No temporary file is left next to it.
    QCOMPARE(
        QDir(dir.filePath(u"new/folder"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList{u"jwt.key"_s});

    const Result<QByteArray> loaded = SecretFile::loadOrCreate(path);
    QVERIFY(loaded);
    QCOMPARE(*loaded, *created);

    const Result<QByteArray> other = SecretFile::loadOrCreate(dir.filePath(u"settings.key"_s), 64);
    QVERIFY(other);
    QCOMPARE(other->size(), 64);
    QVERIFY(other->left(32) != *created);
}

void TestAuthCrypto::secretFileRefusesOpenPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.key"_s);
    QVERIFY(SecretFile::loadOrCreate(path));
    for (const int mode : {0644, 0640, 0604, 0660, 0606}) {
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
        const Result<QByteArray> loaded = SecretFile::loadOrCreate(path);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(loaded.error().where.file, path);
        QVERIFY(loaded.error().message.contains(u"chmod 600"_s));
    }
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0400), 0); // read-only for the owner is fine
    QVERIFY(SecretFile::loadOrCreate(path));
}

void TestAuthCrypto::secretFileRefusesWrongSize()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.key"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    file.write(QByteArray(31, 'k'));
    file.close();
    const Result<QByteArray> loaded = SecretFile::loadOrCreate(path);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY(loaded.error().message.contains(u"31"_s));
    QVERIFY(!loaded.error().message.contains(u"kkkk"_s)); // the content is never shown
    QCOMPARE(QFileInfo(path).size(), 31);                 // and never replaced

    QVERIFY(file.resize(0));
    QVERIFY(!SecretFile::loadOrCreate(path));
}

void TestAuthCrypto::secretFileRefusesDirectory()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(u"jwt.key"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(!SecretFile::loadOrCreate(dir.filePath(u"jwt.key"_s)));
}

void TestAuthCrypto::secretBoxRoundTrip_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("password") << QByteArray("p@ss w0rd; DROP TABLE users; --");
    QTest::newRow("binary") << QByteArray("\0\x01\xff\n\r", 5);
    QTest::newRow("utf-8") << u"pässwörd 😀"_s.toUtf8();
    QTest::newRow("64 KiB") << QByteArray(65536, 'z');
}

void TestAuthCrypto::secretBoxRoundTrip()
{
    QFETCH(QByteArray, plaintext);
    const QByteArray key(32, '\x42');
    const Result<QByteArray> sealed = SecretBox::seal(key, plaintext);
    QVERIFY(sealed);
    QVERIFY(sealed->startsWith("v1:"));
    const QByteArray raw = QByteArray::fromBase64(sealed->mid(3));
    QCOMPARE(raw.size(), 12 + plaintext.size() + 16);
    if (plaintext.size() >= 8)
        QVERIFY(!sealed->contains(plaintext) && !raw.contains(plaintext));
    const Result<QByteArray> opened = SecretBox::open(key, *sealed);
    QVERIFY2(opened, qPrintable(opened.ok() ? QString() : opened.error().message));
    QCOMPARE(*opened, plaintext);
}

void TestAuthCrypto::secretBoxNonceDiffers()
{
    const QByteArray key(32, '\x07');
    const Result<QByteArray> first = SecretBox::seal(key, "same secret");
    const Result<QByteArray> second = SecretBox::seal(key, "same secret");
    QVERIFY(first && second);
    QVERIFY(*first != *second);
    QVERIFY(QByteArray::fromBase64(first->mid(3)).left(12) !=
            QByteArray::fromBase64(second->mid(3)).left(12));
    QCOMPARE(*SecretBox::open(key, *first), QByteArray("same secret"));
    QCOMPARE(*SecretBox::open(key, *second), QByteArray("same secret"));
}

void TestAuthCrypto::secretBoxDetectsEveryChangedByte()
{
    const QByteArray key(32, '\x11');
    // 13 bytes: the base64 text ends in "=" padding and a character with unused low bits.
    const Result<QByteArray> sealed = SecretBox::seal(key, "hunter2hunter");
    QVERIFY(sealed);
    QVERIFY(sealed->endsWith('='));
    for (qsizetype i = 0; i < sealed->size(); ++i) {
        for (const char flip : {'\x01', '\x02', '\x20', '\x80'}) {
            QByteArray changed = *sealed;
            changed[i] = char(changed[i] ^ flip);
            const Result<QByteArray> opened = SecretBox::open(key, changed);
            QVERIFY2(!opened, qPrintable(u"byte %1 xor %2 still opens"_s.arg(i).arg(int(uchar(flip)))));
            QCOMPARE(opened.error().code, ErrorCode::InvalidInput);
        }
    }
    QVERIFY(!SecretBox::open(key, sealed->chopped(1)));
    QVERIFY(!SecretBox::open(key, sealed->chopped(4)));
    QVERIFY(!SecretBox::open(key, *sealed + "AAAA"));
    QVERIFY(!SecretBox::open(key, *sealed + "\n"));
}

void TestAuthCrypto::secretBoxRejectsWrongKeyAndBadFormat()
{
    const QByteArray key(32, '\x33');
    const Result<QByteArray> sealed = SecretBox::seal(key, "database password");
    QVERIFY(sealed);
    QByteArray otherKey = key;
    otherKey[31] = '\x34';
    const Result<QByteArray> wrongKey = SecretBox::open(otherKey, *sealed);
    QVERIFY(!wrongKey);
    QCOMPARE(wrongKey.error().code, ErrorCode::InvalidInput);
    QVERIFY(wrongKey.error().message.contains(u"cannot be decrypted"_s));

    for (const QByteArray &bad :
         {QByteArray(), QByteArray("v1:"), QByteArray(QByteArray("v2:") + sealed->mid(3)), sealed->mid(3),
          QByteArray("v1:AAAA"), QByteArray("v1:####"), QByteArray("database password")}) {
        const Result<QByteArray> opened = SecretBox::open(key, bad);
        QVERIFY2(!opened, bad.constData());
        QCOMPARE(opened.error().code, ErrorCode::InvalidInput);
    }
    QVERIFY(!SecretBox::seal(QByteArray(16, 'k'), "x"));
    QVERIFY(!SecretBox::open(QByteArray(16, 'k'), *sealed));
}

void TestAuthCrypto::tokenRoundTrip()
{
    const TokenService tokens = service();
    QCOMPARE(tokens.lifetime(), std::chrono::seconds(8h));
    const Result<QString> token = tokens.issue(42, 5);
    QVERIFY(token);
    QCOMPARE(token->count(u'.'), 2);

    const Result<TokenService::Claims> claims = tokens.verify(*token);
    QVERIFY2(claims, qPrintable(claims.ok() ? QString() : claims.error().message));
    QCOMPARE(claims->userId, 42);
    QCOMPARE(claims->tokenVersion, 5);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(claims->tokenId).hasMatch());
    QCOMPARE(claims->issued, kNow);
    QCOMPARE(claims->expires, kNow.addSecs(8 * 3600));

    // The header says HS256, the payload holds exactly the documented claims.
    const QList<QString> parts = token->split(u'.');
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts[0].toLatin1())).object();
    QCOMPARE(header.value(u"alg"_s).toString(), u"HS256"_s);
    const QJsonObject payload = QJsonDocument::fromJson(fromBase64Url(parts[1].toLatin1())).object();
    QCOMPARE(payload.value(u"sub"_s).toString(), u"42"_s);
    QCOMPARE(payload.value(u"ver"_s).toInteger(), 5);
    QCOMPARE(payload.value(u"iat"_s).toInteger(), kNow.toSecsSinceEpoch());
    QCOMPARE(payload.value(u"nbf"_s).toInteger(), kNow.toSecsSinceEpoch());
    QCOMPARE(payload.value(u"exp"_s).toInteger(), kNow.toSecsSinceEpoch() + 8 * 3600);
    QCOMPARE(payload.value(u"jti"_s).toString(), claims->tokenId);

    // Every token is a new one.
    const Result<QString> again = tokens.issue(42, 5);
    QVERIFY(again && *again != *token);
    QVERIFY(tokens.verify(*again)->tokenId != claims->tokenId);

    // A copy checks the same tokens (copies share the secret), and a short lifetime is kept.
    const TokenService copy = tokens;
    QVERIFY(copy.verify(*token));
    Result<TokenService> shortLived = TokenService::create(kSecret, 15min);
    QVERIFY(shortLived);
    shortLived.value().setClock([] { return kNow; });
    QCOMPARE(shortLived->verify(*shortLived->issue(1, 0))->expires, kNow.addSecs(15 * 60));

    QVERIFY(!tokens.issue(0, 1));
    QVERIFY(!tokens.issue(-5, 1));
    QVERIFY(!tokens.issue(1, -1));
}

void TestAuthCrypto::tokenShortSecretRefused()
{
    QVERIFY(!TokenService::create(QByteArray()));
    QVERIFY(!TokenService::create(QByteArray(31, 's')));
    QVERIFY(TokenService::create(QByteArray(32, 's')));
    QVERIFY(!TokenService::create(QByteArray(32, 's'), 0s));
    QVERIFY(!TokenService::create(QByteArray(32, 's'), -1s));
}

void TestAuthCrypto::tokenExpires()
{
    const QString token = *service().issue(9, 1);
    QVERIFY(service(kSecret, kNow.addSecs(8 * 3600 - 1)).verify(token));
    for (const qint64 later : {qint64(8 * 3600), qint64(8 * 3600 + 1), qint64(8 * 3600 + 29),
                               qint64(9 * 3600), qint64(365) * 24 * 3600}) {
        const Result<TokenService::Claims> claims = service(kSecret, kNow.addSecs(later)).verify(token);
        QVERIFY2(!claims, qPrintable(QString::number(later)));
        QCOMPARE(claims.error().code, ErrorCode::Unauthenticated);
        QCOMPARE(claims.error().message, u"the sign-in has expired; sign in again"_s);
    }
    // A hand-made token without exp never expires, so it is refused.
    QJsonObject claims = validClaims(kNow);
    claims.remove(u"exp"_s);
    QVERIFY(!service().verify(libjwtToken(JWT_ALG_HS256, kSecret, claims)));
}

void TestAuthCrypto::tokenOtherSecretRejected()
{
    const QString token = *service().issue(9, 1);
    const Result<TokenService::Claims> claims = service("another secret of at least 32 bytes!").verify(token);
    QVERIFY(!claims);
    QCOMPARE(claims.error().code, ErrorCode::Unauthenticated);
    QVERIFY(!claims.error().message.contains(token));
    QVERIFY(!claims.error().message.contains(token.section(u'.', 1, 1)));
}

void TestAuthCrypto::tokenAlgNoneRejected_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("withSignature");
    for (const char *alg : {"none", "None", "NONE", "nOnE"}) {
        const QByteArray header = QByteArray(R"({"alg":")") + alg + R"(","typ":"JWT"})";
        QTest::addRow("%s, empty signature", alg) << header << false;
        QTest::addRow("%s, HS256 signature", alg) << header << true;
    }
    QTest::newRow("no alg") << QByteArray(R"({"typ":"JWT"})") << false;
    QTest::newRow("alg null") << QByteArray(R"({"alg":null,"typ":"JWT"})") << false;
    QTest::newRow("alg empty") << QByteArray(R"({"alg":"","typ":"JWT"})") << false;
}

void TestAuthCrypto::tokenAlgNoneRejected()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, withSignature);
    const QJsonObject claims = validClaims(kNow);
    // The signature part of a genuine token for the same claims, to try it under the other header.
    const QString genuine = libjwtToken(JWT_ALG_HS256, kSecret, claims);
    QVERIFY(service().verify(genuine)); // the claims themselves are fine
    const QByteArray signature = withSignature ? genuine.section(u'.', 2, 2).toLatin1() : QByteArray();
    const Result<TokenService::Claims> verified = service().verify(handMadeToken(header, claims, signature));
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::Unauthenticated);
}

void TestAuthCrypto::tokenOtherAlgorithmRejected_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::newRow("HS384") << int(JWT_ALG_HS384);
    QTest::newRow("HS512") << int(JWT_ALG_HS512);
}

void TestAuthCrypto::tokenOtherAlgorithmRejected()
{
    QFETCH(int, algorithm);
    // Correctly signed with the right secret, but not with the one algorithm we accept.
    const QString token = libjwtToken(jwt_alg_t(algorithm), kSecret, validClaims(kNow));
    QVERIFY(!token.isEmpty());
    const Result<TokenService::Claims> verified = service().verify(token);
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::Unauthenticated);

    // Header alg HS256 with an HS512-length signature is no better.
    const QString relabelled =
        QString::fromLatin1(base64Url(R"({"alg":"HS256","typ":"JWT"})")) + u'.' + token.section(u'.', 1, 2);
    QVERIFY(!service().verify(relabelled));
}

void TestAuthCrypto::tokenTamperedRejected()
{
    const TokenService tokens = service();
    const QString token = *tokens.issue(42, 5);
    const QList<QString> parts = token.split(u'.');

    // Payload changed to another user, the signature kept.
    QJsonObject payload = QJsonDocument::fromJson(fromBase64Url(parts[1].toLatin1())).object();
    payload[u"sub"_s] = u"1"_s;
    const QString otherUser =
        parts[0] + u'.' +
        QString::fromLatin1(base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact))) + u'.' +
        parts[2];
    QVERIFY(!tokens.verify(otherUser));

    payload = QJsonDocument::fromJson(fromBase64Url(parts[1].toLatin1())).object();
    payload[u"exp"_s] = payload[u"exp"_s].toInteger() + 3600;
    QVERIFY(
        !tokens.verify(parts[0] + u'.' +
                       QString::fromLatin1(base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact))) +
                       u'.' + parts[2]));

    // Every single changed character.
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token[i] == u'.')
            continue;
        QString changed = token;
        changed[i] = token[i] == u'A' ? u'B' : u'A';
        QVERIFY2(!tokens.verify(changed), qPrintable(QString::number(i)));
    }
    QVERIFY(!tokens.verify(parts[0] + u'.' + parts[1] + u'.'));
    QVERIFY(!tokens.verify(parts[0] + u'.' + parts[1]));
    QVERIFY(!tokens.verify(token + u'.' + parts[2]));
}

void TestAuthCrypto::tokenFromTheFutureRejected()
{
    const QString future = *service(kSecret, kNow.addSecs(3600)).issue(3, 0);
    const Result<TokenService::Claims> claims = service().verify(future);
    QVERIFY(!claims);
    QCOMPARE(claims.error().code, ErrorCode::Unauthenticated);

    // A little clock skew between servers is tolerated.
    QVERIFY(service().verify(*service(kSecret, kNow.addSecs(20)).issue(3, 0)));
    QVERIFY(!service().verify(*service(kSecret, kNow.addSecs(31)).issue(3, 0)));

    // iat and nbf each on their own.
    QJsonObject notYet = validClaims(kNow);
    notYet[u"nbf"_s] = kNow.toSecsSinceEpoch() + 3600;
    QVERIFY(!service().verify(libjwtToken(JWT_ALG_HS256, kSecret, notYet)));
    QJsonObject issuedLater = validClaims(kNow);
    issuedLater[u"iat"_s] = kNow.toSecsSinceEpoch() + 3600;
    issuedLater[u"exp"_s] = kNow.toSecsSinceEpoch() + 7200;
    QVERIFY(!service().verify(libjwtToken(JWT_ALG_HS256, kSecret, issuedLater)));
}

void TestAuthCrypto::tokenMissingOrBadClaimsRejected_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QJsonValue>("value"); // undefined: the claim is left out
    const QJsonValue absent(QJsonValue::Undefined);
    for (const char *name : {"sub", "iat", "nbf", "exp", "jti", "ver"})
        QTest::addRow("no %s", name) << QString::fromLatin1(name) << absent;
    QTest::newRow("sub not a number") << u"sub"_s << QJsonValue(u"admin"_s);
    QTest::newRow("sub as integer") << u"sub"_s << QJsonValue(7);
    QTest::newRow("sub zero") << u"sub"_s << QJsonValue(u"0"_s);
    QTest::newRow("sub negative") << u"sub"_s << QJsonValue(u"-7"_s);
    QTest::newRow("sub leading zero") << u"sub"_s << QJsonValue(u"07"_s);
    QTest::newRow("sub with space") << u"sub"_s << QJsonValue(u" 7"_s);
    QTest::newRow("sub too large") << u"sub"_s << QJsonValue(u"99999999999999999999"_s);
    QTest::newRow("ver as string") << u"ver"_s << QJsonValue(u"3"_s);
    QTest::newRow("ver negative") << u"ver"_s << QJsonValue(-1);
    QTest::newRow("ver as fraction") << u"ver"_s << QJsonValue(3.5);
    QTest::newRow("ver as bool") << u"ver"_s << QJsonValue(true);
    QTest::newRow("ver null") << u"ver"_s << QJsonValue(QJsonValue::Null);
    QTest::newRow("iat as string") << u"iat"_s << QJsonValue(QString::number(kNow.toSecsSinceEpoch()));
    QTest::newRow("nbf as string") << u"nbf"_s << QJsonValue(QString::number(kNow.toSecsSinceEpoch()));
    QTest::newRow("exp huge") << u"exp"_s << QJsonValue(1e30);
    QTest::newRow("exp as string") << u"exp"_s << QJsonValue(u"9999999999"_s);
    QTest::newRow("exp as fraction") << u"exp"_s << QJsonValue(9999999999.5);
    QTest::newRow("exp before iat") << u"exp"_s << QJsonValue(kNow.toSecsSinceEpoch() - 1);
    QTest::newRow("jti empty") << u"jti"_s << QJsonValue(u""_s);
    QTest::newRow("jti not hex") << u"jti"_s << QJsonValue(u"not-a-token-id-not-a-token-id-xx"_s);
}

void TestAuthCrypto::tokenMissingOrBadClaimsRejected()
{
    QFETCH(QString, claim);
    QFETCH(QJsonValue, value);
    QJsonObject claims = validClaims(kNow);
    if (value.isUndefined())
        claims.remove(claim);
    else
        claims[claim] = value;
    const QString token = libjwtToken(JWT_ALG_HS256, kSecret, claims);
    QVERIFY(!token.isEmpty());
    const Result<TokenService::Claims> verified = service().verify(token);
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::Unauthenticated);
}

void TestAuthCrypto::tokenGarbageRejected_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("dots") << u".."_s;
    QTest::newRow("words") << u"Bearer nonsense"_s;
    QTest::newRow("not json") << QString::fromLatin1(base64Url("not json") + '.' + base64Url("{}") + '.');
    QTest::newRow("json array header") << QString::fromLatin1(base64Url("[]") + '.' + base64Url("{}") + '.');
    QTest::newRow("huge") << QString(100000, u'a') + u".b.c"_s;
    QTest::newRow("not ascii") << u"eyJ😀.eyJ.sig"_s;
    // Correctly signed, but with header fields we do not accept.
    QTest::newRow("crit header") << signedHandMadeToken(R"({"alg":"HS256","typ":"JWT","crit":["x"],"x":1})",
                                                        validClaims(kNow));
    QTest::newRow("other typ") << signedHandMadeToken(R"({"alg":"HS256","typ":"JWE"})", validClaims(kNow));
    QTest::newRow("alg as array") << signedHandMadeToken(R"({"alg":["HS256"]})", validClaims(kNow));
}

void TestAuthCrypto::tokenGarbageRejected()
{
    // The helper itself makes tokens that pass when the header is right.
    QVERIFY(service().verify(signedHandMadeToken(R"({"alg":"HS256","typ":"JWT"})", validClaims(kNow))));
    QVERIFY(service().verify(signedHandMadeToken(R"({"alg":"HS256"})", validClaims(kNow))));
    QFETCH(QString, token);
    const Result<TokenService::Claims> verified = service().verify(token);
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::Unauthenticated);
}

QTEST_GUILESS_MAIN(TestAuthCrypto)
#include "tst_auth_crypto.moc"
