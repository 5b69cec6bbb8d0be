#pragma once

#include "Database.h"
#include "StoredRecords.h"
#include "StoredSchema.h"
#include "common/Result.h"
#include "model/Schema.h"

#include <QList>

#include <optional>

#include <memory>

namespace fabrica {

class Sink;

// Fabrica's own storage: users, schemas, generation runs and generated data (ARCHITECTURE.md, Storage).
// Every call names its Actor; a User sees and changes only their own schemas and runs, an Admin sees all
// and manages users. Calls may come from any thread (each thread gets its own connection); every call
// that writes more than one row runs in one transaction.
class Repository
{
public:
    virtual ~Repository() = default;

    // The SQLite or PostgreSQL implementation for the URL, connected; migrate() before first use.
    static Result<std::unique_ptr<Repository>> open(const DatabaseUrl &url);

    virtual const DatabaseUrl &url() const = 0;
    virtual Result<int> migrate(int targetVersion = -1) = 0;
    virtual Result<int> version() = 0;

    // Users. Creating, listing, deleting others and changing roles need an Admin (or the system);
    // a User may read and update their own row (email, password, sign-in bookkeeping), never its role.
    virtual Result<UserRecord> createUser(const Actor &actor, const UserRecord &user) = 0;
    // The first user, only while there is none (checked and created in one locked transaction).
    virtual Result<UserRecord> createFirstUser(const UserRecord &user) = 0;
    virtual Result<UserRecord> user(const Actor &actor, qint64 id) = 0;
    virtual Result<UserRecord> userByName(const Actor &actor, const QString &username) = 0;
    virtual Result<QList<UserRecord>> users(const Actor &actor) = 0;
    virtual Result<void> updateUser(const Actor &actor, const UserRecord &user) = 0;
    virtual Result<void> deleteUser(const Actor &actor, qint64 id) = 0;
    // Enabled admins; the last one can be neither demoted, disabled nor deleted.
    virtual Result<int> countAdmins(const Actor &actor) = 0;
    virtual Result<int> countUsers(const Actor &actor) = 0;

    // Schemas, stored as tables, columns and sample data. Saving a name the owner already has fails
    // unless replace is set (then the old one and its runs are deleted in the same transaction; to save an
    // edit of a stored schema and keep its runs, use updateSchema).
    virtual Result<SchemaRecord> saveSchema(const Actor &actor, qint64 ownerId, const Schema &schema,
                                            bool replace = false) = 0;
    // What to do when a schema's name is taken: fail, replace the old one, or save as "name (2)".
    enum class NameConflict { Cancel, Replace, Rename };
    // Several schemas in one transaction (an import): all are saved, or none.
    virtual Result<QList<SchemaRecord>> saveSchemas(const Actor &actor, qint64 ownerId,
                                                    const QList<Schema> &schemas, NameConflict conflict) = 0;
    // Replaces the stored schema's name, description, locale, tables, columns and samples with schema's, in
    // one transaction; the id, owner, created time and the runs stay, and the revision goes up by one. Tables
    // and columns are matched to the stored ones by name and updated in place, so they keep their ids (new
    // ones are inserted, missing ones deleted); samples that stay keep theirs. A User may update only their
    // own schemas, an Admin any. Fails with AlreadyExists when the owner has another schema of that name,
    // Validation when two tables or two columns of a table share a name, NotFound when id is not visible to
    // the actor, and Conflict when expectedRevision is given and the stored schema is no longer at it
    // (checked in the same transaction as the write, so of two writers that read one revision, one wins and
    // the other gets Conflict); nothing changes on any failure.
    virtual Result<SchemaRecord> updateSchema(const Actor &actor, qint64 id, const Schema &schema,
                                              std::optional<qint64> expectedRevision = std::nullopt) = 0;
    virtual Result<QList<SchemaRecord>> schemas(const Actor &actor) = 0;
    // One schema's record (NotFound when the actor may not see it).
    virtual Result<SchemaRecord> schemaRecord(const Actor &actor, qint64 id) = 0;
    virtual Result<Schema> loadSchema(const Actor &actor, qint64 id) = 0;
    // The schema with its record (revision included) and the ids of its tables, columns and samples.
    virtual Result<StoredSchema> storedSchema(const Actor &actor, qint64 id) = 0;
    // updateSchema for an edit of storedSchema()'s answer (edited.record.id names the schema): a table or
    // column whose id is still in the lists keeps it even under a new name (a rename), and samples keep
    // theirs by id; id 0 is new. Answers the schema as stored afterwards, with its new ids and revision.
    virtual Result<StoredSchema> updateStoredSchema(const Actor &actor, const StoredSchema &edited,
                                                    std::optional<qint64> expectedRevision) = 0;
    // The schema a table or a column belongs to; NotFound when it does not exist for the actor.
    virtual Result<qint64> tableSchema(const Actor &actor, qint64 tableId) = 0;
    virtual Result<qint64> columnSchema(const Actor &actor, qint64 columnId) = 0;
    // Deletes the schema with its runs; with expectedRevision only while it is at that revision (Conflict).
    virtual Result<void> deleteSchema(const Actor &actor, qint64 id,
                                      std::optional<qint64> expectedRevision = std::nullopt) = 0;

    // Generation runs and their stored rows. target says where the data goes: "storage" for rows kept in
    // generated_data, else a file or a database URL without its password (RunRecord::target).
    virtual Result<RunRecord> startRun(const Actor &actor, qint64 schemaId, quint64 seed,
                                       const QString &target) = 0;
    Result<RunRecord> startRun(const Actor &actor, qint64 schemaId, quint64 seed)
    {
        return startRun(actor, schemaId, seed, QStringLiteral("storage"));
    }
    // A finished run's progress becomes its row total; error says why a failed run failed.
    virtual Result<void> finishRun(const Actor &actor, qint64 runId, RunRecord::Status status,
                                   const QMap<QString, qint64> &rowCounts, qint64 bytes = 0,
                                   const QString &error = {}) = 0;
    // The runs of one schema, or with schemaId 0 of every schema the actor sees; oldest first.
    virtual Result<QList<RunRecord>> runs(const Actor &actor, qint64 schemaId) = 0;
    virtual Result<RunRecord> run(const Actor &actor, qint64 runId) = 0;
    // Deletes a run that is not running, with its stored rows.
    virtual Result<void> deleteRun(const Actor &actor, qint64 runId) = 0;

    // Jobs: runs that wait in a queue for any instance sharing the storage (JobService). request is the
    // GenerationRequest's JSON, which must not carry a password.
    virtual Result<RunRecord> enqueueRun(const Actor &actor, qint64 schemaId, quint64 seed,
                                         const QString &target, const QByteArray &request) = 0;
    // The oldest queued run of any user, now running for instanceId (claimed_by, heartbeat, started set),
    // or nullopt when none waits. Atomic: two instances never claim the same run. The operator's
    // machinery, not a user's request: it sees every user's runs.
    virtual Result<std::optional<RunRecord>> claimRun(const QString &instanceId) = 0;
    // Writes a running run's progress and heartbeat; true when the run should stop (a cancel was asked
    // for, or it is no longer running: cancelled, failed as stale, deleted).
    virtual Result<bool> updateRunProgress(const Actor &actor, qint64 runId, qint64 rowsDone,
                                           qint64 rowsTotal) = 0;
    // The heartbeat of every run instanceId is running; answers run id → cancel requested for each of
    // them still running (a run missing from the answer is no longer running: stop it).
    virtual Result<QMap<qint64, bool>> heartbeatRuns(const QString &instanceId) = 0;
    // A queued run is cancelled at once (answers Cancelled); a running one is asked to stop (answers
    // Running: its worker sees the request at its next progress write). Conflict when it has ended.
    virtual Result<RunRecord::Status> cancelRun(const Actor &actor, qint64 runId) = 0;
    // Fails the claimed runs whose heartbeat is older than olderThanSeconds (their instance stopped:
    // crashed or lost its connection, so their transactions rolled back); answers how many.
    virtual Result<int> failStaleRuns(int olderThanSeconds) = 0;
    // How many runs of every user are in each state (one grouped count, for the metrics); a state
    // without runs is missing. The operator's figures, like claimRun.
    virtual Result<QMap<RunRecord::Status, qint64>> runStatusCounts() = 0;

    // A sink that stores a generation's rows in generated_data for the run, all in one transaction
    // (COPY on PostgreSQL, prepared statements on SQLite); abort() leaves no row behind.
    virtual Result<std::unique_ptr<Sink>> generatedDataSink(const Actor &actor, qint64 runId) = 0;
    // Rows [firstRow, firstRow + limit) of one table of a run.
    virtual Result<StoredRows> storedRows(const Actor &actor, qint64 runId, const QString &table,
                                          qint64 firstRow, int limit) = 0;
};

} // namespace fabrica
