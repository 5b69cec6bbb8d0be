#pragma once

#include "ApiServer.h"
#include "storage/StoredSchema.h"

#include <QCoreApplication>
#include <QHttpServerResponse>

#include <functional>

namespace fabrica {

// The read-change-write of a stored schema behind every route that changes one (the schema, its document,
// tables, columns, samples): the request's If-Match against the schema's revision (its ETag), the change
// applied to a fresh read, and the write against the revision read, so no change is lost between two
// writers. With If-Match a stale write is refused (412); without, it is read and applied again a few times
// before answering 409.
class SchemaEditor
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SchemaEditor)

public:
    // Edits the schema in place (its id lists alongside, StoredSchema's helpers keep them in step), or
    // fails with the error to answer.
    using Change = std::function<Result<void>(StoredSchema &schema)>;

    SchemaEditor(ApiServer &server, const ApiServer::Request &request, const UserRecord &user);

    // The stored schema, with its ids and revision (NotFound when the user may not see it).
    Result<StoredSchema> read(qint64 schemaId) const;
    // A stored schema and the place of one of its tables (column -1) or columns.
    struct Located
    {
        StoredSchema stored;
        int table = -1;
        int column = -1;
    };
    // The schema holding the table or column with this id, read, and where that is in it: NotFound when
    // the user may not see it or it is gone.
    Result<Located> readTable(qint64 tableId) const;
    Result<Located> readColumn(qint64 columnId) const;
    // Reads schemaId, checks If-Match, applies change and stores the result: the schema as stored after.
    Result<StoredSchema> apply(qint64 schemaId, const Change &change) const;
    // Whether the request sent If-Match.
    bool conditional() const;
    // An error made when If-Match does not match revision, or nothing when it does (or was not sent).
    std::optional<Error> precondition(qint64 revision) const;
    // The answer to an error of this request: a stale revision is 412 (precondition_failed) when If-Match
    // was sent and 409 (conflict) when not; the rest as ApiResponse::error.
    QHttpServerResponse error(const Error &error) const;

    // A schema's ETag: its revision, quoted (a strong validator).
    static QByteArray etag(qint64 revision);
    // response with the ETag of revision.
    static QHttpServerResponse tagged(QHttpServerResponse response, qint64 revision);
    // The Location of a resource at path below /api/v1.
    static QByteArray location(const QString &path);
    // Whether an If-Match header value ("*", or a list of entity tags) matches revision; weak tags never do.
    static bool matches(const QByteArray &ifMatch, qint64 revision);
    // A format error of the request's content (SchemaFile's, or the storage's duplicate names): 422 with
    // its place, where a malformed body is 400.
    static Error unprocessable(Error error);
    // Takes key (an id or a position the API adds to the objects it answers with) out of body: nothing when
    // it is absent, its value when it is a whole number, an InvalidInput error when it is anything else.
    static Result<std::optional<qint64>> takeNumber(QJsonObject &body, const QString &key);
    // A body's id (key) that differs from the path's: ids cannot be changed (422).
    static Error idMismatch(const QString &key, qint64 given, qint64 actual);
    // The table or column of the path is not (or no longer) in the schema read.
    static Error noTable(qint64 id);
    static Error noColumn(qint64 id);

private:
    ApiServer &m_server;
    const ApiServer::Request &m_request;
    const UserRecord &m_user;
};

} // namespace fabrica
