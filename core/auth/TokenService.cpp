#include "TokenService.h"

#include <jwt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>
#include <limits>
#include <optional>

namespace fabrica {

namespace {

// Far above any token we issue (~300 bytes); stops a huge header from costing anything.
constexpr qsizetype kMaxTokenLength = 4096;
constexpr int kTokenIdBytes = 16;

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using Jwt = std::unique_ptr<jwt_t, JwtDeleter>;

struct MallocDeleter
{
    void operator()(char *text) const { std::free(text); } // libjwt 1.10 has no jwt_free_str
};

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return std::move(decoded.decoded);
}

// Integer claims. Read from the JSON, because jwt_get_grant_int turns a string or a fraction into a
// number without reporting it.
std::optional<qint64> integerClaim(const QJsonObject &claims, QLatin1String name)
{
    constexpr qint64 kNotWhole = std::numeric_limits<qint64>::min();
    const QJsonValue value = claims.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const qint64 integer = value.toInteger(kNotWhole); // kNotWhole for 1.5 or 1e30
    if (integer == kNotWhole)
        return std::nullopt;
    return integer;
}

// A positive decimal without sign, spaces or leading zeros.
std::optional<qint64> parseUserId(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString digits = value.toString();
    if (digits.isEmpty() || digits.size() > 18 || digits.front() == u'0')
        return std::nullopt;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return digits.toLongLong();
}

bool isTokenId(const QJsonValue &value)
{
    if (!value.isString())
        return false;
    const QString id = value.toString();
    if (id.size() != 2 * kTokenIdBytes)
        return false;
    for (const QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

// The claims as libjwt parsed them (so both checks see the same object, whatever duplicate keys say).
std::optional<QJsonObject> claimsOf(jwt_t *jwt)
{
    const std::unique_ptr<char, MallocDeleter> json(jwt_get_grants_json(jwt, nullptr));
    if (!json)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json.get()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// The header as sent, checked before libjwt sees it: exactly {"alg": "HS256"} as the algorithm, so that
// neither "none" nor another algorithm can slip through a library quirk, and no "crit" extension we
// would have to understand.
bool hasExpectedHeader(QByteArrayView encodedHeader)
{
    const std::optional<QByteArray> header = fromBase64Url(encodedHeader);
    if (!header)
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*header, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(QLatin1String("typ"));
    return object.value(QLatin1String("alg")) == QJsonValue(QLatin1String("HS256")) &&
           !object.contains(QLatin1String("crit")) &&
           (type.isUndefined() || type == QJsonValue(QLatin1String("JWT")));
}

} // namespace

struct TokenService::Key
{
    explicit Key(const QByteArray &secret)
        : bytes(secret.constData(), secret.size()) // a private copy, so wiping it touches no one else's
    {}
    ~Key() { OPENSSL_cleanse(bytes.data(), size_t(bytes.size())); }
    Key(const Key &) = delete;
    Key &operator=(const Key &) = delete;

    const unsigned char *data() const { return reinterpret_cast<const unsigned char *>(bytes.constData()); }
    int size() const { return int(bytes.size()); }

    QByteArray bytes;
};

TokenService::TokenService(const QByteArray &secret, std::chrono::seconds lifetime)
    : m_key(std::make_shared<const Key>(secret))
    , m_lifetime(lifetime)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

Result<TokenService> TokenService::create(const QByteArray &secret, std::chrono::seconds lifetime)
{
    if (secret.size() < kMinimumSecretBytes)
        return makeError(ErrorCode::Internal,
                         tr("the token signing secret must have at least %1 bytes").arg(kMinimumSecretBytes));
    if (lifetime.count() <= 0)
        return makeError(ErrorCode::InvalidInput, tr("the sign-in lifetime must be positive"));
    return TokenService(secret, lifetime);
}

void TokenService::setClock(Clock now)
{
    m_now = std::move(now);
}

Result<QString> TokenService::issue(qint64 userId, qint64 tokenVersion) const
{
    if (userId <= 0 || tokenVersion < 0)
        return makeError(ErrorCode::Internal, tr("cannot issue a sign-in token for this user"));
    const Error failed = makeError(ErrorCode::Internal, tr("cannot issue a sign-in token"));

    const QDateTime now = m_now();
    if (!now.isValid())
        return failed;
    const qint64 issuedAt = now.toSecsSinceEpoch();
    const qint64 expiresAt = issuedAt + m_lifetime.count();

    unsigned char id[kTokenIdBytes];
    if (RAND_bytes(id, kTokenIdBytes) != 1)
        return makeError(ErrorCode::Internal, tr("the system's random number generator failed"));
    const QByteArray tokenId = QByteArray(reinterpret_cast<const char *>(id), kTokenIdBytes).toHex();

    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return failed;
    const Jwt jwt(raw);
    const bool ok = jwt_set_alg(jwt.get(), JWT_ALG_HS256, m_key->data(), m_key->size()) == 0 &&
                    jwt_add_grant(jwt.get(), "sub", QByteArray::number(userId).constData()) == 0 &&
                    jwt_add_grant_int(jwt.get(), "iat", long(issuedAt)) == 0 &&
                    jwt_add_grant_int(jwt.get(), "nbf", long(issuedAt)) == 0 &&
                    jwt_add_grant_int(jwt.get(), "exp", long(expiresAt)) == 0 &&
                    jwt_add_grant(jwt.get(), "jti", tokenId.constData()) == 0 &&
                    jwt_add_grant_int(jwt.get(), "ver", long(tokenVersion)) == 0;
    if (!ok)
        return failed;
    const std::unique_ptr<char, MallocDeleter> encoded(jwt_encode_str(jwt.get()));
    if (!encoded)
        return failed;
    return QString::fromLatin1(encoded.get());
}

bool TokenService::hasValidSignature(const QByteArray &token) const
{
    // libjwt checks the signature too; this check does not depend on its version's comparison being
    // constant time (CVE-2024-25189).
    const qsizetype lastDot = token.lastIndexOf('.');
    if (lastDot < 0)
        return false;
    const std::optional<QByteArray> signature = fromBase64Url(QByteArrayView(token).sliced(lastDot + 1));
    if (!signature || signature->size() != 32)
        return false;
    unsigned char expected[EVP_MAX_MD_SIZE];
    unsigned int expectedLength = 0;
    if (!HMAC(EVP_sha256(), m_key->data(), m_key->size(),
              reinterpret_cast<const unsigned char *>(token.constData()), size_t(lastDot), expected,
              &expectedLength) ||
        expectedLength != 32)
        return false;
    return CRYPTO_memcmp(expected, signature->constData(), 32) == 0;
}

Result<TokenService::Claims> TokenService::verify(const QString &token) const
{
    const Error invalid =
        makeError(ErrorCode::Unauthenticated, tr("the sign-in is not valid; sign in again"));

    if (token.isEmpty() || token.size() > kMaxTokenLength)
        return invalid;
    const QByteArray bytes = token.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    if (parts.size() != 3 || !hasExpectedHeader(parts[0]) || !hasValidSignature(bytes))
        return invalid;

    jwt_t *raw = nullptr;
    if (jwt_decode(&raw, bytes.constData(), m_key->data(), m_key->size()) != 0 || !raw)
        return invalid;
    const Jwt jwt(raw);
    const char *headerAlgorithm = jwt_get_header(jwt.get(), "alg");
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256 ||
        (headerAlgorithm && QByteArrayView(headerAlgorithm) != QByteArrayView("HS256")))
        return invalid;

    const std::optional<QJsonObject> claims = claimsOf(jwt.get());
    if (!claims)
        return invalid;
    const std::optional<qint64> userId = parseUserId(claims->value(QLatin1String("sub")));
    const std::optional<qint64> issuedAt = integerClaim(*claims, QLatin1String("iat"));
    const std::optional<qint64> notBefore = integerClaim(*claims, QLatin1String("nbf"));
    const std::optional<qint64> expiresAt = integerClaim(*claims, QLatin1String("exp"));
    const std::optional<qint64> version = integerClaim(*claims, QLatin1String("ver"));
    const QJsonValue tokenId = claims->value(QLatin1String("jti"));
    if (!userId || !issuedAt || !notBefore || !expiresAt || !version || *version < 0 || !isTokenId(tokenId) ||
        *expiresAt <= *issuedAt)
        return invalid;

    const QDateTime now = m_now();
    if (!now.isValid())
        return invalid;
    const qint64 seconds = now.toSecsSinceEpoch();
    if (*issuedAt > seconds + kLeeway.count() || *notBefore > seconds + kLeeway.count())
        return invalid;
    if (seconds >= *expiresAt)
        return makeError(ErrorCode::Unauthenticated, tr("the sign-in has expired; sign in again"));

    return Claims{*userId, *version, tokenId.toString(), QDateTime::fromSecsSinceEpoch(*issuedAt, Qt::UTC),
                  QDateTime::fromSecsSinceEpoch(*expiresAt, Qt::UTC)};
}

} // namespace fabrica
