#pragma once

#include "ColumnChunk.h"

#include <QtGlobal>

#include <vector>

namespace fabrica {

// One chunk of a table's rows: its place in the table and one ColumnChunk per column, in the
// table's column order. A pure function of (plan, table, chunk index).
struct TableChunk
{
    int table = -1;      // index into Plan::tables()
    qint64 index = 0;    // chunk number within the table
    qint64 firstRow = 0; // absolute row index of the chunk's first row
    int rows = 0;
    std::vector<ColumnChunk> columns;
};

} // namespace fabrica
