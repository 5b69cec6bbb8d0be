#pragma once

#include "generate/ByteBuffer.h"
#include "generate/TableChunk.h"
#include "generate/TextFormat.h"

#include <string_view>
#include <utility>
#include <vector>

namespace fabrica {

// Appends a chunk as delimited text rows — CSV/TSV, and PostgreSQL's COPY text — straight into out, with
// the chunk's columns listed in columns, in that order. Each row gets room for its worst case and is
// trimmed after. Columns with plain[c] set are copied as they are; the others go through escape(value, at),
// which writes at most 2 * value.size() + 4 bytes and returns the end. NULL is written as null.
template<typename Plain, typename Escape>
void appendDelimitedRows(const TableChunk &chunk, const std::vector<int> &columns, char delimiter,
                         std::string_view null, std::string_view lineEnding, const Plain &plain,
                         Escape &&escape, ByteBuffer &out)
{
    std::size_t bound = lineEnding.size();
    for (const int c : columns)
        bound += chunk.columns[std::size_t(c)].longest() * 2 + 4 + null.size() + 1;
    text::reserveMore(out, bound * std::size_t(chunk.rows));
    for (int row = 0; row < chunk.rows; ++row) {
        const std::size_t start = out.size();
        char *p = out.grow(bound);
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0)
                *p++ = delimiter;
            const std::size_t c = std::size_t(columns[i]);
            const ColumnChunk &column = chunk.columns[c];
            if (column.isNull(row)) {
                p = text::copyShort(p, null.data(), null.size());
            } else {
                const std::string_view value = column.value(row);
                p = plain[c] ? text::copyShort(p, value.data(), value.size()) : escape(value, p);
            }
        }
        p = text::copyShort(p, lineEnding.data(), lineEnding.size());
        out.resize(start + std::size_t(p - (out.data() + start)));
    }
}

// Every column of the chunk, in its order.
template<typename Plain, typename Escape>
void appendDelimitedRows(const TableChunk &chunk, char delimiter, std::string_view null,
                         std::string_view lineEnding, const Plain &plain, Escape &&escape, ByteBuffer &out)
{
    std::vector<int> columns(chunk.columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
        columns[c] = int(c);
    appendDelimitedRows(chunk, columns, delimiter, null, lineEnding, plain, std::forward<Escape>(escape),
                        out);
}

} // namespace fabrica
