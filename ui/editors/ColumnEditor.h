#pragma once

#include "ConstraintField.h"
#include "validate/Problem.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QScrollArea;
class QTabWidget;

namespace fabrica {

class ColumnPreviewRunner;
class ConstraintForm;
class ConstraintJsonEditor;
class ExamplesStrip;
class SamplesEditor;
class SchemaSession;
class TypePicker;

// Edits one column of a SchemaSession: name, type and description on top; the constraints as a form built
// from the type registry, as raw JSON, and the sample values on three tabs; a strip of live example values
// from the real engine along the bottom. "Derive from Samples" makes the column follow its sample values
// (ColumnProfiler) and shows what it inferred. Every change goes through the session (one undo step each);
// the editor follows its column when tables or columns before it move, and clears when it goes away.
class ColumnEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kExampleCount = 10;
    static constexpr int kPreviewPauseMs = 150;

    explicit ColumnEditor(QWidget *parent = nullptr);
    ~ColumnEditor() override;

    // nullptr (or an invalid index) shows nothing.
    void setColumn(SchemaSession *session, int table, int column);
    SchemaSession *session() const { return m_session; }
    int tableIndex() const { return m_table; }
    int columnIndex() const { return m_column; }

    // Shows and focuses the field of a constraint key (from the problems list); a key the form does not
    // have is selected on the JSON tab.
    void focusKey(const QString &key);
    // Marks the fields of keys with problems; only the problems of this column count.
    void setProblems(const Problems &problems);
    void setSeed(quint64 seed);
    quint64 seed() const;

    ConstraintForm *form() const { return m_form; }
    ConstraintJsonEditor *jsonEditor() const { return m_json; }
    SamplesEditor *samplesEditor() const { return m_samples; }
    ExamplesStrip *examplesStrip() const { return m_strip; }
    // Enabled while the column has samples; also offered by the window's column context menu.
    QAction *deriveAction() const { return m_deriveAction; }
    // The column follows its samples (one undo step); what was inferred shows below the tabs and in
    // statusMessage. Returns the profiler's report lines.
    QStringList deriveFromSamples();

signals:
    // The edited column moved to other indexes, or went away (-1, -1).
    void columnMoved(int table, int column);
    // A line for the window's status bar.
    void statusMessage(const QString &message, int timeoutMs);

private:
    bool hasColumn() const;
    void clear();
    void refresh();
    void retarget(int table, int column);
    void schedulePreview();
    void runPreview();
    void applyChanges(const KeyChanges &changes);
    void applyProblems();
    void nameEdited();
    void typeChosen(const QString &type);
    QStringList keyColumns() const;
    void connectDocument();
    void showDeriveReport(const QString &text);

    QPointer<SchemaSession> m_session;
    int m_table = -1;
    int m_column = -1;
    QLineEdit *m_name;
    TypePicker *m_type;
    QLineEdit *m_description;
    QTabWidget *m_tabs;
    QScrollArea *m_formScroll;
    ConstraintForm *m_form;
    QLabel *m_otherProblems;
    ConstraintJsonEditor *m_json;
    SamplesEditor *m_samples;
    ExamplesStrip *m_strip;
    QAction *m_deriveAction;
    QLabel *m_deriveReport;
    ColumnPreviewRunner *m_preview;
    QTimer m_pause;
    QString m_formType; // the type the form was built for
    QString m_shownName;
    QString m_shownDescription;
    Problems m_problems;
    bool m_updating = false;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace fabrica
