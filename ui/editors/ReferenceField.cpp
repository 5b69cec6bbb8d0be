#include "ReferenceField.h"

#include "types/ValueKinds.h"

#include <QComboBox>
#include <QLineEdit>

namespace fabrica {

ReferenceField::ReferenceField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("editor"));
    m_combo->setAccessibleName(key.name);
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->lineEdit()->setPlaceholderText(tr("table.column"));
    setEditor(m_combo);
    connect(m_combo, &QComboBox::currentTextChanged, this, &ReferenceField::textChanged);
}

void ReferenceField::setKeyColumns(const QStringList &columns)
{
    QStringList current;
    for (int i = 0; i < m_combo->count(); ++i)
        current << m_combo->itemText(i);
    if (current == columns)
        return;
    m_filling = true;
    const QString text = m_combo->currentText();
    const int cursor = m_combo->lineEdit()->cursorPosition();
    m_combo->clear();
    m_combo->addItems(columns);
    m_combo->setCurrentIndex(-1);
    m_combo->setEditText(text);
    m_combo->lineEdit()->setCursorPosition(cursor);
    m_filling = false;
}

void ReferenceField::textChanged(const QString &text)
{
    if (m_filling || updating())
        return;
    if (text.trimmed().isEmpty()) {
        showInvalid(m_combo, false);
        change(key().name, QJsonValue(QJsonValue::Undefined));
        return;
    }
    const bool wellFormed = matchesKind(QJsonValue(text), ValueKind::Reference);
    showInvalid(m_combo, !wellFormed);
    if (wellFormed)
        change(key().name, text);
}

void ReferenceField::display(const QJsonObject &values)
{
    const QString text = values.value(key().name).toString();
    m_filling = true;
    const int index = m_combo->findText(text);
    m_combo->setCurrentIndex(index);
    if (index < 0)
        m_combo->setEditText(text);
    m_filling = false;
    showInvalid(m_combo, false);
}

} // namespace fabrica
