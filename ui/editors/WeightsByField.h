#pragma once

#include "ConstraintField.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace fabrica {

// The "weightsBy" relation of an enum: the column whose value picks the weights, and a table with one row
// per source value and one column per value of this enum. A row with every weight filled in is used for
// that source value; rows left (partly) empty fall back to the column's own weights. An enum source lists
// its values; other sources get rows through "Add value".
class WeightsByField : public ConstraintField
{
    Q_OBJECT

public:
    explicit WeightsByField(const ConstraintKey &key, QWidget *parent = nullptr);

    void setTable(const Table &table, int column) override;
    bool isWide() const override { return true; }

protected:
    void display(const QJsonObject &values) override;

private:
    void fillSources(const QString &current);
    void fillGrid(const QJsonObject &weightsBy);
    void sourceChosen();
    void addValue();
    void gridEdited();

    QComboBox *m_source;
    QTableWidget *m_grid;
    QLineEdit *m_newValue;
    QPushButton *m_add;
    Table m_table;
    int m_column = -1;
    bool m_filling = false;
};

} // namespace fabrica
