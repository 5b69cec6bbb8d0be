#include "UserRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "auth/AuthService.h"
#include "auth/SecretBytes.h"
#include "storage/Repository.h"

#include <QJsonArray>

#include <openssl/crypto.h>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

Error badField(const QString &name, const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message, SourceLocation{{}, 0, 0, name});
}

// The string of a field that must be one, when present.
Result<std::optional<QString>> stringField(const QJsonObject &body, const QString &name)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined())
        return std::optional<QString>();
    if (!value.isString())
        return badField(name, UserRoutes::tr("\"%1\" must be a string.").arg(name));
    return std::optional<QString>(value.toString());
}

Result<std::optional<Role>> roleField(const QJsonObject &body)
{
    Result<std::optional<QString>> text = stringField(body, QStringLiteral("role"));
    if (!text)
        return text.error();
    if (!text->has_value())
        return std::optional<Role>();
    const std::optional<Role> role = roleFromId(**text);
    if (!role)
        return badField(QStringLiteral("role"),
                        UserRoutes::tr("\"role\" is \"admin\" or \"user\", not \"%1\".").arg(**text));
    return std::optional<Role>(*role);
}

// Names in body that the route does not take: a typo must not pass as "nothing to change".
Result<void> onlyKnownFields(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return badField(it.key(), UserRoutes::tr("Unknown field \"%1\"; this route takes %2.")
                                          .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    return {};
}

} // namespace

UserRoutes::UserRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/users"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/users"), Method::Post,
                            [this](const auto &r, const auto &u) { return create(r, u); });
    server.addSignedInRoute(QStringLiteral("/users/<arg>"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/users/<arg>"), Method::Put,
                            [this](const auto &r, const auto &u) { return update(r, u); });
    server.addSignedInRoute(QStringLiteral("/users/<arg>"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
}

ApiServer::Reply UserRoutes::forbidden(const UserRecord &user)
{
    return {ApiResponse::error(makeError(ErrorCode::PermissionDenied,
                                         tr("Only an administrator manages users; your own account is at "
                                            "%1/me.")
                                             .arg(ApiServer::prefix()))),
            user.id};
}

ApiServer::Reply UserRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    if (user.role != Role::Admin)
        return forbidden(user);
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    Result<QList<UserRecord>> all = m_server.auth().users(Actor::of(user));
    if (!all)
        return {ApiResponse::error(all.error()), user.id};
    QJsonArray items;
    for (qsizetype i = page->offset; i < all->size() && i < page->offset + page->limit; ++i)
        items.append(ApiJson::user(all->at(i)));
    return {ApiResponse::json(ApiInput::pageJson(items, all->size(), page.value())), user.id};
}

ApiServer::Reply UserRoutes::create(const ApiServer::Request &request, const UserRecord &user)
{
    if (user.role != Role::Admin)
        return forbidden(user);
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    const QStringList known = {QStringLiteral("username"), QStringLiteral("email"),
                               QStringLiteral("password"), QStringLiteral("role")};
    if (Result<void> ok = onlyKnownFields(body.value(), known); !ok)
        return {ApiResponse::error(ok.error()), user.id};
    Result<std::optional<QString>> username = stringField(body.value(), QStringLiteral("username"));
    Result<std::optional<QString>> email = stringField(body.value(), QStringLiteral("email"));
    Result<std::optional<QString>> password = stringField(body.value(), QStringLiteral("password"));
    Result<std::optional<Role>> role = roleField(body.value());
    for (const Error *error : {username ? nullptr : &username.error(), email ? nullptr : &email.error(),
                               password ? nullptr : &password.error(), role ? nullptr : &role.error()}) {
        if (error)
            return {ApiResponse::error(*error), user.id};
    }
    if (!username->has_value() || !password->has_value() || (*password)->isEmpty())
        return {
            ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                         tr("Send \"username\" and \"password\" (and optionally \"email\" "
                                            "and \"role\": \"user\" or \"admin\")."))),
            user.id};
    SecretBytes secret{(*password)->toUtf8()};
    Result<UserRecord> created =
        m_server.auth().createUser(Actor::of(user), (*username)->trimmed(), email->value_or(QString()),
                                   secret.bytes, role->value_or(Role::User));
    if (!created)
        return {ApiResponse::error(created.error()), user.id};
    QHttpServerResponse response = ApiResponse::json(ApiJson::user(created.value()), Status::Created);
    response.setHeader(QByteArrayLiteral("Location"),
                       (ApiServer::prefix() + QStringLiteral("/users/%1").arg(created->id)).toUtf8());
    return {std::move(response), user.id};
}

ApiServer::Reply UserRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    // A User may read their own row here (what GET /me answers); anyone else's is an administrator's
    // business, refused alike whether the id exists or not.
    if (user.role != Role::Admin && request.id != user.id)
        return forbidden(user);
    Result<UserRecord> found = m_server.repository().user(Actor::of(user), request.id);
    if (!found)
        return {ApiResponse::error(found.error()), user.id};
    return {ApiResponse::json(ApiJson::user(found.value())), user.id};
}

ApiServer::Reply UserRoutes::update(const ApiServer::Request &request, const UserRecord &user)
{
    if (user.role != Role::Admin)
        return forbidden(user);
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    const QStringList known = {QStringLiteral("role"), QStringLiteral("enabled"), QStringLiteral("email"),
                               QStringLiteral("password")};
    if (Result<void> ok = onlyKnownFields(body.value(), known); !ok)
        return {ApiResponse::error(ok.error()), user.id};
    AuthService::UserChange change;
    Result<std::optional<Role>> role = roleField(body.value());
    if (!role)
        return {ApiResponse::error(role.error()), user.id};
    change.role = role.value();
    if (const QJsonValue enabled = body->value(QStringLiteral("enabled")); !enabled.isUndefined()) {
        if (!enabled.isBool())
            return {
                ApiResponse::error(badField(QStringLiteral("enabled"), tr("\"enabled\" is true or false."))),
                user.id};
        change.disabled = !enabled.toBool();
    }
    Result<std::optional<QString>> email = stringField(body.value(), QStringLiteral("email"));
    if (!email)
        return {ApiResponse::error(email.error()), user.id};
    change.email = email.value();
    Result<std::optional<QString>> password = stringField(body.value(), QStringLiteral("password"));
    if (!password)
        return {ApiResponse::error(password.error()), user.id};
    if (password->has_value())
        change.password = (*password)->toUtf8(); // the only copy: wiped below
    if (!change.role && !change.disabled && !change.email && !change.password)
        return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                             tr("Send at least one of \"role\", \"enabled\", \"email\" and "
                                                "\"password\"."))),
                user.id};
    Result<UserRecord> changed = m_server.auth().changeUser(Actor::of(user), request.id, change);
    if (change.password)
        SecretBytes::wipe(*change.password);
    if (!changed)
        return {ApiResponse::error(changed.error()), user.id};
    return {ApiResponse::json(ApiJson::user(changed.value())), user.id};
}

ApiServer::Reply UserRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    if (user.role != Role::Admin)
        return forbidden(user);
    if (Result<void> deleted = m_server.auth().deleteUser(Actor::of(user), request.id); !deleted)
        return {ApiResponse::error(deleted.error()), user.id};
    return {ApiResponse::empty(), user.id};
}

} // namespace fabrica
