#include "SchemaRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "generate/RowWindow.h"
#include "storage/Repository.h"

#include <QJsonArray>

#include <limits>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

constexpr qint64 kDefaultPreviewRows = 100;
constexpr qint64 kLargestPreview = 1000;

} // namespace

SchemaRoutes::SchemaRoutes(ApiServer &server)
    : m_server(server)
{
    server.addRoute(QStringLiteral("/schemas"), Method::Get, [this](const auto &r) { return list(r); });
    server.addRoute(QStringLiteral("/schemas/<arg>/preview"), Method::Get,
                    [this](const auto &r) { return preview(r); });
}

ApiServer::Reply SchemaRoutes::list(const ApiServer::Request &request)
{
    Result<UserRecord> user = m_server.authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user->id};
    Result<QList<SchemaRecord>> all = m_server.repository().schemas(Actor::of(user.value()));
    if (!all)
        return {ApiResponse::error(all.error()), user->id};
    QJsonArray items;
    for (qsizetype i = page->offset; i < all->size() && i < page->offset + page->limit; ++i)
        items.append(ApiJson::schema(all->at(i)));
    return {ApiResponse::json(ApiInput::pageJson(items, all->size(), page.value())), user->id};
}

ApiServer::Reply SchemaRoutes::preview(const ApiServer::Request &request)
{
    Result<UserRecord> user = m_server.authenticate(request);
    if (!user)
        return {ApiResponse::error(user.error()), 0};
    Result<Schema> schema = m_server.repository().loadSchema(Actor::of(user.value()), request.id);
    if (!schema)
        return {ApiResponse::error(schema.error()), user->id};
    Result<qint64> offset = ApiInput::queryNumber(request.query, QStringLiteral("offset"), 0,
                                                  std::numeric_limits<qint64>::max() / 2);
    Result<qint64> limit =
        ApiInput::queryNumber(request.query, QStringLiteral("limit"), kDefaultPreviewRows, kLargestPreview);
    if (!offset || !limit)
        return {ApiResponse::error(!offset ? offset.error() : limit.error()), user->id};
    Plan::Options options;
    if (request.query.hasQueryItem(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = request.query.queryItemValue(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return {ApiResponse::error(makeError(ErrorCode::InvalidInput,
                                                 tr("The query parameter \"seed\" must be a whole number "
                                                    "from 0 to 18446744073709551615."),
                                                 SourceLocation{{}, 0, 0, QStringLiteral("seed")})),
                    user->id};
    }
    if (schema->tables.isEmpty())
        return {ApiResponse::error(makeError(ErrorCode::Validation, tr("The schema has no table."))),
                user->id};
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
                user->id};
    Result<std::shared_ptr<const RowWindow>> window = RowWindow::open(schema.value(), table, options);
    if (!window)
        return {ApiResponse::error(window.error()), user->id};
    Result<QList<RowWindow::Row>> rows = (*window)->rows(offset.value(), int(limit.value()));
    if (!rows)
        return {ApiResponse::error(rows.error()), user->id};
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
            user->id};
}

} // namespace fabrica
