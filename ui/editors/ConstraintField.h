#pragma once

#include "generate/ColumnPreview.h"
#include "model/Table.h"
#include "types/DataType.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;
class QToolButton;

namespace fabrica {

// One edit of one constraint key; an Undefined value removes the key.
struct KeyChange
{
    QString key;
    QJsonValue value;
};
using KeyChanges = QList<KeyChange>;

// The editor of one constraint key (or of keys edited together, such as an enum's values and weights) in
// the column editor's form. It shows the key's default greyed while the key is absent, offers a reset
// button once it is set, frames itself in red with the message when validation found a problem, and
// reports each user change through edited(). It never changes the document itself.
class ConstraintField : public QWidget
{
    Q_OBJECT

public:
    explicit ConstraintField(const ConstraintKey &key, QWidget *parent = nullptr);

    const ConstraintKey &key() const { return m_key; }
    // The constraint keys this field edits.
    virtual QStringList keys() const { return {m_key.name}; }

    // Shows this field's keys of the column's constraints. When they are what the field already shows
    // (because the user just typed them), the editor is left alone, so the document never fights the user.
    void setConstraints(const QJsonObject &constraints);
    // Whether any of keys() is set in the column.
    bool isSet() const { return !m_shown.isEmpty(); }

    // The validation messages about this field's keys; empty for none.
    void setProblem(const QString &message);
    QString problem() const { return m_problem; }

    virtual void focusEditor();
    // Tables and trees span the form instead of sitting beside their label.
    virtual bool isWide() const { return false; }
    // The schema's key columns ("table.column"), for foreign-key pickers.
    virtual void setKeyColumns(const QStringList &columns) { Q_UNUSED(columns) }
    // The column's table and its index, for fields that pick other columns of the row (relations).
    virtual void setTable(const Table &table, int column)
    {
        Q_UNUSED(table)
        Q_UNUSED(column)
    }
    // Example values of the column, for fields whose effect is best seen (pattern, template, format).
    virtual void setExamples(const ColumnPreview::Values &values, const QString &error)
    {
        Q_UNUSED(values)
        Q_UNUSED(error)
    }

signals:
    void edited(const fabrica::KeyChanges &changes);

protected:
    // Shows values: the constraints of keys() that are set (absent keys are missing). Called only when
    // they differ from what the field shows; editor signals emitted meanwhile are not user edits.
    virtual void display(const QJsonObject &values) = 0;
    // The editor widget, placed before the reset button.
    void setEditor(QWidget *editor, Qt::Alignment alignment = {});
    QWidget *editor() const { return m_editor; }
    // Reports user changes (Undefined removes a key) and remembers them as shown.
    void change(const QString &key, const QJsonValue &value);
    void change(const KeyChanges &changes);
    // True while display() runs.
    bool updating() const { return m_updating; }
    const QJsonObject &shown() const { return m_shown; }
    // The value of key as the column has it, else the key's default.
    QJsonValue effective(const QJsonObject &values) const;
    // Greys a widget that shows a default instead of a set value.
    static void showAsDefault(QWidget *widget, bool isDefault);
    // Marks an editor whose text cannot be used (and is therefore not reported).
    static void showInvalid(QWidget *widget, bool invalid);

    void paintEvent(QPaintEvent *event) override;

private:
    void reset();
    void updateChrome();

    ConstraintKey m_key;
    QJsonObject m_shown;
    QGridLayout *m_layout;
    QWidget *m_editor = nullptr;
    QToolButton *m_reset;
    QLabel *m_problemIcon;
    QString m_problem;
    bool m_updating = false;
    bool m_displayed = false;
};

} // namespace fabrica

Q_DECLARE_METATYPE(fabrica::KeyChanges)
