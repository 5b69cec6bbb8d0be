#include "ApiJson.h"

#include "format/SchemaFile.h"
#include "import/ImportReport.h"

#include <QJsonDocument>

namespace fabrica {

namespace {

// Stable ids for clients, where ImportReport::levelName is translated.
QString levelId(ImportReport::Level level)
{
    switch (level) {
    case ImportReport::Level::Info:
        return QStringLiteral("info");
    case ImportReport::Level::Guess:
        return QStringLiteral("guess");
    case ImportReport::Level::Skipped:
        return QStringLiteral("skipped");
    case ImportReport::Level::Warning:
        return QStringLiteral("warning");
    case ImportReport::Level::Refused:
        return QStringLiteral("refused");
    case ImportReport::Level::Error:
        break;
    }
    return QStringLiteral("error");
}

} // namespace

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

QJsonObject ApiJson::importedSchema(const Schema &schema)
{
    return QJsonObject{
        {QStringLiteral("name"), schema.name},
        {QStringLiteral("description"), schema.description},
        {QStringLiteral("tables"), schema.tables.size()},
        {QStringLiteral("document"), QJsonDocument::fromJson(SchemaFile::serialize(schema)).object()}};
}

QJsonArray ApiJson::importReport(const ImportReport &report)
{
    QJsonArray lines;
    for (const ImportReport::Line &line : report.lines()) {
        QJsonObject item{{QStringLiteral("level"), levelId(line.level)},
                         {QStringLiteral("message"), line.message}};
        if (!line.where.file.isEmpty())
            item.insert(QStringLiteral("file"), line.where.file);
        if (line.where.line > 0) {
            item.insert(QStringLiteral("line"), line.where.line);
            item.insert(QStringLiteral("column"), line.where.column);
        }
        if (!line.where.path.isEmpty())
            item.insert(QStringLiteral("path"), line.where.path);
        lines.append(item);
    }
    return lines;
}

} // namespace fabrica
