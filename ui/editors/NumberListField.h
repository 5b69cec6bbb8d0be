#pragma once

#include "ConstraintField.h"

#include <QJsonArray>

#include <optional>

class QLineEdit;

namespace fabrica {

// A list of numbers as comma-separated text ("70, 15, 10"); text that is not such a list is marked and
// not reported.
class NumberListField : public ConstraintField
{
    Q_OBJECT

public:
    explicit NumberListField(const ConstraintKey &key, QWidget *parent = nullptr);

    // The numbers of text, or nothing when a part is not a number (C locale: '.' is the decimal point).
    static std::optional<QJsonArray> parse(const QString &text);
    static QString format(const QJsonArray &numbers);

protected:
    void display(const QJsonObject &values) override;

private:
    QLineEdit *m_line;
};

} // namespace fabrica
