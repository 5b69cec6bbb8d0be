#pragma once

#include "ConstraintField.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace fabrica {

// The "after" relation: the column follows another column of the row (picked from the table's date or
// number columns that fit) by a gap between min and max, in a unit for dates and times. A distribution
// set in the JSON is kept while the other parts are edited.
class AfterField : public ConstraintField
{
    Q_OBJECT

public:
    explicit AfterField(const ConstraintKey &key, QWidget *parent = nullptr);

    void setTable(const Table &table, int column) override;

protected:
    void display(const QJsonObject &values) override;

private:
    void edited();
    void fillSources(const QString &current);

    QComboBox *m_source;
    QDoubleSpinBox *m_min;
    QDoubleSpinBox *m_max;
    QComboBox *m_unit;
    QLabel *m_unitLabel;
    Table m_table;
    int m_column = -1;
    bool m_temporal = true;
};

} // namespace fabrica
