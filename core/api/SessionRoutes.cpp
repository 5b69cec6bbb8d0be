#include "SessionRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "auth/AuthService.h"
#include "auth/SecretBytes.h"
#include "storage/Repository.h"

#include <QJsonDocument>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

// The expiry of a token just issued by the TokenService, read from its own payload.
QDateTime tokenExpiry(const QString &token)
{
    const QList<QString> parts = token.split(QLatin1Char('.'));
    const QByteArray payload = QByteArray::fromBase64(
        parts.value(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const qint64 exp = QJsonDocument::fromJson(payload).object().value(QStringLiteral("exp")).toInteger();
    return QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
}

} // namespace

SessionRoutes::SessionRoutes(ApiServer &server)
    : m_server(server)
{
    server.addRoute(QStringLiteral("/auth/login"), Method::Post, [this](const auto &r) { return login(r); });
    server.addSignedInRoute(QStringLiteral("/auth/logout"), Method::Post,
                            [this](const auto &r, const auto &u) { return logout(r, u); });
    server.addSignedInRoute(QStringLiteral("/me"), Method::Get,
                            [this](const auto &r, const auto &u) { return me(r, u); });
    server.addSignedInRoute(QStringLiteral("/me/password"), Method::Put,
                            [this](const auto &r, const auto &u) { return changePassword(r, u); });
}

ApiServer::Reply SessionRoutes::login(const ApiServer::Request &request)
{
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), 0};
    QString name = body->value(QStringLiteral("username")).toString().trimmed();
    SecretBytes password{body->value(QStringLiteral("password")).toString().toUtf8()};
    if (name.isEmpty() || password.bytes.isEmpty())
        return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                             tr("Send \"username\" (a user name or an e-mail address) and "
                                                "\"password\"."))),
                0};
    if (name.contains(QLatin1Char('@'))) {
        // An e-mail address: the sign-in goes by the name of its user (an unknown address fails as an
        // unknown name does, with the same message and the same hashing time).
        Result<QList<UserRecord>> users = m_server.repository().users(Actor::systemActor());
        if (!users)
            return {ApiResponse::error(users.error()), 0};
        for (const UserRecord &user : users.value()) {
            if (user.email.compare(name, Qt::CaseInsensitive) == 0) {
                name = user.username;
                break;
            }
        }
    }
    // Refused before the password is hashed: guessing costs the server nothing once over the limit.
    SignInThrottle &throttle = m_server.signInThrottle();
    if (const std::chrono::seconds wait = throttle.begin(name, request.peer); wait.count() > 0) {
        QHttpServerResponse refused = ApiResponse::error(
            Status::TooManyRequests, QStringLiteral("too_many_attempts"),
            tr("Too many failed sign-ins for this account or from this address; try again in %n second(s).",
               nullptr, int(wait.count())),
            QJsonObject{{QStringLiteral("retryAfter"), qint64(wait.count())}});
        refused.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(qint64(wait.count())));
        return {std::move(refused), 0};
    }
    Result<AuthService::Session> session = m_server.auth().signIn(name, password.bytes);
    if (!session)
        return {ApiResponse::error(session.error()), 0};
    throttle.succeeded(name, request.peer);
    return {ApiResponse::json(
                QJsonObject{{QStringLiteral("token"), session->token},
                            {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                            {QStringLiteral("expires"), tokenExpiry(session->token).toString(Qt::ISODate)},
                            {QStringLiteral("user"), ApiJson::user(session->user)}}),
            session->user.id};
}

ApiServer::Reply SessionRoutes::logout(const ApiServer::Request &, const UserRecord &user)
{
    if (Result<void> done = m_server.auth().signOut(Actor::of(user)); !done)
        return {ApiResponse::error(done.error()), user.id};
    return {ApiResponse::empty(), user.id};
}

ApiServer::Reply SessionRoutes::me(const ApiServer::Request &, const UserRecord &user)
{
    return {ApiResponse::json(ApiJson::user(user)), user.id};
}

ApiServer::Reply SessionRoutes::changePassword(const ApiServer::Request &request, const UserRecord &user)
{
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    SecretBytes current{body->value(QStringLiteral("currentPassword")).toString().toUtf8()};
    SecretBytes next{body->value(QStringLiteral("newPassword")).toString().toUtf8()};
    if (current.bytes.isEmpty() || next.bytes.isEmpty())
        return {ApiResponse::error(
                    makeError(ErrorCode::InvalidInput, tr("Send \"currentPassword\" and \"newPassword\"."))),
                user.id};
    Result<void> changed = m_server.auth().changeOwnPassword(Actor::of(user), current.bytes, next.bytes);
    if (!changed) {
        // A wrong current password is not a bad token: 403, so a client does not sign the user out.
        if (changed.error().code == ErrorCode::Unauthenticated)
            return {ApiResponse::error(Status::Forbidden, QStringLiteral("wrong_password"),
                                       changed.error().message),
                    user.id};
        return {ApiResponse::error(changed.error()), user.id};
    }
    return {ApiResponse::empty(), user.id};
}

} // namespace fabrica
