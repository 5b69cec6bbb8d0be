#pragma once

#include "ByteBuffer.h"

#include "ColumnChunk.h"
#include "Random.h"
#include "TableChunk.h"

#include <QtGlobal>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabrica {

class Plan;

// What a generator sees while filling one column of one chunk.
struct GenerationContext
{
    const TableChunk &chunk;   // columns filled before this one (templates read them)
    const std::uint8_t *nulls; // per row of the chunk: 1 = the engine made this cell NULL; nullptr = none
    qint64 firstRow;
    int rows;
    std::uint64_t columnSeed; // Random::streamSeed of this column

    bool isNull(int row) const { return nulls && nulls[row]; }
    // The random stream of row (0-based within the chunk): depends on the absolute row only.
    Random random(int row) const { return Random::forRow(columnSeed, std::uint64_t(firstRow + row)); }
};

// Produces the values of one column. Immutable once built by the GeneratorFactory, so one instance
// serves every thread. fill() appends exactly ctx.rows values (appendNull() where ctx.isNull(row)).
class Generator
{
public:
    virtual ~Generator() = default;

    virtual ValueClass valueClass() const { return ValueClass::Text; }
    // Every ASCII byte the generator can write, when that set is known (dates, UUIDs, word lists); empty
    // when values may hold anything. Bytes of 0x80 and above never need escaping in CSV, JSON or SQL, so
    // they are left out. Sinks skip escaping for columns whose bytes cannot need it.
    virtual std::string_view alphabet() const { return {}; }
    virtual void fill(GenerationContext &ctx, ColumnChunk &out) const = 0;

    // Key columns and unique columns are pure functions of the row index, so a foreign key can compute
    // its parent's key from a parent row number without any table in memory.
    virtual bool isRowFunction() const { return false; }
    virtual void valueAt(qint64 row, ByteBuffer &out) const
    {
        Q_UNUSED(row)
        Q_UNUSED(out)
    }
    // How many distinct values the generator can produce, when that is finite and small enough to matter
    // for a unique column; nullopt = effectively unlimited.
    virtual std::optional<quint64> domainSize() const { return std::nullopt; }
};

// The loop every generator shares: NULL where the engine decided so, otherwise write(row, random, bytes)
// appends the row's value, with random the row's own stream.
template<typename Write> void fillValues(GenerationContext &ctx, ColumnChunk &out, Write &&write)
{
    ByteBuffer &bytes = out.bytes();
    for (int i = 0; i < ctx.rows; ++i) {
        if (ctx.isNull(i)) {
            out.appendNull();
            continue;
        }
        Random random = ctx.random(i);
        write(ctx.firstRow + i, random, bytes);
        out.finish();
    }
}

// The ASCII bytes that occur in words, for alphabet(); never empty, so "known" stays distinct from "any".
inline std::string asciiAlphabet(const std::vector<std::string_view> &words, std::string_view extra = {})
{
    bool seen[128] = {};
    std::string alphabet(extra);
    for (const char c : extra)
        seen[static_cast<unsigned char>(c) & 0x7F] = true;
    for (const std::string_view word : words) {
        for (const char c : word) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x80 && !seen[byte]) {
                seen[byte] = true;
                alphabet.push_back(c);
            }
        }
    }
    if (alphabet.empty())
        alphabet.push_back('a');
    return alphabet;
}

// Fills a row function's values for a chunk.
inline void fillFromRows(const Generator &generator, GenerationContext &ctx, ColumnChunk &out)
{
    ByteBuffer &bytes = out.bytes();
    for (int i = 0; i < ctx.rows; ++i) {
        if (ctx.isNull(i)) {
            out.appendNull();
            continue;
        }
        generator.valueAt(ctx.firstRow + i, bytes);
        out.finish();
    }
}

} // namespace fabrica
