#pragma once

#include "ConstraintField.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace fabrica {

// The "Constraints" tab of the column editor: one field per constraint key the column's type accepts,
// built from the type registry (the type's own keys, then the common keys), each with the widget of its
// value kind. Reports user edits through edited(); shows the document through setConstraints().
class ConstraintForm : public QWidget
{
    Q_OBJECT

public:
    explicit ConstraintForm(QWidget *parent = nullptr);

    // Rebuilds the fields for type; nullptr (an unknown type) leaves a note instead.
    void setType(const DataType *type);
    const DataType *type() const { return m_type; }
    void setConstraints(const QJsonObject &constraints);
    // Validation messages per constraint key.
    void setProblems(const QHash<QString, QStringList> &problems);
    void setKeyColumns(const QStringList &columns);
    // The column's table and index, for the relation fields' column pickers.
    void setTable(const Table &table, int column);
    void setExamples(const ColumnPreview::Values &values, const QString &error);

    // The keys the form edits, in form order (weights included, edited with values).
    QStringList keys() const;
    // The field editing key (an enum's weights: the values field); nullptr when the form has none.
    ConstraintField *field(const QString &key) const;
    // Shows and focuses the field of key; false when the form has none.
    bool focusKey(const QString &key);

    // The field for one key of type; weights: the type's weights key when key is its values list.
    static ConstraintField *createField(const ConstraintKey &key, const ConstraintKey *weights);
    // Whether the form shows common key `key` for type (relations only where they work).
    static bool appliesTo(const QString &key, const DataType &type);

signals:
    void edited(const fabrica::KeyChanges &changes);

private:
    void clearFields();

    QFormLayout *m_layout;
    QLabel *m_note;
    const DataType *m_type = nullptr;
    QList<ConstraintField *> m_fields;
    QHash<QString, ConstraintField *> m_byKey;
    QJsonObject m_constraints;
    QStringList m_keyColumns;
    Table m_table;
    int m_column = -1;
};

} // namespace fabrica
