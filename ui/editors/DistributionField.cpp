#include "DistributionField.h"

#include "DistributionEditor.h"

namespace fabrica {

DistributionField::DistributionField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_editor(new DistributionEditor(this))
{
    m_editor->setObjectName(QStringLiteral("editor"));
    setEditor(m_editor);
    connect(m_editor, &DistributionEditor::edited, this, [this](const QJsonObject &distribution) {
        showAsDefault(m_editor, false);
        change(this->key().name, distribution);
    });
}

void DistributionField::display(const QJsonObject &values)
{
    m_editor->setValue(effective(values).toObject());
    showAsDefault(m_editor, !values.contains(key().name));
}

} // namespace fabrica
