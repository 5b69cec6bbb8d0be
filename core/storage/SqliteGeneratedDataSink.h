#pragma once

#include <QCoreApplication>

#include "GeneratedDataSink.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <optional>

namespace fabrica {

// generated_data on SQLite: one prepared INSERT executed per value, committed every second with a
// pause so SQLite's one write lock is never held for a whole run.
class SqliteGeneratedDataSink : public GeneratedDataSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SqliteGeneratedDataSink)

public:
    using GeneratedDataSink::GeneratedDataSink;

    void encode(const TableChunk &, ByteBuffer &) const override {}
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;

protected:
    Result<void> start() override;
    Result<void> complete() override { return {}; }
    void cancel() override { m_insert.reset(); }

private:
    std::optional<QSqlQuery> m_insert;
    QElapsedTimer m_sinceCommit;
};

} // namespace fabrica
