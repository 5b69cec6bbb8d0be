#include "GenerationFlow.h"

#include "Icons.h"
#include "UiLogging.h"
#include "export/ExportFileChooser.h"
#include "generate/GeneratePanel.h"
#include "preview/ColumnStatisticsRunner.h"
#include "preview/ColumnStatisticsView.h"
#include "preview/PreviewPanel.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "runs/StoredRunView.h"
#include "session/SchemaSession.h"
#include "storage/Repository.h"
#include "targets/DatabaseTargetDialog.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace fabrica {

namespace {

// A change of the schema samples the statistics again once typing pauses: each sample costs a fraction of a
// second of a worker, not of the GUI.
constexpr int kStatisticsDelayMs = 300;

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &table : schema.tables)
        names << table.name;
    return names;
}

} // namespace

GenerationFlow::GenerationFlow(Repository *storage, const UserRecord &user, QMainWindow *window)
    : QObject(window)
    , m_storage(storage)
    , m_user(user)
    , m_window(window)
    , m_generate(new GeneratePanel(window))
    , m_preview(new PreviewPanel(window))
    , m_statisticsRunner(new ColumnStatisticsRunner(this))
    , m_statisticsView(new ColumnStatisticsView(window))
    , m_runs(new RunsPanel(storage, user, window))
{
    m_generate->setObjectName(QStringLiteral("generatePanel"));
    m_preview->setObjectName(QStringLiteral("previewPanel"));
    m_statisticsView->setObjectName(QStringLiteral("statisticsView"));
    m_runs->setObjectName(QStringLiteral("runsPanel"));
    m_statisticsView->setRunner(m_statisticsRunner);
    m_statisticsDelay = new QTimer(this);
    m_statisticsDelay->setSingleShot(true);
    m_statisticsDelay->setInterval(kStatisticsDelayMs);
    connect(m_statisticsDelay, &QTimer::timeout, this, &GenerationFlow::refreshStatistics);

    m_export = new QAction(Icons::get(QStringLiteral("export")), tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_export->setStatusTip(tr("Generate the schema's data into CSV, TSV, JSON, NDJSON or SQL files"));
    connect(m_export, &QAction::triggered, this, &GenerationFlow::exportFiles);
    m_writeToDatabase =
        new QAction(Icons::get(QStringLiteral("database")), tr("&Write into Database…"), this);
    m_writeToDatabase->setObjectName(QStringLiteral("writeToDatabaseAction"));
    m_writeToDatabase->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_writeToDatabase->setStatusTip(
        tr("Generate the schema's data straight into a PostgreSQL or SQLite database"));
    connect(m_writeToDatabase, &QAction::triggered, this, &GenerationFlow::writeToDatabase);
    m_generateAction = new QAction(Icons::get(QStringLiteral("generate")), tr("&Generate"), this);
    m_generateAction->setObjectName(QStringLiteral("generateAction"));
    m_generateAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_generateAction->setStatusTip(tr("Generate the data to the target chosen in the Generate panel"));
    connect(m_generateAction, &QAction::triggered, this,
            [this] { emit m_generate->generateRequested(m_generate->target()); });

    connect(m_generate, &GeneratePanel::generateRequested, this, [this](GeneratePanel::Target target) {
        switch (target) {
        case GeneratePanel::Target::PreviewOnly:
            m_preview->setSeed(m_generate->seed());
            if (auto *dock = qobject_cast<QDockWidget *>(m_preview->parentWidget())) {
                dock->show();
                dock->raise();
            }
            m_preview->setFocus();
            break;
        case GeneratePanel::Target::StoredRun:
            keepInStorage();
            break;
        case GeneratePanel::Target::Database:
            writeToDatabase();
            break;
        case GeneratePanel::Target::Files:
            exportFiles();
            break;
        }
    });
    connect(m_generate, &GeneratePanel::seedChanged, this, [this](quint64 seed) {
        m_preview->setSeed(seed);
        refreshStatistics();
    });
    connect(m_preview, &PreviewPanel::seedChanged, m_generate, &GeneratePanel::setSeed);
    connect(m_generate, &GeneratePanel::statusMessage, this,
            [this](const QString &message) { emit statusMessage(message, 8000); });
    connect(m_generate, &GeneratePanel::runFinished, this, [this] { m_runs->refresh(); });
    connect(m_generate, &GeneratePanel::runFailed, this, [this] { m_runs->refresh(); });
    connect(m_runs, &RunsPanel::exportRequested, this, &GenerationFlow::exportRun);
    connect(m_runs, &RunsPanel::openDataRequested, this, &GenerationFlow::openRunData);
    m_preview->setSeed(m_generate->seed());
    setSession(nullptr);
}

GenerationFlow::~GenerationFlow() = default;

void GenerationFlow::setSession(SchemaSession *session)
{
    if (m_session) {
        disconnect(m_session->document(), nullptr, this, nullptr);
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    m_preview->setSession(session);
    m_table = m_column = -1;
    const bool open = session != nullptr;
    for (QAction *action : {m_export, m_writeToDatabase, m_generateAction})
        action->setEnabled(open);
    m_generate->setEnabled(open);
    if (!session) {
        m_generate->setSchema(Schema{});
        m_statisticsRunner->cancel();
        m_statisticsView->clear();
        return;
    }
    m_generate->setSchema(session->schema());
    m_runs->setSchemaId(session->origin() == SchemaSession::Origin::Stored ? session->storedId() : 0);
    connect(session->document(), &SchemaDocument::changed, this, [this] {
        m_generate->setSchema(m_session->schema());
        m_statisticsDelay->start();
    });
    connect(session, &SchemaSession::originChanged, this, [this] {
        if (m_session)
            m_runs->setSchemaId(m_session->origin() == SchemaSession::Origin::Stored ? m_session->storedId()
                                                                                     : 0);
    });
    refreshStatistics();
}

void GenerationFlow::setSelectedColumn(int table, int column)
{
    if (table == m_table && column == m_column)
        return;
    m_table = table;
    m_column = column;
    if (m_session && table >= 0 && table < m_session->schema().tables.size())
        m_preview->showTable(m_session->schema().tables[table].name);
    refreshStatistics();
}

void GenerationFlow::setDefaultThreads(int threads)
{
    m_generate->setDefaultThreads(threads);
}

void GenerationFlow::refreshStatistics()
{
    if (!m_session || m_table < 0 || m_column < 0 || m_table >= m_session->schema().tables.size() ||
        m_column >= m_session->schema().tables[m_table].columns.size()) {
        m_statisticsRunner->cancel();
        m_statisticsView->clear();
        return;
    }
    m_statisticsRunner->request(m_session->schema(), m_table, m_column, m_generate->seed());
}

std::optional<GenerationRequest> GenerationFlow::baseRequest() const
{
    if (!m_session)
        return std::nullopt;
    GenerationRequest request;
    request.schema = m_session->schema();
    // A run is recorded against the stored schema only when what is generated is what is stored.
    if (m_session->origin() == SchemaSession::Origin::Stored && !m_session->isDirty())
        request.schemaId = m_session->storedId();
    request.seed = m_generate->seed();
    request.rows = m_generate->rowOverrides();
    request.threads = m_generate->threads();
    return request;
}

void GenerationFlow::start(const GenerationRequest &request)
{
    if (m_generate->isRunning()) {
        QMessageBox::information(m_window, tr("Generation Running"),
                                 tr("A generation is running. Wait for it to end or cancel it first."));
        return;
    }
    if (auto *dock = qobject_cast<QDockWidget *>(m_generate->parentWidget())) {
        dock->show();
        dock->raise();
    }
    m_generate->run(request, GenerationRunner::Context{m_storage, Actor::of(m_user)});
}

void GenerationFlow::exportFiles()
{
    std::optional<GenerationRequest> request = baseRequest();
    if (!request)
        return;
    ExportFileChooser chooser(m_window, request->schema.name, tableNames(request->schema));
    chooser.setFileDialogOptions(QFileDialog::Options(m_fileDialogOptions));
    const std::optional<ExportChoice> choice = chooser.exec();
    if (!choice)
        return;
    request->target = GenerationRequest::Target::Files;
    request->formatId = choice->formatId;
    request->exportOptions = choice->options;
    start(*request);
}

void GenerationFlow::writeToDatabase()
{
    std::optional<GenerationRequest> request = baseRequest();
    if (!request)
        return;
    DatabaseTargetDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    DatabaseTarget target = dialog.target();
    request->target = GenerationRequest::Target::Database;
    request->database = target.connectionUrl();
    request->ifExists = target.ifExists;
    request->disableTriggers = target.disableTriggers;
    target.wipePassword();
    start(*request);
}

void GenerationFlow::keepInStorage()
{
    if (!m_session)
        return;
    if (m_session->origin() != SchemaSession::Origin::Stored || m_session->isDirty()) {
        const auto answer = QMessageBox::question(
            m_window, tr("Save to Storage First"),
            tr("The data of a run is kept with the schema it was generated from, so the schema must be saved "
               "in storage first. Save it now? Generate again once it is saved."),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Save)
            emit storeRequested(m_session);
        return;
    }
    std::optional<GenerationRequest> request = baseRequest();
    request->target = GenerationRequest::Target::StoredRun;
    start(*request);
}

void GenerationFlow::exportRun(qint64 runId)
{
    // Both ways here (the runs list, a run's data) start from a run the list shows: its record and its
    // schema's name are at hand, and the runner reads the rows and the schema itself, off the GUI thread.
    const RunsModel *runs = m_runs->model();
    const int row = runs->rowOf(runId);
    if (row < 0) {
        emit statusMessage(tr("Run %1 is no longer listed; refresh the runs.").arg(runId), 8000);
        return;
    }
    const RunRecord &run = runs->run(row);
    ExportFileChooser chooser(m_window, runs->schemaName(run.schemaId), run.rowCounts.keys());
    chooser.setFileDialogOptions(QFileDialog::Options(m_fileDialogOptions));
    const std::optional<ExportChoice> choice = chooser.exec();
    if (!choice)
        return;
    GenerationRequest request;
    request.sourceRunId = runId;
    request.target = GenerationRequest::Target::Files;
    request.formatId = choice->formatId;
    request.exportOptions = choice->options;
    start(request);
}

void GenerationFlow::openRunData(qint64 runId)
{
    auto *dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("runDataDialog"));
    dialog->setWindowTitle(tr("Data of Run %1").arg(runId));
    auto *layout = new QVBoxLayout(dialog);
    auto *view = new StoredRunView(m_storage, m_user, dialog);
    view->openRun(runId);
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::ActionRole);
    connect(exportButton, &QPushButton::clicked, this, [this, runId] { exportRun(runId); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(960, 600);
    dialog->show();
}

} // namespace fabrica
