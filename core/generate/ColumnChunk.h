#pragma once

#include "ByteBuffer.h"

#include "TextFormat.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fabrica {

// How a column's values are to be written by sinks that distinguish them (SQL literals, JSON).
enum class ValueClass : std::uint8_t {
    Text,    // quoted and escaped as a string
    Number,  // written bare: digits, sign, '.', exponent
    Boolean, // the bytes are "true" or "false"
    Json,    // the bytes are a JSON document, written bare in JSON and quoted in SQL/CSV
};

// What the numbers beside a column's text mean (ColumnChunk::numbers()), for relations that read them.
enum class NumberUnit : std::uint8_t {
    None,         // no numbers: readers parse the text
    Days,         // days since 1970-01-01
    Seconds,      // wall-clock seconds since 1970-01-01 00:00:00
    Milliseconds, // wall-clock milliseconds since 1970-01-01 00:00:00
    TimeSeconds,  // seconds since midnight
    TimeMillis,   // milliseconds since midnight
    Scaled,       // a fixed-point number: numbers are units of 10^-numberScale()
    Choice,       // the index of the value in the generator's list (an enum's values)
};

// The values of one column for one chunk of rows: UTF-8 bytes back to back, an end offset per value and
// a null flag per value. Filled column-wise by generators, read row-wise by sinks; no allocation per cell.
class ColumnChunk
{
public:
    void reset(int expectedRows)
    {
        m_bytes.clear();
        m_ends.clear();
        m_nulls.clear();
        m_ends.reserve(expectedRows);
        m_nulls.reserve(expectedRows);
        m_longest = 0;
        m_unit = NumberUnit::None;
        m_misfits = 0;
        m_shortened = 0;
    }

    // Declared sizes (SizeLimit): values that did not fit at their first draw, and values that still did
    // not after every re-draw and were shortened (or clamped) as a last resort.
    void countSizes(int misfits, int shortened)
    {
        m_misfits += misfits;
        m_shortened += shortened;
    }
    int misfits() const { return m_misfits; }
    int shortened() const { return m_shortened; }

    // Numbers beside the text, one per row (any value on NULL rows), written only when the Plan asked for
    // them because a relation reads this column: the text stays the truth, the numbers spare the reader
    // parsing it. Generators check wantsNumbers() once per chunk, so other columns pay nothing.
    void requestNumbers(bool wanted) { m_wantNumbers = wanted; }
    bool wantsNumbers() const { return m_wantNumbers; }
    // Called by a generator that writes numbers: their unit, and room for `rows` of them.
    std::int64_t *startNumbers(NumberUnit unit, int rows, int scale = 0)
    {
        m_unit = unit;
        m_scale = scale;
        // Only ever grown: a chunk's numbers are all written before they are read, so the rows need no
        // zeroing, and the buffer is reused by every chunk of the column.
        if (m_numbers.size() < std::size_t(rows))
            m_numbers.resize(std::size_t(rows));
        return m_numbers.data();
    }
    NumberUnit numberUnit() const { return m_unit; }
    int numberScale() const { return m_scale; }
    std::int64_t number(int row) const { return m_numbers[std::size_t(row)]; }
    // All rows' numbers and null flags (1 = NULL), for readers that work on a whole chunk at once.
    const std::int64_t *numberData() const { return m_numbers.data(); }
    const std::uint8_t *nullFlags() const { return m_nulls.data(); }
    // Each value's end offset in bytes(), for readers that walk the values themselves.
    const std::uint32_t *endData() const { return m_ends.data(); }

    // Appends a finished value.
    void append(std::string_view value)
    {
        m_bytes.append(value);
        finish();
    }
    void appendNull()
    {
        m_ends.push_back(static_cast<std::uint32_t>(m_bytes.size()));
        m_nulls.push_back(1);
    }
    // For writing a value in place: append to bytes(), then call finish().
    ByteBuffer &bytes() { return m_bytes; }
    const ByteBuffer &bytes() const { return m_bytes; }
    void finish()
    {
        const auto end = static_cast<std::uint32_t>(m_bytes.size());
        m_longest = std::max(m_longest, end - (m_ends.empty() ? 0 : m_ends.back()));
        m_ends.push_back(end);
        m_nulls.push_back(0);
    }

    int size() const { return static_cast<int>(m_ends.size()); }
    bool isNull(int row) const { return m_nulls[row] != 0; }
    std::string_view value(int row) const
    {
        const std::uint32_t begin = row == 0 ? 0 : m_ends[row - 1];
        return std::string_view(m_bytes.data() + begin, m_ends[row] - begin);
    }
    std::size_t byteSize() const { return m_bytes.size(); }
    // The length of the longest value, so sinks can size a row's buffer once per chunk.
    std::size_t longest() const { return m_longest; }

private:
    ByteBuffer m_bytes;
    std::vector<std::uint32_t> m_ends;
    std::vector<std::uint8_t> m_nulls;
    std::uint32_t m_longest = 0;
    std::vector<std::int64_t> m_numbers;
    NumberUnit m_unit = NumberUnit::None;
    int m_scale = 0;
    bool m_wantNumbers = false;
    int m_misfits = 0;
    int m_shortened = 0;
};

} // namespace fabrica
