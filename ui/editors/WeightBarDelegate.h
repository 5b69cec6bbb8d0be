#pragma once

#include <QStyledItemDelegate>

namespace fabrica {

// Paints a weight as a horizontal bar of its share of the total (WeightedValuesModel::ShareRole) with the
// weight and the share in percent, and edits it with a spin box.
class WeightBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WeightBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

    // "70 · 70.0 %": the text painted beside the bar.
    static QString label(const QModelIndex &index);
};

} // namespace fabrica
