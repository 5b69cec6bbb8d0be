#pragma once

#include "PasswordHasher.h"
#include "TokenService.h"
#include "common/Result.h"
#include "storage/Repository.h"

#include <QCoreApplication>

#include <chrono>
#include <functional>
#include <optional>

namespace fabrica {

// Sign-in and user management on top of the repository: password policy and hashing, back-off after
// failed sign-ins, tokens that sign-out, password and role changes revoke, and who may do what. The GUI,
// the REST API and the CLI all go through it. Thread-safe: it holds no mutable state of its own.
class AuthService
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::AuthService)

public:
    struct Config
    {
        PasswordHasher::Parameters hashing;
        std::chrono::seconds tokenLifetime = std::chrono::hours(8);
        int freeAttempts = 5;                       // failures before the back-off starts
        std::chrono::seconds firstDelay{1};         // then doubled per further failure …
        std::chrono::seconds longestDelay{15 * 60}; // … up to this
    };
    struct Session
    {
        UserRecord user;
        QString token;
    };
    // What changeUser changes: only the fields that are set.
    struct UserChange
    {
        std::optional<Role> role;
        std::optional<bool> disabled;
        std::optional<QString> email;
        std::optional<QByteArray> password; // a reset: checked against the policy, hashed
    };

    AuthService(Repository &repository, TokenService tokens, Config config);
    // With the signing secret from its 0600 file (created on first use).
    static Result<AuthService> create(Repository &repository, const QString &secretPath, Config config);
    static Result<AuthService> create(Repository &repository, const QString &secretPath);

    // For tests of expiry and back-off; the default is the system clock (UTC).
    void setClock(std::function<QDateTime()> now);

    // The same error, in about the same time, for an unknown user, a wrong password, a disabled or a
    // locked account, so a caller learns nothing about which accounts exist.
    Result<Session> signIn(const QString &username, const QByteArray &password);
    // The signed-in user of a token, re-read from storage (role, disabled, token version).
    Result<UserRecord> authenticate(const QString &token);
    // Revokes every token of the user.
    Result<void> signOut(const Actor &actor);

    bool needsFirstAdmin();
    // Only while no user exists: the first run creates the first Admin (no default account).
    Result<UserRecord> createFirstAdmin(const QString &username, const QString &email,
                                        const QByteArray &password);
    Result<UserRecord> createUser(const Actor &actor, const QString &username, const QString &email,
                                  const QByteArray &password, Role role);
    Result<QList<UserRecord>> users(const Actor &actor);
    Result<UserRecord> userByName(const Actor &actor, const QString &username);
    Result<void> changeOwnPassword(const Actor &actor, const QByteArray &current, const QByteArray &next);
    // An admin sets another user's password (a reset); the user's tokens are revoked.
    Result<void> setPassword(const Actor &actor, qint64 userId, const QByteArray &password);
    Result<void> setRole(const Actor &actor, qint64 userId, Role role);
    Result<void> setDisabled(const Actor &actor, qint64 userId, bool disabled);
    Result<void> setEmail(const Actor &actor, qint64 userId, const QString &email);
    Result<void> deleteUser(const Actor &actor, qint64 userId);
    // Several of the changes above in one write, so a refused one (policy, last administrator) leaves the
    // others undone too; role, disabled and password need an Admin. A role change, a disabling or a new
    // password revokes the user's tokens. Answers the user as stored now.
    Result<UserRecord> changeUser(const Actor &actor, qint64 userId, const UserChange &change);

    static Result<void> checkUsername(const QString &username);
    static Result<void> checkEmail(const QString &email);

private:
    Error signInFailed() const;
    // A wrong password for user: one more failure, and the back-off once there are too many.
    Result<void> countFailure(UserRecord &user, const QDateTime &now);
    // A user record with the password hashed, after the name, e-mail and password checks.
    Result<UserRecord> newUser(const QString &username, const QString &email, const QByteArray &password,
                               Role role) const;
    Result<void> update(const Actor &actor, qint64 userId,
                        const std::function<Result<void>(UserRecord &)> &change);

    Repository &m_repository;
    TokenService m_tokens;
    PasswordHasher m_hasher;
    Config m_config;
    std::function<QDateTime()> m_now;
};

} // namespace fabrica
