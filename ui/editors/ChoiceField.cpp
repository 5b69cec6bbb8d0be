#include "ChoiceField.h"

#include <QComboBox>

namespace fabrica {

ChoiceField::ChoiceField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("editor"));
    m_combo->setAccessibleName(key.name);
    m_combo->addItems(key.choices);
    setEditor(m_combo);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (updating() || index < 0)
            return;
        showAsDefault(m_combo, false);
        change(this->key().name, m_combo->itemText(index));
    });
}

void ChoiceField::display(const QJsonObject &values)
{
    const QString value = effective(values).toString();
    int index = m_combo->findText(value);
    if (index < 0 && !value.isEmpty()) { // not a valid choice: show it anyway, validation says why
        m_combo->addItem(value);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(index);
    showAsDefault(m_combo, !values.contains(key().name));
}

} // namespace fabrica
