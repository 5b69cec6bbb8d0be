#include "NumberField.h"

#include <QDoubleSpinBox>

#include <cmath>

namespace fabrica {

namespace {

constexpr double kOpenEnd = 1e15; // where an unbounded key's spin box stops: beyond, doubles lose cents

// Shows the shortest text that reads back as the value, in the user's locale.
class ShortestSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', QLocale::FloatingPointShortest);
        text.remove(locale().groupSeparator());
        return text;
    }
};

} // namespace

NumberField::NumberField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_spin(new ShortestSpinBox(this))
{
    m_spin->setObjectName(QStringLiteral("editor"));
    m_spin->setAccessibleName(key.name);
    m_spin->setDecimals(9);
    m_spin->setRange(std::isfinite(key.minimum) ? key.minimum : -kOpenEnd,
                     std::isfinite(key.maximum) ? key.maximum : kOpenEnd);
    setEditor(m_spin);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (updating())
            return;
        showAsDefault(m_spin, false);
        change(this->key().name, value);
    });
}

void NumberField::display(const QJsonObject &values)
{
    const QJsonValue value = effective(values);
    m_spin->setValue(value.isDouble() ? value.toDouble() : m_spin->minimum());
    showAsDefault(m_spin, !values.contains(key().name));
}

} // namespace fabrica
