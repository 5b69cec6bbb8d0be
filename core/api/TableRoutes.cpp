#include "TableRoutes.h"

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

// A table sent in a body, with the fields the API adds to the objects it answers with taken out.
struct TableBody
{
    Table table;
    std::optional<qint64> id;
    std::optional<qint64> schemaId;
    std::optional<qint64> position;
    QList<qint64> columnIds;                     // per column, 0 where the body gives none
    QList<std::optional<qint64>> columnTableIds; // per column, as the body gives them
};

Result<TableBody> readTableBody(const ApiServer::Request &request, int index)
{
    Result<QJsonObject> object = ApiInput::jsonBody(request);
    if (!object)
        return object.error();
    QJsonObject body = object.value();
    TableBody result;
    for (auto [key, out] : {std::pair{QStringLiteral("id"), &result.id},
                            std::pair{QStringLiteral("schemaId"), &result.schemaId},
                            std::pair{QStringLiteral("position"), &result.position}}) {
        Result<std::optional<qint64>> number = SchemaEditor::takeNumber(body, key);
        if (!number)
            return number.error();
        *out = number.value();
    }
    QJsonValue columns = body.value(QStringLiteral("columns"));
    if (columns.isArray()) {
        QJsonArray array = columns.toArray();
        for (qsizetype c = 0; c < array.size(); ++c) {
            QJsonObject column = array.at(c).toObject();
            qint64 columnId = 0;
            std::optional<qint64> tableId;
            if (array.at(c).isObject()) {
                for (const QString &key : {QStringLiteral("id"), QStringLiteral("tableId"),
                                           QStringLiteral("schemaId"), QStringLiteral("position")}) {
                    Result<std::optional<qint64>> number = SchemaEditor::takeNumber(column, key);
                    if (!number)
                        return number.error();
                    if (key == QLatin1String("id"))
                        columnId = number->value_or(0);
                    else if (key == QLatin1String("tableId"))
                        tableId = number.value();
                }
                array[c] = column;
            }
            result.columnIds << columnId;
            result.columnTableIds << tableId;
        }
        body.insert(QStringLiteral("columns"), array);
    }
    Result<Table> table = SchemaFile::parseTable(body, index, request.body);
    if (!table)
        return SchemaEditor::unprocessable(table.error());
    result.table = std::move(table).value();
    return result;
}

} // namespace

TableRoutes::TableRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/tables"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/tables"), Method::Post,
                            [this](const auto &r, const auto &u) { return create(r, u); });
    server.addSignedInRoute(QStringLiteral("/tables/<arg>"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/tables/<arg>"), Method::Put,
                            [this](const auto &r, const auto &u) { return update(r, u); });
    server.addSignedInRoute(QStringLiteral("/tables/<arg>"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
}

ApiServer::Reply TableRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    Result<StoredSchema> stored = SchemaEditor(m_server, request, user).read(request.id);
    if (!stored)
        return {ApiResponse::error(stored.error()), user.id};
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    const qint64 total = stored->schema.tables.size();
    QJsonArray items;
    for (qint64 t = page->offset; t < total && t < page->offset + page->limit; ++t)
        items.append(ApiJson::table(stored.value(), int(t)));
    return {SchemaEditor::tagged(ApiResponse::json(ApiInput::pageJson(items, total, page.value())),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply TableRoutes::create(const ApiServer::Request &request, const UserRecord &user)
{
    SchemaEditor editor(m_server, request, user);
    Result<SchemaRecord> record = m_server.repository().schemaRecord(Actor::of(user), request.id);
    if (!record)
        return {ApiResponse::error(record.error()), user.id};
    // A copy of another table (its ids included) may be posted as it is: the ids are the new table's own.
    Result<TableBody> body = readTableBody(request, record->tables);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<qint64> position = ApiInput::queryNumber(request.query, QStringLiteral("position"),
                                                    body->position.value_or(record->tables), INT_MAX);
    if (!position)
        return {ApiResponse::error(position.error()), user.id};
    int at = 0;
    Result<StoredSchema> stored = editor.apply(request.id, [&](StoredSchema &schema) -> Result<void> {
        at = int(qMin<qint64>(*position, schema.schema.tables.size()));
        schema.insertTable(at, body->table);
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    QHttpServerResponse response = SchemaEditor::tagged(
        ApiResponse::json(ApiJson::table(stored.value(), at), ApiResponse::Status::Created),
        stored->record.revision);
    response.setHeader(QByteArrayLiteral("Location"),
                       SchemaEditor::location(QStringLiteral("/tables/%1").arg(stored->tableId(at))));
    return {std::move(response), user.id};
}

ApiServer::Reply TableRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    Result<SchemaEditor::Located> found = SchemaEditor(m_server, request, user).readTable(request.id);
    if (!found)
        return {ApiResponse::error(found.error()), user.id};
    const StoredSchema *stored = &found->stored;
    const int t = found->table;
    return {SchemaEditor::tagged(ApiResponse::json(ApiJson::table(*stored, t)), stored->record.revision),
            user.id};
}

ApiServer::Reply TableRoutes::update(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().tableSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    Result<TableBody> body = readTableBody(request, 0);
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
    int at = 0;
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        const int t = schema.tableIndex(request.id);
        if (t < 0)
            return SchemaEditor::noTable(request.id);
        // Columns named by id keep it under a new name; every id must be one of this table's columns.
        QSet<qint64> seen;
        for (qsizetype c = 0; c < body->columnIds.size(); ++c) {
            const qint64 id = body->columnIds[c];
            const std::optional<qint64> tableId = body->columnTableIds[c];
            if (tableId && *tableId != request.id)
                return SchemaEditor::idMismatch(QStringLiteral("columns/%1/tableId").arg(c), *tableId,
                                                request.id);
            if (id == 0)
                continue;
            if (!schema.columnIds[t].contains(id) || seen.contains(id))
                return makeError(
                    ErrorCode::Validation,
                    tr("Column id %1 is not a column of table %2 (or is given twice); leave the id "
                       "out for a new column.")
                        .arg(id)
                        .arg(request.id),
                    SourceLocation{{}, 0, 0, QStringLiteral("columns/%1/id").arg(c)});
            seen.insert(id);
        }
        schema.schema.tables[t] = body->table;
        schema.columnIds[t] = body->columnIds;
        schema.sampleIds[t].clear(); // samples stay by value
        schema.padIds();
        at = t;
        if (body->position) {
            if (*body->position >= schema.schema.tables.size())
                return makeError(ErrorCode::Validation,
                                 tr("\"position\" must be less than the number of tables, %1.")
                                     .arg(schema.schema.tables.size()),
                                 SourceLocation{{}, 0, 0, QStringLiteral("position")});
            at = int(*body->position);
            schema.schema.tables.move(t, at);
            schema.tableIds.move(t, at);
            schema.columnIds.move(t, at);
            schema.sampleIds.move(t, at);
        }
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {
        SchemaEditor::tagged(ApiResponse::json(ApiJson::table(stored.value(), at)), stored->record.revision),
        user.id};
}

ApiServer::Reply TableRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().tableSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(*schemaId, [&request](StoredSchema &schema) -> Result<void> {
        const int t = schema.tableIndex(request.id);
        if (t < 0)
            return SchemaEditor::noTable(request.id);
        schema.removeTable(t);
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::empty(), stored->record.revision), user.id};
}

} // namespace fabrica
