#pragma once

#include "generate/ByteBuffer.h"
#include "generate/TableChunk.h"
#include "generate/TextFormat.h"

#include <string_view>

namespace fabrica {

// Appends a chunk as delimited text rows — CSV/TSV, and PostgreSQL's COPY text — straight into out. Each
// row gets room for its worst case and is trimmed after. Columns with plain[c] set are copied as they are;
// the others go through escape(value, at), which writes at most 2 * value.size() + 4 bytes and returns the
// end. NULL is written as null.
template<typename Plain, typename Escape>
void appendDelimitedRows(const TableChunk &chunk, char delimiter, std::string_view null,
                         std::string_view lineEnding, const Plain &plain, Escape &&escape, ByteBuffer &out)
{
    const std::size_t columns = chunk.columns.size();
    std::size_t bound = lineEnding.size();
    for (const ColumnChunk &column : chunk.columns)
        bound += column.longest() * 2 + 4 + null.size() + 1;
    text::reserveMore(out, bound * std::size_t(chunk.rows));
    for (int row = 0; row < chunk.rows; ++row) {
        const std::size_t start = out.size();
        char *p = out.grow(bound);
        for (std::size_t c = 0; c < columns; ++c) {
            if (c > 0)
                *p++ = delimiter;
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

} // namespace fabrica
