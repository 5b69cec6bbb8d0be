#pragma once

#include "ConstraintField.h"

class QComboBox;

namespace fabrica {

// A foreign-key target: an editable combo box listing the schema's key columns ("table.column" of
// primary-key and unique columns).
class ReferenceField : public ConstraintField
{
    Q_OBJECT

public:
    explicit ReferenceField(const ConstraintKey &key, QWidget *parent = nullptr);

    void setKeyColumns(const QStringList &columns) override;

protected:
    void display(const QJsonObject &values) override;

private:
    void textChanged(const QString &text);

    QComboBox *m_combo;
    bool m_filling = false;
};

} // namespace fabrica
