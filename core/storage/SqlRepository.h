#pragma once

#include "Repository.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <QVariantList>

namespace fabrica {

// What the SQLite and PostgreSQL repositories share: the same tables and the same prepared statements
// ("?" placeholders work in both drivers). The subclasses add what differs: how a transaction is scoped
// to the actor (row-level security on PostgreSQL) and the bulk path for generated data.
class SqlRepository : public Repository
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqlRepository)

public:
    explicit SqlRepository(std::shared_ptr<Database> database);

    const DatabaseUrl &url() const override { return m_database->url(); }
    Result<int> migrate(int targetVersion = -1) override;
    Result<int> version() override;

    Result<UserRecord> createUser(const Actor &actor, const UserRecord &user) override;
    Result<UserRecord> createFirstUser(const UserRecord &user) override;
    Result<UserRecord> user(const Actor &actor, qint64 id) override;
    Result<UserRecord> userByName(const Actor &actor, const QString &username) override;
    Result<QList<UserRecord>> users(const Actor &actor) override;
    Result<void> updateUser(const Actor &actor, const UserRecord &user) override;
    Result<void> deleteUser(const Actor &actor, qint64 id) override;
    Result<int> countAdmins(const Actor &actor) override;
    Result<int> countUsers(const Actor &actor) override;

    Result<SchemaRecord> saveSchema(const Actor &actor, qint64 ownerId, const Schema &schema,
                                    bool replace = false) override;
    Result<QList<SchemaRecord>> saveSchemas(const Actor &actor, qint64 ownerId, const QList<Schema> &schemas,
                                            NameConflict conflict) override;
    Result<SchemaRecord> updateSchema(const Actor &actor, qint64 id, const Schema &schema,
                                      std::optional<qint64> expectedRevision = std::nullopt) override;
    Result<QList<SchemaRecord>> schemas(const Actor &actor) override;
    Result<SchemaRecord> schemaRecord(const Actor &actor, qint64 id) override;
    Result<Schema> loadSchema(const Actor &actor, qint64 id) override;
    Result<StoredSchema> storedSchema(const Actor &actor, qint64 id) override;
    Result<StoredSchema> updateStoredSchema(const Actor &actor, const StoredSchema &edited,
                                            std::optional<qint64> expectedRevision) override;
    Result<qint64> tableSchema(const Actor &actor, qint64 tableId) override;
    Result<qint64> columnSchema(const Actor &actor, qint64 columnId) override;
    Result<void> deleteSchema(const Actor &actor, qint64 id,
                              std::optional<qint64> expectedRevision = std::nullopt) override;

    using Repository::startRun;
    Result<RunRecord> startRun(const Actor &actor, qint64 schemaId, quint64 seed,
                               const QString &target) override;
    Result<void> finishRun(const Actor &actor, qint64 runId, RunRecord::Status status,
                           const QMap<QString, qint64> &rowCounts, qint64 bytes = 0,
                           const QString &error = {}) override;
    Result<RunRecord> enqueueRun(const Actor &actor, qint64 schemaId, quint64 seed, const QString &target,
                                 const QByteArray &request) override;
    Result<std::optional<RunRecord>> claimRun(const QString &instanceId) override;
    Result<bool> updateRunProgress(const Actor &actor, qint64 runId, qint64 rowsDone,
                                   qint64 rowsTotal) override;
    Result<QMap<qint64, bool>> heartbeatRuns(const QString &instanceId) override;
    Result<RunRecord::Status> cancelRun(const Actor &actor, qint64 runId) override;
    Result<int> failStaleRuns(int olderThanSeconds) override;
    Result<QMap<RunRecord::Status, qint64>> runStatusCounts() override;
    Result<QList<RunRecord>> runs(const Actor &actor, qint64 schemaId) override;
    Result<RunRecord> run(const Actor &actor, qint64 runId) override;
    Result<void> deleteRun(const Actor &actor, qint64 runId) override;
    Result<StoredRows> storedRows(const Actor &actor, qint64 runId, const QString &table, qint64 firstRow,
                                  int limit) override;

    // A connection inside a transaction scoped to an actor; rolls back unless committed.
    class Scope
    {
    public:
        explicit Scope(QSqlDatabase db)
            : db(db)
            , transaction(db)
        {}
        Result<void> commit() { return transaction.commit(); }

        QSqlDatabase db;
        Transaction transaction;
    };
    Result<std::unique_ptr<Scope>> begin(const Actor &actor,
                                         Transaction::Access access = Transaction::Access::Write);
    // Checks that the actor may see the run and returns its schema id.
    Result<qint64> runSchema(Scope &scope, const Actor &actor, qint64 runId);

    // The rows of a statement, read at once so no statement stays open on the connection (SQLite cannot
    // commit while one is): next() and value() as on QSqlQuery.
    class Rows
    {
    public:
        bool next() { return ++m_at < m_rows.size(); }
        QVariant value(int column) const { return m_rows.at(m_at).at(column); }
        int numRowsAffected() const { return m_affected; }
        qsizetype size() const { return m_rows.size(); }

    private:
        friend class SqlRepository;
        QList<QVariantList> m_rows;
        qsizetype m_at = -1;
        int m_affected = 0;
    };

    // Prepares and runs sql with the values bound in order.
    static Result<Rows> query(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                              const QString &what);

protected:
    // Makes the open transaction act for the actor (PostgreSQL: role and user id for row-level security).
    virtual Result<void> applyScope(QSqlDatabase &db, const Actor &actor) = 0;
    // Holds off other writers of users until the transaction ends (SQLite's BEGIN IMMEDIATE already does).
    virtual Result<void> lockUsers(QSqlDatabase &db) = 0;
    std::shared_ptr<Database> database() const { return m_database; }

private:
    // The database's clock as a timestamp expression, so instances with different clocks agree on
    // heartbeats.
    QString nowSql() const;
    Result<RunRecord> insertRun(const Actor &actor, qint64 schemaId, quint64 seed, const QString &target,
                                RunRecord::Status status, const QByteArray &request);
    Result<UserRecord> insertUser(Scope &scope, const UserRecord &user);
    Result<SchemaRecord> insertSchema(Scope &scope, qint64 ownerId, const Schema &schema,
                                      NameConflict conflict, const QSet<QString> &taken);
    // The stored schema with its parts' ids, if the actor may see it.
    Result<StoredSchema> readSchema(Scope &scope, const Actor &actor, qint64 id);
    // Checks the owner, the name and the revision, raises the revision and writes edited over the stored
    // schema (updateSchema, updateStoredSchema).
    Result<SchemaRecord> writeSchema(Scope &scope, const Actor &actor, qint64 id, const StoredSchema &edited,
                                     std::optional<qint64> expectedRevision);
    // Makes the tables, columns and samples under schemaId those of edited, given what is stored (empty for a
    // new schema): refuses duplicate names, deletes what went, updates what changed in place, inserts what is
    // new, each in multi-row batches.
    Result<void> writeParts(Scope &scope, qint64 schemaId, const StoredSchema &stored,
                            const StoredSchema &edited);
    Result<void> deleteIds(Scope &scope, const QString &table, const QList<qint64> &ids, const QString &what);
    // The schema id of sql's first column for id, if the owner in its second column is the actor (or an
    // admin).
    Result<qint64> partSchema(const Actor &actor, const QString &sql, qint64 id, const QString &missing);
    Result<UserRecord> findUser(Scope &scope, const QString &where, const QVariant &key);
    Result<int> countAdmins(Scope &scope);

    std::shared_ptr<Database> m_database;
};

} // namespace fabrica
