#include "AuthService.h"

#include "PasswordPolicy.h"
#include "SecretBytes.h"
#include "SecretFile.h"
#include "common/Logging.h"

#include <QRegularExpression>

#include <optional>

namespace fabrica {

AuthService::AuthService(Repository &repository, TokenService tokens, Config config)
    : m_repository(repository)
    , m_tokens(std::move(tokens))
    , m_hasher(config.hashing)
    , m_config(config)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

Result<AuthService> AuthService::create(Repository &repository, const QString &secretPath, Config config)
{
    Result<QByteArray> secret = SecretFile::loadOrCreate(secretPath, 32);
    if (!secret)
        return secret.error();
    Result<TokenService> tokens = TokenService::create(secret.value(), config.tokenLifetime);
    SecretBytes::wipe(secret.value());
    if (!tokens)
        return tokens.error();
    return AuthService(repository, std::move(tokens.value()), config);
}

Result<AuthService> AuthService::create(Repository &repository, const QString &secretPath)
{
    return create(repository, secretPath, Config{});
}

void AuthService::setClock(std::function<QDateTime()> now)
{
    m_now = now;
    m_tokens.setClock(std::move(now));
}

Error AuthService::signInFailed() const
{
    return makeError(
        ErrorCode::Unauthenticated,
        tr("wrong user name or password (after several failed attempts, sign-in pauses for a while)"));
}

Result<AuthService::Session> AuthService::signIn(const QString &username, const QByteArray &password)
{
    const Actor system = Actor::systemActor();
    Result<UserRecord> found = m_repository.userByName(system, username);
    if (!found) {
        if (found.error().code != ErrorCode::NotFound)
            return found.error();
        m_hasher.verifyDummy(password); // as long as a real check takes
        qCInfo(lcAuth) << "sign-in failed: unknown user";
        return signInFailed();
    }
    UserRecord user = found.value();
    const QDateTime now = m_now();
    if (user.disabled || (user.lockedUntil.isValid() && user.lockedUntil > now)) {
        m_hasher.verifyDummy(password);
        qCInfo(lcAuth) << "sign-in refused for user" << user.id
                       << (user.disabled ? "(disabled)" : "(locked)");
        return signInFailed();
    }
    const bool verified = m_hasher.verify(user.passwordHash, password);
    std::optional<QString> rehashed;
    if (verified && m_hasher.needsRehash(user.passwordHash)) {
        Result<QString> hash = m_hasher.hash(password);
        if (!hash)
            return hash.error();
        rehashed = hash.value();
    }
    // Hashing takes a while by design: record the outcome on the row as it is now, so that what an
    // administrator changed meanwhile (disabled, password reset, revoked tokens, role) is not written back
    // over, and a password reset meanwhile lets the old password in no more.
    Result<UserRecord> current = m_repository.user(system, user.id);
    if (!current) {
        if (current.error().code != ErrorCode::NotFound)
            return current.error();
        return signInFailed();
    }
    if (current->passwordHash != user.passwordHash || current->disabled ||
        (current->lockedUntil.isValid() && current->lockedUntil > now)) {
        qCInfo(lcAuth) << "sign-in refused for user" << user.id << "(changed during the sign-in)";
        return signInFailed();
    }
    user = current.value();
    if (!verified) {
        if (Result<void> counted = countFailure(user, now); !counted)
            return counted.error();
        qCInfo(lcAuth) << "sign-in failed for user" << user.id << "attempt" << user.failedAttempts;
        return signInFailed();
    }
    user.failedAttempts = 0;
    user.lockedUntil = {};
    if (rehashed) {
        user.passwordHash = *rehashed;
        qCInfo(lcAuth) << "rehashed the password of user" << user.id << "with the current parameters";
    }
    if (Result<void> saved = m_repository.updateUser(system, user); !saved)
        return saved.error();
    Result<QString> token = m_tokens.issue(user.id, user.tokenVersion);
    if (!token)
        return token.error();
    qCInfo(lcAuth) << "user" << user.id << "signed in";
    return Session{user, token.value()};
}

Result<UserRecord> AuthService::authenticate(const QString &token)
{
    Result<TokenService::Claims> claims = m_tokens.verify(token);
    if (!claims)
        return claims.error();
    Result<UserRecord> user = m_repository.user(Actor::systemActor(), claims->userId);
    const Error revoked = makeError(ErrorCode::Unauthenticated, tr("the session has ended; sign in again"));
    if (!user)
        return user.error().code == ErrorCode::NotFound ? revoked : user.error();
    if (user->disabled || user->tokenVersion != claims->tokenVersion)
        return revoked;
    return user;
}

Result<void> AuthService::update(const Actor &actor, qint64 userId,
                                 const std::function<Result<void>(UserRecord &)> &change)
{
    Result<UserRecord> user = m_repository.user(actor, userId);
    if (!user)
        return user.error();
    if (Result<void> changed = change(user.value()); !changed)
        return changed;
    return m_repository.updateUser(actor, user.value());
}

Result<void> AuthService::signOut(const Actor &actor)
{
    return update(actor, actor.userId, [](UserRecord &user) -> Result<void> {
        ++user.tokenVersion;
        return {};
    });
}

bool AuthService::needsFirstAdmin()
{
    const Result<int> count = m_repository.countUsers(Actor::systemActor());
    return count && *count == 0;
}

Result<void> AuthService::checkUsername(const QString &username)
{
    static const QRegularExpression allowed(
        QRegularExpression::anchoredPattern(QStringLiteral("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{0,63}")));
    if (!allowed.match(username).hasMatch())
        return makeError(
            ErrorCode::Validation,
            tr("a user name has 1 to 64 letters, digits, '.', '_', '@' or '-', and starts with a "
               "letter or digit"));
    return {};
}

Result<void> AuthService::checkEmail(const QString &email)
{
    static const QRegularExpression shape(
        QRegularExpression::anchoredPattern(QStringLiteral("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")));
    if (!email.isEmpty() && (!shape.match(email).hasMatch() || email.size() > 254))
        return makeError(ErrorCode::Validation, tr("\"%1\" is not an e-mail address").arg(email));
    return {};
}

Result<UserRecord> AuthService::createFirstAdmin(const QString &username, const QString &email,
                                                 const QByteArray &password)
{
    if (!needsFirstAdmin()) // early, before the hashing; the storage checks again, under a lock
        return makeError(ErrorCode::AlreadyExists,
                         tr("users exist already; an administrator adds further users"));
    Result<UserRecord> user = newUser(username, email, password, Role::Admin);
    if (!user)
        return user.error();
    Result<UserRecord> created = m_repository.createFirstUser(user.value());
    if (created)
        qCInfo(lcAuth) << "created the first administrator, user" << created->id;
    return created;
}

Result<UserRecord> AuthService::newUser(const QString &username, const QString &email,
                                        const QByteArray &password, Role role) const
{
    if (Result<void> ok = checkUsername(username); !ok)
        return ok.error();
    if (Result<void> ok = checkEmail(email); !ok)
        return ok.error();
    if (Result<void> ok = PasswordPolicy::check(QString::fromUtf8(password), username); !ok)
        return ok.error();
    Result<QString> hash = m_hasher.hash(password);
    if (!hash)
        return hash.error();
    UserRecord user;
    user.username = username;
    user.email = email;
    user.passwordHash = hash.value();
    user.role = role;
    return user;
}

Result<UserRecord> AuthService::createUser(const Actor &actor, const QString &username, const QString &email,
                                           const QByteArray &password, Role role)
{
    if (!actor.admin)
        return makeError(ErrorCode::PermissionDenied, tr("only an administrator adds users"));
    Result<UserRecord> user = newUser(username, email, password, role);
    if (!user)
        return user.error();
    Result<UserRecord> created = m_repository.createUser(actor, user.value());
    if (created)
        qCInfo(lcAuth) << "created user" << created->id << "role" << roleId(role);
    return created;
}

Result<QList<UserRecord>> AuthService::users(const Actor &actor)
{
    return m_repository.users(actor);
}

Result<UserRecord> AuthService::userByName(const Actor &actor, const QString &username)
{
    return m_repository.userByName(actor, username);
}

Result<void> AuthService::countFailure(UserRecord &user, const QDateTime &now)
{
    ++user.failedAttempts;
    const int over = user.failedAttempts - m_config.freeAttempts;
    if (over >= 0) {
        const qint64 delay = std::min<qint64>(m_config.longestDelay.count(), m_config.firstDelay.count()
                                                                                 << std::min(over, 30));
        user.lockedUntil = now.addSecs(delay);
    }
    return m_repository.updateUser(Actor::systemActor(), user);
}

Result<void> AuthService::changeOwnPassword(const Actor &actor, const QByteArray &current,
                                            const QByteArray &next)
{
    // The current password is a password check like a sign-in: wrong guesses count and pause it too, or a
    // stolen session could try passwords here without limit.
    Result<UserRecord> user = m_repository.user(actor, actor.userId);
    if (!user)
        return user.error();
    const QDateTime now = m_now();
    const bool locked = user->lockedUntil.isValid() && user->lockedUntil > now;
    if (locked || !m_hasher.verify(user->passwordHash, current)) {
        if (locked) {
            m_hasher.verifyDummy(current);
        } else if (Result<void> counted = countFailure(user.value(), now); !counted) {
            return counted;
        }
        return makeError(
            ErrorCode::Unauthenticated,
            tr("the current password is wrong (after several failed attempts, the check pauses for a "
               "while)"));
    }
    if (Result<void> ok = PasswordPolicy::check(QString::fromUtf8(next), user->username); !ok)
        return ok;
    Result<QString> hash = m_hasher.hash(next);
    if (!hash)
        return hash.error();
    return update(actor, actor.userId, [&](UserRecord &stored) -> Result<void> {
        if (stored.passwordHash != user->passwordHash) // changed meanwhile: the check above is stale
            return makeError(ErrorCode::Unauthenticated,
                             tr("the password was changed meanwhile; sign in again"));
        stored.passwordHash = hash.value();
        stored.failedAttempts = 0;
        stored.lockedUntil = {};
        ++stored.tokenVersion;
        return {};
    });
}

Result<void> AuthService::setPassword(const Actor &actor, qint64 userId, const QByteArray &password)
{
    // Users change their own password with changeOwnPassword, which asks for the current one.
    if (!actor.admin)
        return makeError(ErrorCode::PermissionDenied, tr("only an administrator sets a user's password"));
    return update(actor, userId, [&](UserRecord &user) -> Result<void> {
        if (Result<void> ok = PasswordPolicy::check(QString::fromUtf8(password), user.username); !ok)
            return ok;
        Result<QString> hash = m_hasher.hash(password);
        if (!hash)
            return hash.error();
        user.passwordHash = hash.value();
        user.failedAttempts = 0;
        user.lockedUntil = {};
        ++user.tokenVersion;
        return {};
    });
}

Result<void> AuthService::setRole(const Actor &actor, qint64 userId, Role role)
{
    if (!actor.admin)
        return makeError(ErrorCode::PermissionDenied, tr("only an administrator sets roles"));
    return update(actor, userId, [role](UserRecord &user) -> Result<void> {
        if (user.role != role) {
            user.role = role;
            ++user.tokenVersion;
        }
        return {};
    });
}

Result<void> AuthService::setDisabled(const Actor &actor, qint64 userId, bool disabled)
{
    if (!actor.admin)
        return makeError(ErrorCode::PermissionDenied, tr("only an administrator disables users"));
    return update(actor, userId, [disabled](UserRecord &user) -> Result<void> {
        if (user.disabled != disabled) {
            user.disabled = disabled;
            ++user.tokenVersion;
        }
        if (!disabled) {
            user.failedAttempts = 0;
            user.lockedUntil = {};
        }
        return {};
    });
}

Result<void> AuthService::setEmail(const Actor &actor, qint64 userId, const QString &email)
{
    if (Result<void> ok = checkEmail(email); !ok)
        return ok;
    return update(actor, userId, [&email](UserRecord &user) -> Result<void> {
        user.email = email;
        return {};
    });
}

Result<void> AuthService::deleteUser(const Actor &actor, qint64 userId)
{
    return m_repository.deleteUser(actor, userId);
}

Result<UserRecord> AuthService::changeUser(const Actor &actor, qint64 userId, const UserChange &change)
{
    if (!actor.admin && (change.role || change.disabled || change.password))
        return makeError(ErrorCode::PermissionDenied,
                         tr("only an administrator changes roles, disables users or sets their passwords"));
    if (change.email) {
        if (Result<void> ok = checkEmail(*change.email); !ok)
            return ok.error();
    }
    UserRecord changed;
    const Result<void> updated = update(actor, userId, [&](UserRecord &user) -> Result<void> {
        bool revoke = false;
        if (change.password) {
            if (Result<void> ok = PasswordPolicy::check(QString::fromUtf8(*change.password), user.username);
                !ok)
                return ok;
            Result<QString> hash = m_hasher.hash(*change.password);
            if (!hash)
                return hash.error();
            user.passwordHash = hash.value();
            user.failedAttempts = 0;
            user.lockedUntil = {};
            revoke = true;
        }
        if (change.role && user.role != *change.role) {
            user.role = *change.role;
            revoke = true;
        }
        if (change.disabled && user.disabled != *change.disabled) {
            user.disabled = *change.disabled;
            revoke = revoke || user.disabled;
        }
        if (change.disabled && !*change.disabled) {
            user.failedAttempts = 0;
            user.lockedUntil = {};
        }
        if (change.email)
            user.email = *change.email;
        if (revoke)
            ++user.tokenVersion;
        changed = user;
        return {};
    });
    if (!updated)
        return updated.error();
    qCInfo(lcAuth) << "changed user" << userId << (change.role ? "role" : "")
                   << (change.disabled ? "enabled" : "") << (change.email ? "email" : "")
                   << (change.password ? "password" : "");
    return changed;
}

} // namespace fabrica
