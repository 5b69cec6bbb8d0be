#include "WeightedValuesField.h"

#include "Icons.h"
#include "WeightBarDelegate.h"
#include "WeightedValuesModel.h"
#include "model/UniqueName.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace fabrica {

namespace {

QToolButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent,
                    const QString &icon = {})
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(text);
    if (!icon.isEmpty()) {
        button->setIcon(Icons::get(icon));
        button->setToolButtonStyle(text.size() > 1 ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);
    }
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    return button;
}

} // namespace

WeightedValuesField::WeightedValuesField(const ConstraintKey &values, const ConstraintKey *weights,
                                         QWidget *parent)
    : ConstraintField(values, parent)
    , m_weightsKey(weights ? weights->name : QString())
    , m_model(new WeightedValuesModel(this))
    , m_view(new QTableView)
{
    m_model->setWeighted(weights != nullptr);
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("editor"));
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_view->setObjectName(QStringLiteral("valuesTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(WeightedValuesModel::WeightColumn, new WeightBarDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_view->horizontalHeader()->resizeSection(0, 180);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    layout->addWidget(m_view);

    auto *buttons = new QHBoxLayout;
    m_add = button(QStringLiteral("addValue"), tr("Add"), tr("Add a value"), box, QStringLiteral("new"));
    m_remove = button(QStringLiteral("removeValue"), tr("Remove"), tr("Remove the selected values"), box,
                      QStringLiteral("delete"));
    m_up = button(QStringLiteral("moveValueUp"), QStringLiteral("↑"), tr("Move the value up"), box,
                  QStringLiteral("move-up"));
    m_down = button(QStringLiteral("moveValueDown"), QStringLiteral("↓"), tr("Move the value down"), box,
                    QStringLiteral("move-down"));
    for (QToolButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    if (weights) {
        m_equal = button(QStringLiteral("equalWeights"), tr("Equal weights"),
                         tr("Remove the weights: every value equally likely"), box);
        buttons->addWidget(m_equal);
        connect(m_equal, &QToolButton::clicked, m_model, &WeightedValuesModel::clearWeights);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setEditor(box);
    setFocusProxy(m_view);

    connect(m_add, &QToolButton::clicked, this, [this] {
        m_model->appendEntry(uniqueName(tr("value"), m_model->values()));
        const QModelIndex added = m_model->index(m_model->rowCount() - 1, WeightedValuesModel::ValueColumn);
        m_view->setCurrentIndex(added);
        m_view->edit(added);
    });
    connect(m_remove, &QToolButton::clicked, this, [this] { m_model->removeEntries(selectedRows()); });
    connect(m_up, &QToolButton::clicked, this, [this] {
        const int row = m_view->currentIndex().row();
        m_model->moveEntry(row, row - 1);
        m_view->selectRow(row - 1);
    });
    connect(m_down, &QToolButton::clicked, this, [this] {
        const int row = m_view->currentIndex().row();
        m_model->moveEntry(row, row + 1);
        m_view->selectRow(row + 1);
    });
    connect(m_model, &WeightedValuesModel::edited, this, &WeightedValuesField::modelEdited);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WeightedValuesField::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WeightedValuesField::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WeightedValuesField::fitHeight);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WeightedValuesField::fitHeight);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WeightedValuesField::fitHeight);
    updateButtons();
    fitHeight();
}

QStringList WeightedValuesField::keys() const
{
    return m_weightsKey.isEmpty() ? QStringList{key().name} : QStringList{key().name, m_weightsKey};
}

QList<int> WeightedValuesField::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    return rows;
}

void WeightedValuesField::fitHeight()
{
    // As tall as the rows, within reason: a short list takes little room, a long one scrolls.
    constexpr int kMinRows = 3, kMaxRows = 12;
    const int rows = std::clamp(m_model->rowCount() + 1, kMinRows, kMaxRows);
    const int height = m_view->horizontalHeader()->sizeHint().height() +
                       rows * m_view->verticalHeader()->defaultSectionSize() + 2 * m_view->frameWidth();
    m_view->setFixedHeight(height);
}

void WeightedValuesField::updateButtons()
{
    const int row = m_view->currentIndex().row();
    m_remove->setEnabled(!selectedRows().isEmpty());
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
    if (m_equal)
        m_equal->setEnabled(m_model->hasWeights());
}

void WeightedValuesField::modelEdited()
{
    KeyChanges changes{{key().name, QJsonArray::fromStringList(m_model->values())}};
    if (!m_weightsKey.isEmpty()) {
        QJsonArray weights;
        for (double weight : m_model->weights())
            weights.append(weight);
        changes.append(
            {m_weightsKey, m_model->hasWeights() ? QJsonValue(weights) : QJsonValue(QJsonValue::Undefined)});
    }
    // Only the keys that changed, so that editing one weight after another merges into one undo step.
    KeyChanges real;
    for (const KeyChange &change : changes) {
        const bool same = change.value.isUndefined() ? !shown().contains(change.key)
                                                     : shown().value(change.key) == change.value;
        if (!same)
            real.append(change);
    }
    if (!real.isEmpty())
        change(real);
    updateButtons();
}

void WeightedValuesField::display(const QJsonObject &values)
{
    const QJsonValue list = effective(values);
    QStringList entries;
    for (const QJsonValue &value : list.toArray())
        entries << value.toString();
    QList<double> weights;
    if (!m_weightsKey.isEmpty()) {
        for (const QJsonValue &weight : values.value(m_weightsKey).toArray())
            weights << weight.toDouble();
    }
    // Keep the selection where it was: a model reset would drop it, and an edit in progress with it.
    const QModelIndex current = m_view->currentIndex();
    m_model->setEntries(entries, weights, !values.contains(key().name));
    if (current.isValid() && current.row() < m_model->rowCount())
        m_view->setCurrentIndex(m_model->index(current.row(), current.column()));
}

} // namespace fabrica
