#include "RowCountDelegate.h"

#include "RowCountsModel.h"

#include <QSpinBox>

namespace fabrica {

RowCountDelegate::RowCountDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QWidget *RowCountDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                        const QModelIndex &) const
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QStringLiteral("rowCountEditor"));
    spin->setRange(0, int(RowCountsModel::kMaxRows));
    spin->setGroupSeparatorShown(true);
    spin->setAccelerated(true);
    spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    spin->setFrame(false);
    return spin;
}

void RowCountDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *spin = static_cast<QSpinBox *>(editor);
    spin->setValue(
        int(std::clamp<qint64>(index.data(Qt::EditRole).toLongLong(), 0, RowCountsModel::kMaxRows)));
    spin->selectAll();
}

void RowCountDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    auto *spin = static_cast<QSpinBox *>(editor);
    spin->interpretText();
    model->setData(index, qint64(spin->value()), Qt::EditRole);
}

} // namespace fabrica
