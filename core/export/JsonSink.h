#pragma once

#include "FileSink.h"

#include <vector>

namespace fabrica {

// JSON: with singleFile one object of tables ({"customers": [...], "orders": [...]}), otherwise one array
// of row objects per table file. Every row object sits on a line of its own, pretty or not, so outputs
// diff well and stream through line tools. Numbers, booleans and JSON values are written bare, text as
// escaped strings, NULL as null.
class JsonSink : public FileSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::JsonSink)

public:
    explicit JsonSink(ExportOptions options);

    Result<void> begin(const Plan &plan) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;

    // Appends value (UTF-8) as a JSON string, quotes included: '"', '\' and control characters escaped,
    // everything else kept as UTF-8.
    static void appendString(std::string_view value, ByteBuffer &out);
    static void appendString(std::string_view value, std::string &out);

protected:
    QString extension() const override;
    std::string fileHeader(const Plan &plan) const override;
    std::string fileFooter(const Plan &plan) const override;
    std::string tableHeader(const TablePlan &table, bool firstInFile) const override;
    std::string tableFooter(const TablePlan &table) const override;

    // Appends row `row` of chunk as one JSON object, without a line break.
    void appendRow(const TableChunk &chunk, int row, ByteBuffer &out) const;
    // Bytes a chunk will take, roughly, for reserving.
    std::size_t estimate(const TableChunk &chunk) const;

private:
    // Per table, built in begin() and only read afterwards, so encode() may run on any thread.
    struct Layout
    {
        std::vector<std::string> keys; // '"name":' with the separator before it for all but the first
        std::vector<ValueClass> classes;
        std::size_t keyBytes = 0;
    };

    std::vector<Layout> m_layouts;
};

} // namespace fabrica
