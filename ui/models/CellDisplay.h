#pragma once

#include <QCoreApplication>
#include <QString>
#include <QVariant>

#include <optional>

namespace fabrica {

// How a generated or stored value shows in a table view: one line (tabs and line breaks as symbols, long
// text cut), NULL as a grey italic "NULL" distinct from an empty text, the whole value in the tooltip.
// Shared by the data preview and a stored run's rows, so both show a value the same way.
class CellDisplay
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::CellDisplay)

public:
    using Cell = std::optional<QString>; // std::nullopt = NULL

    static constexpr int DisplayLength = 200; // characters shown in a cell; the tooltip shows 4×

    // DisplayRole, ToolTipRole, FontRole and ForegroundRole of a cell; an invalid QVariant for other roles.
    static QVariant data(const Cell &cell, int role);
    static QString displayText(const QString &value);
    // The vertical header of a table of rows: `row` (counted from 0) shown counted from 1, as "Go to row"
    // counts, right-aligned.
    static QVariant rowHeader(qint64 row, int role);
};

} // namespace fabrica
