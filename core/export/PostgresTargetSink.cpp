#include "PostgresTargetSink.h"

#include "DelimitedRows.h"
#include "common/Logging.h"
#include "generate/TextFormat.h"
#include "sql/SqlIdentifier.h"
#include "storage/CopyText.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>

namespace fabrica {

Result<void> PostgresTargetSink::prepare()
{
    m_timer.start();
    m_layouts.clear();
    m_triggersOff.clear();
    m_sequences.clear();
    // Notices (a long name cut to 63 bytes) would go to the terminal.
    if (Result<void> quiet = exec("SET LOCAL client_min_messages = warning"); !quiet)
        return quiet;
    if (!options().schema.isEmpty()) {
        const std::string schema = ddl().quote(options().schema);
        // Created only when missing: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even
        // when the schema is there, and a role may own tables in a schema without that right.
        QSqlQuery exists(connection());
        exists.prepare(QStringLiteral("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?"));
        exists.addBindValue(SqlIdentifier::postgresTruncated(options().schema));
        if (!exists.exec())
            return Database::error(exists.lastError(), tr("cannot look for the schema"));
        if (!exists.next()) {
            if (Result<void> created = exec("CREATE SCHEMA " + schema); !created)
                return created;
        }
        exists.finish();
        // Only for this transaction: the connection may serve others afterwards.
        if (Result<void> path = exec("SET LOCAL search_path TO " + schema); !path)
            return path;
    }
    return {};
}

Result<void> PostgresTargetSink::ready()
{
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        const TablePlan &table = plan().tables()[std::size_t(t)];
        Layout layout;
        layout.columns = writtenColumns(t);
        layout.copy = "COPY " + ddl().quote(table.name) + " (";
        for (std::size_t i = 0; i < layout.columns.size(); ++i)
            layout.copy.append(i > 0 ? ", " : "")
                .append(ddl().quote(table.columns[std::size_t(layout.columns[i])].name));
        for (const ColumnPlan &column : table.columns) {
            // Numbers, and columns whose every possible byte is harmless (dates, UUIDs), go in unscanned.
            const std::string_view alphabet = column.generator->alphabet();
            layout.plain.push_back(column.generator->valueClass() == ValueClass::Number ||
                                   (!alphabet.empty() && copytext::isPlain(alphabet)));
        }
        layout.copy.append(") FROM STDIN");
        m_layouts.push_back(std::move(layout));
    }
    return {};
}

Result<QList<DatabaseSink::TargetColumn>> PostgresTargetSink::targetColumns(int table)
{
    // pg_attribute rather than information_schema: it tells identity ALWAYS from BY DEFAULT and sees
    // generated columns on every version that has them.
    QSqlQuery query(connection());
    query.prepare(QStringLiteral(
        "SELECT a.attname, a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated, "
        // The column's own sequence, or the one its DEFAULT nextval(…) uses without owning it.
        "COALESCE(pg_catalog.pg_get_serial_sequence(pg_catalog.quote_ident(n.nspname) || '.' || "
        "pg_catalog.quote_ident(c.relname), a.attname), (SELECT CAST(CAST(d.refobjid AS regclass) AS text) "
        "FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_depend d ON d.classid = "
        "CAST('pg_catalog.pg_attrdef' AS regclass) AND d.objid = ad.oid AND d.refclassid = "
        "CAST('pg_catalog.pg_class' AS regclass) JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND "
        "s.relkind = 'S' WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum LIMIT 1)) "
        "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
        "ORDER BY a.attnum"));
    query.addBindValue(SqlIdentifier::postgresTruncated(plan().tables()[std::size_t(table)].name));
    if (!query.exec())
        return Database::error(query.lastError(),
                               tr("cannot read the columns of table %1").arg(tableName(table)));
    QList<TargetColumn> columns;
    while (query.next()) {
        TargetColumn column;
        column.name = query.value(0).toString();
        column.notNull = query.value(1).toBool();
        const QString identity = query.value(3).toString();
        column.generated = !query.value(4).toString().isEmpty();
        column.identityAlways = identity == QLatin1String("a");
        column.hasDefault = query.value(2).toBool() || !identity.isEmpty() || column.generated;
        columns.append(column);
        if (!query.value(5).isNull())
            m_sequences.append(Sequence{table, column.name, query.value(5).toString()});
    }
    return columns;
}

Result<void> PostgresTargetSink::relaxForeignKeys(const QList<int> &existing)
{
    if (existing.isEmpty())
        return {};
    // The target's own foreign keys between the plan's existing tables, whatever the plan declares: a key
    // from a table loaded earlier to one loaded later fails at the first row unless its check waits.
    // A partition's key counts as its partitioned table's (pg_dump declares them on the partitions).
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral(
            "SELECT k.conname, child.relname, parent.relname, k.condeferrable, own.relname "
            "FROM pg_catalog.pg_constraint k "
            "JOIN pg_catalog.pg_class own ON own.oid = k.conrelid "
            "JOIN pg_catalog.pg_class child ON child.oid = "
            "COALESCE(pg_catalog.pg_partition_root(k.conrelid), "
            "k.conrelid) "
            "JOIN pg_catalog.pg_class parent ON parent.oid = "
            "COALESCE(pg_catalog.pg_partition_root(k.confrelid), "
            "k.confrelid) "
            "JOIN pg_catalog.pg_namespace n ON n.oid = own.relnamespace "
            "WHERE k.contype = 'f' AND n.nspname = current_schema() AND parent.relnamespace = n.oid")))
        return Database::error(query.lastError(), tr("cannot read the foreign keys of the target schema"));
    QHash<QString, int> index;
    for (const int t : existing)
        index.insert(SqlIdentifier::postgresTruncated(plan().tables()[std::size_t(t)].name), t);
    bool defer = false;
    QStringList blocking;
    QStringList relations; // where the checking triggers are: the tables, or their partitions
    while (query.next()) {
        const int child = index.value(query.value(1).toString(), -1);
        const int parent = index.value(query.value(2).toString(), -1);
        if (child < 0 || parent < 0 || parent <= child)
            continue;
        if (query.value(3).toBool()) {
            defer = true;
        } else {
            blocking
                << tr("%1 on %2 → %3").arg(query.value(0).toString(), tableName(child), tableName(parent));
            if (!relations.contains(query.value(4).toString()))
                relations << query.value(4).toString();
        }
    }
    query.finish();
    if (defer) {
        // Checked at COMMIT instead, when every table is loaded.
        if (Result<void> deferred = exec("SET CONSTRAINTS ALL DEFERRED"); !deferred)
            return deferred;
    }
    if (blocking.isEmpty())
        return {};
    if (!options().disableTriggers)
        return makeError(ErrorCode::Validation,
                         tr("the target's foreign keys %1 form a cycle with the load order and are not "
                            "DEFERRABLE, so the first rows would break them; nothing was written. Make "
                            "them DEFERRABLE, or load with --disable-triggers (the tables' owner or a "
                            "superuser; the keys are not checked for this load)")
                             .arg(blocking.join(QLatin1String(", "))));
    blocking.removeDuplicates();
    for (const QString &relation : std::as_const(relations)) {
        if (Result<void> off = exec("ALTER TABLE " + ddl().quote(relation) + " DISABLE TRIGGER ALL"); !off)
            return makeError(ErrorCode::Database,
                             tr("cannot disable the triggers of table \"%1\" (--disable-triggers needs its "
                                "owner or a superuser): %2")
                                 .arg(relation, off.error().message));
        m_triggersOff << relation;
    }
    qCDebug(lcExport) << "triggers disabled for the load on" << m_triggersOff.size() << "tables";
    return {};
}

Result<QList<int>> PostgresTargetSink::existingTables()
{
    // Everything in pg_class shares one namespace: a view or a sequence of the same name blocks a table too.
    QSqlQuery query(connection());
    if (!query.exec(
            QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                           "ON n.oid = c.relnamespace WHERE n.nspname = current_schema()")))
        return Database::error(query.lastError(), tr("cannot list the tables of the target schema"));
    QSet<QString> names;
    while (query.next())
        names.insert(query.value(0).toString());
    QList<int> existing;
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        // The server keeps the first 63 bytes of a longer name.
        if (names.contains(SqlIdentifier::postgresTruncated(plan().tables()[std::size_t(t)].name)))
            existing << t;
    }
    return existing;
}

Result<void> PostgresTargetSink::emptyTables(const QList<int> &tables)
{
    // One statement: tables that reference each other can only be truncated together.
    std::string sql = "TRUNCATE TABLE ";
    for (qsizetype i = 0; i < tables.size(); ++i)
        sql.append(i > 0 ? ", " : "").append(ddl().quote(plan().tables()[std::size_t(tables[i])].name));
    return exec(sql);
}

Result<void> PostgresTargetSink::createTable(int table)
{
    // Without keys: loading first and building each index once at the end is several times faster.
    return exec(ddl().createTable(table, false));
}

Result<void> PostgresTargetSink::completeTables()
{
    // Primary and unique keys first: every foreign key needs the key it references.
    const qint64 start = m_timer.elapsed();
    // Before COMMIT, so the tables never stay without their checks.
    for (const QString &relation : std::as_const(m_triggersOff)) {
        if (Result<void> on = exec("ALTER TABLE " + ddl().quote(relation) + " ENABLE TRIGGER ALL"); !on)
            return on;
    }
    m_triggersOff.clear();
    for (const Sequence &sequence : std::as_const(m_sequences)) {
        const std::vector<int> &written = writtenColumns(sequence.table);
        const TablePlan &table = plan().tables()[std::size_t(sequence.table)];
        const bool loaded = std::any_of(written.begin(), written.end(), [&](int c) {
            return table.columns[std::size_t(c)].name == sequence.column;
        });
        if (!loaded || table.rows == 0)
            continue; // the database numbered the rows itself
        // Never backwards: the sequence may already be past the largest key.
        QSqlQuery advance(connection());
        advance.prepare(QString::fromStdString(
            "SELECT pg_catalog.setval(CAST(? AS regclass), GREATEST((SELECT max(" +
            ddl().quote(sequence.column) + ") FROM " + ddl().quote(table.name) +
            "), COALESCE(pg_catalog.pg_sequence_last_value(CAST(? AS regclass)), 1)))"));
        advance.addBindValue(sequence.sequence);
        advance.addBindValue(sequence.sequence);
        if (!advance.exec())
            return Database::error(
                advance.lastError(),
                tr("cannot advance the sequence of %1.%2").arg(tableName(sequence.table), sequence.column));
    }
    for (const bool foreign : {false, true}) {
        for (int t = 0; t < int(plan().tables().size()); ++t) {
            if (!created(t) || (foreign && !options().foreignKeys))
                continue;
            for (const std::string &statement : foreign ? ddl().addForeignKeys(t) : ddl().addKeys(t)) {
                if (Result<void> added = exec(statement); !added)
                    return makeError(
                        ErrorCode::Database,
                        tr("cannot add the keys of table %1: %2").arg(tableName(t), added.error().message));
            }
        }
    }
    qCDebug(lcExport) << "keys added in" << m_timer.elapsed() - start << "ms";
    return {};
}

Result<void> PostgresTargetSink::beginTable(int table)
{
    Result<PostgresCopy> copy =
        PostgresCopy::start(connection(), QString::fromStdString(m_layouts[std::size_t(table)].copy));
    if (!copy)
        return makeError(copy.error().code,
                         tr("cannot load table %1: %2").arg(tableName(table), copy.error().message));
    m_copy.emplace(std::move(copy).value());
    m_rowsSent = 0;
    return {};
}

void PostgresTargetSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const Layout &layout = m_layouts[std::size_t(chunk.table)];
    static const DelimitedEscaping escaping{copytext::specialBytes(), false};
    appendDelimitedRows(
        chunk, layout.columns, '\t', "\\N", "\n", layout.plain, escaping,
        [](std::string_view value, char *at) { return copytext::write(value, at); }, out);
}

Result<void> PostgresTargetSink::write(const TableChunk &chunk, std::string_view encoded)
{
    if (Result<void> sent = m_copy->put(encoded); !sent)
        return makeError(sent.error().code,
                         tr("cannot load table %1: %2").arg(tableName(chunk.table), sent.error().message));
    addBytes(qint64(encoded.size()));
    m_rowsSent += chunk.rows;
    return {};
}

Result<void> PostgresTargetSink::endTable(int table)
{
    const Result<qint64> rows = m_copy->finish();
    m_copy.reset();
    qCDebug(lcExport) << "table" << tableName(table) << "copied," << m_timer.elapsed() << "ms after begin";
    if (!rows)
        return makeError(rows.error().code,
                         tr("cannot load table %1: %2").arg(tableName(table), rows.error().message));
    // What was sent: the table's rows, or a shard's part of them (GenerationRequest::shard).
    const qint64 expected = m_rowsSent;
    if (*rows != expected)
        return makeError(
            ErrorCode::Internal,
            tr("table %1 received %2 rows instead of %3").arg(tableName(table)).arg(*rows).arg(expected));
    return {};
}

void PostgresTargetSink::cancel()
{
    if (m_copy) {
        m_copy->abort("Fabrica stopped the load");
        m_copy.reset();
    }
}

} // namespace fabrica
