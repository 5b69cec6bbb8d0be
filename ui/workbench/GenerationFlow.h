#pragma once

#include "jobs/GenerationRequest.h"
#include "jobs/GenerationRunner.h"
#include "storage/StoredRecords.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QFileDialog;
class QMainWindow;
class QTimer;

namespace fabrica {

class ColumnStatisticsRunner;
class ColumnStatisticsView;
class GeneratePanel;
class PreviewPanel;
class Repository;
class RunsPanel;
class SchemaSession;

// The window's generate, preview, statistics, export, write-into-database and runs, on the core's one
// GenerationRequest/GenerationRunner: the panels say what the user wants, this turns it into a request
// (asking for files or a database through their dialogs) and hands it to the generate panel's worker.
class GenerationFlow : public QObject
{
    Q_OBJECT

public:
    GenerationFlow(Repository *storage, const UserRecord &user, QMainWindow *window);
    ~GenerationFlow() override;

    GeneratePanel *generatePanel() const { return m_generate; }
    PreviewPanel *previewPanel() const { return m_preview; }
    ColumnStatisticsView *statisticsView() const { return m_statisticsView; }
    RunsPanel *runsPanel() const { return m_runs; }
    QAction *exportAction() const { return m_export; }
    QAction *writeToDatabaseAction() const { return m_writeToDatabase; }
    QAction *generateAction() const { return m_generateAction; }

    void setSession(SchemaSession *session);
    // The column the statistics describe (table/column indexes into the session's schema; -1 = none).
    void setSelectedColumn(int table, int column);
    void setDefaultThreads(int threads);
    // Tests pass QFileDialog::DontUseNativeDialog.
    void setFileDialogOptions(int options) { m_fileDialogOptions = options; }

    // Starts the export dialogs for the current schema (File → Export…).
    void exportFiles();
    void writeToDatabase();
    void keepInStorage();
    void exportRun(qint64 runId);
    void openRunData(qint64 runId);

signals:
    void statusMessage(const QString &message, int timeoutMs);
    // The schema must be in storage (and saved) before its data can be kept there.
    void storeRequested(fabrica::SchemaSession *session);

private:
    std::optional<GenerationRequest> baseRequest() const;
    void start(const GenerationRequest &request);
    void refreshStatistics();

    Repository *m_storage;
    UserRecord m_user;
    QMainWindow *m_window;
    QPointer<SchemaSession> m_session;
    GeneratePanel *m_generate;
    PreviewPanel *m_preview;
    ColumnStatisticsRunner *m_statisticsRunner;
    ColumnStatisticsView *m_statisticsView;
    QTimer *m_statisticsDelay = nullptr; // samples again once typing pauses
    RunsPanel *m_runs;
    QAction *m_export;
    QAction *m_writeToDatabase;
    QAction *m_generateAction;
    int m_table = -1;
    int m_column = -1;
    int m_fileDialogOptions = 0;
};

} // namespace fabrica
