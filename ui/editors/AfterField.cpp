#include "AfterField.h"

#include "model/ConstraintKeys.h"
#include "validate/RelationChecker.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace fabrica {

AfterField::AfterField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_source(new QComboBox)
    , m_min(new QDoubleSpinBox)
    , m_max(new QDoubleSpinBox)
    , m_unit(new QComboBox)
    , m_unitLabel(new QLabel(tr("unit")))
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("editor"));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_source->setObjectName(QStringLiteral("afterColumn"));
    m_source->setAccessibleName(tr("Column this one follows"));
    m_source->setToolTip(tr("The column of the same row this one comes after; \"none\" for no order"));
    layout->addWidget(m_source, 2);
    for (QDoubleSpinBox *spin : {m_min, m_max}) {
        spin->setObjectName(spin == m_min ? QStringLiteral("afterMin") : QStringLiteral("afterMax"));
        spin->setRange(-1e9, 1e9);
        spin->setDecimals(3);
        auto *label = new QLabel(spin == m_min ? tr("min") : tr("max"));
        label->setBuddy(spin);
        layout->addWidget(label);
        layout->addWidget(spin, 1);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &AfterField::edited);
    }
    m_unit->setObjectName(QStringLiteral("afterUnit"));
    for (const QString &unit : RelationChecker::gapUnits())
        m_unit->addItem(unit, unit);
    m_unitLabel->setBuddy(m_unit);
    layout->addWidget(m_unitLabel);
    layout->addWidget(m_unit, 1);
    setEditor(box);
    setFocusProxy(m_source);
    fillSources({});
    connect(m_source, &QComboBox::currentIndexChanged, this, &AfterField::edited);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &AfterField::edited);
}

void AfterField::fillSources(const QString &current)
{
    const QSignalBlocker blocker(m_source);
    m_source->clear();
    m_source->addItem(tr("(none)"), QString());
    const QString type = m_column >= 0 ? m_table.columns.at(m_column).type : QString();
    m_temporal = RelationChecker::isTemporal(type) || type.isEmpty();
    for (int c = 0; c < m_table.columns.size(); ++c) {
        const Column &other = m_table.columns.at(c);
        const bool fits = m_temporal
                              ? RelationChecker::isTemporal(other.type) &&
                                    (other.type == QLatin1String("time")) == (type == QLatin1String("time"))
                              : RelationChecker::isNumericSource(other.type);
        if (c != m_column && (fits || other.name == current))
            m_source->addItem(QStringLiteral("%1 (%2)").arg(other.name, other.type), other.name);
    }
    if (!current.isEmpty() && m_source->findData(current) < 0)
        m_source->addItem(current, current); // a name the table lacks: shown, and explained by validation
    m_source->setCurrentIndex(std::max(0, m_source->findData(current)));
    m_unit->setVisible(m_temporal);
    m_unitLabel->setVisible(m_temporal);
}

void AfterField::setTable(const Table &table, int column)
{
    m_table = table;
    m_column = column;
    fillSources(shown().value(key().name).toObject().value(keys::sourceColumn).toString());
}

void AfterField::display(const QJsonObject &values)
{
    const QJsonObject after = values.value(key().name).toObject();
    fillSources(after.value(keys::sourceColumn).toString());
    const double min = after.value(keys::gapMin).toDouble(0);
    m_min->setValue(min);
    m_max->setValue(after.value(keys::gapMax).toDouble(min + 30));
    m_unit->setCurrentIndex(
        std::max(0, m_unit->findData(after.value(keys::gapUnit).toString(QStringLiteral("days")))));
    const bool set = !after.value(keys::sourceColumn).toString().isEmpty();
    m_min->setEnabled(set);
    m_max->setEnabled(set);
    m_unit->setEnabled(set);
}

void AfterField::edited()
{
    if (updating())
        return;
    const QString source = m_source->currentData().toString();
    const bool set = !source.isEmpty();
    m_min->setEnabled(set);
    m_max->setEnabled(set);
    m_unit->setEnabled(set);
    if (!set) {
        change(key().name, QJsonValue(QJsonValue::Undefined));
        return;
    }
    // Keys the form does not edit (a distribution) stay as they are.
    QJsonObject after = shown().value(key().name).toObject();
    after.insert(keys::sourceColumn, source);
    after.insert(keys::gapMin, m_min->value());
    after.insert(keys::gapMax, std::max(m_min->value(), m_max->value()));
    if (m_temporal)
        after.insert(keys::gapUnit, m_unit->currentData().toString());
    else
        after.remove(keys::gapUnit);
    change(key().name, after);
}

} // namespace fabrica
