#pragma once

#include "GenerationProgress.h"
#include "jobs/GenerationRunner.h"

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QShortcut;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;

namespace fabrica {

class GenerationController;
class GenerationProgressModel;
class MessageLabel;
class RowCountsModel;

// The window's Generate panel (a dock): seed, rows per table, threads and target; then the run's progress
// per table and overall, its rate and times, Cancel, and the result. It builds no request itself: Generate
// emits generateRequested(target), the window asks for what the target needs (files, a database) and
// hands the request to run(), which carries it out on a worker through GenerationController.
class GeneratePanel : public QWidget
{
    Q_OBJECT

public:
    enum class Target { PreviewOnly, StoredRun, Database, Files };
    Q_ENUM(Target)

    explicit GeneratePanel(QWidget *parent = nullptr);
    // Cancels a running generation and waits for it (the target is left as it was).
    ~GeneratePanel() override;

    // The tables and their row counts; the user's overrides stay for tables that still exist.
    void setSchema(const Schema &schema);

    quint64 seed() const { return m_seed; }
    // Emits seedChanged() when the seed changes.
    void setSeed(quint64 seed);
    // Table → rows, only where the user changed the schema's count.
    QHash<QString, qint64> rowOverrides() const;
    int threads() const;
    // The thread count shown (1..256), e.g. the settings' default.
    void setDefaultThreads(int threads);
    Target target() const;
    void setTarget(Target target);
    // A target the window cannot serve now (no storage, schema not saved) is shown disabled with why.
    void setTargetEnabled(Target target, bool enabled, const QString &reason = {});

    // Starts request on a worker and shows its progress; false while a run is going.
    bool run(const GenerationRequest &request, const GenerationRunner::Context &context);
    bool isRunning() const;
    // Asks the running generation to stop; runFailed(Cancelled) follows once it has.
    void cancel();

    // For the window and the tests.
    RowCountsModel *rowCountsModel() const { return m_rows; }
    const GenerationProgress &progress() const { return m_progress; }
    // The last run's result line ("Exported 400,000 rows (41.2 MB) in 3.2 s … to /tmp/out"), and one line
    // per column whose values were shortened to fit its declared size.
    QString resultText() const;
    // "orders.city: 12 values shortened to fit varchar(15)", one line per column of shortened
    // (Summary::shortened), naming the declared sqlType of the column in schema where it has one.
    static QStringList describeShortened(const QMap<QString, qint64> &shortened, const Schema &schema);

signals:
    void seedChanged(quint64 seed);
    void generateRequested(fabrica::GeneratePanel::Target target);
    void runStarted(const fabrica::RunRecord &run);
    void runFinished(const fabrica::GenerationRunner::Outcome &outcome);
    void runFailed(const fabrica::Error &error);
    // A one-line summary for the window's status bar.
    void statusMessage(const QString &message);

private:
    QWidget *makeSettings();
    QGroupBox *makeProgressGroup();
    void requestGenerate();
    void newSeed();
    void onSeedEdited(const QString &text);
    void setRunning(bool running);
    void onPlanned(const QList<GenerationRunner::TablePlanInfo> &tables);
    void onProgressed(const GenerationJob::Progress &progress);
    void onFinished(const GenerationRunner::Outcome &outcome);
    void onFailed(const Error &error);
    void showProgress();
    void fitTablesView();
    static void fitToRows(QTableView *view, int rows, int minRows, int maxRows);
    QString describeOutcome(const GenerationRunner::Outcome &outcome) const;

    GenerationController *m_controller;
    RowCountsModel *m_rows;
    GenerationProgressModel *m_progressModel;
    GenerationProgress m_progress;
    QElapsedTimer m_clock;
    QTimer *m_ticker; // refreshes the times while no progress comes (a database being opened)

    quint64 m_seed = 42;
    QLineEdit *m_seedEdit = nullptr;
    QPushButton *m_newSeed = nullptr;
    QSpinBox *m_threads = nullptr;
    QComboBox *m_target = nullptr;
    QTableView *m_rowsView = nullptr;
    QAction *m_resetRows = nullptr;
    QToolButton *m_resetRowsButton = nullptr;
    QLabel *m_totalRows = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_cancel = nullptr;
    QShortcut *m_cancelShortcut = nullptr;

    QGroupBox *m_progressGroup = nullptr;
    QProgressBar *m_overall = nullptr;
    QTableView *m_tablesView = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_remaining = nullptr;
    MessageLabel *m_result = nullptr;

    GenerationRequest::Target m_runTarget = GenerationRequest::Target::Files;
    QString m_runWhere;
    Schema m_runSchema; // the running request's schema: the declared types of shortened columns
};

} // namespace fabrica
