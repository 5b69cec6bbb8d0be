#pragma once

#include "FixedDecimal.h"
#include "types/FormulaSyntax.h"

#include <cstdint>
#include <vector>

namespace fabrica {

struct TableChunk;

// The "formula" relation compiled for 64-bit integers, run a whole chunk at a time. A source column's numbers
// always have that column's scale, so every step's scale is known before any row: aligning, multiplying and
// rounding need no scale arithmetic per row. Each step runs as one tight loop over the chunk's rows instead
// of an interpreter per row, and the final rounding divides by a constant. Rows that 64 bits cannot compute
// exactly (an overflow, a division by zero, a NULL source) are only flagged: the caller evaluates those with
// the exact 128-bit arithmetic of FixedDecimal, which gives the same numbers wherever both succeed.
class FormulaProgram
{
public:
    using Kind = FormulaSyntax::Token::Kind;

    // One token of the formula in reverse Polish notation.
    struct Step
    {
        Kind kind;
        int column;           // for Column: its index in the table
        FixedDecimal literal; // for Number
    };

    FormulaProgram() = default;
    // sourceScales: per step, the scale of a Column step's numbers (-1: unknown). The program stays empty
    // (accepts() no chunk) when a step could need more than 36 digits after the point, or a constant more
    // than 64 bits.
    FormulaProgram(const std::vector<Step> &steps, const std::vector<int> &sourceScales, int scale);

    // Whether the program is not empty and every source of the chunk has numbers at the scale it was
    // compiled for.
    bool accepts(const TableChunk &chunk) const;
    // Rows [0, rows) of the chunk: values[i] is the row's value in units of 10^-scale where exact[i] is 0;
    // exact[i] is 1 where the row needs the exact evaluation.
    void run(const TableChunk &chunk, int rows, std::int64_t *values, std::uint8_t *exact) const;

private:
    static constexpr int kMaxDepth = 64; // as the Plan allows formulas to nest

    struct Op
    {
        Kind kind;
        int column = -1;                  // Column
        int scale = 0;                    // Column: the scale its numbers must have
        std::int64_t value = 0;           // Number: the literal at its own scale
        std::int64_t left = 1, right = 1; // Add/Subtract: factors aligning both sides' scales;
                                          // Divide: of the numerator and the denominator
    };

    std::vector<Op> m_ops;          // empty: no program
    int m_depth = 0;                // the deepest the stack gets
    int m_finalPower = 0;           // the result is rounded by 10^m_finalPower ...
    std::int64_t m_finalFactor = 1; // ... or multiplied by this to reach the column's scale
};

} // namespace fabrica
