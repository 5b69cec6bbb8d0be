#include "SqlRepository.h"

#include "BatchInsert.h"
#include "BatchUpdate.h"
#include "Migrations.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlRecord>

namespace fabrica {

namespace {

// Both drivers hand timestamps back in their own way (SQLite as ISO text); the application uses UTC.
QDateTime utc(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime time = value.metaType().id() == QMetaType::QDateTime
                         ? value.toDateTime()
                         : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs))
                          : QVariant(QMetaType::fromType<QString>());
}

// NOT NULL text columns: a null QString would be bound as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// schemas.reference_date: YYYY-MM-DD, or '' when the schema sets none.
QString referenceDateText(const Schema &schema)
{
    return schema.referenceDate.isValid() ? schema.referenceDate.toString(Qt::ISODate) : QStringLiteral("");
}

Error denied()
{
    return makeError(ErrorCode::PermissionDenied,
                     QCoreApplication::translate("fabrica::SqlRepository", "this needs an administrator"));
}

Error notFound(const QString &what)
{
    return makeError(ErrorCode::NotFound, what);
}

const QString kUserColumns = QStringLiteral("id, username, email, password_hash, role, created, disabled, "
                                            "token_version, failed_attempts, locked_until");

UserRecord userFrom(const SqlRepository::Rows &query)
{
    UserRecord user;
    user.id = query.value(0).toLongLong();
    user.username = query.value(1).toString();
    user.email = query.value(2).toString();
    user.passwordHash = query.value(3).toString();
    user.role = roleFromId(query.value(4).toString()).value_or(Role::User);
    user.created = utc(query.value(5));
    user.disabled = query.value(6).toBool();
    user.tokenVersion = query.value(7).toLongLong();
    user.failedAttempts = query.value(8).toInt();
    user.lockedUntil = utc(query.value(9));
    return user;
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

} // namespace

SqlRepository::SqlRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{}

Result<SqlRepository::Rows> SqlRepository::query(QSqlDatabase &db, const QString &sql,
                                                 const QVariantList &values, const QString &what)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return Database::error(query.lastError(), what);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Database::error(query.lastError(), what);
    Rows rows;
    rows.m_affected = query.numRowsAffected();
    if (query.isSelect()) {
        const int columns = query.record().count();
        while (query.next()) {
            QVariantList row;
            row.reserve(columns);
            for (int c = 0; c < columns; ++c)
                row << query.value(c);
            rows.m_rows << row;
        }
    }
    query.finish();
    return rows;
}

Result<std::unique_ptr<SqlRepository::Scope>> SqlRepository::begin(const Actor &actor,
                                                                   Transaction::Access access)
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    auto scope = std::make_unique<Scope>(db.value());
    if (Result<void> begun = scope->transaction.begin(access); !begun)
        return begun.error();
    if (Result<void> scoped = applyScope(scope->db, actor); !scoped)
        return scoped.error();
    return scope;
}

Result<int> SqlRepository::migrate(int targetVersion)
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    return Migrations::migrate(db.value(), m_database->dialect(), targetVersion);
}

Result<int> SqlRepository::version()
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    return Migrations::currentVersion(db.value());
}

// ---- users ----

Result<UserRecord> SqlRepository::findUser(Scope &scope, const QString &where, const QVariant &key)
{
    Result<Rows> found = query(
        scope.db, QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM users WHERE ") + where,
        {key}, tr("cannot read the user"));
    if (!found)
        return found.error();
    if (!found->next())
        return notFound(tr("no such user"));
    return userFrom(found.value());
}

Result<UserRecord> SqlRepository::createUser(const Actor &actor, const UserRecord &user)
{
    if (!actor.admin)
        return denied();
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    Result<UserRecord> created = insertUser(**scope, user);
    if (!created)
        return created.error();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return created;
}

Result<UserRecord> SqlRepository::createFirstUser(const UserRecord &user)
{
    Result<std::unique_ptr<Scope>> scope = begin(Actor::systemActor());
    if (!scope)
        return scope.error();
    // Two first starts at the same moment must not both find the storage empty.
    if (Result<void> locked = lockUsers((*scope)->db); !locked)
        return locked.error();
    Result<Rows> count =
        query((*scope)->db, QStringLiteral("SELECT count(*) FROM users"), {}, tr("cannot count the users"));
    if (!count)
        return count.error();
    if (count->next() && count->value(0).toLongLong() > 0)
        return makeError(ErrorCode::AlreadyExists,
                         tr("users exist already; an administrator adds further users"));
    Result<UserRecord> created = insertUser(**scope, user);
    if (!created)
        return created.error();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return created;
}

Result<UserRecord> SqlRepository::insertUser(Scope &scope, const UserRecord &user)
{
    Result<Rows> exists =
        query(scope.db, QStringLiteral("SELECT 1 FROM users WHERE lower(username) = lower(?)"),
              {user.username}, tr("cannot read the users"));
    if (!exists)
        return exists.error();
    if (exists->next())
        return makeError(ErrorCode::AlreadyExists, tr("the user name \"%1\" is taken").arg(user.username));
    const QDateTime created = user.created.isValid() ? user.created : QDateTime::currentDateTimeUtc();
    Result<Rows> inserted =
        query(scope.db,
              QStringLiteral("INSERT INTO users (username, email, password_hash, role, created, disabled) "
                             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
              {user.username, text(user.email), user.passwordHash, roleId(user.role), timeValue(created),
               user.disabled},
              tr("cannot create the user"));
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return makeError(ErrorCode::Database, tr("cannot create the user"));
    UserRecord result = user;
    result.id = inserted->value(0).toLongLong();
    result.created = created;
    return result;
}

Result<UserRecord> SqlRepository::user(const Actor &actor, qint64 id)
{
    if (!actor.admin && actor.userId != id)
        return notFound(tr("no such user"));
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    return findUser(**scope, QStringLiteral("id = ?"), id);
}

Result<UserRecord> SqlRepository::userByName(const Actor &actor, const QString &username)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<UserRecord> found = findUser(**scope, QStringLiteral("lower(username) = lower(?)"), username);
    if (found && !actor.admin && found->id != actor.userId)
        return notFound(tr("no such user"));
    return found;
}

Result<QList<UserRecord>> SqlRepository::users(const Actor &actor)
{
    if (!actor.admin)
        return denied();
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> all = query(
        (*scope)->db, QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM users ORDER BY id"),
        {}, tr("cannot read the users"));
    if (!all)
        return all.error();
    QList<UserRecord> result;
    while (all->next())
        result << userFrom(all.value());
    return result;
}

Result<int> SqlRepository::countAdmins(Scope &scope)
{
    Result<Rows> count =
        query(scope.db, QStringLiteral("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled"),
              {}, tr("cannot count the administrators"));
    if (!count)
        return count.error();
    return count->next() ? count->value(0).toInt() : 0;
}

Result<int> SqlRepository::countAdmins(const Actor &actor)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    return countAdmins(**scope);
}

Result<int> SqlRepository::countUsers(const Actor &actor)
{
    if (!actor.admin)
        return denied();
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> count =
        query((*scope)->db, QStringLiteral("SELECT count(*) FROM users"), {}, tr("cannot count the users"));
    if (!count)
        return count.error();
    return count->next() ? count->value(0).toInt() : 0;
}

Result<void> SqlRepository::updateUser(const Actor &actor, const UserRecord &user)
{
    if (!actor.admin && actor.userId != user.id)
        return notFound(tr("no such user"));
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    Result<UserRecord> stored = findUser(**scope, QStringLiteral("id = ?"), user.id);
    if (!stored)
        return stored.error();
    if (!actor.admin && (stored->role != user.role || stored->disabled != user.disabled))
        return denied();
    const bool wasActiveAdmin = stored->role == Role::Admin && !stored->disabled;
    const bool staysActiveAdmin = user.role == Role::Admin && !user.disabled;
    if (wasActiveAdmin && !staysActiveAdmin) {
        Result<int> admins = countAdmins(**scope);
        if (!admins)
            return admins.error();
        if (*admins <= 1)
            return makeError(ErrorCode::Validation,
                             tr("%1 is the last administrator; make another user an administrator first")
                                 .arg(stored->username));
    }
    if (user.username.compare(stored->username, Qt::CaseInsensitive) != 0) {
        Result<Rows> taken = query(
            (*scope)->db, QStringLiteral("SELECT 1 FROM users WHERE lower(username) = lower(?) AND id <> ?"),
            {user.username, user.id}, tr("cannot read the users"));
        if (!taken)
            return taken.error();
        if (taken->next())
            return makeError(ErrorCode::AlreadyExists,
                             tr("the user name \"%1\" is taken").arg(user.username));
    }
    Result<Rows> updated = query(
        (*scope)->db,
        QStringLiteral("UPDATE users SET username = ?, email = ?, password_hash = ?, role = ?, disabled = ?, "
                       "token_version = ?, failed_attempts = ?, locked_until = ? WHERE id = ?"),
        {user.username, text(user.email), user.passwordHash, roleId(user.role), user.disabled,
         user.tokenVersion, user.failedAttempts, timeValue(user.lockedUntil), user.id},
        tr("cannot update the user"));
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return notFound(tr("no such user"));
    return (*scope)->commit();
}

Result<void> SqlRepository::deleteUser(const Actor &actor, qint64 id)
{
    if (!actor.admin)
        return denied();
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    Result<UserRecord> stored = findUser(**scope, QStringLiteral("id = ?"), id);
    if (!stored)
        return stored.error();
    if (stored->role == Role::Admin && !stored->disabled) {
        Result<int> admins = countAdmins(**scope);
        if (!admins)
            return admins.error();
        if (*admins <= 1)
            return makeError(ErrorCode::Validation,
                             tr("%1 is the last administrator and cannot be deleted").arg(stored->username));
    }
    Result<Rows> deleted = query((*scope)->db, QStringLiteral("DELETE FROM users WHERE id = ?"), {id},
                                 tr("cannot delete the user"));
    if (!deleted)
        return deleted.error();
    return (*scope)->commit();
}

// ---- schemas ----

Result<SchemaRecord> SqlRepository::saveSchema(const Actor &actor, qint64 ownerId, const Schema &schema,
                                               bool replace)
{
    Result<QList<SchemaRecord>> saved =
        saveSchemas(actor, ownerId, {schema}, replace ? NameConflict::Replace : NameConflict::Cancel);
    if (!saved)
        return saved.error();
    return saved->first();
}

Result<QList<SchemaRecord>> SqlRepository::saveSchemas(const Actor &actor, qint64 ownerId,
                                                       const QList<Schema> &schemas, NameConflict conflict)
{
    if (!actor.admin && ownerId != actor.userId)
        return denied();
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    QList<SchemaRecord> records;
    QSet<QString> names; // of this call, so two imported schemas cannot take the same name either
    for (const Schema &schema : schemas) {
        Result<SchemaRecord> record = insertSchema(**scope, ownerId, schema, conflict, names);
        if (!record)
            return record.error();
        names.insert(record->name);
        records << record.value();
    }
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return records;
}

Result<SchemaRecord> SqlRepository::insertSchema(Scope &scope, qint64 ownerId, const Schema &schema,
                                                 NameConflict conflict, const QSet<QString> &taken)
{
    QSqlDatabase &db = scope.db;
    QString name = schema.name;
    for (int attempt = 2;; ++attempt) {
        Result<Rows> existing =
            query(db, QStringLiteral("SELECT id FROM schemas WHERE user_id = ? AND name = ?"),
                  {ownerId, name}, tr("cannot read the schemas"));
        if (!existing)
            return existing.error();
        const bool exists = existing->next();
        if (!exists && !taken.contains(name))
            break;
        if (conflict == NameConflict::Cancel || (conflict == NameConflict::Replace && !exists))
            return makeError(ErrorCode::AlreadyExists, tr("a schema called \"%1\" exists already").arg(name));
        if (conflict == NameConflict::Replace) {
            Result<Rows> removed = query(db, QStringLiteral("DELETE FROM schemas WHERE id = ?"),
                                         {existing->value(0)}, tr("cannot replace the schema"));
            if (!removed)
                return removed.error();
            break;
        }
        name = QStringLiteral("%1 (%2)").arg(schema.name).arg(attempt); // Rename
    }
    SchemaRecord record;
    record.userId = ownerId;
    record.name = name;
    record.description = schema.description;
    record.created = schema.created.isValid() ? schema.created.toUTC() : QDateTime::currentDateTimeUtc();
    record.tables = int(schema.tables.size());
    record.referenceDate = schema.referenceDate;
    Result<Rows> inserted =
        query(db,
              QStringLiteral(
                  "INSERT INTO schemas (user_id, name, description, locale, created) VALUES (?, ?, ?, ?, ?) "
                  "RETURNING id"),
              {ownerId, name, text(schema.description), text(schema.locale), timeValue(record.created)},
              tr("cannot save the schema"));
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return makeError(ErrorCode::Database, tr("cannot save the schema"));
    record.id = inserted->value(0).toLongLong();
    // A statement of its own, only when there is a date: a schema without one is saved as before version 6
    // (tst_jobs stores schemas in a version-3 database to test the upgrade).
    if (schema.referenceDate.isValid()) {
        Result<Rows> dated = query(db, QStringLiteral("UPDATE schemas SET reference_date = ? WHERE id = ?"),
                                   {referenceDateText(schema), record.id}, tr("cannot save the schema"));
        if (!dated)
            return dated.error();
    }
    record.revision = 1;
    // The owner's name, as every other read of a schema record gives it.
    Result<Rows> owner = query(db, QStringLiteral("SELECT username FROM users WHERE id = ?"), {ownerId},
                               tr("cannot read the users"));
    if (!owner)
        return owner.error();
    if (owner->next())
        record.owner = owner->value(0).toString();
    StoredSchema edited;
    edited.schema = schema;
    if (Result<void> tables = writeParts(scope, record.id, StoredSchema(), edited); !tables)
        return tables.error();
    return record;
}

namespace {

// Two tables or two columns of a table with one name: the unique indexes would refuse them in the middle
// of a save, with a message naming an index rather than the name to change.
Result<void> checkNamesUnique(const Schema &schema)
{
    QSet<QString> tables;
    for (const Table &table : schema.tables) {
        if (tables.contains(table.name))
            return makeError(ErrorCode::Validation, QCoreApplication::translate(
                                                        "fabrica::SqlRepository",
                                                        "the schema has two tables called \"%1\"; rename one")
                                                        .arg(table.name));
        tables.insert(table.name);
        QSet<QString> columns;
        for (const Column &column : table.columns) {
            if (columns.contains(column.name))
                return makeError(
                    ErrorCode::Validation,
                    QCoreApplication::translate("fabrica::SqlRepository",
                                                "table %1 has two columns called \"%2\"; rename one")
                        .arg(table.name, column.name));
            columns.insert(column.name);
        }
    }
    return {};
}

} // namespace

Result<void> SqlRepository::deleteIds(Scope &scope, const QString &table, const QList<qint64> &ids,
                                      const QString &what)
{
    constexpr qsizetype kBatch = 256;
    for (qsizetype at = 0; at < ids.size(); at += kBatch) {
        const qsizetype count = qMin(kBatch, ids.size() - at);
        QStringList marks(count, QStringLiteral("?"));
        QVariantList values;
        values.reserve(count);
        for (qsizetype i = at; i < at + count; ++i)
            values << ids[i];
        Result<Rows> deleted = query(
            scope.db,
            QStringLiteral("DELETE FROM %1 WHERE id IN (%2)").arg(table, marks.join(QStringLiteral(", "))),
            values, what);
        if (!deleted)
            return deleted.error();
    }
    return {};
}

namespace {

// A name no user types, held by a renamed row between the two updates of a save: rows that swap names
// would otherwise collide in the unique index halfway through one statement.
QString renaming(qint64 id)
{
    return QChar(1) + QStringLiteral("fabrica-renaming-%1").arg(id);
}

// Which stored part each edited part is, by id first (a rename through the API keeps the id), then by
// name: answers the stored index of every edited entry, -1 for a new one.
QList<int> matchParts(const QStringList &editedNames, const QList<qint64> &editedIds,
                      const QStringList &storedNames, const QList<qint64> &storedIds)
{
    QList<int> storedOf(editedNames.size(), -1);
    QList<bool> taken(storedNames.size(), false);
    for (qsizetype e = 0; e < editedNames.size(); ++e) {
        const qint64 id = editedIds.value(e);
        const qsizetype s = id > 0 ? storedIds.indexOf(id) : -1;
        if (s >= 0 && s < storedNames.size() && !taken[s]) {
            storedOf[e] = int(s);
            taken[s] = true;
        }
    }
    QHash<QString, int> byName;
    for (qsizetype s = 0; s < storedNames.size(); ++s)
        byName.insert(storedNames[s], int(s));
    for (qsizetype e = 0; e < editedNames.size(); ++e) {
        if (storedOf[e] >= 0)
            continue;
        const int s = byName.value(editedNames[e], -1);
        if (s >= 0 && !taken[s]) {
            storedOf[e] = s;
            taken[s] = true;
        }
    }
    return storedOf;
}

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &table : schema.tables)
        names << table.name;
    return names;
}

QStringList columnNames(const Table &table)
{
    QStringList names;
    for (const Column &column : table.columns)
        names << column.name;
    return names;
}

// Which stored samples of a column stay: walking the edited samples in order, one keeps a stored sample
// when it names it by id, or (without an id, as from the window) has the value of a later stored one;
// stored samples passed over go, and from the first edited sample that keeps none on, the rest are new (so
// the order by id, which is the order read back, is the edited order). Answers the stored ids to delete and
// the index of the first new edited sample.
std::pair<QList<qint64>, qsizetype> matchSamples(const QStringList &edited, const QList<qint64> &editedIds,
                                                 const QStringList &stored, const QList<qint64> &storedIds)
{
    QList<qint64> gone;
    qsizetype next = 0; // the first stored sample not yet kept or deleted
    qsizetype e = 0;
    for (; e < edited.size(); ++e) {
        qsizetype found = -1;
        const qint64 id = editedIds.value(e);
        if (id > 0) {
            const qsizetype at = storedIds.indexOf(id, next);
            if (at >= 0 && at < stored.size() && stored[at] == edited[e])
                found = at;
        }
        if (found < 0) {
            const qsizetype at = stored.indexOf(edited[e], next);
            // Kept by value only when no id says it is another sample.
            if (at >= 0 && (id <= 0 || !storedIds.contains(id)))
                found = at;
        }
        if (found < 0)
            break;
        for (qsizetype s = next; s < found; ++s)
            gone << storedIds.value(s);
        next = found + 1;
    }
    for (qsizetype s = next; s < stored.size(); ++s)
        gone << storedIds.value(s);
    return {gone, e};
}

} // namespace

Result<void> SqlRepository::writeParts(Scope &scope, qint64 schemaId, const StoredSchema &stored,
                                       const StoredSchema &edited)
{
    const Schema &schema = edited.schema;
    if (Result<void> unique = checkNamesUnique(schema); !unique)
        return unique;
    const QString what = tr("cannot save the tables of schema \"%1\"").arg(schema.name);
    const SqlDialect dialect = m_database->dialect();
    const int tableCount = int(schema.tables.size());

    // Tables: the stored ones no longer there go (their columns and samples with them, ON DELETE CASCADE),
    // the others are updated where they changed, new ones inserted.
    const QList<int> storedTable =
        matchParts(tableNames(schema), edited.tableIds, tableNames(stored.schema), stored.tableIds);
    QList<qint64> tableIds(tableCount);
    QList<bool> kept(stored.schema.tables.size(), false);
    for (int t = 0; t < tableCount; ++t) {
        if (storedTable[t] >= 0) {
            tableIds[t] = stored.tableId(storedTable[t]);
            kept[storedTable[t]] = true;
        }
    }
    QList<qint64> goneTables;
    for (int s = 0; s < kept.size(); ++s) {
        if (!kept[s])
            goneTables << stored.tableId(s);
    }
    if (Result<void> deleted = deleteIds(scope, QStringLiteral("schema_tables"), goneTables, what); !deleted)
        return deleted;
    BatchUpdate renamedTables(scope.db, dialect, QStringLiteral("schema_tables"),
                              {{QStringLiteral("name"), QStringLiteral("text")}}, what);
    BatchUpdate changedTables(scope.db, dialect, QStringLiteral("schema_tables"),
                              {{QStringLiteral("name"), QStringLiteral("text")},
                               {QStringLiteral("description"), QStringLiteral("text")},
                               {QStringLiteral("row_count"), QStringLiteral("bigint")},
                               {QStringLiteral("position"), QStringLiteral("integer")}},
                              what);
    for (int t = 0; t < tableCount; ++t) {
        const int s = storedTable[t];
        if (s < 0)
            continue;
        const Table &now = schema.tables[t];
        const Table &before = stored.schema.tables[s];
        if (now.name != before.name) {
            if (Result<void> added = renamedTables.add(tableIds[t], {renaming(tableIds[t])}); !added)
                return added;
        }
        if (now.name != before.name || now.description != before.description || now.rows != before.rows ||
            s != t) {
            if (Result<void> added =
                    changedTables.add(tableIds[t], {now.name, text(now.description), now.rows, t});
                !added)
                return added;
        }
    }
    if (Result<void> flushed = renamedTables.flush(); !flushed)
        return flushed;
    if (Result<void> flushed = changedTables.flush(); !flushed)
        return flushed;
    // Rows go in batches, and the ids come back matched by position, not by the order they are returned in.
    BatchInsert newTables(
        scope.db,
        QStringLiteral("INSERT INTO schema_tables (schema_id, name, description, row_count, position)"), 5,
        what, QStringLiteral("RETURNING id, position"),
        [&tableIds](const QSqlQuery &row) { tableIds[row.value(1).toInt()] = row.value(0).toLongLong(); });
    for (int t = 0; t < tableCount; ++t) {
        const Table &table = schema.tables[t];
        if (storedTable[t] >= 0)
            continue;
        if (Result<void> added =
                newTables.add({schemaId, table.name, text(table.description), table.rows, t});
            !added)
            return added;
    }
    if (Result<void> flushed = newTables.flush(); !flushed)
        return flushed;

    // Columns, the same way within each table.
    QList<QList<int>> storedColumn(tableCount);
    QList<QList<qint64>> columnIds(tableCount);
    QList<qint64> goneColumns;
    BatchUpdate renamedColumns(scope.db, dialect, QStringLiteral("columns"),
                               {{QStringLiteral("name"), QStringLiteral("text")}}, what);
    BatchUpdate changedColumns(scope.db, dialect, QStringLiteral("columns"),
                               {{QStringLiteral("name"), QStringLiteral("text")},
                                {QStringLiteral("data_type"), QStringLiteral("text")},
                                {QStringLiteral("constraints"), QStringLiteral("jsonb")},
                                {QStringLiteral("description"), QStringLiteral("text")},
                                {QStringLiteral("position"), QStringLiteral("integer")}},
                               what);
    for (int t = 0; t < tableCount; ++t) {
        const Table &table = schema.tables[t];
        const int s = storedTable[t];
        columnIds[t].resize(table.columns.size());
        if (s < 0) {
            storedColumn[t] = QList<int>(table.columns.size(), -1);
            continue;
        }
        const Table &before = stored.schema.tables[s];
        const QList<qint64> beforeIds = stored.columnIds.value(s);
        storedColumn[t] =
            matchParts(columnNames(table), edited.columnIds.value(t), columnNames(before), beforeIds);
        QList<bool> columnKept(before.columns.size(), false);
        for (int c = 0; c < table.columns.size(); ++c) {
            const int sc = storedColumn[t][c];
            if (sc < 0)
                continue;
            columnKept[sc] = true;
            const qint64 id = beforeIds.value(sc);
            columnIds[t][c] = id;
            const Column &now = table.columns[c];
            const Column &old = before.columns[sc];
            if (now.name != old.name) {
                if (Result<void> added = renamedColumns.add(id, {renaming(id)}); !added)
                    return added;
            }
            if (now.name != old.name || now.type != old.type || now.constraints != old.constraints ||
                now.description != old.description || sc != c) {
                if (Result<void> added = changedColumns.add(
                        id, {now.name, text(now.type), jsonText(now.constraints), text(now.description), c});
                    !added)
                    return added;
            }
        }
        for (int sc = 0; sc < columnKept.size(); ++sc) {
            if (!columnKept[sc])
                goneColumns << beforeIds.value(sc);
        }
    }
    if (Result<void> deleted = deleteIds(scope, QStringLiteral("columns"), goneColumns, what); !deleted)
        return deleted;
    if (Result<void> flushed = renamedColumns.flush(); !flushed)
        return flushed;
    if (Result<void> flushed = changedColumns.flush(); !flushed)
        return flushed;
    QHash<qint64, int> tableIndex;
    for (int t = 0; t < tableCount; ++t)
        tableIndex.insert(tableIds[t], t);
    BatchInsert newColumns(
        scope.db,
        QStringLiteral("INSERT INTO columns (table_id, name, data_type, constraints, description, position)"),
        6, what, QStringLiteral("RETURNING id, table_id, position"), [&](const QSqlQuery &row) {
            columnIds[tableIndex.value(row.value(1).toLongLong())][row.value(2).toInt()] =
                row.value(0).toLongLong();
        });
    for (int t = 0; t < tableCount; ++t) {
        const Table &table = schema.tables[t];
        for (int c = 0; c < table.columns.size(); ++c) {
            if (storedColumn[t][c] >= 0)
                continue;
            const Column &column = table.columns[c];
            if (Result<void> added =
                    newColumns.add({tableIds[t], column.name, text(column.type), jsonText(column.constraints),
                                    text(column.description), c});
                !added)
                return added;
        }
    }
    if (Result<void> flushed = newColumns.flush(); !flushed)
        return flushed;

    // Samples: those that stay keep their ids; new ones are appended (samples are read back in id order).
    QList<qint64> goneSamples;
    BatchInsert newSamples(scope.db, QStringLiteral("INSERT INTO sample_data (column_id, value)"), 2, what);
    for (int t = 0; t < tableCount; ++t) {
        const Table &table = schema.tables[t];
        for (int c = 0; c < table.columns.size(); ++c) {
            const QStringList &samples = table.columns[c].samples;
            qsizetype firstNew = 0;
            const int s = storedTable[t];
            const int sc = storedColumn[t][c];
            if (sc >= 0) {
                auto [gone, from] = matchSamples(samples, edited.sampleIds.value(t).value(c),
                                                 stored.schema.tables[s].columns[sc].samples,
                                                 stored.sampleIds.value(s).value(sc));
                goneSamples << gone;
                firstNew = from;
            }
            for (qsizetype i = firstNew; i < samples.size(); ++i) {
                if (Result<void> added = newSamples.add({columnIds[t][c], text(samples[i])}); !added)
                    return added;
            }
        }
    }
    if (Result<void> deleted = deleteIds(scope, QStringLiteral("sample_data"), goneSamples, what); !deleted)
        return deleted;
    return newSamples.flush();
}

namespace {

Error staleSchema(qint64 id)
{
    return makeError(ErrorCode::Conflict,
                     QCoreApplication::translate("fabrica::SqlRepository",
                                                 "schema %1 was changed meanwhile; read it again and repeat "
                                                 "the change")
                         .arg(id));
}

} // namespace

Result<SchemaRecord> SqlRepository::writeSchema(Scope &scope, const Actor &actor, qint64 id,
                                                const StoredSchema &edited,
                                                std::optional<qint64> expectedRevision)
{
    QSqlDatabase &db = scope.db;
    const Schema &schema = edited.schema;
    // On PostgreSQL row-level security hides other users' schemas here already; the owner check is the
    // application's own wall (and the only one on SQLite).
    Result<Rows> head =
        query(db,
              QStringLiteral("SELECT s.user_id, u.username, s.created, s.revision FROM schemas s "
                             "JOIN users u ON u.id = s.user_id WHERE s.id = ?"),
              {id}, tr("cannot read the schema"));
    if (!head)
        return head.error();
    if (!head->next() || (!actor.admin && head->value(0).toLongLong() != actor.userId))
        return notFound(tr("no schema with id %1").arg(id));
    if (expectedRevision && head->value(3).toLongLong() != *expectedRevision)
        return staleSchema(id);
    SchemaRecord record;
    record.id = id;
    record.userId = head->value(0).toLongLong();
    record.owner = head->value(1).toString();
    record.created = utc(head->value(2));
    record.name = schema.name;
    record.description = schema.description;
    record.tables = int(schema.tables.size());
    record.referenceDate = schema.referenceDate;

    Result<Rows> taken =
        query(db, QStringLiteral("SELECT 1 FROM schemas WHERE user_id = ? AND name = ? AND id <> ?"),
              {record.userId, schema.name, id}, tr("cannot read the schemas"));
    if (!taken)
        return taken.error();
    if (taken->next())
        return makeError(ErrorCode::AlreadyExists,
                         tr("a schema called \"%1\" exists already").arg(schema.name));
    if (Result<void> unique = checkNamesUnique(schema); !unique)
        return unique.error();
    // The row stays (its runs and stored data reference it and would go with it); only its fields change.
    // This statement comes first: it locks the row on PostgreSQL, so a concurrent writer waits here and then
    // finds the revision raised (its update matches no row), and the parts read below are the current ones.
    QVariantList values{schema.name, text(schema.description), text(schema.locale), referenceDateText(schema),
                        id};
    if (expectedRevision)
        values << *expectedRevision;
    Result<Rows> updated = query(db,
                                 QStringLiteral("UPDATE schemas SET name = ?, description = ?, locale = ?, "
                                                "reference_date = ?, revision = revision + 1 "
                                                "WHERE id = ?%1 RETURNING revision")
                                     .arg(expectedRevision ? QStringLiteral(" AND revision = ?") : QString()),
                                 values, tr("cannot save the schema"));
    if (!updated)
        return updated.error();
    if (!updated->next())
        return expectedRevision ? staleSchema(id) : notFound(tr("no schema with id %1").arg(id));
    record.revision = updated->value(0).toLongLong();
    Result<StoredSchema> stored = readSchema(scope, actor, id);
    if (!stored)
        return stored.error();
    if (Result<void> parts = writeParts(scope, id, stored.value(), edited); !parts)
        return parts.error();
    return record;
}

Result<SchemaRecord> SqlRepository::updateSchema(const Actor &actor, qint64 id, const Schema &schema,
                                                 std::optional<qint64> expectedRevision)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    StoredSchema edited;
    edited.schema = schema;
    Result<SchemaRecord> record = writeSchema(**scope, actor, id, edited, expectedRevision);
    if (!record)
        return record.error();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return record;
}

Result<StoredSchema> SqlRepository::updateStoredSchema(const Actor &actor, const StoredSchema &edited,
                                                       std::optional<qint64> expectedRevision)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    const qint64 id = edited.record.id;
    if (Result<SchemaRecord> record = writeSchema(**scope, actor, id, edited, expectedRevision); !record)
        return record.error();
    Result<StoredSchema> stored = readSchema(**scope, actor, id);
    if (!stored)
        return stored.error();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return stored;
}

namespace {

const QString kSchemaRecordSql =
    QStringLiteral("SELECT s.id, s.user_id, u.username, s.name, s.description, s.created, "
                   "(SELECT count(*) FROM schema_tables t WHERE t.schema_id = s.id), s.revision, s.reference_date "
                   "FROM schemas s JOIN users u ON u.id = s.user_id");

SchemaRecord schemaRecordFrom(const SqlRepository::Rows &row)
{
    SchemaRecord record;
    record.id = row.value(0).toLongLong();
    record.userId = row.value(1).toLongLong();
    record.owner = row.value(2).toString();
    record.name = row.value(3).toString();
    record.description = row.value(4).toString();
    record.created = utc(row.value(5));
    record.tables = row.value(6).toInt();
    record.revision = row.value(7).toLongLong();
    record.referenceDate = QDate::fromString(row.value(8).toString(), Qt::ISODate);
    return record;
}

} // namespace

Result<QList<SchemaRecord>> SqlRepository::schemas(const Actor &actor)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    const QString sql = kSchemaRecordSql + QStringLiteral(" %1 ORDER BY s.name, s.id");
    Result<Rows> all = actor.admin
                           ? query((*scope)->db, sql.arg(QString()), {}, tr("cannot read the schemas"))
                           : query((*scope)->db, sql.arg(QStringLiteral("WHERE s.user_id = ?")),
                                   {actor.userId}, tr("cannot read the schemas"));
    if (!all)
        return all.error();
    QList<SchemaRecord> result;
    while (all->next())
        result << schemaRecordFrom(all.value());
    return result;
}

Result<SchemaRecord> SqlRepository::schemaRecord(const Actor &actor, qint64 id)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> found = query((*scope)->db, kSchemaRecordSql + QStringLiteral(" WHERE s.id = ?"), {id},
                               tr("cannot read the schema"));
    if (!found)
        return found.error();
    if (!found->next())
        return notFound(tr("no schema with id %1").arg(id));
    SchemaRecord record = schemaRecordFrom(found.value());
    if (!actor.admin && record.userId != actor.userId)
        return notFound(tr("no schema with id %1").arg(id));
    return record;
}

Result<StoredSchema> SqlRepository::readSchema(Scope &scope, const Actor &actor, qint64 id)
{
    QSqlDatabase &db = scope.db;
    Result<Rows> head = query(db,
                              QStringLiteral("SELECT s.name, s.description, s.locale, s.created, u.username, "
                                             "s.user_id, s.revision, s.reference_date FROM schemas s "
                                             "JOIN users u ON u.id = s.user_id WHERE s.id = ?"),
                              {id}, tr("cannot read the schema"));
    if (!head)
        return head.error();
    if (!head->next() || (!actor.admin && head->value(5).toLongLong() != actor.userId))
        return notFound(tr("no schema with id %1").arg(id));
    StoredSchema stored;
    Schema &schema = stored.schema;
    schema.name = head->value(0).toString();
    schema.description = head->value(1).toString();
    schema.locale = head->value(2).toString();
    schema.referenceDate = QDate::fromString(head->value(7).toString(), Qt::ISODate);
    schema.created = utc(head->value(3));
    schema.owner = head->value(4).toString();
    stored.record.id = id;
    stored.record.userId = head->value(5).toLongLong();
    stored.record.owner = schema.owner;
    stored.record.name = schema.name;
    stored.record.description = schema.description;
    stored.record.referenceDate = schema.referenceDate;
    stored.record.created = schema.created;
    stored.record.revision = head->value(6).toLongLong();

    Result<Rows> tables = query(db,
                                QStringLiteral("SELECT id, name, description, row_count FROM schema_tables "
                                               "WHERE schema_id = ? ORDER BY position"),
                                {id}, tr("cannot read the schema's tables"));
    if (!tables)
        return tables.error();
    while (tables->next()) {
        Table table;
        stored.tableIds << tables->value(0).toLongLong();
        table.name = tables->value(1).toString();
        table.description = tables->value(2).toString();
        table.rows = tables->value(3).toLongLong();
        schema.tables << table;
    }
    stored.record.tables = int(schema.tables.size());
    stored.columnIds.resize(schema.tables.size());
    stored.sampleIds.resize(schema.tables.size());
    // Three statements for the whole schema, whatever its size (not one per table and column).
    QHash<qint64, int> tableIndex;
    for (int t = 0; t < stored.tableIds.size(); ++t)
        tableIndex.insert(stored.tableIds[t], t);
    Result<Rows> columns =
        query(db,
              QStringLiteral("SELECT c.table_id, c.id, c.name, c.data_type, c.constraints, c.description "
                             "FROM columns c JOIN schema_tables t ON t.id = c.table_id WHERE t.schema_id = ? "
                             "ORDER BY t.position, c.position"),
              {id}, tr("cannot read the columns"));
    if (!columns)
        return columns.error();
    QHash<qint64, std::pair<int, int>> columnIndex; // column id → (table, column)
    while (columns->next()) {
        const int t = tableIndex.value(columns->value(0).toLongLong(), -1);
        if (t < 0)
            continue;
        Column column;
        column.name = columns->value(2).toString();
        column.type = columns->value(3).toString();
        column.constraints = jsonObject(columns->value(4));
        column.description = columns->value(5).toString();
        columnIndex.insert(columns->value(1).toLongLong(), {t, int(schema.tables[t].columns.size())});
        schema.tables[t].columns << column;
        stored.columnIds[t] << columns->value(1).toLongLong();
        stored.sampleIds[t] << QList<qint64>();
    }
    Result<Rows> samples = query(db,
                                 QStringLiteral("SELECT s.column_id, s.value, s.id FROM sample_data s "
                                                "JOIN columns c ON c.id = s.column_id "
                                                "JOIN schema_tables t ON t.id = c.table_id "
                                                "WHERE t.schema_id = ? ORDER BY s.id"),
                                 {id}, tr("cannot read the samples"));
    if (!samples)
        return samples.error();
    while (samples->next()) {
        const auto at = columnIndex.constFind(samples->value(0).toLongLong());
        if (at != columnIndex.constEnd()) {
            schema.tables[at->first].columns[at->second].samples << samples->value(1).toString();
            stored.sampleIds[at->first][at->second] << samples->value(2).toLongLong();
        }
    }
    return stored;
}

Result<Schema> SqlRepository::loadSchema(const Actor &actor, qint64 id)
{
    Result<StoredSchema> stored = storedSchema(actor, id);
    if (!stored)
        return stored.error();
    return std::move(stored.value().schema);
}

Result<StoredSchema> SqlRepository::storedSchema(const Actor &actor, qint64 id)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    return readSchema(**scope, actor, id);
}

Result<qint64> SqlRepository::partSchema(const Actor &actor, const QString &sql, qint64 id,
                                         const QString &missing)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> found = query((*scope)->db, sql, {id}, tr("cannot read the schema"));
    if (!found)
        return found.error();
    if (!found->next() || (!actor.admin && found->value(1).toLongLong() != actor.userId))
        return notFound(missing);
    return found->value(0).toLongLong();
}

Result<qint64> SqlRepository::tableSchema(const Actor &actor, qint64 tableId)
{
    return partSchema(actor,
                      QStringLiteral("SELECT t.schema_id, s.user_id FROM schema_tables t "
                                     "JOIN schemas s ON s.id = t.schema_id WHERE t.id = ?"),
                      tableId, tr("no table with id %1").arg(tableId));
}

Result<qint64> SqlRepository::columnSchema(const Actor &actor, qint64 columnId)
{
    return partSchema(actor,
                      QStringLiteral("SELECT t.schema_id, s.user_id FROM columns c "
                                     "JOIN schema_tables t ON t.id = c.table_id "
                                     "JOIN schemas s ON s.id = t.schema_id WHERE c.id = ?"),
                      columnId, tr("no column with id %1").arg(columnId));
}

Result<void> SqlRepository::deleteSchema(const Actor &actor, qint64 id,
                                         std::optional<qint64> expectedRevision)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    QString sql = QStringLiteral("DELETE FROM schemas WHERE id = ?");
    QVariantList values{id};
    if (!actor.admin) {
        sql += QStringLiteral(" AND user_id = ?");
        values << actor.userId;
    }
    if (expectedRevision) {
        sql += QStringLiteral(" AND revision = ?");
        values << *expectedRevision;
    }
    Result<Rows> deleted = query((*scope)->db, sql, values, tr("cannot delete the schema"));
    if (!deleted)
        return deleted.error();
    if (deleted->numRowsAffected() != 1) {
        if (expectedRevision) {
            // Still there for the actor, at another revision: stale, not missing.
            Result<StoredSchema> exists = readSchema(**scope, actor, id);
            if (exists)
                return staleSchema(id);
        }
        return notFound(tr("no schema with id %1").arg(id));
    }
    return (*scope)->commit();
}

// ---- runs ----

namespace {

RunRecord runFrom(const SqlRepository::Rows &query)
{
    RunRecord run;
    run.id = query.value(0).toLongLong();
    run.schemaId = query.value(1).toLongLong();
    run.userId = query.value(2).toLongLong();
    run.seed = query.value(3).toString().toULongLong();
    run.started = utc(query.value(4));
    run.finished = utc(query.value(5));
    run.status = runStatusFromId(query.value(6).toString()).value_or(RunRecord::Status::Failed);
    const QJsonObject counts = jsonObject(query.value(7));
    for (auto it = counts.begin(); it != counts.end(); ++it)
        run.rowCounts.insert(it.key(), qint64(it.value().toDouble()));
    run.target = query.value(8).toString();
    run.bytes = query.value(9).toLongLong();
    if (!query.value(10).isNull())
        run.request = query.value(10).toString().toUtf8();
    run.rowsDone = query.value(11).toLongLong();
    run.rowsTotal = query.value(12).toLongLong();
    run.claimedBy = query.value(13).toString();
    run.heartbeat = utc(query.value(14));
    run.cancelRequested = query.value(15).toBool();
    run.error = query.value(16).toString();
    return run;
}

const QString kRunColumns = QStringLiteral(
    "r.id, r.schema_id, r.user_id, r.seed, r.started, r.finished, r.status, r.row_counts, r.target, r.bytes, "
    "r.request, r.rows_done, r.rows_total, r.claimed_by, r.heartbeat, r.cancel_requested, r.error");

} // namespace

Result<RunRecord> SqlRepository::startRun(const Actor &actor, qint64 schemaId, quint64 seed,
                                          const QString &target)
{
    return insertRun(actor, schemaId, seed, target, RunRecord::Status::Running, {});
}

Result<RunRecord> SqlRepository::enqueueRun(const Actor &actor, qint64 schemaId, quint64 seed,
                                            const QString &target, const QByteArray &request)
{
    return insertRun(actor, schemaId, seed, target, RunRecord::Status::Queued, request);
}

Result<RunRecord> SqlRepository::insertRun(const Actor &actor, qint64 schemaId, quint64 seed,
                                           const QString &target, RunRecord::Status status,
                                           const QByteArray &request)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    Result<Rows> owner = query((*scope)->db, QStringLiteral("SELECT user_id FROM schemas WHERE id = ?"),
                               {schemaId}, tr("cannot read the schema"));
    if (!owner)
        return owner.error();
    if (!owner->next() || (!actor.admin && owner->value(0).toLongLong() != actor.userId))
        return notFound(tr("no schema with id %1").arg(schemaId));
    RunRecord run;
    run.schemaId = schemaId;
    run.userId = actor.system ? owner->value(0).toLongLong() : actor.userId;
    run.seed = seed;
    run.started = QDateTime::currentDateTimeUtc();
    run.status = status;
    run.target = target;
    run.request = request;
    Result<Rows> inserted = query(
        (*scope)->db,
        QStringLiteral("INSERT INTO generation_runs (schema_id, user_id, seed, started, status, row_counts, "
                       "target, request) VALUES (?, ?, ?, ?, ?, '{}', ?, ?) RETURNING id"),
        {schemaId, run.userId, QString::number(seed), timeValue(run.started), runStatusId(status), target,
         request.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(request))},
        tr("cannot record the run"));
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return makeError(ErrorCode::Database, tr("cannot record the run"));
    run.id = inserted->value(0).toLongLong();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return run;
}

QString SqlRepository::nowSql() const
{
    // SQLite's text matches timeValue()'s ISO form, so both compare in order.
    return m_database->dialect() == SqlDialect::PostgreSQL
               ? QStringLiteral("now()")
               : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
}

Result<std::optional<RunRecord>> SqlRepository::claimRun(const QString &instanceId)
{
    Result<std::unique_ptr<Scope>> scope = begin(Actor::systemActor());
    if (!scope)
        return scope.error();
    const QString claim = QStringLiteral("UPDATE generation_runs SET status = 'running', claimed_by = ?, "
                                         "heartbeat = %1, started = %1 WHERE id = ")
                              .arg(nowSql());
    qint64 claimed = 0;
    if (m_database->dialect() == SqlDialect::PostgreSQL) {
        // One statement: SKIP LOCKED lets concurrent claimers pass over a row another one is taking.
        Result<Rows> updated = query(
            (*scope)->db,
            claim + QStringLiteral("(SELECT id FROM generation_runs WHERE status = 'queued' ORDER BY id "
                                   "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id"),
            {instanceId}, tr("cannot claim a queued run"));
        if (!updated)
            return updated.error();
        if (updated->next())
            claimed = updated->value(0).toLongLong();
    } else {
        // SQLite: the transaction began IMMEDIATE, so no other writer runs between the select and the update.
        Result<Rows> oldest = query(
            (*scope)->db,
            QStringLiteral("SELECT id FROM generation_runs WHERE status = 'queued' ORDER BY id LIMIT 1"), {},
            tr("cannot claim a queued run"));
        if (!oldest)
            return oldest.error();
        if (oldest->next()) {
            claimed = oldest->value(0).toLongLong();
            Result<Rows> updated = query((*scope)->db, claim + QStringLiteral("? AND status = 'queued'"),
                                         {instanceId, claimed}, tr("cannot claim a queued run"));
            if (!updated)
                return updated.error();
            if (updated->numRowsAffected() != 1)
                claimed = 0;
        }
    }
    if (claimed == 0)
        return std::optional<RunRecord>();
    Result<Rows> found = query((*scope)->db,
                               QStringLiteral("SELECT ") + kRunColumns +
                                   QStringLiteral(" FROM generation_runs r WHERE r.id = ?"),
                               {claimed}, tr("cannot claim a queued run"));
    if (!found)
        return found.error();
    if (!found->next())
        return makeError(ErrorCode::Database, tr("cannot claim a queued run"));
    RunRecord run = runFrom(found.value());
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return std::optional<RunRecord>(run);
}

Result<bool> SqlRepository::updateRunProgress(const Actor &actor, qint64 runId, qint64 rowsDone,
                                              qint64 rowsTotal)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    if (Result<qint64> schema = runSchema(**scope, actor, runId); !schema)
        return schema.error();
    Result<Rows> updated =
        query((*scope)->db,
              QStringLiteral("UPDATE generation_runs SET rows_done = ?, rows_total = ?, heartbeat = %1 "
                             "WHERE id = ? AND status = 'running' RETURNING cancel_requested")
                  .arg(nowSql()),
              {rowsDone, rowsTotal, runId}, tr("cannot record the progress of run %1").arg(runId));
    if (!updated)
        return updated.error();
    const bool stop = !updated->next() || updated->value(0).toBool();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return stop;
}

Result<QMap<qint64, bool>> SqlRepository::heartbeatRuns(const QString &instanceId)
{
    Result<std::unique_ptr<Scope>> scope = begin(Actor::systemActor());
    if (!scope)
        return scope.error();
    Result<Rows> updated =
        query((*scope)->db,
              QStringLiteral("UPDATE generation_runs SET heartbeat = %1 WHERE claimed_by = ? "
                             "AND status = 'running' RETURNING id, cancel_requested")
                  .arg(nowSql()),
              {instanceId}, tr("cannot record that the runs are alive"));
    if (!updated)
        return updated.error();
    QMap<qint64, bool> running;
    while (updated->next())
        running.insert(updated->value(0).toLongLong(), updated->value(1).toBool());
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return running;
}

Result<RunRecord::Status> SqlRepository::cancelRun(const Actor &actor, qint64 runId)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    if (Result<qint64> schema = runSchema(**scope, actor, runId); !schema)
        return schema.error();
    Result<Rows> queued =
        query((*scope)->db,
              QStringLiteral("UPDATE generation_runs SET status = 'cancelled', finished = %1 "
                             "WHERE id = ? AND status = 'queued'")
                  .arg(nowSql()),
              {runId}, tr("cannot cancel run %1").arg(runId));
    if (!queued)
        return queued.error();
    RunRecord::Status status = RunRecord::Status::Cancelled;
    if (queued->numRowsAffected() != 1) {
        Result<Rows> running = query(
            (*scope)->db,
            QStringLiteral(
                "UPDATE generation_runs SET cancel_requested = TRUE WHERE id = ? AND status = 'running'"),
            {runId}, tr("cannot cancel run %1").arg(runId));
        if (!running)
            return running.error();
        if (running->numRowsAffected() != 1)
            return makeError(ErrorCode::Conflict, tr("run %1 has ended already").arg(runId));
        status = RunRecord::Status::Running;
    }
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return status;
}

Result<int> SqlRepository::failStaleRuns(int olderThanSeconds)
{
    Result<std::unique_ptr<Scope>> scope = begin(Actor::systemActor());
    if (!scope)
        return scope.error();
    const bool postgres = m_database->dialect() == SqlDialect::PostgreSQL;
    const QString before = postgres ? QStringLiteral("now() - make_interval(secs => ?)")
                                    : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)");
    const QVariant age = postgres ? QVariant(double(olderThanSeconds))
                                  : QVariant(QStringLiteral("-%1 seconds").arg(olderThanSeconds));
    // Runs started directly (no claimed_by) belong to a surface that records their end itself.
    Result<Rows> failed =
        query((*scope)->db,
              QStringLiteral(
                  "UPDATE generation_runs SET status = 'failed', finished = %1, error = ? WHERE status = "
                  "'running' AND claimed_by IS NOT NULL AND heartbeat < %2")
                  .arg(nowSql(), before),
              {tr("the instance running it stopped answering"), age}, tr("cannot fail the stale runs"));
    if (!failed)
        return failed.error();
    if (Result<void> committed = (*scope)->commit(); !committed)
        return committed.error();
    return failed->numRowsAffected();
}

Result<QMap<RunRecord::Status, qint64>> SqlRepository::runStatusCounts()
{
    Result<std::unique_ptr<Scope>> scope = begin(Actor::systemActor(), Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> counted =
        query((*scope)->db, QStringLiteral("SELECT status, count(*) FROM generation_runs GROUP BY status"),
              {}, tr("cannot count the runs"));
    if (!counted)
        return counted.error();
    QMap<RunRecord::Status, qint64> counts;
    while (counted->next()) {
        if (const std::optional<RunRecord::Status> status = runStatusFromId(counted->value(0).toString()))
            counts.insert(*status, counted->value(1).toLongLong());
    }
    return counts;
}

Result<qint64> SqlRepository::runSchema(Scope &scope, const Actor &actor, qint64 runId)
{
    Result<Rows> found =
        query(scope.db, QStringLiteral("SELECT schema_id, user_id FROM generation_runs WHERE id = ?"),
              {runId}, tr("cannot read the run"));
    if (!found)
        return found.error();
    if (!found->next() || (!actor.admin && found->value(1).toLongLong() != actor.userId))
        return notFound(tr("no run with id %1").arg(runId));
    return found->value(0).toLongLong();
}

Result<void> SqlRepository::finishRun(const Actor &actor, qint64 runId, RunRecord::Status status,
                                      const QMap<QString, qint64> &rowCounts, qint64 bytes,
                                      const QString &error)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    if (Result<qint64> schema = runSchema(**scope, actor, runId); !schema)
        return schema.error();
    QJsonObject counts;
    qint64 rows = 0;
    for (auto it = rowCounts.begin(); it != rowCounts.end(); ++it) {
        counts.insert(it.key(), double(it.value()));
        rows += it.value();
    }
    // A finished run's progress is complete whatever the last progress write said.
    const QString progress = status == RunRecord::Status::Finished
                                 ? QStringLiteral(", rows_done = %1, rows_total = %1").arg(rows)
                                 : QString();
    Result<Rows> updated = query(
        (*scope)->db,
        QStringLiteral("UPDATE generation_runs SET status = ?, finished = ?, row_counts = ?, bytes = ?, "
                       "error = ?%1 WHERE id = ? AND status IN ('running', 'queued')")
            .arg(progress),
        {runStatusId(status), timeValue(QDateTime::currentDateTimeUtc()), jsonText(counts), bytes,
         text(error), runId},
        tr("cannot record the end of the run"));
    if (!updated)
        return updated.error();
    return (*scope)->commit();
}

Result<QList<RunRecord>> SqlRepository::runs(const Actor &actor, qint64 schemaId)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    // schemaId 0 asks for every schema's runs: "? = 0 OR" keeps it one prepared statement.
    const QString sql =
        QStringLiteral("SELECT ") + kRunColumns +
        QStringLiteral(" FROM generation_runs r WHERE (? = 0 OR r.schema_id = ?) %1 ORDER BY r.id");
    Result<Rows> all = actor.admin ? query((*scope)->db, sql.arg(QString()), {schemaId, schemaId},
                                           tr("cannot read the runs"))
                                   : query((*scope)->db, sql.arg(QStringLiteral("AND r.user_id = ?")),
                                           {schemaId, schemaId, actor.userId}, tr("cannot read the runs"));
    if (!all)
        return all.error();
    QList<RunRecord> result;
    while (all->next())
        result << runFrom(all.value());
    return result;
}

Result<RunRecord> SqlRepository::run(const Actor &actor, qint64 runId)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    Result<Rows> found = query((*scope)->db,
                               QStringLiteral("SELECT ") + kRunColumns +
                                   QStringLiteral(" FROM generation_runs r WHERE r.id = ?"),
                               {runId}, tr("cannot read the run"));
    if (!found)
        return found.error();
    if (!found->next())
        return notFound(tr("no run with id %1").arg(runId));
    RunRecord record = runFrom(found.value());
    if (!actor.admin && record.userId != actor.userId)
        return notFound(tr("no run with id %1").arg(runId));
    return record;
}

Result<void> SqlRepository::deleteRun(const Actor &actor, qint64 runId)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor);
    if (!scope)
        return scope.error();
    if (Result<qint64> schema = runSchema(**scope, actor, runId); !schema)
        return schema.error();
    // generated_data goes with it (ON DELETE CASCADE); a running run is still being written.
    Result<Rows> deleted = query(
        (*scope)->db, QStringLiteral("DELETE FROM generation_runs WHERE id = ? AND status <> 'running'"),
        {runId}, tr("cannot delete the run"));
    if (!deleted)
        return deleted.error();
    if (deleted->numRowsAffected() != 1)
        return makeError(ErrorCode::Conflict, tr("run %1 is still running; cancel it first").arg(runId));
    return (*scope)->commit();
}

Result<StoredRows> SqlRepository::storedRows(const Actor &actor, qint64 runId, const QString &table,
                                             qint64 firstRow, int limit)
{
    Result<std::unique_ptr<Scope>> scope = begin(actor, Transaction::Access::Read);
    if (!scope)
        return scope.error();
    QSqlDatabase &db = (*scope)->db;
    Result<qint64> schemaId = runSchema(**scope, actor, runId);
    if (!schemaId)
        return schemaId.error();
    // The column order is the stored schema's.
    Result<Rows> columns = query(db,
                                 QStringLiteral("SELECT c.name FROM columns c JOIN schema_tables t "
                                                "ON t.id = c.table_id WHERE t.schema_id = ? AND t.name = ? "
                                                "ORDER BY c.position"),
                                 {*schemaId, table}, tr("cannot read the columns"));
    if (!columns)
        return columns.error();
    StoredRows rows;
    QHash<QString, int> position;
    while (columns->next()) {
        position.insert(columns->value(0).toString(), int(rows.columns.size()));
        rows.columns << columns->value(0).toString();
    }
    if (rows.columns.isEmpty())
        return notFound(tr("the run's schema has no table \"%1\"").arg(table));
    Result<Rows> values =
        query(db,
              QStringLiteral("SELECT row_index, column_name, value FROM generated_data WHERE run_id = ? "
                             "AND table_name = ? AND row_index >= ? AND row_index < ? ORDER BY row_index"),
              {runId, table, firstRow, firstRow + qMax(0, limit)}, tr("cannot read the stored rows"));
    if (!values)
        return values.error();
    while (values->next()) {
        const qint64 row = values->value(0).toLongLong();
        if (rows.rowIndexes.isEmpty() || rows.rowIndexes.back() != row) {
            rows.rowIndexes << row;
            rows.rows << QList<std::optional<QString>>(rows.columns.size());
        }
        const int column = position.value(values->value(1).toString(), -1);
        if (column >= 0 && !values->value(2).isNull())
            rows.rows.back()[column] = values->value(2).toString();
    }
    return rows;
}

} // namespace fabrica
