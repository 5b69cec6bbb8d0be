// The runs dock and "Open Data": the runs model, the panel driven with the keyboard and the mouse, and the
// stored run's rows paged in from a real SQLite storage. Runs are made by the same GenerationRunner the
// window uses; the rows shown must be the ones storage holds and a CSV export of the same seed writes.

#include "StorageTestSupport.h"
#include "format/SchemaFile.h"
#include "import/CsvReader.h"
#include "jobs/GenerationRunner.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "runs/StoredRunModel.h"
#include "runs/StoredRunView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kCustomers = 40;
constexpr qint64 kOrders = 300; // more than one page of StoredRunModel::DefaultPageRows

Schema shop(const QString &name = u"shop"_s)
{
    Schema schema =
        SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json")).value();
    schema.name = name;
    for (Table &table : schema.tables)
        table.rows = table.name == u"orders"_s ? kOrders : kCustomers;
    return schema;
}

RunRecord record(qint64 id, RunRecord::Status status, const QString &target = u"storage"_s)
{
    RunRecord run;
    run.id = id;
    run.schemaId = 1;
    run.userId = 1;
    run.seed = quint64(id) * 10;
    run.started = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    run.status = status;
    if (status != RunRecord::Status::Running)
        run.finished = run.started.addMSecs(2500);
    run.rowCounts = {{u"customers"_s, 40}, {u"orders"_s, 300}};
    run.target = target;
    run.bytes = 123456;
    return run;
}

} // namespace

class TestRunsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void modelMergesRowByRow();
    void modelShowsRuns();
    void panelListsTheRuns();
    void adminSeesWhoRanWhat();
    void openDataAndExportOnlyForStoredRows();
    void deleteAsksAndShowsRefusals();
    void filtersByThisSchema();
    void storedRunModelShowsStoredRows();
    void storedRunModelKeepsFewPages();
    void storedRunViewPicksTablesAndGoesToRow();

private:
    // Runs a generation of the stored schema; the run's id (0 when the generation failed).
    qint64 generate(GenerationRequest::Target target, quint64 seed, bool cancel = false, qint64 schemaId = 0);
    RunsPanel *openPanel(const UserRecord &user);
    QTableView *tableOf(RunsPanel &panel) { return panel.findChild<QTableView *>(u"runs"_s); }
    QAction *action(RunsPanel &panel, const QString &name) { return panel.findChild<QAction *>(name); }
    void clickRun(RunsPanel &panel, qint64 id);
    QMessageBox *confirmation(RunsPanel &panel);
    // After a question: the closed box gone and the panel active again, as a window manager leaves them.
    void backToPanel(RunsPanel &panel);
    QString shown(RunsPanel &panel, qint64 id, int column);
    // The rows of a CSV export of the stored schema with `seed`, per table.
    QHash<QString, CsvTable> csvExport(quint64 seed);

    std::unique_ptr<test::StorageDatabases> m_databases;
    std::unique_ptr<Repository> m_storage;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QWidget>> m_widgets;
    UserRecord m_ada;
    SchemaRecord m_shop;
    qint64 m_stored = 0;    // a finished run kept in storage, seed 7
    qint64 m_files = 0;     // a finished run into CSV files, seed 8
    qint64 m_cancelled = 0; // a cancelled run into files, seed 9
};

void TestRunsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRunsPanel::init()
{
    m_databases = std::make_unique<test::StorageDatabases>(SqlDialect::SQLite);
    QCOMPARE(m_databases->check(), QString());
    m_storage = m_databases->freshRepository();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ada = m_storage->createUser(Actor::systemActor(), test::newUser(u"ada"_s)).value();
    m_shop = m_storage->saveSchema(Actor::of(m_ada), m_ada.id, shop()).value();
    m_stored = generate(GenerationRequest::Target::StoredRun, 7);
    m_files = generate(GenerationRequest::Target::Files, 8);
    m_cancelled = generate(GenerationRequest::Target::Files, 9, true);
    QVERIFY(m_stored > 0 && m_files > 0 && m_cancelled > 0);
}

void TestRunsPanel::cleanup()
{
    m_widgets.clear(); // before the storage they read
    m_testers.clear();
    m_storage.reset();
    m_databases.reset();
    m_dir.reset();
}

qint64 TestRunsPanel::generate(GenerationRequest::Target target, quint64 seed, bool cancel, qint64 schemaId)
{
    GenerationRequest request;
    request.schema = shop();
    request.schemaId = schemaId > 0 ? schemaId : m_shop.id;
    request.seed = seed;
    request.target = target;
    request.threads = 2;
    request.chunkRows = 64;
    request.exportOptions.path = m_dir->filePath(u"files-%1"_s.arg(seed));
    std::atomic<bool> stop = cancel;
    qint64 runId = 0;
    GenerationRunner::Listener listener;
    listener.runStarted = [&runId](const RunRecord &run) { runId = run.id; };
    const Result<GenerationRunner::Outcome> outcome =
        GenerationRunner::run(request, {m_storage.get(), Actor::of(m_ada)}, listener, &stop);
    if (outcome.ok() == cancel)
        qWarning("unexpected outcome of the generation with seed %llu", seed);
    return outcome.ok() == cancel ? 0 : runId;
}

RunsPanel *TestRunsPanel::openPanel(const UserRecord &user)
{
    auto *panel = new RunsPanel(m_storage.get(), user);
    m_widgets.emplace_back(panel);
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
        panel->proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    QSignalSpy refreshed(panel, &RunsPanel::refreshed);
    panel->resize(1100, 400);
    panel->show();
    panel->activateWindow();
    if (!QTest::qWaitForWindowActive(panel) || (refreshed.isEmpty() && !refreshed.wait(5000)))
        qWarning("the runs panel did not show its first listing");
    return panel;
}

void TestRunsPanel::clickRun(RunsPanel &panel, qint64 id)
{
    QTableView *table = tableOf(panel);
    QVERIFY(table);
    const int row = panel.model()->rowOf(id);
    QVERIFY(row >= 0);
    const QModelIndex index =
        panel.proxyModel()->mapFromSource(panel.model()->index(row, RunsModel::SeedColumn));
    QVERIFY(index.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    QCOMPARE(panel.selectedRunId(), id);
}

QMessageBox *TestRunsPanel::confirmation(RunsPanel &panel)
{
    QMessageBox *box = nullptr;
    // The box of an earlier question may still wait for its deferred deletion, hidden.
    const bool shown = QTest::qWaitFor([&] {
        for (QMessageBox *each : panel.findChildren<QMessageBox *>(u"confirm"_s)) {
            if (each->isVisible())
                box = each;
        }
        return box != nullptr;
    });
    return shown ? box : nullptr;
}

void TestRunsPanel::backToPanel(RunsPanel &panel)
{
    // The box deletes itself on close; outside a running event loop that waits for posted deletions.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(panel.findChildren<QMessageBox *>().isEmpty());
    panel.activateWindow(); // the offscreen platform has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(&panel));
}

QString TestRunsPanel::shown(RunsPanel &panel, qint64 id, int column)
{
    const int row = panel.model()->rowOf(id);
    return row < 0 ? u"(no run %1)"_s.arg(id) : panel.model()->index(row, column).data().toString();
}

QHash<QString, CsvTable> TestRunsPanel::csvExport(quint64 seed)
{
    GenerationRequest request;
    request.schema = shop();
    request.seed = seed;
    request.exportOptions.path = m_dir->filePath(u"direct-%1"_s.arg(seed));
    const Result<GenerationRunner::Outcome> outcome = GenerationRunner::run(request, {}, {});
    if (!outcome)
        qFatal("cannot export CSV: %s", qPrintable(outcome.error().toString()));
    QHash<QString, CsvTable> tables;
    for (const Table &table : request.schema.tables) {
        QFile file(request.exportOptions.path + u"/"_s + table.name + u".csv"_s);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("no CSV file for %s", qPrintable(table.name));
        ImportReport report;
        CsvOptions options;
        options.delimiter = QLatin1Char(',');
        const Result<CsvTable> read =
            CsvReader(options).read(file.fileName(), QString::fromUtf8(file.readAll()), report);
        if (!read)
            qFatal("cannot read the CSV: %s", qPrintable(read.error().toString()));
        tables.insert(table.name, read.value());
    }
    return tables;
}

void TestRunsPanel::modelMergesRowByRow()
{
    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.setRuns({record(1, RunRecord::Status::Finished), record(2, RunRecord::Status::Running)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 1);

    // The running run ended: one row repainted, nothing inserted, removed or reset.
    RunRecord ended = record(2, RunRecord::Status::Cancelled);
    model.setRuns({record(1, RunRecord::Status::Finished), ended});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, RunsModel::StatusColumn).data().toString(), u"Cancelled"_s);

    // The same listing again: no signal at all.
    model.setRuns({record(1, RunRecord::Status::Finished), ended});
    QCOMPARE(changed.size(), 1);

    // Run 1 deleted, run 3 new: one row removed, one appended, run 2 untouched.
    model.setRuns({ended, record(3, RunRecord::Status::Finished)});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowOf(2), 0);
    QCOMPARE(model.rowOf(3), 1);
    QCOMPARE(model.rowOf(1), -1);

    // Names arrive later: only their column is repainted.
    model.setSchemaNames({{1, u"shop"_s}});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().at(0).toModelIndex().column(), int(RunsModel::SchemaColumn));
    QCOMPARE(changed.last().at(1).toModelIndex().column(), int(RunsModel::SchemaColumn));
    QCOMPARE(model.index(0, RunsModel::SchemaColumn).data().toString(), u"shop"_s);

    model.setRuns({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
}

void TestRunsPanel::modelShowsRuns()
{
    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RunRecord files = record(4, RunRecord::Status::Finished, u"/tmp/out"_s);
    files.finished = files.started.addSecs(185);
    RunRecord database = record(5, RunRecord::Status::Failed, u"sqlite:/tmp/target.sqlite"_s);
    model.setRuns(
        {record(3, RunRecord::Status::Finished), files, record(6, RunRecord::Status::Running), database});
    model.setSchemaNames({{1, u"shop"_s}});
    auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };

    QCOMPARE(text(0, RunsModel::IdColumn), u"3"_s);
    QCOMPARE(text(0, RunsModel::SchemaColumn), u"shop"_s);
    QCOMPARE(text(0, RunsModel::StatusColumn), u"Finished"_s);
    QVERIFY(!model.index(0, RunsModel::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(text(0, RunsModel::SeedColumn), u"30"_s);
    QCOMPARE(text(0, RunsModel::RowsColumn), u"340"_s);
    QCOMPARE(model.index(0, RunsModel::RowsColumn).data(Qt::ToolTipRole).toString(),
             u"customers: 40\norders: 300"_s);
    QCOMPARE(model.index(0, RunsModel::RowsColumn).data(RunsModel::SortRole).toLongLong(), 340);
    QCOMPARE(text(0, RunsModel::BytesColumn), QLocale().formattedDataSize(123456));
    QCOMPARE(text(0, RunsModel::TookColumn), u"2.5 s"_s);
    QCOMPARE(text(0, RunsModel::TargetColumn), u"Storage"_s);
    QCOMPARE(text(0, RunsModel::StartedColumn),
             QLocale().toString(files.started.toLocalTime(), QLocale::ShortFormat));
    QVERIFY(model.index(0, 0).data(RunsModel::HasStoredRowsRole).toBool());

    QCOMPARE(text(1, RunsModel::TargetColumn), u"/tmp/out"_s);
    QCOMPARE(text(1, RunsModel::TookColumn), u"3 min 05 s"_s);
    QVERIFY(!model.index(1, 0).data(RunsModel::HasStoredRowsRole).toBool());

    // Running: no counts, no duration yet, and nothing to open.
    QCOMPARE(text(2, RunsModel::StatusColumn), u"Running"_s);
    QCOMPARE(text(2, RunsModel::RowsColumn), QString());
    QCOMPARE(text(2, RunsModel::TookColumn), QString());
    QVERIFY(!model.index(2, 0).data(RunsModel::HasStoredRowsRole).toBool());

    QCOMPARE(text(3, RunsModel::StatusColumn), u"Failed"_s);
    QCOMPARE(text(3, RunsModel::TargetColumn), u"sqlite:/tmp/target.sqlite"_s);

    QCOMPARE(RunsModel::durationText(850), u"850 ms"_s);
    QCOMPARE(RunsModel::durationText(7530 * 1000), u"2 h 05 min"_s);
    QCOMPARE(model.headerData(RunsModel::TookColumn, Qt::Horizontal).toString(), u"Took"_s);
}

void TestRunsPanel::panelListsTheRuns()
{
    RunsPanel *panel = openPanel(m_ada);
    QCOMPARE(panel->model()->rowCount(), 3);
    QCOMPARE(shown(*panel, m_stored, RunsModel::StatusColumn), u"Finished"_s);
    QCOMPARE(shown(*panel, m_stored, RunsModel::TargetColumn), u"Storage"_s);
    QCOMPARE(shown(*panel, m_stored, RunsModel::SeedColumn), u"7"_s);
    QCOMPARE(shown(*panel, m_stored, RunsModel::RowsColumn), u"340"_s);
    QCOMPARE(shown(*panel, m_stored, RunsModel::SchemaColumn), u"shop"_s);
    QCOMPARE(panel->model()->schemaName(m_shop.id), u"shop"_s);
    QCOMPARE(shown(*panel, m_files, RunsModel::StatusColumn), u"Finished"_s);
    QCOMPARE(shown(*panel, m_files, RunsModel::TargetColumn), m_dir->filePath(u"files-8"_s));
    QCOMPARE(shown(*panel, m_files, RunsModel::SeedColumn), u"8"_s);
    QCOMPARE(shown(*panel, m_files, RunsModel::RowsColumn), u"340"_s);
    const qint64 bytes = m_storage->run(Actor::of(m_ada), m_files)->bytes;
    QVERIFY(bytes > 10000);
    QCOMPARE(shown(*panel, m_files, RunsModel::BytesColumn), QLocale().formattedDataSize(bytes));
    QCOMPARE(shown(*panel, m_cancelled, RunsModel::StatusColumn), u"Cancelled"_s);
    QCOMPARE(shown(*panel, m_cancelled, RunsModel::SeedColumn), u"9"_s);
    QCOMPARE(shown(*panel, m_cancelled, RunsModel::RowsColumn), u"0"_s);
    // Newest first; a plain user has no "Run By" column.
    QCOMPARE(panel->proxyModel()->index(0, 0).data(RunsModel::RunIdRole).toLongLong(), m_cancelled);
    QCOMPARE(panel->proxyModel()->index(2, 0).data(RunsModel::RunIdRole).toLongLong(), m_stored);
    QVERIFY(tableOf(*panel)->isColumnHidden(RunsModel::OwnerColumn));

    // A new run shows after F5, appended without disturbing the selection.
    clickRun(*panel, m_files);
    QSignalSpy reset(panel->model(), &QAbstractItemModel::modelReset);
    const qint64 fourth = generate(GenerationRequest::Target::StoredRun, 10);
    QSignalSpy refreshed(panel, &RunsPanel::refreshed);
    QTest::keyClick(tableOf(*panel), Qt::Key_F5);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(panel->model()->rowCount(), 4);
    QCOMPARE(shown(*panel, fourth, RunsModel::SeedColumn), u"10"_s);
    QCOMPARE(panel->selectedRunId(), m_files);
    QCOMPARE(reset.size(), 0);
}

void TestRunsPanel::adminSeesWhoRanWhat()
{
    const UserRecord root =
        m_storage->createUser(Actor::systemActor(), test::newUser(u"root"_s, Role::Admin)).value();
    const UserRecord bob = m_storage->createUser(Actor::systemActor(), test::newUser(u"bob"_s)).value();
    RunsPanel *bobs = openPanel(bob);
    QCOMPARE(bobs->model()->rowCount(), 0); // bob sees none of ada's runs

    RunsPanel *panel = openPanel(root);
    QCOMPARE(panel->model()->rowCount(), 3);
    QVERIFY(!tableOf(*panel)->isColumnHidden(RunsModel::OwnerColumn));
    QCOMPARE(shown(*panel, m_stored, RunsModel::OwnerColumn), u"ada"_s);
}

void TestRunsPanel::openDataAndExportOnlyForStoredRows()
{
    RunsPanel *panel = openPanel(m_ada);
    QSignalSpy open(panel, &RunsPanel::openDataRequested);
    QSignalSpy exported(panel, &RunsPanel::exportRequested);
    QTableView *table = tableOf(*panel);

    clickRun(*panel, m_stored);
    QVERIFY(action(*panel, u"openData"_s)->isEnabled());
    QVERIFY(action(*panel, u"export"_s)->isEnabled());
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toLongLong(), m_stored);
    const int row = panel->model()->rowOf(m_stored);
    const QRect cell = table->visualRect(panel->proxyModel()->mapFromSource(panel->model()->index(row, 1)));
    // As a mouse does it: press and release, then the second press that is a double click.
    QTest::mousePress(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseRelease(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.last().first().toLongLong(), m_stored);
    // The Export… button of the tool bar.
    QToolButton *exportButton = nullptr;
    for (QToolButton *button : panel->findChildren<QToolButton *>()) {
        if (button->defaultAction() == action(*panel, u"export"_s))
            exportButton = button;
    }
    QVERIFY(exportButton);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(exported.size(), 1);
    QCOMPARE(exported.first().first().toLongLong(), m_stored);

    // Runs into files and cancelled runs have no rows to open or export.
    for (const qint64 id : {m_files, m_cancelled}) {
        clickRun(*panel, id);
        QVERIFY(!action(*panel, u"openData"_s)->isEnabled());
        QVERIFY(!action(*panel, u"export"_s)->isEnabled());
        QVERIFY(!exportButton->isEnabled());
        QTest::keyClick(table, Qt::Key_Enter);
    }
    QCOMPARE(open.size(), 2);
    QCOMPARE(exported.size(), 1);
}

void TestRunsPanel::deleteAsksAndShowsRefusals()
{
    RunsPanel *panel = openPanel(m_ada);
    QSignalSpy deleted(panel, &RunsPanel::runDeleted);
    QTableView *table = tableOf(*panel);

    // Cancel keeps the run.
    clickRun(*panel, m_stored);
    QTest::keyClick(table, Qt::Key_Delete);
    QMessageBox *box = confirmation(*panel);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"rows it keeps in storage"_s));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // Enter keeps everything
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!box->isVisible());
    QCOMPARE(m_storage->runs(Actor::of(m_ada), 0).value().size(), 3);
    backToPanel(*panel);
    clickRun(*panel, m_stored);

    // Confirmed: gone from storage with its rows, and from the list.
    QTest::keyClick(table, Qt::Key_Delete);
    box = confirmation(*panel);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QVERIFY(deleted.wait(5000));
    QCOMPARE(deleted.first().first().toLongLong(), m_stored);
    QCOMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(panel->model()->rowOf(m_stored), -1);
    QCOMPARE(m_storage->runs(Actor::of(m_ada), 0).value().size(), 2);
    QCOMPARE(m_storage->run(Actor::of(m_ada), m_stored).error().code, ErrorCode::NotFound);
    QCOMPARE(panel->message(), u"Deleted run %1."_s.arg(m_stored));

    // A run still running: the core refuses, in its words, and the run stays.
    const qint64 running = m_storage->startRun(Actor::of(m_ada), m_shop.id, 11, u"storage"_s)->id;
    const QString refusal = m_storage->deleteRun(Actor::of(m_ada), running).error().message;
    QVERIFY(!refusal.isEmpty());
    QSignalSpy refreshed(panel, &RunsPanel::refreshed);
    panel->refresh();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(shown(*panel, running, RunsModel::StatusColumn), u"Running"_s);
    backToPanel(*panel);
    clickRun(*panel, running);
    QTest::keyClick(table, Qt::Key_Delete);
    box = confirmation(*panel);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(panel->message(), u"Cannot delete run %1: %2"_s.arg(running).arg(refusal));
    QCOMPARE(deleted.size(), 1);
    QVERIFY(panel->model()->rowOf(running) >= 0);
    QCOMPARE(m_storage->run(Actor::of(m_ada), running)->status, RunRecord::Status::Running);
}

void TestRunsPanel::filtersByThisSchema()
{
    const SchemaRecord other = m_storage->saveSchema(Actor::of(m_ada), m_ada.id, shop(u"shop two"_s)).value();
    const qint64 otherRun = generate(GenerationRequest::Target::StoredRun, 12, false, other.id);
    QVERIFY(otherRun > 0);
    RunsPanel *panel = openPanel(m_ada);
    QCOMPARE(panel->proxyModel()->rowCount(), 4);
    auto *only = panel->findChild<QCheckBox *>(u"thisSchemaOnly"_s);
    QVERIFY(only);
    QVERIFY(!only->isEnabled()); // no stored schema in the window yet

    panel->setSchemaId(m_shop.id);
    QVERIFY(only->isEnabled());
    QCOMPARE(panel->proxyModel()->rowCount(), 4); // until the box is ticked
    QTest::mouseClick(only, Qt::LeftButton, {}, QPoint(8, only->height() / 2));
    QVERIFY(panel->thisSchemaOnly());
    QCOMPARE(panel->proxyModel()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(panel->proxyModel()->index(row, 0).data(RunsModel::SchemaIdRole).toLongLong(), m_shop.id);

    panel->setSchemaId(other.id);
    QCOMPARE(panel->proxyModel()->rowCount(), 1);
    QCOMPARE(panel->proxyModel()->index(0, 0).data(RunsModel::RunIdRole).toLongLong(), otherRun);
    QCOMPARE(panel->proxyModel()->index(0, RunsModel::SchemaColumn).data().toString(), u"shop two"_s);

    // An unsaved schema in the window: everything again.
    panel->setSchemaId(0);
    QVERIFY(!only->isEnabled());
    QCOMPARE(panel->proxyModel()->rowCount(), 4);
}

void TestRunsPanel::storedRunModelShowsStoredRows()
{
    const Actor actor = Actor::of(m_ada);
    const RunRecord run = m_storage->run(actor, m_stored).value();
    StoredRunModel model(m_storage.get(), actor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &StoredRunModel::pageLoaded);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTable(run, u"orders"_s);
    QCOMPARE(model.rowCount(), int(kOrders));
    QCOMPARE(model.columnCount(), 0); // known with the first page
    QVERIFY(pages.wait(5000));
    const StoredRows head = m_storage->storedRows(actor, run.id, u"orders"_s, 0, 1).value();
    QCOMPARE(model.columns(), head.columns);
    QCOMPARE(model.columnCount(), int(head.columns.size()));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), head.columns.first());
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), u"1"_s);

    // Row 280 is on the second page: "…" until it arrives, then a repaint of its rows.
    const int later = 280;
    QVERIFY(!model.isRowLoaded(later));
    QCOMPARE(model.index(later, 0).data().toString(), QString(QChar(0x2026)));
    QVERIFY(!model.index(later, 0).data(StoredRunModel::CellRole).isValid());
    QTRY_VERIFY(model.isRowLoaded(later));
    QVERIFY(std::any_of(changed.begin(), changed.end(), [later](const QList<QVariant> &args) {
        return args.at(0).toModelIndex().row() <= later && args.at(1).toModelIndex().row() >= later;
    }));

    // The same values as storage holds and as a CSV export of the same seed writes.
    const QHash<QString, CsvTable> csv = csvExport(run.seed);
    const CsvTable &orders = csv.value(u"orders"_s);
    QCOMPARE(orders.header, model.columns());
    QCOMPARE(orders.rows.size(), kOrders);
    int nulls = 0;
    for (const int row : {0, later, int(kOrders) - 1}) {
        const StoredRows stored = m_storage->storedRows(actor, run.id, u"orders"_s, row, 1).value();
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            const auto cell = index.data(StoredRunModel::CellRole).value<std::optional<QString>>();
            QCOMPARE(cell, stored.rows.first().at(column));
            QCOMPARE(cell, orders.rows.at(row).at(column));
            if (!cell) {
                ++nulls;
                QCOMPARE(index.data().toString(), u"NULL"_s);
                QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
            } else {
                QCOMPARE(index.data().toString(), *cell);
                QVERIFY(!index.data(Qt::FontRole).isValid());
            }
        }
    }
    // Some NULL somewhere in the first page (orders.note is NULL in about 30 % of the rows).
    for (int row = 0; row < 40 && nulls == 0; ++row) {
        const QModelIndex index = model.index(row, model.columns().indexOf(u"note"_s));
        if (!index.data(StoredRunModel::CellRole).value<std::optional<QString>>()) {
            ++nulls;
            QCOMPARE(index.data().toString(), u"NULL"_s);
            QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
        }
    }
    QVERIFY(nulls > 0);

    // Another table: a reset, its own columns and rows.
    model.setTable(run, u"customers"_s);
    QCOMPARE(model.rowCount(), int(kCustomers));
    QTRY_VERIFY(model.isRowLoaded(0) && model.columnCount() > 0);
    QCOMPARE(model.columns(), csv.value(u"customers"_s).header);
    QCOMPARE(model.index(kCustomers - 1, 1).data(StoredRunModel::CellRole).value<std::optional<QString>>(),
             csv.value(u"customers"_s).rows.last().at(1));
}

void TestRunsPanel::storedRunModelKeepsFewPages()
{
    const Actor actor = Actor::of(m_ada);
    const RunRecord run = m_storage->run(actor, m_stored).value();
    StoredRunModel model(m_storage.get(), actor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageRows(16);
    model.setTable(run, u"orders"_s);
    QTRY_VERIFY(model.columnCount() > 0);
    // Walk every row the way a scrolling view does; at most CachedPages pages stay.
    const StoredRows all = m_storage->storedRows(actor, run.id, u"orders"_s, 0, int(kOrders)).value();
    for (int row = 0; row < model.rowCount(); row += 7) {
        model.index(row, 0).data();
        QTRY_VERIFY(model.isRowLoaded(row));
        QCOMPARE(model.index(row, 0).data(StoredRunModel::CellRole).value<std::optional<QString>>(),
                 all.rows.at(row).at(0));
        QVERIFY(model.cachedRows() <= 16 * StoredRunModel::CachedPages);
    }
    QVERIFY(!model.isRowLoaded(100)); // evicted long ago
    QTRY_VERIFY(!model.isFetching());
}

void TestRunsPanel::storedRunViewPicksTablesAndGoesToRow()
{
    StoredRunView view(m_storage.get(), m_ada);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy opened(&view, &StoredRunView::opened);
    view.openRun(m_stored);
    QVERIFY(opened.wait(5000));
    QCOMPARE(opened.first().first().toLongLong(), m_stored);
    QCOMPARE(view.tables(), (QStringList{u"customers"_s, u"orders"_s})); // the schema's order
    QCOMPARE(view.currentTable(), u"customers"_s);
    QTRY_VERIFY(view.model()->isRowLoaded(0) && view.model()->columnCount() > 0);

    // The table picker, then Ctrl+G, a row number and Enter.
    auto *tables = view.findChild<QComboBox *>(u"tables"_s);
    tables->setFocus();
    QTest::keyClick(tables, Qt::Key_Down);
    QCOMPARE(view.currentTable(), u"orders"_s);
    QCOMPARE(view.model()->table(), u"orders"_s);
    QCOMPARE(view.model()->rowCount(), int(kOrders));
    QTest::keyClick(&view, Qt::Key_G, Qt::ControlModifier);
    auto *goTo = view.findChild<QLineEdit *>(u"goToRow"_s);
    QVERIFY(goTo->hasFocus());
    QTest::keyClicks(goTo, u"281"_s);
    QTest::keyClick(goTo, Qt::Key_Return);
    QTRY_COMPARE(view.view()->currentIndex().row(), 280);
    QTRY_VERIFY(view.model()->isRowLoaded(280));
    const StoredRows stored = m_storage->storedRows(Actor::of(m_ada), m_stored, u"orders"_s, 280, 1).value();
    QCOMPARE(view.view()
                 ->currentIndex()
                 .siblingAtColumn(0)
                 .data(StoredRunModel::CellRole)
                 .value<std::optional<QString>>(),
             stored.rows.first().first());
    QVERIFY(view.view()->viewport()->rect().intersects(view.view()->visualRect(view.view()->currentIndex())));

    // A run whose data went to files has nothing to show, and says so.
    view.openRun(m_files);
    QTRY_VERIFY(!view.message().isEmpty());
    QCOMPARE(view.message(), u"Run %1 kept no rows in storage."_s.arg(m_files));
}

QTEST_MAIN(TestRunsPanel)
#include "tst_runs_panel.moc"
