#pragma once

#include <QCoreApplication>

#include "GeneratedDataSink.h"
#include "PostgresCopy.h"

#include <optional>

namespace fabrica {

// generated_data on PostgreSQL: one COPY for the whole run; the COPY text of each chunk is made on the
// worker threads.
class PostgresGeneratedDataSink : public GeneratedDataSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PostgresGeneratedDataSink)

public:
    using GeneratedDataSink::GeneratedDataSink;

    void encode(const TableChunk &chunk, ByteBuffer &out) const override;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;

protected:
    Result<void> start() override;
    Result<void> complete() override;
    void cancel() override;

private:
    std::optional<PostgresCopy> m_copy;
};

} // namespace fabrica
