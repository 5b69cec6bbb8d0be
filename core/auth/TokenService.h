#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace fabrica {

// Issues and checks the JSON Web Tokens of signed-in users: HS256 only, with sub (user id), iat, nbf,
// exp, jti and "ver" (the user's token version; raising it revokes the user's tokens). Tokens are never
// logged, and no message repeats one. Copies share the secret; it is wiped when the last one goes.
class TokenService
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::TokenService)

public:
    struct Claims
    {
        qint64 userId = 0;
        qint64 tokenVersion = 0;
        QString tokenId; // jti: 32 hex digits
        QDateTime issued;
        QDateTime expires;
    };
    using Clock = std::function<QDateTime()>;

    static constexpr int kMinimumSecretBytes = 32;
    // Clock skew allowed for iat and nbf only; a token is never accepted at or after its exp.
    static constexpr std::chrono::seconds kLeeway{30};

    // Refuses secrets shorter than kMinimumSecretBytes and lifetimes that are not positive.
    static Result<TokenService> create(const QByteArray &secret,
                                       std::chrono::seconds lifetime = std::chrono::hours(8));

    std::chrono::seconds lifetime() const { return m_lifetime; }
    // For tests; the default is QDateTime::currentDateTimeUtc. Not thread-safe: set it before sharing.
    void setClock(Clock now);

    Result<QString> issue(qint64 userId, qint64 tokenVersion) const;
    // ErrorCode::Unauthenticated for anything but a well-formed, correctly signed, current token.
    Result<Claims> verify(const QString &token) const;

private:
    struct Key;

    TokenService(const QByteArray &secret, std::chrono::seconds lifetime);
    bool hasValidSignature(const QByteArray &token) const;

    std::shared_ptr<const Key> m_key;
    std::chrono::seconds m_lifetime;
    Clock m_now;
};

} // namespace fabrica
