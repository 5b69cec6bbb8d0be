#pragma once

#include "ConstraintField.h"

class QDoubleSpinBox;

namespace fabrica {

// A number constraint key as a spin box that shows numbers as written (12.5, not 12.500000).
class NumberField : public ConstraintField
{
    Q_OBJECT

public:
    explicit NumberField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    QDoubleSpinBox *m_spin;
};

} // namespace fabrica
