#include "WeightBarDelegate.h"

#include "WeightedValuesModel.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QPainter>

namespace fabrica {

WeightBarDelegate::WeightBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString WeightBarDelegate::label(const QModelIndex &index)
{
    const double share = index.data(WeightedValuesModel::ShareRole).toDouble();
    return tr("%1 · %2 %").arg(index.data(Qt::DisplayRole).toString()).arg(share * 100, 0, 'f', 1);
}

void WeightBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background and selection

    const double share = qBound(0.0, index.data(WeightedValuesModel::ShareRole).toDouble(), 1.0);
    const QRect area = opt.rect.adjusted(4, 4, -4, -4);
    const int textWidth = opt.fontMetrics.horizontalAdvance(QStringLiteral("0000.00 · 100.0 %")) + 8;
    QRect bar = area;
    bar.setWidth(std::max(0, area.width() - textWidth));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor track = opt.palette.color(QPalette::Mid);
    track.setAlpha(60);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(bar, 3, 3);
    QRect filled = bar;
    filled.setWidth(int(bar.width() * share + 0.5));
    painter->setBrush(
        opt.palette.color(QPalette::Highlight).lighter(opt.state & QStyle::State_Selected ? 160 : 110));
    if (filled.width() > 0)
        painter->drawRoundedRect(filled, 3, 3);
    const QVariant foreground = index.data(Qt::ForegroundRole);
    painter->setPen(foreground.canConvert<QBrush>()
                        ? foreground.value<QBrush>().color()
                        : opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                               : QPalette::Text));
    const QRect textRect(bar.right() + 8, area.top(), area.right() - bar.right() - 8, area.height());
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, label(index));
    painter->restore();
}

QSize WeightBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 260));
    return size;
}

QWidget *WeightBarDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                         const QModelIndex &) const
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setObjectName(QStringLiteral("weightEditor"));
    spin->setRange(0, 1e9);
    spin->setDecimals(4);
    spin->setFrame(false);
    return spin;
}

void WeightBarDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    static_cast<QDoubleSpinBox *>(editor)->setValue(index.data(Qt::EditRole).toDouble());
}

void WeightBarDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                     const QModelIndex &index) const
{
    auto *spin = static_cast<QDoubleSpinBox *>(editor);
    spin->interpretText();
    model->setData(index, spin->value(), Qt::EditRole);
}

} // namespace fabrica
