#include "CsvSink.h"

#include "generate/TextFormat.h"

#include <algorithm>
#include <cstring>

namespace fabrica {

CsvSink::CsvSink(ExportOptions options)
    : FileSink(std::move(options))
    , m_special{this->options().delimiter, this->options().quote, '\r', '\n'}
    , m_null(this->options().nullText.toStdString())
    , m_lineEnding(this->options().lineEnding.toStdString())
{
    m_escaping.special = m_special;
    m_escaping.escapeEmpty = m_null.empty();
    if (this->options().formulaGuard) {
        for (const char c : {'=', '+', '-', '@', '\t', '\r'})
            m_escaping.special.add(c);
    }
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
    const bool quote = text && ((value.empty() && m_null.empty()) || m_special.foundIn(value));
    if (!quote) {
        if (guard)
            *out++ = '\'';
        return text::copyShort(out, value.data(), value.size());
    }
    const char q = options().quote;
    *out++ = q;
    if (guard)
        *out++ = '\'';
    // Runs between quotes move in one copy each: quoted values are mostly long (user agents, JSON).
    const char *p = value.data(), *end = p + value.size();
    while (const char *next = static_cast<const char *>(std::memchr(p, q, std::size_t(end - p)))) {
        out = text::copyShort(out, p, std::size_t(next - p) + 1);
        *out++ = q;
        p = next + 1;
    }
    out = text::copyShort(out, p, std::size_t(end - p));
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
        const bool harmless =
            !alphabet.empty() && std::none_of(alphabet.begin(), alphabet.end(),
                                              [this](char b) { return m_escaping.special.contains(b); });
        plain[c] = harmless ||
                   (generator.valueClass() != ValueClass::Text && generator.valueClass() != ValueClass::Json);
    }
    appendDelimitedRows(
        chunk, options().delimiter, m_null, m_lineEnding, plain, m_escaping,
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
