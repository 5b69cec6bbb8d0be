#pragma once

#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLineEdit;

namespace fabrica {

// A distribution value {"name": …, parameters…}: the name in a combo box and a field per parameter of
// that distribution (ValueKinds' distributionParameters). Parameters are optional; an empty field leaves
// the default, which the engine derives from the column's range.
class DistributionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit DistributionEditor(QWidget *parent = nullptr);

    // Shows distribution; leaves the editor alone when it already shows exactly that.
    void setValue(const QJsonObject &distribution);
    // The distribution as edited; parameter fields that do not hold a number are left out.
    QJsonObject value() const;
    QComboBox *nameBox() const { return m_name; }
    QLineEdit *parameterEdit(const QString &parameter) const { return m_parameters.value(parameter); }

signals:
    void edited(const QJsonObject &distribution);

private:
    void rebuildParameters(const QJsonObject &values);
    void nameChosen();
    void parameterEdited();

    QComboBox *m_name;
    QHBoxLayout *m_parameterLayout;
    QMap<QString, QLineEdit *> m_parameters;
    bool m_updating = false;
};

} // namespace fabrica
