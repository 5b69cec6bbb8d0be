#include "SqliteGeneratedDataSink.h"

namespace fabrica {

Result<void> SqliteGeneratedDataSink::start()
{
    m_insert.emplace(db());
    if (!m_insert->prepare(QStringLiteral("INSERT INTO generated_data "
                                          "(run_id, schema_id, table_name, column_name, row_index, value) "
                                          "VALUES (?, ?, ?, ?, ?, ?)")))
        return Database::error(m_insert->lastError(), tr("cannot store the generated data"));
    m_sinceCommit.start();
    return {};
}

Result<void> SqliteGeneratedDataSink::write(const TableChunk &chunk, std::string_view)
{
    const TablePlan &table = plan().tables()[std::size_t(chunk.table)];
    qint64 bytes = 0;
    m_insert->bindValue(0, runId());
    m_insert->bindValue(1, schemaId());
    m_insert->bindValue(2, table.name);
    for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
        const ColumnChunk &column = chunk.columns[c];
        m_insert->bindValue(3, table.columns[c].name);
        for (int row = 0; row < chunk.rows; ++row) {
            m_insert->bindValue(4, chunk.firstRow + row);
            if (column.isNull(row)) {
                m_insert->bindValue(5, QVariant(QMetaType::fromType<QString>()));
            } else {
                const std::string_view value = column.value(row);
                bytes += qint64(value.size());
                m_insert->bindValue(5, QString::fromUtf8(value.data(), qsizetype(value.size())));
            }
            if (!m_insert->exec())
                return Database::error(
                    m_insert->lastError(),
                    tr("cannot store row %1 of table %2").arg(chunk.firstRow + row + 1).arg(table.name));
        }
    }
    count(chunk, bytes);
    // SQLite's lock is not fair: a waiting writer polls it (every 100 ms at most, 5 s in all) and would
    // never catch a lock taken again at once. So every second the run commits and leaves the lock free a
    // little longer than one poll, about a tenth of its time.
    constexpr qint64 kCommitEveryMs = 1000;
    constexpr std::chrono::milliseconds kFreeFor{120};
    if (m_sinceCommit.elapsed() >= kCommitEveryMs) {
        m_insert->finish();
        if (Result<void> committed = checkpoint(kFreeFor); !committed)
            return committed;
        m_sinceCommit.start();
    }
    return {};
}

} // namespace fabrica
