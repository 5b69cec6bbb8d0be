#pragma once

#include "ConstraintField.h"

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QStandardItem;
class QStandardItemModel;
class QToolButton;
class QTreeView;

namespace fabrica {

// The "fields" of a json column: a tree of field name → data type and constraints (as one line of JSON),
// where a field of type json holds its own fields as children. A toggle shows the whole object as raw
// JSON instead, for what the tree does not cover.
class JsonFieldsField : public ConstraintField
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, ConstraintsColumn };

    explicit JsonFieldsField(const ConstraintKey &key, QWidget *parent = nullptr);

    bool isWide() const override { return true; }
    QTreeView *tree() const { return m_tree; }
    QStandardItemModel *model() const { return m_model; }
    QString errorText() const;

    // The fields object the tree shows, or an error message when a name repeats or constraints are no
    // JSON object.
    Result<QJsonObject> fieldsFromTree() const;

protected:
    void display(const QJsonObject &values) override;

private:
    void fill(QStandardItem *parent, const QJsonObject &fields);
    void refill(const QJsonObject &fields);
    QStandardItem *addItem(QStandardItem *parent, const QString &name, const QString &type,
                           const QJsonObject &constraints);
    // The fields under parent (the invisible root for the top level).
    Result<QJsonObject> fieldsOf(QStandardItem *parent) const;
    QStandardItem *currentNameItem() const;
    void treeEdited();
    void rawEdited();
    void addField(bool nested);
    void removeField();
    void showError(const QString &message);
    void updateButtons();

    QStackedWidget *m_pages;
    QStandardItemModel *m_model;
    QTreeView *m_tree;
    QPlainTextEdit *m_raw;
    QLabel *m_error;
    QToolButton *m_add, *m_addNested, *m_remove, *m_rawToggle;
    bool m_filling = false;
};

} // namespace fabrica
