#pragma once

#include "ConstraintField.h"

class QLineEdit;

namespace fabrica {

// Any other object-valued key as one line of JSON; text that is not a JSON object is marked and not
// reported.
class ObjectField : public ConstraintField
{
    Q_OBJECT

public:
    explicit ObjectField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    QLineEdit *m_line;
};

} // namespace fabrica
