#pragma once

#include "session/SchemaSession.h"
#include "storage/StoredRecords.h"
#include "validate/Problem.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;
class QUndoGroup;

namespace fabrica {

class AccountActions;
class AuthService;
class AutosaveScheduler;
class EmbeddedApi;
class GenerationFlow;
class ImportFlow;
class RecentFiles;
class ColumnEditor;
class ProblemsModel;
class Repository;
class SchemaBrowserModel;
class SchemaEditor;
class SchemaPersistence;
class SchemaSession;
class SchemaTreeModel;
class TableEditor;
class ValidationScheduler;
struct Error;
struct Schema;

// The workbench: a browser of open and stored schemas, the schema tree, an editor for what is selected
// (schema, table or column), problems and undo history; files, storage, import by drag and drop.
// Everything it changes goes through a SchemaSession's undo stack; everything slow runs off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        QString autosaveFolder; // empty: the application data folder
        int autosaveDelayMs = 2000;
        bool offerRecovery = true;
        AuthService *auth = nullptr; // for the account actions; without it, no Users/Password/Sign Out
    };

    MainWindow(Repository *storage, const UserRecord &user, QWidget *parent = nullptr);
    MainWindow(Repository *storage, const UserRecord &user, const Options &options,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a schema file (read off the GUI thread; sessionOpened follows).
    void openFile(const QString &path);
    void openStored(qint64 id);
    SchemaSession *newSchema();
    // Starts an import of the files, as if they had been dropped on the window.
    void importFiles(const QStringList &paths);
    // Offers the autosaved edits of an earlier run that did not end cleanly.
    void offerRecovery();

    SchemaSession *currentSession() const { return m_current; }
    // Generate, preview, statistics, export, write into a database, runs.
    GenerationFlow *generation() const { return m_generation; }
    // The REST API server the API Server setting turns on; null without an AuthService.
    EmbeddedApi *api() const { return m_api; }
    QList<SchemaSession *> sessions() const;
    void setCurrentSession(SchemaSession *session);
    // Selects and shows an item: table -1 = the schema, column -1 = the table.
    void select(int table, int column = -1, const QString &key = {});
    const Problems &problems() const;
    UserRecord user() const { return m_user; }

    bool saveCurrent();
    // Asks Save / Discard / Cancel for a dirty session; false when the user cancels.
    bool closeSession(SchemaSession *session);

signals:
    void sessionOpened(fabrica::SchemaSession *session);
    void sessionSaved(fabrica::SchemaSession *session);
    void importFinished(bool stored);
    // Sign Out, or one's own account was changed by oneself in the users dialog.
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createCentral();
    void restoreLayout();
    SchemaSession *addSession(const Schema &schema);
    void updateTitle();
    void updateActions();
    void showEditorFor(const QModelIndex &treeIndex);
    void problemsChanged(const Problems &problems);
    void activateProblem(const QModelIndex &index);
    void showError(const QString &what, const Error &error);
    void chooseFile();
    void chooseImport();
    void saveAs();
    void saveToStorage();
    void closeCurrent();
    void openExample(const QString &resource);
    // Tree selection: which table and column the actions work on.
    int selectedTable() const;
    int selectedColumn() const;
    void addTable();
    void addColumn();
    void duplicateSelected();
    void deleteSelected();
    void renameSelected();
    void moveSelected(int delta);
    void treeContextMenu(const QPoint &pos);
    void browserContextMenu(const QPoint &pos);
    void showAbout();

    Repository *m_storage;
    UserRecord m_user;
    Options m_options;
    SchemaPersistence *m_persistence;
    AutosaveScheduler *m_autosave;
    ImportFlow *m_import;
    RecentFiles *m_recent = nullptr;
    AccountActions *m_account = nullptr;
    GenerationFlow *m_generation = nullptr;
    EmbeddedApi *m_api = nullptr;
    QList<SchemaSession *> m_sessions;
    QPointer<SchemaSession> m_current;

    QUndoGroup *m_undoGroup;
    SchemaBrowserModel *m_browserModel;
    SchemaTreeModel *m_treeModel;
    QSortFilterProxyModel *m_treeFilter;
    ProblemsModel *m_problemsModel;
    ValidationScheduler *m_validation;

    QTreeView *m_browser = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_problemsView = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    QStackedWidget *m_editors = nullptr;
    QWidget *m_welcome = nullptr;
    SchemaEditor *m_schemaEditor = nullptr;
    TableEditor *m_tableEditor = nullptr;
    ColumnEditor *m_columnEditor = nullptr;
    QLabel *m_problemSummary = nullptr;
    QLabel *m_signedIn = nullptr;
    QMenu *m_viewMenu = nullptr;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_storeAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_addTableAction = nullptr;
    QAction *m_addColumnAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_moveUpAction = nullptr;
    QAction *m_moveDownAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_validateAction = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace fabrica
