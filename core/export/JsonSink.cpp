#include "JsonSink.h"

namespace fabrica {

namespace {

// The short escapes JSON defines; 0 = use \u00XX.
constexpr char shortEscape(unsigned char c)
{
    switch (c) {
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    default:
        return 0;
    }
}

} // namespace

JsonSink::JsonSink(ExportOptions options)
    : FileSink(std::move(options))
{}

QString JsonSink::extension() const
{
    return QStringLiteral("json");
}

void JsonSink::appendString(std::string_view value, ByteBuffer &out)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(value.substr(run, i - run));
        run = i + 1;
        out.push_back('\\');
        if (c == '"' || c == '\\') {
            out.push_back(char(c));
        } else if (const char e = shortEscape(c)) {
            out.push_back(e);
        } else {
            out.append("u00");
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xf]);
        }
    }
    out.append(value.substr(run));
    out.push_back('"');
}

void JsonSink::appendString(std::string_view value, std::string &out)
{
    ByteBuffer buffer;
    appendString(value, buffer);
    out.append(buffer.view());
}

Result<void> JsonSink::begin(const Plan &plan)
{
    const bool pretty = options().pretty;
    m_layouts.clear();
    m_layouts.reserve(plan.tables().size());
    for (const TablePlan &table : plan.tables()) {
        Layout layout;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            std::string key;
            if (c > 0)
                key.append(pretty ? ", " : ",");
            appendString(table.columns[c].name.toStdString(), key);
            key.append(pretty ? ": " : ":");
            layout.keyBytes += key.size();
            layout.keys.push_back(std::move(key));
            layout.classes.push_back(table.columns[c].generator->valueClass());
        }
        m_layouts.push_back(std::move(layout));
    }
    return FileSink::begin(plan);
}

std::size_t JsonSink::estimate(const TableChunk &chunk) const
{
    const Layout &layout = m_layouts[std::size_t(chunk.table)];
    std::size_t bytes = std::size_t(chunk.rows) * (layout.keyBytes + 2 * layout.keys.size() + 8);
    for (const ColumnChunk &column : chunk.columns)
        bytes += column.byteSize();
    return bytes;
}

void JsonSink::appendRow(const TableChunk &chunk, int row, ByteBuffer &out) const
{
    const Layout &layout = m_layouts[std::size_t(chunk.table)];
    out.push_back('{');
    for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
        out.append(layout.keys[c]);
        const ColumnChunk &column = chunk.columns[c];
        if (column.isNull(row))
            out.append("null");
        else if (layout.classes[c] == ValueClass::Text)
            appendString(column.value(row), out);
        else
            out.append(column.value(row)); // numbers, true/false and JSON documents are JSON already
    }
    out.push_back('}');
}

void JsonSink::encode(const TableChunk &chunk, ByteBuffer &out) const
{
    // Inside the single file's object the rows sit one level deeper.
    const std::string_view indent = !options().pretty ? "" : options().singleFile ? "    " : "  ";
    text::reserveMore(out, estimate(chunk) + std::size_t(chunk.rows) * (indent.size() + 2));
    for (int row = 0; row < chunk.rows; ++row) {
        // The separator depends on the absolute row only, so chunks can be encoded in any order.
        out.append(chunk.firstRow + row == 0 ? "\n" : ",\n");
        out.append(indent);
        appendRow(chunk, row, out);
    }
}

std::string JsonSink::fileHeader(const Plan &) const
{
    if (!options().singleFile)
        return {};
    return options().pretty ? "{\n" : "{";
}

std::string JsonSink::fileFooter(const Plan &plan) const
{
    if (!options().singleFile)
        return {};
    return options().pretty && !plan.tables().empty() ? "\n}\n" : "}\n";
}

std::string JsonSink::tableHeader(const TablePlan &table, bool firstInFile) const
{
    if (!options().singleFile)
        return "[";
    std::string out = firstInFile ? "" : ",\n";
    if (options().pretty)
        out.append("  ");
    appendString(table.name.toStdString(), out);
    out.append(options().pretty ? ": [" : ":[");
    return out;
}

std::string JsonSink::tableFooter(const TablePlan &table) const
{
    std::string out;
    if (table.rows > 0) {
        out.push_back('\n');
        if (options().pretty && options().singleFile)
            out.append("  ");
    }
    out.push_back(']');
    if (!options().singleFile)
        out.push_back('\n');
    return out;
}

} // namespace fabrica
