#pragma once

#include "ConstraintField.h"

class QLineEdit;
class QSpinBox;

namespace fabrica {

// An integer constraint key: a spin box when the key's range fits in 32 bits, otherwise a line edit
// that accepts exactly the 64-bit whole numbers of the range (a spin box would round them).
class IntegerField : public ConstraintField
{
    Q_OBJECT

public:
    explicit IntegerField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    void textEdited(const QString &text);
    bool inRange(qint64 value) const;

    QSpinBox *m_spin = nullptr;
    QLineEdit *m_line = nullptr;
};

} // namespace fabrica
