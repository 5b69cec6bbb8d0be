#pragma once

#include <QStyledItemDelegate>

namespace fabrica {

// Editors and painting for the grid of a ColumnTableModel: a TypePicker for the type, a list of the
// schema's key columns for the reference, a spin box for the share of NULLs, and centred check boxes.
// Pickers commit as soon as something is chosen, so one choice is one undo step.
class ColumnGridDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ColumnGridDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Where the centred check box of a check cell is drawn (and clicked).
    QRect checkRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    // Writes the editor's value now and closes it: the end of one choice.
    void commitAndClose(QWidget *editor);
};

} // namespace fabrica
