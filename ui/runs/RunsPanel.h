#pragma once

#include "common/Result.h"
#include "storage/StoredRecords.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace fabrica {

class Repository;
class RunsModel;

// The runs dock: the generation runs the user sees (an administrator sees everyone's), newest first, with
// Refresh (F5), Open Data (Enter, double-click), Export… and Delete… (Delete, after a question). Opening
// and exporting are only asked for (signals), for runs that kept their rows in storage; the window opens
// a StoredRunView or runs the export. Storage is read and changed on a worker thread; the core's refusals
// (a run still running) are shown in its words.
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    RunsPanel(Repository *storage, const UserRecord &user, QWidget *parent = nullptr);
    ~RunsPanel() override;

    RunsModel *model() const { return m_model; }
    // What the table shows: the model filtered by schema and sorted.
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    qint64 schemaId() const { return m_schemaId; }
    bool thisSchemaOnly() const;
    bool isBusy() const { return m_busy; }
    // The selected run's id, or 0.
    qint64 selectedRunId() const;
    void selectRun(qint64 id);
    // The last message under the table (a refusal, a deletion), or empty.
    QString message() const;

public slots:
    // The stored schema the window shows (0 = none); "This schema only" filters by it.
    void setSchemaId(qint64 schemaId);
    void setThisSchemaOnly(bool only);
    // Reads the runs again (after a generation, or F5); a refresh asked while one runs follows it.
    void refresh();
    void deleteSelected();
    void openSelected();
    void exportSelected();

signals:
    void openDataRequested(qint64 runId);
    void exportRequested(qint64 runId);
    void runDeleted(qint64 runId);
    // After every listing was applied (or failed; see message()).
    void refreshed();

private:
    struct Outcome
    {
        Result<void> change;
        Result<QList<RunRecord>> runs;
        Result<QList<SchemaRecord>> schemas;
        Result<QList<UserRecord>> users; // administrators only: the names of who ran what
    };
    struct Pending
    {
        QString failure; // "%1" takes the core's message
        QString success;
        qint64 deleted = 0;
    };
    struct Job
    {
        std::function<Result<void>()> change;
        Pending pending;
    };

    void buildActions();
    void buildLayout();
    void run(std::function<Result<void>()> change, Pending pending);
    void finished();
    void applyFilter();
    void updateActions();
    void showMessage(const QString &text);
    int selectedRow() const;

    Repository *m_storage;
    UserRecord m_user;
    Actor m_actor;
    qint64 m_schemaId = 0;
    bool m_busy = false;
    bool m_refreshAgain = false;
    bool m_fitted = false;
    Pending m_pending;
    std::optional<Job> m_next; // a change asked for while the worker was busy
    QFutureWatcher<Outcome> m_working;
    QTimer m_poll; // while a run is running, its row is read again now and then

    RunsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table = nullptr;
    QCheckBox *m_thisSchemaOnly = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_open = nullptr;
    QAction *m_export = nullptr;
    QAction *m_delete = nullptr;
};

} // namespace fabrica
