#include "IntegerField.h"

#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace fabrica {

namespace {

// Bounds beyond 32 bits need the line edit; an open end is clamped to 32 bits by the spin box.
bool fitsSpinBox(const ConstraintKey &key)
{
    const bool lowFits = !std::isfinite(key.minimum) || key.minimum >= double(INT_MIN);
    const bool highFits = !std::isfinite(key.maximum) || key.maximum <= double(INT_MAX);
    return lowFits && highFits;
}

QString defaultText(const ConstraintKey &key)
{
    return key.defaultValue.isDouble() ? QString::number(key.defaultValue.toInteger()) : QString();
}

} // namespace

IntegerField::IntegerField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
{
    if (fitsSpinBox(key)) {
        m_spin = new QSpinBox(this);
        m_spin->setRange(std::isfinite(key.minimum) ? int(key.minimum) : INT_MIN,
                         std::isfinite(key.maximum) ? int(key.maximum) : INT_MAX);
        m_spin->setObjectName(QStringLiteral("editor"));
        m_spin->setAccessibleName(key.name);
        setEditor(m_spin);
        connect(m_spin, &QSpinBox::valueChanged, this, [this](int value) {
            if (updating())
                return;
            showAsDefault(m_spin, false);
            change(this->key().name, qint64(value));
        });
    } else {
        m_line = new QLineEdit(this);
        m_line->setObjectName(QStringLiteral("editor"));
        m_line->setAccessibleName(key.name);
        m_line->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?[0-9]{0,19}")), m_line));
        m_line->setPlaceholderText(defaultText(key));
        setEditor(m_line);
        connect(m_line, &QLineEdit::textEdited, this, &IntegerField::textEdited);
    }
}

bool IntegerField::inRange(qint64 value) const
{
    // Compared as long double, so the 64-bit bounds (stored as doubles) keep their exact meaning.
    const long double v = value;
    return v >= static_cast<long double>(key().minimum) && v <= static_cast<long double>(key().maximum);
}

void IntegerField::textEdited(const QString &text)
{
    if (text.isEmpty()) {
        showInvalid(m_line, false);
        change(key().name, QJsonValue(QJsonValue::Undefined));
        return;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    showInvalid(m_line, !ok || !inRange(value));
    if (ok && inRange(value))
        change(key().name, value);
}

void IntegerField::display(const QJsonObject &values)
{
    const bool set = values.contains(key().name);
    if (m_spin) {
        const QJsonValue value = effective(values);
        m_spin->setValue(value.isDouble() ? int(std::clamp<qint64>(value.toInteger(), m_spin->minimum(),
                                                                   m_spin->maximum()))
                                          : m_spin->minimum());
        showAsDefault(m_spin, !set);
    } else {
        m_line->setText(set ? QString::number(values.value(key().name).toInteger()) : QString());
        showInvalid(m_line, false);
    }
}

} // namespace fabrica
