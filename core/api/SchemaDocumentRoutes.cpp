#include "SchemaDocumentRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "SchemaEditor.h"
#include "format/JsonLocator.h"
#include "format/SchemaFile.h"
#include "storage/Repository.h"
#include "validate/SchemaValidator.h"

#include <QJsonArray>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

} // namespace

SchemaDocumentRoutes::SchemaDocumentRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/document"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/document"), Method::Put,
                            [this](const auto &r, const auto &u) { return replace(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/validate"), Method::Post,
                            [this](const auto &r, const auto &u) { return validate(r, u); });
}

ApiServer::Reply SchemaDocumentRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    Result<StoredSchema> stored = SchemaEditor(m_server, request, user).read(request.id);
    if (!stored)
        return {ApiResponse::error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::jsonText(SchemaFile::serialize(stored->schema)),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply SchemaDocumentRoutes::replace(const ApiServer::Request &request, const UserRecord &user)
{
    if (Result<SchemaRecord> exists = m_server.repository().schemaRecord(Actor::of(user), request.id);
        !exists)
        return {ApiResponse::error(exists.error()), user.id};
    // Malformed JSON is 400 (with its line and column); JSON the format refuses is 422 (with its place).
    if (Result<QJsonObject> body = ApiInput::jsonBody(request); !body)
        return {ApiResponse::error(body.error()), user.id};
    Result<Schema> parsed = SchemaFile::parse(request.body);
    if (!parsed)
        return {ApiResponse::error(SchemaEditor::unprocessable(parsed.error())), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(request.id, [&parsed](StoredSchema &schema) -> Result<void> {
        // A document carries no ids: its tables and columns keep theirs by name (renaming one here gives it a
        // new id; PUT /tables/{id} or /columns/{id} renames and keeps it).
        schema.schema = parsed.value();
        schema.tableIds.clear();
        schema.columnIds.clear();
        schema.sampleIds.clear();
        return {};
    });
    if (!stored)
        return {editor.error(SchemaEditor::unprocessable(stored.error())), user.id};
    return {SchemaEditor::tagged(ApiResponse::json(ApiJson::schema(stored->record)), stored->record.revision),
            user.id};
}

ApiServer::Reply SchemaDocumentRoutes::validate(const ApiServer::Request &request, const UserRecord &user)
{
    Result<StoredSchema> stored = SchemaEditor(m_server, request, user).read(request.id);
    if (!stored)
        return {ApiResponse::error(stored.error()), user.id};
    const Problems problems = SchemaValidator().validate(stored->schema);
    // Lines and columns in the document as GET /schemas/{id}/document gives it.
    const JsonLocator locator(SchemaFile::serialize(stored->schema));
    QJsonArray items;
    for (const Problem &problem : problems)
        items.append(ApiJson::problem(problem, stored.value(), locator.locate(problem.pointer())));
    return {SchemaEditor::tagged(
                ApiResponse::json(QJsonObject{{QStringLiteral("valid"), !hasErrors(problems)},
                                              {QStringLiteral("revision"), stored->record.revision},
                                              {QStringLiteral("problems"), items}}),
                stored->record.revision),
            user.id};
}

} // namespace fabrica
