// The column editor's fields for relations between columns ("after", "formula", "weightsBy"), driven like a
// user drives them: picking the source column among the table's fitting columns, typing the gap, a formula
// with its live message, weights per source value in the grid; every edit one undo step, undone back to the
// exact bytes of the schema file.

#include "ExampleSchemas.h"
#include "editors/AfterField.h"
#include "editors/ColumnEditor.h"
#include "editors/ConstraintForm.h"
#include "editors/FormulaField.h"
#include "editors/WeightsByField.h"
#include "format/SchemaFile.h"
#include "session/SchemaSession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Indexes into examples/shop.fabrica.json.
constexpr int kCustomers = 0;
constexpr int kOrders = 1;
constexpr int kSignup = 5;  // customers.signup_ts, timestamp
constexpr int kBalance = 7; // customers.balance, decimal
constexpr int kStatus = 4;  // orders.status, enum with weights
constexpr int kNote = 5;    // orders.note, lorem_sentence

void retype(QWidget *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QStringList items(const QComboBox *combo)
{
    QStringList result;
    for (int i = 0; i < combo->count(); ++i)
        result << combo->itemData(i).toString();
    return result;
}

// Picks the item with data `value` the way a user does: open the list, move to it, Enter.
void choose(QComboBox *combo, const QString &value)
{
    const int target = combo->findData(value);
    QVERIFY2(target >= 0, qPrintable(value));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < target; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), target);
}

// Types text into a cell through its editor, as a double click and typing would.
void editCell(QTableWidget *grid, int row, int column, const QString &text)
{
    const QModelIndex index = grid->model()->index(row, column);
    grid->setCurrentIndex(index);
    grid->edit(index);
    QWidget *editor = grid->indexWidget(index);
    if (!editor)
        editor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(editor));
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

} // namespace

class TestRelationFields : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fieldsOnlyWhereTheyWork();
    void afterField();
    void formulaFieldChecksAsYouType();
    void weightsByGrid();
    void screenshot();

private:
    void open(int table, int column);
    QByteArray bytes() const { return SchemaFile::serialize(m_session->schema()); }
    ConstraintField *field(const QString &key) const
    {
        return m_editor->form()->findChild<ConstraintField *>(u"key_"_s + key);
    }
    const Column &column(int table, int index) const { return m_session->document()->column(table, index); }

    std::unique_ptr<SchemaSession> m_session;
    std::unique_ptr<ColumnEditor> m_editor;
};

void TestRelationFields::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRelationFields::init()
{
    m_session = std::make_unique<SchemaSession>(test::shopExample());
    m_editor = std::make_unique<ColumnEditor>();
    m_editor->resize(900, 900);
}

void TestRelationFields::cleanup()
{
    m_editor.reset();
    m_session.reset();
}

void TestRelationFields::open(int table, int column)
{
    m_editor->setColumn(m_session.get(), table, column);
    m_editor->show();
    m_editor->activateWindow();
    if (!QTest::qWaitForWindowActive(m_editor.get()))
        qWarning("the editor window did not become active");
}

void TestRelationFields::fieldsOnlyWhereTheyWork()
{
    open(kCustomers, kSignup);
    QVERIFY(qobject_cast<AfterField *>(field(u"after"_s)));
    QVERIFY(!field(u"formula"_s));
    QVERIFY(!field(u"weightsBy"_s));
    open(kCustomers, kBalance);
    QVERIFY(qobject_cast<AfterField *>(field(u"after"_s)));
    QVERIFY(qobject_cast<FormulaField *>(field(u"formula"_s)));
    open(kOrders, kStatus);
    QVERIFY(qobject_cast<WeightsByField *>(field(u"weightsBy"_s)));
    QVERIFY(!field(u"after"_s));
    open(kOrders, kNote);
    QVERIFY(!field(u"after"_s) && !field(u"formula"_s) && !field(u"weightsBy"_s));
}

void TestRelationFields::afterField()
{
    open(kCustomers, kSignup);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->index();
    auto *source = field(u"after"_s)->findChild<QComboBox *>(u"afterColumn"_s);
    QVERIFY(source);
    // Only the table's date and time columns that fit, never the column itself or text columns.
    QCOMPARE(items(source), (QStringList{QString(), u"birth_date"_s}));
    auto *max = field(u"after"_s)->findChild<QDoubleSpinBox *>(u"afterMax"_s);
    QVERIFY(!max->isEnabled());

    choose(source, u"birth_date"_s);
    QCOMPARE(
        column(kCustomers, kSignup).constraints.value(u"after"_s).toObject(),
        (QJsonObject{{u"column"_s, u"birth_date"_s}, {u"min"_s, 0}, {u"max"_s, 30}, {u"unit"_s, u"days"_s}}));
    QVERIFY(max->isEnabled());
    retype(max, u"10"_s);
    QCOMPARE(column(kCustomers, kSignup).constraints.value(u"after"_s).toObject().value(u"max"_s).toDouble(),
             10.0);
    choose(field(u"after"_s)->findChild<QComboBox *>(u"afterUnit"_s), u"years"_s);
    QCOMPARE(column(kCustomers, kSignup).constraints.value(u"after"_s).toObject().value(u"unit"_s).toString(),
             u"years"_s);

    // Edits of one key merge into one undo step; undo restores the bytes and the field follows.
    QCOMPARE(m_session->undoStack()->index(), steps + 1);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QVERIFY(!max->isEnabled());
    QCOMPARE(source->currentIndex(), 0);

    // A number column follows number columns, without a unit.
    open(kCustomers, kBalance);
    source = field(u"after"_s)->findChild<QComboBox *>(u"afterColumn"_s);
    QCOMPARE(items(source), (QStringList{QString(), u"id"_s}));
    QVERIFY(field(u"after"_s)->findChild<QComboBox *>(u"afterUnit"_s)->isHidden());
    choose(source, u"id"_s);
    QVERIFY(!column(kCustomers, kBalance).constraints.value(u"after"_s).toObject().contains(u"unit"_s));
    choose(source, QString());
    QVERIFY(!column(kCustomers, kBalance).constraints.contains(u"after"_s));
}

void TestRelationFields::formulaFieldChecksAsYouType()
{
    open(kCustomers, kBalance);
    const QByteArray before = bytes();
    auto *line = field(u"formula"_s)->findChild<QLineEdit *>(u"editor"_s);
    auto *message = field(u"formula"_s)->findChild<QLabel *>(u"formulaMessage"_s);
    QVERIFY(line && message);
    QTest::keyClicks(line, u"id * 2 +"_s);
    QVERIFY2(message->text().contains(u"ends after an operator"_s), qPrintable(message->text()));
    QCOMPARE(line->property("invalid").toBool(), true);
    // While the text is wrong the column keeps its last formula that checked.
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"formula"_s).toString(), u"id * 2 "_s);
    QTest::keyClicks(line, u" first_name"_s);
    QVERIFY2(message->text().contains(u"\"first_name\" at position 10 is first_name"_s),
             qPrintable(message->text()));
    retype(line, u"id * 2.5 + unit"_s);
    QVERIFY2(message->text().contains(u"unknown column \"unit\" at position 12"_s),
             qPrintable(message->text()));
    retype(line, u"(id + 1) * 2.5"_s);
    QCOMPARE(line->property("invalid").toBool(), false);
    QVERIFY2(message->text().contains(u"Computed from id"_s), qPrintable(message->text()));
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"formula"_s).toString(), u"(id + 1) * 2.5"_s);

    // Undo restores the file's bytes and the field shows the document again.
    while (m_session->undoStack()->canUndo() && bytes() != before)
        m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(line->text(), QString());
    QCOMPARE(message->text(), QString());
}

void TestRelationFields::weightsByGrid()
{
    // orders.note becomes an enum of channels, so status's weights can follow it.
    m_session->setColumnType(kOrders, kNote, u"enum"_s);
    m_session->setConstraint(kOrders, kNote, u"values"_s, QJsonArray{u"web"_s, u"shop"_s});
    open(kOrders, kStatus);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->index();
    auto *source = field(u"weightsBy"_s)->findChild<QComboBox *>(u"weightsByColumn"_s);
    auto *grid = field(u"weightsBy"_s)->findChild<QTableWidget *>(u"weightsByGrid"_s);
    QVERIFY(source && grid);
    QAbstractItemModelTester tester(grid->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!grid->isEnabled());

    choose(source, u"note"_s);
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"weightsBy"_s).toObject(),
             (QJsonObject{{u"column"_s, u"note"_s}, {u"weights"_s, QJsonObject()}}));
    // One row per value of the source enum, one column per value of status.
    QCOMPARE(grid->rowCount(), 2);
    QCOMPARE(grid->columnCount(), 4);
    QCOMPARE(grid->verticalHeaderItem(0)->text(), u"web"_s);
    QCOMPARE(grid->horizontalHeaderItem(3)->text(), u"cancelled"_s);

    // A row counts once every weight is filled in.
    const QList<int> weights{40, 30, 20, 10};
    for (int c = 0; c < 4; ++c) {
        editCell(grid, 0, c, QString::number(weights.at(c)));
        QTRY_COMPARE(grid->item(0, c)->text(), QString::number(weights.at(c)));
        if (c < 3)
            QVERIFY(column(kOrders, kStatus)
                        .constraints.value(u"weightsBy"_s)
                        .toObject()
                        .value(u"weights"_s)
                        .toObject()
                        .isEmpty());
    }
    QCOMPARE(
        column(kOrders, kStatus).constraints.value(u"weightsBy"_s).toObject().value(u"weights"_s).toObject(),
        (QJsonObject{{u"web"_s, QJsonArray{40, 30, 20, 10}}}));

    // A value the source enum does not list, added by hand.
    auto *value = field(u"weightsBy"_s)->findChild<QLineEdit *>(u"weightsByNewValue"_s);
    QTest::keyClicks(value, u"phone"_s);
    QTest::mouseClick(field(u"weightsBy"_s)->findChild<QPushButton *>(u"weightsByAdd"_s), Qt::LeftButton);
    QCOMPARE(grid->rowCount(), 3);
    QCOMPARE(grid->verticalHeaderItem(2)->text(), u"phone"_s);

    // A weight that is no number is not applied and marks the grid.
    editCell(grid, 1, 0, u"lots"_s);
    QTRY_COMPARE(grid->property("invalid").toBool(), true);
    QCOMPARE(column(kOrders, kStatus)
                 .constraints.value(u"weightsBy"_s)
                 .toObject()
                 .value(u"weights"_s)
                 .toObject()
                 .size(),
             1);

    m_session->undoStack()->setIndex(steps);
    QCOMPARE(bytes(), before);
    QCOMPARE(source->currentIndex(), 0);
}

void TestRelationFields::screenshot()
{
    const QString path = qEnvironmentVariable("FABRICA_SCREENSHOT_DIR");
    if (path.isEmpty())
        QSKIP("set FABRICA_SCREENSHOT_DIR to write the column editor's relation fields as PNG files");
    m_editor->resize(900, 1000);
    m_session->setConstraint(kCustomers, kBalance, u"formula"_s, u"id * 2.5 +"_s);
    open(kCustomers, kBalance);
    auto *line = field(u"formula"_s)->findChild<QLineEdit *>(u"editor"_s);
    retype(line, u"(id + 1) * 2.5 / unit_price"_s); // a live message about the unknown name
    QTest::qWait(200);
    QVERIFY(m_editor->grab().save(path + u"/relations-formula.png"_s));

    m_session->setConstraint(
        kCustomers, kSignup, u"after"_s,
        QJsonObject{{u"column"_s, u"birth_date"_s}, {u"min"_s, 18}, {u"max"_s, 40}, {u"unit"_s, u"years"_s}});
    open(kCustomers, kSignup);
    QTest::qWait(200);
    QVERIFY(m_editor->grab().save(path + u"/relations-after.png"_s));

    m_session->setColumnType(kOrders, kNote, u"enum"_s);
    m_session->setConstraint(kOrders, kNote, u"values"_s, QJsonArray{u"web"_s, u"shop"_s});
    m_session->setConstraint(
        kOrders, kStatus, u"weightsBy"_s,
        QJsonObject{{u"column"_s, u"note"_s},
                    {u"weights"_s, QJsonObject{{u"web"_s, QJsonArray{40, 30, 20, 10}}}}});
    open(kOrders, kStatus);
    QTest::qWait(200);
    QVERIFY(m_editor->grab().save(path + u"/relations-weightsby.png"_s));
}

QTEST_MAIN(TestRelationFields)
#include "tst_relation_fields.moc"
