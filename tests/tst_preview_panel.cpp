// The infinite preview: PreviewModel under QAbstractItemModelTester (values from RowWindow, NULL shown
// apart, a bounded cache), and PreviewPanel driven like a user — go to the last of 3,000,000 orders with
// Ctrl+G, edits through the session's undo commands refreshing the rows while keeping the place, the
// schema's problem shown instead of the table, the seed and the table picker.
#include "ExampleSchemas.h"
#include "format/SchemaFile.h"
#include "preview/PreviewModel.h"
#include "preview/PreviewPanel.h"
#include "session/SchemaSession.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCustomers = 0, kOrders = 1, kNote = 5;

Schema shop()
{
    return test::shopExample();
}

// The shop with fewer rows, so that QAbstractItemModelTester (which walks every index after each reset)
// stays quick.
Schema smallShop(int orders)
{
    Schema schema = shop();
    schema.tables[kCustomers].rows = 1000;
    schema.tables[kOrders].rows = orders;
    return schema;
}

std::shared_ptr<const RowWindow> window(const Schema &schema, const QString &table, quint64 seed)
{
    auto opened = RowWindow::open(schema, table, Plan::Options{seed, {}});
    if (!opened)
        qFatal("%s", qPrintable(opened.error().toString()));
    return *opened;
}

RowWindow::Cell cellOf(const QModelIndex &index)
{
    return index.data(PreviewModel::CellRole).value<RowWindow::Cell>();
}

QString header(const QAbstractItemModel *model, int section)
{
    return model->headerData(section, Qt::Horizontal).toString();
}

// A row of the note column (NULL on 30 % of the orders) that is NULL, and one that is not.
QPair<int, int> nullAndValueRow(const QAbstractItemModel *model, int first)
{
    int null = -1, value = -1;
    for (int row = first; row < first + 100 && (null < 0 || value < 0); ++row) {
        const bool isNull = !cellOf(model->index(row, kNote)).has_value();
        (isNull ? null : value) = row;
    }
    return {null, value};
}

} // namespace

class TestPreviewPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void modelShowsWindowRows();
    void modelShowsNullApart();
    void modelKeepsLayoutWhenShapeStays();
    void modelHoldsFewRows();
    void modelOffersBigTableInParts();
    void goesToLastOfThreeMillionRows();
    void goesBeyondTheRowsOffered();
    void ctrlGGoesToTypedRow();
    void editRefreshesAndKeepsPlace();
    void invalidSchemaShowsMessage();
    void followsTableThroughEdits();
    void seedChangesRows();
    void emptySchemaShowsMessage();

private:
    // A shown panel over session, its first refresh done.
    std::unique_ptr<PreviewPanel> openPanel(SchemaSession *session);
};

void TestPreviewPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

std::unique_ptr<PreviewPanel> TestPreviewPanel::openPanel(SchemaSession *session)
{
    auto panel = std::make_unique<PreviewPanel>();
    panel->resize(1000, 700);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        return nullptr;
    QSignalSpy refreshed(panel.get(), &PreviewPanel::refreshed);
    panel->setSession(session);
    if (!refreshed.wait(10000))
        return nullptr;
    return panel;
}

void TestPreviewPanel::modelShowsWindowRows()
{
    PreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    const Schema schema = smallShop(700);
    const auto orders = window(schema, u"orders"_s, 7);
    model.setSource(orders);
    QCOMPARE(model.rowCount(), 700);
    QCOMPARE(model.tableRows(), qint64(700));
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(header(&model, 1), u"customer_id"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(), u"customer_id (foreign_key)"_s);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), u"1"_s); // rows counted from 1
    QCOMPARE(model.headerData(699, Qt::Vertical).toString(), u"700"_s);
    // Every cell as the window makes it, across block borders, read backwards to defeat any luck in order.
    const QList<RowWindow::Row> rows = *orders->rows(0, 700);
    for (int row = 699; row >= 0; --row) {
        for (int column = 0; column < 6; ++column) {
            const QModelIndex index = model.index(row, column);
            QCOMPARE(cellOf(index), rows.at(row).at(column));
            if (rows.at(row).at(column))
                QCOMPARE(index.data().toString(), *rows.at(row).at(column));
        }
    }
    QCOMPARE(model.index(0, 0).data().toString(), u"1"_s);
    QCOMPARE(model.index(5, 3).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.index(5, 4).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignLeft | Qt::AlignVCenter));
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsEditable));

    model.setSource(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    QVERIFY(!model.headerData(0, Qt::Horizontal).isValid());
}

void TestPreviewPanel::modelShowsNullApart()
{
    PreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(window(smallShop(500), u"orders"_s, 7));
    const auto [nullRow, valueRow] = nullAndValueRow(&model, 0);
    QVERIFY(nullRow >= 0 && valueRow >= 0);
    const QModelIndex null = model.index(nullRow, kNote);
    const QModelIndex value = model.index(valueRow, kNote);
    // The exact value through CellRole: no value at all, against a text.
    QVERIFY(null.data(PreviewModel::CellRole).isValid());
    QCOMPARE(cellOf(null), std::nullopt);
    QVERIFY(cellOf(value).has_value());
    QVERIFY(!cellOf(value)->isEmpty());
    // Shown apart: the word NULL in italic grey, where a value has the view's own font and colour.
    QCOMPARE(null.data().toString(), u"NULL"_s);
    QVERIFY(null.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(null.data(Qt::ForegroundRole).isValid());
    QVERIFY(!value.data(Qt::FontRole).isValid());
    QVERIFY(!value.data(Qt::ForegroundRole).isValid());
    QCOMPARE(value.data().toString(), *cellOf(value));
    QCOMPARE(value.data(Qt::ToolTipRole).toString(), *cellOf(value));
}

void TestPreviewPanel::modelKeepsLayoutWhenShapeStays()
{
    PreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Schema schema = smallShop(300);
    model.setSource(window(schema, u"orders"_s, 7));
    const QString before = model.index(10, 2).data().toString();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    schema.tables[kOrders].columns[2].name = u"placed_at"_s;
    model.setSource(window(schema, u"orders"_s, 8)); // other seed, other name, same shape
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(headers.count(), 1);
    QCOMPARE(header(&model, 2), u"placed_at"_s);
    QVERIFY(model.index(10, 2).data().toString() != before);
    schema.tables[kOrders].rows = 301;
    model.setSource(window(schema, u"orders"_s, 8));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 301);
}

void TestPreviewPanel::modelHoldsFewRows()
{
    PreviewModel model;
    const auto orders = window(shop(), u"orders"_s, 7);
    model.setSource(orders);
    QCOMPARE(model.rowCount(), 3000000);
    for (int row = 0; row < 3000000; row += 99991) {
        QCOMPARE(cellOf(model.index(row, 0)), QString::number(row + 1));
        QVERIFY(model.cachedRows() <= PreviewModel::BlockRows * PreviewModel::CachedBlocks);
    }
    QCOMPARE(model.cachedRows(), PreviewModel::BlockRows * PreviewModel::CachedBlocks);
    QCOMPARE(cellOf(model.index(2999999, 0)), u"3000000"_s);
    QCOMPARE(cellOf(model.index(2999999, 5)), orders->rows(2999999, 1)->at(0).at(5));
}

void TestPreviewPanel::modelOffersBigTableInParts()
{
    // All 3,000,000 orders under the tester, offered 2,000 rows at a time.
    PreviewModel model;
    model.setViewRows(2000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto orders = window(shop(), u"orders"_s, 7);
    model.setSource(orders);
    QCOMPARE(model.tableRows(), qint64(3000000));
    QCOMPARE(model.rowCount(), 2000);
    QCOMPARE(model.firstRow(), qint64(0));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setFirstRow(2999500); // kept within the table: the last 2,000 rows
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.firstRow(), qint64(2998000));
    QCOMPARE(model.rowCount(), 2000);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), u"2998001"_s);
    QCOMPARE(model.index(1999, 0).data().toString(), u"3000000"_s);
    QCOMPARE(cellOf(model.index(1999, kNote)), orders->rows(2999999, 1)->at(0).at(kNote));
    QCOMPARE(model.modelRow(2999999), 1999);
    QCOMPARE(model.modelRow(2997999), -1);
    QCOMPARE(model.tableRow(5), qint64(2998005));
    model.setFirstRow(2998000); // no move, no reset
    QCOMPARE(resets.count(), 1);
    // A refresh of the same shape keeps the place; a new table starts at its first row.
    model.setSource(window(shop(), u"orders"_s, 8), model.firstRow());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.firstRow(), qint64(2998000));
    model.setSource(window(shop(), u"customers"_s, 8));
    QCOMPARE(model.firstRow(), qint64(0));
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), u"1"_s);
    model.setViewRows(500);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(resets.count(), 3);
}

void TestPreviewPanel::goesBeyondTheRowsOffered()
{
    SchemaSession session(shop());
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    panel->model()->setViewRows(10000);
    QVERIFY(panel->showTable(u"orders"_s));
    QTRY_COMPARE(panel->model()->tableRows(), qint64(3000000));
    QCOMPARE(panel->model()->rowCount(), 10000);
    auto *status = panel->findChild<QLabel *>(u"previewStatus"_s);
    QVERIFY2(status->text().contains(u"rows 1 to 10,000 in view"_s), qPrintable(status->text()));

    panel->goToRow(2000000);
    QTableView *view = panel->view();
    const QModelIndex current = view->currentIndex();
    QCOMPARE(panel->model()->tableRow(current.row()), qint64(1999999));
    QCOMPARE(current.siblingAtColumn(0).data().toString(), u"2000000"_s);
    QCOMPARE(view->model()->headerData(current.row(), Qt::Vertical).toString(), u"2000000"_s);
    QVERIFY(view->selectionModel()->isRowSelected(current.row()));
    QVERIFY(view->rowAt(0) < current.row() && current.row() < view->rowAt(view->viewport()->height() - 1));
    QVERIFY2(status->text().contains(u"rows 1,995,000 to 2,004,999 in view"_s), qPrintable(status->text()));

    // An edit keeps the part offered and the place.
    QVERIFY(session.renameColumn(kOrders, kNote, u"comment"_s));
    QTRY_COMPARE_WITH_TIMEOUT(header(panel->model(), kNote), u"comment"_s, 5000);
    QCOMPARE(panel->model()->tableRow(view->currentIndex().row()), qint64(1999999));

    panel->goToRow(3000000);
    QCOMPARE(panel->model()->tableRow(view->currentIndex().row()), qint64(2999999));
    QCOMPARE(panel->model()->firstRow(), qint64(2990000));
    panel->goToRow(5);
    QCOMPARE(panel->model()->firstRow(), qint64(0));
    QCOMPARE(view->currentIndex().row(), 4);
}

void TestPreviewPanel::goesToLastOfThreeMillionRows()
{
    SchemaSession session(shop());
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QCOMPARE(panel->currentTable(), u"customers"_s);
    QVERIFY(panel->showTable(u"orders"_s));
    QTRY_COMPARE(panel->model()->rowCount(), 3000000);
    QVERIFY(panel->message().isEmpty());
    auto *status = panel->findChild<QLabel *>(u"previewStatus"_s);
    QVERIFY(status->text().contains(u"3,000,000 rows"_s));
    QVERIFY(status->text().contains(u"6 columns"_s));

    panel->goToRow(3000000);
    QTableView *view = panel->view();
    QCOMPARE(view->currentIndex().row(), 2999999);
    QCOMPARE(view->currentIndex().siblingAtColumn(0).data().toString(), u"3000000"_s);
    QVERIFY(view->selectionModel()->isRowSelected(2999999));
    QCOMPARE(view->model()->headerData(2999999, Qt::Vertical).toString(), u"3000000"_s);
    // In view: the row lies between the top and the bottom of the viewport.
    QVERIFY(view->rowAt(0) <= 2999999 && view->rowAt(0) > 2999900);
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(panel->model()->cachedRows() <= PreviewModel::BlockRows * PreviewModel::CachedBlocks);

    panel->goToRow(99999999); // past the end: the last row
    QCOMPARE(view->currentIndex().row(), 2999999);
    panel->goToRow(1);
    QCOMPARE(view->currentIndex().row(), 0);
    QCOMPARE(view->rowAt(0), 0);
}

void TestPreviewPanel::ctrlGGoesToTypedRow()
{
    SchemaSession session(shop());
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QSignalSpy refreshed(panel.get(), &PreviewPanel::refreshed);
    auto *picker = panel->findChild<QComboBox *>(u"previewTablePicker"_s);
    QCOMPARE(picker->count(), 2);
    picker->setFocus();
    QTest::keyClick(picker, Qt::Key_Down); // the user picks orders
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(panel->currentTable(), u"orders"_s);
    QCOMPARE(panel->model()->rowCount(), 3000000);

    panel->activateWindow(); // shortcuts need the active window
    QVERIFY(QTest::qWaitForWindowActive(panel.get()));
    panel->view()->setFocus();
    QTest::keyClick(panel->view(), Qt::Key_G, Qt::ControlModifier);
    auto *goTo = panel->findChild<QLineEdit *>(u"previewGoToRow"_s);
    QVERIFY(goTo->hasFocus());
    QTest::keyClicks(goTo, u"2,999,999"_s);
    QTest::keyClick(goTo, Qt::Key_Return);
    QCOMPARE(panel->view()->currentIndex().row(), 2999998);
    QCOMPARE(panel->view()->currentIndex().siblingAtColumn(0).data().toString(), u"2999999"_s);
    QVERIFY(panel->view()->hasFocus()); // the arrow keys go on from there
    QTest::keyClick(panel->view(), Qt::Key_Down);
    QCOMPARE(panel->view()->currentIndex().row(), 2999999);

    QTest::keyClick(panel->view(), Qt::Key_G, Qt::ControlModifier);
    QTest::keyClicks(goTo, u"1500000"_s); // the old text is selected, so typing replaces it
    QTest::keyClick(goTo, Qt::Key_Return);
    QCOMPARE(panel->view()->currentIndex().row(), 1499999);
}

void TestPreviewPanel::editRefreshesAndKeepsPlace()
{
    SchemaSession session(smallShop(500));
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->model()->rowCount(), 1000); // customers first
    QSignalSpy refreshed(panel.get(), &PreviewPanel::refreshed);
    QVERIFY(panel->showTable(u"orders"_s));
    QVERIFY(refreshed.wait(10000));
    panel->goToRow(250);
    QTableView *view = panel->view();
    QCOMPARE(view->currentIndex().row(), 249);
    const int top = view->verticalScrollBar()->value();
    QVERIFY(top > 200);
    view->setColumnWidth(kNote, 333);

    // A rename keeps the shape: the header follows, the place stays.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(session.renameColumn(kOrders, kNote, u"comment"_s));
    QCOMPARE(header(panel->model(), kNote), u"note"_s); // the old rows stay until the new are ready
    QVERIFY(panel->isRefreshing());
    QTRY_COMPARE_WITH_TIMEOUT(header(panel->model(), kNote), u"comment"_s, 5000);
    qInfo("rename shown after %lld ms (Debug build)", timer.elapsed());
    QCOMPARE(view->currentIndex().row(), 249);
    QCOMPARE(view->verticalScrollBar()->value(), top);

    // More rows: the model is reset, and the panel puts the place, the selection and the widths back.
    refreshed.clear();
    session.setTableRows(kOrders, 800);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 800, 5000);
    QCOMPARE(view->currentIndex().row(), 249);
    QVERIFY(view->selectionModel()->isRowSelected(249));
    QCOMPARE(view->verticalScrollBar()->value(), top);
    QCOMPARE(view->columnWidth(kNote), 333);
    QCOMPARE(header(panel->model(), kNote), u"comment"_s);

    // A new column in front: the columns keep their widths by name.
    session.addColumn(kOrders, 0);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->columnCount(), 7, 5000);
    QCOMPARE(header(panel->model(), kNote + 1), u"comment"_s);
    QCOMPARE(view->columnWidth(kNote + 1), 333);
    QCOMPARE(view->currentIndex().row(), 249);
    session.undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->columnCount(), 6, 5000);
    QCOMPARE(view->columnWidth(kNote), 333);

    // Fewer rows than the place: it moves to the last row.
    session.setTableRows(kOrders, 100);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 100, 5000);
    QCOMPARE(view->currentIndex().row(), 99);

    // Undo all three: back to the first state, shown.
    session.undoStack()->undo();
    session.undoStack()->undo();
    session.undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(header(panel->model(), kNote), u"note"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 500, 5000);
    QVERIFY(!panel->isRefreshing());

    // Several edits in a row make one refresh, of the last state.
    refreshed.clear();
    for (int i = 0; i < 5; ++i)
        QVERIFY(session.renameColumn(kOrders, kNote, u"note_%1"_s.arg(i)));
    QTRY_VERIFY(!panel->isRefreshing());
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(header(panel->model(), kNote), u"note_4"_s);
}

void TestPreviewPanel::invalidSchemaShowsMessage()
{
    SchemaSession session(smallShop(500));
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(panel->showTable(u"orders"_s));
    QTRY_COMPARE(panel->model()->rowCount(), 500);
    panel->goToRow(321);
    QVERIFY(panel->view()->isVisible());

    // An unknown filter in the template of customers' unique email, a key the orders draw from: they cannot
    // be made either. (A column of customers that no key reads would not stop them.)
    session.setConstraint(kCustomers, 3, u"template"_s, u"{first_name|shout}.{id}@example.com"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->message().isEmpty(), 5000);
    auto *message = panel->findChild<QLabel *>(u"previewMessage"_s);
    QVERIFY(message->isVisible());
    QVERIFY(!panel->view()->isVisible());
    QVERIFY2(panel->message().contains(u"customers.email"_s), qPrintable(panel->message()));
    QVERIFY(panel->findChild<QLabel *>(u"previewStatus"_s)->text().isEmpty());

    session.undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(panel->message().isEmpty(), 5000);
    QVERIFY(panel->view()->isVisible());
    QCOMPARE(panel->view()->currentIndex().row(), 320); // the place survived the error
}

void TestPreviewPanel::followsTableThroughEdits()
{
    SchemaSession session(smallShop(200));
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QSignalSpy tableChanged(panel.get(), &PreviewPanel::currentTableChanged);
    QVERIFY(!panel->showTable(u"invoices"_s));
    QVERIFY(panel->showTable(u"orders"_s));
    QCOMPARE(tableChanged.count(), 1);
    QCOMPARE(tableChanged.first().first().toString(), u"orders"_s);
    auto *picker = panel->findChild<QComboBox *>(u"previewTablePicker"_s);
    QCOMPARE(picker->currentText(), u"orders"_s);

    session.addTable(0); // a new table before it: still the orders
    QCOMPARE(panel->currentTable(), u"orders"_s);
    QCOMPARE(picker->count(), 3);
    QCOMPARE(picker->currentIndex(), 2);
    session.moveTable(2, 0);
    QCOMPARE(panel->currentTable(), u"orders"_s);
    QCOMPARE(tableChanged.count(), 1);
    QVERIFY(session.renameTable(0, u"purchases"_s));
    QCOMPARE(panel->currentTable(), u"purchases"_s);
    QCOMPARE(tableChanged.count(), 2);
    QCOMPARE(tableChanged.last().first().toString(), u"purchases"_s);
    QCOMPARE(picker->currentText(), u"purchases"_s);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->source()->table(), u"purchases"_s, 5000);
    QCOMPARE(panel->model()->rowCount(), 200);

    session.removeTable(0); // gone: the table in its place shows
    QVERIFY(panel->currentTable() != u"purchases"_s);
    QCOMPARE(tableChanged.count(), 3);
    QCOMPARE(tableChanged.last().first().toString(), panel->currentTable());
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->source()->table(), panel->currentTable(), 5000);
    session.undoStack()->undo();
    QCOMPARE(session.schema().tables.at(0).name, u"purchases"_s);
}

void TestPreviewPanel::seedChangesRows()
{
    SchemaSession session(smallShop(300));
    const auto panel = openPanel(&session);
    QVERIFY(panel);
    QCOMPARE(panel->seed(), quint64(42));
    QVERIFY(panel->showTable(u"orders"_s));
    QTRY_COMPARE(panel->model()->rowCount(), 300);
    QSignalSpy seedChanged(panel.get(), &PreviewPanel::seedChanged);
    QSignalSpy refreshed(panel.get(), &PreviewPanel::refreshed);
    panel->setSeed(7);
    QCOMPARE(seedChanged.count(), 1);
    QCOMPARE(seedChanged.first().first().toULongLong(), quint64(7));
    QVERIFY(refreshed.wait(10000));
    const auto expected = window(session.schema(), u"orders"_s, 7)->rows(0, 300);
    for (int row = 0; row < 300; row += 7) {
        for (int column = 0; column < 6; ++column)
            QCOMPARE(cellOf(panel->model()->index(row, column)), expected->at(row).at(column));
    }
    panel->setSeed(7); // no change, no signal
    QCOMPARE(seedChanged.count(), 1);

    auto *seed = panel->findChild<QLineEdit *>(u"previewSeed"_s);
    QCOMPARE(seed->text(), u"7"_s);
    panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel.get()));
    seed->setFocus();
    seed->selectAll();
    QTest::keyClicks(seed, u"18446744073709551615"_s); // the largest 64-bit seed
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(panel->seed(), std::numeric_limits<quint64>::max());
    QCOMPARE(seedChanged.count(), 2);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(
        cellOf(panel->model()->index(3, 3)),
        window(session.schema(), u"orders"_s, std::numeric_limits<quint64>::max())->rows(3, 1)->at(0).at(3));
    seed->selectAll();
    QTest::keyClicks(seed, u"99999999999999999999"_s); // beyond 64 bits: refused, the seed stays
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(panel->seed(), std::numeric_limits<quint64>::max());
    QCOMPARE(seed->text(), u"18446744073709551615"_s);
}

void TestPreviewPanel::emptySchemaShowsMessage()
{
    PreviewPanel panel;
    panel.show();
    QVERIFY(!panel.message().isEmpty()); // no session yet
    Schema empty;
    empty.name = u"empty"_s;
    SchemaSession session(empty);
    panel.setSession(&session);
    QVERIFY(panel.message().contains(u"no tables"_s));
    QCOMPARE(panel.model()->rowCount(), 0);
    QSignalSpy refreshed(&panel, &PreviewPanel::refreshed);
    session.addTable();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(panel.currentTable(), session.schema().tables.at(0).name);
    QVERIFY(panel.message().isEmpty());
    QCOMPARE(panel.model()->tableRows(), session.schema().tables.at(0).rows);
    QCOMPARE(panel.model()->index(0, 0).data().toString(), u"1"_s);
}

QTEST_MAIN(TestPreviewPanel)
#include "tst_preview_panel.moc"
