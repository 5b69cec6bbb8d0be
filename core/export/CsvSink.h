#pragma once

#include "DelimitedRows.h"
#include "FileSink.h"

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
    char *writeField(std::string_view value, bool text, char *out) const;

    ByteSet m_special; // bytes that force quoting
    // What a chunk's text column must not hold to be copied as it is: the bytes above, and with the
    // formula guard also the bytes a guarded value starts with.
    DelimitedEscaping m_escaping;
    std::string m_null;
    std::string m_lineEnding;
};

} // namespace fabrica
