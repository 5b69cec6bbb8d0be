#include "MysqlTargetSink.h"

#include "common/Logging.h"
#include "storage/Database.h"

#include <QSet>
#include <QSqlError>

#include <cstring>

namespace fabrica {

namespace {

// encode()'s output: the UTF-8 size of the chunk's values (8 bytes), then per cell a tag and its payload.
enum Tag : char {
    TagNull,
    TagInteger, // 8 bytes: qint64 (booleans: MySQL's TRUE and FALSE are 1 and 0)
    TagText,    // 4 bytes: UTF-16 code units n, then 2n bytes
};

template<typename T> void put(ByteBuffer &out, T value)
{
    std::memcpy(out.grow(sizeof value), &value, sizeof value);
}

template<typename T> T take(const char *&in)
{
    T value;
    std::memcpy(&value, in, sizeof value);
    in += sizeof value;
    return value;
}

void putText(ByteBuffer &out, std::string_view utf8)
{
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    out.push_back(TagText);
    put(out, quint32(text.size()));
    out.append(reinterpret_cast<const char *>(text.utf16()), std::size_t(text.size()) * 2);
}

} // namespace

MysqlTargetSink::~MysqlTargetSink() = default;

Result<void> MysqlTargetSink::prepare()
{
    m_timer.start();
    m_classes.clear();
    m_forms.clear();
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        std::vector<ValueClass> classes;
        for (const ColumnPlan &column : plan().tables()[std::size_t(t)].columns)
            classes.push_back(column.generator->valueClass());
        m_classes.push_back(std::move(classes));
        m_forms.push_back(MysqlValueForm::forTable(plan(), t));
    }
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
        column.generated = extra.contains(QLatin1String("GENERATED")) || extra.contains(QLatin1String("VIRTUAL")) ||
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
    if (m_intoExisting)
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

std::string MysqlTargetSink::insertSql(int t, int rows) const
{
    const TablePlan &table = plan().tables()[std::size_t(t)];
    const std::vector<int> &columns = writtenColumns(t);
    std::string row = "(";
    for (std::size_t i = 0; i < columns.size(); ++i)
        row.append(i > 0 ? ", ?" : "?");
    row.append(")");
    std::string sql = "INSERT INTO " + ddl().quote(table.name) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql.append(i > 0 ? ", " : "").append(ddl().quote(table.columns[std::size_t(columns[i])].name));
    sql.append(") VALUES ");
    sql.reserve(sql.size() + std::size_t(rows) * (row.size() + 2));
    for (int r = 0; r < rows; ++r)
        sql.append(r > 0 ? ", " : "").append(row);
    return sql;
}

Result<void> MysqlTargetSink::beginTable(int table)
{
    if (Result<void> started = startRows(); !started)
        return started;
    const int columns = std::max<int>(1, int(writtenColumns(table).size()));
    m_table = table;
    m_batchRows = std::max(1, std::min(kBatchRows, kMaxParameters / columns));
    m_pending.clear();
    m_pending.reserve(std::size_t(m_batchRows) * std::size_t(columns));
    m_insert.reset();
    // A table smaller than one batch needs no statement of that size (endTable prepares the rest).
    if (plan().tables()[std::size_t(table)].rows >= m_batchRows) {
        m_insert = std::make_unique<QSqlQuery>(connection());
        if (!m_insert->prepare(QString::fromStdString(insertSql(table, m_batchRows))))
            return Database::error(m_insert->lastError(), tr("cannot load table %1").arg(tableName(table)));
    }
    return {};
}

void MysqlTargetSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const std::vector<ValueClass> &classes = m_classes[std::size_t(chunk.table)];
    const std::vector<MysqlValueForm::Kind> &forms = m_forms[std::size_t(chunk.table)];
    const std::vector<int> &written = writtenColumns(chunk.table);
    std::string scratch;
    qint64 bytes = 0;
    put(out, bytes); // filled in below
    for (int row = 0; row < chunk.rows; ++row) {
        for (const int c : written) {
            const ColumnChunk &column = chunk.columns[std::size_t(c)];
            if (column.isNull(row)) {
                out.push_back(TagNull);
                continue;
            }
            const std::string_view value = column.value(row);
            bytes += qint64(value.size());
            // A boolean bound as text ('true') is no number to a BOOLEAN (TINYINT) column in strict mode.
            if (classes[std::size_t(c)] == ValueClass::Boolean && (value == "true" || value == "false")) {
                out.push_back(TagInteger);
                put(out, qint64(value == "true" ? 1 : 0));
                continue;
            }
            // Numbers go as text too: the server converts them exactly, a double would round decimals.
            putText(out, MysqlValueForm::rewrite(forms[std::size_t(c)], value, scratch));
        }
    }
    std::memcpy(out.data(), &bytes, sizeof bytes);
}

Result<void> MysqlTargetSink::write(const TableChunk &chunk, std::string_view encoded)
{
    const std::size_t columns = writtenColumns(chunk.table).size();
    const char *in = encoded.data();
    addBytes(take<qint64>(in));
    for (int row = 0; row < chunk.rows; ++row) {
        for (std::size_t c = 0; c < columns; ++c) {
            switch (*in++) {
            case TagNull:
                m_pending.emplace_back();
                break;
            case TagInteger:
                m_pending.emplace_back(take<qint64>(in));
                break;
            default: {
                const auto size = take<quint32>(in);
                QString text(qsizetype(size), Qt::Uninitialized);
                std::memcpy(text.data(), in, std::size_t(size) * 2);
                in += std::size_t(size) * 2;
                m_pending.emplace_back(std::move(text));
            }
            }
        }
        if (m_insert && m_pending.size() == std::size_t(m_batchRows) * columns) {
            if (Result<void> inserted = flush(*m_insert); !inserted)
                return inserted;
        }
    }
    return {};
}

Result<void> MysqlTargetSink::flush(QSqlQuery &query)
{
    for (std::size_t i = 0; i < m_pending.size(); ++i)
        query.bindValue(int(i), m_pending[i]);
    m_pending.clear();
    if (!query.exec())
        return Database::error(query.lastError(), tr("cannot load table %1").arg(tableName(m_table)));
    return {};
}

Result<void> MysqlTargetSink::endTable(int table)
{
    const std::size_t columns = writtenColumns(table).size();
    Result<void> done;
    if (!m_pending.empty() && columns > 0) {
        const int rows = int(m_pending.size() / columns);
        QSqlQuery last(connection());
        if (!last.prepare(QString::fromStdString(insertSql(table, rows))))
            done = Database::error(last.lastError(), tr("cannot load table %1").arg(tableName(table)));
        else
            done = flush(last);
    }
    m_insert.reset();
    m_pending.clear();
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
    m_insert.reset();
    m_pending.clear();
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
