// The window's import flow: the runner on real files (in turn, with progress, cancelled, destroyed while
// running), the report model and its filter under QAbstractItemModelTester, and the preview dialog driven
// with the mouse and the keyboard against a real SQLite storage: storing, cancelling, name clashes and
// hostile archives that store nothing.

#include "StorageTestSupport.h"
#include "ZipFixture.h"

#include "import/ImportPreviewDialog.h"
#include "import/ImportReportFilterModel.h"
#include "import/ImportReportModel.h"
#include "import/ImportRunner.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <optional>

using namespace fabrica;
using namespace Qt::StringLiterals;
using Level = ImportReport::Level;

namespace {

QString data(const QString &path)
{
    return test::importData(path);
}

QByteArray read(const QString &path)
{
    return test::readFile(path);
}

using test::appArchive;

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QStringList schemaNames(const QList<Schema> &schemas)
{
    QStringList names;
    for (const Schema &schema : schemas)
        names << schema.name;
    return names;
}

QStringList recordNames(const QList<SchemaRecord> &records)
{
    QStringList names;
    for (const SchemaRecord &record : records)
        names << record.name;
    names.sort();
    return names;
}

// Every line a view's model shows under its groups, as "place | message".
QStringList shownLines(const QAbstractItemModel *model)
{
    QStringList lines;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r)
            lines << model->index(r, 0, group).data().toString() + u" | "_s +
                         model->index(r, 1, group).data().toString();
    }
    return lines;
}

QStringList groupLabels(const QAbstractItemModel *model)
{
    QStringList labels;
    for (int g = 0; g < model->rowCount(); ++g)
        labels << model->index(g, 0).data().toString();
    return labels;
}

// Moves a combo box to the entry whose text starts with prefix, with the arrow keys like a user.
bool chooseWithKeys(QComboBox *combo, const QString &prefix)
{
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->currentText().startsWith(prefix))
            return true;
        QTest::keyClick(combo, Qt::Key_Down);
    }
    return combo->currentText().startsWith(prefix);
}

struct Progress
{
    int done;
    int total;
    QString file;
    bool operator==(const Progress &) const = default;
};

} // namespace

class TestImportPreview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void runnerImportsFilesInTurn();
    void runnerCancels();
    void runnerSurvivesBeingDestroyedWhileRunning();
    void reportModelGroupsLinesBySeverity();
    void reportFilterNarrowsByTextAndLevel();
    void dialogShowsAndStoresAnImport();
    void dialogCancelStoresNothing();
    void dialogFiltersTheReportFromTheKeyboard();
    void nameClashRenames();
    void nameClashCancelShowsTheErrorAndStoresNothing();
    void nameClashReplaces();
    void hostileArchiveCannotBeImported_data();
    void hostileArchiveCannotBeImported();
    void openSchemaTakesOneSchemaAndStoresNothing();

private:
    // The dialog's widgets, found by their object names.
    struct Form
    {
        QTreeView *reportView, *schemaView;
        QLineEdit *filterEdit;
        QComboBox *levelFilter, *conflictChoice;
        QPushButton *importButton, *closeButton;
        QLabel *summary, *message, *conflictLabel;
        QRadioButton *destinationNew, *destinationOpen;
        QWidget *conflictBox;
    };
    static std::optional<Form> formOf(ImportPreviewDialog &dialog);
    ImportService::Outcome runToEnd(const QStringList &paths);
    QList<SchemaRecord> stored();
    Actor actor() const { return Actor::of(m_user); }

    std::unique_ptr<test::StorageDatabases> m_databases;
    std::unique_ptr<Repository> m_storage;
    std::unique_ptr<QTemporaryDir> m_files;
    UserRecord m_user;
};

std::optional<TestImportPreview::Form> TestImportPreview::formOf(ImportPreviewDialog &dialog)
{
    Form form{dialog.findChild<QTreeView *>(u"reportView"_s),
              dialog.findChild<QTreeView *>(u"schemaView"_s),
              dialog.findChild<QLineEdit *>(u"filterEdit"_s),
              dialog.findChild<QComboBox *>(u"levelFilter"_s),
              dialog.findChild<QComboBox *>(u"conflictChoice"_s),
              dialog.findChild<QPushButton *>(u"importButton"_s),
              dialog.findChild<QPushButton *>(u"closeButton"_s),
              dialog.findChild<QLabel *>(u"summary"_s),
              dialog.findChild<QLabel *>(u"message"_s),
              dialog.findChild<QLabel *>(u"conflictLabel"_s),
              dialog.findChild<QRadioButton *>(u"destinationNew"_s),
              dialog.findChild<QRadioButton *>(u"destinationOpen"_s),
              dialog.findChild<QWidget *>(u"conflictBox"_s)};
    if (!form.reportView || !form.schemaView || !form.filterEdit || !form.levelFilter ||
        !form.conflictChoice || !form.importButton || !form.closeButton || !form.summary || !form.message ||
        !form.conflictLabel || !form.destinationNew || !form.destinationOpen || !form.conflictBox)
        return std::nullopt;
    return form;
}

ImportService::Outcome TestImportPreview::runToEnd(const QStringList &paths)
{
    ImportRunner runner;
    std::optional<ImportService::Outcome> outcome;
    connect(&runner, &ImportRunner::finished, this,
            [&outcome](const ImportService::Outcome &result) { outcome = result; });
    runner.start(paths);
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
        qFatal("the import did not finish");
    return *outcome;
}

QList<SchemaRecord> TestImportPreview::stored()
{
    Result<QList<SchemaRecord>> records = m_storage->schemas(Actor::systemActor());
    if (!records)
        qFatal("cannot list the schemas: %s", qPrintable(records.error().toString()));
    return records.value();
}

void TestImportPreview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestImportPreview::init()
{
    m_databases = std::make_unique<test::StorageDatabases>(SqlDialect::SQLite);
    QCOMPARE(m_databases->check(), QString());
    m_storage = m_databases->freshRepository();
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    UserRecord user;
    user.username = u"importer"_s;
    user.passwordHash = u"x"_s;
    const Result<UserRecord> created = m_storage->createUser(Actor::systemActor(), user);
    QVERIFY2(created, created ? "" : qPrintable(created.error().toString()));
    m_user = created.value();
}

void TestImportPreview::cleanup()
{
    m_storage.reset();
    m_databases.reset();
    m_files.reset();
}

void TestImportPreview::runnerImportsFilesInTurn()
{
    const QString zip = writeFile(*m_files, u"app.zip"_s, appArchive());
    const QString loose = writeFile(*m_files, u"loose.sql"_s, "CREATE TABLE t (id int PRIMARY KEY);\n");
    const QString broken = writeFile(*m_files, u"broken.sql"_s, "CREATE TABLE (");

    ImportRunner runner;
    QList<Progress> progress;
    QList<QPair<int, int>> entries;
    bool onGuiThread = true;
    std::optional<ImportService::Outcome> outcome;
    connect(&runner, &ImportRunner::progress, this, [&](int done, int total, const QString &file) {
        onGuiThread = onGuiThread && QThread::currentThread() == qApp->thread();
        progress << Progress{done, total, file};
    });
    connect(&runner, &ImportRunner::fileProgress, this, [&](int done, int total) {
        onGuiThread = onGuiThread && QThread::currentThread() == qApp->thread();
        entries << qMakePair(done, total);
    });
    connect(&runner, &ImportRunner::finished, this,
            [&outcome](const ImportService::Outcome &result) { outcome = result; });
    QSignalSpy cancelled(&runner, &ImportRunner::cancelled);

    QVERIFY(!runner.isRunning());
    runner.start({zip, loose, broken});
    QVERIFY(runner.isRunning());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"an import is running; ignored"_s));
    runner.start({loose}); // ignored while running
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30000);
    QVERIFY(!runner.isRunning());
    QCOMPARE(cancelled.count(), 0);
    QVERIFY(onGuiThread);

    // The files in order, each announced, then the end.
    QCOMPARE(progress, (QList<Progress>{{0, 3, zip}, {1, 3, loose}, {2, 3, broken}, {3, 3, broken}}));
    QVERIFY2(entries.contains(qMakePair(4, 4)), "the archive's four entries were counted");

    // Combined: what each file gives alone, appended; the broken file's lines are kept and make it unusable.
    const ImportService::Outcome a = ImportService::importFile(zip);
    const ImportService::Outcome b = ImportService::importFile(loose);
    const ImportService::Outcome c = ImportService::importFile(broken);
    QVERIFY(a.ok() && b.ok() && !c.ok());
    QCOMPARE(schemaNames(outcome->schemas), (QStringList{u"app"_s, u"loose"_s}));
    QCOMPARE(outcome->schemas[0], a.schemas[0]);
    QCOMPARE(outcome->report.toText(), a.report.toText() + b.report.toText() + c.report.toText());
    QVERIFY(outcome->report.hasErrors());
    QVERIFY(!outcome->ok());

    // The runner starts again once finished.
    outcome.reset();
    runner.start({loose});
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30000);
    QVERIFY(outcome->ok());
    QCOMPARE(schemaNames(outcome->schemas), QStringList{u"loose"_s});
}

void TestImportPreview::runnerCancels()
{
    const QString zip = writeFile(*m_files, u"app.zip"_s, appArchive());
    const QStringList paths(40, zip);
    ImportRunner runner;
    int lastDone = -1;
    bool finished = false;
    connect(&runner, &ImportRunner::progress, this, [&](int done, int total, const QString &) {
        lastDone = done;
        if (done == 1 && total > 1)
            runner.cancel(); // as the Cancel button of a progress bar would
    });
    connect(&runner, &ImportRunner::finished, this, [&finished] { finished = true; });
    QSignalSpy cancelled(&runner, &ImportRunner::cancelled);

    runner.start(paths);
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 60000);
    QVERIFY(!finished);
    QVERIFY(!runner.isRunning());
    // It stopped early: far from all 40 files were read (each is checked for cancel before it starts).
    QVERIFY2(lastDone >= 1 && lastDone < 20, qPrintable(QString::number(lastDone)));
    QTest::qWait(50);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!finished);

    // Cancelled before the worker read anything: still cancelled(), never finished().
    runner.start(paths);
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 2, 60000);
    QVERIFY(!finished);

    // And the runner is usable afterwards.
    runner.start({zip});
    QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
    QCOMPARE(cancelled.count(), 2);
}

void TestImportPreview::runnerSurvivesBeingDestroyedWhileRunning()
{
    const QString zip = writeFile(*m_files, u"app.zip"_s, appArchive());
    auto *runner = new ImportRunner;
    int progressCalls = 0;
    bool emitted = false;
    connect(runner, &ImportRunner::progress, this, [&progressCalls] { ++progressCalls; });
    connect(runner, &ImportRunner::finished, this, [&emitted] { emitted = true; });
    connect(runner, &ImportRunner::cancelled, this, [&emitted] { emitted = true; });
    runner->start(QStringList(20000, zip));
    QTRY_VERIFY_WITH_TIMEOUT(progressCalls > 0, 30000); // the worker is inside the loop
    QElapsedTimer timer;
    timer.start();
    delete runner; // cancels and waits: the worker must not touch the freed runner
    // The worker stopped at the next file rather than reading all 20,000 (each takes milliseconds).
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    const int before = progressCalls;
    QTest::qWait(100); // progress posted before the delete is dropped with the runner
    QCOMPARE(progressCalls, before);
    QVERIFY(!emitted);
}

void TestImportPreview::reportModelGroupsLinesBySeverity()
{
    ImportReport report;
    report.info({u"shop.zip"_s, 0, 0, {}}, u"files read: 3"_s);
    report.guess({{}, 0, 0, u"customers.tier"_s}, u"enum (from the values of the CSV samples)"_s);
    report.warning({u"schema.sql"_s, 3, 7, {}}, u"unknown type money; read as decimal"_s);
    report.refused({u"shop.zip"_s, 0, 0, u"../evil.sql"_s}, u"a path that leaves the archive ('..')"_s);
    report.info({u"orders.csv"_s, 0, 0, {}}, u"120 rows, 6 columns"_s);
    report.error({u"shop.zip"_s, 0, 0, {}}, u"the archive was refused; nothing was imported"_s);
    report.refused({u"shop.zip"_s, 0, 0, u"link.sql"_s}, u"a symbolic link; links are not followed"_s);
    report.warning({u"schema.sql"_s, 9, 0, {}},
                   u"reviews: the unique key over several columns is not kept"_s);
    report.warning({u"orders.csv"_s, 0, 0, {}}, u"not UTF-8; read as Latin-1"_s);

    ImportReportModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setReport(report);

    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Place"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"Message"_s);
    QCOMPARE(groupLabels(&model), (QStringList{u"Refused (2)"_s, u"Errors (1)"_s, u"Warnings (3)"_s,
                                               u"Guesses (1)"_s, u"Information (2)"_s}));
    QVERIFY(!model.groupIndex(Level::Skipped).isValid());
    const QModelIndex refused = model.groupIndex(Level::Refused);
    QCOMPARE(refused.row(), 0);
    QCOMPARE(refused.data(ImportReportModel::LevelRole).toInt(), int(Level::Refused));
    QVERIFY(refused.data(ImportReportModel::IsGroupRole).toBool());
    QVERIFY(!refused.data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.rowCount(refused.siblingAtColumn(1)), 0);

    // Lines under their group in the report's order, with the place as file:line:column and the path.
    QCOMPARE(shownLines(&model),
             (QStringList{u"shop.zip: ../evil.sql | a path that leaves the archive ('..')"_s,
                          u"shop.zip: link.sql | a symbolic link; links are not followed"_s,
                          u"shop.zip | the archive was refused; nothing was imported"_s,
                          u"schema.sql:3:7 | unknown type money; read as decimal"_s,
                          u"schema.sql:9 | reviews: the unique key over several columns is not kept"_s,
                          u"orders.csv | not UTF-8; read as Latin-1"_s,
                          u"customers.tier | enum (from the values of the CSV samples)"_s,
                          u"shop.zip | files read: 3"_s, u"orders.csv | 120 rows, 6 columns"_s}));
    const QModelIndex warnings = model.groupIndex(Level::Warning);
    const QModelIndex second = model.index(1, 1, warnings);
    QCOMPARE(second.parent(), warnings);
    QCOMPARE(second.data(ImportReportModel::LineRole).toInt(), 7);
    QCOMPARE(second.data(ImportReportModel::LevelRole).toInt(), int(Level::Warning));
    QVERIFY(second.data(Qt::ToolTipRole).toString().contains(u"schema.sql:9"_s));
    QVERIFY(model.flags(second).testFlag(Qt::ItemNeverHasChildren));
    QVERIFY(!model.flags(warnings).testFlag(Qt::ItemNeverHasChildren));
    QCOMPARE(model.rowCount(second.siblingAtColumn(0)), 0);

    // A new report replaces the old one; an empty one leaves no group.
    // Names from an archive are shown as they are, never as markup, in the cells and the tooltips.
    ImportReport small;
    small.skipped({u"<img src=\"file:///etc/passwd\">.txt"_s, 0, 0, {}}, u"<b>not</b> a schema"_s);
    model.setReport(small);
    QCOMPARE(groupLabels(&model), QStringList{u"Skipped (1)"_s});
    const QModelIndex markup = model.index(0, 0, model.index(0, 0));
    QCOMPARE(markup.data().toString(), u"<img src=\"file:///etc/passwd\">.txt"_s);
    QCOMPARE(
        markup.data(Qt::ToolTipRole).toString(),
        u"<qt>&lt;img src=&quot;file:///etc/passwd&quot;&gt;.txt<br>&lt;b&gt;not&lt;/b&gt; a schema</qt>"_s);
    model.setReport(ImportReport());
    QCOMPARE(model.rowCount(), 0);
}

void TestImportPreview::reportFilterNarrowsByTextAndLevel()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    ImportReportModel model;
    model.setReport(outcome.report);
    ImportReportFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    const QStringList all = shownLines(&model);
    QCOMPARE(shownLines(&filter), all);
    QCOMPARE(groupLabels(&filter), groupLabels(&model));

    // Text: case-insensitive, in the place or the message; groups without a match disappear.
    filter.setFilterText(u"ORDERS.CUSTOMER_ID"_s);
    QStringList expected;
    for (const QString &line : all) {
        if (line.contains(u"orders.customer_id"_s, Qt::CaseInsensitive))
            expected << line;
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(shownLines(&filter), expected);
    QCOMPARE(filter.rowCount(), 1);
    const int guesses = outcome.report.count(Level::Guess);
    QCOMPARE(groupLabels(&filter), QStringList{u"Guesses (%1 of %2)"_s.arg(expected.size()).arg(guesses)});

    // A group's own title is no match.
    filter.setFilterText(u"Guesses"_s);
    QCOMPARE(filter.rowCount(), 0);

    // Levels: warnings only, then nothing that occurs.
    filter.setFilterText(QString());
    filter.setVisibleLevels({Level::Warning});
    QCOMPARE(groupLabels(&filter), QStringList{u"Warnings (%1)"_s.arg(outcome.report.count(Level::Warning))});
    filter.setVisibleLevels({Level::Refused});
    QCOMPARE(filter.rowCount(), 0);
    // Both together.
    filter.setVisibleLevels({Level::Guess, Level::Info});
    filter.setFilterText(u"customers"_s);
    for (const QString &label : groupLabels(&filter))
        QVERIFY2(label.startsWith(u"Guesses"_s) || label.startsWith(u"Information"_s), qPrintable(label));
    for (const QString &line : shownLines(&filter))
        QVERIFY2(line.contains(u"customers"_s, Qt::CaseInsensitive), qPrintable(line));
    QVERIFY(filter.rowCount() > 0);
    filter.setVisibleLevels(ImportReportModel::levelsBySeverity());
    filter.setFilterText(QString());
    QCOMPARE(shownLines(&filter), all);
}

void TestImportPreview::dialogShowsAndStoresAnImport()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY2(outcome.ok(), qPrintable(outcome.report.toText()));
    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QAbstractItemModelTester reportTester(form->reportView->model(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester schemaTester(form->schemaView->model(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Summary: what came out and what the report says about it.
    int columns = 0;
    for (const Table &table : outcome.schemas[0].tables)
        columns += int(table.columns.size());
    const QRegularExpression summary(
        u"^1 schema(\\(s\\))?, 5 tables?(\\(s\\))?, %1 columns?(\\(s\\))?; %2 warnings?(\\(s\\))?, %3 guess"_s
            .arg(columns)
            .arg(outcome.report.count(Level::Warning))
            .arg(outcome.report.count(Level::Guess)));
    QVERIFY2(summary.match(form->summary->text()).hasMatch(), qPrintable(form->summary->text()));
    QVERIFY(!form->message->isVisible());

    // The schema tree: schema → tables (rows) → columns (type).
    const QAbstractItemModel *schemas = form->schemaView->model();
    QCOMPARE(schemas->rowCount(), 1);
    const QModelIndex app = schemas->index(0, 0);
    QCOMPARE(app.data().toString(), u"app"_s);
    QCOMPARE(schemas->rowCount(app), 5);
    QVERIFY(form->schemaView->isExpanded(app));
    const QModelIndex customers = schemas->index(0, 0, app);
    QCOMPARE(customers.data().toString(), u"customers"_s);
    QVERIFY(customers.siblingAtColumn(1).data().toString().contains(u"1,000 rows"_s));
    const Table &table = outcome.schemas[0].tables[0];
    QCOMPARE(schemas->rowCount(customers), table.columns.size());
    const int email = table.columnIndex(u"email"_s);
    QCOMPARE(schemas->index(email, 0, customers).data().toString(), u"email"_s);
    QVERIFY(schemas->index(email, 1, customers).data().toString().startsWith(u"email"_s));
    // A foreign key shows where it points.
    const QModelIndex orders = schemas->index(outcome.schemas[0].tableIndex(u"orders"_s), 0, app);
    const Table *ordersTable = outcome.schemas[0].table(u"orders"_s);
    const int customerId = ordersTable->columnIndex(u"customer_id"_s);
    QCOMPARE(schemas->index(customerId, 1, orders).data().toString(),
             ordersTable->columns[customerId].type + u" → customers.id"_s);
    QCOMPARE(shownLines(form->reportView->model()).size(), outcome.report.lines().size());

    // Destination: new schemas; the open schema is not offered without one; no name is taken.
    QVERIFY(form->destinationNew->isChecked());
    QVERIFY(form->destinationNew->isEnabled());
    QVERIFY(!form->destinationOpen->isEnabled());
    QVERIFY(!form->conflictBox->isVisible());
    QVERIFY(form->importButton->isEnabled());
    QVERIFY(form->importButton->isDefault());

    QTest::mouseClick(form->importButton, Qt::LeftButton);
    // Storing runs on a worker: meanwhile the buttons are off and Escape does not close the dialog.
    QVERIFY(!form->importButton->isEnabled());
    QVERIFY(!form->closeButton->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.destination(), ImportPreviewDialog::Destination::NewSchemas);
    const QList<SchemaRecord> records = dialog.storedSchemas();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records[0].name, u"app"_s);
    QCOMPARE(records[0].userId, m_user.id);
    QCOMPARE(records[0].tables, 5);
    const QList<SchemaRecord> inStorage = stored();
    QCOMPARE(inStorage.size(), 1);
    QCOMPARE(inStorage[0].id, records[0].id);
    const Result<Schema> loaded = m_storage->loadSchema(actor(), records[0].id);
    QVERIFY(loaded);
    QCOMPARE(loaded->tables.size(), outcome.schemas[0].tables.size());
    for (int t = 0; t < loaded->tables.size(); ++t) {
        QCOMPARE(loaded->tables[t].name, outcome.schemas[0].tables[t].name);
        QCOMPARE(loaded->tables[t].columns.size(), outcome.schemas[0].tables[t].columns.size());
    }
}

void TestImportPreview::dialogCancelStoresNothing()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(outcome.ok());
    {
        ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const std::optional<Form> form = formOf(dialog);
        QVERIFY(form);
        QCOMPARE(form->closeButton->text().remove(u'&'), u"Cancel"_s);
        QTest::mouseClick(form->closeButton, Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.storedSchemas().isEmpty());
    }
    {
        ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
    QTest::qWait(50);
    QVERIFY(stored().isEmpty());
}

void TestImportPreview::dialogFiltersTheReportFromTheKeyboard()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(outcome.ok());
    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    dialog.activateWindow(); // shortcuts and focus need the active window
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QAbstractItemModel *report = form->reportView->model();
    QAbstractItemModelTester tester(report, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList all = shownLines(report);

    // Ctrl+F reaches the search box; typing narrows the report, and the matches are unfolded.
    QTest::keyClick(&dialog, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(form->filterEdit->hasFocus());
    QTest::keyClicks(form->filterEdit, u"orders."_s);
    const QStringList lines = shownLines(report);
    QVERIFY(!lines.isEmpty() && lines.size() < all.size());
    for (const QString &line : lines)
        QVERIFY2(line.contains(u"orders."_s, Qt::CaseInsensitive), qPrintable(line));
    for (int g = 0; g < report->rowCount(); ++g)
        QVERIFY(form->reportView->isExpanded(report->index(g, 0)));

    // Enter goes to the results instead of importing; Escape clears the search instead of closing.
    QTest::keyClick(form->filterEdit, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QVERIFY(form->reportView->hasFocus());
    QVERIFY(stored().isEmpty());
    form->filterEdit->setFocus();
    QTest::keyClick(form->filterEdit, Qt::Key_Escape);
    QVERIFY(dialog.isVisible());
    QCOMPARE(form->filterEdit->text(), QString());
    QCOMPARE(shownLines(report), all);

    // The level filter: warnings only, then problems only (the same here: nothing refused, no error).
    QVERIFY(chooseWithKeys(form->levelFilter, u"Warnings"_s));
    QCOMPARE(groupLabels(report), QStringList{u"Warnings (%1)"_s.arg(outcome.report.count(Level::Warning))});
    QVERIFY(chooseWithKeys(form->levelFilter, u"Problems"_s));
    QCOMPARE(groupLabels(report), QStringList{u"Warnings (%1)"_s.arg(outcome.report.count(Level::Warning))});
    QVERIFY(chooseWithKeys(form->levelFilter, u"All"_s));
    QCOMPARE(shownLines(report), all);
}

void TestImportPreview::nameClashRenames()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(outcome.ok());
    const Result<QList<SchemaRecord>> first = ImportService::commit(*m_storage, actor(), m_user.id, outcome);
    QVERIFY(first);

    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QCOMPARE(dialog.takenNames(), QStringList{u"app"_s});
    QVERIFY(form->conflictBox->isVisible());
    QVERIFY2(form->conflictLabel->text().contains(u"«app»"_s), qPrintable(form->conflictLabel->text()));
    QCOMPARE(form->conflictChoice->count(), 3);
    QCOMPARE(dialog.nameConflict(), Repository::NameConflict::Rename); // the default loses nothing
    QVERIFY(chooseWithKeys(form->conflictChoice, u"Replace"_s));
    QCOMPARE(dialog.nameConflict(), Repository::NameConflict::Replace);
    QVERIFY(chooseWithKeys(form->conflictChoice, u"Save under a new name"_s));
    QCOMPARE(dialog.nameConflict(), Repository::NameConflict::Rename);

    QTest::mouseClick(form->importButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.storedSchemas().size(), 1);
    QCOMPARE(dialog.storedSchemas()[0].name, u"app (2)"_s);
    QCOMPARE(recordNames(stored()), (QStringList{u"app"_s, u"app (2)"_s}));
}

void TestImportPreview::nameClashCancelShowsTheErrorAndStoresNothing()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(outcome.ok());
    QVERIFY(ImportService::commit(*m_storage, actor(), m_user.id, outcome));

    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(chooseWithKeys(form->conflictChoice, u"Cancel the import"_s));
    QCOMPARE(dialog.nameConflict(), Repository::NameConflict::Cancel);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"import not stored: .*exists already"_s));
    QTest::mouseClick(form->importButton, Qt::LeftButton);

    // The core's refusal, shown in the dialog, which stays open with its buttons back.
    const QString expected =
        ImportService::commit(*m_storage, actor(), m_user.id, outcome).error().message.mid(1);
    QTRY_VERIFY2(form->message->isVisible() && form->message->text().contains(expected),
                 qPrintable(form->message->text()));
    QVERIFY(form->message->text().startsWith(u"Nothing was stored"_s));
    QTRY_VERIFY(form->importButton->isEnabled());
    QVERIFY(form->closeButton->isEnabled());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.storedSchemas().isEmpty());
    QCOMPARE(recordNames(stored()), QStringList{u"app"_s});

    // Another choice in the same dialog then works.
    QVERIFY(chooseWithKeys(form->conflictChoice, u"Save under a new name"_s));
    QTest::mouseClick(form->importButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(recordNames(stored()), (QStringList{u"app"_s, u"app (2)"_s}));
}

void TestImportPreview::nameClashReplaces()
{
    const ImportService::Outcome outcome = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(outcome.ok());
    const Result<QList<SchemaRecord>> first = ImportService::commit(*m_storage, actor(), m_user.id, outcome);
    QVERIFY(first);
    // A run of the stored schema: replacing deletes the schema with its runs.
    const Result<RunRecord> run = m_storage->startRun(actor(), first->at(0).id, 7);
    QVERIFY2(run, run ? "" : qPrintable(run.error().toString()));

    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(chooseWithKeys(form->conflictChoice, u"Replace"_s));
    QTest::mouseClick(form->importButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QList<SchemaRecord> records = stored();
    QCOMPARE(recordNames(records), QStringList{u"app"_s});
    QCOMPARE(dialog.storedSchemas()[0].id, records[0].id);
    const Result<RunRecord> gone = m_storage->run(actor(), run->id);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
}

void TestImportPreview::hostileArchiveCannotBeImported_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("refusal");
    const QByteArray good = read(data(u"app/schema.sql"_s));
    QTest::newRow("zip slip") << test::zipOf({{u"app/schema.sql"_s, good}, {u"../evil.sql"_s, good}})
                              << u"../evil.sql"_s << u"a path that leaves the archive"_s;
    test::ZipWriter writer;
    writer.add(u"app/schema.sql"_s, good);
    writer.add(u"app/link.sql"_s, "/etc/passwd", Z_DEFLATED, quint32(0120777) << 16);
    QTest::newRow("symlink") << writer.finish() << u"app/link.sql"_s << u"a symbolic link"_s;
}

void TestImportPreview::hostileArchiveCannotBeImported()
{
    QFETCH(QByteArray, archive);
    QFETCH(QString, place);
    QFETCH(QString, refusal);
    // Through the runner, as a drop would go.
    const ImportService::Outcome outcome = runToEnd({writeFile(*m_files, u"test.zip"_s, archive)});
    QVERIFY(!outcome.ok());

    ImportPreviewDialog dialog(outcome, m_storage.get(), actor(), m_user.id);
    dialog.setOpenSchemaName(u"shop"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QAbstractItemModelTester tester(form->reportView->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Only Close: no import, no destination, no name question.
    QVERIFY(!form->importButton->isEnabled());
    QVERIFY(!form->destinationNew->isEnabled());
    QVERIFY(!form->destinationOpen->isEnabled());
    QVERIFY(!form->conflictBox->isVisible());
    QCOMPARE(form->closeButton->text().remove(u'&'), u"Close"_s);
    QVERIFY(form->closeButton->isDefault());
    QVERIFY(form->message->isVisible());
    QVERIFY2(form->message->text().startsWith(u"Nothing was imported: "_s),
             qPrintable(form->message->text()));
    QVERIFY2(form->message->text().contains(place), qPrintable(form->message->text()));

    // The refusal is first in the report and unfolded.
    const QAbstractItemModel *report = form->reportView->model();
    const QModelIndex refused = report->index(0, 0);
    QVERIFY2(refused.data().toString().startsWith(u"Refused ("_s), qPrintable(refused.data().toString()));
    QVERIFY(form->reportView->isExpanded(refused));
    bool found = false;
    for (int r = 0; r < report->rowCount(refused); ++r) {
        const QModelIndex line = report->index(r, 0, refused);
        if (line.data().toString().contains(place) &&
            report->index(r, 1, refused).data().toString().contains(refusal)) {
            found = true;
            const QRect shown = form->reportView->visualRect(line);
            QVERIFY(shown.isValid() && form->reportView->viewport()->rect().intersects(shown));
        }
    }
    QVERIFY2(found, qPrintable(shownLines(report).join(u'\n')));
    // The first refusal in full under the report, where nothing cuts it short.
    const QLabel *details = dialog.findChild<QLabel *>(u"lineDetails"_s);
    QVERIFY(details);
    QVERIFY2(details->text().contains(refusal) && details->text().contains(place),
             qPrintable(details->text()));
    QCOMPARE(details->textFormat(), Qt::PlainText);

    // Neither the mouse nor Enter imports anything.
    QTest::mouseClick(form->importButton, Qt::LeftButton);
    QTest::keyClick(form->reportView, Qt::Key_Return);
    QTest::qWait(50);
    QVERIFY(dialog.storedSchemas().isEmpty());
    QVERIFY(stored().isEmpty());
    if (dialog.isVisible())
        QTest::mouseClick(form->closeButton, Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(stored().isEmpty());
}

void TestImportPreview::openSchemaTakesOneSchemaAndStoresNothing()
{
    const ImportService::Outcome one = ImportService::importBytes(appArchive(), u"app.zip"_s, {});
    QVERIFY(one.ok());
    {
        ImportPreviewDialog dialog(one, m_storage.get(), actor(), m_user.id);
        dialog.setOpenSchemaName(u"shop"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const std::optional<Form> form = formOf(dialog);
        QVERIFY(form);
        QVERIFY(form->destinationOpen->isEnabled());
        QVERIFY2(form->destinationOpen->text().contains(u"«shop»"_s),
                 qPrintable(form->destinationOpen->text()));
        QVERIFY(form->destinationNew->isChecked()); // storing stays the default
        // On the button's circle: the click area is the circle and the text, not the row's whole width.
        QTest::mouseClick(
            form->destinationOpen, Qt::LeftButton, {},
            QPoint(form->destinationOpen->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) / 2 + 1,
                   form->destinationOpen->height() / 2));
        QVERIFY(form->destinationOpen->isChecked());
        QCOMPARE(dialog.destination(), ImportPreviewDialog::Destination::OpenSchema);
        QCOMPARE(form->importButton->text().remove(u'&'), u"Add Tables"_s);
        QTest::mouseClick(form->importButton, Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.destination(), ImportPreviewDialog::Destination::OpenSchema);
        QVERIFY(dialog.storedSchemas().isEmpty());
        QCOMPARE(dialog.outcome().schemas, one.schemas);
    }
    QTest::qWait(50);
    QVERIFY(stored().isEmpty());

    // Two schemas cannot go into one open schema.
    const ImportService::Outcome two =
        ImportService::importBytes(test::zipOf({{u"a/x.sql"_s, "CREATE TABLE t (id int PRIMARY KEY);"},
                                                {u"b/y.sql"_s, "CREATE TABLE u (id int PRIMARY KEY);"}}),
                                   u"two.zip"_s, {});
    QVERIFY(two.ok());
    ImportPreviewDialog dialog(two, m_storage.get(), actor(), m_user.id);
    dialog.setOpenSchemaName(u"shop"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const std::optional<Form> form = formOf(dialog);
    QVERIFY(form);
    QVERIFY(!form->destinationOpen->isEnabled());
    QVERIFY(form->destinationNew->isChecked());
    QVERIFY(form->importButton->isEnabled());
    QCOMPARE(dialog.destination(), ImportPreviewDialog::Destination::NewSchemas);
}

QTEST_MAIN(TestImportPreview)
#include "tst_import_preview.moc"
