#pragma once

#include "JsonSink.h"

namespace fabrica {

// NDJSON (JSON Lines): one compact JSON object per row and line, one .ndjson file per table. A single
// file is accepted only for a one-table schema: the rows carry no table name, so tables could not be
// told apart.
class NdjsonSink : public JsonSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::NdjsonSink)

public:
    explicit NdjsonSink(ExportOptions options);

    Result<void> begin(const Plan &plan) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;

protected:
    QString extension() const override;
    std::string fileHeader(const Plan &) const override { return {}; }
    std::string fileFooter(const Plan &) const override { return {}; }
    std::string tableHeader(const TablePlan &, bool) const override { return {}; }
    std::string tableFooter(const TablePlan &) const override { return {}; }
};

} // namespace fabrica
