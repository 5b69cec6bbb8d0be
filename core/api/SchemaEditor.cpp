#include "SchemaEditor.h"

#include "ApiResponse.h"
#include "storage/Repository.h"

namespace fabrica {

namespace {

// Writes without If-Match that lose the race to another writer are read and applied again this often.
constexpr int kAttempts = 4;

} // namespace

SchemaEditor::SchemaEditor(ApiServer &server, const ApiServer::Request &request, const UserRecord &user)
    : m_server(server)
    , m_request(request)
    , m_user(user)
{}

Result<StoredSchema> SchemaEditor::read(qint64 schemaId) const
{
    return m_server.repository().storedSchema(Actor::of(m_user), schemaId);
}

Result<SchemaEditor::Located> SchemaEditor::readTable(qint64 tableId) const
{
    Result<qint64> schemaId = m_server.repository().tableSchema(Actor::of(m_user), tableId);
    if (!schemaId)
        return schemaId.error();
    Result<StoredSchema> stored = read(*schemaId);
    if (!stored)
        return stored.error();
    const int table = stored->tableIndex(tableId);
    if (table < 0)
        return noTable(tableId);
    return Located{std::move(stored).value(), table, -1};
}

Result<SchemaEditor::Located> SchemaEditor::readColumn(qint64 columnId) const
{
    Result<qint64> schemaId = m_server.repository().columnSchema(Actor::of(m_user), columnId);
    if (!schemaId)
        return schemaId.error();
    Result<StoredSchema> stored = read(*schemaId);
    if (!stored)
        return stored.error();
    const std::optional<std::pair<int, int>> at = stored->columnIndex(columnId);
    if (!at)
        return noColumn(columnId);
    return Located{std::move(stored).value(), at->first, at->second};
}

bool SchemaEditor::conditional() const
{
    return !m_request.ifMatch.trimmed().isEmpty();
}

std::optional<Error> SchemaEditor::precondition(qint64 revision) const
{
    if (matches(m_request.ifMatch, revision))
        return std::nullopt;
    return makeError(
        ErrorCode::Conflict,
        tr("The schema has changed since you read it: If-Match %1 does not match its ETag %2. "
           "Read it again, then repeat the change.")
            .arg(QString::fromLatin1(m_request.ifMatch.trimmed()), QString::fromLatin1(etag(revision))),
        SourceLocation{{}, 0, 0, QStringLiteral("If-Match")});
}

Result<StoredSchema> SchemaEditor::apply(qint64 schemaId, const Change &change) const
{
    const Actor actor = Actor::of(m_user);
    for (int attempt = 1;; ++attempt) {
        Result<StoredSchema> stored = read(schemaId);
        if (!stored)
            return stored.error();
        if (std::optional<Error> stale = precondition(stored->record.revision))
            return *stale;
        StoredSchema edited = stored.value();
        edited.padIds();
        if (Result<void> changed = change(edited); !changed)
            return changed.error();
        // Against the revision read: another writer in between makes this fail rather than be overwritten.
        Result<StoredSchema> written =
            m_server.repository().updateStoredSchema(actor, edited, stored->record.revision);
        if (written || written.error().code != ErrorCode::Conflict || conditional() || attempt >= kAttempts)
            return written;
    }
}

QHttpServerResponse SchemaEditor::error(const Error &error) const
{
    if (error.code == ErrorCode::Conflict && conditional())
        return ApiResponse::error(QHttpServerResponse::StatusCode::PreconditionFailed,
                                  QStringLiteral("precondition_failed"), error.message,
                                  QJsonObject{{QStringLiteral("path"), QStringLiteral("If-Match")}});
    return ApiResponse::error(error);
}

QByteArray SchemaEditor::etag(qint64 revision)
{
    return '"' + QByteArray::number(revision) + '"';
}

QHttpServerResponse SchemaEditor::tagged(QHttpServerResponse response, qint64 revision)
{
    response.setHeader(QByteArrayLiteral("ETag"), etag(revision));
    return response;
}

QByteArray SchemaEditor::location(const QString &path)
{
    return (ApiServer::prefix() + path).toUtf8();
}

bool SchemaEditor::matches(const QByteArray &ifMatch, qint64 revision)
{
    const QByteArray value = ifMatch.trimmed();
    if (value.isEmpty() || value == "*")
        return true;
    const QByteArray current = etag(revision);
    for (const QByteArray &tag : value.split(',')) {
        if (tag.trimmed() == current) // "W/…" never equals a strong tag: If-Match compares strongly
            return true;
    }
    return false;
}

Error SchemaEditor::unprocessable(Error error)
{
    if (error.code == ErrorCode::InvalidInput)
        error.code = ErrorCode::Validation;
    return error;
}

Error SchemaEditor::idMismatch(const QString &key, qint64 given, qint64 actual)
{
    return makeError(
        ErrorCode::Validation,
        tr("\"%1\" is %2 in the body but %3 here; ids cannot be changed.").arg(key).arg(given).arg(actual),
        SourceLocation{{}, 0, 0, key});
}

Error SchemaEditor::noTable(qint64 id)
{
    return makeError(ErrorCode::NotFound, tr("no table with id %1").arg(id));
}

Error SchemaEditor::noColumn(qint64 id)
{
    return makeError(ErrorCode::NotFound, tr("no column with id %1").arg(id));
}

Result<std::optional<qint64>> SchemaEditor::takeNumber(QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.take(key);
    if (value.isUndefined())
        return std::optional<qint64>();
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number != double(qint64(number)))
        return makeError(ErrorCode::InvalidInput, tr("\"%1\" must be a whole number from 0.").arg(key),
                         SourceLocation{{}, 0, 0, key});
    return std::optional<qint64>(qint64(number));
}

} // namespace fabrica
