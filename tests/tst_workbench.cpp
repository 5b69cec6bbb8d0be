// The workbench as a user meets it: the real MainWindow on a temporary SQLite storage, driven with keys
// and clicks. A two-table schema with a foreign key is built from an empty window, edited in the form and
// in JSON, undone back to the starting bytes and redone, saved, and reopened after a restart; ZIPs are
// dropped on the window (a good one is imported and shown, a hostile one is refused and stores nothing);
// unsaved changes are asked about and recovered after a crash; a User sees only their own schemas.
#include "MainWindow.h"
#include "StorageTestSupport.h"
#include "ZipFixture.h"
#include "editors/ColumnEditor.h"
#include "editors/ConstraintField.h"
#include "editors/ConstraintJsonEditor.h"
#include "editors/TableEditor.h"
#include "format/SchemaFile.h"
#include "model/ConstraintKeys.h"
#include "models/SchemaBrowserModel.h"
#include "models/SchemaTreeModel.h"
#include "session/SchemaSession.h"
#include "widgets/TypePicker.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

#include <functional>

using namespace fabrica;
using namespace Qt::StringLiterals;
using test::newUser;

namespace {

QByteArray bytes(const SchemaSession *session)
{
    return SchemaFile::serialize(session->schema());
}

// Runs action on the next modal dialog, from inside its exec() (message boxes, the import preview).
void onNextModal(std::function<void(QWidget *)> action)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, action] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        action(modal);
    });
    timer->start();
}

void clickButton(QWidget *dialog, QMessageBox::StandardButton which)
{
    auto *box = qobject_cast<QMessageBox *>(dialog);
    QVERIFY(box);
    QTest::mouseClick(box->button(which), Qt::LeftButton);
}

// Replaces the text of the focused line edit (the tree's in-place editor) and commits it.
void typeIntoFocus(const QString &text)
{
    QTRY_VERIFY2(qobject_cast<QLineEdit *>(QApplication::focusWidget()),
                 qPrintable(text + u" focus: "_s + (QApplication::focusWidget() ? QString::fromLatin1(QApplication::focusWidget()->metaObject()->className()) + u' ' + QApplication::focusWidget()->objectName() : u"none"_s)));
    QWidget *editor = QApplication::focusWidget();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void dropFiles(QWidget *target, const QStringList &paths)
{
    QMimeData data;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    data.setUrls(urls);
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void buildSchemaUndoRedoSaveAndReopen();
    void formAndJsonFollowEachOther();
    void problemsJumpToTheirPlace();
    void dropZipImportsAndShowsIt();
    void dropHostileZipIsRefused();
    void userSeesOnlyOwnSchemas();
    void unsavedChangesAreAskedAbout();
    void unsavedEditsAreRecoveredAfterACrash();
    void saveAsWritesAFileAndRecentFilesRemember();
    void keysActOnTheFocusedView();
    void layoutIsRestored();
    void deriveFromSamplesInTheColumnMenu();

private:
    std::unique_ptr<MainWindow> makeWindow(const UserRecord &user, bool offerRecovery = false);
    SchemaSession *openShop(MainWindow &window);
    QList<SchemaRecord> storedFor(const UserRecord &user);

    test::StorageDatabases m_databases{SqlDialect::SQLite};
    std::unique_ptr<Repository> m_storage;
    std::unique_ptr<QTemporaryDir> m_dir;
    UserRecord m_ada;
    UserRecord m_bob;
};

void TestWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_databases.check().isEmpty());
}

void TestWorkbench::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_storage = m_databases.freshRepository();
    m_ada = m_storage->createUser(Actor::systemActor(), newUser(u"ada"_s, Role::Admin)).value();
    m_bob = m_storage->createUser(Actor::systemActor(), newUser(u"bob"_s, Role::User)).value();
}

void TestWorkbench::cleanup()
{
    m_storage.reset();
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestWorkbench::makeWindow(const UserRecord &user, bool offerRecovery)
{
    MainWindow::Options options;
    options.autosaveFolder = m_dir->filePath(u"autosave"_s);
    options.autosaveDelayMs = 30;
    options.offerRecovery = offerRecovery;
    auto window = std::make_unique<MainWindow>(m_storage.get(), user, options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("the window did not become active");
    return window;
}

SchemaSession *TestWorkbench::openShop(MainWindow &window)
{
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    window.openFile(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"));
    if (!opened.wait(5000))
        return nullptr;
    return window.currentSession();
}

QList<SchemaRecord> TestWorkbench::storedFor(const UserRecord &user)
{
    return m_storage->schemas(Actor::of(user)).value();
}

void TestWorkbench::buildSchemaUndoRedoSaveAndReopen()
{
    auto window = makeWindow(m_ada);
    auto *tree = window->findChild<QTreeView *>(u"schemaTree"_s);
    auto *editors = window->findChild<QStackedWidget *>(u"editors"_s);
    QVERIFY(tree && editors);

    QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(window->currentSession());
    SchemaSession *session = window->currentSession();
    const QByteArray start = bytes(session);
    SchemaDocument *document = session->document();

    // customers(id, email), with the name typed into the tree's in-place editor.
    QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
    typeIntoFocus(u"customers"_s);
    QCOMPARE(document->tableCount(), 1);
    QTRY_COMPARE(document->table(0).name, u"customers"_s);
    QCOMPARE(document->table(0).columns.first().name, u"id"_s);
    QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    typeIntoFocus(u"email"_s);
    QTRY_COMPARE(document->column(0, 1).name, u"email"_s);
    QCOMPARE(editors->currentWidget(), window->findChild<ColumnEditor *>());

    // The type through the column editor's picker, as a user types it.
    auto *picker = window->findChild<ColumnEditor *>()->findChild<TypePicker *>(u"typeField"_s);
    QVERIFY(picker);
    auto *search = picker->findChild<QLineEdit *>(u"typeSearch"_s);
    search->setFocus();
    search->selectAll();
    QTest::keyClicks(search, u"email"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(document->column(0, 1).type, u"email"_s);
    // The offscreen platform leaves no window active after a popup closes; a real one gives it back.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));

    // orders(id, customer_id → customers.id): a second table after the first.
    window->select(0);
    QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
    typeIntoFocus(u"orders"_s);
    QTRY_COMPARE(document->table(1).name, u"orders"_s);
    QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    typeIntoFocus(u"customer_id"_s);
    QTRY_COMPARE(document->column(1, 1).name, u"customer_id"_s);
    search->setFocus();
    search->selectAll();
    QTest::keyClicks(search, u"foreign_key"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(document->column(1, 1).type, u"foreign_key"_s);
    auto *references = window->findChild<ColumnEditor *>()
                           ->findChild<ConstraintField *>(u"key_references"_s)
                           ->findChild<QComboBox *>();
    QVERIFY(references);
    QVERIFY(references->findText(u"customers.id"_s) >= 0); // the picker lists the key columns
    references->setFocus();
    QTest::keyClicks(references->lineEdit(), u"customers.id"_s);
    QCOMPARE(document->column(1, 1).constraints.value(keys::references).toString(), u"customers.id"_s);

    // The tree shows it all, and the schema is valid.
    QTRY_VERIFY(window->problems().isEmpty());
    const QModelIndex schemaRow = tree->model()->index(0, 0);
    QCOMPARE(tree->model()->rowCount(schemaRow), 2);
    QCOMPARE(tree->model()->index(1, 0, tree->model()->index(1, 0, schemaRow)).data().toString(),
             u"customer_id"_s);
    QVERIFY(window->isWindowModified());

    // Undo everything with Ctrl+Z: the starting bytes; redo with Ctrl+Shift+Z: the end bytes.
    const QByteArray built = bytes(session);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    tree->setFocus();
    const int steps = session->undoStack()->count();
    QVERIFY(steps >= 8);
    for (int i = 0; i < steps; ++i)
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(session->undoStack()->index(), 0);
    QCOMPARE(bytes(session), start);
    QVERIFY(!window->isWindowModified());
    for (int i = 0; i < steps; ++i)
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(session->undoStack()->index(), steps);
    QCOMPARE(bytes(session), built);

    // Ctrl+S stores a new schema for the user, in one go; the title loses its mark.
    QSignalSpy saved(window.get(), &MainWindow::sessionSaved);
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(saved.wait(5000));
    QCOMPARE(session->origin(), SchemaSession::Origin::Stored);
    QVERIFY(!session->isDirty());
    QVERIFY(!window->isWindowModified());
    const QList<SchemaRecord> stored = storedFor(m_ada);
    QCOMPARE(stored.size(), 1);
    const qint64 id = stored.first().id;

    // An edit and Ctrl+S again update the same stored schema.
    session->setTableRows(1, 4242);
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(saved.wait(5000));
    QCOMPARE(storedFor(m_ada).size(), 1);
    const QByteArray last = bytes(session);
    window.reset();

    // After a restart the stored schema is listed; opening it gives the same tables back.
    window = makeWindow(m_ada);
    auto *browser = window->findChild<QTreeView *>(u"schemaBrowser"_s);
    auto *browserModel = qobject_cast<SchemaBrowserModel *>(browser->model());
    QTRY_VERIFY(browserModel->storedIndex(id).isValid());
    QSignalSpy opened(window.get(), &MainWindow::sessionOpened);
    emit browser->activated(browserModel->storedIndex(id));
    QVERIFY(opened.wait(5000));
    QCOMPARE(window->currentSession()->storedId(), id);
    QCOMPARE(window->currentSession()->schema().tables, SchemaFile::parse(last).value().tables);
    QCOMPARE(window->currentSession()->schema().tables.at(1).rows, 4242);
}

void TestWorkbench::formAndJsonFollowEachOther()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    const int orders = session->schema().tableIndex(u"orders"_s);
    const int status = session->schema().tables.at(orders).columnIndex(u"status"_s);
    window->select(orders, status);
    auto *editor = window->findChild<ColumnEditor *>();
    QTRY_COMPARE(window->findChild<QStackedWidget *>(u"editors"_s)->currentWidget(), editor);
    auto *json = editor->findChild<QPlainTextEdit *>(u"jsonEdit"_s);
    auto *unique = editor->findChild<ConstraintField *>(u"key_unique"_s)->findChild<QCheckBox *>();
    QVERIFY(json && unique);
    const QByteArray before = bytes(session);

    // Form → JSON.
    QVERIFY(!json->toPlainText().contains(u"\"nullPercent\""_s));
    auto *nullPercent = editor->findChild<ConstraintField *>(u"key_nullPercent"_s)->findChild<QAbstractSpinBox *>();
    QVERIFY(nullPercent);
    nullPercent->setFocus();
    QTest::keyClick(nullPercent, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(nullPercent, u"5"_s);
    QTRY_VERIFY(json->toPlainText().contains(u"\"nullPercent\": 5"_s));
    QCOMPARE(session->document()->column(orders, status).constraints.value(keys::nullPercent).toDouble(), 5.0);

    // JSON → form.
    auto *tabs = editor->findChild<QTabWidget *>(u"columnTabs"_s);
    tabs->setCurrentWidget(editor->jsonEditor());
    QJsonObject constraints = session->document()->column(orders, status).constraints;
    constraints.insert(keys::unique, false);
    constraints.insert(keys::notNull, true);
    json->setFocus();
    json->selectAll();
    QTest::keyClicks(json, QString::fromUtf8(QJsonDocument(constraints).toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(session->document()->column(orders, status).constraints, constraints);
    QTRY_VERIFY(editor->findChild<ConstraintField *>(u"key_notNull"_s)->findChild<QCheckBox *>()->isChecked());

    // Undo to the file's bytes.
    while (session->undoStack()->canUndo())
        session->undoStack()->undo();
    QCOMPARE(bytes(session), before);
    QVERIFY(!unique->isChecked());
}

void TestWorkbench::problemsJumpToTheirPlace()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    QTRY_VERIFY(window->problems().isEmpty());
    const int orders = session->schema().tableIndex(u"orders"_s);
    const int total = session->schema().tables.at(orders).columnIndex(u"amount"_s); // a decimal
    QVERIFY(total >= 0);
    session->setConstraint(orders, total, u"min"_s, 500);
    session->setConstraint(orders, total, u"max"_s, 10);
    QTRY_VERIFY(!window->problems().isEmpty());

    auto *view = window->findChild<QTableView *>(u"problemsView"_s);
    QTRY_VERIFY(view->model()->rowCount() > 0);
    int row = -1;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, 0).data().toString().startsWith(u"orders.amount"_s))
            row = r;
    }
    QVERIFY(row >= 0);
    // The tree marks the column.
    auto *tree = window->findChild<QTreeView *>(u"schemaTree"_s);
    window->select(0);
    const QModelIndex mark = tree->model()
                                 ->index(0, 0)
                                 .model()
                                 ->index(orders, 0, tree->model()->index(0, 0));
    QVERIFY(!tree->model()->index(total, SchemaTreeModel::DetailSection, mark).data(Qt::DecorationRole).isNull());

    view->setFocus();
    view->setCurrentIndex(view->model()->index(row, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(tree->currentIndex().data().toString(), u"amount"_s);
    auto *editor = window->findChild<ColumnEditor *>();
    QTRY_COMPARE(window->findChild<QStackedWidget *>(u"editors"_s)->currentWidget(), editor);
    QCOMPARE(editor->columnIndex(), total);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    bool inKeyField = false;
    for (QWidget *w = focus; w; w = w->parentWidget())
        inKeyField |= w->objectName() == u"key_min"_s || w->objectName() == u"key_max"_s;
    QVERIFY2(inKeyField, qPrintable(focus->objectName()));
}

void TestWorkbench::dropZipImportsAndShowsIt()
{
    const QString path = writeFile(m_dir->filePath(u"webshop.zip"_s), test::appArchive(u"webshop"_s));

    auto window = makeWindow(m_ada);
    QSignalSpy finished(window.get(), &MainWindow::importFinished);
    QSignalSpy opened(window.get(), &MainWindow::sessionOpened);
    bool sawPreview = false;
    onNextModal([&](QWidget *dialog) {
        sawPreview = dialog->objectName() != u"errorBox"_s;
        auto *import = dialog->findChild<QPushButton *>(u"importButton"_s);
        QVERIFY(import && import->isEnabled());
        QTest::mouseClick(import, Qt::LeftButton);
    });
    dropFiles(window.get(), {path});
    QVERIFY(finished.wait(10000));
    QVERIFY(sawPreview);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(storedFor(m_ada).size(), 1);
    QTRY_VERIFY(!opened.isEmpty());
    SchemaSession *session = window->currentSession();
    QVERIFY(session);
    QCOMPARE(session->origin(), SchemaSession::Origin::Stored);
    // The tree shows the imported tables.
    auto *tree = window->findChild<QTreeView *>(u"schemaTree"_s);
    const QModelIndex root = tree->model()->index(0, 0);
    QStringList tables;
    for (int t = 0; t < tree->model()->rowCount(root); ++t)
        tables << tree->model()->index(t, 0, root).data().toString();
    QVERIFY2(tables.contains(u"customers"_s) && tables.contains(u"orders"_s), qPrintable(tables.join(u',')));
}

void TestWorkbench::dropHostileZipIsRefused()
{
    const QString path = writeFile(m_dir->filePath(u"evil.zip"_s),
                                   test::zipOf({{u"schema.sql"_s, "CREATE TABLE t (id integer primary key);"},
                                                {u"../evil.sql"_s, "CREATE TABLE evil (id integer);"}}));

    auto window = makeWindow(m_ada);
    QSignalSpy finished(window.get(), &MainWindow::importFinished);
    QString shown;
    bool importEnabled = true;
    onNextModal([&](QWidget *dialog) {
        auto *import = dialog->findChild<QPushButton *>(u"importButton"_s);
        importEnabled = !import || import->isEnabled();
        auto *report = dialog->findChild<QTreeView *>(u"reportView"_s);
        if (report) {
            const QAbstractItemModel *model = report->model();
            for (int g = 0; g < model->rowCount(); ++g) {
                const QModelIndex group = model->index(g, 0);
                shown += group.data().toString() + u'\n';
                for (int r = 0; r < model->rowCount(group); ++r)
                    shown += model->index(r, 0, group).data().toString() + u' ' +
                             model->index(r, 1, group).data().toString() + u'\n';
            }
        }
        qobject_cast<QDialog *>(dialog)->reject();
    });
    dropFiles(window.get(), {path});
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!importEnabled);
    QVERIFY2(shown.contains(u"Refused"_s) && shown.contains(u"evil.sql"_s), qPrintable(shown));
    QVERIFY(storedFor(m_ada).isEmpty());
    QVERIFY(window->sessions().isEmpty());
}

void TestWorkbench::userSeesOnlyOwnSchemas()
{
    Schema schema;
    schema.name = u"adas"_s;
    QVERIFY(m_storage->saveSchema(Actor::of(m_ada), m_ada.id, schema));
    schema.name = u"bobs"_s;
    QVERIFY(m_storage->saveSchema(Actor::of(m_bob), m_bob.id, schema));

    auto names = [](MainWindow &window) {
        auto *model = qobject_cast<SchemaBrowserModel *>(
            window.findChild<QTreeView *>(u"schemaBrowser"_s)->model());
        QStringList list;
        for (const SchemaRecord &record : model->stored())
            list << record.name + u'/' + record.owner;
        return list;
    };
    auto bob = makeWindow(m_bob);
    QTRY_COMPARE(names(*bob), QStringList{u"bobs/bob"_s});
    QVERIFY(bob->findChild<QTreeView *>(u"schemaBrowser"_s)->isColumnHidden(SchemaBrowserModel::OwnerSection));
    bob.reset();
    auto ada = makeWindow(m_ada);
    QTRY_COMPARE(names(*ada), (QStringList{u"adas/ada"_s, u"bobs/bob"_s}));
    QVERIFY(!ada->findChild<QTreeView *>(u"schemaBrowser"_s)->isColumnHidden(SchemaBrowserModel::OwnerSection));
}

void TestWorkbench::unsavedChangesAreAskedAbout()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    session->renameTable(0, u"people"_s);
    QVERIFY(window->isWindowModified());

    // Cancel keeps the window and the edit.
    onNextModal([](QWidget *box) { clickButton(box, QMessageBox::Cancel); });
    QVERIFY(!window->close());
    QVERIFY(window->isVisible());
    QCOMPARE(session->document()->table(0).name, u"people"_s);

    // Discard closes without writing the file.
    const QByteArray file = [] {
        QFile f(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    onNextModal([](QWidget *box) { clickButton(box, QMessageBox::Discard); });
    QVERIFY(window->close());
    QFile f(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), file);
}

void TestWorkbench::unsavedEditsAreRecoveredAfterACrash()
{
    QByteArray edited;
    {
        auto window = makeWindow(m_ada);
        SchemaSession *session = window->newSchema();
        session->addTable();
        session->renameTable(0, u"survivor"_s);
        edited = bytes(session);
        QTRY_VERIFY(!QDir(m_dir->filePath(u"autosave"_s)).entryList({u"*.meta.json"_s}, QDir::Files).isEmpty());
        // No close: the window goes away as in a crash, leaving the autosave behind.
        window->hide();
        window.release()->deleteLater();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    // Another user is not offered it.
    {
        auto bob = makeWindow(m_bob, false);
        bob->offerRecovery();
        QVERIFY(bob->sessions().isEmpty());
        bob->close();
    }
    onNextModal([](QWidget *box) {
        auto *message = qobject_cast<QMessageBox *>(box);
        QVERIFY(message);
        for (QAbstractButton *button : message->buttons()) {
            if (message->buttonRole(button) == QMessageBox::AcceptRole)
                QTest::mouseClick(button, Qt::LeftButton);
        }
    });
    auto window = makeWindow(m_ada, true);
    QTRY_COMPARE(window->sessions().size(), 1);
    SchemaSession *session = window->sessions().first();
    QCOMPARE(bytes(session), edited);
    QVERIFY(session->isDirty());
    QVERIFY(window->isWindowModified());
}

void TestWorkbench::saveAsWritesAFileAndRecentFilesRemember()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    QVERIFY(QSettings().value(u"recentFiles"_s).toStringList().first().endsWith(u"shop.fabrica.json"_s));
    // Saving a file-backed schema elsewhere goes through SchemaPersistence; the dialog itself is Qt's.
    session->renameTable(0, u"buyers"_s);
    const QString copy = m_dir->filePath(u"copy.fabrica.json"_s);
    QSignalSpy saved(window.get(), &MainWindow::sessionSaved);
    session->setFile(copy);
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(saved.wait(5000));
    const Result<Schema> written = SchemaFile::load(copy);
    QVERIFY(written);
    QCOMPARE(written->tables.first().name, u"buyers"_s);
    QVERIFY(!session->isDirty());
}

void TestWorkbench::keysActOnTheFocusedView()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    const int orders = session->schema().tableIndex(u"orders"_s);
    const int columns = int(session->schema().tables.at(orders).columns.size());
    auto *tree = window->findChild<QTreeView *>(u"schemaTree"_s);

    // In the grid of the table editor, Delete removes the grid's selected column.
    window->select(orders);
    auto *grid = window->findChild<TableEditor *>()->findChild<QTableView *>(u"columnGrid"_s);
    QVERIFY(grid);
    QTRY_VERIFY(grid->isVisible());
    grid->setFocus();
    grid->selectRow(columns - 1);
    QTest::keyClick(grid, Qt::Key_Delete);
    QCOMPARE(session->schema().tables.at(orders).columns.size(), columns - 1);
    QCOMPARE(session->schema().tableIndex(u"orders"_s), orders);

    // In the tree, Ctrl+D duplicates the selected table and Delete removes it again.
    window->select(orders);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(session->document()->tableCount(), orders + 2);
    QCOMPARE(session->document()->table(orders + 1).name, u"orders_copy"_s);
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(session->document()->tableCount(), orders + 1);
    // Alt+Up moves the selected table.
    QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(session->document()->table(orders - 1).name, u"orders"_s);
}

void TestWorkbench::layoutIsRestored()
{
    {
        auto window = makeWindow(m_ada);
        auto *history = window->findChild<QDockWidget *>(u"historyDock"_s);
        auto *problems = window->findChild<QDockWidget *>(u"problemsDock"_s);
        QVERIFY(history && problems);
        problems->hide();
        history->setFloating(true);
        window->resize(1111, 777);
        QVERIFY(window->close());
    }
    auto window = makeWindow(m_ada);
    QVERIFY(!window->findChild<QDockWidget *>(u"problemsDock"_s)->isVisible());
    QVERIFY(window->findChild<QDockWidget *>(u"historyDock"_s)->isFloating());
    QCOMPARE(window->size(), QSize(1111, 777));
}

// The tree's context menu of a column with samples offers "Derive from Samples"; choosing it with the
// keyboard changes the column in one undo step and the status bar says what was inferred.
void TestWorkbench::deriveFromSamplesInTheColumnMenu()
{
    auto window = makeWindow(m_ada);
    SchemaSession *session = openShop(*window);
    QVERIFY(session);
    const int orders = session->schema().tableIndex(u"orders"_s);
    const int amount = session->schema().tables.at(orders).columnIndex(u"amount"_s);
    session->setSamples(orders, amount, {u"9.99"_s, u"19.99"_s, u"4.50"_s, u"9.99"_s});
    const QByteArray before = bytes(session);
    const int steps = session->undoStack()->count();
    window->select(orders, amount);
    auto *editor = window->findChild<ColumnEditor *>();
    QTRY_COMPARE(window->findChild<QStackedWidget *>(u"editors"_s)->currentWidget(), editor);
    auto *tree = window->findChild<QTreeView *>(u"schemaTree"_s);
    const QModelIndex current = tree->currentIndex();
    QVERIFY(current.isValid());

    QStringList offered;
    QString menuFailure = u"no menu opened"_s;
    QTimer poll;
    QElapsedTimer clock;
    clock.start();
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu) {
            if (clock.elapsed() > 5000) {
                poll.stop();
                for (QWidget *widget : QApplication::topLevelWidgets()) {
                    if (qobject_cast<QMenu *>(widget) && widget->isVisible())
                        widget->close();
                }
            }
            return;
        }
        poll.stop();
        menuFailure.clear();
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator() && action->isEnabled())
                offered << action->text().remove(u'&');
        }
        // Chosen with the keyboard, by its mnemonic.
        QTest::keyClick(menu, Qt::Key_M);
        if (menu->isVisible())
            menu->close(); // whatever happened, the test goes on
    });
    poll.start(10);
    emit tree->customContextMenuRequested(tree->visualRect(current).center());
    QCOMPARE(menuFailure, QString());
    QVERIFY2(offered.contains(u"Derive from Samples"_s), qPrintable(offered.join(u", "_s)));
    QCOMPARE(offered.last(), u"Derive from Samples"_s);

    const QJsonObject constraints = session->document()->column(orders, amount).constraints;
    QCOMPARE(constraints.value(u"min"_s).toDouble(), 4.5);
    QCOMPARE(constraints.value(u"max"_s).toDouble(), 19.99);
    QCOMPARE(session->undoStack()->count(), steps + 1);
    const QString status = window->statusBar()->currentMessage();
    QVERIFY2(status.startsWith(u"Derived amount from its samples: "_s), qPrintable(status));
    session->undoStack()->undo();
    QCOMPARE(bytes(session), before);
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
