#include "ColumnGridDelegate.h"
#include "validate/SchemaValidator.h"

#include "model/ColumnReference.h"
#include "model/ConstraintKeys.h"
#include "models/ColumnTableModel.h"
#include "session/SchemaSession.h"
#include "types/TypeRegistry.h"
#include "widgets/TypePicker.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

bool isCheckColumn(int column)
{
    return column == ColumnTableModel::NotNull || column == ColumnTableModel::PrimaryKey ||
           column == ColumnTableModel::Unique;
}

const ColumnTableModel *gridModel(const QModelIndex &index)
{
    return qobject_cast<const ColumnTableModel *>(index.model());
}

} // namespace

ColumnGridDelegate::ColumnGridDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void ColumnGridDelegate::commitAndClose(QWidget *editor)
{
    emit commitData(editor);
    emit closeEditor(editor, QAbstractItemDelegate::NoHint);
}

QWidget *ColumnGridDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    auto *self = const_cast<ColumnGridDelegate *>(this);
    switch (index.column()) {
    case ColumnTableModel::Type: {
        auto *picker = new TypePicker(parent);
        picker->setObjectName(u"typeEditor"_s);
        if (auto *field = picker->findChild<QLineEdit *>())
            field->setFrame(false);
        connect(picker, &TypePicker::typeChosen, self, [self, picker] { self->commitAndClose(picker); });
        return picker;
    }
    case ColumnTableModel::References: {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(u"referenceEditor"_s);
        combo->setFrame(false);
        combo->addItem(tr("(none)"), QString());
        const ColumnTableModel *model = gridModel(index);
        if (model && model->session() && model->tableIndex() >= 0) {
            const Schema &schema = model->session()->schema();
            const Table &own = schema.tables.at(model->tableIndex());
            const QString self = own.name + u'.' + own.columns.at(index.row()).name;
            const TypeRegistry &registry = TypeRegistry::instance();
            for (const QString &target : SchemaValidator().referenceTargets(schema)) {
                if (target == self)
                    continue; // a column cannot reference itself
                combo->addItem(target, target);
                const auto reference = ColumnReference::parse(target);
                const Table *table = reference ? schema.table(reference->table) : nullptr;
                const Column *column = table ? table->column(reference->column) : nullptr;
                if (const DataType *type = column ? registry.find(column->type) : nullptr)
                    combo->setItemData(combo->count() - 1, tr("%1 (%2)").arg(type->id, type->description),
                                       Qt::ToolTipRole);
            }
        }
        connect(combo, &QComboBox::activated, self, [self, combo] { self->commitAndClose(combo); });
        // The list is the editor: open it right away, so a double click or F2 is all it takes.
        QTimer::singleShot(0, combo, [combo = QPointer<QComboBox>(combo)] {
            if (combo && combo->isVisible())
                combo->showPopup();
        });
        return combo;
    }
    case ColumnTableModel::NullPercent: {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setObjectName(u"nullPercentEditor"_s);
        spin->setFrame(false);
        spin->setRange(0, 100);
        spin->setDecimals(2);
        spin->setSuffix(tr(" %"));
        spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return spin;
    }
    default: {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *field = qobject_cast<QLineEdit *>(editor))
            field->setObjectName(u"nameEditor"_s);
        return editor;
    }
    }
}

void ColumnGridDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *picker = qobject_cast<TypePicker *>(editor)) {
        picker->setTypeId(index.data(Qt::EditRole).toString());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString current = index.data(Qt::EditRole).toString();
        int item = combo->findData(current);
        if (item < 0) {
            // A reference to something that is no key (or no longer exists) stays visible and selectable.
            combo->addItem(current, current);
            item = combo->count() - 1;
        }
        combo->setCurrentIndex(item);
    } else if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor)) {
        spin->setValue(index.data(Qt::EditRole).toDouble());
        spin->selectAll();
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void ColumnGridDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                      const QModelIndex &index) const
{
    if (auto *picker = qobject_cast<TypePicker *>(editor)) {
        model->setData(index, picker->typeId());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData().toString());
    } else if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor)) {
        spin->interpretText();
        model->setData(index, spin->value());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

QRect ColumnGridDelegate::checkRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    const QRect indicator = style->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, opt.widget);
    return QStyle::alignedRect(opt.direction, Qt::AlignCenter, indicator.size(), option.rect);
}

void ColumnGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    if (!isCheckColumn(index.column())) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    const Qt::CheckState state = opt.checkState;
    // Background, selection, focus and a problem icon (on the left) as usual; the box in the middle.
    opt.features &= ~QStyleOptionViewItem::HasCheckIndicator;
    opt.text.clear();
    opt.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    opt.decorationAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QStyleOptionViewItem box = opt;
    box.rect = checkRect(option, index);
    box.state &= ~QStyle::State_HasFocus;
    box.state |= state == Qt::Checked ? QStyle::State_On : QStyle::State_Off;
    if (!(index.flags() & Qt::ItemIsUserCheckable))
        box.state &= ~QStyle::State_Enabled;
    style->drawPrimitive(QStyle::PE_IndicatorItemViewItemCheck, &box, painter, opt.widget);
}

bool ColumnGridDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!isCheckColumn(index.column()))
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const Qt::ItemFlags flags = model->flags(index);
    if (!(flags & Qt::ItemIsUserCheckable) || !(flags & Qt::ItemIsEnabled) ||
        !(option.state & QStyle::State_Enabled))
        return false;
    // As QStyledItemDelegate does, but for the centred box: a click on it or Space toggles.
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton ||
            !checkRect(option, index).contains(mouse->position().toPoint()))
            return false;
        if (event->type() != QEvent::MouseButtonRelease)
            return true;
        break;
    }
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key != Qt::Key_Space && key != Qt::Key_Select)
            return false;
        break;
    }
    default:
        return false;
    }
    const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    return model->setData(index, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}

} // namespace fabrica
