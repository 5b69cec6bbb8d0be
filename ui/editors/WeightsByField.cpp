#include "WeightsByField.h"

#include "model/ConstraintKeys.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fabrica {

namespace {

const QString kColumn = QStringLiteral("column");

} // namespace

WeightsByField::WeightsByField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_source(new QComboBox)
    , m_grid(new QTableWidget)
    , m_newValue(new QLineEdit)
    , m_add(new QPushButton(tr("Add value")))
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("editor"));
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("Weights follow"));
    label->setBuddy(m_source);
    top->addWidget(label);
    m_source->setObjectName(QStringLiteral("weightsByColumn"));
    m_source->setAccessibleName(tr("Column whose value picks the weights"));
    top->addWidget(m_source, 1);
    m_newValue->setObjectName(QStringLiteral("weightsByNewValue"));
    m_newValue->setPlaceholderText(tr("a value of that column"));
    m_add->setObjectName(QStringLiteral("weightsByAdd"));
    top->addWidget(m_newValue, 1);
    top->addWidget(m_add);
    layout->addLayout(top);
    m_grid->setObjectName(QStringLiteral("weightsByGrid"));
    m_grid->setAccessibleName(tr("Weights per value of the source column"));
    m_grid->setToolTip(tr("One row per value of the source column: fill in every weight to use them for that "
                          "value; rows left empty use the column's own weights"));
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->setMinimumHeight(120);
    layout->addWidget(m_grid);
    setEditor(box);
    setFocusProxy(m_source);
    fillSources({});
    connect(m_source, &QComboBox::currentIndexChanged, this, &WeightsByField::sourceChosen);
    connect(m_add, &QPushButton::clicked, this, &WeightsByField::addValue);
    connect(m_newValue, &QLineEdit::returnPressed, this, &WeightsByField::addValue);
    connect(m_grid, &QTableWidget::cellChanged, this, &WeightsByField::gridEdited);
}

void WeightsByField::fillSources(const QString &current)
{
    const QSignalBlocker blocker(m_source);
    m_source->clear();
    m_source->addItem(tr("(none)"), QString());
    for (int c = 0; c < m_table.columns.size(); ++c) {
        if (c != m_column)
            m_source->addItem(
                QStringLiteral("%1 (%2)").arg(m_table.columns.at(c).name, m_table.columns.at(c).type),
                m_table.columns.at(c).name);
    }
    if (!current.isEmpty() && m_source->findData(current) < 0)
        m_source->addItem(current, current);
    m_source->setCurrentIndex(std::max(0, m_source->findData(current)));
}

void WeightsByField::fillGrid(const QJsonObject &weightsBy)
{
    m_filling = true;
    const QSignalBlocker blocker(m_grid);
    const QString sourceName = weightsBy.value(kColumn).toString();
    const QJsonObject weights = weightsBy.value(keys::weights).toObject();
    QStringList values;
    if (m_column >= 0) {
        for (const QJsonValue &value : m_table.columns.at(m_column).constraints.value(keys::values).toArray())
            values.append(value.toString());
    }
    // Rows: the source enum's values, then values the weights name beyond them.
    QStringList rows;
    if (const Column *source = m_table.column(sourceName)) {
        for (const QJsonValue &value : source->constraints.value(keys::values).toArray())
            rows.append(value.toString());
    }
    for (auto it = weights.begin(); it != weights.end(); ++it) {
        if (!rows.contains(it.key()))
            rows.append(it.key());
    }
    // Rows added by hand and not yet filled in stay while the same source is shown.
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        const QString row = m_grid->verticalHeaderItem(r) ? m_grid->verticalHeaderItem(r)->text() : QString();
        if (m_grid->property("source").toString() == sourceName && !rows.contains(row))
            rows.append(row);
    }
    m_grid->setProperty("source", sourceName);
    m_grid->clear();
    m_grid->setColumnCount(int(values.size()));
    m_grid->setRowCount(int(rows.size()));
    m_grid->setHorizontalHeaderLabels(values);
    m_grid->setVerticalHeaderLabels(rows);
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonArray list = weights.value(rows.at(r)).toArray();
        for (int c = 0; c < values.size(); ++c) {
            auto *item =
                new QTableWidgetItem(c < list.size() ? QString::number(list.at(c).toDouble()) : QString());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_grid->setItem(r, c, item);
        }
    }
    m_grid->setEnabled(!sourceName.isEmpty());
    m_newValue->setEnabled(!sourceName.isEmpty());
    m_add->setEnabled(!sourceName.isEmpty());
    m_filling = false;
}

void WeightsByField::setTable(const Table &table, int column)
{
    // Rebuild only when what the pickers show changed (names, types, values), not on every weight typed.
    auto signature = [](const Table &t, int c) {
        QStringList parts{QString::number(c)};
        for (const Column &other : t.columns)
            parts << other.name << other.type
                  << QString::fromUtf8(
                         QJsonDocument(other.constraints.value(keys::values).toArray()).toJson());
        return parts;
    };
    const bool same = m_column >= 0 && signature(m_table, m_column) == signature(table, column);
    m_table = table;
    m_column = column;
    if (same)
        return;
    const QJsonObject weightsBy = shown().value(key().name).toObject();
    fillSources(weightsBy.value(kColumn).toString());
    fillGrid(weightsBy);
}

void WeightsByField::display(const QJsonObject &values)
{
    const QJsonObject weightsBy = values.value(key().name).toObject();
    fillSources(weightsBy.value(kColumn).toString());
    fillGrid(weightsBy);
}

void WeightsByField::sourceChosen()
{
    if (updating())
        return;
    const QString source = m_source->currentData().toString();
    if (source.isEmpty()) {
        change(key().name, QJsonValue(QJsonValue::Undefined));
        fillGrid({});
        return;
    }
    // Another source's values mean nothing for this one: its weights start empty.
    const QJsonObject weightsBy{{kColumn, source}, {keys::weights, QJsonObject()}};
    change(key().name, weightsBy);
    fillGrid(weightsBy);
}

void WeightsByField::addValue()
{
    const QString value = m_newValue->text().trimmed();
    if (value.isEmpty() || m_source->currentData().toString().isEmpty())
        return;
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        if (m_grid->verticalHeaderItem(r) && m_grid->verticalHeaderItem(r)->text() == value)
            return;
    }
    const QSignalBlocker blocker(m_grid);
    const int row = m_grid->rowCount();
    m_grid->insertRow(row);
    m_grid->setVerticalHeaderItem(row, new QTableWidgetItem(value));
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setItem(row, c, new QTableWidgetItem);
    m_newValue->clear();
    m_grid->setCurrentCell(row, 0);
}

void WeightsByField::gridEdited()
{
    if (updating() || m_filling)
        return;
    QJsonObject weights;
    bool valid = true;
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        QJsonArray list;
        bool complete = true;
        for (int c = 0; c < m_grid->columnCount(); ++c) {
            const QTableWidgetItem *item = m_grid->item(r, c);
            const QString text = item ? item->text().trimmed() : QString();
            bool ok = false;
            const double weight = text.toDouble(&ok);
            if (text.isEmpty()) {
                complete = false;
            } else if (!ok || weight < 0) {
                valid = false;
            }
            list.append(weight);
        }
        if (complete && m_grid->columnCount() > 0 && m_grid->verticalHeaderItem(r))
            weights.insert(m_grid->verticalHeaderItem(r)->text(), list);
    }
    showInvalid(m_grid, !valid);
    if (!valid)
        return; // a weight that is no number ≥ 0 is not applied
    change(key().name, QJsonObject{{kColumn, m_source->currentData().toString()}, {keys::weights, weights}});
}

} // namespace fabrica
