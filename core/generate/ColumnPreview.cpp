#include "ColumnPreview.h"

#include "RowWindow.h"

#include <algorithm>

namespace fabrica {

Result<ColumnPreview::Values> ColumnPreview::values(const Schema &schema, int table, int column, quint64 seed,
                                                    int count)
{
    if (table < 0 || table >= schema.tables.size() || column < 0 ||
        column >= schema.tables.at(table).columns.size())
        return makeError(ErrorCode::NotFound, tr("the schema has no such column to preview"));
    const Result<std::shared_ptr<const RowWindow>> window =
        RowWindow::open(schema, table, Plan::Options{seed, {}});
    if (!window)
        return window.error();
    TableChunk chunk;
    const int rows =
        int(std::clamp<qint64>((*window)->rowCount(), 0, std::clamp(count, 0, RowWindow::maxRowsPerCall)));
    if (const Result<void> filled = (*window)->fill(0, rows, chunk); !filled)
        return filled.error();
    Values result;
    result.reserve(rows);
    const ColumnChunk &values = chunk.columns[std::size_t(column)];
    for (int row = 0; row < rows; ++row)
        result.append(RowWindow::cell(values, row));
    return result;
}

} // namespace fabrica
