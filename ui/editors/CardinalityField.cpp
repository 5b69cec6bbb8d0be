#include "CardinalityField.h"

#include "DistributionEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>

namespace fabrica {

namespace {

const QString kMin = QStringLiteral("min");
const QString kMax = QStringLiteral("max");
const QString kDistribution = QStringLiteral("distribution");
constexpr int kMaxChildren = 1000000;

} // namespace

CardinalityField::CardinalityField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_mode(new QComboBox)
    , m_pages(new QStackedWidget)
    , m_min(new QSpinBox)
    , m_max(new QSpinBox)
    , m_distribution(new DistributionEditor)
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("editor"));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_mode->setObjectName(QStringLiteral("cardinalityMode"));
    m_mode->setAccessibleName(tr("Children per parent"));
    m_mode->addItem(tr("Any parent, uniformly"));
    m_mode->addItem(tr("Between min and max per parent"));
    m_mode->addItem(tr("Counts shaped by a distribution"));
    layout->addWidget(m_mode);

    m_pages->addWidget(new QWidget);
    auto *range = new QWidget;
    auto *rangeLayout = new QHBoxLayout(range);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    for (QSpinBox *spin : {m_min, m_max}) {
        spin->setRange(0, kMaxChildren);
        spin->setObjectName(spin == m_min ? QStringLiteral("cardinalityMin")
                                          : QStringLiteral("cardinalityMax"));
        auto *label = new QLabel(spin == m_min ? tr("min") : tr("max"));
        label->setBuddy(spin);
        rangeLayout->addWidget(label);
        rangeLayout->addWidget(spin, 1);
        connect(spin, &QSpinBox::valueChanged, this, &CardinalityField::rangeEdited);
    }
    m_pages->addWidget(range);
    m_pages->addWidget(m_distribution);
    layout->addWidget(m_pages, 1);
    setEditor(box);
    setFocusProxy(m_mode);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &CardinalityField::modeChosen);
    connect(m_distribution, &DistributionEditor::edited, this, [this](const QJsonObject &distribution) {
        change(this->key().name, QJsonObject{{kDistribution, distribution}});
    });
}

void CardinalityField::modeChosen(int mode)
{
    m_pages->setCurrentIndex(mode);
    if (updating())
        return;
    switch (mode) {
    case Range:
        change(key().name, QJsonObject{{kMin, m_min->value()}, {kMax, qMax(m_min->value(), m_max->value())}});
        break;
    case Shaped:
        change(key().name, QJsonObject{{kDistribution, m_distribution->value()}});
        break;
    default:
        change(key().name, QJsonValue(QJsonValue::Undefined));
    }
}

void CardinalityField::rangeEdited()
{
    if (!updating() && m_mode->currentIndex() == Range)
        change(key().name, QJsonObject{{kMin, m_min->value()}, {kMax, m_max->value()}});
}

void CardinalityField::display(const QJsonObject &values)
{
    const QJsonObject value = values.value(key().name).toObject();
    Mode mode = None;
    if (value.contains(kDistribution)) {
        mode = Shaped;
        m_distribution->setValue(value.value(kDistribution).toObject());
    } else if (values.contains(key().name)) {
        mode = Range;
        m_min->setValue(value.value(kMin).toInt());
        m_max->setValue(value.value(kMax).toInt());
    } else {
        m_min->setValue(1); // what choosing "between" starts with
        m_max->setValue(3);
        m_distribution->setValue(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("poisson")}, {QStringLiteral("lambda"), 3}});
    }
    m_mode->setCurrentIndex(mode);
    m_pages->setCurrentIndex(mode);
}

} // namespace fabrica
