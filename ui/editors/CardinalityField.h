#pragma once

#include "ConstraintField.h"

class QComboBox;
class QSpinBox;
class QStackedWidget;

namespace fabrica {

class DistributionEditor;

// A foreign key's "cardinality": none (children pick parents uniformly), {"min": a, "max": b} children
// per parent, or {"distribution": {…}} shaping the counts.
class CardinalityField : public ConstraintField
{
    Q_OBJECT

public:
    enum Mode { None, Range, Shaped };

    explicit CardinalityField(const ConstraintKey &key, QWidget *parent = nullptr);

protected:
    void display(const QJsonObject &values) override;

private:
    void modeChosen(int mode);
    void rangeEdited();

    QComboBox *m_mode;
    QStackedWidget *m_pages;
    QSpinBox *m_min;
    QSpinBox *m_max;
    DistributionEditor *m_distribution;
};

} // namespace fabrica
