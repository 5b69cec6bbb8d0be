#include "PostgresGeneratedDataSink.h"

#include "CopyText.h"
#include "generate/TextFormat.h"

namespace fabrica {

// PostgreSQL refuses COPY into a table under row-level security, so the rows go into a temporary table
// first and then into generated_data with one INSERT … SELECT, which the policies check.
const QString kColumns = QStringLiteral("run_id, schema_id, table_name, column_name, row_index, value");

Result<void> PostgresGeneratedDataSink::start()
{
    if (Result<void> staged = Database::exec(
            db(), QStringLiteral(
                      "CREATE TEMPORARY TABLE fabrica_staged_data (run_id bigint, schema_id bigint, "
                      "table_name text, column_name text, row_index bigint, value text) ON COMMIT DROP"));
        !staged)
        return staged;
    Result<PostgresCopy> copy = PostgresCopy::start(db(), QStringLiteral("COPY fabrica_staged_data (") +
                                                              kColumns + QStringLiteral(") FROM STDIN"));
    if (!copy)
        return copy.error();
    m_copy.emplace(std::move(copy.value()));
    return {};
}

void PostgresGeneratedDataSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const TablePlan &table = plan().tables()[std::size_t(chunk.table)];
    ByteBuffer prefix; // "run\tschema\ttable\t"
    text::appendInt(prefix, runId());
    prefix.push_back('\t');
    text::appendInt(prefix, schemaId());
    prefix.push_back('\t');
    copytext::append(table.name.toStdString(), prefix);
    prefix.push_back('\t');
    for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
        const ColumnChunk &column = chunk.columns[c];
        ByteBuffer columnPrefix = prefix;
        copytext::append(table.columns[c].name.toStdString(), columnPrefix);
        columnPrefix.push_back('\t');
        for (int row = 0; row < chunk.rows; ++row) {
            out.append(columnPrefix.view());
            text::appendInt(out, chunk.firstRow + row);
            out.push_back('\t');
            if (column.isNull(row))
                out.append(std::string_view("\\N"));
            else
                copytext::append(column.value(row), out);
            out.push_back('\n');
        }
    }
}

Result<void> PostgresGeneratedDataSink::write(const TableChunk &chunk, std::string_view encoded)
{
    if (Result<void> sent = m_copy->put(encoded); !sent)
        return sent;
    count(chunk, qint64(encoded.size()));
    return {};
}

Result<void> PostgresGeneratedDataSink::complete()
{
    Result<qint64> copied = m_copy->finish();
    m_copy.reset();
    if (!copied)
        return copied.error();
    return Database::exec(db(), QStringLiteral("INSERT INTO generated_data (") + kColumns +
                                    QStringLiteral(") SELECT ") + kColumns +
                                    QStringLiteral(" FROM fabrica_staged_data"));
}

void PostgresGeneratedDataSink::cancel()
{
    if (m_copy)
        m_copy->abort("cancelled");
    m_copy.reset();
}

} // namespace fabrica
