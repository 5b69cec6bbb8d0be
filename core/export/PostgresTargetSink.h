#pragma once

#include "DatabaseSink.h"
#include "storage/PostgresCopy.h"

#include <QElapsedTimer>

#include <optional>
#include <string>
#include <vector>

namespace fabrica {

// Loads a plan into PostgreSQL the way PostgreSQL loads fastest: new tables are created without keys, each
// table's rows go in with one COPY … FROM STDIN (text format, encoded on the worker threads), and the
// primary keys, unique constraints and foreign keys are added at the end, all in one transaction.
class PostgresTargetSink : public DatabaseSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PostgresTargetSink)

public:
    using DatabaseSink::DatabaseSink;

    Result<void> beginTable(int table) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;
    Result<void> endTable(int table) override;

protected:
    Result<void> prepare() override;
    Result<QList<int>> existingTables() override;
    Result<void> emptyTables(const QList<int> &tables) override;
    Result<void> createTable(int table) override;
    Result<QList<TargetColumn>> targetColumns(int table) override;
    Result<void> relaxForeignKeys(const QList<int> &existing) override;
    Result<void> ready() override;
    Result<void> completeTables() override;
    void cancel() override;

private:
    struct Layout
    {
        std::string copy;         // COPY "t" ("a", "b") FROM STDIN
        std::vector<char> plain;  // per column: values never need escaping (numbers, known alphabets)
        std::vector<int> columns; // writtenColumns(): the plan's columns in the COPY's order
    };

    std::vector<Layout> m_layouts;
    QStringList m_triggersOff; // relations whose triggers this load disabled (Options::disableTriggers)
    struct Sequence
    {
        int table;
        QString column;
        QString sequence; // as pg_get_serial_sequence names it
    };
    // Serial and identity columns of existing tables: moved past the loaded keys before COMMIT, as a
    // restored dump's setval does, so the application's next INSERT gets a free number.
    QList<Sequence> m_sequences;
    std::optional<PostgresCopy> m_copy;
    qint64 m_rowsSent = 0; // of the table being copied, for the check against what the server received
    QElapsedTimer m_timer; // for the log: how long the copies and the keys take
};

} // namespace fabrica
