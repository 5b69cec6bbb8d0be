#include "MainWindow.h"

#include "Icons.h"
#include "UiLogging.h"
#include "api/ApiStatusLabel.h"
#include "api/EmbeddedApi.h"
#include "editors/ColumnEditor.h"
#include "editors/SchemaEditor.h"
#include "editors/TableEditor.h"
#include "format/SchemaFile.h"
#include "generate/GeneratePanel.h"
#include "import/ImportService.h"
#include "model/UniqueName.h"
#include "models/ProblemsModel.h"
#include "models/SchemaBrowserModel.h"
#include "models/SchemaTreeModel.h"
#include "preview/ColumnStatisticsView.h"
#include "preview/PreviewPanel.h"
#include "runs/RunsPanel.h"
#include "session/SchemaSession.h"
#include "settings/AppSettings.h"
#include "storage/Repository.h"
#include "workbench/AccountActions.h"
#include "workbench/AutosaveScheduler.h"
#include "workbench/GenerationFlow.h"
#include "workbench/ImportFlow.h"
#include "workbench/RecentFiles.h"
#include "workbench/SchemaPersistence.h"
#include "workbench/ValidationScheduler.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>
#include <QUrl>
#include <QVBoxLayout>

namespace fabrica {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kExamplesPrefix = QStringLiteral(":/fabrica/examples");

enum EditorPage { WelcomePage, SchemaPage, TablePage, ColumnPage };
constexpr int kUnfoldedTables = 30;

QAction *makeAction(QObject *parent, const QString &icon, const QString &text, const QKeySequence &shortcut,
                    const QString &tip)
{
    auto *action = new QAction(icon.isEmpty() ? QIcon() : Icons::get(icon), text, parent);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    const QString shortcutText = shortcut.toString(QKeySequence::NativeText);
    action->setToolTip(shortcutText.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, shortcutText));
    action->setStatusTip(tip);
    return action;
}

} // namespace

MainWindow::MainWindow(Repository *storage, const UserRecord &user, QWidget *parent)
    : MainWindow(storage, user, Options{}, parent)
{}

MainWindow::MainWindow(Repository *storage, const UserRecord &user, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_storage(storage)
    , m_user(user)
    , m_options(options)
    , m_persistence(new SchemaPersistence(storage, Actor::of(user), this))
    , m_autosave(new AutosaveScheduler(options.autosaveFolder, user.id, options.autosaveDelayMs, this))
    , m_import(new ImportFlow(storage, user, this))
    , m_account(new AccountActions(options.auth, storage, user, this))
    , m_generation(new GenerationFlow(storage, user, this))
    , m_undoGroup(new QUndoGroup(this))
    , m_browserModel(new SchemaBrowserModel(this))
    , m_treeModel(new SchemaTreeModel(this))
    , m_treeFilter(new QSortFilterProxyModel(this))
    , m_problemsModel(new ProblemsModel(this))
    , m_validation(new ValidationScheduler(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::appIcon());
    setAcceptDrops(true);
    resize(1280, 800);

    m_treeFilter->setSourceModel(m_treeModel);
    m_treeFilter->setRecursiveFilteringEnabled(true);
    m_treeFilter->setAutoAcceptChildRows(true);
    m_treeFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_treeFilter->setFilterKeyColumn(SchemaTreeModel::NameSection);
    m_browserModel->setShowOwners(user.role == Role::Admin);

    m_generation->setDefaultThreads(AppSettings().defaultThreads());
    createActions();
    createCentral();
    createDocks();
    createMenus();
    restoreLayout();

    m_signedIn = new QLabel(this);
    m_signedIn->setObjectName(QStringLiteral("signedInUser"));
    m_signedIn->setText(tr("Signed in as %1 (%2)")
                            .arg(user.username, user.role == Role::Admin ? tr("administrator") : tr("user")));
    m_problemSummary = new QLabel(this);
    m_problemSummary->setObjectName(QStringLiteral("problemSummary"));
    // A little air between the permanent fields, as in other desktop tools.
    m_problemSummary->setContentsMargins(8, 0, 8, 0);
    m_signedIn->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_problemSummary);
    if (m_options.auth) {
        // The same storage and accounts as the window; the setting starts it now and as it changes.
        m_api = new EmbeddedApi(*storage, *m_options.auth, this);
        statusBar()->addPermanentWidget(new ApiStatusLabel(m_api, this));
        m_account->setApi(m_api);
        connect(m_account, &AccountActions::settingsApplied, m_api, &EmbeddedApi::applySettings);
        m_api->applySettings();
    }
    statusBar()->addPermanentWidget(m_signedIn);

    connect(m_validation, &ValidationScheduler::problemsChanged, this, &MainWindow::problemsChanged);
    connect(m_persistence, &SchemaPersistence::failed, this, &MainWindow::showError);
    connect(m_persistence, &SchemaPersistence::storedListed, m_browserModel, &SchemaBrowserModel::setStored);
    connect(m_persistence, &SchemaPersistence::storedDeleted, this, [this](qint64 id) {
        // An open copy of a deleted schema stays open, as a new schema that Ctrl+S stores again.
        for (SchemaSession *session : std::as_const(m_sessions)) {
            if (session->origin() == SchemaSession::Origin::Stored && session->storedId() == id) {
                session->setUnsaved();
                session->undoStack()->resetClean();
            }
        }
        updateTitle();
    });
    connect(m_persistence, &SchemaPersistence::fileLoaded, this,
            [this](const QString &path, const Schema &schema) {
                statusBar()->clearMessage();
                SchemaSession *session = addSession(schema);
                session->setFile(path);
                m_recent->add(path);
                setCurrentSession(session);
                emit sessionOpened(session);
            });
    connect(m_persistence, &SchemaPersistence::storedLoaded, this,
            [this](qint64 id, qint64 ownerId, const QString &owner, const Schema &schema) {
                SchemaSession *session = addSession(schema);
                session->setStored(id, ownerId, owner);
                setCurrentSession(session);
                emit sessionOpened(session);
            });
    connect(m_import, &ImportFlow::finished, this, [this](bool imported, const QString &message) {
        statusBar()->showMessage(message, 5000);
        emit importFinished(imported);
    });
    connect(m_import, &ImportFlow::stored, this, [this](const QList<SchemaRecord> &records) {
        m_persistence->refreshStored();
        for (const SchemaRecord &record : records)
            m_persistence->loadStored(record.id, record.userId,
                                      record.owner.isEmpty() ? m_user.username : record.owner);
    });
    connect(m_import, &ImportFlow::tablesForOpenSchema, this,
            [this](const QList<Table> &tables, const QString &source) {
                if (m_current)
                    select(m_current->importTables(tables, source));
            });
    connect(m_persistence, &SchemaPersistence::saved, this, [this](SchemaSession *session) {
        statusBar()->showMessage(tr("Saved %1").arg(session->displayName()), 4000);
        updateTitle();
        emit sessionSaved(session);
    });
    connect(m_generation, &GenerationFlow::statusMessage, this,
            [this](const QString &message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); });
    connect(m_generation, &GenerationFlow::storeRequested, this, [this](SchemaSession *session) {
        setCurrentSession(session);
        // A stored schema saves over itself, any other is stored as a new one.
        if (session->origin() == SchemaSession::Origin::Stored)
            saveCurrent();
        else
            saveToStorage();
    });
    connect(m_account, &AccountActions::settingsApplied, this,
            [this] { m_generation->setDefaultThreads(AppSettings().defaultThreads()); });
    m_persistence->refreshStored();
    updateActions();
    updateTitle();
    // The keyboard starts in the structure tree, not in the first field of a dock.
    QTimer::singleShot(0, m_tree, qOverload<>(&QWidget::setFocus));
    if (m_options.offerRecovery)
        QTimer::singleShot(0, this, &MainWindow::offerRecovery);
}

MainWindow::~MainWindow()
{
    m_persistence->waitForIdle();
    // The tree and the editors watch documents the sessions own: detach them before the sessions go.
    m_treeModel->setSession(nullptr);
    m_validation->setDocument(nullptr);
    qDeleteAll(m_sessions);
}

// ---- construction ----

void MainWindow::createActions()
{
    m_newAction = makeAction(this, QStringLiteral("new"), tr("&New Schema"), QKeySequence::New,
                             tr("Create an empty schema"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newSchema);
    m_openAction =
        makeAction(this, QStringLiteral("open"), tr("&Open…"), QKeySequence::Open, tr("Open a schema file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFile);
    m_saveAction = makeAction(this, QStringLiteral("save"), tr("&Save"), QKeySequence::Save,
                              tr("Save the schema where it came from (storage or its file)"));
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveCurrent);
    m_saveAsAction = makeAction(this, QStringLiteral("save-as"), tr("Save &As…"), QKeySequence::SaveAs,
                                tr("Save the schema to a .fabrica.json file"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    m_storeAction = makeAction(this, QStringLiteral("database"), tr("Save to S&torage"), QKeySequence(),
                               tr("Keep a copy of the schema in Fabrica's storage"));
    connect(m_storeAction, &QAction::triggered, this, &MainWindow::saveToStorage);
    m_importAction = makeAction(this, QStringLiteral("import"), tr("&Import…"), QKeySequence(tr("Ctrl+I")),
                                tr("Import SQL DDL, CSV samples, a ZIP or a schema file"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::chooseImport);
    m_closeAction = makeAction(this, QStringLiteral("close"), tr("&Close Schema"), QKeySequence::Close,
                               tr("Close the current schema"));
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeCurrent);
    m_quitAction = makeAction(this, QString(), tr("&Quit"), QKeySequence::Quit, tr("Quit Fabrica"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_undoGroup->createUndoAction(this, tr("&Undo"));
    m_undoAction->setIcon(Icons::get(QStringLiteral("undo")));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_redoAction = m_undoGroup->createRedoAction(this, tr("&Redo"));
    m_redoAction->setIcon(Icons::get(QStringLiteral("redo")));
    // Ctrl+Shift+Z and Ctrl+Y both redo, whatever the platform's own binding is.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key : {QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))}) {
        if (!redoKeys.contains(key))
            redoKeys << key;
    }
    m_redoAction->setShortcuts(redoKeys);
    m_redoAction->setObjectName(QStringLiteral("redoAction"));

    m_addTableAction = makeAction(this, QStringLiteral("add-table"), tr("Add &Table"),
                                  QKeySequence(tr("Ctrl+T")), tr("Add a table to the schema"));
    connect(m_addTableAction, &QAction::triggered, this, &MainWindow::addTable);
    m_addColumnAction =
        makeAction(this, QStringLiteral("add-column"), tr("Add &Column"), QKeySequence(tr("Ctrl+Shift+T")),
                   tr("Add a column to the selected table"));
    connect(m_addColumnAction, &QAction::triggered, this, &MainWindow::addColumn);
    m_duplicateAction = makeAction(this, QStringLiteral("duplicate"), tr("D&uplicate"),
                                   QKeySequence(tr("Ctrl+D")), tr("Duplicate the selected table or column"));
    connect(m_duplicateAction, &QAction::triggered, this, &MainWindow::duplicateSelected);
    m_deleteAction = makeAction(this, QStringLiteral("delete"), tr("&Delete"), QKeySequence::Delete,
                                tr("Delete the selected table or column"));
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    m_renameAction = makeAction(this, QStringLiteral("rename"), tr("Re&name"), QKeySequence(Qt::Key_F2),
                                tr("Rename the selected item in place"));
    connect(m_renameAction, &QAction::triggered, this, &MainWindow::renameSelected);
    m_moveUpAction = makeAction(this, QStringLiteral("move-up"), tr("Move &Up"), QKeySequence(tr("Alt+Up")),
                                tr("Move the selected table or column up"));
    connect(m_moveUpAction, &QAction::triggered, this, [this] { moveSelected(-1); });
    m_moveDownAction = makeAction(this, QStringLiteral("move-down"), tr("Move Do&wn"),
                                  QKeySequence(tr("Alt+Down")), tr("Move the selected table or column down"));
    connect(m_moveDownAction, &QAction::triggered, this, [this] { moveSelected(1); });
    m_findAction = makeAction(this, QStringLiteral("search"), tr("&Find…"), QKeySequence::Find,
                              tr("Filter the schema tree by name"));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    m_validateAction = makeAction(this, QStringLiteral("validate"), tr("&Validate"), QKeySequence(Qt::Key_F7),
                                  tr("Check the schema now"));
    connect(m_validateAction, &QAction::triggered, m_validation, &ValidationScheduler::validateNow);
    m_refreshAction = makeAction(this, QStringLiteral("refresh"), tr("&Refresh Stored Schemas"),
                                 QKeySequence::Refresh, tr("Read the list of stored schemas again"));
    connect(m_refreshAction, &QAction::triggered, m_persistence, &SchemaPersistence::refreshStored);

    for (QAction *action : {m_newAction, m_openAction, m_saveAction, m_saveAsAction, m_storeAction,
                            m_importAction, m_closeAction, m_quitAction, m_addTableAction, m_addColumnAction,
                            m_findAction, m_validateAction, m_refreshAction})
        addAction(action);
    // These keys mean "the selected item" in the tree; the column grid and the text fields have their own
    // Delete, Ctrl+D and Alt+arrows, so the tree's shortcuts act only while the tree has the focus (window-
    // wide ones would be ambiguous there and fire nowhere). The menus reach them from anywhere.
    for (QAction *action :
         {m_duplicateAction, m_deleteAction, m_renameAction, m_moveUpAction, m_moveDownAction})
        action->setShortcutContext(Qt::WidgetShortcut);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    QMenu *recentMenu = file->addMenu(Icons::get(QStringLiteral("recent")), tr("Open &Recent"));
    m_recent = new RecentFiles(recentMenu, this);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openFile);
    QMenu *examples = file->addMenu(Icons::get(QStringLiteral("examples")), tr("&Examples"));
    examples->setObjectName(QStringLiteral("examplesMenu"));
    for (const QFileInfo &info :
         QDir(kExamplesPrefix).entryInfoList({QStringLiteral("*.fabrica.json")}, QDir::Files)) {
        const QString name = info.fileName().chopped(SchemaFile::suffix().size());
        examples->addAction(Icons::get(QStringLiteral("schema")), name, this,
                            [this, path = info.filePath()] { openExample(path); });
    }
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_generation->exportAction());
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addAction(m_storeAction);
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_addTableAction);
    edit->addAction(m_addColumnAction);
    edit->addAction(m_duplicateAction);
    edit->addAction(m_renameAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_moveUpAction);
    edit->addAction(m_moveDownAction);
    edit->addSeparator();
    edit->addAction(m_findAction);

    QMenu *schema = menuBar()->addMenu(tr("&Schema"));
    schema->addAction(m_validateAction);
    schema->addAction(m_refreshAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(Icons::get(QStringLiteral("schema")), tr("&Design"), QKeySequence(tr("Ctrl+1")),
                          this, [this] { m_centralTabs->setCurrentIndex(0); });
    m_viewMenu->addAction(Icons::get(QStringLiteral("table")), tr("Data &Preview"),
                          QKeySequence(tr("Ctrl+2")), this, [this] {
                              m_centralTabs->setCurrentIndex(1);
                              m_generation->previewPanel()->setFocus();
                          });
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    QMenu *account = menuBar()->addMenu(tr("&Account"));
    account->setObjectName(QStringLiteral("accountMenu"));
    tools->addAction(m_generation->generateAction());
    tools->addAction(m_generation->writeToDatabaseAction());
    tools->addSeparator();
    m_account->addTo(account, tools);
    connect(m_account, &AccountActions::signOutRequested, this, &MainWindow::signOutRequested);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(Icons::get(QStringLiteral("info")), tr("&About Fabrica"), this, &MainWindow::showAbout);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    bar->addAction(m_saveAction);
    bar->addAction(m_importAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    bar->addSeparator();
    bar->addAction(m_addTableAction);
    bar->addAction(m_addColumnAction);
    bar->addAction(m_duplicateAction);
    bar->addAction(m_deleteAction);
    bar->addSeparator();
    bar->addAction(m_validateAction);
    bar->addAction(m_generation->generateAction());
    bar->addAction(m_generation->exportAction());
}

void MainWindow::createDocks()
{
    // Schemas: open and stored.
    auto *browserDock = new QDockWidget(tr("Schemas"), this);
    browserDock->setObjectName(QStringLiteral("schemasDock"));
    m_browser = new QTreeView(browserDock);
    m_browser->setObjectName(QStringLiteral("schemaBrowser"));
    m_browser->setModel(m_browserModel);
    m_browser->setRootIsDecorated(false);
    m_browser->setUniformRowHeights(true);
    m_browser->header()->setStretchLastSection(false);
    m_browser->header()->setSectionResizeMode(SchemaBrowserModel::NameSection, QHeaderView::Stretch);
    m_browser->header()->setSectionResizeMode(SchemaBrowserModel::TablesSection,
                                              QHeaderView::ResizeToContents);
    m_browser->header()->setSectionResizeMode(SchemaBrowserModel::OwnerSection,
                                              QHeaderView::ResizeToContents);
    m_browser->setColumnHidden(SchemaBrowserModel::OwnerSection, m_user.role != Role::Admin);
    m_browser->expandAll();
    connect(m_browserModel, &QAbstractItemModel::rowsInserted, m_browser,
            [this](const QModelIndex &parent) { m_browser->expand(parent); });
    connect(m_browser, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (auto *session = qobject_cast<SchemaSession *>(
                index.data(SchemaBrowserModel::SessionRole).value<QObject *>())) {
            setCurrentSession(session);
            return;
        }
        const qint64 id = index.data(SchemaBrowserModel::StoredIdRole).toLongLong();
        if (id > 0)
            openStored(id);
    });
    m_browser->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_browser, &QWidget::customContextMenuRequested, this, &MainWindow::browserContextMenu);
    browserDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, browserDock);

    // Structure: the tree with its filter.
    auto *treeDock = new QDockWidget(tr("Structure"), this);
    treeDock->setObjectName(QStringLiteral("structureDock"));
    auto *treePanel = new QWidget(treeDock);
    auto *treeLayout = new QVBoxLayout(treePanel);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(2);
    m_filter = new QLineEdit(treePanel);
    m_filter->setObjectName(QStringLiteral("treeFilter"));
    m_filter->setPlaceholderText(tr("Filter tables and columns…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(Icons::get(QStringLiteral("filter")), QLineEdit::LeadingPosition);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_treeFilter->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    m_tree = new QTreeView(treePanel);
    m_tree->setObjectName(QStringLiteral("schemaTree"));
    m_tree->setModel(m_treeFilter);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->addActions({m_duplicateAction, m_deleteAction, m_renameAction, m_moveUpAction, m_moveDownAction});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(SchemaTreeModel::NameSection, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(SchemaTreeModel::DetailSection, QHeaderView::Interactive);
    m_tree->header()->resizeSection(SchemaTreeModel::DetailSection, 130);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::treeContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showEditorFor(current); });
    connect(m_treeModel, &QAbstractItemModel::modelReset, this,
            [this] { m_tree->expand(m_treeFilter->index(0, 0)); });
    treeLayout->addWidget(m_filter);
    treeLayout->addWidget(m_tree);
    treeDock->setWidget(treePanel);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    splitDockWidget(browserDock, treeDock, Qt::Vertical);
    resizeDocks({browserDock, treeDock}, {1, 3}, Qt::Vertical);
    resizeDocks({treeDock}, {330}, Qt::Horizontal);

    // Problems and history, side by side at the bottom.
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsView = new QTableView(problemsDock);
    m_problemsView->setObjectName(QStringLiteral("problemsView"));
    m_problemsView->setModel(m_problemsModel);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_problemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problemsView->setWordWrap(false);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->horizontalHeader()->setStretchLastSection(true);
    m_problemsView->horizontalHeader()->resizeSection(ProblemsModel::PlaceSection, 260);
    m_problemsView->setShowGrid(false);
    m_problemsView->setAlternatingRowColors(true);
    connect(m_problemsView, &QAbstractItemView::activated, this, &MainWindow::activateProblem);
    problemsDock->setWidget(m_problemsView);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);

    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    auto *history = new QUndoView(m_undoGroup, historyDock);
    history->setObjectName(QStringLiteral("undoView"));
    history->setEmptyLabel(tr("<opened>"));
    history->setCleanIcon(Icons::get(QStringLiteral("save")));
    historyDock->setWidget(history);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    tabifyDockWidget(problemsDock, historyDock);

    auto *runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    runsDock->setWidget(m_generation->runsPanel());
    addDockWidget(Qt::BottomDockWidgetArea, runsDock);
    tabifyDockWidget(historyDock, runsDock);
    problemsDock->raise();

    auto *generateDock = new QDockWidget(tr("Generate"), this);
    generateDock->setObjectName(QStringLiteral("generateDock"));
    generateDock->setWidget(m_generation->generatePanel());
    addDockWidget(Qt::RightDockWidgetArea, generateDock);
    auto *statisticsDock = new QDockWidget(tr("Column Statistics"), this);
    statisticsDock->setObjectName(QStringLiteral("statisticsDock"));
    statisticsDock->setWidget(m_generation->statisticsView());
    addDockWidget(Qt::RightDockWidgetArea, statisticsDock);
    splitDockWidget(generateDock, statisticsDock, Qt::Vertical);
    resizeDocks({generateDock}, {400}, Qt::Horizontal);
    resizeDocks({problemsDock}, {170}, Qt::Vertical);
}

void MainWindow::createCentral()
{
    m_editors = new QStackedWidget(this);
    m_editors->setObjectName(QStringLiteral("editors"));

    m_welcome = new QWidget(m_editors);
    auto *welcome = new QVBoxLayout(m_welcome);
    welcome->addStretch();
    auto *logo = new QLabel(m_welcome);
    logo->setPixmap(Icons::appIcon().pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    welcome->addWidget(logo);
    auto *headline =
        new QLabel(tr("<h2>Welcome to Fabrica</h2><p>Describe a database, then generate data that "
                      "honours every constraint.</p><p>Create a schema, open a file or one of the "
                      "examples, or drop SQL, CSV or ZIP files on this window to import them.</p>"),
                   m_welcome);
    headline->setAlignment(Qt::AlignCenter);
    headline->setWordWrap(true);
    welcome->addWidget(headline);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QAction *action : {m_newAction, m_openAction, m_importAction}) {
        auto *button = new QPushButton(action->icon(), action->text().remove(QLatin1Char('&')), m_welcome);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        buttons->addWidget(button);
    }
    buttons->addStretch();
    welcome->addLayout(buttons);
    welcome->addStretch();

    m_schemaEditor = new SchemaEditor(m_editors);
    connect(m_schemaEditor, &SchemaEditor::addTableRequested, this, &MainWindow::addTable);
    m_tableEditor = new TableEditor(m_editors);
    connect(m_tableEditor, &TableEditor::columnActivated, this,
            [this](int table, int column) { select(table, column); });
    m_columnEditor = new ColumnEditor(m_editors);
    connect(m_columnEditor, &ColumnEditor::statusMessage, this,
            [this](const QString &message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); });

    m_editors->insertWidget(WelcomePage, m_welcome);
    m_editors->insertWidget(SchemaPage, m_schemaEditor);
    m_editors->insertWidget(TablePage, m_tableEditor);
    m_editors->insertWidget(ColumnPage, m_columnEditor);

    // Design and data side by side, as database tools show a table's properties and its rows.
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    // No mnemonics on the tabs: the panels' fields and the menu bar need the letters; Ctrl+1 and Ctrl+2
    // (View menu) switch instead.
    m_centralTabs->addTab(m_editors, Icons::get(QStringLiteral("schema")), tr("Design"));
    m_centralTabs->addTab(m_generation->previewPanel(), Icons::get(QStringLiteral("table")),
                          tr("Data Preview"));
    setCentralWidget(m_centralTabs);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
}

// ---- sessions ----

QList<SchemaSession *> MainWindow::sessions() const
{
    return m_sessions;
}

SchemaSession *MainWindow::addSession(const Schema &schema)
{
    auto *session = new SchemaSession(schema);
    m_sessions.append(session);
    m_undoGroup->addStack(session->undoStack());
    m_browserModel->addSession(session);
    m_autosave->watch(session);
    connect(session, &SchemaSession::dirtyChanged, this, [this, session] {
        if (session == m_current)
            updateTitle();
    });
    connect(session, &SchemaSession::originChanged, this, [this, session] {
        if (session == m_current)
            updateTitle();
    });
    connect(session->document(), &SchemaDocument::changed, this, [this, session] {
        if (session == m_current)
            updateTitle();
    });
    return session;
}

SchemaSession *MainWindow::newSchema()
{
    QStringList names;
    for (const SchemaSession *session : std::as_const(m_sessions))
        names << session->schema().name;
    for (const SchemaRecord &record : m_browserModel->stored())
        names << record.name;
    Schema schema;
    schema.name = uniqueName(QStringLiteral("new_schema"), names);
    schema.owner = m_user.username;
    // Whole seconds, as schema files write them.
    schema.created = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    // Written in, so the schema's default date windows stay where they are on every later day.
    schema.referenceDate = schema.created.date();
    SchemaSession *session = addSession(schema);
    setCurrentSession(session);
    emit sessionOpened(session);
    return session;
}

void MainWindow::setCurrentSession(SchemaSession *session)
{
    if (session == m_current)
        return;
    m_current = session;
    m_undoGroup->setActiveStack(session ? session->undoStack() : nullptr);
    m_filter->clear();
    m_treeModel->setSession(session);
    m_validation->setDocument(session ? session->document() : nullptr);
    m_schemaEditor->setSession(session);
    m_tableEditor->setTable(nullptr, -1);
    m_columnEditor->setColumn(nullptr, -1, -1);
    m_generation->setSession(session);
    if (session) {
        const QModelIndex root = m_treeFilter->index(0, 0);
        // Small schemas open with every table unfolded; big ones show their tables only.
        if (session->document()->tableCount() <= kUnfoldedTables)
            m_tree->expandRecursively(root);
        else
            m_tree->expand(root);
        m_tree->setCurrentIndex(root);
        m_browser->setCurrentIndex(m_browserModel->sessionIndex(session));
    } else {
        m_editors->setCurrentIndex(WelcomePage);
    }
    updateTitle();
    updateActions();
}

bool MainWindow::closeSession(SchemaSession *session)
{
    if (!session)
        return true;
    if (session->isDirty()) {
        setCurrentSession(session);
        QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                        tr("The schema \"%1\" has changes that are not saved.").arg(session->displayName()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedChangesBox"));
        box.setInformativeText(tr("Do you want to save them?"));
        box.setDefaultButton(QMessageBox::Save);
        switch (box.exec()) {
        case QMessageBox::Save: {
            QEventLoop loop;
            bool ok = false;
            auto done = connect(m_persistence, &SchemaPersistence::saved, &loop, [&](SchemaSession *saved) {
                if (saved == session) {
                    ok = true;
                    loop.quit();
                }
            });
            auto failed = connect(m_persistence, &SchemaPersistence::failed, &loop, [&] { loop.quit(); });
            m_persistence->save(session, m_user.id);
            if (m_persistence->pending() > 0)
                loop.exec();
            disconnect(done);
            disconnect(failed);
            if (!ok || session->isDirty())
                return false;
            break;
        }
        case QMessageBox::Discard:
            break;
        default:
            return false;
        }
    }
    m_autosave->forget(session);
    const int index = int(m_sessions.indexOf(session));
    m_sessions.removeAll(session);
    m_browserModel->removeSession(session);
    m_undoGroup->removeStack(session->undoStack());
    if (session == m_current)
        setCurrentSession(m_sessions.isEmpty() ? nullptr : m_sessions.value(std::max(0, index - 1)));
    delete session;
    updateActions();
    return true;
}

void MainWindow::closeCurrent()
{
    closeSession(m_current);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_generation->generatePanel()->isRunning()) {
        QMessageBox box(QMessageBox::Question, tr("Generation Running"),
                        tr("A generation is still running. Cancel it and close? Nothing of it is kept."),
                        QMessageBox::Yes | QMessageBox::No, this);
        box.setObjectName(QStringLiteral("generationRunningBox"));
        if (box.exec() != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_generation->generatePanel()->cancel();
    }
    for (SchemaSession *session : QList<SchemaSession *>(m_sessions)) {
        if (session->isDirty() && !closeSession(session)) {
            event->ignore();
            return;
        }
    }
    m_persistence->waitForIdle();
    for (SchemaSession *session : std::as_const(m_sessions))
        m_autosave->forget(session);
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    event->accept();
}

void MainWindow::updateTitle()
{
    if (!m_current) {
        setWindowTitle(tr("Fabrica"));
        setWindowModified(false);
        return;
    }
    QString where;
    switch (m_current->origin()) {
    case SchemaSession::Origin::File:
        where = QDir::toNativeSeparators(m_current->filePath());
        break;
    case SchemaSession::Origin::Stored:
        where = tr("storage");
        break;
    case SchemaSession::Origin::Unsaved:
        where = tr("not saved");
        break;
    }
    setWindowTitle(tr("%1[*] (%2) — Fabrica").arg(m_current->displayName(), where));
    setWindowModified(m_current->isDirty());
}

void MainWindow::updateActions()
{
    const bool open = m_current;
    for (QAction *action :
         {m_saveAction, m_saveAsAction, m_storeAction, m_closeAction, m_addTableAction, m_validateAction})
        action->setEnabled(open);
    const bool table = open && selectedTable() >= 0;
    m_addColumnAction->setEnabled(table);
    for (QAction *action : {m_duplicateAction, m_deleteAction, m_moveUpAction, m_moveDownAction})
        action->setEnabled(table);
    m_renameAction->setEnabled(open);
    m_storeAction->setEnabled(open && m_storage);
}

// ---- the tree and the editors ----

int MainWindow::selectedTable() const
{
    const QModelIndex current = m_tree ? m_tree->currentIndex() : QModelIndex();
    return current.isValid() ? current.data(SchemaTreeModel::TableRole).toInt() : -1;
}

int MainWindow::selectedColumn() const
{
    const QModelIndex current = m_tree ? m_tree->currentIndex() : QModelIndex();
    return current.isValid() ? current.data(SchemaTreeModel::ColumnRole).toInt() : -1;
}

void MainWindow::showEditorFor(const QModelIndex &treeIndex)
{
    updateActions();
    if (!m_current || !treeIndex.isValid()) {
        m_editors->setCurrentIndex(m_current ? SchemaPage : WelcomePage);
        return;
    }
    const int table = treeIndex.data(SchemaTreeModel::TableRole).toInt();
    const int column = treeIndex.data(SchemaTreeModel::ColumnRole).toInt();
    m_generation->setSelectedColumn(table, column);
    if (table < 0) {
        m_editors->setCurrentIndex(SchemaPage);
    } else if (column < 0) {
        m_tableEditor->setTable(m_current, table);
        m_editors->setCurrentIndex(TablePage);
    } else {
        m_columnEditor->setColumn(m_current, table, column);
        m_editors->setCurrentIndex(ColumnPage);
    }
}

void MainWindow::select(int table, int column, const QString &key)
{
    if (!m_current)
        return;
    QModelIndex source = table < 0    ? m_treeModel->schemaIndex()
                         : column < 0 ? m_treeModel->tableIndex(table)
                                      : m_treeModel->columnIndex(table, column);
    QModelIndex index = m_treeFilter->mapFromSource(source);
    if (!index.isValid() && source.isValid()) {
        m_filter->clear(); // the filter hides it
        index = m_treeFilter->mapFromSource(source);
    }
    if (!index.isValid())
        return;
    m_tree->scrollTo(index);
    m_tree->setCurrentIndex(index);
    if (key.isEmpty())
        return;
    if (column >= 0)
        m_columnEditor->focusKey(key);
    else if (table >= 0)
        m_tableEditor->focusColumn(-1, key);
}

const Problems &MainWindow::problems() const
{
    return m_validation->problems();
}

void MainWindow::problemsChanged(const Problems &problems)
{
    m_problemsModel->setProblems(problems);
    m_treeModel->setProblems(problems);
    m_tableEditor->setProblems(problems);
    m_columnEditor->setProblems(problems);
    const int errors = m_problemsModel->errorCount();
    const int warnings = m_problemsModel->warningCount();
    if (!m_current)
        m_problemSummary->clear();
    else if (errors == 0 && warnings == 0)
        m_problemSummary->setText(tr("No problems"));
    else
        m_problemSummary->setText(tr("%n error(s)", nullptr, errors) + QStringLiteral(", ") +
                                  tr("%n warning(s)", nullptr, warnings));
}

void MainWindow::activateProblem(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const Problem &problem = m_problemsModel->problem(index.row());
    if (m_current && problem.table >= m_current->document()->tableCount())
        return;
    select(problem.table, problem.column, problem.key);
}

void MainWindow::addTable()
{
    if (!m_current)
        return;
    const int selected = selectedTable();
    const int index = m_current->addTable(selected >= 0 ? selected + 1 : -1);
    select(index);
    // The new name is typed in place, as in a file manager.
    m_tree->setFocus();
    m_tree->edit(m_tree->currentIndex());
}

void MainWindow::addColumn()
{
    const int table = selectedTable();
    if (!m_current || table < 0)
        return;
    const int column = selectedColumn();
    const int index = m_current->addColumn(table, column >= 0 ? column + 1 : -1);
    select(table, index);
    m_tree->setFocus();
    m_tree->edit(m_tree->currentIndex());
}

void MainWindow::duplicateSelected()
{
    const int table = selectedTable();
    if (!m_current || table < 0)
        return;
    const int column = selectedColumn();
    if (column >= 0)
        select(table, m_current->duplicateColumn(table, column));
    else
        select(m_current->duplicateTable(table));
}

void MainWindow::deleteSelected()
{
    const int table = selectedTable();
    if (!m_current || table < 0)
        return;
    const int column = selectedColumn();
    if (column >= 0) {
        m_current->removeColumn(table, column);
        const int left = int(m_current->document()->table(table).columns.size());
        if (left > 0)
            select(table, std::min(column, left - 1));
        else
            select(table);
    } else {
        m_current->removeTable(table);
        const int left = m_current->document()->tableCount();
        select(left > 0 ? std::min(table, left - 1) : -1);
    }
}

void MainWindow::renameSelected()
{
    if (m_current && m_tree->currentIndex().isValid()) {
        m_tree->setFocus();
        m_tree->edit(m_tree->currentIndex().siblingAtColumn(SchemaTreeModel::NameSection));
    }
}

void MainWindow::moveSelected(int delta)
{
    const int table = selectedTable();
    if (!m_current || table < 0)
        return;
    const int column = selectedColumn();
    if (column >= 0) {
        const int to = column + delta;
        if (to < 0 || to >= m_current->document()->table(table).columns.size())
            return;
        m_current->moveColumn(table, column, to);
        select(table, to);
    } else {
        const int to = table + delta;
        if (to < 0 || to >= m_current->document()->tableCount())
            return;
        m_current->moveTable(table, to);
        select(to);
    }
}

void MainWindow::browserContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_browser->indexAt(pos);
    QMenu menu(this);
    if (auto *session =
            qobject_cast<SchemaSession *>(index.data(SchemaBrowserModel::SessionRole).value<QObject *>())) {
        menu.addAction(Icons::get(QStringLiteral("schema")), tr("&Show"), this,
                       [this, session] { setCurrentSession(session); });
        menu.addAction(Icons::get(QStringLiteral("close")), tr("&Close"), this,
                       [this, session] { closeSession(session); });
    } else if (const qint64 id = index.data(SchemaBrowserModel::StoredIdRole).toLongLong(); id > 0) {
        const QString name = index.siblingAtColumn(SchemaBrowserModel::NameSection).data().toString();
        menu.addAction(Icons::get(QStringLiteral("open")), tr("&Open"), this, [this, id] { openStored(id); });
        menu.addAction(
            Icons::get(QStringLiteral("delete")), tr("&Delete from Storage…"), this, [this, id, name] {
                const auto answer = QMessageBox::warning(
                    this, tr("Delete Stored Schema"),
                    tr("Delete the stored schema \"%1\" and all its generation runs? This cannot be undone.")
                        .arg(name),
                    QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
                if (answer == QMessageBox::Yes)
                    m_persistence->deleteStored(id);
            });
    }
    if (!menu.isEmpty())
        menu.addSeparator();
    menu.addAction(m_refreshAction);
    menu.exec(m_browser->viewport()->mapToGlobal(pos));
}

void MainWindow::treeContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    menu.addAction(m_addTableAction);
    menu.addAction(m_addColumnAction);
    menu.addSeparator();
    menu.addAction(m_renameAction);
    menu.addAction(m_duplicateAction);
    menu.addAction(m_deleteAction);
    menu.addSeparator();
    menu.addAction(m_moveUpAction);
    menu.addAction(m_moveDownAction);
    // The column editor follows the current column: its action acts on the column clicked.
    if (selectedColumn() >= 0 && m_columnEditor->session() == m_current &&
        m_columnEditor->columnIndex() == selectedColumn()) {
        menu.addSeparator();
        menu.addAction(m_columnEditor->deriveAction());
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

// ---- files and storage ----

void MainWindow::openFile(const QString &path)
{
    for (SchemaSession *session : std::as_const(m_sessions)) {
        if (session->origin() == SchemaSession::Origin::File &&
            QFileInfo(session->filePath()) == QFileInfo(path)) {
            setCurrentSession(session);
            return;
        }
    }
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_persistence->loadFile(path);
}

void MainWindow::openStored(qint64 id)
{
    for (SchemaSession *session : std::as_const(m_sessions)) {
        if (session->origin() == SchemaSession::Origin::Stored && session->storedId() == id) {
            setCurrentSession(session);
            return;
        }
    }
    qint64 ownerId = m_user.id;
    QString owner = m_user.username;
    for (const SchemaRecord &record : m_browserModel->stored()) {
        if (record.id == id) {
            ownerId = record.userId;
            owner = record.owner;
        }
    }
    m_persistence->loadStored(id, ownerId, owner);
}

void MainWindow::chooseFile()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Schema"),
                                                      settings.value(QStringLiteral("lastFolder")).toString(),
                                                      tr("Fabrica schemas (*.fabrica.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastFolder"), QFileInfo(path).absolutePath());
    openFile(path);
}

bool MainWindow::saveCurrent()
{
    if (!m_current)
        return false;
    if (m_current->origin() == SchemaSession::Origin::Unsaved && !m_storage) {
        saveAs();
        return true;
    }
    statusBar()->showMessage(tr("Saving %1…").arg(m_current->displayName()));
    m_persistence->save(m_current, m_current->origin() == SchemaSession::Origin::Stored
                                       ? m_current->storedOwnerId()
                                       : m_user.id);
    return true;
}

void MainWindow::saveAs()
{
    if (!m_current)
        return;
    QSettings settings;
    QString suggested = QDir(settings.value(QStringLiteral("lastFolder"), QDir::homePath()).toString())
                            .filePath(m_current->displayName() + SchemaFile::suffix());
    if (m_current->origin() == SchemaSession::Origin::File)
        suggested = m_current->filePath();
    QFileDialog dialog(this, tr("Save Schema As"), suggested, tr("Fabrica schemas (*.fabrica.json)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("fabrica.json"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    QString path = dialog.selectedFiles().first();
    if (!path.endsWith(SchemaFile::suffix()))
        path += SchemaFile::suffix();
    settings.setValue(QStringLiteral("lastFolder"), QFileInfo(path).absolutePath());
    m_recent->add(path);
    m_persistence->saveToFile(m_current, path);
}

void MainWindow::saveToStorage()
{
    if (m_current && m_storage)
        m_persistence->saveToStorage(m_current, m_user.id);
}

void MainWindow::openExample(const QString &resource)
{
    const Result<Schema> schema = SchemaFile::load(resource);
    if (!schema) {
        showError(tr("Cannot open the example"), schema.error());
        return;
    }
    // An example opens as a new schema: saving it must not try to write into the application.
    SchemaSession *session = addSession(schema.value());
    setCurrentSession(session);
    emit sessionOpened(session);
}

void MainWindow::showError(const QString &what, const Error &error)
{
    statusBar()->clearMessage();

    qCWarning(lcUi).noquote() << what << error.toString();
    QMessageBox box(QMessageBox::Warning, tr("Fabrica"), what, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorBox"));
    box.setInformativeText(error.toString());
    box.exec();
}

// ---- recovery ----

void MainWindow::offerRecovery()
{
    const QList<AutosaveStore::Entry> entries = m_autosave->recoverable();
    if (entries.isEmpty())
        return;
    QStringList names;
    for (const AutosaveStore::Entry &entry : entries)
        names << QStringLiteral("• %1 (%2)")
                     .arg(entry.schema.name,
                          QLocale().toString(entry.saved.toLocalTime(), QLocale::ShortFormat));
    QMessageBox box(
        QMessageBox::Question, tr("Recover Unsaved Changes"),
        tr("Fabrica was closed with unsaved changes in %n schema(s).", nullptr, int(entries.size())),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("recoveryBox"));
    box.setInformativeText(names.join(QLatin1Char('\n')));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    const bool recover = box.clickedButton() == restore;
    for (const AutosaveStore::Entry &entry : entries) {
        if (!recover) {
            m_autosave->discard(entry.id);
            continue;
        }
        SchemaSession *session = addSession(entry.schema);
        session->setAutosaveId(entry.id);
        if (entry.origin == SchemaSession::Origin::File)
            session->setFile(entry.filePath);
        else if (entry.origin == SchemaSession::Origin::Stored)
            session->setStored(entry.storedId, entry.storedOwnerId, entry.storedOwner);
        // Recovered edits are not saved anywhere yet: the stack has no clean state to go back to.
        session->undoStack()->resetClean();
        session->document()->setModified(true);
        setCurrentSession(session);
        emit sessionOpened(session);
    }
}

// ---- import ----

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasUrls())
        return;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && ImportService::canImport(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && ImportService::canImport(url.toLocalFile()))
            paths << url.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // Leave the drop handler first: the import shows dialogs of its own.
    QTimer::singleShot(0, this, [this, paths] { importFiles(paths); });
}

void MainWindow::importFiles(const QStringList &paths)
{
    m_import->start(paths, m_current ? m_current->displayName() : QString());
}

void MainWindow::chooseImport()
{
    QSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import"), settings.value(QStringLiteral("lastFolder")).toString(),
        tr("Importable files (*.zip *.sql *.csv *.tsv *.fabrica.json);;ZIP archives (*.zip);;SQL DDL "
           "(*.sql);;"
           "CSV samples (*.csv *.tsv);;Fabrica schemas (*.fabrica.json);;All files (*)"));
    if (paths.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastFolder"), QFileInfo(paths.first()).absolutePath());
    importFiles(paths);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Fabrica"),
                       tr("<h3>Fabrica %1</h3><p>Realistic synthetic test data from database schemas.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace fabrica
