#include "SampleRoutes.h"

#include "ApiInput.h"
#include "ApiJson.h"
#include "ApiResponse.h"
#include "SchemaEditor.h"
#include "import/ColumnProfiler.h"
#include "storage/Repository.h"

#include <QJsonArray>

namespace fabrica {

namespace {

using Method = QHttpServerRequest::Method;

// The values of {"values": ["…", …]}: anything else in the body or no array is InvalidInput, a value that
// is not a string breaks the format (Validation).
Result<QStringList> readValues(const QJsonObject &body)
{
    const QString key = QStringLiteral("values");
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() != key)
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("fabrica::SampleRoutes",
                                            "Unknown property \"%1\": send {\"values\": [\"…\", …]}.")
                    .arg(it.key()),
                SourceLocation{{}, 0, 0, it.key()});
    }
    const QJsonValue values = body.value(key);
    if (!values.isArray() || values.toArray().isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("fabrica::SampleRoutes",
                                                     "Send the samples to add as {\"values\": [\"…\", …]}."),
                         SourceLocation{{}, 0, 0, key});
    QStringList result;
    const QJsonArray array = values.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return makeError(
                ErrorCode::Validation,
                QCoreApplication::translate("fabrica::SampleRoutes", "Sample #%1 must be a string.")
                    .arg(i + 1),
                SourceLocation{{}, 0, 0, QStringLiteral("values/%1").arg(i)});
        result << array.at(i).toString();
    }
    return result;
}

// ?ids=1,2,3: the samples to delete; absent = all of them.
Result<std::optional<QList<qint64>>> readIds(const QUrlQuery &query)
{
    const QString key = QStringLiteral("ids");
    if (!query.hasQueryItem(key))
        return std::optional<QList<qint64>>();
    QList<qint64> ids;
    for (const QString &part : query.queryItemValue(key).split(QLatin1Char(','))) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError(ErrorCode::InvalidInput,
                             QCoreApplication::translate("fabrica::SampleRoutes",
                                                         "The query parameter \"ids\" must list sample ids "
                                                         "separated by commas, such as ids=4,7."),
                             SourceLocation{{}, 0, 0, key});
        ids << id;
    }
    return std::optional<QList<qint64>>(ids);
}

} // namespace

SampleRoutes::SampleRoutes(ApiServer &server)
    : m_server(server)
{
    server.addSignedInRoute(QStringLiteral("/columns/<arg>/samples"), Method::Get,
                            [this](const auto &r, const auto &u) { return list(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>/samples"), Method::Post,
                            [this](const auto &r, const auto &u) { return add(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>/samples"), Method::Delete,
                            [this](const auto &r, const auto &u) { return remove(r, u); });
    server.addSignedInRoute(QStringLiteral("/columns/<arg>/samples:profile"), Method::Post,
                            [this](const auto &r, const auto &u) { return profile(r, u); });
}

ApiServer::Reply SampleRoutes::list(const ApiServer::Request &request, const UserRecord &user)
{
    Result<SchemaEditor::Located> found = SchemaEditor(m_server, request, user).readColumn(request.id);
    if (!found)
        return {ApiResponse::error(found.error()), user.id};
    const StoredSchema *stored = &found->stored;
    Result<ApiInput::Page> page = ApiInput::page(request.query);
    if (!page)
        return {ApiResponse::error(page.error()), user.id};
    const int t = found->table, c = found->column;
    const QStringList &samples = stored->schema.tables[t].columns[c].samples;
    QJsonArray items;
    for (qint64 s = page->offset; s < samples.size() && s < page->offset + page->limit; ++s)
        items.append(ApiJson::sample(stored->sampleId(t, c, int(s)), samples[s]));
    return {SchemaEditor::tagged(ApiResponse::json(ApiInput::pageJson(items, samples.size(), page.value())),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply SampleRoutes::add(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    Result<QJsonObject> body = ApiInput::jsonBody(request);
    if (!body)
        return {ApiResponse::error(body.error()), user.id};
    Result<QStringList> values = readValues(body.value());
    if (!values)
        return {ApiResponse::error(values.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        const std::optional<std::pair<int, int>> at = schema.columnIndex(request.id);
        if (!at)
            return SchemaEditor::noColumn(request.id);
        schema.schema.tables[at->first].columns[at->second].samples << values.value();
        schema.padIds(); // the new ones are not stored yet: appended after the others
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    const std::optional<std::pair<int, int>> at = stored->columnIndex(request.id);
    if (!at)
        return {ApiResponse::error(SchemaEditor::noColumn(request.id)), user.id};
    const auto [t, c] = *at;
    const QStringList &samples = stored->schema.tables[t].columns[c].samples;
    QJsonArray items;
    for (qsizetype s = samples.size() - values->size(); s < samples.size(); ++s)
        items.append(ApiJson::sample(stored->sampleId(t, c, int(s)), samples[s]));
    return {SchemaEditor::tagged(ApiResponse::json(QJsonObject{{QStringLiteral("items"), items}},
                                                   ApiResponse::Status::Created),
                                 stored->record.revision),
            user.id};
}

ApiServer::Reply SampleRoutes::remove(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    Result<std::optional<QList<qint64>>> ids = readIds(request.query);
    if (!ids)
        return {ApiResponse::error(ids.error()), user.id};
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        const std::optional<std::pair<int, int>> at = schema.columnIndex(request.id);
        if (!at)
            return SchemaEditor::noColumn(request.id);
        QStringList &samples = schema.schema.tables[at->first].columns[at->second].samples;
        QList<qint64> &sampleIds = schema.sampleIds[at->first][at->second];
        if (!ids.value()) {
            samples.clear();
            sampleIds.clear();
            return {};
        }
        for (const qint64 id : *ids.value()) {
            const qsizetype s = sampleIds.indexOf(id);
            if (s < 0)
                return makeError(ErrorCode::NotFound,
                                 tr("Column %1 has no sample with id %2.").arg(request.id).arg(id),
                                 SourceLocation{{}, 0, 0, QStringLiteral("ids")});
            samples.removeAt(s);
            sampleIds.removeAt(s);
        }
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    return {SchemaEditor::tagged(ApiResponse::empty(), stored->record.revision), user.id};
}

ApiServer::Reply SampleRoutes::profile(const ApiServer::Request &request, const UserRecord &user)
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(user), request.id);
    if (!schemaId)
        return {ApiResponse::error(schemaId.error()), user.id};
    QStringList lines;
    SchemaEditor editor(m_server, request, user);
    Result<StoredSchema> stored = editor.apply(*schemaId, [&](StoredSchema &schema) -> Result<void> {
        const std::optional<std::pair<int, int>> at = schema.columnIndex(request.id);
        if (!at)
            return SchemaEditor::noColumn(request.id);
        Column &column = schema.schema.tables[at->first].columns[at->second];
        if (column.samples.isEmpty())
            return makeError(ErrorCode::Validation,
                             tr("Column %1 has no samples to learn from: add some first.").arg(request.id),
                             SourceLocation{{}, 0, 0, QStringLiteral("samples")});
        lines = ColumnProfiler().apply(column);
        return {};
    });
    if (!stored)
        return {editor.error(stored.error()), user.id};
    const std::optional<std::pair<int, int>> at = stored->columnIndex(request.id);
    if (!at)
        return {ApiResponse::error(SchemaEditor::noColumn(request.id)), user.id};
    return {
        SchemaEditor::tagged(ApiResponse::json(QJsonObject{
                                 {QStringLiteral("column"), ApiJson::column(*stored, at->first, at->second)},
                                 {QStringLiteral("report"), QJsonArray::fromStringList(lines)}}),
                             stored->record.revision),
        user.id};
}

} // namespace fabrica
