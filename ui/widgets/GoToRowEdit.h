#pragma once

#include <QLineEdit>

namespace fabrica {

// "Go to row" of a table of generated or stored rows: a row number as the status lines write it
// ("2,999,999") or plain digits, counted from 1; Return asks for it, a number that is not one is selected
// for retyping. Ctrl+G anywhere in `owner` (the panel around the table) puts the focus here.
class GoToRowEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit GoToRowEdit(QWidget *owner);

signals:
    void rowRequested(qint64 row);

private:
    void typed();
};

} // namespace fabrica
