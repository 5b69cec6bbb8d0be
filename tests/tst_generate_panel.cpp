// The Generate panel: a GenerationController runs the core GenerationRunner on a worker while the event
// loop keeps turning, with throttled progress; the panel shows progress per table and overall, the result,
// a cancel, and an error dialog with the core's message. The rows table and the seed field are driven
// like a user would.
#include "ExampleSchemas.h"
#include "SchemaBuilding.h"
#include "StorageTestSupport.h"
#include "format/SchemaFile.h"
#include "generate/GeneratePanel.h"
#include "generate/GenerationController.h"
#include "generate/GenerationProgress.h"
#include "generate/GenerationProgressModel.h"
#include "generate/RowCountsModel.h"
#include "settings/MessageLabel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace fabrica;
using namespace fabrica::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 120000;
// Orders of a run that is cancelled: long enough (seconds even in a Release build) not to end first.
constexpr qint64 kLongRun = 30000000;

Schema shop()
{
    return test::shopExample();
}

// The shop workload, scaled down (orders at 300,000 rows) and exported as CSV, one file per table.
GenerationRequest shopExport(const QString &folder, qint64 orders = 300000, qint64 customers = 50000)
{
    GenerationRequest request;
    request.schema = shop();
    request.seed = 7;
    request.threads = 2;
    request.chunkRows = 2048;
    request.rows.insert(u"customers"_s, customers);
    request.rows.insert(u"orders"_s, orders);
    request.formatId = u"csv"_s;
    request.exportOptions.path = folder;
    return request;
}

QMap<QString, QByteArray> filesIn(const QString &folder)
{
    QMap<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files.insert(name, file.readAll());
    }
    return files;
}

// Measures how often the event loop gets to a 10 ms timer: the proof that the GUI thread stays free.
class Ticker
{
public:
    Ticker()
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_maxGap = std::max(m_maxGap, now - m_last);
            m_last = now;
            ++m_ticks;
        });
        m_timer.start(10);
        m_clock.start();
    }
    int ticks() const { return m_ticks; }
    qint64 maxGap() const { return m_maxGap; }
    qint64 elapsed() const { return m_clock.elapsed(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxGap = 0;
    int m_ticks = 0;
};

// The modal message box the panel opened, once it is there.
QMessageBox *waitForMessageBox()
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            return box;
        QTest::qWait(10);
    }
    return nullptr;
}

} // namespace

class TestGeneratePanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void rowCountsModelKeepsOverrides();
    void progressArithmetic();
    void progressModelFollowsTables();
    void controllerRunsOffTheGuiThread();
    void controllerDestroyedWhileRunning();
    void panelShowsProgressAndResult();
    void panelCancelWritesNothing();
    void panelShowsShortenedValues();
    void panelShowsCoreErrorInDialog_data();
    void panelShowsCoreErrorInDialog();
    void panelRecordsStoredRun();
    void seedField();
    void rowsTableEditsOverrides();
    void generateRequestsTargetAndLocksInputs();

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void watch(QAbstractItemModel *model)
    {
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void showPanel(GeneratePanel &panel)
    {
        watch(panel.rowCountsModel());
        watch(panel.findChild<QTableView *>(u"tableProgress"_s)->model());
        panel.resize(520, 640);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
    }
};

void TestGeneratePanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
}

void TestGeneratePanel::rowCountsModelKeepsOverrides()
{
    RowCountsModel model;
    watch(&model);
    QSignalSpy changed(&model, &RowCountsModel::overridesChanged);
    Schema schema = shop();
    model.setSchema(schema);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.tableName(0), u"customers"_s);
    QCOMPARE(model.index(0, RowCountsModel::SchemaRowsColumn).data().toString(), u"1,000,000"_s);
    QCOMPARE(model.totalRows(), 4000000);
    QVERIFY(!(model.flags(model.index(0, RowCountsModel::TableColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.flags(model.index(0, RowCountsModel::RowsColumn)) & Qt::ItemIsEditable);

    QVERIFY(model.setData(model.index(1, RowCountsModel::RowsColumn), 1234));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.overrides(), (QHash<QString, qint64>{{u"orders"_s, 1234}}));
    QCOMPARE(model.index(1, RowCountsModel::RowsColumn).data().toString(), u"1,234"_s);
    QVERIFY(model.index(1, RowCountsModel::RowsColumn).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.setData(model.index(1, RowCountsModel::RowsColumn), -1));
    QVERIFY(!model.setData(model.index(1, RowCountsModel::SchemaRowsColumn), 5));
    // Back to the schema's count: no override left.
    QVERIFY(model.setData(model.index(0, RowCountsModel::RowsColumn), 10));
    QVERIFY(model.setData(model.index(0, RowCountsModel::RowsColumn), 1000000));
    QCOMPARE(model.overrides().size(), 1);

    // A new version of the schema: the override stays for orders; a new table has none.
    schema.tables[0].rows = 500;
    Table audit;
    audit.name = u"audit"_s;
    audit.rows = 3;
    schema.tables.append(audit);
    model.setSchema(schema);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rows(0), 500);
    QCOMPARE(model.rows(1), 1234);
    QCOMPARE(model.totalRows(), 500 + 1234 + 3);
    // The schema now says what the override said: it is no override any more.
    schema.tables[1].rows = 1234;
    model.setSchema(schema);
    QVERIFY(model.overrides().isEmpty());
    // Renamed away: the override goes with the table.
    QVERIFY(model.setData(model.index(2, RowCountsModel::RowsColumn), 9));
    schema.tables[2].name = u"log"_s;
    model.setSchema(schema);
    QVERIFY(model.overrides().isEmpty());

    model.setOverrides({{u"log"_s, 1}, {u"nosuch"_s, 5}});
    QCOMPARE(model.overrides(), (QHash<QString, qint64>{{u"log"_s, 1}}));
    model.resetToSchema();
    QVERIFY(!model.hasOverrides());
}

void TestGeneratePanel::progressArithmetic()
{
    GenerationProgress progress;
    progress.reset({{u"customers"_s, 1000}, {u"empty"_s, 0}, {u"orders"_s, 3000}});
    QCOMPARE(progress.rowsTotal(), 4000);
    QCOMPARE(progress.remainingMs(), -1);
    QCOMPARE(progress.rowsPerSecond(), 0.0);

    progress.update({500, 4000, 0}, 1000);
    QCOMPARE(progress.tableDone(0), 500);
    QCOMPARE(progress.tableShare(0), 0.5);
    QCOMPARE(progress.tableDone(2), 0);
    QCOMPARE(progress.tableShare(1), 0.0);
    QCOMPARE(progress.share(), 0.125);
    QCOMPARE(progress.rowsPerSecond(), 500.0);
    QCOMPARE(progress.remainingMs(), 7000);

    // Into the third table: the first is complete, so is the empty one.
    progress.update({2000, 4000, 2}, 2000);
    QCOMPARE(progress.tableDone(0), 1000);
    QCOMPARE(progress.tableShare(1), 1.0);
    QCOMPARE(progress.tableDone(2), 1000);
    QCOMPARE(progress.rowsPerSecond(), 1000.0);
    QCOMPARE(progress.remainingMs(), 2000);

    // The rate is that of the last seconds: a faster stretch lowers the time left.
    progress.update({2400, 4000, 2}, 4000);
    progress.update({3600, 4000, 2}, 5000);
    QCOMPARE(progress.rowsPerSecond(), (3600.0 - 2000.0) / 3.0);
    // A stall lowers it further.
    progress.setElapsed(6000);
    QCOMPARE(progress.rowsPerSecond(), (3600.0 - 2000.0) / 4.0);
    QCOMPARE(progress.remainingMs(), 1000);

    progress.complete(6500);
    QVERIFY(progress.isComplete());
    QCOMPARE(progress.share(), 1.0);
    QCOMPARE(progress.tableDone(2), 3000);
    QCOMPARE(progress.remainingMs(), 0);
    QCOMPARE(progress.elapsedMs(), 6500);

    QCOMPARE(GenerationProgress::formatDuration(7400), u"0:07"_s);
    QCOMPARE(GenerationProgress::formatDuration(754000), u"12:34"_s);
    QCOMPARE(GenerationProgress::formatDuration(3723000), u"1:02:03"_s);
}

void TestGeneratePanel::progressModelFollowsTables()
{
    GenerationProgressModel model;
    watch(&model);
    GenerationProgress progress;
    progress.reset({{u"customers"_s, 1000}, {u"orders"_s, 3000}});
    model.setProgress(progress);
    QCOMPARE(model.rowCount(), 2);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    progress.update({1500, 4000, 1}, 100);
    model.setProgress(progress);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, GenerationProgressModel::ProgressColumn)
                 .data(GenerationProgressModel::ShareRole)
                 .toDouble(),
             1.0);
    QCOMPARE(model.index(1, GenerationProgressModel::RowsColumn).data().toString(), u"500 / 3,000"_s);
    QCOMPARE(model.index(1, GenerationProgressModel::ProgressColumn).data().toString(), u"16 %"_s);
    model.setProgress(progress); // nothing moved: no signal
    QCOMPARE(changed.size(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

// The shop export runs on a worker while the test's event loop keeps turning; progress is throttled;
// the files are those of a direct GenerationRunner::run of the same request.
void TestGeneratePanel::controllerRunsOffTheGuiThread()
{
    const QString folder = m_dir.filePath(u"controller"_s);
    const GenerationRequest request = shopExport(folder);
    GenerationController controller;
    QSignalSpy planned(&controller, &GenerationController::planned);
    QSignalSpy finished(&controller, &GenerationController::finished);
    QSignalSpy failed(&controller, &GenerationController::failed);
    QList<GenerationJob::Progress> progress;
    connect(&controller, &GenerationController::progressed, this,
            [&](const GenerationJob::Progress &each) { progress.append(each); });

    Ticker ticker;
    QVERIFY(controller.start(request, {}));
    QVERIFY(controller.isRunning());
    QTest::ignoreMessage(QtWarningMsg, "a generation is running; ignored the request to start another");
    QVERIFY(!controller.start(request, {})); // one at a time
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), kTimeout);
    const qint64 elapsed = ticker.elapsed();
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<Error>().toString()));
    QVERIFY(!controller.isRunning());
    qInfo("export took %lld ms; %d ticks, longest gap %lld ms; %lld progress signals", elapsed,
          ticker.ticks(), ticker.maxGap(), qint64(progress.size()));
    // The event loop ran all along: a 10 ms timer fired at least every 50 ms on average.
    QVERIFY2(ticker.ticks() >= elapsed / 50,
             qPrintable(u"%1 ticks in %2 ms"_s.arg(ticker.ticks()).arg(elapsed)));

    QCOMPARE(planned.size(), 1);
    const auto tables = planned.at(0).at(0).value<QList<GenerationRunner::TablePlanInfo>>();
    QCOMPARE(tables.size(), 2);
    QCOMPARE(tables[1].name, u"orders"_s);
    QCOMPARE(tables[1].rows, 300000);

    // Throttled: far fewer signals than chunks, at most one per interval plus the last.
    const qint64 chunks = (50000 + request.chunkRows - 1) / request.chunkRows +
                          (300000 + request.chunkRows - 1) / request.chunkRows;
    QVERIFY(!progress.isEmpty());
    QVERIFY2(progress.size() < chunks,
             qPrintable(u"%1 signals for %2 chunks"_s.arg(progress.size()).arg(chunks)));
    QVERIFY(progress.size() <= elapsed / controller.progressInterval() + 2);
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress[i].rowsDone > progress[i - 1].rowsDone);
    QCOMPARE(progress.last().rowsDone, 350000);
    QCOMPARE(progress.last().table, 1);

    const auto outcome = finished.at(0).at(0).value<GenerationRunner::Outcome>();
    QCOMPARE(outcome.summary.rows, 350000);
    QCOMPARE(outcome.target, folder);
    QCOMPARE(outcome.rowCounts.value(u"orders"_s), 300000);

    GenerationRequest direct = request;
    direct.exportOptions.path = m_dir.filePath(u"direct"_s);
    QVERIFY(GenerationRunner::run(direct, {}, {}));
    const QMap<QString, QByteArray> files = filesIn(folder);
    QCOMPARE(files.keys(), (QStringList{u"customers.csv"_s, u"orders.csv"_s}));
    QCOMPARE(files, filesIn(direct.exportOptions.path));
    qint64 bytes = 0;
    for (const QByteArray &file : files)
        bytes += file.size();
    QCOMPARE(outcome.summary.bytes, bytes);
}

// Destroyed mid-run: it cancels and waits; the target is left as it was.
void TestGeneratePanel::controllerDestroyedWhileRunning()
{
    const QString folder = m_dir.filePath(u"destroyed"_s);
    {
        GenerationController controller;
        bool progressed = false;
        connect(&controller, &GenerationController::progressed, this, [&] { progressed = true; });
        QVERIFY(controller.start(shopExport(folder, kLongRun), {}));
        QTRY_VERIFY_WITH_TIMEOUT(progressed, kTimeout);
    }
    QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty());
}

void TestGeneratePanel::panelShowsProgressAndResult()
{
    GeneratePanel panel;
    panel.setSchema(shop());
    showPanel(panel);
    auto *generate = panel.findChild<QPushButton *>(u"generate"_s);
    auto *cancel = panel.findChild<QPushButton *>(u"cancelGenerate"_s);
    auto *overall = panel.findChild<QProgressBar *>(u"overallProgress"_s);
    auto *seed = panel.findChild<QLineEdit *>(u"seed"_s);
    auto *tables = panel.findChild<QTableView *>(u"tableProgress"_s)->model();
    QVERIFY(!cancel->isEnabled());
    QSignalSpy finished(&panel, &GeneratePanel::runFinished);
    QSignalSpy status(&panel, &GeneratePanel::statusMessage);

    const QString folder = m_dir.filePath(u"panel"_s);
    const GenerationRequest request = shopExport(folder, 1000000, 100000);
    Ticker ticker;
    QVERIFY(panel.run(request, {}));
    QVERIFY(panel.isRunning());
    QVERIFY(!generate->isEnabled());
    QVERIFY(!seed->isEnabled());
    QVERIFY(cancel->isEnabled());
    QCOMPARE(status.last().at(0).toString(), u"Generating into %1…"_s.arg(folder));
    QVERIFY(!panel.run(request, {}));

    // A picture while the orders are being generated, for people to look at.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning() || panel.progress().tableShare(1) > 0.3, kTimeout);
    if (panel.isRunning()) {
        QVERIFY(panel.grab().save(u"/tmp/genpanel.png"_s));
        QVERIFY(overall->value() > 0 && overall->value() < overall->maximum());
        QVERIFY(overall->text().contains(u" of 1,100,000 rows"_s));
    }

    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeout);
    QVERIFY(ticker.ticks() >= ticker.elapsed() / 50);
    QVERIFY(generate->isEnabled());
    QVERIFY(seed->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(overall->value(), overall->maximum());
    QCOMPARE(tables->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(tables->index(row, GenerationProgressModel::ProgressColumn)
                     .data(GenerationProgressModel::ShareRole)
                     .toDouble(),
                 1.0);
    QCOMPARE(tables->index(1, GenerationProgressModel::RowsColumn).data().toString(),
             u"1,000,000 / 1,000,000"_s);
    const QString result = panel.resultText();
    QVERIFY2(result.startsWith(u"Exported 1,100,000 rows ("_s), qPrintable(result));
    QVERIFY2(result.endsWith(u" to "_s + folder), qPrintable(result));
    QCOMPARE(status.last().at(0).toString(), result);
    QCOMPARE(panel.findChild<MessageLabel *>(u"generateResult"_s)->kind(), MessageLabel::Kind::Success);
    QCOMPARE(filesIn(folder).size(), 2);
}

// Values no draw made fit their declared size are shortened as a last resort: the result says how many,
// per column, with the declared type.
void TestGeneratePanel::panelShowsShortenedValues()
{
    // Sentences never fit 5 characters (table "t"); ids need nothing.
    GenerationRequest request;
    request.schema =
        test::oneTable(u"notes"_s, 500,
                       {test::column(u"note"_s, u"lorem_sentence"_s, R"j({"sqlType": "varchar(5)"})j"),
                        test::column(u"memo"_s, u"lorem_sentence"_s, R"j({"maxLength": 4})j")});
    request.seed = 3;
    request.threads = 2;
    request.formatId = u"csv"_s;
    request.exportOptions.path = m_dir.filePath(u"shortened"_s);
    GeneratePanel panel;
    panel.setSchema(request.schema);
    showPanel(panel);
    QSignalSpy finished(&panel, &GeneratePanel::runFinished);
    QSignalSpy failed(&panel, &GeneratePanel::runFailed);
    QSignalSpy status(&panel, &GeneratePanel::statusMessage);
    QVERIFY(panel.run(request, {}));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), kTimeout);
    QVERIFY2(failed.isEmpty(), qPrintable(panel.resultText()));
    const GenerationRunner::Outcome outcome = finished.first().first().value<GenerationRunner::Outcome>();
    QCOMPARE(outcome.summary.shortened.value(u"t.note"_s), 500);
    QVERIFY(!outcome.summary.shortened.contains(u"t.id"_s));

    const QStringList lines = panel.resultText().split(u'\n');
    QVERIFY2(lines.size() >= 2 && lines.first().startsWith(u"Exported 500 rows"_s),
             qPrintable(panel.resultText()));
    QVERIFY2(lines.contains(u"t.note: 500 value(s) shortened to fit varchar(5)"_s),
             qPrintable(panel.resultText()));
    // Without a declared sqlType the line says so in general words.
    if (const qint64 memo = outcome.summary.shortened.value(u"t.memo"_s); memo > 0)
        QVERIFY2(
            lines.contains(u"t.memo: %1 value(s) shortened to fit the column's declared size"_s.arg(memo)),
            qPrintable(panel.resultText()));
    QCOMPARE(lines.size(), 1 + outcome.summary.shortened.size());
    QVERIFY2(status.last().first().toString().contains(u"values shortened in "_s),
             qPrintable(status.last().first().toString()));
    QVERIFY(panel.findChild<MessageLabel *>(u"generateResult"_s)->isVisible());
    if (!qEnvironmentVariableIsEmpty("FABRICA_SCREENSHOT_DIR"))
        QVERIFY(panel.grab().save(
            QDir(qEnvironmentVariable("FABRICA_SCREENSHOT_DIR")).filePath(u"generate-shortened.png"_s)));

    // A run with nothing shortened shows the one line.
    request.schema = test::oneTable(u"notes"_s, 50, {});
    request.exportOptions.path = m_dir.filePath(u"not-shortened"_s);
    QVERIFY(panel.run(request, {}));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, kTimeout);
    QVERIFY2(!panel.resultText().contains(u'\n'), qPrintable(panel.resultText()));
    QVERIFY(panel.resultText().startsWith(u"Exported 50 rows"_s));
}

void TestGeneratePanel::panelCancelWritesNothing()
{
    GeneratePanel panel;
    panel.setSchema(shop());
    showPanel(panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QSignalSpy failed(&panel, &GeneratePanel::runFailed);
    QSignalSpy finished(&panel, &GeneratePanel::runFinished);
    const QString folder = m_dir.filePath(u"cancelled"_s);
    QVERIFY(panel.run(shopExport(folder, kLongRun), {}));
    QTRY_VERIFY_WITH_TIMEOUT(panel.progress().rowsDone() > 0, kTimeout);
    // Esc, like a user, with the focus in the panel.
    panel.findChild<QPushButton *>(u"cancelGenerate"_s)->setFocus();
    QTest::keyClick(panel.findChild<QPushButton *>(u"cancelGenerate"_s), Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeout);
    QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
    QVERIFY(finished.isEmpty());
    QVERIFY(!panel.isRunning());
    QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty());
    QCOMPARE(panel.resultText(), u"Cancelled; nothing was written"_s);
    QTest::qWait(50);
    QVERIFY(!QApplication::activeModalWidget()); // no error dialog for a cancel
    QVERIFY(panel.findChild<QPushButton *>(u"generate"_s)->isEnabled());
}

void TestGeneratePanel::panelShowsCoreErrorInDialog_data()
{
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown table") << u"table"_s;
    QTest::newRow("unwritable path") << u"path"_s;
}

void TestGeneratePanel::panelShowsCoreErrorInDialog()
{
    QFETCH(QString, problem);
    GenerationRequest request = shopExport(m_dir.filePath(u"failing"_s), 1000, 100);
    if (problem == u"table"_s) {
        request.rows.insert(u"invoices"_s, 10);
    } else {
        QFile blocker(m_dir.filePath(u"blocker"_s)); // a file where a folder should be
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        request.exportOptions.path = m_dir.filePath(u"blocker/out"_s);
    }
    const Result<GenerationRunner::Outcome> direct = GenerationRunner::run(request, {}, {});
    QVERIFY(!direct);
    const QString expected = direct.error().toString();

    GeneratePanel panel;
    panel.setSchema(shop());
    showPanel(panel);
    QSignalSpy failed(&panel, &GeneratePanel::runFailed);
    QTest::ignoreMessage(QtWarningMsg, qPrintable(u"generation failed: "_s + expected));
    QVERIFY(panel.run(request, {}));
    QMessageBox *box = waitForMessageBox();
    QVERIFY(box);
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QCOMPARE(box->informativeText(), expected);
    QVERIFY2(box->text().contains(request.exportOptions.path), qPrintable(box->text()));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<Error>(), direct.error());
    QVERIFY(panel.resultText().contains(expected));
    QCOMPARE(panel.findChild<MessageLabel *>(u"generateResult"_s)->kind(), MessageLabel::Kind::Error);
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY(panel.findChild<QPushButton *>(u"generate"_s)->isEnabled());
}

// A stored schema's run is recorded: runStarted, and the result names the run.
void TestGeneratePanel::panelRecordsStoredRun()
{
    StorageDatabases databases(SqlDialect::SQLite);
    QCOMPARE(databases.check(), QString());
    std::unique_ptr<Repository> storage = databases.freshRepository();
    const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
    const Actor actor = Actor::of(alice);
    const SchemaRecord saved = storage->saveSchema(actor, alice.id, shop()).value();

    GeneratePanel panel;
    panel.setSchema(shop());
    showPanel(panel);
    QSignalSpy started(&panel, &GeneratePanel::runStarted);
    QSignalSpy finished(&panel, &GeneratePanel::runFinished);
    GenerationRequest request = shopExport({}, 200, 50);
    request.target = GenerationRequest::Target::StoredRun;
    request.schemaId = saved.id;
    QVERIFY(panel.run(request, {storage.get(), actor}));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeout);
    QCOMPARE(started.size(), 1);
    const auto outcome = finished.at(0).at(0).value<GenerationRunner::Outcome>();
    QCOMPARE(started.at(0).at(0).value<RunRecord>().id, outcome.runId);
    QCOMPARE(storage->run(actor, outcome.runId).value().status, RunRecord::Status::Finished);
    QVERIFY2(panel.resultText().startsWith(u"Saved 250 rows ("_s), qPrintable(panel.resultText()));
    QVERIFY(panel.resultText().endsWith(u"as run %1 in storage"_s.arg(outcome.runId)));
}

void TestGeneratePanel::seedField()
{
    GeneratePanel panel;
    showPanel(panel);
    auto *seed = panel.findChild<QLineEdit *>(u"seed"_s);
    QSignalSpy changed(&panel, &GeneratePanel::seedChanged);

    QTest::mouseClick(panel.findChild<QPushButton *>(u"newSeed"_s), Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    const quint64 random = changed.at(0).at(0).toULongLong();
    QCOMPARE(panel.seed(), random);
    QCOMPARE(seed->text(), QString::number(random));
    QTest::mouseClick(panel.findChild<QPushButton *>(u"newSeed"_s), Qt::LeftButton);
    QCOMPARE(changed.size(), 2);
    QVERIFY(panel.seed() != random);

    // Typed: 64-bit values, digits only.
    seed->setFocus();
    seed->selectAll();
    QTest::keyClicks(seed, u"18446744073709551615"_s);
    QCOMPARE(panel.seed(), std::numeric_limits<quint64>::max());
    QCOMPARE(changed.last().at(0).toULongLong(), std::numeric_limits<quint64>::max());
    QTest::keyClick(seed, Qt::Key_0); // one digit more would overflow: refused
    QCOMPARE(seed->text(), u"18446744073709551615"_s);
    seed->selectAll();
    QTest::keyClicks(seed, u"12x3"_s);
    QCOMPARE(seed->text(), u"123"_s);
    QCOMPARE(panel.seed(), 123u);
    // Left empty: back to the seed in use.
    seed->selectAll();
    QTest::keyClick(seed, Qt::Key_Backspace);
    QCOMPARE(panel.seed(), 123u);
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(seed->text(), u"123"_s);

    const qsizetype before = changed.size();
    panel.setSeed(99);
    QCOMPARE(seed->text(), u"99"_s);
    QCOMPARE(changed.size(), before + 1);
    panel.setSeed(99);
    QCOMPARE(changed.size(), before + 1);
}

void TestGeneratePanel::rowsTableEditsOverrides()
{
    GeneratePanel panel;
    panel.setSchema(shop());
    showPanel(panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    auto *view = panel.findChild<QTableView *>(u"rowCounts"_s);
    auto *reset = panel.findChild<QAction *>(u"resetRowCounts"_s);
    QVERIFY(!reset->isEnabled());

    // Double-click the orders' count, type, Enter.
    const QModelIndex orders = view->model()->index(1, RowCountsModel::RowsColumn);
    const QPoint centre = view->visualRect(orders).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    auto *editor = view->findChild<QSpinBox *>(u"rowCountEditor"_s);
    QVERIFY(editor);
    QTRY_VERIFY(editor->hasFocus());
    editor->selectAll();
    QTest::keyClicks(editor, u"2500"_s);
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits from the event loop
    QTRY_COMPARE(panel.rowOverrides(), (QHash<QString, qint64>{{u"orders"_s, 2500}}));
    QCOMPARE(orders.data().toString(), u"2,500"_s);
    QVERIFY(reset->isEnabled());
    QCOMPARE(panel.findChild<QLabel *>(u"totalRows"_s)->text(), u"Total: 1,002,500 rows"_s);

    // A new version of the schema keeps it; "Reset to Schema" drops it.
    Schema schema = shop();
    schema.tables[0].rows = 10;
    panel.setSchema(schema);
    QCOMPARE(panel.rowOverrides(), (QHash<QString, qint64>{{u"orders"_s, 2500}}));
    reset->trigger();
    QVERIFY(panel.rowOverrides().isEmpty());
    QVERIFY(!reset->isEnabled());
    QCOMPARE(orders.data().toString(), u"3,000,000"_s);
}

void TestGeneratePanel::generateRequestsTargetAndLocksInputs()
{
    GeneratePanel panel;
    panel.setSchema(shop());
    panel.setDefaultThreads(3);
    showPanel(panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QCOMPARE(panel.threads(), 3);
    QCOMPARE(panel.target(), GeneratePanel::Target::Files);
    QSignalSpy requested(&panel, &GeneratePanel::generateRequested);

    auto *target = panel.findChild<QComboBox *>(u"target"_s);
    target->setCurrentIndex(target->findText(u"Write into a database…"_s));
    QCOMPARE(panel.target(), GeneratePanel::Target::Database);
    QTest::mouseClick(panel.findChild<QPushButton *>(u"generate"_s), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<GeneratePanel::Target>(), GeneratePanel::Target::Database);

    // Ctrl+Return from inside the panel.
    auto *threads = panel.findChild<QSpinBox *>(u"threads"_s);
    threads->setFocus();
    QTest::keyClick(threads, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requested.size(), 2);

    // A target the window cannot serve now is disabled, and no longer chosen.
    panel.setTarget(GeneratePanel::Target::StoredRun);
    panel.setTargetEnabled(GeneratePanel::Target::StoredRun, false, u"Save the schema in storage first"_s);
    QVERIFY(panel.target() != GeneratePanel::Target::StoredRun);

    // While running: no Generate, no inputs; Ctrl+Return does nothing.
    QVERIFY(panel.run(shopExport(m_dir.filePath(u"locked"_s), kLongRun), {}));
    for (const char *name : {"seed", "newSeed", "threads", "target", "rowCounts", "generate"})
        QVERIFY2(!panel.findChild<QWidget *>(QLatin1String(name))->isEnabled(), name);
    QTest::keyClick(panel.findChild<QPushButton *>(u"cancelGenerate"_s), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requested.size(), 2);
    panel.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kTimeout);
    QVERIFY(panel.findChild<QWidget *>(u"threads"_s)->isEnabled());
}

QTEST_MAIN(TestGeneratePanel)
#include "tst_generate_panel.moc"
