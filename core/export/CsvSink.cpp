#include "CsvSink.h"

#include "DelimitedRows.h"
#include "generate/TextFormat.h"

#include <algorithm>
#include <cstring>

namespace fabrica {

CsvSink::CsvSink(ExportOptions options)
    : FileSink(std::move(options))
    , m_null(this->options().nullText.toStdString())
    , m_lineEnding(this->options().lineEnding.toStdString())
{
    const char specials[] = {this->options().delimiter, this->options().quote, '\r', '\n'};
    for (std::size_t i = 0; i < 4; ++i) {
        m_special[static_cast<unsigned char>(specials[i])] = true;
        m_specialWords[i] = 0x0101010101010101ull * static_cast<unsigned char>(specials[i]);
    }
}

bool CsvSink::needsQuotes(std::string_view value) const
{
    // A word has a zero byte where (w - 0x01..) & ~w & 0x80.. is set; XOR with a repeated special byte turns
    // that byte into zero. Text fields are mostly names and words, so most fields take two or three words.
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const char *p = value.data();
    std::size_t left = value.size();
    while (left >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        for (const std::uint64_t special : m_specialWords) {
            const std::uint64_t x = word ^ special;
            if ((x - ones) & ~x & highs)
                return true;
        }
        p += 8;
        left -= 8;
    }
    for (; left > 0; --left, ++p) {
        if (m_special[static_cast<unsigned char>(*p)])
            return true;
    }
    return false;
}

Result<void> CsvSink::begin(const Plan &plan)
{
    if (options().singleFile && plan.tables().size() > 1)
        return makeError(ErrorCode::InvalidInput,
                         tr("a CSV file holds one table, and the schema has %1; write to a directory instead")
                             .arg(plan.tables().size()));
    return FileSink::begin(plan);
}

QString CsvSink::extension() const
{
    return options().delimiter == '\t' ? QStringLiteral("tsv") : QStringLiteral("csv");
}

void CsvSink::field(std::string_view value, bool text, std::string &out) const
{
    std::string buffer(value.size() * 2 + 3, '\0');
    buffer.resize(std::size_t(writeField(value, text, buffer.data()) - buffer.data()));
    out.append(buffer);
}

char *CsvSink::writeField(std::string_view value, bool text, char *out) const
{
    // An empty string must not look like NULL; a formula must not run in a spreadsheet.
    const bool guard = text && options().formulaGuard && !value.empty() &&
                       (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                        value[0] == '\t' || value[0] == '\r');
    const bool quote = text && ((value.empty() && m_null.empty()) || needsQuotes(value));
    if (!quote) {
        if (guard)
            *out++ = '\'';
        return text::copyShort(out, value.data(), value.size());
    }
    const char q = options().quote;
    *out++ = q;
    if (guard)
        *out++ = '\'';
    for (const char c : value) {
        if (c == q)
            *out++ = q;
        *out++ = c;
    }
    *out++ = q;
    return out;
}

void CsvSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    const TablePlan &table = plan().tables()[std::size_t(chunk.table)];
    const std::size_t columns = chunk.columns.size();
    std::vector<char> plain(columns); // copied without a scan for bytes that need quoting
    for (std::size_t c = 0; c < columns; ++c) {
        const Generator &generator = *table.columns[c].generator;
        // Columns whose every possible byte is harmless (dates, UUIDs) are copied without a scan.
        const std::string_view alphabet = generator.alphabet();
        const bool harmless = !alphabet.empty() && !options().formulaGuard &&
                              std::none_of(alphabet.begin(), alphabet.end(), [this](char b) {
                                  return m_special[static_cast<unsigned char>(b)];
                              });
        plain[c] = harmless ||
                   (generator.valueClass() != ValueClass::Text && generator.valueClass() != ValueClass::Json);
    }
    appendDelimitedRows(
        chunk, options().delimiter, m_null, m_lineEnding, plain,
        [this](std::string_view value, char *at) { return writeField(value, true, at); }, out);
}

std::string CsvSink::tableHeader(const TablePlan &table, bool) const
{
    if (!options().header)
        return {};
    std::string out;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (c > 0)
            out.push_back(options().delimiter);
        field(table.columns[c].name.toStdString(), true, out);
    }
    out.append(m_lineEnding);
    return out;
}

} // namespace fabrica
