#include "ApiJson.h"

#include "format/SchemaFile.h"
#include "import/ImportReport.h"
#include "storage/DatabaseUrl.h"

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

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// A database URL for people, never with its password whatever was recorded.
QString safeUrl(const QString &text)
{
    Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    return url ? url->displayString() : QString();
}

QJsonObject runTarget(const RunRecord &run)
{
    const QJsonObject request = QJsonDocument::fromJson(run.request).object();
    QString kind = request.value(QStringLiteral("target")).toString();
    if (kind.isEmpty()) { // a run the window or the command line started, without a recorded request
        if (run.target == QLatin1String("storage"))
            kind = QStringLiteral("storage");
        else if (!safeUrl(run.target).isEmpty())
            kind = QStringLiteral("database");
        else
            kind = QStringLiteral("files");
    }
    if (kind == QLatin1String("storage"))
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("stored")}};
    const QJsonObject options = request.value(QStringLiteral("exportOptions")).toObject();
    if (kind == QLatin1String("download"))
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("files")},
                           {QStringLiteral("format"), request.value(QStringLiteral("format"))},
                           {QStringLiteral("dialect"), options.value(QStringLiteral("dialect"))},
                           {QStringLiteral("gzip"), options.value(QStringLiteral("gzip")).toBool()}};
    if (kind == QLatin1String("database")) {
        QJsonObject target{
            {QStringLiteral("kind"), QStringLiteral("database")},
            {QStringLiteral("url"), safeUrl(request.contains(QStringLiteral("database"))
                                                ? request.value(QStringLiteral("database")).toString()
                                                : run.target)}};
        if (request.contains(QStringLiteral("ifExists")))
            target.insert(QStringLiteral("ifExists"), request.value(QStringLiteral("ifExists")));
        return target;
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("serverFiles")},
                       {QStringLiteral("path"), run.target}};
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

namespace fabrica {

QJsonObject ApiJson::run(const RunRecord &run)
{
    QJsonObject counts;
    for (auto it = run.rowCounts.begin(); it != run.rowCounts.end(); ++it)
        counts.insert(it.key(), double(it.value()));
    return QJsonObject{{QStringLiteral("id"), run.id},
                       {QStringLiteral("schemaId"), run.schemaId},
                       {QStringLiteral("ownerId"), run.userId},
                       {QStringLiteral("seed"), QString::number(run.seed)},
                       {QStringLiteral("status"), runStatusId(run.status)},
                       {QStringLiteral("rowsDone"), run.rowsDone},
                       {QStringLiteral("rowsTotal"), run.rowsTotal},
                       {QStringLiteral("rowCounts"), counts},
                       {QStringLiteral("bytes"), run.bytes},
                       {QStringLiteral("target"), runTarget(run)},
                       {QStringLiteral("started"), timeOrNull(run.started)},
                       {QStringLiteral("finished"), timeOrNull(run.finished)},
                       {QStringLiteral("error"), textOrNull(run.error)},
                       {QStringLiteral("cancelRequested"), run.cancelRequested},
                       {QStringLiteral("claimedBy"), textOrNull(run.claimedBy)}};
}

} // namespace fabrica
