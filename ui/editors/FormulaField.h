#pragma once

#include "ConstraintField.h"

class QLabel;
class QLineEdit;

namespace fabrica {

// The "formula" relation as text ("quantity * unit_price") with a live message under it: what is wrong and
// where while the text does not parse or names no number column of the table, else the columns it reads.
// Only a formula that checks is applied to the column.
class FormulaField : public ConstraintField
{
    Q_OBJECT

public:
    explicit FormulaField(const ConstraintKey &key, QWidget *parent = nullptr);

    void setTable(const Table &table, int column) override;
    // The message for text: empty when it checks.
    QString check(const QString &text, QStringList *reads = nullptr) const;

protected:
    void display(const QJsonObject &values) override;

private:
    void textEdited(const QString &text);
    void showMessage(const QString &text);

    QLineEdit *m_line;
    QLabel *m_message;
    Table m_table;
    int m_column = -1;
};

} // namespace fabrica
