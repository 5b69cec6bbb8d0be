#pragma once

#include "validate/Problem.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QToolBar;

namespace fabrica {

class ColumnTableModel;
class SchemaSession;

// Edits one table of a schema session: its name, description and row count above a grid of its columns
// (with a small toolbar and the usual keys: Insert, Delete, Ctrl+D, Alt+Up/Down). Every change goes
// through the session, so it is undoable; document changes from elsewhere show up at once.
class TableEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TableEditor(QWidget *parent = nullptr);
    ~TableEditor() override;

    // Shows table `table` of session; nullptr shows nothing (and disables the editor).
    void setTable(SchemaSession *session, int table);
    SchemaSession *session() const { return m_session; }
    // The shown table's index (it follows moves of tables), -1 for none.
    int tableIndex() const;
    // Marks the grid's cells and lists the problems of the table itself above the grid.
    void setProblems(const Problems &problems);
    // Selects column `column`; focuses the cell of key when the grid has one (notNull, primaryKey,
    // unique, references, nullPercent, type), else the name.
    void focusColumn(int column, const QString &key = {});
    // The selected columns of the grid, ascending.
    QList<int> selectedColumns() const;
    ColumnTableModel *model() const { return m_model; }

signals:
    // Double click or Enter on a row: the main window shows that column's editor.
    void columnActivated(int table, int column);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *makeAction(const QString &objectName, const QString &icon, const QString &text,
                        const QString &toolTip, const QKeySequence &shortcut);
    void buildGrid();
    bool hasTable() const;
    void refreshFields();
    void updateActions();
    void showTableProblems();
    void onNameEdited(const QString &text);
    void onNameFinished();
    void addColumn();
    void duplicateColumns();
    void deleteColumns();
    void moveSelection(int delta);
    void selectColumns(const QList<int> &columns, int gridColumn = -1);

    QPointer<SchemaSession> m_session;
    ColumnTableModel *m_model;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QSpinBox *m_rows;
    QLabel *m_problemsLabel;
    QToolBar *m_toolBar;
    QTableView *m_grid;
    QAction *m_nameInvalid; // an icon in the name field while the typed name cannot be used
    QAction *m_add;
    QAction *m_duplicate;
    QAction *m_delete;
    QAction *m_moveUp;
    QAction *m_moveDown;
    // What the fields last showed of the document: a focused field whose text differs from these is
    // being typed in, and is left alone until the document itself changes.
    QString m_shownName;
    QString m_shownDescription;
    Problems m_tableProblems;
};

} // namespace fabrica
