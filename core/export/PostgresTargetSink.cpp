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
    for (int t = 0; t < int(plan().tables().size()); ++t) {
        const TablePlan &table = plan().tables()[std::size_t(t)];
        Layout layout;
        layout.copy = "COPY " + ddl().quote(table.name) + " (";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const Generator &generator = *table.columns[c].generator;
            layout.copy.append(c > 0 ? ", " : "").append(ddl().quote(table.columns[c].name));
            // Numbers, and columns whose every possible byte is harmless (dates, UUIDs), go in unscanned.
            const std::string_view alphabet = generator.alphabet();
            layout.plain.push_back(generator.valueClass() == ValueClass::Number ||
                                   (!alphabet.empty() && copytext::isPlain(alphabet)));
        }
        layout.copy.append(") FROM STDIN");
        m_layouts.push_back(std::move(layout));
    }

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
    for (const bool foreign : {false, true}) {
        for (int t = 0; t < int(plan().tables().size()); ++t) {
            if (!created(t))
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
    return {};
}

void PostgresTargetSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const Layout &layout = m_layouts[std::size_t(chunk.table)];
    appendDelimitedRows(
        chunk, '\t', "\\N", "\n", layout.plain,
        [](std::string_view value, char *at) { return copytext::write(value, at); }, out);
}

Result<void> PostgresTargetSink::write(const TableChunk &chunk, std::string_view encoded)
{
    if (Result<void> sent = m_copy->put(encoded); !sent)
        return makeError(sent.error().code,
                         tr("cannot load table %1: %2").arg(tableName(chunk.table), sent.error().message));
    addBytes(qint64(encoded.size()));
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
    const qint64 expected = plan().tables()[std::size_t(table)].rows;
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
