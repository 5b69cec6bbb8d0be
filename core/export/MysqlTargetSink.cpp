#include "MysqlTargetSink.h"

#include "common/Logging.h"
#include "storage/Database.h"

#include <QSet>
#include <QSqlError>

namespace fabrica {

MysqlTargetSink::MysqlTargetSink(std::shared_ptr<Database> database, Options options)
    : BoundRowsSink(std::move(database), std::move(options), kBatchRows, kMaxParameters)
{}

MysqlTargetSink::~MysqlTargetSink() = default;

Result<void> MysqlTargetSink::prepare()
{
    m_timer.start();
    learnValueClasses();
    m_forms.clear();
    for (int t = 0; t < int(plan().tables().size()); ++t)
        m_forms.push_back(MysqlValueForm::forTable(plan(), t));
    m_intoExisting = false;
    m_toEmpty.clear();
    m_rowsStarted = m_failed = m_ended = false;
    m_foreignKeyChecks.reset();
    return {};
}

Result<QList<int>> MysqlTargetSink::existingTables()
{
    // Tables and views share one namespace. Whether names differ by case depends on the server's
    // lower_case_table_names (0 on Linux: they do).
    QSqlQuery query(connection());
    if (!query.exec(
            QStringLiteral("SELECT table_name, @@lower_case_table_names FROM information_schema.tables "
                           "WHERE table_schema = DATABASE()")))
        return Database::error(query.lastError(), tr("cannot list the tables of the target database"));
    QSet<QString> names;
    bool folded = false;
    while (query.next()) {
        folded = query.value(1).toInt() != 0;
        names.insert(folded ? query.value(0).toString().toLower() : query.value(0).toString());
    }
    QList<int> existing;
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        const QString &name = plan().tables()[std::size_t(t)].name;
        if (names.contains(folded ? name.toLower() : name))
            existing << t;
    }
    if (!existing.isEmpty() && options().ifExists != IfExists::Fail) {
        m_intoExisting = true;
        // Existing tables keep their foreign keys; with checks off, rows go in whatever order the plan
        // writes them, cycles included. Only this session; ended() restores the setting.
        QSqlQuery checks(connection());
        if (checks.exec(QStringLiteral("SELECT @@SESSION.foreign_key_checks")) && checks.next())
            m_foreignKeyChecks = checks.value(0).toInt();
        if (Result<void> off = exec("SET SESSION FOREIGN_KEY_CHECKS = 0"); !off)
            return off.error();
    }
    return existing;
}

Result<QList<DatabaseSink::TargetColumn>> MysqlTargetSink::targetColumns(int table)
{
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT column_name, is_nullable, column_default, extra FROM "
                                 "information_schema.columns WHERE table_schema = DATABASE() AND "
                                 "table_name = ? ORDER BY ordinal_position"));
    query.addBindValue(plan().tables()[std::size_t(table)].name);
    if (!query.exec())
        return Database::error(query.lastError(),
                               tr("cannot read the columns of table %1").arg(tableName(table)));
    QList<TargetColumn> columns;
    while (query.next()) {
        TargetColumn column;
        column.name = query.value(0).toString();
        column.notNull = query.value(1).toString() == QLatin1String("NO");
        // EXTRA says "auto_increment", or "VIRTUAL GENERATED"/"STORED GENERATED" (MySQL), or "VIRTUAL"/
        // "PERSISTENT"/"STORED" (MariaDB) for computed columns, which may not be written.
        const QString extra = query.value(3).toString().toUpper();
        column.generated = extra.contains(QLatin1String("GENERATED")) ||
                           extra.contains(QLatin1String("VIRTUAL")) ||
                           extra.contains(QLatin1String("PERSISTENT")) || extra == QLatin1String("STORED");
        column.hasDefault =
            !query.value(2).isNull() || extra.contains(QLatin1String("AUTO_INCREMENT")) || column.generated;
        columns.append(column);
    }
    return columns;
}

Result<void> MysqlTargetSink::emptyTables(const QList<int> &tables)
{
    // Not TRUNCATE TABLE, which commits: a DELETE rolls back with the rest. It runs after the DDL
    // (startRows), which would commit it too.
    m_toEmpty = tables;
    return {};
}

Result<void> MysqlTargetSink::createTable(int table)
{
    return exec(ddl().createTable(table, true));
}

Result<void> MysqlTargetSink::startRows()
{
    if (m_rowsStarted)
        return {};
    m_rowsStarted = true;
    if (m_intoExisting) {
        // The new tables' foreign keys now, while they are empty: adding them later would commit the rows.
        for (int t = 0; t < int(plan().tables().size()); ++t) {
            if (!created(t))
                continue;
            for (const std::string &statement : ddl().addForeignKeys(t)) {
                if (Result<void> added = exec(statement); !added)
                    return makeError(
                        ErrorCode::Database,
                        tr("cannot add the keys of table %1: %2").arg(tableName(t), added.error().message));
            }
        }
    }
    // CREATE TABLE ended the transaction DatabaseSink began; the rows get one of their own.
    if (Result<void> started = exec("START TRANSACTION"); !started)
        return started;
    for (auto it = m_toEmpty.rbegin(); it != m_toEmpty.rend(); ++it) {
        if (Result<void> emptied = exec("DELETE FROM " + ddl().quote(plan().tables()[std::size_t(*it)].name));
            !emptied)
            return emptied;
    }
    return {};
}

Result<void> MysqlTargetSink::completeTables()
{
    if (Result<void> started = startRows(); !started)
        return started;
    if (m_intoExisting || !options().foreignKeys)
        return {};
    const qint64 start = m_timer.elapsed();
    // Every table is new: the foreign keys after the data. The server would check each one by copying the
    // whole table (ALGORITHM=COPY); an anti-join over the parent's key checks the same in a fraction of
    // the time, and with the session's checks off the keys are added in place. ALTER TABLE commits the
    // rows first; should anything fail, abort() drops the tables this load created.
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        if (Result<void> checked = checkForeignKeys(t); !checked)
            return checked;
    }
    int checks = 1;
    if (QSqlQuery query(connection());
        query.exec(QStringLiteral("SELECT @@SESSION.foreign_key_checks")) && query.next())
        checks = query.value(0).toInt();
    if (Result<void> off = exec("SET SESSION FOREIGN_KEY_CHECKS = 0"); !off)
        return off;
    Result<void> added;
    for (int t = 0; t < int(plan().tables().size()) && added; ++t) {
        // One statement per table: one pass over it for all its keys.
        std::string sql;
        const TablePlan &table = plan().tables()[std::size_t(t)];
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (!ddl().foreignKeyName(t, c).isEmpty())
                sql.append(sql.empty() ? "ALTER TABLE " + ddl().quote(table.name) + " ADD " : ", ADD ")
                    .append(ddl().foreignKey(t, c));
        }
        if (!sql.empty()) {
            if (Result<void> done = exec(sql); !done)
                added = makeError(
                    ErrorCode::Database,
                    tr("cannot add the keys of table %1: %2").arg(tableName(t), done.error().message));
        }
    }
    if (Result<void> on = exec("SET SESSION FOREIGN_KEY_CHECKS = " + std::to_string(checks)); !on && added)
        added = on;
    if (!added)
        return added;
    qCDebug(lcExport) << "foreign keys added in" << m_timer.elapsed() - start << "ms";
    return {};
}

Result<void> MysqlTargetSink::checkForeignKeys(int t)
{
    const TablePlan &table = plan().tables()[std::size_t(t)];
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnPlan &fk = table.columns[c];
        if (ddl().foreignKeyName(t, c).isEmpty())
            continue;
        const TablePlan &parent = plan().tables()[std::size_t(fk.parentTable)];
        // Aliases apart: a self-reference reads the same table twice.
        const std::string sql =
            "SELECT c." + ddl().quote(fk.name) + " FROM " + ddl().quote(table.name) + " AS c WHERE c." +
            ddl().quote(fk.name) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + ddl().quote(parent.name) +
            " AS p WHERE p." + ddl().quote(fk.parentColumn) + " = c." + ddl().quote(fk.name) + ") LIMIT 1";
        QSqlQuery query(connection());
        if (!query.exec(QString::fromStdString(sql)))
            return Database::error(query.lastError(),
                                   tr("cannot check the keys of table %1").arg(tableName(t)));
        if (query.next())
            return makeError(
                ErrorCode::Database,
                tr("cannot add the keys of table %1: %2 holds %3, which %4 does not have")
                    .arg(tableName(t), fk.name, query.value(0).toString(),
                         QLatin1Char('"') + parent.name + QLatin1String("\".") + fk.parentColumn));
    }
    return {};
}

Result<void> MysqlTargetSink::beginTable(int table)
{
    if (Result<void> started = startRows(); !started)
        return started;
    return BoundRowsSink::beginTable(table);
}

void MysqlTargetSink::encodeValue(int table, std::size_t column, ValueClass valueClass,
                                  std::string_view value, ByteBuffer &out) const
{
    // A boolean bound as text ('true') is no number to a BOOLEAN (TINYINT) column in strict mode.
    if (valueClass == ValueClass::Boolean && (value == "true" || value == "false"))
        return putInteger(out, value == "true" ? 1 : 0);
    // Numbers go as text too: the server converts them exactly, a double would round decimals.
    thread_local std::string scratch;
    putText(out, MysqlValueForm::rewrite(m_forms[std::size_t(table)][column], value, scratch));
}

Result<void> MysqlTargetSink::endTable(int table)
{
    Result<void> done = BoundRowsSink::endTable(table);
    qCDebug(lcExport) << "table" << tableName(table) << "inserted," << m_timer.elapsed() << "ms after begin";
    return done;
}

void MysqlTargetSink::dropCreatedTables()
{
    const QStringList created = createdTables();
    if (created.isEmpty())
        return;
    // One statement with checks off: the tables may reference each other in any order.
    std::string sql = "DROP TABLE IF EXISTS ";
    for (qsizetype i = 0; i < created.size(); ++i)
        sql.append(i > 0 ? ", " : "").append(ddl().quote(created[i]));
    (void)exec("SET SESSION FOREIGN_KEY_CHECKS = 0");
    if (Result<void> dropped = exec(sql); !dropped)
        qCWarning(lcExport) << "cannot drop the tables of a failed load:" << dropped.error().message;
    (void)exec("SET SESSION FOREIGN_KEY_CHECKS = " + std::to_string(m_foreignKeyChecks.value_or(1)));
}

void MysqlTargetSink::cancel()
{
    BoundRowsSink::cancel();
    m_failed = true;
    // The transaction ended already (COMMIT failed): nothing left to roll back before the drop.
    if (m_ended)
        dropCreatedTables();
}

void MysqlTargetSink::ended()
{
    m_ended = true;
    // After ROLLBACK, so that the DROP (which commits) cannot take the rolled-back rows with it.
    if (m_failed)
        dropCreatedTables();
    if (m_foreignKeyChecks) {
        (void)exec("SET SESSION FOREIGN_KEY_CHECKS = " + std::to_string(*m_foreignKeyChecks));
        m_foreignKeyChecks.reset();
    }
}

} // namespace fabrica
