#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace fabrica {

enum class Role { User, Admin };

// The rows of Fabrica's own tables as the application sees them.
struct UserRecord
{
    qint64 id = 0;
    QString username;
    QString email;
    QString passwordHash; // PHC string (Argon2id)
    Role role = Role::User;
    QDateTime created; // UTC
    bool disabled = false;
    qint64 tokenVersion = 0; // bumped to revoke every token issued before
    int failedAttempts = 0;  // failed sign-ins since the last success
    QDateTime lockedUntil;   // no sign-in before this (UTC); invalid = not locked
};

struct SchemaRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    QString owner; // the owner's username
    QString name;
    QString description;
    QDateTime created;
    int tables = 0;
    qint64 revision = 0; // raised by every change of the schema or its parts (the API's ETag)
    QDate referenceDate; // where default date windows end; invalid when the schema sets none
};

struct RunRecord
{
    // Queued: a job waiting for a worker (JobService); the others as the words say.
    enum class Status { Queued, Running, Finished, Failed, Cancelled };
    qint64 id = 0;
    qint64 schemaId = 0;
    qint64 userId = 0;
    quint64 seed = 0;
    QDateTime started;
    QDateTime finished;
    Status status = Status::Running;
    QMap<QString, qint64> rowCounts;            // table → rows generated
    QString target = QStringLiteral("storage"); // where the data went: "storage", or a file or database
    qint64 bytes = 0;                           // bytes written (before compression)
    // Jobs (runs queued through JobService); a run started directly leaves them empty.
    QByteArray request;  // the GenerationRequest as JSON; a database target never carries its password
    qint64 rowsDone = 0; // progress, written as the run goes
    qint64 rowsTotal = 0;
    QString claimedBy;   // the instance running it
    QDateTime heartbeat; // when that instance last showed it was alive (UTC)
    bool cancelRequested = false;
    QString error; // why it failed, for people
};

// Rows of one table of a stored run, in row order; a missing value is NULL.
struct StoredRows
{
    QStringList columns;
    QList<qint64> rowIndexes;
    QList<QList<std::optional<QString>>> rows;
};

// On whose behalf the storage is used. The repository filters by it, and PostgreSQL's row-level security
// enforces it again in the database. System is for the operator's own tools (first admin, migrations,
// the sign-in lookup) and never for a request from a signed-in user.
struct Actor
{
    qint64 userId = 0;
    bool admin = false;
    bool system = false;

    static Actor systemActor() { return Actor{0, true, true}; }
    static Actor of(const UserRecord &user) { return Actor{user.id, user.role == Role::Admin, false}; }
};

QString roleId(Role role);
std::optional<Role> roleFromId(const QString &id);
QString runStatusId(RunRecord::Status status);
std::optional<RunRecord::Status> runStatusFromId(const QString &id);

} // namespace fabrica
