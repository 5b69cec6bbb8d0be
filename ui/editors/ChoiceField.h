#pragma once

#include "ConstraintField.h"

class QComboBox;

namespace fabrica {

// A choice constraint key as a combo box of the key's choices.
class ChoiceField : public ConstraintField
{
    Q_OBJECT

public:
    explicit ChoiceField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    QComboBox *m_combo;
};

} // namespace fabrica
