#pragma once

#include "ConstraintField.h"

class QCheckBox;

namespace fabrica {

// A boolean constraint key as a check box.
class BooleanField : public ConstraintField
{
    Q_OBJECT

public:
    explicit BooleanField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    QCheckBox *m_box;
};

} // namespace fabrica
