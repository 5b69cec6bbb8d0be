#include "ImportRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "MultipartForm.h"
#include "format/SchemaFile.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

// Room for the boundaries and part headers of a multipart upload on top of the files themselves.
constexpr qint64 kMultipartOverhead = 64 * 1024;
constexpr qint64 kLargestRowCount = qint64(1000000000000);

const QString kFallbackName = QStringLiteral("upload");

QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').value(0).trimmed().toLower();
}

bool endsWith(const QString &name, const QString &suffix)
{
    return name.endsWith(suffix, Qt::CaseInsensitive);
}

// name with suffix, unless it ends with it already.
QString withSuffix(const QString &name, const QString &suffix)
{
    return endsWith(name, suffix) ? name : name + suffix;
}

// The file name a client gave, without folders (it only labels the report and names the schema).
QString cleanName(const QString &given)
{
    QString name = given.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1).trimmed();
    name.remove(QChar(0));
    return name.left(255);
}

// A .fabrica.json sent without a name keeps the name in the document, as the file would have it.
QString nameInDocument(const QByteArray &data)
{
    const QString name = cleanName(QJsonDocument::fromJson(data)
                                       .object()
                                       .value(QStringLiteral("schema"))
                                       .toObject()
                                       .value(QStringLiteral("name"))
                                       .toString());
    return name.isEmpty() || name.startsWith(QLatin1Char('.')) ? kFallbackName : name;
}

// The name the ImportService reads data under: its ending says what the data is, and the media type
// decides that ending. Empty for a media type the import does not take.
QString importName(const QByteArray &type, const QString &given, const QByteArray &data)
{
    const QString name = cleanName(given);
    const QString base = name.isEmpty() ? kFallbackName : name;
    if (type == "application/zip" || type == "application/x-zip-compressed")
        return withSuffix(base, QStringLiteral(".zip"));
    if (type == "application/json") {
        if (name.isEmpty())
            return nameInDocument(data) + SchemaFile::suffix();
        if (endsWith(name, SchemaFile::suffix()))
            return name;
        return (endsWith(name, QStringLiteral(".json")) ? name.chopped(5) : name) + SchemaFile::suffix();
    }
    if (type == "application/sql")
        return withSuffix(base, QStringLiteral(".sql"));
    if (type == "text/plain") {
        // DDL, unless the name says it is samples or a schema file.
        for (const QString &suffix :
             {QStringLiteral(".sql"), QStringLiteral(".csv"), QStringLiteral(".tsv"), SchemaFile::suffix()}) {
            if (endsWith(base, suffix))
                return base;
        }
        return base + QStringLiteral(".sql");
    }
    if (type == "text/csv")
        return endsWith(base, QStringLiteral(".tsv")) ? base : withSuffix(base, QStringLiteral(".csv"));
    if (type == "text/tab-separated-values")
        return withSuffix(base, QStringLiteral(".tsv"));
    return {};
}

Error unsupportedType(const QByteArray &type)
{
    return makeError(
        ErrorCode::Unsupported,
        ImportRoutes::tr("An import is a ZIP (application/zip), a schema file (application/json), "
                         "SQL DDL (application/sql or text/plain), CSV samples (text/csv or "
                         "text/tab-separated-values) or multipart/form-data with such files, "
                         "not %1.")
            .arg(type.isEmpty() ? ImportRoutes::tr("a body without Content-Type")
                                : QString::fromLatin1(type)),
        SourceLocation{{}, 0, 0, QStringLiteral("Content-Type")});
}

Result<bool> flag(const QUrlQuery &query, const QString &name)
{
    const QString value = query.queryItemValue(name).toLower();
    if (!query.hasQueryItem(name) || value == QLatin1String("false") || value == QLatin1String("0"))
        return false;
    if (value.isEmpty() || value == QLatin1String("true") || value == QLatin1String("1"))
        return true;
    return makeError(ErrorCode::InvalidInput,
                     ImportRoutes::tr("The query parameter \"%1\" is true or false.").arg(name),
                     SourceLocation{{}, 0, 0, name});
}

Result<Repository::NameConflict> nameConflict(const QUrlQuery &query)
{
    const QString value = query.queryItemValue(QStringLiteral("onConflict"));
    if (value.isEmpty() || value == QLatin1String("cancel"))
        return Repository::NameConflict::Cancel;
    if (value == QLatin1String("replace"))
        return Repository::NameConflict::Replace;
    if (value == QLatin1String("rename"))
        return Repository::NameConflict::Rename;
    return makeError(ErrorCode::InvalidInput,
                     ImportRoutes::tr("The query parameter \"onConflict\" is cancel, replace or rename."),
                     SourceLocation{{}, 0, 0, QStringLiteral("onConflict")});
}

// The import's refusal: 422 with the first error's place at the top of the details and the whole report.
QHttpServerResponse refusal(const ImportReport &report)
{
    QJsonObject details;
    QString first;
    for (const ImportReport::Line &line : report.lines()) {
        if (line.level != ImportReport::Level::Error && line.level != ImportReport::Level::Refused)
            continue;
        first =
            line.where.isEmpty() ? line.message : line.where.toString() + QLatin1String(": ") + line.message;
        if (!line.where.file.isEmpty())
            details.insert(QStringLiteral("file"), line.where.file);
        if (line.where.line > 0) {
            details.insert(QStringLiteral("line"), line.where.line);
            details.insert(QStringLiteral("column"), line.where.column);
        }
        if (!line.where.path.isEmpty())
            details.insert(QStringLiteral("path"), line.where.path);
        break;
    }
    details.insert(QStringLiteral("report"), ApiJson::importReport(report));
    const QString message =
        first.isEmpty() ? ImportRoutes::tr("Nothing was imported: no schema, DDL or CSV file was found.")
                        : ImportRoutes::tr("Nothing was imported: %1 (the report in the details lists "
                                           "everything)")
                              .arg(first);
    return ApiResponse::error(Status::UnprocessableEntity, QStringLiteral("import_failed"), message, details);
}

} // namespace

ImportRoutes::ImportRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/imports"), Method::Post,
                            [this](const auto &r, const auto &u) { return post(r, u); });
}

qint64 ImportRoutes::bodyLimit(const ImportLimits &limits)
{
    return limits.uploadBytes + kMultipartOverhead;
}

Result<QList<ImportRoutes::Upload>> ImportRoutes::uploads(const ApiServer::Request &request) const
{
    const QByteArray type = mediaType(request.contentType);
    if (type != "multipart/form-data") {
        const QString name = importName(
            type, request.query.queryItemValue(QStringLiteral("filename"), QUrl::FullyDecoded), request.body);
        if (name.isEmpty())
            return unsupportedType(type);
        if (request.body.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                             tr("The request body is empty; send the file to import."));
        return QList<Upload>{{name, request.body}};
    }
    Result<QList<MultipartForm::Part>> parts = MultipartForm::parse(request.contentType, request.body);
    if (!parts)
        return parts.error();
    QList<Upload> files;
    for (const MultipartForm::Part &part : std::as_const(parts.value())) {
        if (part.fileName.isEmpty())
            continue; // a plain form field
        // A file part's own type decides, as for a whole body; without one, its name does.
        const QByteArray partType = mediaType(part.contentType);
        QString name = partType.isEmpty() || partType == "application/octet-stream"
                           ? cleanName(part.fileName)
                           : importName(partType, part.fileName, part.data);
        if (name.isEmpty())
            return unsupportedType(partType);
        if (!ImportService::canImport(name))
            return makeError(ErrorCode::Unsupported,
                             tr("The part \"%1\" is neither a ZIP, a .fabrica.json, a .sql nor a .csv/.tsv "
                                "file; give it one of those endings or its media type.")
                                 .arg(part.fileName),
                             SourceLocation{{}, 0, 0, QStringLiteral("Content-Type")});
        files << Upload{name, part.data};
    }
    if (files.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("The multipart body has no file part (a part with a filename) to import."));
    return files;
}

ApiServer::Reply ImportRoutes::post(const ApiServer::Request &request, const UserRecord &user)
{
    Result<bool> dryRun = flag(request.query, QStringLiteral("dryRun"));
    if (!dryRun)
        return {ApiResponse::error(dryRun.error()), user.id};
    Result<Repository::NameConflict> conflict = nameConflict(request.query);
    if (!conflict)
        return {ApiResponse::error(conflict.error()), user.id};
    ImportService::Options options;
    options.limits = m_server.options().importLimits;
    Result<qint64> rows =
        ApiInput::queryNumber(request.query, QStringLiteral("rows"), options.defaultRows, kLargestRowCount);
    if (!rows)
        return {ApiResponse::error(rows.error()), user.id};
    options.defaultRows = rows.value();
    Result<QList<Upload>> files = uploads(request);
    if (!files)
        return {ApiResponse::error(files.error()), user.id};
    qint64 total = 0;
    for (const Upload &file : std::as_const(files.value()))
        total += file.data.size();
    if (total > options.limits.uploadBytes)
        return {ApiResponse::error(Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                                   tr("An import may be at most %1 MiB; this one has %2 bytes.")
                                       .arg(options.limits.uploadBytes >> 20)
                                       .arg(total)),
                user.id};

    // Several files are imported one by one and the outcomes put together, as the window does with
    // several dropped files; a ZIP makes one schema of the files in one folder.
    ImportService::Outcome outcome;
    for (const Upload &file : std::as_const(files.value())) {
        const ImportService::Outcome one = ImportService::importBytes(file.data, file.name, options);
        outcome.schemas.append(one.schemas);
        outcome.report.append(one.report);
    }
    if (!outcome.ok())
        return {refusal(outcome.report), user.id};

    QJsonArray schemas;
    if (dryRun.value()) {
        for (const Schema &schema : std::as_const(outcome.schemas))
            schemas.append(ApiJson::importedSchema(schema));
        return {
            ApiResponse::json(QJsonObject{{QStringLiteral("dryRun"), true},
                                          {QStringLiteral("schemas"), schemas},
                                          {QStringLiteral("report"), ApiJson::importReport(outcome.report)}}),
            user.id};
    }
    Result<QList<SchemaRecord>> stored =
        ImportService::commit(m_server.repository(), Actor::of(user), user.id, outcome, conflict.value());
    if (!stored)
        return {ApiResponse::error(stored.error()), user.id};
    for (const SchemaRecord &record : std::as_const(stored.value()))
        schemas.append(ApiJson::schema(record));
    QHttpServerResponse response =
        ApiResponse::json(QJsonObject{{QStringLiteral("dryRun"), false},
                                      {QStringLiteral("schemas"), schemas},
                                      {QStringLiteral("report"), ApiJson::importReport(outcome.report)}},
                          Status::Created);
    if (stored->size() == 1)
        response.setHeader(
            QByteArrayLiteral("Location"),
            (ApiServer::prefix() + QStringLiteral("/schemas/%1").arg(stored->first().id)).toUtf8());
    return {std::move(response), user.id};
}

} // namespace fabrica
