#include "SchemaRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "SchemaEditor.h"
#include "format/SchemaFile.h"
#include "generate/RowWindow.h"
#include "storage/Repository.h"

#include <QDateTime>
#include <QJsonArray>

#include <limits>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

constexpr qint64 kDefaultPreviewRows = 100;
constexpr qint64 kLargestPreview = 1000;

// The fields of the schema JSON the server decides; a client may send them back unchanged (they are ignored).
const QStringList kReadOnly = {QStringLiteral("id"),     QStringLiteral("ownerId"),
                               QStringLiteral("owner"),  QStringLiteral("created"),
                               QStringLiteral("tables"), QStringLiteral("revision")};

// The "name", "description" and "referenceDate" a body sets (POST without a document, PUT): a malformed
// body is InvalidInput, an empty name Validation.
struct SchemaFields
{
    std::optional<QString> name;
    std::optional<QString> description;
    std::optional<QDate> referenceDate; // an invalid date: null, the schema sets none
};

Result<SchemaFields> readFields(QJsonObject body)
{
    for (const QString &key : kReadOnly)
        body.remove(key);
    const QString name = QStringLiteral("name");
    const QString description = QStringLiteral("description");
    const QString referenceDate = QStringLiteral("referenceDate");
    SchemaFields fields;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() != name && it.key() != description && it.key() != referenceDate)
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("fabrica::SchemaRoutes",
                                            "Unknown property \"%1\": a schema takes \"name\", "
                                            "\"description\" and \"referenceDate\" here (or, to create one, "
                                            "a whole schema document).")
                    .arg(it.key()),
                SourceLocation{{}, 0, 0, it.key()});
        if (it.key() == referenceDate) {
            const QDate date = QDate::fromString(it.value().toString(), Qt::ISODate);
            if (!it.value().isNull() && !date.isValid())
                return makeError(ErrorCode::InvalidInput,
                                 QCoreApplication::translate("fabrica::SchemaRoutes",
                                                             "\"referenceDate\" must be a date as YYYY-MM-DD, "
                                                             "or null for none."),
                                 SourceLocation{{}, 0, 0, it.key()});
            fields.referenceDate = date;
            continue;
        }
        if (!it.value().isString())
            return makeError(ErrorCode::InvalidInput,
                             QCoreApplication::translate("fabrica::SchemaRoutes", "\"%1\" must be a string.")
                                 .arg(it.key()),
                             SourceLocation{{}, 0, 0, it.key()});
        (it.key() == name ? fields.name : fields.description) = it.value().toString();
    }
    if (fields.name && fields.name->trimmed().isEmpty())
        return makeError(ErrorCode::Validation,
                         QCoreApplication::translate("fabrica::SchemaRoutes", "A schema needs a name."),
                         SourceLocation{{}, 0, 0, name});
    return fields;
}

} // namespace

SchemaRoutes::SchemaRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/schemas"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas"), Method::Post,
                            [this](const auto &r, const auto &u) { return create(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>"), Method::Get,
                            [this](const auto &r, const auto &u) { return get(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>"), Method::Put,
                            [this](const auto &r, const auto &u) { return update(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
    server.addSignedInRoute(QStringLiteral("/schemas/<arg>/preview"), Method::Get,
                            [this](const auto &r, const auto &u) { return preview(r, u); });
}

ApiServer::Reply SchemaRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    Result<QList<SchemaRecord>> all = m_server.repository().schemas(Actor::of(user));
    if (!all)
        return {ApiResponse::error(all.error()), user.id};
    QJsonArray items;
    for (qsizetype i = page->offset; i < all->size() && i < page->offset + page->limit; ++i)
        items.append(ApiJson::schema(all->at(i)));
    return {ApiResponse::json(ApiInput::pageJson(items, all->size(), page.value())), user.id};
}

ApiServer::Reply SchemaRoutes::create(const ApiServer::Request &request, const UserRecord &user)
{
    const Actor actor = Actor::of(user);
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<qint64> ownerId = ApiInput::queryNumber(request.query, QStringLiteral("ownerId"), user.id,
                                                   std::numeric_limits<qint64>::max());
    if (!ownerId)
        return {ApiResponse::error(ownerId.error()), user.id};
    if (*ownerId != user.id) {
        if (!actor.admin)
            return {ApiResponse::error(makeError(ErrorCode::PermissionDenied,
                                                 tr("Only an administrator creates schemas for other users."),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("ownerId")})),
                    user.id};
        if (Result<UserRecord> owner = m_server.repository().user(actor, *ownerId); !owner)
            return {ApiResponse::error(owner.error()), user.id};
    }
    Schema schema;
    if (body->contains(QStringLiteral("format"))) {
        // A whole .fabrica.json document, read as strictly as a file; its owner is the one stored.
        Result<Schema> parsed = SchemaFile::parse(request.body);
        if (!parsed)
            return {ApiResponse::error(SchemaEditor::unprocessable(parsed.error())), user.id};
        schema = std::move(parsed).value();
    } else {
        Result<SchemaFields> fields = readFields(body.value());
        if (!fields)
            return {ApiResponse::error(fields.error()), user.id};
        if (!fields->name)
            return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                                 tr("Send the new schema's \"name\" (and a \"description\"), "
                                                    "or a whole schema document."),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("name")})),
                    user.id};
        schema.name = *fields->name;
        schema.description = fields->description.value_or(QString());
        // Default date windows end on the day the schema was made, on every later day too.
        schema.referenceDate = fields->referenceDate.value_or(QDateTime::currentDateTimeUtc().date());
    }
    Result<SchemaRecord> saved = m_server.repository().saveSchema(actor, *ownerId, schema);
    if (!saved)
        return {ApiResponse::error(saved.error()), user.id};
    Result<SchemaRecord> record = m_server.repository().schemaRecord(actor, saved->id);
    if (!record)
        return {ApiResponse::error(record.error()), user.id};
    QHttpServerResponse response = SchemaEditor::tagged(
        ApiResponse::json(ApiJson::schema(record.value()), ApiResponse::Status::Created), record->revision);
    response.setHeader(QByteArrayLiteral("Location"),
                       SchemaEditor::location(QStringLiteral("/schemas/%1").arg(record->id)));
    return {std::move(response), user.id};
}

ApiServer::Reply SchemaRoutes::get(const ApiServer::Request &request, const UserRecord &user)
{
    Result<SchemaRecord> record = m_server.repository().schemaRecord(Actor::of(user), request.id);
    if (!record)
        return {ApiResponse::error(record.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::json(ApiJson::schema(record.value())), record->revision),
            user.id};
}

ApiServer::Reply SchemaRoutes::update(const ApiServer::Request &request, const UserRecord &user)
{
    if (Result<SchemaRecord> exists = m_server.repository().schemaRecord(Actor::of(user), request.id);
        !exists)
        return {ApiResponse::error(exists.error()), user.id};
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<SchemaFields> fields = readFields(body.value());
    if (!fields)
        return {ApiResponse::error(fields.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(request.id, [&fields](StoredSchema &schema) -> Result<void> {
        schema.schema.name = fields->name.value_or(schema.schema.name);
        schema.schema.description = fields->description.value_or(schema.schema.description);
        schema.schema.referenceDate = fields->referenceDate.value_or(schema.schema.referenceDate);
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::json(ApiJson::schema(stored->record)), stored->record.revision),
            user.id};
}

ApiServer::Reply SchemaRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    const Actor actor = Actor::of(user);
    SchemaEditor editor(m_server, request, user);
    std::optional<qint64> revision;
    if (editor.conditional()) {
        Result<SchemaRecord> record = m_server.repository().schemaRecord(actor, request.id);
        if (!record)
            return {ApiResponse::error(record.error()), user.id};
        if (std::optional<Error> stale = editor.precondition(record->revision))
            return {editor.error(*stale), user.id};
        revision = record->revision;
    }
    if (Result<void> deleted = m_server.repository().deleteSchema(actor, request.id, revision); !deleted)
        return {editor.error(deleted.error()), user.id};
    return {ApiResponse::empty(), user.id};
}

ApiServer::Reply SchemaRoutes::preview(const ApiServer::Request &request, const UserRecord &user)
{
    Result<Schema> schema = m_server.repository().loadSchema(Actor::of(user), request.id);
    if (!schema)
        return {ApiResponse::error(schema.error()), user.id};
    Result<qint64> offset = ApiInput::queryNumber(request.query, QStringLiteral("offset"), 0,
                                                  std::numeric_limits<qint64>::max() / 2);
    Result<qint64> limit =
        ApiInput::queryNumber(request.query, QStringLiteral("limit"), kDefaultPreviewRows, kLargestPreview);
    if (!offset || !limit)
        return {ApiResponse::error(!offset ? offset.error() : limit.error()), user.id};
    Plan::Options options;
    if (request.query.hasQueryItem(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = request.query.queryItemValue(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                                 tr("The query parameter \"seed\" must be a whole number "
                                                    "from 0 to 18446744073709551615."),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("seed")})),
                    user.id};
    }
    if (schema->tables.isEmpty())
        return {ApiResponse::error(makeError(ErrorCode::Validation, tr("The schema has no table."))),
                user.id};
    const QString table = request.query.hasQueryItem(QStringLiteral("table"))
                              ? request.query.queryItemValue(QStringLiteral("table"), QUrl::FullyDecoded)
                              : schema->tables.first().name;
    bool known = false;
    for (const Table &candidate : std::as_const(schema->tables))
        known = known || candidate.name == table;
    if (!known)
        return {ApiResponse::error(makeError(ErrorCode::NotFound,
                                             tr("The schema has no table \"%1\".").arg(table),
                                             SourceLocation{{}, 0, 0, QStringLiteral("table")})),
                user.id};
    Result<std::shared_ptr<const RowWindow>> window = RowWindow::open(schema.value(), table, options);
    if (!window)
        return {ApiResponse::error(window.error()), user.id};
    Result<QList<RowWindow::Row>> rows = (*window)->rows(offset.value(), int(limit.value()));
    if (!rows)
        return {ApiResponse::error(rows.error()), user.id};
    QJsonArray columns;
    for (const RowWindow::Column &column : (*window)->columns())
        columns.append(
            QJsonObject{{QStringLiteral("name"), column.name}, {QStringLiteral("type"), column.type}});
    QJsonArray values;
    for (const RowWindow::Row &row : rows.value()) {
        QJsonArray cells;
        for (const RowWindow::Cell &cell : row)
            cells.append(cell ? QJsonValue(*cell) : QJsonValue());
        values.append(cells);
    }
    return {ApiResponse::json(QJsonObject{{QStringLiteral("table"), table},
                                          {QStringLiteral("seed"), QString::number((*window)->seed())},
                                          {QStringLiteral("rowCount"), (*window)->rowCount()},
                                          {QStringLiteral("offset"), offset.value()},
                                          {QStringLiteral("columns"), columns},
                                          {QStringLiteral("rows"), values}}),
            user.id};
}

} // namespace fabrica
