// The table editor: the grid model over one table of a schema session (under QAbstractItemModelTester,
// through every kind of edit and its undo), the type picker, the grid's delegates and the editor widget,
// driven with keys and clicks. Every edit is checked in the document's JSON and on the undo stack.

#include "delegates/ColumnGridDelegate.h"
#include "editors/TableEditor.h"
#include "format/SchemaFile.h"
#include "model/ConstraintKeys.h"
#include "models/ColumnTableModel.h"
#include "session/SchemaSession.h"
#include "types/TypeRegistry.h"
#include "widgets/TypePicker.h"

#include "validate/SchemaValidator.h"
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

#include <QtTest>

#include <functional>
#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

using Grid = ColumnTableModel;

Column column(const QString &name, const QString &type, const QJsonObject &constraints = {})
{
    Column result;
    result.name = name;
    result.type = type;
    result.constraints = constraints;
    return result;
}

// Two tables: customers (keys id and email) and orders, whose customer_id references customers.id.
Schema shopSchema()
{
    Schema schema;
    schema.name = u"shop"_s;
    Table customers;
    customers.name = u"customers"_s;
    customers.rows = 100;
    customers.columns = {
        column(u"id"_s, u"sequence"_s, {{keys::primaryKey, true}, {keys::notNull, true}}),
        column(u"email"_s, u"email"_s, {{keys::unique, true}}),
        column(u"name"_s, u"full_name"_s),
        column(u"vip"_s, u"boolean"_s, {{u"truePercent"_s, 5}}),
    };
    Table orders;
    orders.name = u"orders"_s;
    orders.rows = 1000;
    orders.columns = {
        column(u"id"_s, u"sequence"_s, {{keys::primaryKey, true}, {keys::notNull, true}}),
        column(u"customer_id"_s, u"foreign_key"_s, {{keys::references, u"customers.id"_s}}),
        column(u"status"_s, u"enum"_s,
               {{keys::values, QJsonArray{u"new"_s, u"paid"_s, u"shipped"_s}},
                {keys::weights, QJsonArray{5, 3, 2}}}),
        column(u"total"_s, u"integer"_s,
               {{u"min"_s, 1},
                {u"max"_s, 100},
                {keys::distribution,
                 QJsonObject{{u"name"_s, u"normal"_s}, {u"mean"_s, 50}, {u"stddev"_s, 10}}}}),
        column(u"note"_s, u"lorem_sentence"_s, {{keys::nullPercent, 20}}),
    };
    schema.tables = {customers, orders};
    return schema;
}

QByteArray bytes(const SchemaSession &session)
{
    return SchemaFile::serialize(session.schema());
}

QStringList columnNames(const SchemaSession &session, int table)
{
    QStringList names;
    for (const Column &column : session.schema().tables.at(table).columns)
        names << column.name;
    return names;
}

QStringList modelNames(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, Grid::Name).data().toString();
    return names;
}

const QJsonObject &constraintsOf(const SchemaSession &session, int table, int column)
{
    return session.schema().tables.at(table).columns.at(column).constraints;
}

// Replaces the text of a line edit the way a user does: select all, type.
void retype(QWidget *field, const QString &text)
{
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

// A double click as the window system delivers it: press, release, double-click, release.
void doubleClick(QWidget *widget, QPoint position)
{
    QTest::mousePress(widget, Qt::LeftButton, {}, position);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, position);
    QTest::mouseDClick(widget, Qt::LeftButton, {}, position);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, position);
}

} // namespace

class TestTableEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // ColumnTableModel
    void modelFollowsDocumentEdits();
    void modelFollowsItsTableAndEmptiesWhenRemoved();
    void constraintSummary_data();
    void constraintSummary();
    void setDataEditsThroughUndoStack();
    void setDataRejectsWhatCannotBe();
    void problemsMarkCellsOfTheirRows();
    void dragAndDropMovesColumns();

    // TypePicker
    void typePickerTypingEmaEnterChoosesEmail();
    void typePickerSearchesDescriptionsAndMovesWithArrows();
    void typePickerEscapeCancels();
    void typePickerListsCategoriesAndExamples();
    void typePickerClickChooses();

    // TableEditor
    void editorShowsTableAndFollowsDocument();
    void editorRenamesTableInOneStep();
    void editorNeverRenamesToATakenName();
    void editorSetsRowsAndDescription();
    void editorButtonsEditColumns();
    void editorShortcutsEditColumns();
    void editorChangesTypeThroughDelegate();
    void editorPicksReference();
    void editorEditsChecksAndNullPercentInGrid();
    void editorActivatesAndFocusesColumns();
    void editorShowsProblems();
    void editorEmptiesWhenTableRemoved();

private:
    struct EditorForm
    {
        QLineEdit *name;
        QLineEdit *description;
        QSpinBox *rows;
        QTableView *grid;
    };
    static EditorForm formOf(TableEditor &editor);
    static void showActive(QWidget &widget);
    // The offscreen platform activates every popup and leaves no window active when it closes (a real
    // window system gives the activation back): activate the window again and focus the widget.
    static void refocus(QWidget &window, QWidget *widget);
    // Runs edit, which must push exactly one undo step that changes the JSON; undo must restore the
    // bytes before it and redo the bytes after it.
    static void expectOneStep(SchemaSession &session, const std::function<void()> &edit);
};

void TestTableEditor::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(TypeRegistry::instance().find(u"email"_s));
}

TestTableEditor::EditorForm TestTableEditor::formOf(TableEditor &editor)
{
    EditorForm form{
        editor.findChild<QLineEdit *>(u"tableName"_s), editor.findChild<QLineEdit *>(u"tableDescription"_s),
        editor.findChild<QSpinBox *>(u"tableRows"_s), editor.findChild<QTableView *>(u"columnGrid"_s)};
    return form;
}

void TestTableEditor::showActive(QWidget &widget)
{
    widget.resize(1100, 640);
    widget.show();
    widget.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&widget));
}

void TestTableEditor::refocus(QWidget &window, QWidget *widget)
{
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    widget->setFocus();
    QTRY_VERIFY(widget->hasFocus());
}

void TestTableEditor::expectOneStep(SchemaSession &session, const std::function<void()> &edit)
{
    const QByteArray before = bytes(session);
    const int count = session.undoStack()->count();
    edit();
    QCOMPARE(session.undoStack()->count(), count + 1);
    const QByteArray after = bytes(session);
    QVERIFY(after != before);
    session.undoStack()->undo();
    QCOMPARE(bytes(session), before);
    session.undoStack()->redo();
    QCOMPARE(bytes(session), after);
}

// ---------------------------------------------------------------------------------------------------------
// ColumnTableModel

void TestTableEditor::modelFollowsDocumentEdits()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QByteArray original = bytes(session);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(modelNames(model), columnNames(session, 1));

    // Insert: one row, where the document put it.
    QCOMPARE(session.addColumn(1, 2), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.last().at(1).toInt(), 2);
    QCOMPARE(inserted.last().at(2).toInt(), 2);
    QCOMPARE(model.index(2, Grid::Name).data().toString(), u"column"_s);
    QCOMPARE(model.index(2, Grid::Type).data().toString(), u"string"_s);

    // Remove.
    session.removeColumn(1, 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.last().at(1).toInt(), 0);
    QCOMPARE(modelNames(model),
             (QStringList{u"customer_id"_s, u"column"_s, u"status"_s, u"total"_s, u"note"_s}));

    // Move down and up: rowsMoved with the row it is put in front of.
    session.moveColumn(1, 0, 3);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.last().at(1).toInt(), 0);
    QCOMPARE(moved.last().at(4).toInt(), 4);
    QCOMPARE(modelNames(model), columnNames(session, 1));
    session.moveColumn(1, 4, 1);
    QCOMPARE(moved.size(), 2);
    QCOMPARE(moved.last().at(1).toInt(), 4);
    QCOMPARE(moved.last().at(4).toInt(), 1);
    QCOMPARE(modelNames(model), columnNames(session, 1));

    // Changes of one column: dataChanged for exactly its row, every cell of it.
    const int total = int(columnNames(session, 1).indexOf(u"total"_s));
    changed.clear();
    session.renameColumn(1, total, u"amount"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex(), model.index(total, 0));
    QCOMPARE(changed.last().at(1).toModelIndex(), model.index(total, Grid::GridColumnCount - 1));
    QCOMPARE(model.index(total, Grid::Name).data().toString(), u"amount"_s);
    session.setColumnType(1, total, u"decimal"_s);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.index(total, Grid::Type).data().toString(), u"decimal"_s);
    session.setConstraint(1, total, u"max"_s, 500);
    QCOMPARE(changed.size(), 3);
    QVERIFY(model.index(total, Grid::Constraints).data().toString().contains(u"max 500"_s));
    session.setConstraint(1, total, keys::notNull, true);
    QCOMPARE(model.index(total, Grid::NotNull).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    // Edits of the other table leave this one alone...
    const qsizetype insertedBefore = inserted.size();
    changed.clear();
    session.addColumn(0);
    session.setConstraint(0, 2, keys::notNull, true);
    QCOMPARE(inserted.size(), insertedBefore);
    QCOMPARE(changed.size(), 0);
    // ...except where they reach into it: renaming the referenced key retargets this table's reference.
    session.renameColumn(0, 0, u"customer_no"_s);
    const int customerId = int(columnNames(session, 1).indexOf(u"customer_id"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), customerId);
    QCOMPARE(model.index(customerId, Grid::References).data().toString(), u"customers.customer_no"_s);

    QCOMPARE(resets.size(), 0);
    const QByteArray edited = bytes(session);
    const QStringList editedNames = modelNames(model);

    // Undo everything: the model follows step by step (the tester checks each) back to the original.
    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
    QCOMPARE(modelNames(model), columnNames(session, 1));
    QCOMPARE(model.index(1, Grid::References).data().toString(), u"customers.id"_s);
    while (session.undoStack()->canRedo())
        session.undoStack()->redo();
    QCOMPARE(bytes(session), edited);
    QCOMPARE(modelNames(model), editedNames);
    QCOMPARE(resets.size(), 0);
}

void TestTableEditor::modelFollowsItsTableAndEmptiesWhenRemoved()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy indexes(&model, &ColumnTableModel::tableIndexChanged);
    const QStringList names = modelNames(model);

    // A table inserted in front: same columns, the index moves on.
    session.addTable(0);
    QCOMPARE(model.tableIndex(), 2);
    QCOMPARE(indexes.last().at(0).toInt(), 2);
    QCOMPARE(modelNames(model), names);
    // A table inserted after it changes nothing.
    session.addTable(3);
    QCOMPARE(model.tableIndex(), 2);
    // Moves of other tables across it, and of itself.
    session.moveTable(0, 3); // [customers, orders, table_2, table] : orders at 1
    QCOMPARE(model.tableIndex(), 1);
    session.moveTable(3, 0); // orders at 2
    QCOMPARE(model.tableIndex(), 2);
    session.moveTable(2, 0); // itself to the front
    QCOMPARE(model.tableIndex(), 0);
    QCOMPARE(session.schema().tables.at(model.tableIndex()).name, u"orders"_s);
    // A table removed in front of it.
    session.moveTable(0, 3);
    QCOMPARE(model.tableIndex(), 3);
    session.removeTable(0);
    QCOMPARE(model.tableIndex(), 2);
    QCOMPARE(modelNames(model), names);
    QCOMPARE(resets.size(), 0);

    // Its edits still arrive at the right rows after all that.
    session.renameColumn(2, 4, u"remark"_s);
    QCOMPARE(model.index(4, Grid::Name).data().toString(), u"remark"_s);

    // Undo all: back to index 1.
    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(model.tableIndex(), 1);
    QCOMPARE(modelNames(model), names);
    QCOMPARE(resets.size(), 0);

    // Its own table removed: empty, in one reset.
    session.removeTable(1);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.tableIndex(), -1);
    QCOMPARE(indexes.last().at(0).toInt(), -1);
    QCOMPARE(model.rowCount(), 0);
    // Later edits of other tables go unnoticed.
    session.addColumn(0);
    QCOMPARE(model.rowCount(), 0);
}

void TestTableEditor::constraintSummary_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("constraints");
    QTest::addColumn<QString>("summary");

    QTest::newRow("weighted values") << u"enum"_s
                                     << QJsonObject{{keys::values,
                                                     QJsonArray{u"new"_s, u"paid"_s, u"shipped"_s}},
                                                    {keys::weights, QJsonArray{5, 3, 2}},
                                                    {keys::notNull, true}}
                                     << u"values: new, paid, shipped (weighted)"_s;
    QTest::newRow("uniform values") << u"enum"_s << QJsonObject{{keys::values, QJsonArray{u"a"_s, u"b"_s}}}
                                    << u"values: a, b"_s;
    QTest::newRow("long list") << u"enum"_s
                               << QJsonObject{{keys::values, QJsonArray{u"a"_s, u"b"_s, u"c"_s, u"d"_s,
                                                                        u"e"_s, u"f"_s, u"g"_s, u"h"_s}}}
                               << u"values: a, b, c, d, e, f, … 2 more"_s;
    QTest::newRow("range and distribution, in the type's order")
        << u"integer"_s
        << QJsonObject{{keys::distribution, QJsonObject{{u"name"_s, u"normal"_s}, {u"mean"_s, 50}}},
                       {u"max"_s, 100000},
                       {u"min"_s, 1},
                       {keys::primaryKey, true},
                       {keys::nullPercent, 5}}
        << u"min 1 · max 100,000 · distribution normal"_s;
    QTest::newRow("fraction") << u"decimal"_s << QJsonObject{{u"min"_s, 0.5}, {u"scale"_s, 2}}
                              << u"min 0.5 · scale 2"_s;
    QTest::newRow("grid columns only")
        << u"sequence"_s
        << QJsonObject{{keys::notNull, true}, {keys::unique, true}, {keys::references, u"a.b"_s}}
        << QString();
    QTest::newRow("cardinality") << u"foreign_key"_s
                                 << QJsonObject{{keys::references, u"a.id"_s},
                                                {keys::cardinality,
                                                 QJsonObject{{u"min"_s, 1}, {u"max"_s, 5}}}}
                                 << u"cardinality 1–5"_s;
    QTest::newRow("after") << u"date"_s
                           << QJsonObject{{keys::after, QJsonObject{{u"column"_s, u"rental_date"_s},
                                                                    {u"min"_s, 1},
                                                                    {u"max"_s, 10},
                                                                    {u"unit"_s, u"days"_s}}}}
                           << u"after rental_date +1–10 days"_s;
    QTest::newRow("weightsBy") << u"enum"_s
                               << QJsonObject{{keys::values, QJsonArray{u"a"_s}},
                                              {keys::weightsBy, QJsonObject{{u"column"_s, u"country"_s}}}}
                               << u"values: a · weights by country"_s;
    QTest::newRow("formula") << u"decimal"_s << QJsonObject{{keys::formula, u"quantity * unit_price"_s}}
                             << u"formula quantity * unit_price"_s;
    QTest::newRow("unknown key last")
        << u"string"_s << QJsonObject{{u"zeta"_s, true}, {u"maxLength"_s, 8}} << u"maxLength 8 · zeta"_s;
    QTest::newRow("template text") << u"template"_s << QJsonObject{{keys::templateText, u"{a}.{b}"_s}}
                                   << u"template {a}.{b}"_s;
}

void TestTableEditor::constraintSummary()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, constraints);
    QFETCH(QString, summary);
    QCOMPARE(ColumnTableModel::constraintSummary(column(u"c"_s, type, constraints)), summary);
}

void TestTableEditor::setDataEditsThroughUndoStack()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int status = 2, total = 3, note = 4, customerId = 1;

    expectOneStep(session, [&] { QVERIFY(model.setData(model.index(status, Grid::Name), u"state"_s)); });
    QCOMPARE(session.schema().tables.at(1).columns.at(status).name, u"state"_s);
    QCOMPARE(model.index(status, Grid::Name).data().toString(), u"state"_s);

    // A new type drops the constraints it does not take; undo brings them back (expectOneStep).
    expectOneStep(session, [&] { QVERIFY(model.setData(model.index(total, Grid::Type), u"amount"_s)); });
    QCOMPARE(session.schema().tables.at(1).columns.at(total).type, u"amount"_s);

    // Checking writes true; unchecking removes the key (it never writes false).
    expectOneStep(session, [&] {
        QVERIFY(model.setData(model.index(note, Grid::NotNull), Qt::Checked, Qt::CheckStateRole));
    });
    QCOMPARE(constraintsOf(session, 1, note).value(keys::notNull), QJsonValue(true));
    expectOneStep(session, [&] {
        QVERIFY(model.setData(model.index(note, Grid::NotNull), Qt::Unchecked, Qt::CheckStateRole));
    });
    QVERIFY(!constraintsOf(session, 1, note).contains(keys::notNull));
    expectOneStep(session, [&] {
        QVERIFY(model.setData(model.index(0, Grid::PrimaryKey), Qt::Unchecked, Qt::CheckStateRole));
    });
    QVERIFY(!constraintsOf(session, 1, 0).contains(keys::primaryKey));
    QCOMPARE(model.index(0, Grid::PrimaryKey).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    expectOneStep(session, [&] {
        QVERIFY(model.setData(model.index(status, Grid::Unique), Qt::Checked, Qt::CheckStateRole));
    });
    QCOMPARE(constraintsOf(session, 1, status).value(keys::unique), QJsonValue(true));

    // References: "table.column" sets, empty removes.
    expectOneStep(session, [&] {
        QVERIFY(model.setData(model.index(customerId, Grid::References), u"customers.email"_s));
    });
    QCOMPARE(constraintsOf(session, 1, customerId).value(keys::references).toString(), u"customers.email"_s);
    QCOMPARE(model.index(customerId, Grid::References).data().toString(), u"customers.email"_s);
    expectOneStep(session,
                  [&] { QVERIFY(model.setData(model.index(customerId, Grid::References), QString())); });
    QVERIFY(!constraintsOf(session, 1, customerId).contains(keys::references));

    // Null %: a number sets, 0 removes.
    expectOneStep(session, [&] { QVERIFY(model.setData(model.index(status, Grid::NullPercent), 12.5)); });
    QCOMPARE(constraintsOf(session, 1, status).value(keys::nullPercent).toDouble(), 12.5);
    QCOMPARE(model.index(status, Grid::NullPercent).data().toString(), u"12.5 %"_s);
    QCOMPARE(model.index(status, Grid::NullPercent).data(Qt::EditRole).toDouble(), 12.5);
    expectOneStep(session, [&] { QVERIFY(model.setData(model.index(note, Grid::NullPercent), 0)); });
    QVERIFY(!constraintsOf(session, 1, note).contains(keys::nullPercent));
    QCOMPARE(model.index(note, Grid::NullPercent).data().toString(), QString());

    // Setting what is already there is no step at all.
    const int steps = session.undoStack()->count();
    QVERIFY(model.setData(model.index(status, Grid::Name), u"state"_s));
    QVERIFY(model.setData(model.index(0, Grid::NotNull), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(session.undoStack()->count(), steps);
}

void TestTableEditor::setDataRejectsWhatCannotBe()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    const QByteArray before = bytes(session);
    const int note = 4; // lorem_sentence: cannot be a key

    QVERIFY(!model.setData(model.index(note, Grid::Name), u""_s));
    QVERIFY(!model.setData(model.index(note, Grid::Name), u"status"_s)); // another column's name
    QVERIFY(!model.setData(model.index(note, Grid::Name), u"a.b"_s));
    QVERIFY(!model.setData(model.index(note, Grid::Type), u"no_such_type"_s));
    QVERIFY(!model.setData(model.index(note, Grid::NullPercent), 150));
    QVERIFY(!model.setData(model.index(note, Grid::References), u"nodot"_s));
    QVERIFY(!model.setData(model.index(note, Grid::Constraints), u"min 1"_s));
    // What a view writes to clear a cell is never an edit.
    for (int gridColumn = 0; gridColumn < Grid::GridColumnCount; ++gridColumn)
        QVERIFY(!model.setData(model.index(note, gridColumn), QVariant()));
    // A type that cannot be a key offers no key check box and takes none.
    QVERIFY(!(model.flags(model.index(note, Grid::PrimaryKey)) & Qt::ItemIsUserCheckable));
    QVERIFY(!(model.flags(model.index(note, Grid::Unique)) & Qt::ItemIsUserCheckable));
    QVERIFY(!(model.flags(model.index(note, Grid::References)) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(model.index(note, Grid::PrimaryKey), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.flags(model.index(note, Grid::NotNull)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.index(0, Grid::PrimaryKey)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.index(note, Grid::Name)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(note, Grid::Constraints)) & Qt::ItemIsEditable));

    QCOMPARE(session.undoStack()->count(), 0);
    QCOMPARE(bytes(session), before);
}

void TestTableEditor::problemsMarkCellsOfTheirRows()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    using S = Problem::Severity;
    const Problems problems = {
        {S::Warning, u"max is below min"_s, 1, 3, u"max"_s, u"orders.total"_s},
        {S::Error, u"references an unknown column"_s, 1, 1, keys::references, u"orders.customer_id"_s},
        {S::Error, u"name is a reserved word"_s, 1, 1, {}, u"orders.customer_id"_s},
        {S::Error, u"another table's problem"_s, 0, 2, {}, u"customers.name"_s},
        {S::Error, u"the table's own problem"_s, 1, -1, {}, u"orders"_s},
    };
    model.setProblems(problems);
    // Only the two rows with marks changed.
    QCOMPARE(changed.size(), 2);
    QSet<int> rows;
    for (const QList<QVariant> &arguments : std::as_const(changed))
        rows << arguments.at(0).toModelIndex().row();
    QCOMPARE(rows, (QSet<int>{1, 3}));

    // The key's cell carries its own problem; a key without a grid column lands in Constraints.
    QCOMPARE(model.index(3, Grid::Constraints).data(Grid::SeverityRole).toInt(), int(S::Warning));
    QCOMPARE(model.index(3, Grid::Constraints).data(Qt::ToolTipRole).toString(), u"max is below min"_s);
    QCOMPARE(model.index(1, Grid::References).data(Grid::SeverityRole).toInt(), int(S::Error));
    QCOMPARE(model.index(1, Grid::References).data(Grid::ProblemsRole).toStringList(),
             QStringList{u"references an unknown column"_s});
    QCOMPARE(model.index(1, Grid::Type).data(Grid::SeverityRole).toInt(), -1);
    // The Name cell gathers the whole row, the worst severity wins.
    QCOMPARE(model.index(1, Grid::Name).data(Grid::SeverityRole).toInt(), int(S::Error));
    QCOMPARE(model.index(1, Grid::Name).data(Grid::ProblemsRole).toStringList().size(), 2);
    QCOMPARE(model.index(3, Grid::Name).data(Grid::SeverityRole).toInt(), int(S::Warning));
    QVERIFY(model.index(1, Grid::Name).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(0, Grid::Name).data(Qt::DecorationRole).isValid());
    QVERIFY(
        model.index(1, Grid::Name).data(Qt::ToolTipRole).toString().contains(u"name is a reserved word"_s));

    // The same problems again: nothing changed, nothing emitted.
    changed.clear();
    model.setProblems(problems);
    QCOMPARE(changed.size(), 0);

    // Marks travel with their row until the next validation.
    session.moveColumn(1, 3, 0);
    QCOMPARE(model.index(0, Grid::Name).data().toString(), u"total"_s);
    QCOMPARE(model.index(0, Grid::Constraints).data(Grid::SeverityRole).toInt(), int(S::Warning));
    QCOMPARE(model.index(2, Grid::References).data(Grid::SeverityRole).toInt(), int(S::Error));

    // Cleared: exactly the marked rows change back.
    changed.clear();
    model.setProblems({});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.index(0, Grid::Name).data(Grid::SeverityRole).toInt(), -1);
}

void TestTableEditor::dragAndDropMovesColumns()
{
    SchemaSession session(shopSchema());
    ColumnTableModel model;
    model.setTable(&session, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QByteArray original = bytes(session);

    // Drag "id" (row 0) in front of "total" (row 3): one step.
    std::unique_ptr<QMimeData> data(model.mimeData({model.index(0, 0), model.index(0, 1)}));
    QVERIFY(data);
    QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, 3, 0, {}));
    QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, 3, 0, {}));
    QCOMPARE(columnNames(session, 1),
             (QStringList{u"customer_id"_s, u"status"_s, u"id"_s, u"total"_s, u"note"_s}));
    QCOMPARE(modelNames(model), columnNames(session, 1));
    QCOMPARE(session.undoStack()->count(), 1);

    // Two rows apart, dropped at the end (below the rows): together, in order, one step.
    data.reset(model.mimeData({model.index(0, 0), model.index(3, 0)}));
    QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QCOMPARE(columnNames(session, 1),
             (QStringList{u"status"_s, u"id"_s, u"note"_s, u"customer_id"_s, u"total"_s}));
    QCOMPARE(session.undoStack()->count(), 2);
    // Rows on both sides of the target.
    QVERIFY(model.moveColumns({4, 0}, 2));
    QCOMPARE(columnNames(session, 1),
             (QStringList{u"id"_s, u"status"_s, u"total"_s, u"note"_s, u"customer_id"_s}));
    QCOMPARE(session.undoStack()->count(), 3);
    // Already in place: nothing happens.
    QVERIFY(!model.moveColumns({1, 2}, 3));
    QCOMPARE(session.undoStack()->count(), 3);

    // Rows of another table (or model) are not taken.
    ColumnTableModel other;
    other.setTable(&session, 0);
    data.reset(other.mimeData({other.index(0, 0)}));
    QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QCOMPARE(session.undoStack()->count(), 3);

    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
}

// ---------------------------------------------------------------------------------------------------------
// TypePicker

void TestTableEditor::typePickerTypingEmaEnterChoosesEmail()
{
    TypePicker picker;
    QSignalSpy chosen(&picker, &TypePicker::typeChosen);
    picker.setTypeId(u"string"_s);
    QCOMPARE(picker.typeId(), u"string"_s);
    QCOMPARE(chosen.size(), 0); // setTypeId is no choice
    showActive(picker);

    retype(&picker, u"ema"_s);
    QVERIFY(picker.isPopupVisible());
    QCOMPARE(chosen.size(), 0);
    QCOMPARE(picker.typeId(), u"string"_s); // typing alone chooses nothing
    QTest::keyClick(&picker, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.last().at(0).toString(), u"email"_s);
    QCOMPARE(picker.typeId(), u"email"_s);
    QVERIFY(!picker.isPopupVisible());
    QCOMPARE(picker.findChild<QLineEdit *>()->text(), u"email"_s);
    QCOMPARE(picker.toolTip(), TypeRegistry::instance().find(u"email"_s)->description);
}

void TestTableEditor::typePickerSearchesDescriptionsAndMovesWithArrows()
{
    TypePicker picker;
    picker.setTypeId(u"string"_s);
    showActive(picker);
    QSignalSpy chosen(&picker, &TypePicker::typeChosen);
    auto *field = picker.findChild<QLineEdit *>();
    QVERIFY(field);

    // "hardware" is only in the description of mac_address.
    retype(field, u"hardware"_s);
    QTest::keyClick(field, Qt::Key_Enter);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(picker.typeId(), u"mac_address"_s);

    // "date" matches the date and time types, date first; Down moves to the next one, Up back.
    retype(field, u"date"_s);
    QVERIFY(picker.isPopupVisible());
    QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Up);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(picker.typeId(), u"time"_s);

    // Down on a closed picker opens the full list at the current type; Down then Enter takes the next.
    QVERIFY(!picker.isPopupVisible());
    QTest::keyClick(field, Qt::Key_Down);
    QVERIFY(picker.isPopupVisible());
    QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(picker.typeId(), u"timestamp"_s);

    // Enter on an unchanged field confirms the current type.
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(chosen.size(), 4);
    QCOMPARE(chosen.last().at(0).toString(), u"timestamp"_s);
}

void TestTableEditor::typePickerEscapeCancels()
{
    TypePicker picker;
    picker.setTypeId(u"integer"_s);
    showActive(picker);
    QSignalSpy chosen(&picker, &TypePicker::typeChosen);
    auto *field = picker.findChild<QLineEdit *>();

    retype(&picker, u"boo"_s);
    QVERIFY(picker.isPopupVisible());
    QTest::keyClick(&picker, Qt::Key_Escape);
    QVERIFY(!picker.isPopupVisible());
    QCOMPARE(field->text(), u"integer"_s);
    QCOMPARE(picker.typeId(), u"integer"_s);
    QCOMPARE(chosen.size(), 0);

    // Nothing matches: Enter chooses nothing, Escape restores.
    retype(field, u"zzzz"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(chosen.size(), 0);
    QCOMPARE(picker.typeId(), u"integer"_s);
    QTest::keyClick(field, Qt::Key_Escape);
    QCOMPARE(field->text(), u"integer"_s);
}

void TestTableEditor::typePickerListsCategoriesAndExamples()
{
    TypePicker picker;
    auto *list = picker.findChild<QTreeView *>(u"typeList"_s);
    QVERIFY(list);
    const QAbstractItemModel *model = list->model();
    const TypeRegistry &registry = TypeRegistry::instance();
    const QStringList categories = registry.categories();
    int entries = 0;
    for (int row = 0; row < categories.size(); ++row) {
        const QModelIndex category = model->index(row, 0);
        QCOMPARE(category.data().toString(), TypePicker::categoryTitle(categories.at(row)));
        QVERIFY(!(category.flags() & Qt::ItemIsSelectable));
        for (int child = 0; child < model->rowCount(category); ++child) {
            const QModelIndex entry = model->index(child, 0, category);
            const DataType *type = registry.find(entry.data().toString());
            QVERIFY(type);
            QCOMPARE(type->category, categories.at(row));
            QVERIFY(entry.flags() & Qt::ItemIsSelectable);
            QCOMPARE(entry.data(Qt::ToolTipRole).toString(), type->description);
            QCOMPARE(model->index(child, 1, category).data().toString(), type->example);
            ++entries;
        }
    }
    QCOMPARE(entries, registry.types().size());
    QCOMPARE(TypePicker::categoryTitle(u"datetime"_s), u"Date and time"_s);
    QCOMPARE(TypePicker::categoryTitle(u"new_things"_s), u"New things"_s);
}

void TestTableEditor::typePickerClickChooses()
{
    TypePicker picker;
    picker.setTypeId(u"string"_s);
    showActive(picker);
    QSignalSpy chosen(&picker, &TypePicker::typeChosen);
    retype(&picker, u"uuid"_s);
    auto *list = picker.findChild<QTreeView *>(u"typeList"_s);
    QVERIFY(list->isVisible());
    const QModelIndex uuid = list->currentIndex();
    QCOMPARE(uuid.data().toString(), u"uuid"_s);
    // A click on a category heading chooses nothing.
    const QModelIndex heading = uuid.parent();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(heading).center());
    QCOMPARE(chosen.size(), 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(uuid.siblingAtColumn(1)).center());
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(picker.typeId(), u"uuid"_s);
    QVERIFY(!picker.isPopupVisible());
}

// ---------------------------------------------------------------------------------------------------------
// TableEditor

void TestTableEditor::editorShowsTableAndFollowsDocument()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    const EditorForm form = formOf(editor);
    QVERIFY(form.name && form.description && form.rows && form.grid);
    for (const char *name :
         {"addColumn", "deleteColumn", "duplicateColumn", "moveColumnUp", "moveColumnDown"}) {
        QVERIFY2(editor.findChild<QToolButton *>(QLatin1String(name)), name);
        QVERIFY2(editor.findChild<QAction *>(QLatin1String(name)), name);
    }
    QVERIFY(!form.name->isEnabled()); // nothing to show yet
    QCOMPARE(editor.tableIndex(), -1);

    editor.setTable(&session, 1);
    QCOMPARE(editor.tableIndex(), 1);
    QVERIFY(form.name->isEnabled());
    QCOMPARE(form.name->text(), u"orders"_s);
    QCOMPARE(form.rows->value(), 1000);
    QCOMPARE(form.rows->text(), u"1,000"_s);
    QCOMPARE(form.grid->model()->rowCount(), 5);

    // Changes from elsewhere (another view, undo) show up.
    session.renameTable(1, u"purchases"_s);
    session.setTableRows(1, 1234567);
    session.setTableDescription(1, u"What people bought"_s);
    QCOMPARE(form.name->text(), u"purchases"_s);
    QCOMPARE(form.rows->text(), u"1,234,567"_s);
    QCOMPARE(form.description->text(), u"What people bought"_s);
    session.undoStack()->undo();
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(form.name->text(), u"orders"_s);
    QCOMPARE(form.rows->value(), 1000);
    QCOMPARE(form.description->text(), QString());

    // A table inserted in front: the editor keeps showing orders.
    session.addTable(0);
    QCOMPARE(editor.tableIndex(), 2);
    QCOMPARE(form.name->text(), u"orders"_s);

    editor.setTable(nullptr, -1);
    QCOMPARE(form.name->text(), QString());
    QVERIFY(!form.name->isEnabled());
    QCOMPARE(form.grid->model()->rowCount(), 0);
}

void TestTableEditor::editorRenamesTableInOneStep()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 0);
    showActive(editor);
    const EditorForm form = formOf(editor);
    const QByteArray original = bytes(session);

    form.name->setFocus();
    QTRY_VERIFY(form.name->hasFocus());
    retype(form.name, u"clients"_s);
    QCOMPARE(session.schema().tables.at(0).name, u"clients"_s);
    // The foreign key into the table follows the name.
    QCOMPARE(constraintsOf(session, 1, 1).value(keys::references).toString(), u"clients.id"_s);
    QCOMPARE(session.undoStack()->count(), 1);
    QCOMPARE(form.name->text(), u"clients"_s);

    // Typing in the middle keeps the cursor where it is (the field is not rewritten under it).
    form.name->setCursorPosition(3);
    QTest::keyClick(form.name, Qt::Key_X);
    QCOMPARE(session.schema().tables.at(0).name, u"clixents"_s);
    QCOMPARE(form.name->cursorPosition(), 4);
    QCOMPARE(session.undoStack()->count(), 1); // still the one step

    // Undo while the field has the focus: the field shows the document again.
    session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
    QCOMPARE(form.name->text(), u"customers"_s);
}

void TestTableEditor::editorNeverRenamesToATakenName()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);

    form.name->setFocus();
    QTRY_VERIFY(form.name->hasFocus());
    // On its way to "customers" the name passes "customer" (fine) and ends on a taken one (not used).
    retype(form.name, u"customers"_s);
    QCOMPARE(session.schema().tables.at(1).name, u"customer"_s);
    QCOMPARE(session.schema().tables.at(0).name, u"customers"_s);
    QCOMPARE(constraintsOf(session, 1, 1).value(keys::references).toString(), u"customers.id"_s);
    QCOMPARE(form.name->text(), u"customers"_s); // the user's text stays while they type
    // ...even when the table changes meanwhile in another way.
    session.setTableRows(1, 5);
    QCOMPARE(form.rows->value(), 5);
    QCOMPARE(form.name->text(), u"customers"_s);
    // Emptying the field renames nothing either.
    QTest::keyClick(form.name, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(form.name, Qt::Key_Backspace);
    QCOMPARE(session.schema().tables.at(1).name, u"customer"_s);
    // Leaving the field drops what could not be used.
    QTest::keyClick(form.name, Qt::Key_Return);
    QCOMPARE(form.name->text(), u"customer"_s);
    QCOMPARE(session.undoStack()->count(), 2); // the rename and the rows
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(session.schema().tables.at(1).name, u"orders"_s);
    QCOMPARE(form.name->text(), u"orders"_s);
}

void TestTableEditor::editorSetsRowsAndDescription()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);

    form.rows->setFocus();
    QTRY_VERIFY(form.rows->hasFocus());
    QTest::keyClick(form.rows, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(form.rows, u"250000"_s);
    QCOMPARE(session.schema().tables.at(1).rows, 1000); // not per digit
    QTest::keyClick(form.rows, Qt::Key_Return);
    QCOMPARE(session.schema().tables.at(1).rows, 250000);
    QCOMPARE(session.undoStack()->count(), 1);
    QCOMPARE(form.rows->text(), u"250,000"_s);
    QTest::keyClick(form.rows, Qt::Key_Up);
    QCOMPARE(session.schema().tables.at(1).rows, 250001);
    QCOMPARE(session.undoStack()->count(), 1); // steps of one field merge
    QCOMPARE(form.rows->maximum(), 2'000'000'000);

    form.description->setFocus();
    QTRY_VERIFY(form.description->hasFocus());
    QTest::keyClicks(form.description, u"What people bought"_s);
    QCOMPARE(session.schema().tables.at(1).description, u"What people bought"_s);
    QCOMPARE(session.undoStack()->count(), 2);
    QVERIFY(SchemaFile::serialize(session.schema()).contains("\"description\": \"What people bought\""));
    session.undoStack()->undo();
    QCOMPARE(session.schema().tables.at(1).description, QString());
    QCOMPARE(form.description->text(), QString());
}

void TestTableEditor::editorButtonsEditColumns()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    auto button = [&](const char *name) { return editor.findChild<QToolButton *>(QLatin1String(name)); };
    const QByteArray original = bytes(session);

    // Nothing selected: only Add is possible.
    QVERIFY(button("addColumn")->isEnabled());
    QVERIFY(!button("deleteColumn")->isEnabled());
    QVERIFY(!button("moveColumnUp")->isEnabled());

    // Add after the selected column; its name is up for editing at once.
    editor.focusColumn(1);
    QCOMPARE(editor.selectedColumns(), QList<int>{1});
    QVERIFY(button("moveColumnUp")->isEnabled());
    QTest::mouseClick(button("addColumn"), Qt::LeftButton);
    QCOMPARE(columnNames(session, 1),
             (QStringList{u"id"_s, u"customer_id"_s, u"column"_s, u"status"_s, u"total"_s, u"note"_s}));
    QCOMPARE(session.schema().tables.at(1).columns.at(2).type, u"string"_s);
    QCOMPARE(editor.selectedColumns(), QList<int>{2});
    auto *nameEditor = form.grid->findChild<QLineEdit *>(u"nameEditor"_s);
    QVERIFY(nameEditor);
    QTRY_VERIFY(nameEditor->hasFocus());
    QTest::keyClick(nameEditor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(nameEditor, u"price"_s);
    QTest::keyClick(nameEditor, Qt::Key_Return);
    QTRY_COMPARE(session.schema().tables.at(1).columns.at(2).name, u"price"_s);
    QCOMPARE(session.undoStack()->count(), 2);

    // Duplicate: the copy right below, selected.
    QTest::mouseClick(button("duplicateColumn"), Qt::LeftButton);
    QCOMPARE(columnNames(session, 1).at(3), u"price_copy"_s);
    QCOMPARE(editor.selectedColumns(), QList<int>{3});

    // Move up twice, down once.
    QTest::mouseClick(button("moveColumnUp"), Qt::LeftButton);
    QTest::mouseClick(button("moveColumnUp"), Qt::LeftButton);
    QCOMPARE(columnNames(session, 1).indexOf(u"price_copy"_s), 1);
    QCOMPARE(editor.selectedColumns(), QList<int>{1});
    QTest::mouseClick(button("moveColumnDown"), Qt::LeftButton);
    QCOMPARE(columnNames(session, 1), (QStringList{u"id"_s, u"customer_id"_s, u"price_copy"_s, u"price"_s,
                                                   u"status"_s, u"total"_s, u"note"_s}));

    // Top row: no move up.
    editor.focusColumn(0);
    QVERIFY(!button("moveColumnUp")->isEnabled());
    QVERIFY(button("moveColumnDown")->isEnabled());

    // Delete two selected columns: one step.
    form.grid->selectionModel()->select(
        QItemSelection(form.grid->model()->index(2, 0),
                       form.grid->model()->index(3, Grid::GridColumnCount - 1)),
        QItemSelectionModel::ClearAndSelect);
    QCOMPARE(editor.selectedColumns(), (QList<int>{2, 3}));
    const int steps = session.undoStack()->count();
    QTest::mouseClick(button("deleteColumn"), Qt::LeftButton);
    QCOMPARE(session.undoStack()->count(), steps + 1);
    QCOMPARE(columnNames(session, 1), columnNames(SchemaSession(shopSchema()), 1));
    QCOMPARE(editor.selectedColumns(), QList<int>{2});

    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
}

void TestTableEditor::editorShortcutsEditColumns()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    const QByteArray original = bytes(session);

    editor.focusColumn(2);
    QTRY_VERIFY(form.grid->hasFocus());

    // Ctrl+D duplicates.
    QTest::keyClick(form.grid, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(columnNames(session, 1).at(3), u"status_copy"_s);
    QCOMPARE(editor.selectedColumns(), QList<int>{3});

    // Alt+Up, Alt+Up, Alt+Down.
    QTest::keyClick(form.grid, Qt::Key_Up, Qt::AltModifier);
    QTest::keyClick(form.grid, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(columnNames(session, 1).indexOf(u"status_copy"_s), 1);
    QTest::keyClick(form.grid, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(columnNames(session, 1),
             (QStringList{u"id"_s, u"customer_id"_s, u"status_copy"_s, u"status"_s, u"total"_s, u"note"_s}));

    // Delete deletes the selected column.
    QTest::keyClick(form.grid, Qt::Key_Delete);
    QCOMPARE(columnNames(session, 1), columnNames(SchemaSession(shopSchema()), 1));

    // Insert adds after the selection and opens the name; Escape leaves the default name.
    QTest::keyClick(form.grid, Qt::Key_Insert);
    QCOMPARE(columnNames(session, 1).at(3), u"column"_s);
    auto *nameEditor = form.grid->findChild<QLineEdit *>(u"nameEditor"_s);
    QVERIFY(nameEditor);
    QTRY_VERIFY(nameEditor->hasFocus());
    // While a cell is edited, Delete belongs to the cell.
    QTest::keyClick(nameEditor, Qt::Key_End);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backspace);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Delete);
    QCOMPARE(columnNames(session, 1).size(), 6);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(form.grid->hasFocus());
    QCOMPARE(columnNames(session, 1).at(3), u"column"_s);

    // Several selected columns move together with Alt+Down, in one step.
    form.grid->selectionModel()->select(
        QItemSelection(form.grid->model()->index(0, 0),
                       form.grid->model()->index(1, Grid::GridColumnCount - 1)),
        QItemSelectionModel::ClearAndSelect);
    const int steps = session.undoStack()->count();
    QTest::keyClick(form.grid, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(session.undoStack()->count(), steps + 1);
    QCOMPARE(columnNames(session, 1).mid(0, 3), (QStringList{u"status"_s, u"id"_s, u"customer_id"_s}));
    QCOMPARE(editor.selectedColumns(), (QList<int>{1, 2}));
    QTest::keyClick(form.grid, Qt::Key_Delete);
    QCOMPARE(session.undoStack()->count(), steps + 2);
    QCOMPARE(columnNames(session, 1), (QStringList{u"status"_s, u"column"_s, u"total"_s, u"note"_s}));

    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
}

void TestTableEditor::editorChangesTypeThroughDelegate()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    const int note = 4;

    const QModelIndex cell = form.grid->model()->index(note, Grid::Type);
    form.grid->setFocus();
    form.grid->setCurrentIndex(cell);
    QTest::keyClick(form.grid, Qt::Key_F2);
    auto *picker = form.grid->findChild<TypePicker *>(u"typeEditor"_s);
    QVERIFY(picker);
    QCOMPARE(picker->typeId(), u"lorem_sentence"_s);
    QTRY_VERIFY(picker->findChild<QLineEdit *>()->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), u"ema"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(session.schema().tables.at(1).columns.at(note).type, u"email"_s);
    QCOMPARE(session.undoStack()->count(), 1);
    QCOMPARE(constraintsOf(session, 1, note).value(keys::nullPercent).toInt(), 20); // a common key stays
    QTRY_VERIFY(!form.grid->findChild<TypePicker *>());
    QCOMPARE(cell.data().toString(), u"email"_s);

    // Typing on a type cell starts the picker with that text.
    refocus(editor, form.grid);
    form.grid->setCurrentIndex(form.grid->model()->index(0, Grid::Type));
    QTest::keyClick(form.grid, Qt::Key_U);
    picker = form.grid->findChild<TypePicker *>(u"typeEditor"_s);
    QVERIFY(picker);
    QTRY_VERIFY(picker->findChild<QLineEdit *>()->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), u"ui"_s);
    QCOMPARE(picker->findChild<QLineEdit *>()->text(), u"uui"_s);
    QTRY_VERIFY(picker->isPopupVisible());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(session.schema().tables.at(1).columns.at(0).type, u"uuid"_s);
    QCOMPARE(session.undoStack()->count(), 2);
    QVERIFY(bytes(session).contains("\"type\": \"uuid\""));
    session.undoStack()->undo();
    QCOMPARE(session.schema().tables.at(1).columns.at(0).type, u"sequence"_s);
}

void TestTableEditor::editorPicksReference()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    const int customerId = 1;

    QCOMPARE(SchemaValidator().referenceTargets(session.schema()),
             (QStringList{u"customers.id"_s, u"customers.email"_s, u"orders.id"_s}));

    const QModelIndex cell = form.grid->model()->index(customerId, Grid::References);
    form.grid->setFocus();
    form.grid->setCurrentIndex(cell);
    QTest::keyClick(form.grid, Qt::Key_F2);
    auto *combo = form.grid->findChild<QComboBox *>(u"referenceEditor"_s);
    QVERIFY(combo);
    QStringList items;
    for (int i = 0; i < combo->count(); ++i)
        items << combo->itemText(i);
    QCOMPARE(items, (QStringList{u"(none)"_s, u"customers.id"_s, u"customers.email"_s, u"orders.id"_s}));
    QCOMPARE(combo->currentText(), u"customers.id"_s);
    // The list opens by itself; choose customers.email with the keyboard.
    QTRY_VERIFY(combo->view()->isVisible());
    QTest::keyClick(combo->view(), Qt::Key_Down);
    QTest::keyClick(combo->view(), Qt::Key_Return);
    QCOMPARE(constraintsOf(session, 1, customerId).value(keys::references).toString(), u"customers.email"_s);
    QCOMPARE(session.undoStack()->count(), 1);
    QTRY_VERIFY(!form.grid->findChild<QComboBox *>(u"referenceEditor"_s));
    QCOMPARE(cell.data().toString(), u"customers.email"_s);

    // "(none)" removes the key.
    refocus(editor, form.grid);
    form.grid->setCurrentIndex(cell);
    QTest::keyClick(form.grid, Qt::Key_F2);
    combo = form.grid->findChild<QComboBox *>(u"referenceEditor"_s);
    QVERIFY(combo);
    QTRY_VERIFY(combo->view()->isVisible());
    combo->view()->setCurrentIndex(combo->model()->index(0, 0));
    QTest::keyClick(combo->view(), Qt::Key_Return);
    QVERIFY(!constraintsOf(session, 1, customerId).contains(keys::references));
    QVERIFY(!bytes(session).contains("\"references\""));
    QCOMPARE(session.undoStack()->count(), 2);
}

void TestTableEditor::editorEditsChecksAndNullPercentInGrid()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    const int status = 2;
    const QByteArray original = bytes(session);

    // A click on the centred box toggles; the second click removes the key again.
    const QModelIndex notNull = form.grid->model()->index(status, Grid::NotNull);
    const QPoint centre = form.grid->visualRect(notNull).center();
    QTest::mouseClick(form.grid->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(constraintsOf(session, 1, status).value(keys::notNull), QJsonValue(true));
    QTest::mouseClick(form.grid->viewport(), Qt::LeftButton, {}, centre);
    QVERIFY(!constraintsOf(session, 1, status).contains(keys::notNull));
    QCOMPARE(session.undoStack()->count(), 2);

    // Space on a check cell toggles too.
    form.grid->setFocus();
    form.grid->setCurrentIndex(form.grid->model()->index(status, Grid::Unique));
    QTest::keyClick(form.grid, Qt::Key_Space);
    QCOMPARE(constraintsOf(session, 1, status).value(keys::unique), QJsonValue(true));

    // Null %: a spin box from 0 to 100.
    const QModelIndex percent = form.grid->model()->index(status, Grid::NullPercent);
    form.grid->setCurrentIndex(percent);
    QTest::keyClick(form.grid, Qt::Key_F2);
    auto *spin = form.grid->findChild<QDoubleSpinBox *>(u"nullPercentEditor"_s);
    QVERIFY(spin);
    QCOMPARE(spin->maximum(), 100.0);
    QTRY_VERIFY(spin->hasFocus());
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, u"7.5"_s);
    QTest::keyClick(spin, Qt::Key_Return);
    QTRY_COMPARE(constraintsOf(session, 1, status).value(keys::nullPercent).toDouble(), 7.5);
    QCOMPARE(session.undoStack()->count(), 4);
    QCOMPARE(percent.data().toString(), u"7.5 %"_s);

    while (session.undoStack()->canUndo())
        session.undoStack()->undo();
    QCOMPARE(bytes(session), original);
}

void TestTableEditor::editorActivatesAndFocusesColumns()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    const EditorForm form = formOf(editor);
    QSignalSpy activated(&editor, &TableEditor::columnActivated);

    editor.focusColumn(3, keys::references);
    QTRY_VERIFY(form.grid->hasFocus());
    QCOMPARE(form.grid->currentIndex(), form.grid->model()->index(3, Grid::References));
    QCOMPARE(editor.selectedColumns(), QList<int>{3});
    editor.focusColumn(2, u"min"_s); // not a grid column: the name
    QCOMPARE(form.grid->currentIndex(), form.grid->model()->index(2, Grid::Name));
    editor.focusColumn(4, keys::nullPercent);
    QCOMPARE(form.grid->currentIndex(), form.grid->model()->index(4, Grid::NullPercent));

    QTest::keyClick(form.grid, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.last().at(0).toInt(), 1);
    QCOMPARE(activated.last().at(1).toInt(), 4);

    const QModelIndex name = form.grid->model()->index(1, Grid::Constraints);
    doubleClick(form.grid->viewport(), form.grid->visualRect(name).center());
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.last().at(1).toInt(), 1);
    QCOMPARE(session.undoStack()->count(), 0);
}

void TestTableEditor::editorShowsProblems()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    showActive(editor);
    auto *label = editor.findChild<QLabel *>(u"tableProblems"_s);
    QVERIFY(label);
    QVERIFY(!label->isVisible());

    using S = Problem::Severity;
    editor.setProblems({
        {S::Error, u"table \"orders\" has <no> rows"_s, 1, -1, {}, u"orders"_s},
        {S::Warning, u"max below min"_s, 1, 3, u"max"_s, u"orders.total"_s},
        {S::Error, u"elsewhere"_s, 0, -1, {}, u"customers"_s},
    });
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(u"has &lt;no&gt; rows"_s)); // the message is text, not markup
    QVERIFY(!label->text().contains(u"elsewhere"_s));
    const QAbstractItemModel *model = formOf(editor).grid->model();
    QCOMPARE(model->index(3, Grid::Constraints).data(Grid::SeverityRole).toInt(), int(S::Warning));

    editor.setProblems({});
    QVERIFY(!label->isVisible());
    QCOMPARE(model->index(3, Grid::Constraints).data(Grid::SeverityRole).toInt(), -1);
}

void TestTableEditor::editorEmptiesWhenTableRemoved()
{
    SchemaSession session(shopSchema());
    TableEditor editor;
    editor.setTable(&session, 1);
    const EditorForm form = formOf(editor);
    session.removeTable(1);
    QCOMPARE(editor.tableIndex(), -1);
    QCOMPARE(form.name->text(), QString());
    QVERIFY(!form.name->isEnabled());
    QVERIFY(!form.grid->isEnabled());
    QCOMPARE(form.grid->model()->rowCount(), 0);
    QVERIFY(!editor.findChild<QAction *>(u"addColumn"_s)->isEnabled());
}

QTEST_MAIN(TestTableEditor)
#include "tst_table_editor.moc"
