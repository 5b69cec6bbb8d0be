#pragma once

#include "generate/ByteBuffer.h"
#include "generate/ByteSet.h"
#include "generate/TableChunk.h"
#include "generate/TextFormat.h"

#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace fabrica {

// How appendDelimitedRows() treats a format's text: the bytes that force escaping (special), and whether
// an empty string must be escaped too (CSV with an empty NULL text writes it as "").
struct DelimitedEscaping
{
    ByteSet special;
    bool escapeEmpty = false;
};

// Appends a chunk as delimited text rows — CSV/TSV, and PostgreSQL's COPY text — straight into out, with
// the chunk's columns listed in columns, in that order. Columns with plain[c] set are copied as they are;
// so is any other column whose values in this chunk hold no special byte (one scan of the column's bytes,
// not one per value); the rest, and with escapeEmpty any column holding an empty string, go through
// escape(value, at), which writes at most 2 * value.size() + 4 bytes and returns the end. NULL is written
// as null.
template<typename Plain, typename Escape>
void appendDelimitedRows(const TableChunk &chunk, const std::vector<int> &columns, char delimiter,
                         std::string_view null, std::string_view lineEnding, const Plain &plain,
                         const DelimitedEscaping &escaping, Escape &&escape, ByteBuffer &out)
{
    struct Source
    {
        const char *bytes;
        const std::uint32_t *ends;
        const std::uint8_t *nulls; // nullptr when the chunk has no NULL in this column
        bool plain;
    };
    std::vector<Source> sources;
    sources.reserve(columns.size());
    // The rows' exact worst case: plain columns take their bytes, escaped ones at most twice theirs plus
    // four per value; every field may be NULL's text, and a delimiter or line end follows it.
    std::size_t bound = std::size_t(chunk.rows) * (columns.size() * (null.size() + 1) + lineEnding.size());
    for (const int c : columns) {
        const ColumnChunk &column = chunk.columns[std::size_t(c)];
        const std::string_view bytes(column.bytes().data(), column.byteSize());
        const bool nulls = std::memchr(column.nullFlags(), 1, std::size_t(chunk.rows)) != nullptr;
        bool isPlain = plain[std::size_t(c)] != 0 || !escaping.special.foundIn(bytes);
        if (isPlain && escaping.escapeEmpty && chunk.rows > 0) {
            // An empty value (its end is its start, and it is not NULL) must be told from NULL, whatever
            // the column's alphabet promised. Without branches, as every column of a CSV chunk takes it.
            const std::uint32_t *ends = column.endData();
            const std::uint8_t *flags = column.nullFlags();
            bool empty = ends[0] == 0 && !flags[0];
            for (int row = 1; row < chunk.rows; ++row)
                empty |= (ends[row] == ends[row - 1]) & !flags[row];
            isPlain = !empty;
        }
        // A column of only empty values or NULLs may have no buffer: the padded copy reads from an empty one.
        static const char empty[ByteBuffer::slack] = {};
        sources.push_back({column.byteSize() ? column.bytes().data() : empty, column.endData(),
                           nulls ? column.nullFlags() : nullptr, isPlain});
        bound += isPlain ? bytes.size() : bytes.size() * 2 + 4 * std::size_t(chunk.rows);
    }
    text::reserveMore(out, bound);
    const std::size_t start = out.size();
    char *const begin = out.grow(bound);
    char *p = begin;
    for (int row = 0; row < chunk.rows; ++row) {
        for (std::size_t i = 0; i < sources.size(); ++i) {
            if (i > 0)
                *p++ = delimiter;
            const Source &source = sources[i];
            if (source.nulls && source.nulls[row]) {
                p = text::copyShort(p, null.data(), null.size());
                continue;
            }
            const std::uint32_t from = row == 0 ? 0 : source.ends[row - 1];
            const std::size_t size = source.ends[row] - from;
            // Both sides are ByteBuffers, padded for the fixed-size copy of short values.
            p = source.plain ? ByteBuffer::copyPadded(p, source.bytes + from, size)
                             : escape(std::string_view(source.bytes + from, size), p);
        }
        p = text::copyShort(p, lineEnding.data(), lineEnding.size());
    }
    out.resize(start + std::size_t(p - begin));
}

// Every column of the chunk, in its order.
template<typename Plain, typename Escape>
void appendDelimitedRows(const TableChunk &chunk, char delimiter, std::string_view null,
                         std::string_view lineEnding, const Plain &plain, const DelimitedEscaping &escaping,
                         Escape &&escape, ByteBuffer &out)
{
    std::vector<int> columns(chunk.columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
        columns[c] = int(c);
    appendDelimitedRows(chunk, columns, delimiter, null, lineEnding, plain, escaping,
                        std::forward<Escape>(escape), out);
}

} // namespace fabrica
