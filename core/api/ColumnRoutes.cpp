#include "ColumnRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "SchemaEditor.h"
#include "format/SchemaFile.h"
#include "storage/Repository.h"

#include <QJsonArray>

#include <climits>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

// A column sent in a body, with the fields the API adds to the objects it answers with taken out; the rest
// is read as the document's column object once the table (for messages) is known.
struct ColumnBody
{
    QJsonObject object;
    std::optional<qint64> id;
    std::optional<qint64> tableId;
    std::optional<qint64> schemaId;
    std::optional<qint64> position;
};

Result<ColumnBody> readColumnBody(const ApiServer::Request &request)
{
    Result<QJsonObject> object = ApiInput::jsonBody(request);
    if (!object)
        return object.error();
    ColumnBody result;
    result.object = object.value();
    for (auto [key, out] :
         {std::pair{QStringLiteral("id"), &result.id}, std::pair{QStringLiteral("tableId"), &result.tableId},
          std::pair{QStringLiteral("schemaId"), &result.schemaId},
          std::pair{QStringLiteral("position"), &result.position}}) {
        Result<std::optional<qint64>> number = SchemaEditor::takeNumber(result.object, key);
        if (!number)
            return number.error();
        *out = number.value();
    }
    return result;
}

Error badPosition(qsizetype count)
{
    return makeError(ErrorCode::Validation,
                     QCoreApplication::translate("fabrica::ColumnRoutes",
                                                 "\"position\" must be less than the number of columns, %1.")
                         .arg(count),
                     SourceLocation{{}, 0, 0, QStringLiteral("position")});
}

} // namespace

ColumnRoutes::ColumnRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/tables/<arg>/columns"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/tables/<arg>/columns"), Method::Post,
                            [this](const auto &r, const auto &u) { return create(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>"), Method::Put,
                            [this](const auto &r, const auto &u) { return update(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
}

ApiServer::Reply ColumnRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    Result<SchemaEditor::Located> found = SchemaEditor(m_server, request, user).readTable(request.id);
    if (!found)
        return {ApiResponse::error(found.error()), user.id};
    const StoredSchema *stored = &found->stored;
    const int t = found->table;
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    const qint64 total = stored->schema.tables[t].columns.size();
    QJsonArray items;
    for (qint64 c = page->offset; c < total && c < page->offset + page->limit; ++c)
        items.append(ApiJson::column(*stored, t, int(c)));
    return {SchemaEditor::tagged(ApiResponse::json(ApiInput::pageJson(items, total, page.value())),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply ColumnRoutes::create(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().tableSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    // A copy of another column (its ids included) may be posted as it is: the ids are the new column's own.
    Result<ColumnBody> body = readColumnBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<qint64> position = ApiInput::queryNumber(request.query, QStringLiteral("position"),
                                                    body->position.value_or(INT_MAX), INT_MAX);
    if (!position)
        return {ApiResponse::error(position.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    int t = -1;
    int at = 0;
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        t = schema.tableIndex(request.id);
        if (t < 0)
            return SchemaEditor::noTable(request.id);
        const Table &table = schema.schema.tables[t];
        at = int(qMin<qint64>(*position, table.columns.size()));
        Result<Column> column = SchemaFile::parseColumn(body->object, table.name, at, request.body);
        if (!column)
            return SchemaEditor::unprocessable(column.error());
        schema.insertColumn(t, at, column.value());
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    QHttpServerResponse response = SchemaEditor::tagged(
        ApiResponse::json(ApiJson::column(stored.value(), t, at), ApiResponse::Status::Created),
        stored->record.revision);
    response.setHeader(QByteArrayLiteral("Location"),
                       SchemaEditor::location(QStringLiteral("/columns/%1").arg(stored->columnId(t, at))));
    return {std::move(response), user.id};
}

ApiServer::Reply ColumnRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    Result<SchemaEditor::Located> found = SchemaEditor(m_server, request, user).readColumn(request.id);
    if (!found)
        return {ApiResponse::error(found.error()), user.id};
    return {
        SchemaEditor::tagged(ApiResponse::json(ApiJson::column(found->stored, found->table, found->column)),
                             found->stored.record.revision),
        user.id};
}

ApiServer::Reply ColumnRoutes::update(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    Result<ColumnBody> body = readColumnBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    if (body->id && *body->id != request.id)
        return {ApiResponse::error(SchemaEditor::idMismatch(QStringLiteral("id"), *body->id, request.id)),
                user.id};
    if (body->schemaId && *body->schemaId != *schemaId)
        return {ApiResponse::error(
                    SchemaEditor::idMismatch(QStringLiteral("schemaId"), *body->schemaId, *schemaId)),
                user.id};
    SchemaEditor editor(m_server, request, user);
    std::pair<int, int> at;
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        const std::optional<std::pair<int, int>> found = schema.columnIndex(request.id);
        if (!found)
            return SchemaEditor::noColumn(request.id);
        const auto [t, c] = *found;
        if (body->tableId && *body->tableId != schema.tableId(t))
            return SchemaEditor::idMismatch(QStringLiteral("tableId"), *body->tableId, schema.tableId(t));
        Table &table = schema.schema.tables[t];
        Result<Column> column = SchemaFile::parseColumn(body->object, table.name, c, request.body);
        if (!column)
            return SchemaEditor::unprocessable(column.error());
        table.columns[c] = column.value();
        schema.sampleIds[t][c].clear(); // samples stay by value
        schema.padIds();
        at = {t, c};
        if (body->position) {
            if (*body->position >= table.columns.size())
                return badPosition(table.columns.size());
            at.second = int(*body->position);
            table.columns.move(c, at.second);
            schema.columnIds[t].move(c, at.second);
            schema.sampleIds[t].move(c, at.second);
        }
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::json(ApiJson::column(stored.value(), at.first, at.second)),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply ColumnRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(*schemaId, [&request](StoredSchema &schema) -> Result<void> {
        const std::optional<std::pair<int, int>> found = schema.columnIndex(request.id);
        if (!found)
            return SchemaEditor::noColumn(request.id);
        schema.removeColumn(found->first, found->second);
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::empty(), stored->record.revision), user.id};
}

} // namespace fabrica
