#include "ApiJson.h"

#include "format/SchemaFile.h"
#include "import/ImportReport.h"
#include "storage/DatabaseUrl.h"

#include <QJsonArray>
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
                       {QStringLiteral("tables"), schema.tables},
                       {QStringLiteral("revision"), schema.revision},
                       {QStringLiteral("referenceDate"), schema.referenceDate.isValid()
                                                             ? QJsonValue(schema.referenceDate.toString(Qt::ISODate))
                                                             : QJsonValue()}};
}

QJsonObject ApiJson::table(const StoredSchema &schema, int table)
{
    QJsonObject object = SchemaFile::tableObject(schema.schema.tables[table]);
    QJsonArray columns = object.value(QStringLiteral("columns")).toArray();
    for (int c = 0; c < columns.size(); ++c) {
        QJsonObject column = columns[c].toObject();
        column.insert(QStringLiteral("id"), schema.columnId(table, c));
        columns[c] = column;
    }
    object.insert(QStringLiteral("columns"), columns);
    object.insert(QStringLiteral("id"), schema.tableId(table));
    object.insert(QStringLiteral("schemaId"), schema.record.id);
    object.insert(QStringLiteral("position"), table);
    return object;
}

QJsonObject ApiJson::column(const StoredSchema &schema, int table, int column)
{
    QJsonObject object = SchemaFile::columnObject(schema.schema.tables[table].columns[column]);
    object.insert(QStringLiteral("id"), schema.columnId(table, column));
    object.insert(QStringLiteral("tableId"), schema.tableId(table));
    object.insert(QStringLiteral("schemaId"), schema.record.id);
    object.insert(QStringLiteral("position"), column);
    return object;
}

QJsonObject ApiJson::sample(qint64 id, const QString &value)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("value"), value}};
}

QJsonObject ApiJson::problem(const Problem &problem, const StoredSchema &schema, const SourceLocation &where)
{
    QJsonObject object{
        {QStringLiteral("severity"), problem.isError() ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("message"), problem.message},
        {QStringLiteral("path"), problem.path},
        {QStringLiteral("pointer"), problem.pointer()}};
    if (!problem.key.isEmpty())
        object.insert(QStringLiteral("key"), problem.key);
    if (problem.table >= 0 && schema.tableId(problem.table) > 0)
        object.insert(QStringLiteral("tableId"), schema.tableId(problem.table));
    if (problem.column >= 0 && schema.columnId(problem.table, problem.column) > 0)
        object.insert(QStringLiteral("columnId"), schema.columnId(problem.table, problem.column));
    if (where.line > 0) {
        object.insert(QStringLiteral("line"), where.line);
        object.insert(QStringLiteral("column"), where.column);
    }
    return object;
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
