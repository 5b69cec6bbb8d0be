#include "PasswordHasher.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <QList>

#include <limits>
#include <mutex>
#include <optional>
#include <string>

namespace fabrica {

namespace {

// Bounds for stored hashes: a corrupted or planted PHC string must not make a sign-in allocate
// gigabytes or spin for minutes. They are far above any setting we would choose.
constexpr quint32 kMaxMemoryKiB = 2u * 1024 * 1024; // 2 GiB
constexpr quint32 kMaxIterations = 256;
constexpr quint32 kMaxParallelism = 255;
constexpr int kMaxPhcLength = 512;

struct Phc
{
    PasswordHasher::Parameters parameters;
    int saltBytes = 0;
    int hashBytes = 0;
};

std::optional<quint32> parseNumber(QStringView text)
{
    // Plain decimal, no sign, no leading zeros, so that one setting has one spelling.
    if (text.isEmpty() || text.size() > 10 || (text.size() > 1 && text.front() == u'0'))
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + quint64(c.unicode() - u'0');
    }
    if (value > std::numeric_limits<quint32>::max())
        return std::nullopt;
    return quint32(value);
}

// Bytes held by unpadded standard base64 text, or -1 when the text is not such base64.
int base64Bytes(QStringView text)
{
    for (const QChar c : text) {
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ||
                        c == u'+' || c == u'/';
        if (!ok)
            return -1;
    }
    if (text.size() % 4 == 1)
        return -1;
    return int(text.size() * 3 / 4);
}

// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", strictly; anything else is nullopt.
std::optional<Phc> parsePhc(const QString &phc)
{
    if (phc.size() > kMaxPhcLength)
        return std::nullopt;
    const QList<QStringView> parts = QStringView(phc).split(u'$');
    if (parts.size() != 6 || !parts[0].isEmpty() || parts[1] != u"argon2id" || parts[2] != u"v=19")
        return std::nullopt;
    const QList<QStringView> settings = parts[3].split(u',');
    if (settings.size() != 3 || !settings[0].startsWith(u"m=") || !settings[1].startsWith(u"t=") ||
        !settings[2].startsWith(u"p="))
        return std::nullopt;
    const std::optional<quint32> m = parseNumber(settings[0].mid(2));
    const std::optional<quint32> t = parseNumber(settings[1].mid(2));
    const std::optional<quint32> p = parseNumber(settings[2].mid(2));
    if (!m || !t || !p || *p < 1 || *p > kMaxParallelism || *t < 1 || *t > kMaxIterations || *m < 8 * *p ||
        *m > kMaxMemoryKiB)
        return std::nullopt;
    Phc result{{*m, *t, *p}, base64Bytes(parts[4]), base64Bytes(parts[5])};
    if (result.saltBytes < int(ARGON2_MIN_SALT_LENGTH) || result.saltBytes > 64 ||
        result.hashBytes < int(ARGON2_MIN_OUTLEN) || result.hashBytes > 64)
        return std::nullopt;
    return result;
}

bool verifyEncoded(const QByteArray &encoded, const QByteArray &password)
{
    if (quint64(password.size()) > ARGON2_MAX_PWD_LENGTH)
        return false;
    // argon2_verify recomputes the hash and compares it in constant time.
    return argon2id_verify(encoded.constData(), password.constData(), size_t(password.size())) == ARGON2_OK;
}

} // namespace

struct PasswordHasher::Dummy
{
    std::once_flag once;
    QByteArray phc; // empty when hashing failed (then hash() fails too, and timing is moot)
};

PasswordHasher::PasswordHasher()
    : PasswordHasher(Parameters{})
{}

PasswordHasher::PasswordHasher(Parameters parameters)
    : m_parameters(parameters)
    , m_dummy(std::make_shared<Dummy>())
{}

Result<QString> PasswordHasher::hash(const QByteArray &password) const
{
    if (quint64(password.size()) > ARGON2_MAX_PWD_LENGTH)
        return makeError(ErrorCode::InvalidInput, tr("the password is too long"));
    unsigned char salt[kSaltBytes];
    if (RAND_bytes(salt, kSaltBytes) != 1)
        return makeError(ErrorCode::Internal, tr("the system's random number generator failed"));
    // argon2_encodedlen counts the terminating zero.
    std::string encoded(argon2_encodedlen(m_parameters.iterations, m_parameters.memoryKiB,
                                          m_parameters.parallelism, kSaltBytes, kHashBytes, Argon2_id),
                        '\0');
    const int status = argon2id_hash_encoded(
        m_parameters.iterations, m_parameters.memoryKiB, m_parameters.parallelism, password.constData(),
        size_t(password.size()), salt, kSaltBytes, kHashBytes, encoded.data(), encoded.size());
    if (status != ARGON2_OK)
        return makeError(
            ErrorCode::Internal,
            tr("cannot hash the password: %1").arg(QString::fromUtf8(argon2_error_message(status))));
    return QString::fromLatin1(encoded.c_str());
}

bool PasswordHasher::verify(const QString &phc, const QByteArray &password) const
{
    // Parse first: argon2 would otherwise allocate whatever memory a damaged string asks for.
    if (!parsePhc(phc))
        return false;
    return verifyEncoded(phc.toLatin1(), password);
}

bool PasswordHasher::needsRehash(const QString &phc) const
{
    const std::optional<Phc> parsed = parsePhc(phc);
    return !parsed || parsed->parameters != m_parameters || parsed->saltBytes != kSaltBytes ||
           parsed->hashBytes != kHashBytes;
}

void PasswordHasher::verifyDummy(const QByteArray &password) const
{
    std::call_once(m_dummy->once, [this] {
        unsigned char secret[16];
        if (RAND_bytes(secret, sizeof secret) != 1)
            return;
        QByteArray randomPassword(reinterpret_cast<const char *>(secret), sizeof secret);
        if (const Result<QString> made = hash(randomPassword))
            m_dummy->phc = made.value().toLatin1();
        OPENSSL_cleanse(secret, sizeof secret);
        OPENSSL_cleanse(randomPassword.data(), size_t(randomPassword.size()));
    });
    if (!m_dummy->phc.isEmpty())
        verifyEncoded(m_dummy->phc, password);
}

} // namespace fabrica
