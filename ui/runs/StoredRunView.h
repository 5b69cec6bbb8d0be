#pragma once

#include "common/Result.h"
#include "model/Schema.h"
#include "storage/StoredRecords.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace fabrica {

class GoToRowEdit;

class Repository;
class StoredRunModel;

// "Open Data" of a run: the rows a run kept in storage, one table at a time (a table picker), in a table
// view that reads only the pages it shows (StoredRunModel), with "Go to row" (Ctrl+G).
class StoredRunView : public QWidget
{
    Q_OBJECT

public:
    StoredRunView(Repository *storage, const UserRecord &user, QWidget *parent = nullptr);
    ~StoredRunView() override;

    // Reads the run and its schema (for the table order and the title) off the GUI thread, then shows
    // its first table; opened() or message() tell how it went.
    void openRun(qint64 runId);
    // A run already at hand; tables in the order to offer them (default: the run's, alphabetical).
    void showRun(const RunRecord &run, const QString &schemaName = {}, const QStringList &tables = {});

    qint64 runId() const { return m_run.id; }
    const RunRecord &run() const { return m_run; }
    QString currentTable() const;
    void setCurrentTable(const QString &table);
    QStringList tables() const;
    StoredRunModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // A refusal or failure shown above the rows, or empty.
    QString message() const;
    bool isLoading() const { return m_loading.isRunning(); }

public slots:
    // Selects row `row` (counted from 1, clamped to the table) and scrolls it into the middle.
    void goToRow(qint64 row);

signals:
    // The run's first table is shown.
    void opened(qint64 runId);

private:
    struct Loaded
    {
        Result<RunRecord> run;
        Result<Schema> schema;
    };

    void loaded();
    void tableChosen();
    void showMessage(const QString &text);
    void updateStatus();
    void fitColumns();

    Repository *m_storage;
    Actor m_actor;
    RunRecord m_run;
    qint64 m_pendingRow = 0;   // goToRow() waiting for the columns; 0 = none
    bool m_fitColumns = false; // the columns are fitted to the first page of a table
    QFutureWatcher<Loaded> m_loading;

    StoredRunModel *m_model;
    QLabel *m_title;
    QComboBox *m_tables;
    GoToRowEdit *m_goToEdit;
    QLabel *m_message;
    QTableView *m_view;
    QLabel *m_status;
};

} // namespace fabrica
