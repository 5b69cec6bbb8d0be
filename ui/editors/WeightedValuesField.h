#pragma once

#include "ConstraintField.h"

class QTableView;
class QToolButton;

namespace fabrica {

class WeightedValuesModel;

// A "values" list, with its "weights" when the type has them (enum): a table of value and weight with a
// bar per weight showing its share; rows can be added, removed and reordered. Both keys change together,
// so adding a value adds its weight in the same undo step.
class WeightedValuesField : public ConstraintField
{
    Q_OBJECT

public:
    // weights: the type's "weights" key, nullptr when it has none (the list of a gender column).
    WeightedValuesField(const ConstraintKey &values, const ConstraintKey *weights, QWidget *parent = nullptr);

    QStringList keys() const override;
    bool isWide() const override { return true; }
    WeightedValuesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    void display(const QJsonObject &values) override;

private:
    void modelEdited();
    void updateButtons();
    void fitHeight();
    QList<int> selectedRows() const;

    QString m_weightsKey;
    WeightedValuesModel *m_model;
    QTableView *m_view;
    QToolButton *m_add, *m_remove, *m_up, *m_down, *m_equal = nullptr;
};

} // namespace fabrica
