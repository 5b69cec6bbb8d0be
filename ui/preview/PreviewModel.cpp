#include "PreviewModel.h"

#include "models/CellDisplay.h"

#include "UiLogging.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace fabrica {

namespace {} // namespace

PreviewModel::PreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

qint64 PreviewModel::clampedFirstRow(qint64 row, const RowWindow *source) const
{
    const qint64 rows = source ? source->rowCount() : 0;
    return std::clamp<qint64>(row, 0, std::max<qint64>(0, rows - m_viewRows));
}

void PreviewModel::setSource(std::shared_ptr<const RowWindow> source, qint64 firstRow)
{
    firstRow = clampedFirstRow(firstRow, source.get());
    const bool sameShape = m_source && source && m_source->rowCount() == source->rowCount() &&
                           m_source->columns().size() == source->columns().size() && m_firstRow == firstRow;
    if (!sameShape)
        beginResetModel();
    m_source = std::move(source);
    m_firstRow = firstRow;
    m_blocks.clear();
    if (!sameShape) {
        endResetModel();
        return;
    }
    // An edit that keeps the shape (a constraint, a rename, the seed) changes the cells in place, every
    // role included (a column's alignment follows its type).
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    if (columnCount() > 0)
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void PreviewModel::setViewRows(int rows)
{
    rows = std::max(rows, 1);
    if (rows == m_viewRows)
        return;
    beginResetModel();
    m_viewRows = rows;
    m_firstRow = clampedFirstRow(m_firstRow, m_source.get());
    endResetModel();
}

void PreviewModel::setFirstRow(qint64 row)
{
    row = clampedFirstRow(row, m_source.get());
    if (row == m_firstRow)
        return;
    beginResetModel(); // the rows are others: views drop their selection and current cell
    m_firstRow = row;
    endResetModel();
}

int PreviewModel::modelRow(qint64 row) const
{
    return row >= m_firstRow && row - m_firstRow < rowCount() ? int(row - m_firstRow) : -1;
}

int PreviewModel::cachedRows() const
{
    int rows = 0;
    for (const Block &block : m_blocks)
        rows += int(block.rows.size());
    return rows;
}

int PreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(tableRows() - m_firstRow, m_viewRows));
}

int PreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : int(m_source->columns().size());
}

const RowWindow::Row *PreviewModel::cachedRow(int modelRow) const
{
    const qint64 row = tableRow(modelRow);
    const qint64 first = row / BlockRows * BlockRows; // blocks are aligned in the table, not the view
    auto block =
        std::find_if(m_blocks.begin(), m_blocks.end(), [first](const Block &b) { return b.first == first; });
    if (block == m_blocks.end()) {
        Result<QList<RowWindow::Row>> rows = m_source->rows(first, BlockRows);
        if (!rows) {
            qCWarning(lcUi) << "preview rows" << first << "of" << m_source->table()
                            << rows.error().toString();
            return nullptr;
        }
        if (int(m_blocks.size()) < CachedBlocks) {
            block = m_blocks.emplace(m_blocks.end());
        } else {
            block = std::min_element(m_blocks.begin(), m_blocks.end(),
                                     [](const Block &a, const Block &b) { return a.lastUse < b.lastUse; });
        }
        block->first = first;
        block->rows = std::move(rows).value();
    }
    block->lastUse = ++m_clock;
    const qsizetype offset = qsizetype(row - block->first);
    return offset < block->rows.size() ? &block->rows.at(offset) : nullptr;
}

QVariant PreviewModel::data(const QModelIndex &index, int role) const
{
    if (!m_source || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::FontRole:
    case Qt::ForegroundRole:
    case CellRole:
        break;
    case Qt::TextAlignmentRole:
        // Numbers line up on their last digit, as in a spreadsheet.
        return m_source->columns().at(index.column()).valueClass == ValueClass::Number
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    default:
        return {};
    }
    const RowWindow::Row *row = cachedRow(index.row());
    if (!row || index.column() >= row->size())
        return {};
    const RowWindow::Cell &cell = row->at(index.column());
    if (role == CellRole)
        return QVariant::fromValue(cell);
    return CellDisplay::data(cell, role);
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_source)
        return {};
    if (orientation == Qt::Vertical)
        return section >= 0 && section < rowCount() ? CellDisplay::rowHeader(tableRow(section), role)
                                                    : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const RowWindow::Column &column = m_source->columns().at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole:
        //: Tooltip of a column in the data preview: column name and its data type.
        return tr("%1 (%2)").arg(column.name, column.type);
    default:
        return {};
    }
}

Qt::ItemFlags PreviewModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

} // namespace fabrica
