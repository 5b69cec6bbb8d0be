#include "BooleanField.h"

#include <QCheckBox>

namespace fabrica {

BooleanField::BooleanField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_box(new QCheckBox(this))
{
    m_box->setObjectName(QStringLiteral("editor"));
    m_box->setAccessibleName(key.name);
    setEditor(m_box, Qt::AlignLeft | Qt::AlignVCenter); // only the box itself toggles
    connect(m_box, &QCheckBox::toggled, this, [this](bool checked) {
        showAsDefault(m_box, false);
        change(this->key().name, checked);
    });
}

void BooleanField::display(const QJsonObject &values)
{
    m_box->setChecked(effective(values).toBool());
    showAsDefault(m_box, !values.contains(key().name));
}

} // namespace fabrica
