#pragma once

#include "generate/RowWindow.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace fabrica {

class GoToRowEdit;

class PreviewModel;
class SchemaSession;

// The infinite preview: every row of one table of the session's schema as the engine makes it for a seed,
// scrolled through without holding any (PreviewModel over a RowWindow). A short while after each edit of
// the schema the window is compiled again on a worker thread, while the old rows stay in view; the table,
// the current cell and the scroll position are kept when the table still exists. A schema the engine
// refuses shows its message instead of the table.
class PreviewPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget *parent = nullptr);
    ~PreviewPanel() override;

    // The schema to preview (nullptr: none); shows its first table.
    void setSession(SchemaSession *session);
    SchemaSession *session() const { return m_session; }
    // Shows the table called name; false (and nothing changes) when the schema has none of that name.
    bool showTable(const QString &name);
    QString currentTable() const;
    quint64 seed() const { return m_seed; }
    void setSeed(quint64 seed);
    // Scrolls to row `row`, counted from 1 as the row header shows it (clamped to the table), and selects
    // it. Before the table's rows are ready, it happens as soon as they are.
    void goToRow(qint64 row);

    // Time from the last edit to the new compile (default 40 ms: the rows are back within 100 ms).
    void setRefreshDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    // A compile is waiting or running.
    bool isRefreshing() const { return m_timer.isActive() || m_running; }
    // What is shown instead of the table (the schema's problem, no table), empty while the table shows.
    QString message() const;
    PreviewModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

signals:
    void seedChanged(quint64 seed);
    // The table shown is another one, or was renamed (empty: none).
    void currentTableChanged(const QString &name);
    // New rows, or a message, are shown after a refresh.
    void refreshed();

private:
    struct Outcome
    {
        quint64 generation = 0;
        quint64 table = 0; // m_tableSerial of the request
        std::shared_ptr<const RowWindow> window;
        Error error;
    };

    void connectDocument();
    void selectTable(int index);
    void announceTable();
    void updateTablePicker();
    void scheduleRefresh();
    void refreshNow();
    void start();
    void finished();
    void apply(const Outcome &outcome);
    void fitColumns();
    void showMessage(const QString &text);
    void fitRowHeader();
    void updateStatus();
    void seedEdited();

    SchemaSession *m_session = nullptr;
    int m_tableIndex = -1;     // into the document's tables; follows inserts, moves and removals
    quint64 m_tableSerial = 0; // bumped whenever m_tableIndex starts to mean another table
    quint64 m_shownSerial = 0; // m_tableSerial of the rows in the model
    quint64 m_seed = 42;
    qint64 m_pendingRow = 0;  // goToRow() waiting for its table's rows; 0 = none
    QString m_announcedTable; // as last told by currentTableChanged

    QTimer m_timer;
    QFutureWatcher<Outcome> m_watcher;
    quint64 m_generation = 0; // bumped by every edit and every change of table or seed
    bool m_running = false;   // a compile runs, or its result has yet to be taken in
    bool m_pending = false;   // a refresh was asked for while one was running

    QComboBox *m_tablePicker;
    QLineEdit *m_seedEdit;
    GoToRowEdit *m_goToEdit;
    QStackedWidget *m_stack;
    QTableView *m_view;
    QLabel *m_message;
    QLabel *m_status;
    PreviewModel *m_model;
};

} // namespace fabrica
