#include "ApiJson.h"

namespace fabrica {

QJsonObject ApiJson::user(const UserRecord &user)
{
    return QJsonObject{{QStringLiteral("id"), user.id},
                       {QStringLiteral("username"), user.username},
                       {QStringLiteral("email"), user.email},
                       {QStringLiteral("role"), roleId(user.role)},
                       {QStringLiteral("enabled"), !user.disabled},
                       {QStringLiteral("created"), user.created.toString(Qt::ISODate)}};
}

QJsonObject ApiJson::schema(const SchemaRecord &schema)
{
    return QJsonObject{{QStringLiteral("id"), schema.id},
                       {QStringLiteral("name"), schema.name},
                       {QStringLiteral("description"), schema.description},
                       {QStringLiteral("ownerId"), schema.userId},
                       {QStringLiteral("owner"), schema.owner},
                       {QStringLiteral("created"), schema.created.toString(Qt::ISODate)},
                       {QStringLiteral("tables"), schema.tables}};
}

} // namespace fabrica
