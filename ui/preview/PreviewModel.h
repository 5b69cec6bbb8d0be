#pragma once

#include "generate/RowWindow.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace fabrica {

// One table's generated rows for a QTableView, made only when the view asks for them: data() takes rows
// from a RowWindow in blocks of BlockRows, of which a few recent ones are kept, so scrolling through
// millions of rows holds a couple of thousand at most. NULL shows as an italic grey "NULL"; CellRole gives
// the exact value (RowWindow::Cell: std::nullopt for NULL) for code and tests.
//
// The view itself is not free: QHeaderView keeps 8 bytes per row and walks them all on a reset (3,000,000
// rows: 24 MB and ~20 ms; 30,000,000: 240 MB and ~290 ms). So the model offers at most viewRows() rows
// at a time, starting at the table's row firstRow(); a bigger table is reached by moving that start
// (PreviewPanel::goToRow does). Model row r is table row firstRow() + r, and the row header says so.
class PreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role { CellRole = Qt::UserRole };
    static constexpr int BlockRows = 256;
    static constexpr int CachedBlocks = 8;
    // Characters shown in a cell; longer values end in "…" and the tooltip has the whole value.
    static constexpr int DefaultViewRows = 5000000;

    explicit PreviewModel(QObject *parent = nullptr);

    // Shows the rows of source (nullptr: nothing) from table row firstRow on (kept within the table). The
    // same rows, columns and first row as before keep the view's layout, current cell and scroll position
    // (the values change in place); otherwise the model is reset.
    void setSource(std::shared_ptr<const RowWindow> source, qint64 firstRow = 0);
    const std::shared_ptr<const RowWindow> &source() const { return m_source; }
    // The table's rows, all of them (rowCount() is what the view is offered now).
    qint64 tableRows() const { return m_source ? m_source->rowCount() : 0; }
    // The most rows offered to the view at once; a change resets the model.
    int viewRows() const { return m_viewRows; }
    void setViewRows(int rows);
    qint64 firstRow() const { return m_firstRow; }
    // Offers the rows from table row `row` on (kept within the table); resets the model when it moves.
    void setFirstRow(qint64 row);
    // The table row of model row `row`, and the model row of table row `row` (-1 when not offered now).
    qint64 tableRow(int row) const { return m_firstRow + row; }
    int modelRow(qint64 row) const;
    // Rows held in the cache now (at most BlockRows * CachedBlocks).
    int cachedRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Block
    {
        qint64 first = -1; // the block's first row, a multiple of BlockRows
        quint64 lastUse = 0;
        QList<RowWindow::Row> rows;
    };
    // The cells of model row `row`, made (with its block) if not cached; nullptr if they cannot be made.
    const RowWindow::Row *cachedRow(int row) const;

    qint64 clampedFirstRow(qint64 row, const RowWindow *source) const;

    std::shared_ptr<const RowWindow> m_source;
    int m_viewRows = DefaultViewRows;
    qint64 m_firstRow = 0;
    mutable std::vector<Block> m_blocks;
    mutable quint64 m_clock = 0;
};

} // namespace fabrica
