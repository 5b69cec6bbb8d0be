#pragma once

#include "ConstraintField.h"

class QLabel;
class QLineEdit;

namespace fabrica {

// A string constraint key as a line edit with the default as placeholder. For keys whose effect is best
// seen (a pattern's regular expression, a template, an output format) the column's live example values
// show under the edit.
class TextField : public ConstraintField
{
    Q_OBJECT

public:
    explicit TextField(const ConstraintKey &key, QWidget *parent = nullptr);

    void setExamples(const ColumnPreview::Values &values, const QString &error) override;
    // Keys that get the examples line.
    static bool showsExamples(const QString &key);

protected:
    void display(const QJsonObject &values) override;

private:
    QLineEdit *m_line;
    QLabel *m_examples = nullptr;
};

} // namespace fabrica
