#pragma once

#include "FileSink.h"

#include <array>

namespace fabrica {

// CSV and TSV after RFC 4180: a header row, fields quoted only where needed, NULL as the null text
// (empty by default, in which case an empty string is written as "" to tell the two apart), and an
// optional guard against formula injection in spreadsheets.
class CsvSink : public FileSink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::CsvSink)

public:
    explicit CsvSink(ExportOptions options);

    Result<void> begin(const Plan &plan) override;
    void encode(const TableChunk &chunk, ByteBuffer &out) const override;

protected:
    QString extension() const override;
    std::string tableHeader(const TablePlan &table, bool firstInFile) const override;

private:
    void field(std::string_view value, bool text, std::string &out) const;
    // Writes one field at out, which has room for 2 * size + 3 bytes; returns the end.
    // Whether value holds a byte that forces quoting; looks at 8 bytes at a time.
    bool needsQuotes(std::string_view value) const;
    char *writeField(std::string_view value, bool text, char *out) const;

    std::array<bool, 256> m_special{}; // bytes that force quoting
    std::array<std::uint64_t, 4> m_specialWords{}; // each special byte repeated 8 times, for needsQuotes()
    std::string m_null;
    std::string m_lineEnding;
};

} // namespace fabrica
