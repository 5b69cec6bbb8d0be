#pragma once

#include <QStyledItemDelegate>

namespace fabrica {

// Edits a row count with a spin box (group separators, 0 .. RowCountsModel::kMaxRows).
class RowCountDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RowCountDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace fabrica
