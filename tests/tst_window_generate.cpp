// The window generates, previews, charts, exports and administers, driven as a user drives it: the real
// MainWindow on a temporary SQLite storage, the shop example, the dialogs filled in with keys and clicks
// (Qt's own file dialog, so the test can type into it). What the window writes is compared byte for byte
// with `fabrica generate` for the same seed; the database load is counted in the test PostgreSQL.
#include "DialogDriver.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "AuthTestSupport.h"
#include "StorageTestSupport.h"
#include "account/NewUserDialog.h"
#include "account/UsersDialog.h"
#include "account/UsersModel.h"
#include "auth/AuthService.h"
#include "export/ExportOptionsDialog.h"
#include "generate/ColumnStatistics.h"
#include "generate/GeneratePanel.h"
#include "generate/RowCountsModel.h"
#include "generate/RowWindow.h"
#include "import/CsvReader.h"
#include "preview/ColumnStatisticsView.h"
#include "preview/PreviewModel.h"
#include "preview/PreviewPanel.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "runs/StoredRunModel.h"
#include "runs/StoredRunView.h"
#include "session/SchemaSession.h"
#include "targets/DatabaseTargetDialog.h"
#include "workbench/GenerationFlow.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

using namespace fabrica;
using namespace fabrica::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPassword = "correct horse battery staple 42";
constexpr quint64 kSeed = 7;

QString shopPath()
{
    return QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json");
}

// Runs the fabrica binary the way a user does; fails the test on a non-zero exit.
QByteArray fabricaCli(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("FABRICA_BINARY"), arguments);
    if (!process.waitForFinished(600000) || process.exitCode() != 0)
        qWarning("fabrica %s: %s", qPrintable(arguments.join(u' ')),
                 process.readAllStandardError().constData());
    return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray("failed");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file of a folder, by name.
QMap<QString, QByteArray> folder(const QString &path)
{
    QMap<QString, QByteArray> files;
    for (const QString &name : QDir(path).entryList(QDir::Files))
        files.insert(name, readAll(QDir(path).filePath(name)));
    return files;
}

// Types a PostgreSQL server's address into the target dialog, as a user would, with the tables going into
// `schema`.
void typePostgresTarget(DatabaseTargetDialog *dialog, const DatabaseUrl &target, const QString &schema)
{
    QVERIFY(arrowTo(dialog->findChild<QComboBox *>(u"kind"_s), u"PostgreSQL"_s));
    retype(dialog->findChild<QLineEdit *>(u"host"_s), target.host);
    auto *port = dialog->findChild<QSpinBox *>(u"port"_s);
    port->setFocus();
    QTest::keyClick(port, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(port, QString::number(target.port));
    retype(dialog->findChild<QLineEdit *>(u"database"_s), target.database);
    retype(dialog->findChild<QLineEdit *>(u"user"_s), target.user);
    retype(dialog->findChild<QLineEdit *>(u"schema"_s), schema);
}

} // namespace

class TestWindowGenerate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void exportThroughTheDialogsEqualsTheCli();
    void cancelledExportLeavesNoFile();
    void previewOfTheLastOrderEqualsTheCli();
    void statisticsShowTheRequestedWeights();
    void writeIntoPostgresFromTheDialog();
    void disableTriggersReachesThePostgresLoad();
    void storedRunOpensAndExportsAgain();
    void adminCreatesAUserWhoSeesNoAdminMenu();

private:
    std::unique_ptr<MainWindow> openWindow(const UserRecord &user);
    // Sets the rows to generate of a table in the generate panel's table, as a user types them.
    void typeRows(const QString &table, qint64 rows);
    // Chooses a file in the export dialogs: the CSV filter, a name in folder, per table.
    void exportThroughDialogs(ModalDriver &driver, const QString &folder);
    void waitForRun(QSignalSpy &finished, QSignalSpy &failed);
    GeneratePanel *panel() const { return m_window->generation()->generatePanel(); }
    QStringList cliRows() const { return {u"--rows"_s, u"customers=2000"_s, u"--rows"_s, u"orders=6000"_s}; }

    StorageDatabases m_databases{SqlDialect::SQLite};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Repository> m_storage;
    std::optional<AuthService> m_auth;
    UserRecord m_admin;
    std::unique_ptr<MainWindow> m_window;
};

void TestWindowGenerate::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_databases.check().isEmpty());
    QVERIFY2(QFileInfo(qEnvironmentVariable("FABRICA_BINARY")).isExecutable(),
             "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
}

void TestWindowGenerate::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_storage = m_databases.freshRepository();
    m_auth.emplace(authService(*m_storage, *m_dir));
    m_admin = m_auth->createFirstAdmin(u"ada"_s, u"ada@example.com"_s, kPassword).value();
    m_window = openWindow(m_admin);
    m_window->generation()->setFileDialogOptions(QFileDialog::DontUseNativeDialog);
    QSignalSpy opened(m_window.get(), &MainWindow::sessionOpened);
    m_window->openFile(shopPath());
    QTRY_COMPARE(opened.size(), 1);
    // The seed as a user types it into the generate panel.
    auto *seed = panel()->findChild<QLineEdit *>(u"seed"_s);
    retype(seed, QString::number(kSeed));
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(panel()->seed(), kSeed);
}

void TestWindowGenerate::cleanup()
{
    if (m_window && panel()->isRunning()) {
        QSignalSpy failed(panel(), &GeneratePanel::runFailed);
        panel()->cancel();
        QTRY_VERIFY(!panel()->isRunning());
    }
    if (m_window) {
        // Nothing unsaved to ask about: the test's edits are thrown away.
        for (SchemaSession *session : m_window->sessions())
            session->undoStack()->setClean();
    }
    m_window.reset();
    m_auth.reset();
    m_storage.reset();
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestWindowGenerate::openWindow(const UserRecord &user)
{
    MainWindow::Options options;
    options.autosaveFolder = m_dir->filePath(u"autosave-%1"_s.arg(user.id));
    options.offerRecovery = false;
    options.auth = &*m_auth;
    auto window = std::make_unique<MainWindow>(m_storage.get(), user, options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("the window did not become active");
    return window;
}

void TestWindowGenerate::typeRows(const QString &table, qint64 rows)
{
    auto *view = panel()->findChild<QTableView *>(u"rowCounts"_s);
    QVERIFY(view);
    RowCountsModel *model = panel()->rowCountsModel();
    int row = 0;
    while (row < model->rowCount() && model->tableName(row) != table)
        ++row;
    QVERIFY(row < model->rowCount());
    const QModelIndex index = view->model()->index(row, RowCountsModel::RowsColumn);
    view->setFocus();
    view->setCurrentIndex(index);
    view->edit(index);
    QTRY_VERIFY(qobject_cast<QAbstractSpinBox *>(QApplication::focusWidget()));
    QWidget *editor = QApplication::focusWidget();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, QString::number(rows));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(model->rows(row), rows);
}

void TestWindowGenerate::exportThroughDialogs(ModalDriver &driver, const QString &folder)
{
    driver.then<QFileDialog>([folder](QFileDialog *dialog) {
        QVERIFY(
            arrowTo(dialog->findChild<QComboBox *>(u"fileTypeCombo"_s), u"Comma-separated values (*.csv)"_s));
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        retype(name, QDir(folder).filePath(u"shop.csv"_s));
        QTest::keyClick(name, Qt::Key_Return);
    });
    driver.then<ExportOptionsDialog>([](ExportOptionsDialog *dialog) {
        QVERIFY(dialog->findChild<QAbstractButton *>(u"perTable"_s)->isChecked());
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    });
    driver.start();
}

void TestWindowGenerate::waitForRun(QSignalSpy &finished, QSignalSpy &failed)
{
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() > 0, 300000);
    if (!failed.isEmpty())
        QFAIL(qPrintable(failed.first().first().value<Error>().toString()));
}

// File → Export… with a fixed seed and rows typed into the panel: the same bytes as the CLI.
void TestWindowGenerate::exportThroughTheDialogsEqualsTheCli()
{
    QAbstractItemModelTester rowCountsTester(panel()->rowCountsModel());
    typeRows(u"customers"_s, 2000);
    typeRows(u"orders"_s, 6000);
    const QString out = m_dir->filePath(u"window"_s);
    QVERIFY(QDir().mkpath(out));
    QSignalSpy finished(panel(), &GeneratePanel::runFinished);
    QSignalSpy failed(panel(), &GeneratePanel::runFailed);
    ModalDriver driver;
    exportThroughDialogs(driver, out);
    m_window->generation()->exportAction()->trigger();
    QCOMPARE(driver.failure, QString());
    QVERIFY(driver.done());
    waitForRun(finished, failed);
    QCOMPARE(finished.first().first().value<GenerationRunner::Outcome>().summary.rows, 8000);
    QVERIFY(panel()->resultText().contains(u"8,000"_s));

    const QString cli = m_dir->filePath(u"cli"_s);
    fabricaCli(QStringList{u"generate"_s, shopPath(), u"--seed"_s, QString::number(kSeed), u"--out"_s, cli,
                           u"-q"_s} +
               cliRows());
    const QMap<QString, QByteArray> expected = folder(cli);
    QCOMPARE(expected.keys(), (QStringList{u"customers.csv"_s, u"orders.csv"_s}));
    QVERIFY(expected.value(u"orders.csv"_s).count('\n') == 6001);
    QCOMPARE(folder(out), expected);
}

// Cancel in the middle of the full shop (4,000,000 rows): no file appears.
void TestWindowGenerate::cancelledExportLeavesNoFile()
{
    const QString out = m_dir->filePath(u"cancelled"_s);
    QVERIFY(QDir().mkpath(out));
    QSignalSpy finished(panel(), &GeneratePanel::runFinished);
    QSignalSpy failed(panel(), &GeneratePanel::runFailed);
    ModalDriver driver;
    exportThroughDialogs(driver, out);
    m_window->generation()->exportAction()->trigger();
    QVERIFY(driver.done());
    QTRY_VERIFY(panel()->isRunning());
    auto *cancel = panel()->findChild<QPushButton *>(u"cancelGenerate"_s);
    QTRY_VERIFY(panel()->progress().rowsDone() > 0);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !finished.isEmpty(), 120000);
    QVERIFY(finished.isEmpty());
    QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Cancelled);
    QVERIFY(QDir(out).entryList(QDir::Files | QDir::Hidden).isEmpty());
    QVERIFY(panel()->resultText().contains(u"Cancelled"_s));
}

// The Data Preview goes to order 3,000,000 (row 2,999,999) without holding the rows before it; its cells
// are the fields of the CLI's last line of orders.csv.
void TestWindowGenerate::previewOfTheLastOrderEqualsTheCli()
{
    PreviewPanel *preview = m_window->generation()->previewPanel();
    QAbstractItemModelTester tester(preview->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(preview->showTable(u"orders"_s));
    QTRY_VERIFY(!preview->isRefreshing() && preview->model()->tableRows() == 3000000);
    QCOMPARE(preview->seed(), kSeed);
    preview->goToRow(3000000);
    QTRY_VERIFY(preview->view()->currentIndex().isValid() &&
                preview->model()->tableRow(preview->view()->currentIndex().row()) == 2999999);
    QVERIFY(preview->model()->cachedRows() <= 8 * 256);
    const int row = preview->view()->currentIndex().row();
    QList<std::optional<QString>> shown;
    for (int column = 0; column < preview->model()->columnCount(); ++column)
        shown << preview->model()->index(row, column).data(PreviewModel::CellRole).value<RowWindow::Cell>();

    const QString cli = m_dir->filePath(u"cli-full"_s);
    fabricaCli({u"generate"_s, shopPath(), u"--seed"_s, QString::number(kSeed), u"--out"_s, cli, u"-q"_s});
    QFile orders(QDir(cli).filePath(u"orders.csv"_s));
    QVERIFY(orders.open(QIODevice::ReadOnly));
    const QByteArray header = orders.readLine();
    QVERIFY(orders.seek(orders.size() - 4096));
    QByteArray tail = orders.readAll();
    tail.chop(1); // the last line's end
    const QByteArray lastLine = tail.mid(tail.lastIndexOf('\n') + 1);
    ImportReport report;
    const Result<CsvTable> parsed =
        CsvReader().read(u"orders.csv"_s, QString::fromUtf8(header + lastLine + '\n'), report);
    QVERIFY(parsed && parsed->rows.size() == 1);
    const CsvTable::Row fields = parsed->rows.first();
    QCOMPARE(fields.size(), shown.size());
    QCOMPARE(fields.first(), std::optional<QString>(u"3000000"_s));
    QCOMPARE(shown, fields); // NULL is an unquoted empty field in the CLI's CSV
}

// The statistics of orders.status from 100,000 generated rows: each share within one percentage point of
// its weight.
void TestWindowGenerate::statisticsShowTheRequestedWeights()
{
    const Schema &schema = m_window->currentSession()->schema();
    const int orders = schema.tableIndex(u"orders"_s);
    const int status = schema.tables[orders].columnIndex(u"status"_s);
    m_window->select(orders, status);
    ColumnStatisticsView *view = m_window->generation()->statisticsView();
    QTRY_VERIFY_WITH_TIMEOUT(view->hasStatistics() && !view->isBusy(), 60000);
    const ColumnStatistics &statistics = view->statistics();
    QCOMPARE(statistics.column, u"status"_s);
    QCOMPARE(statistics.rowsSampled, 100000);
    const QMap<QString, double> weights{
        {u"delivered"_s, 0.70}, {u"shipped"_s, 0.15}, {u"pending"_s, 0.10}, {u"cancelled"_s, 0.05}};
    QCOMPARE(statistics.topValues.size(), 4);
    for (const ColumnStatistics::TopValue &value : statistics.topValues) {
        QVERIFY2(qAbs(value.share - weights.value(value.value)) < 0.01, qPrintable(value.value));
        QCOMPARE(value.requested, weights.value(value.value));
    }
}

// Tools → Write into Database…: the dialog filled in for the test server, the load counted there.
void TestWindowGenerate::writeIntoPostgresFromTheDialog()
{
    const QString serverUrl = qEnvironmentVariable("FABRICA_TEST_PG_URL");
    QVERIFY2(!serverUrl.isEmpty(), "FABRICA_TEST_PG_URL is not set: run scripts/test.sh");
    StorageDatabases servers(SqlDialect::PostgreSQL);
    QVERIFY(servers.check().isEmpty());
    const DatabaseUrl target = servers.fresh();
    typeRows(u"customers"_s, 300);
    typeRows(u"orders"_s, 900);
    QSignalSpy finished(panel(), &GeneratePanel::runFinished);
    QSignalSpy failed(panel(), &GeneratePanel::runFailed);
    ModalDriver driver;
    driver.then<DatabaseTargetDialog>([&](DatabaseTargetDialog *dialog) {
        typePostgresTarget(dialog, target, u"staging"_s);
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"test"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->findChild<QLabel *>(u"testResult"_s)->text().contains(u"PostgreSQL"_s));
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"ok"_s), Qt::LeftButton);
    });
    driver.start();
    m_window->generation()->writeToDatabaseAction()->trigger();
    QCOMPARE(driver.failure, QString());
    waitForRun(finished, failed);

    DatabaseUrl check = target;
    const std::shared_ptr<Database> database = Database::open(check).value();
    QSqlDatabase db = database->connection().value();
    QSqlQuery query(db);
    QVERIFY(query.exec(
        u"SELECT (SELECT count(*) FROM staging.customers), (SELECT count(*) FROM staging.orders)"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 300);
    QCOMPARE(query.value(1).toLongLong(), 900);
}

// "Disable triggers" in the dialog reaches the load: tables whose foreign keys form a cycle the server
// enforces (customers.id → orders, besides orders.customer_id → customers) are refused without it, before
// anything is written, and loaded with it; the triggers are back on afterwards.
void TestWindowGenerate::disableTriggersReachesThePostgresLoad()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("FABRICA_TEST_PG_URL"),
             "FABRICA_TEST_PG_URL is not set: run scripts/test.sh");
    StorageDatabases servers(SqlDialect::PostgreSQL);
    QVERIFY(servers.check().isEmpty());
    const DatabaseUrl target = servers.fresh();
    typeRows(u"customers"_s, 300);
    typeRows(u"orders"_s, 900);
    QSignalSpy finished(panel(), &GeneratePanel::runFinished);
    QSignalSpy failed(panel(), &GeneratePanel::runFailed);
    auto load = [&](const QString &ifExists, bool disableTriggers) {
        ModalDriver driver;
        driver.then<DatabaseTargetDialog>([&](DatabaseTargetDialog *dialog) {
            typePostgresTarget(dialog, target, u"cycle"_s);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(arrowTo(dialog->findChild<QComboBox *>(u"ifExists"_s), ifExists));
            auto *box = dialog->findChild<QCheckBox *>(u"disableTriggers"_s);
            QCOMPARE(box->isEnabled(), ifExists != u"Fail"_s);
            if (box->isChecked() != disableTriggers)
                QTest::keyClick(dialog, Qt::Key_G, Qt::AltModifier);
            QTRY_COMPARE(box->isChecked(), disableTriggers);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"ok"_s), Qt::LeftButton);
        });
        driver.start();
        m_window->generation()->writeToDatabaseAction()->trigger();
        QCOMPARE(driver.failure, QString());
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() > 0, 300000);
    };

    load(u"Fail"_s, false);
    QVERIFY2(failed.isEmpty(), qPrintable(panel()->resultText()));
    const std::shared_ptr<Database> database = Database::open(target).value();
    QSqlDatabase db = database->connection().value();
    QSqlQuery query(db);
    QVERIFY2(query.exec(u"ALTER TABLE cycle.customers ADD CONSTRAINT customers_first_order FOREIGN KEY (id) "
                        u"REFERENCES cycle.orders (id)"_s),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"UPDATE cycle.customers SET first_name = 'kept' WHERE id = 1"_s));

    // Without the checkbox: refused before writing, with the way out in the message.
    finished.clear();
    load(u"Truncate"_s, false);
    QCOMPARE(failed.size(), 1);
    const QString refusal = failed.first().first().value<Error>().message;
    QVERIFY2(refusal.contains(u"cycle"_s) && refusal.contains(u"--disable-triggers"_s), qPrintable(refusal));
    QTRY_VERIFY(m_window->findChild<QMessageBox *>(u"generateError"_s));
    m_window->findChild<QMessageBox *>(u"generateError"_s)->close();
    QVERIFY(query.exec(u"SELECT first_name FROM cycle.customers WHERE id = 1"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"kept"_s); // nothing was written

    // With it: loaded, and every trigger is on again.
    failed.clear();
    load(u"Truncate"_s, true);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Error>().toString()));
    QCOMPARE(finished.size(), 1);
    QVERIFY(query.exec(u"SELECT (SELECT count(*) FROM cycle.customers), (SELECT count(*) FROM cycle.orders), "
                       u"(SELECT count(*) FROM cycle.customers WHERE first_name = 'kept'), "
                       u"(SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgenabled = 'D' AND "
                       u"tgrelid IN ('cycle.customers'::regclass, 'cycle.orders'::regclass))"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 300);
    QCOMPARE(query.value(1).toLongLong(), 900);
    QCOMPARE(query.value(2).toLongLong(), 0);
    QCOMPARE(query.value(3).toLongLong(), 0);
}

// Saved in storage, generated as a run there, listed in the runs dock, its data opened, and exported again
// through the same dialogs: the CLI's bytes for the same seed.
void TestWindowGenerate::storedRunOpensAndExportsAgain()
{
    SchemaSession *session = m_window->currentSession();
    QSignalSpy saved(m_window.get(), &MainWindow::sessionSaved);
    for (QAction *action : m_window->actions()) {
        if (action->text().remove(u'&') == u"Save to Storage"_s)
            action->trigger();
    }
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(session->origin(), SchemaSession::Origin::Stored);
    typeRows(u"customers"_s, 2000);
    typeRows(u"orders"_s, 6000);
    panel()->setTarget(GeneratePanel::Target::StoredRun);
    QSignalSpy finished(panel(), &GeneratePanel::runFinished);
    QSignalSpy failed(panel(), &GeneratePanel::runFailed);
    QTest::mouseClick(panel()->findChild<QPushButton *>(u"generate"_s), Qt::LeftButton);
    waitForRun(finished, failed);
    const qint64 runId = finished.first().first().value<GenerationRunner::Outcome>().runId;
    QVERIFY(runId > 0);

    RunsPanel *runs = m_window->generation()->runsPanel();
    QAbstractItemModelTester tester(runs->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(runs->model()->rowOf(runId) >= 0);
    const RunRecord record = runs->model()->run(runs->model()->rowOf(runId));
    QCOMPARE(record.status, RunRecord::Status::Finished);
    QCOMPARE(record.seed, kSeed);
    QCOMPARE(record.target, u"storage"_s);
    runs->selectRun(runId);
    runs->openSelected();
    StoredRunView *data = nullptr;
    QTRY_VERIFY((data = m_window->findChild<StoredRunView *>()) && data->runId() == runId &&
                !data->isLoading());
    QTRY_COMPARE(data->model()->tableRows(), 2000);

    const QString out = m_dir->filePath(u"again"_s);
    QVERIFY(QDir().mkpath(out));
    finished.clear();
    ModalDriver driver;
    exportThroughDialogs(driver, out);
    runs->exportSelected();
    QCOMPARE(driver.failure, QString());
    waitForRun(finished, failed);
    const QString cli = m_dir->filePath(u"cli"_s);
    fabricaCli(QStringList{u"generate"_s, shopPath(), u"--seed"_s, QString::number(kSeed), u"--out"_s, cli,
                           u"-q"_s} +
               cliRows());
    QCOMPARE(folder(out), folder(cli));
}

// Account → Users…: a new User made through the dialog signs in and finds no administrator's menu entry.
void TestWindowGenerate::adminCreatesAUserWhoSeesNoAdminMenu()
{
    auto *users = m_window->findChild<QAction *>(u"usersAction"_s);
    QVERIFY(users && users->isVisible());
    users->trigger();
    UsersDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<UsersDialog *>()) && dialog->isVisible() && !dialog->isBusy());
    QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"newUser"_s), Qt::LeftButton);
    NewUserDialog *form = nullptr;
    QTRY_VERIFY((form = dialog->findChild<NewUserDialog *>()) && form->isVisible());
    retype(form->findChild<QLineEdit *>(u"username"_s), u"bob"_s);
    retype(form->findChild<QLineEdit *>(u"email"_s), u"bob@example.com"_s);
    retype(form->findChild<QLineEdit *>(u"password"_s), QString::fromLatin1(kPassword));
    retype(form->findChild<QLineEdit *>(u"repeatPassword"_s), QString::fromLatin1(kPassword));
    QTest::keyClick(form->findChild<QLineEdit *>(u"repeatPassword"_s), Qt::Key_Return);
    auto listed = [dialog] {
        for (const UserRecord &user : dialog->model()->users()) {
            if (user.username == u"bob"_s)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(listed(), 20000);
    dialog->close();

    // bob signs in through the sign-in dialog, as the application starts it.
    SignInDialog signIn(*m_auth, *m_storage);
    signIn.show();
    retype(signIn.findChild<QLineEdit *>(u"username"_s), u"bob"_s);
    retype(signIn.findChild<QLineEdit *>(u"password"_s), QString::fromLatin1(kPassword));
    QTest::keyClick(signIn.findChild<QLineEdit *>(u"password"_s), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(signIn.result(), int(QDialog::Accepted), 20000);
    const UserRecord bob = signIn.session().user;
    QCOMPARE(bob.username, u"bob"_s);
    QCOMPARE(bob.role, Role::User);
    std::unique_ptr<MainWindow> bobs = openWindow(bob);
    QVERIFY(!bobs->findChild<QAction *>(u"usersAction"_s));
    QStringList entries;
    for (QAction *menu : bobs->menuBar()->actions()) {
        for (QAction *entry : menu->menu()->actions())
            entries << entry->text().remove(u'&');
    }
    QVERIFY(entries.contains(u"Change Password…"_s));
    QVERIFY(entries.contains(u"Sign Out"_s));
    QVERIFY(!entries.contains(u"Users…"_s));
    // Sign Out asks the application to go back to the sign-in.
    QSignalSpy signOut(bobs.get(), &MainWindow::signOutRequested);
    bobs->findChild<QAction *>(u"signOutAction"_s)->trigger();
    QCOMPARE(signOut.size(), 1);
}

QTEST_MAIN(TestWindowGenerate)
#include "tst_window_generate.moc"
