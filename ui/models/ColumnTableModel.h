#pragma once

#include "validate/Problem.h"

#include <QAbstractTableModel>
#include <QJsonValue>
#include <QMap>
#include <QPointer>

#include <functional>

namespace fabrica {

class SchemaSession;
struct Column;

// The columns of one table of a SchemaSession as a grid: a row per column, a grid column per commonly
// edited property. Edits go through the session, so each is one undo step; the document's signals for
// the table become fine-grained row inserts, removals, moves and changes (never a reset for one edit).
class ColumnTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum GridColumn {
        Name,
        Type,
        NotNull,
        PrimaryKey,
        Unique,
        References,
        NullPercent,
        Constraints,
        GridColumnCount
    };
    enum Role {
        // QString: what a grid column stands for: "name", "type", a constraint key, or empty (Constraints).
        KeyRole = Qt::UserRole + 1,
        // int: the worst Problem::Severity of the cell (the Name cell: of the whole row), -1 without
        // problems.
        SeverityRole,
        // QStringList: the messages of the cell's problems (the Name cell: of the whole row).
        ProblemsRole,
        // QJsonObject: all constraints of the row's column.
        ConstraintsRole,
    };

    explicit ColumnTableModel(QObject *parent = nullptr);

    // Shows table `table` of session's document; nullptr (or -1) shows nothing.
    void setTable(SchemaSession *session, int table);
    SchemaSession *session() const { return m_session; }
    // The shown table's index; it follows inserts, removals and moves of tables; -1 once it is removed.
    int tableIndex() const { return m_table; }
    // Marks the cells of the problems about the shown table's columns (the rest are ignored).
    void setProblems(const Problems &problems);

    // Moves the given columns (any order) so they stand together, in order, before column `before`
    // (rowCount() = at the end): one undo step. False when nothing can move.
    bool moveColumns(QList<int> rows, int before);

    static QString keyOf(int gridColumn);
    // The grid column that shows key ("name", "type", a constraint key), -1 when the grid has none.
    static int gridColumnOf(const QString &key);
    // The one-line text of the Constraints column: the keys without a grid column of their own
    // (see ConstraintSummary).
    static QString constraintSummary(const Column &column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

signals:
    // The shown table moved to another index, or was removed (-1).
    void tableIndexChanged(int table);

private:
    struct CellMark
    {
        Problem::Severity severity = Problem::Severity::Warning;
        QStringList messages;
        bool operator==(const CellMark &) const = default;
    };
    using RowMarks = QMap<int, CellMark>; // grid column → mark

    bool hasTable() const;
    const Column &columnAt(int row) const;
    void connectDocument();
    void setTableIndex(int table);
    QList<int> draggedRows(const QMimeData *data) const;
    QVariant displayData(const Column &column, int gridColumn) const;
    QVariant editData(const Column &column, int gridColumn) const;
    QVariant toolTip(const Column &column, int row, int gridColumn) const;
    // The mark of a cell; the Name cell gathers every mark of its row.
    CellMark markOf(int row, int gridColumn) const;
    void emitRowChanged(int row);
    // One edit of the grid as one undo step of its own.
    void ownStep(const QString &text, const std::function<void()> &edit);
    // Sets (or, with an Undefined value, removes) a constraint of a row as one step; nothing if unchanged.
    void setConstraintStep(int row, const QString &key, const QJsonValue &value);

    // Document signals for tables and columns.
    void onTableInserted(int index);
    void onTableAboutToBeRemoved(int index);
    void onTableRemoved(int index);
    void onTableMoved(int from, int to);
    void onColumnAboutToBeInserted(int table, int index);
    void onColumnInserted(int table, int index);
    void onColumnAboutToBeRemoved(int table, int index);
    void onColumnRemoved(int table, int index);
    void onColumnAboutToBeMoved(int table, int from, int to);
    void onColumnMoved(int table, int from, int to);
    void onColumnChanged(int table, int index);

    QPointer<SchemaSession> m_session;
    int m_table = -1;
    bool m_removingTable = false;
    QList<RowMarks> m_marks; // one entry per row, moved along with the rows until the next setProblems()
};

} // namespace fabrica
