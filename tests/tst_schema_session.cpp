// The workbench's editing core: every edit of a SchemaSession is one undoable command, the schema tree
// model follows each one with fine-grained signals (under QAbstractItemModelTester), and undoing
// everything gives back the exact starting bytes.
#include "commands/SetSchemaPropertyCommand.h"
#include "format/SchemaFile.h"
#include "model/ConstraintKeys.h"
#include "models/ProblemsModel.h"
#include "models/SchemaBrowserModel.h"
#include "models/SchemaTreeModel.h"
#include "session/AutosaveStore.h"
#include "session/SchemaSession.h"
#include "workbench/ValidationScheduler.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

Schema loadExample(const QString &name)
{
    const Result<Schema> schema =
        SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/") + name + SchemaFile::suffix());
    if (!schema)
        qFatal("cannot load the example: %s", qPrintable(schema.error().toString()));
    return schema.value();
}

QByteArray bytes(const SchemaSession &session)
{
    return SchemaFile::serialize(session.schema());
}

// The tree as text, "table: col col …" per table, read through the model only.
QStringList treeText(const SchemaTreeModel &model)
{
    QStringList lines;
    const QModelIndex schema = model.index(0, 0);
    for (int t = 0; t < model.rowCount(schema); ++t) {
        const QModelIndex table = model.index(t, 0, schema);
        QStringList columns;
        for (int c = 0; c < model.rowCount(table); ++c)
            columns << model.index(c, 0, table).data().toString();
        lines << table.data().toString() + u": "_s + columns.join(u' ');
    }
    return lines;
}

QStringList documentText(const SchemaDocument &document)
{
    QStringList lines;
    for (const Table &table : document.schema().tables) {
        QStringList columns;
        for (const Column &column : table.columns)
            columns << column.name;
        lines << table.name + u": "_s + columns.join(u' ');
    }
    return lines;
}

int tableIndex(const SchemaDocument &document, const QString &name)
{
    return document.schema().tableIndex(name);
}

} // namespace

class TestSchemaSession : public QObject
{
    Q_OBJECT

private slots:
    void everyEditUndoesToTheSameBytes();
    void typingMergesIntoOneStep();
    void renameRetargetsReferencesAndUndoRestoresExactly();
    void setTypeKeepsOnlyAcceptedKeys();
    void treeFollowsEditsWithoutReset();
    void columnIndexesSurviveTableMoves();
    void dragAndDropMovesThroughTheUndoStack();
    void renameInPlace();
    void problemMarksAnnounceOnlyChangedRows();
    void validationRunsOffTheGuiThreadAndDropsStaleResults();
    void browserListsOpenAndStoredSchemas();
    void autosaveRoundTripsPerUser();
};

void TestSchemaSession::everyEditUndoesToTheSameBytes()
{
    SchemaSession session(loadExample(u"shop"_s));
    const QByteArray start = bytes(session);
    const int customers = tableIndex(*session.document(), u"customers"_s);
    QVERIFY(customers >= 0);

    const int added = session.addTable();
    session.renameTable(added, u"invoices"_s);
    session.setTableRows(added, 5000);
    session.setTableDescription(added, u"Bills"_s);
    const int column = session.addColumn(added);
    session.renameColumn(added, column, u"total"_s);
    session.setColumnType(added, column, u"decimal"_s);
    session.setConstraint(added, column, u"min"_s, 1);
    session.setConstraint(added, column, u"max"_s, 999);
    session.setConstraint(added, column, u"max"_s, QJsonValue(QJsonValue::Undefined));
    session.setConstraints(added, column, QJsonObject{{u"min"_s, 5}, {keys::notNull, true}});
    session.setSamples(added, column, {u"1.00"_s, u"2.50"_s});
    session.setColumnDescription(added, column, u"Gross amount"_s);
    session.duplicateColumn(added, column);
    session.moveColumn(added, 0, 2);
    session.duplicateTable(customers);
    QCOMPARE(tableIndex(*session.document(), u"customers_copy"_s), customers + 1);
    session.moveTable(tableIndex(*session.document(), u"invoices"_s), 0);
    session.removeColumn(0, 1);
    session.setSchemaProperty(SetSchemaPropertyCommand::Property::Locale, u"de_DE"_s);
    session.setSchemaProperty(SetSchemaPropertyCommand::Property::Name, u"shop2"_s);
    Table imported;
    imported.name = u"audit"_s;
    imported.rows = 3;
    imported.columns = {Column{u"id"_s, u"sequence"_s, {}, {}, {}}};
    session.importTables({imported}, u"audit.sql"_s);
    session.removeTable(tableIndex(*session.document(), u"orders"_s));

    const QByteArray end = bytes(session);
    QVERIFY(end != start);
    QVERIFY(session.isDirty());
    QCOMPARE(session.document()->schema().locale, u"de_DE"_s);
    QCOMPARE(session.document()->table(0).name, u"invoices"_s);

    QUndoStack *stack = session.undoStack();
    const int steps = stack->count();
    // 20, not 21: removing "max" right after setting it merged into one step that changed nothing.
    QCOMPARE(steps, 20);
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(bytes(session), start);
    QVERIFY(!session.isDirty());
    QVERIFY(!session.document()->isModified());
    while (stack->canRedo())
        stack->redo();
    QCOMPARE(bytes(session), end);
    QVERIFY(session.isDirty());
}

void TestSchemaSession::typingMergesIntoOneStep()
{
    SchemaSession session(loadExample(u"shop"_s));
    const QByteArray start = bytes(session);
    const QString name = session.document()->table(0).name;
    QString typed = name;
    for (const QChar c : u"_archive"_s) {
        typed += c;
        session.renameTable(0, typed);
    }
    for (qint64 rows : {1, 12, 123, 1234})
        session.setTableRows(0, rows);
    for (const QString &text : {u"A"_s, u"An"_s, u"Any"_s})
        session.setConstraint(0, 1, u"maxLength"_s, text.size());
    QCOMPARE(session.undoStack()->count(), 3);
    QCOMPARE(session.document()->table(0).name, name + u"_archive"_s);
    QCOMPARE(session.document()->table(0).rows, 1234);
    session.undoStack()->undo();
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(bytes(session), start);

    // Typing back to where it started leaves no step at all.
    session.renameTable(0, name + u"x"_s);
    session.renameTable(0, name);
    QCOMPARE(session.undoStack()->count(), 0);
    QVERIFY(!session.isDirty());
}

void TestSchemaSession::renameRetargetsReferencesAndUndoRestoresExactly()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaDocument &document = *session.document();
    const int customers = tableIndex(document, u"customers"_s);
    const int orders = tableIndex(document, u"orders"_s);
    const Table &ordersTable = document.table(orders);
    int customerId = -1;
    for (int c = 0; c < ordersTable.columns.size(); ++c) {
        if (ordersTable.columns.at(c).constraints.value(keys::references).toString().startsWith(u"customers."_s))
            customerId = c;
    }
    QVERIFY(customerId >= 0);
    const QString before = document.column(orders, customerId).constraints.value(keys::references).toString();

    // A dangling reference to the new name: the rename captures it, undo must put it back as it was.
    const int dangling = session.addColumn(orders);
    session.setConstraint(orders, dangling, keys::references, u"clients.id"_s);
    const QByteArray start = bytes(session);

    session.renameTable(customers, u"clients"_s);
    QCOMPARE(document.column(orders, customerId).constraints.value(keys::references).toString(),
             u"clients."_s + before.section(u'.', 1));
    session.renameColumn(customers, 0, u"client_no"_s);
    QCOMPARE(document.column(orders, customerId).constraints.value(keys::references).toString(), u"clients.client_no"_s);
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(document.column(orders, customerId).constraints.value(keys::references).toString(), before);
    QCOMPARE(document.column(orders, dangling).constraints.value(keys::references).toString(), u"clients.id"_s);
    QCOMPARE(bytes(session), start);
}

void TestSchemaSession::setTypeKeepsOnlyAcceptedKeys()
{
    SchemaSession session(loadExample(u"shop"_s));
    const int table = session.addTable();
    const int column = session.addColumn(table);
    session.setColumnType(table, column, u"integer"_s);
    session.setConstraint(table, column, u"min"_s, 3);
    session.setConstraint(table, column, keys::notNull, true);
    const QByteArray before = bytes(session);
    session.setColumnType(table, column, u"email"_s);
    const QJsonObject constraints = session.document()->column(table, column).constraints;
    QCOMPARE(constraints, (QJsonObject{{keys::notNull, true}}));
    session.undoStack()->undo();
    QCOMPARE(bytes(session), before);
}

void TestSchemaSession::treeFollowsEditsWithoutReset()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(&session);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QCOMPARE(treeText(model), documentText(*session.document()));
    const int table = session.addTable(1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    session.addColumn(table, 0);
    session.renameColumn(table, 0, u"sku"_s);
    session.moveTable(table, session.document()->tableCount() - 1);
    session.moveTable(session.document()->tableCount() - 1, 0);
    session.moveColumn(0, 0, 1);
    session.duplicateTable(0);
    session.removeColumn(1, 0);
    session.removeTable(0);
    QCOMPARE(treeText(model), documentText(*session.document()));
    QVERIFY(moved.size() >= 3);
    QVERIFY(!changed.isEmpty());
    while (session.undoStack()->canUndo()) {
        session.undoStack()->undo();
        QCOMPARE(treeText(model), documentText(*session.document()));
    }
    while (session.undoStack()->canRedo()) {
        session.undoStack()->redo();
        QCOMPARE(treeText(model), documentText(*session.document()));
    }
    QCOMPARE(resets.size(), 0);

    // A rename announces just that row.
    changed.clear();
    session.renameTable(0, u"renamed"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), model.tableIndex(0));
}

void TestSchemaSession::columnIndexesSurviveTableMoves()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(&session);
    const int last = session.document()->tableCount() - 1;
    const QString name = session.document()->column(last, 1).name;
    const QPersistentModelIndex column(model.columnIndex(last, 1));
    QVERIFY(column.isValid());

    session.addTable(0);
    QCOMPARE(column.data().toString(), name);
    QCOMPARE(column.parent().row(), last + 1);
    session.moveTable(last + 1, 0);
    QCOMPARE(column.data().toString(), name);
    QCOMPARE(column.parent().row(), 0);
    QCOMPARE(column.data(SchemaTreeModel::TableRole).toInt(), 0);
    session.removeTable(1);
    QCOMPARE(column.data().toString(), name);
    session.removeTable(0);
    QVERIFY(!column.isValid());
}

void TestSchemaSession::dragAndDropMovesThroughTheUndoStack()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(&session);
    const QByteArray start = bytes(session);
    const QString first = session.document()->column(0, 0).name;

    // Column 0 dropped before row 3 of its own table ends up at index 2.
    std::unique_ptr<QMimeData> data(model.mimeData({model.columnIndex(0, 0)}));
    QVERIFY(data);
    QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, 3, 0, model.tableIndex(0)));
    QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, model.tableIndex(1)));
    model.dropMimeData(data.get(), Qt::MoveAction, 3, 0, model.tableIndex(0));
    QCOMPARE(session.document()->column(0, 2).name, first);
    QCOMPARE(session.undoStack()->count(), 1);

    // A table dropped on the schema at row 0.
    const QString lastTable = session.document()->table(session.document()->tableCount() - 1).name;
    data.reset(model.mimeData({model.tableIndex(session.document()->tableCount() - 1)}));
    QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, model.tableIndex(0)));
    model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, model.schemaIndex());
    QCOMPARE(session.document()->table(0).name, lastTable);
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(bytes(session), start);
}

void TestSchemaSession::renameInPlace()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(&session);
    QVERIFY(model.flags(model.columnIndex(0, 0)) & Qt::ItemIsEditable);
    QVERIFY(model.setData(model.columnIndex(0, 0), u"ident"_s));
    QCOMPARE(session.document()->column(0, 0).name, u"ident"_s);
    QVERIFY(!model.setData(model.tableIndex(0), u"   "_s));
    // A name another table has, or one with a ".", is refused: references follow names.
    QVERIFY(!model.setData(model.tableIndex(0), session.document()->table(1).name));
    QVERIFY(!model.setData(model.columnIndex(0, 1), u"a.b"_s));
    QVERIFY(!session.renameColumn(0, 1, session.document()->column(0, 2).name));
    QVERIFY(!session.columnNameProblem(0, 1, session.document()->column(0, 2).name).isEmpty());
    QVERIFY(session.tableNameProblem(0, u"fresh"_s).isEmpty());
    QVERIFY(model.setData(model.schemaIndex(), u"store"_s));
    QCOMPARE(session.schema().name, u"store"_s);
    QCOMPARE(session.undoStack()->count(), 2);
}

void TestSchemaSession::problemMarksAnnounceOnlyChangedRows()
{
    SchemaSession session(loadExample(u"shop"_s));
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(&session);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Problem problem;
    problem.table = 1;
    problem.column = 2;
    problem.key = u"min"_s;
    problem.message = u"min is larger than max"_s;
    model.setProblems({problem});
    QCOMPARE(changed.size(), 2); // the column and its table
    const QModelIndex detail = model.columnIndex(1, 2, SchemaTreeModel::DetailSection);
    QVERIFY(!detail.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(detail.data(Qt::ToolTipRole).toString().contains(u"min is larger than max"_s));
    QVERIFY(model.tableIndex(1, SchemaTreeModel::DetailSection).data(Qt::ToolTipRole).toString().contains(u"min"_s));
    QVERIFY(model.columnIndex(1, 1, SchemaTreeModel::DetailSection).data(Qt::DecorationRole).isNull());
    changed.clear();
    model.setProblems({problem});
    QCOMPARE(changed.size(), 0);
    model.setProblems({});
    QCOMPARE(changed.size(), 2);
    QVERIFY(detail.data(Qt::DecorationRole).isNull());
}

void TestSchemaSession::validationRunsOffTheGuiThreadAndDropsStaleResults()
{
    SchemaSession session(loadExample(u"shop"_s));
    ValidationScheduler scheduler;
    scheduler.setDelay(20);
    QSignalSpy spy(&scheduler, &ValidationScheduler::problemsChanged);
    scheduler.setDocument(session.document());
    QTRY_VERIFY(!scheduler.isBusy());
    QVERIFY(!hasErrors(scheduler.problems()));

    // Two edits in a row: only the state after the second is reported.
    session.setConstraint(0, 0, u"unknownKey"_s, 1);
    session.setTableRows(1, -5); // a table-level problem
    spy.clear();
    QTRY_VERIFY(!spy.isEmpty() && !scheduler.isBusy());
    const Problems problems = scheduler.problems();
    QVERIFY(hasErrors(problems));
    bool unknownKey = false, badName = false;
    for (const Problem &problem : problems) {
        unknownKey |= problem.key == u"unknownKey"_s;
        badName |= problem.table == 1 && problem.column == -1;
    }
    QVERIFY(unknownKey);
    QVERIFY2(badName, qPrintable(problems.first().message));

    ProblemsModel problemsModel;
    QAbstractItemModelTester tester(&problemsModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
    problemsModel.setProblems(problems);
    QCOMPARE(problemsModel.rowCount(), problems.size());
    QVERIFY(problemsModel.errorCount() >= 2);
    QVERIFY(problemsModel.problem(0).isError());
}

void TestSchemaSession::browserListsOpenAndStoredSchemas()
{
    SchemaBrowserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto session = std::make_unique<SchemaSession>(loadExample(u"shop"_s));
    model.addSession(session.get());
    QCOMPARE(model.rowCount(model.groupIndex(SchemaBrowserModel::OpenGroup)), 1);
    QCOMPARE(model.sessionIndex(session.get()).data().toString(), u"shop"_s);
    session->renameTable(0, u"people"_s);
    QCOMPARE(model.sessionIndex(session.get()).data().toString(), u"shop •"_s);
    SchemaRecord a{1, 7, u"ada"_s, u"alpha"_s, {}, {}, 3, 0, {}};
    SchemaRecord b{2, 8, u"bob"_s, u"beta"_s, {}, {}, 1, 0, {}};
    model.setStored({a, b});
    QCOMPARE(model.rowCount(model.groupIndex(SchemaBrowserModel::StoredGroup)), 2);
    QCOMPARE(model.storedIndex(2).data().toString(), u"beta"_s);
    QCOMPARE(model.storedIndex(2).siblingAtColumn(SchemaBrowserModel::OwnerSection).data().toString(), QString());
    model.setShowOwners(true);
    QCOMPARE(model.storedIndex(2).siblingAtColumn(SchemaBrowserModel::OwnerSection).data().toString(), u"bob"_s);
    model.setStored({a});
    QVERIFY(!model.storedIndex(2).isValid());
    model.removeSession(session.get());
    QCOMPARE(model.rowCount(model.groupIndex(SchemaBrowserModel::OpenGroup)), 0);
}

void TestSchemaSession::autosaveRoundTripsPerUser()
{
    QTemporaryDir dir;
    AutosaveStore store(dir.path());
    AutosaveStore::Entry entry;
    entry.id = QUuid::createUuid();
    entry.userId = 7;
    entry.origin = SchemaSession::Origin::Stored;
    entry.storedId = 42;
    entry.storedOwnerId = 7;
    entry.storedOwner = u"ada"_s;
    entry.saved = QDateTime::currentDateTimeUtc();
    entry.schema = loadExample(u"hr"_s);
    QVERIFY(store.write(entry));
    QVERIFY(store.load(8).isEmpty());
    const QList<AutosaveStore::Entry> loaded = store.load(7);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().id, entry.id);
    QCOMPARE(loaded.first().storedId, 42);
    QCOMPARE(loaded.first().origin, SchemaSession::Origin::Stored);
    QCOMPARE(SchemaFile::serialize(loaded.first().schema), SchemaFile::serialize(entry.schema));
    store.remove(entry.id);
    QVERIFY(store.load(7).isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

QTEST_MAIN(TestSchemaSession)
#include "tst_schema_session.moc"
