#pragma once

#include <QCoreApplication>

#include "GeneratedDataSink.h"

#include <QSqlQuery>

#include <optional>

namespace fabrica {

// generated_data on SQLite: one prepared INSERT executed per value inside the run's transaction.
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
};

} // namespace fabrica
