// The column editor, driven like a user drives it: typing into the form and the JSON tab, the weighted
// values table, the samples list, the live examples strip; every edit checked against the document and
// undone back to the exact bytes of the schema file.

#include "ExampleSchemas.h"
#include "editors/ColumnEditor.h"
#include "editors/ConstraintField.h"
#include "editors/ConstraintForm.h"
#include "editors/ConstraintJsonEditor.h"
#include "editors/DistributionEditor.h"
#include "editors/ExamplesStrip.h"
#include "editors/JsonFieldsField.h"
#include "editors/NumberListField.h"
#include "editors/SamplesEditor.h"
#include "editors/TemporalField.h"
#include "editors/WeightBarDelegate.h"
#include "editors/WeightedValuesField.h"
#include "editors/WeightedValuesModel.h"
#include "format/SchemaFile.h"
#include "generate/ColumnPreview.h"
#include "import/ColumnProfiler.h"
#include "session/SchemaSession.h"
#include "types/TypeRegistry.h"
#include "validate/SchemaValidator.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include "widgets/TypePicker.h"

#include <QtTest>

#include <memory>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

// Indexes into examples/shop.fabrica.json.
constexpr int kCustomers = 0;
constexpr int kOrders = 1;
constexpr int kBirthDate = 4;  // customers.birth_date, date
constexpr int kBalance = 7;    // customers.balance, decimal
constexpr int kCustomerId = 1; // orders.customer_id, foreign_key
constexpr int kStatus = 4;     // orders.status, enum with weights
constexpr int kNote = 5;       // orders.note, lorem_sentence

Schema shop()
{
    return test::shopExample();
}

void retype(QWidget *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QStringList names(const QList<ConstraintField *> &fields)
{
    QStringList result;
    for (const ConstraintField *field : fields)
        result << field->objectName();
    result.sort();
    return result;
}

// The value at a path of object keys, e.g. {"dims", "constraints", "fields"}.
QJsonValue at(QJsonValue value, const QStringList &path)
{
    for (const QString &key : path)
        value = value.toObject().value(key);
    return value;
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestColumnEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void formShowsExactlyTheTypesKeys_data();
    void formShowsExactlyTheTypesKeys();
    void widgetsFitTheValueKinds();
    void absentKeyShowsDefaultAndResetRemovesIt();
    void formEditUpdatesJsonAndUndoRestoresBytes();
    void typingIsNotOverwrittenButUndoIs();
    void jsonEditUpdatesFormInOneStep();
    void jsonSyntaxErrorShowsLineColumnAndChangesNothing();
    void weightedValuesEditFollowsDocument();
    void distributionEditor();
    void dateFieldWritesIsoDates();
    void timestampFieldKeepsOffset();
    void referencePickerListsKeyColumns();
    void cardinalityField();
    void numberListField();
    void typeChangeRebuildsForm();
    void jsonFieldsTree();
    void samplesPasteIsOneUndoStep();
    void samplesAddDeleteAndCsvColumn();
    void examplesStripShowsPreview();
    void examplesStripShowsErrors();
    void followsItsColumn();
    void problemsAndFocusKey();
    void deriveFromSamplesIsOneUndoStep();
    void deriveFromSamplesKeepsKeyColumns();

private:
    ColumnEditor *open(int table, int column);
    QByteArray bytes() const { return SchemaFile::serialize(m_session->schema()); }
    template<typename T> T *editorOf(const QString &key) const
    {
        ConstraintField *field = m_editor->form()->findChild<ConstraintField *>(u"key_"_s + key);
        return field ? field->findChild<T *>() : nullptr;
    }
    ConstraintField *field(const QString &key) const
    {
        return m_editor->form()->findChild<ConstraintField *>(u"key_"_s + key);
    }
    const Column &column(int table, int index) const { return m_session->document()->column(table, index); }

    std::unique_ptr<SchemaSession> m_session;
    std::unique_ptr<ColumnEditor> m_editor;
};

void TestColumnEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestColumnEditor::init()
{
    m_session = std::make_unique<SchemaSession>(shop());
    m_editor = std::make_unique<ColumnEditor>();
    m_editor->resize(900, 800);
}

void TestColumnEditor::cleanup()
{
    m_editor.reset();
    m_session.reset();
}

ColumnEditor *TestColumnEditor::open(int table, int column)
{
    m_editor->setColumn(m_session.get(), table, column);
    m_editor->show();
    m_editor->activateWindow();
    if (!QTest::qWaitForWindowActive(m_editor.get()))
        qWarning("the editor window did not become active");
    return m_editor.get();
}

void TestColumnEditor::formShowsExactlyTheTypesKeys_data()
{
    QTest::addColumn<int>("table");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("expected");
    const QStringList common{u"key_notNull"_s,    u"key_nullPercent"_s, u"key_unique"_s,
                             u"key_primaryKey"_s, u"key_uniqueKey"_s, u"key_references"_s,  u"key_cardinality"_s,
                             u"key_databaseGenerated"_s, u"key_maxLength"_s, u"key_sqlType"_s};
    QTest::newRow("date") << kCustomers << kBirthDate
                          << common + QStringList{u"key_min"_s, u"key_max"_s, u"key_format"_s,
                                                  u"key_distribution"_s, u"key_after"_s};
    QTest::newRow("decimal") << kCustomers << kBalance
                             << common + QStringList{u"key_min"_s, u"key_max"_s, u"key_precision"_s,
                                                     u"key_scale"_s, u"key_distribution"_s, u"key_after"_s,
                                                     u"key_formula"_s};
    QTest::newRow("sequence") << kCustomers << 0 << common + QStringList{u"key_start"_s, u"key_step"_s};
    // weights has no field of its own: it is edited beside the values.
    QTest::newRow("enum") << kOrders << kStatus << common + QStringList{u"key_values"_s, u"key_weightsBy"_s};
    // foreign_key defines references itself: one field, not two.
    QTest::newRow("foreign_key") << kOrders << kCustomerId << common;
    QTest::newRow("lorem_sentence") << kOrders << kNote
                                    << common + QStringList{u"key_minWords"_s, u"key_maxWords"_s};
    QTest::newRow("first_name") << kCustomers << 1 << common + QStringList{u"key_locale"_s, u"key_gender"_s};
}

void TestColumnEditor::formShowsExactlyTheTypesKeys()
{
    QFETCH(int, table);
    QFETCH(int, column);
    QFETCH(QStringList, expected);
    open(table, column);
    expected.sort();
    QCOMPARE(names(m_editor->form()->findChildren<ConstraintField *>()), expected);
    // Each field explains its key and marks it when required.
    const DataType *type = TypeRegistry::instance().find(this->column(table, column).type);
    QVERIFY(type);
    for (ConstraintField *field : m_editor->form()->findChildren<ConstraintField *>()) {
        const ConstraintKey *key = TypeRegistry::instance().key(*type, field->key().name);
        QVERIFY(key);
        QVERIFY2(field->toolTip().startsWith(key->description), qPrintable(field->objectName()));
        const auto *label = m_editor->form()->findChild<QLabel *>(u"label_"_s + key->name);
        QVERIFY(label);
        QCOMPARE(label->text().endsWith(u" *"_s), key->required);
    }
}

void TestColumnEditor::widgetsFitTheValueKinds()
{
    open(kCustomers, kBalance);
    QVERIFY(editorOf<QCheckBox>(u"notNull"_s));
    QVERIFY(editorOf<QDoubleSpinBox>(u"nullPercent"_s));
    QCOMPARE(editorOf<QDoubleSpinBox>(u"nullPercent"_s)->maximum(), 100.0);
    QVERIFY(editorOf<QDoubleSpinBox>(u"max"_s));
    QCOMPARE(editorOf<QSpinBox>(u"precision"_s)->minimum(), 1);
    QCOMPARE(editorOf<QSpinBox>(u"precision"_s)->maximum(), 1000);
    QVERIFY(editorOf<DistributionEditor>(u"distribution"_s));
    QVERIFY(editorOf<QComboBox>(u"references"_s)->isEditable());
    QVERIFY(editorOf<QComboBox>(u"cardinality"_s));

    open(kCustomers, 0); // sequence: start and step span 64 bits, more than a spin box holds
    auto *start = editorOf<QLineEdit>(u"start"_s);
    QVERIFY(start);
    QVERIFY(!editorOf<QSpinBox>(u"start"_s));
    QCOMPARE(start->text(), u"1"_s);
    retype(start, u"9007199254740993"_s); // 2^53 + 1: a double would round it
    QCOMPARE(column(kCustomers, 0).constraints.value(u"start"_s).toInteger(), 9007199254740993LL);
    retype(start, u"-9007199254740991"_s);
    QVERIFY(bytes().contains("\"start\": -9007199254740991"));
    // Beyond 64 bits: 18 nines are written while typing, 19 are refused and marked.
    retype(start, u"9999999999999999999"_s);
    QCOMPARE(start->property("invalid").toBool(), true);
    QCOMPARE(column(kCustomers, 0).constraints.value(u"start"_s).toInteger(), 999999999999999999LL);

    open(kCustomers, kBirthDate);
    QVERIFY(editorOf<QDateEdit>(u"min"_s));
    QVERIFY(editorOf<QLineEdit>(u"format"_s));
    open(kCustomers, 1);
    QCOMPARE(editorOf<QComboBox>(u"gender"_s)->count(), 3);
}

void TestColumnEditor::absentKeyShowsDefaultAndResetRemovesIt()
{
    open(kOrders, kStatus);
    ConstraintField *nullPercent = field(u"nullPercent"_s);
    auto *spin = editorOf<QDoubleSpinBox>(u"nullPercent"_s);
    auto *reset = nullPercent->findChild<QToolButton *>(u"reset"_s);
    QVERIFY(spin && reset);
    QVERIFY(!nullPercent->isSet());
    QVERIFY(reset->isHidden());
    QCOMPARE(spin->property("defaulted").toBool(), true);
    QCOMPARE(spin->value(), 0.0);

    // notNull is set (true); its reset removes the key.
    ConstraintField *notNull = field(u"notNull"_s);
    QVERIFY(notNull->isSet());
    auto *notNullReset = notNull->findChild<QToolButton *>(u"reset"_s);
    QVERIFY(!notNullReset->isHidden());
    const QByteArray before = bytes();
    QTest::mouseClick(notNullReset, Qt::LeftButton);
    QVERIFY(!column(kOrders, kStatus).constraints.contains(u"notNull"_s));
    QVERIFY(notNullReset->isHidden());
    QCOMPARE(notNull->findChild<QCheckBox *>()->isChecked(), false); // the default
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QVERIFY(notNull->findChild<QCheckBox *>()->isChecked());
    QVERIFY(!notNullReset->isHidden());
}

void TestColumnEditor::formEditUpdatesJsonAndUndoRestoresBytes()
{
    open(kCustomers, kBalance);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    auto *max = editorOf<QDoubleSpinBox>(u"max"_s);
    retype(max, u"5000"_s);
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"max"_s).toDouble(), 5000.0);
    QCOMPARE(m_session->undoStack()->count(), steps + 1); // typing 5, 50, 500, 5000 merged
    QCOMPARE(parseObject(m_editor->jsonEditor()->editor()->toPlainText()).value(u"max"_s).toDouble(), 5000.0);
    const QByteArray afterMax = bytes();

    QTest::mouseClick(field(u"unique"_s)->findChild<QCheckBox *>(), Qt::LeftButton);
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"unique"_s), QJsonValue(true));
    QVERIFY(parseObject(m_editor->jsonEditor()->editor()->toPlainText()).value(u"unique"_s).toBool());
    QCOMPARE(m_session->undoStack()->count(), steps + 2);

    m_session->undoStack()->undo();
    QCOMPARE(bytes(), afterMax);
    QVERIFY(!parseObject(m_editor->jsonEditor()->editor()->toPlainText()).contains(u"unique"_s));
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(max->value(), 10000.0);
    QCOMPARE(parseObject(m_editor->jsonEditor()->editor()->toPlainText()),
             column(kCustomers, kBalance).constraints);
}

void TestColumnEditor::typingIsNotOverwrittenButUndoIs()
{
    open(kCustomers, kBalance);
    auto *max = editorOf<QDoubleSpinBox>(u"max"_s);
    max->setFocus();
    retype(max, u"1234.50"_s);
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"max"_s).toDouble(), 1234.5);
    QCOMPARE(max->text(), u"1234.50"_s); // what the user typed, not reformatted by the document's answer
    auto *description = m_editor->findChild<QLineEdit *>(u"columnDescription"_s);
    description->setFocus();
    retype(description, u"Credit "_s);
    QCOMPARE(column(kCustomers, kBalance).description, u"Credit "_s);
    QCOMPARE(description->text(), u"Credit "_s);
    m_session->undoStack()->undo(); // the description, typed in one step
    QCOMPARE(description->text(), u"Store credit in the shop's currency."_s);
    m_session->undoStack()->undo();
    QCOMPARE(max->value(), 10000.0);
}

void TestColumnEditor::jsonEditUpdatesFormInOneStep()
{
    open(kCustomers, kBalance);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    auto *tabs = m_editor->findChild<QTabWidget *>(u"columnTabs"_s);
    QPlainTextEdit *json = m_editor->findChild<QPlainTextEdit *>(u"jsonEdit"_s);
    QVERIFY(json);
    tabs->setCurrentWidget(m_editor->jsonEditor());
    json->setFocus();
    QTRY_VERIFY(json->hasFocus());
    QTest::keyClick(json, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(json, uR"({"max": 300, "min": 10, "notNull": true, "scale": 1})"_s);
    const QJsonObject expected{{u"max"_s, 300}, {u"min"_s, 10}, {u"notNull"_s, true}, {u"scale"_s, 1}};
    QTRY_COMPARE(column(kCustomers, kBalance).constraints, expected);
    QCOMPARE(m_session->undoStack()->count(), steps + 1);
    QCOMPARE(editorOf<QDoubleSpinBox>(u"max"_s)->value(), 300.0);
    QCOMPARE(editorOf<QDoubleSpinBox>(u"min"_s)->value(), 10.0);
    QCOMPARE(editorOf<QSpinBox>(u"scale"_s)->value(), 1);
    QVERIFY(json->hasFocus());
    QCOMPARE(json->toPlainText(),
             uR"({"max": 300, "min": 10, "notNull": true, "scale": 1})"_s); // left as typed
    QVERIFY(m_editor->jsonEditor()->errorText().isEmpty());

    // A form edit rewrites the JSON once the JSON editor is left.
    editorOf<QSpinBox>(u"scale"_s)->setFocus();
    retype(editorOf<QSpinBox>(u"scale"_s), u"3"_s);
    QCOMPARE(parseObject(json->toPlainText()).value(u"scale"_s).toInt(), 3);

    m_session->undoStack()->undo();
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(editorOf<QDoubleSpinBox>(u"max"_s)->value(), 10000.0);
}

void TestColumnEditor::jsonSyntaxErrorShowsLineColumnAndChangesNothing()
{
    open(kCustomers, kBalance);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    m_editor->findChild<QTabWidget *>(u"columnTabs"_s)->setCurrentWidget(m_editor->jsonEditor());
    QPlainTextEdit *json = m_editor->jsonEditor()->editor();
    json->setFocus();
    json->selectAll();
    QTest::keyClicks(json, u"{\"max\": 300,"_s);
    QTest::keyClick(json, Qt::Key_Return);
    QTest::keyClicks(json, u"  \"min\": }"_s);
    auto *error = m_editor->findChild<QLabel *>(u"jsonError"_s);
    QVERIFY(error);
    QTRY_VERIFY(!error->isHidden());
    QCOMPARE(error->text(), u"line 2, column 11: object is missing after a comma"_s);
    QTest::qWait(ConstraintJsonEditor::kPauseMs + 100);
    QCOMPARE(bytes(), before);
    QCOMPARE(m_session->undoStack()->count(), steps);
    QCOMPARE(editorOf<QDoubleSpinBox>(u"max"_s)->value(), 10000.0);

    // Valid JSON that is not an object changes nothing either.
    json->selectAll();
    QTest::keyClicks(json, u"[1, 2]"_s);
    QTRY_COMPARE(error->text(), u"the constraints must be a JSON object: { \"key\": value, … }"_s);
    QCOMPARE(bytes(), before);

    // Fixing it applies it and clears the message.
    json->selectAll();
    QTest::keyClicks(json, u"{\"max\": 300}"_s);
    QTRY_VERIFY(error->isHidden());
    QCOMPARE(column(kCustomers, kBalance).constraints, (QJsonObject{{u"max"_s, 300}}));
}

void TestColumnEditor::weightedValuesEditFollowsDocument()
{
    open(kOrders, kStatus);
    auto *values = qobject_cast<WeightedValuesField *>(field(u"values"_s));
    QVERIFY(values);
    QCOMPARE(m_editor->form()->field(u"weights"_s), values);
    WeightedValuesModel *model = values->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->index(0, 0).data().toString(), u"delivered"_s);
    QCOMPARE(model->index(0, 1).data(WeightedValuesModel::ShareRole).toDouble(), 0.7);
    QCOMPARE(WeightBarDelegate::label(model->index(3, 1)), u"5 · 5.0 %"_s);

    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    QTest::mouseClick(values->findChild<QToolButton *>(u"addValue"_s), Qt::LeftButton);
    // The new value comes with a weight, in one step.
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"values"_s).toArray().size(), 5);
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"weights"_s).toArray(),
             (QJsonArray{70, 15, 10, 5, 1}));
    QCOMPARE(m_session->undoStack()->count(), steps + 1);
    const QByteArray added = bytes();

    // The name cell is being edited: type the value.
    QTableView *view = values->view();
    QWidget *cellEditor = view->indexWidget(view->currentIndex());
    if (!cellEditor)
        cellEditor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(cellEditor));
    retype(cellEditor, u"returned"_s);
    QTest::keyClick(cellEditor, Qt::Key_Return); // the delegate commits from the event loop
    QTRY_COMPARE(column(kOrders, kStatus).constraints.value(u"values"_s).toArray().last().toString(),
                 u"returned"_s);
    const QByteArray named = bytes();

    // Its weight, through the bar delegate's spin box.
    const QModelIndex weight = model->index(4, WeightedValuesModel::WeightColumn);
    view->setCurrentIndex(weight);
    view->edit(weight);
    auto *spin = view->findChild<QDoubleSpinBox *>(u"weightEditor"_s);
    QVERIFY(spin);
    retype(spin, u"20"_s);
    QTest::keyClick(spin, Qt::Key_Return);
    QTRY_COMPARE(column(kOrders, kStatus).constraints.value(u"weights"_s).toArray(),
                 (QJsonArray{70, 15, 10, 5, 20}));
    QCOMPARE(WeightBarDelegate::label(model->index(4, 1)), u"20 · 16.7 %"_s);
    QCOMPARE(m_session->undoStack()->count(), steps + 3);

    // Reordering moves value and weight together.
    view->setCurrentIndex(model->index(4, 0));
    QTest::mouseClick(values->findChild<QToolButton *>(u"moveValueUp"_s), Qt::LeftButton);
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"values"_s).toArray().at(3).toString(),
             u"returned"_s);
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"weights"_s).toArray(),
             (QJsonArray{70, 15, 10, 20, 5}));

    m_session->undoStack()->undo();
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), named);
    QCOMPARE(model->weight(4), 1.0);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), added);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(model->rowCount(), 4);

    // Equal weights drops the key.
    QTest::mouseClick(values->findChild<QToolButton *>(u"equalWeights"_s), Qt::LeftButton);
    QVERIFY(!column(kOrders, kStatus).constraints.contains(u"weights"_s));
    QCOMPARE(model->share(0), 0.25);
    // Removing a row removes its weight too (the list stays consistent).
    m_session->undoStack()->undo();
    view->setCurrentIndex(model->index(1, 0));
    view->selectRow(1);
    QTest::mouseClick(values->findChild<QToolButton *>(u"removeValue"_s), Qt::LeftButton);
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"values"_s).toArray(),
             (QJsonArray{u"delivered"_s, u"pending"_s, u"cancelled"_s}));
    QCOMPARE(column(kOrders, kStatus).constraints.value(u"weights"_s).toArray(), (QJsonArray{70, 10, 5}));
}

void TestColumnEditor::distributionEditor()
{
    open(kCustomers, kBalance);
    auto *editor = editorOf<DistributionEditor>(u"distribution"_s);
    QVERIFY(editor);
    QCOMPARE(editor->nameBox()->currentText(), u"uniform"_s);
    QVERIFY(!editor->parameterEdit(u"stddev"_s));
    editor->nameBox()->setCurrentIndex(editor->nameBox()->findText(u"normal"_s));
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"distribution"_s).toObject(),
             (QJsonObject{{u"name"_s, u"normal"_s}}));
    QLineEdit *stddev = editor->parameterEdit(u"stddev"_s);
    QVERIFY(stddev && editor->parameterEdit(u"mean"_s));
    QCOMPARE(stddev->objectName(), u"param_stddev"_s);
    QTest::keyClicks(stddev, u"250.5"_s);
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"distribution"_s).toObject(),
             (QJsonObject{{u"name"_s, u"normal"_s}, {u"stddev"_s, 250.5}}));
    // poisson takes lambda only: the stddev goes.
    editor->nameBox()->setCurrentIndex(editor->nameBox()->findText(u"poisson"_s));
    QCOMPARE(column(kCustomers, kBalance).constraints.value(u"distribution"_s).toObject(),
             (QJsonObject{{u"name"_s, u"poisson"_s}}));
    QVERIFY(editor->parameterEdit(u"lambda"_s));
    QVERIFY(!editor->parameterEdit(u"stddev"_s));
    // Edits of one key merge into one step; undo shows the default again.
    const QByteArray poisson = bytes();
    m_session->undoStack()->undo();
    QVERIFY(!column(kCustomers, kBalance).constraints.contains(u"distribution"_s));
    QCOMPARE(editor->nameBox()->currentText(), u"uniform"_s);
    QCOMPARE(editor->property("defaulted").toBool(), true);
    m_session->undoStack()->redo();
    QCOMPARE(bytes(), poisson);
    QCOMPARE(editor->nameBox()->currentText(), u"poisson"_s);
}

void TestColumnEditor::dateFieldWritesIsoDates()
{
    open(kCustomers, kBirthDate);
    auto *min = editorOf<QDateEdit>(u"min"_s);
    QCOMPARE(min->date(), QDate(1950, 1, 1));
    min->setFocus();
    min->setSelectedSection(QDateTimeEdit::YearSection);
    QTest::keyClick(min, Qt::Key_Up);
    QCOMPARE(column(kCustomers, kBirthDate).constraints.value(u"min"_s).toString(), u"1951-01-01"_s);
    const Problems problems = SchemaValidator().validate(m_session->schema());
    QVERIFY(!hasErrors(problems));
}

void TestColumnEditor::timestampFieldKeepsOffset()
{
    open(kCustomers, 5); // signup_ts, timestamp
    auto *min = editorOf<QDateTimeEdit>(u"min"_s);
    QVERIFY(min);
    QCOMPARE(min->dateTime(), QDateTime(QDate(2015, 1, 1), QTime(0, 0), Qt::UTC));
    min->setSelectedSection(QDateTimeEdit::SecondSection);
    QTest::keyClick(min, Qt::Key_Up);
    QCOMPARE(column(kCustomers, 5).constraints.value(u"min"_s).toString(), u"2015-01-01T00:00:01"_s);

    // An offset stays as it was; a fraction is written when there is one.
    QString offset;
    const QDateTime moment =
        TemporalField::parse(ValueKind::Timestamp, u"2024-02-29T13:45:00.250+01:00"_s, &offset);
    QCOMPARE(offset, u"+01:00"_s);
    QCOMPARE(moment.time(), QTime(13, 45, 0, 250));
    QCOMPARE(TemporalField::format(ValueKind::Timestamp, moment.addSecs(1), offset),
             u"2024-02-29T13:45:01.250+01:00"_s);
    QCOMPARE(TemporalField::format(ValueKind::Time, moment), u"13:45:00.250"_s);
    QVERIFY(!TemporalField::parse(ValueKind::Date, u"2023-02-29"_s).isValid());
}

void TestColumnEditor::referencePickerListsKeyColumns()
{
    open(kOrders, kCustomerId);
    auto *combo = editorOf<QComboBox>(u"references"_s);
    QVERIFY(combo);
    // Primary keys and unique columns (customers.email is unique), not the column itself.
    QStringList items;
    for (int i = 0; i < combo->count(); ++i)
        items << combo->itemText(i);
    QCOMPARE(items, (QStringList{u"customers.id"_s, u"customers.email"_s, u"orders.id"_s}));
    QCOMPARE(combo->currentText(), u"customers.id"_s);
    combo->setCurrentIndex(2);
    QCOMPARE(column(kOrders, kCustomerId).constraints.value(u"references"_s).toString(), u"orders.id"_s);
    // Emptied, the key goes; half-typed text that is no "table.column" yet is not written.
    retype(combo->lineEdit(), u"customers"_s);
    QVERIFY(!column(kOrders, kCustomerId).constraints.contains(u"references"_s));
    QCOMPARE(combo->property("invalid").toBool(), true);
    QTest::keyClicks(combo->lineEdit(), u"."_s);
    QVERIFY(!column(kOrders, kCustomerId).constraints.contains(u"references"_s));
    QTest::keyClicks(combo->lineEdit(), u"id"_s);
    QCOMPARE(combo->property("invalid").toBool(), false);
    QCOMPARE(column(kOrders, kCustomerId).constraints.value(u"references"_s).toString(), u"customers.id"_s);
}

void TestColumnEditor::cardinalityField()
{
    open(kOrders, kCustomerId);
    const QByteArray before = bytes();
    auto *mode = field(u"cardinality"_s)->findChild<QComboBox *>(u"cardinalityMode"_s);
    QVERIFY(mode);
    QCOMPARE(mode->currentIndex(), 0);
    mode->setCurrentIndex(1);
    QCOMPARE(column(kOrders, kCustomerId).constraints.value(u"cardinality"_s).toObject(),
             (QJsonObject{{u"min"_s, 1}, {u"max"_s, 3}}));
    retype(field(u"cardinality"_s)->findChild<QSpinBox *>(u"cardinalityMax"_s), u"5"_s);
    QCOMPARE(column(kOrders, kCustomerId).constraints.value(u"cardinality"_s).toObject(),
             (QJsonObject{{u"min"_s, 1}, {u"max"_s, 5}}));
    mode->setCurrentIndex(2);
    QCOMPARE(
        at(column(kOrders, kCustomerId).constraints.value(u"cardinality"_s), {u"distribution"_s, u"name"_s}),
        QJsonValue(u"poisson"_s));
    mode->setCurrentIndex(0);
    QVERIFY(!column(kOrders, kCustomerId).constraints.contains(u"cardinality"_s));
    QCOMPARE(bytes(), before);
}

void TestColumnEditor::numberListField()
{
    ConstraintKey key;
    key.name = u"weights"_s;
    key.kind = ValueKind::NumberList;
    std::unique_ptr<ConstraintField> created(ConstraintForm::createField(key, nullptr));
    auto *field = qobject_cast<NumberListField *>(created.get());
    QVERIFY(field);
    QSignalSpy edited(field, &ConstraintField::edited);
    auto *line = field->findChild<QLineEdit *>();
    QTest::keyClicks(line, u"70, 2.5, x"_s);
    QCOMPARE(line->property("invalid").toBool(), true);
    const KeyChanges last = edited.last().at(0).value<KeyChanges>();
    QCOMPARE(last.first().value, QJsonValue(QJsonArray{70, 2.5})); // the last list that was whole
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, u"1e2"_s);
    QCOMPARE(edited.last().at(0).value<KeyChanges>().first().value, QJsonValue(QJsonArray{70, 2.5, 100}));
    QCOMPARE(line->property("invalid").toBool(), false);
    field->setConstraints({{u"weights"_s, QJsonArray{1, 0.5}}});
    QCOMPARE(line->text(), u"1, 0.5"_s);
}

void TestColumnEditor::typeChangeRebuildsForm()
{
    open(kCustomers, kBalance);
    const QByteArray before = bytes();
    auto *type = m_editor->findChild<TypePicker *>(u"typeField"_s);
    QVERIFY(type);
    QCOMPARE(type->typeId(), u"decimal"_s);
    QVERIFY(field(u"scale"_s));
    // Chosen the way a user does: type into the picker, Enter.
    auto *search = type->findChild<QLineEdit *>(u"typeSearch"_s);
    QVERIFY(search);
    search->setFocus();
    search->selectAll();
    QTest::keyClicks(search, u"integer"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(column(kCustomers, kBalance).type, u"integer"_s);
    QVERIFY(!column(kCustomers, kBalance).constraints.contains(u"scale"_s));
    QVERIFY(!field(u"scale"_s));
    QVERIFY(editorOf<QSpinBox>(u"min"_s)); // 32-bit integer bounds
    QCOMPARE(editorOf<QSpinBox>(u"max"_s)->value(), 10000);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(type->typeId(), u"decimal"_s);
    QVERIFY(field(u"scale"_s));
}

void TestColumnEditor::jsonFieldsTree()
{
    const QJsonObject fields = parseObject(uR"({
        "size": {"type": "enum", "constraints": {"values": ["S", "M"]}},
        "dims": {"type": "json", "constraints": {"fields": {"w": {"type": "integer", "constraints": {"min": 1}}}}}
    })"_s);
    Schema schema = shop();
    schema.tables[kOrders].columns[kNote] = Column{u"note"_s, u"json"_s, {{u"fields"_s, fields}}, {}, {}};
    m_session = std::make_unique<SchemaSession>(schema);
    open(kOrders, kNote);
    const QByteArray before = bytes();
    auto *jsonField = qobject_cast<JsonFieldsField *>(field(u"fields"_s));
    QVERIFY(jsonField);
    QStandardItemModel *model = jsonField->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 2);
    QStandardItem *dims = model->item(0, JsonFieldsField::NameColumn);
    QCOMPARE(dims->text(), u"dims"_s);
    QCOMPARE(dims->rowCount(), 1);
    QCOMPARE(dims->child(0, JsonFieldsField::TypeColumn)->text(), u"integer"_s);
    QCOMPARE(dims->child(0, JsonFieldsField::ConstraintsColumn)->text(), u"{\"min\":1}"_s);
    QCOMPARE(jsonField->fieldsFromTree().value(), fields);

    // A nested field added to dims reaches the document.
    jsonField->tree()->setCurrentIndex(dims->index());
    QTest::mouseClick(jsonField->findChild<QToolButton *>(u"addNestedField"_s), Qt::LeftButton);
    QCOMPARE(at(column(kOrders, kNote).constraints.value(u"fields"_s),
                {u"dims"_s, u"constraints"_s, u"fields"_s, u"field"_s, u"type"_s}),
             QJsonValue(u"string"_s));
    // Constraints that are no JSON object are refused with a message.
    QStandardItem *w = dims->child(0, JsonFieldsField::ConstraintsColumn);
    w->setText(u"{min: 1"_s);
    QVERIFY(!jsonField->errorText().isEmpty());
    QCOMPARE(at(column(kOrders, kNote).constraints.value(u"fields"_s),
                {u"dims"_s, u"constraints"_s, u"fields"_s, u"w"_s}),
             at(fields, {u"dims"_s, u"constraints"_s, u"fields"_s, u"w"_s}));
    w->setText(u"{\"min\": 5}"_s);
    QVERIFY(jsonField->errorText().isEmpty());
    QCOMPARE(at(column(kOrders, kNote).constraints.value(u"fields"_s),
                {u"dims"_s, u"constraints"_s, u"fields"_s, u"w"_s, u"constraints"_s, u"min"_s}),
             QJsonValue(5));
    // A repeated name is refused too.
    model->item(1, JsonFieldsField::NameColumn)->setText(u"dims"_s);
    QVERIFY(jsonField->errorText().contains(u"used twice"_s));
    QVERIFY(column(kOrders, kNote).constraints.value(u"fields"_s).toObject().contains(u"size"_s));

    // The edits of the key merged into one step; its undo comes back to the tree.
    QCOMPARE(m_session->undoStack()->count(), 1);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(model->item(0)->rowCount(), 1);
    QVERIFY(jsonField->errorText().isEmpty());
}

void TestColumnEditor::samplesPasteIsOneUndoStep()
{
    open(kCustomers, 1);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    QListView *list = m_editor->findChild<QListView *>(u"samplesList"_s);
    QVERIFY(list);
    QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QApplication::clipboard()->setText(u"Ada\r\nGrace\nKatherine\n"_s);
    QTest::mouseClick(m_editor->findChild<QPushButton *>(u"pasteSamples"_s), Qt::LeftButton);
    QCOMPARE(column(kCustomers, 1).samples, (QStringList{u"Ada"_s, u"Grace"_s, u"Katherine"_s}));
    QCOMPARE(m_session->undoStack()->count(), steps + 1);
    QCOMPARE(list->model()->rowCount(), 3);
    QCOMPARE(list->model()->index(2, 0).data().toString(), u"Katherine"_s);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(list->model()->rowCount(), 0);
}

void TestColumnEditor::samplesAddDeleteAndCsvColumn()
{
    open(kCustomers, 1);
    m_editor->findChild<QTabWidget *>(u"columnTabs"_s)->setCurrentWidget(m_editor->samplesEditor());
    QListView *list = m_editor->findChild<QListView *>(u"samplesList"_s);
    const int steps = m_session->undoStack()->count();
    QTest::mouseClick(m_editor->findChild<QPushButton *>(u"addSample"_s), Qt::LeftButton);
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(m_session->undoStack()->count(), steps); // nothing typed yet
    QWidget *cell = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(cell));
    QTest::keyClicks(cell, u"Zoe"_s);
    QTest::keyClick(cell, Qt::Key_Return);
    QTRY_COMPARE(column(kCustomers, 1).samples, QStringList{u"Zoe"_s});
    QCOMPARE(m_session->undoStack()->count(), steps + 1);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"people.csv"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("id,name\n1,Ada\n2,\"Grace, Admiral\"\n3,\n4,Linus\n");
    file.close();
    QSignalSpy loaded(m_editor->samplesEditor(), &SamplesEditor::loaded);
    m_editor->samplesEditor()->loadCsv(path);
    QVERIFY(loaded.wait());
    auto *chooser = m_editor->findChild<QComboBox *>(u"csvColumn"_s);
    QVERIFY(chooser->isVisible());
    QCOMPARE(chooser->count(), 2);
    chooser->setCurrentIndex(1);
    QTest::mouseClick(m_editor->findChild<QPushButton *>(u"useCsvColumn"_s), Qt::LeftButton);
    // The NULL of row 3 is no sample.
    QCOMPARE(column(kCustomers, 1).samples, (QStringList{u"Ada"_s, u"Grace, Admiral"_s, u"Linus"_s}));
    QVERIFY(!chooser->isVisible());

    list->selectionModel()->select(list->model()->index(1, 0), QItemSelectionModel::ClearAndSelect);
    QTest::mouseClick(m_editor->findChild<QPushButton *>(u"deleteSamples"_s), Qt::LeftButton);
    QCOMPARE(column(kCustomers, 1).samples, (QStringList{u"Ada"_s, u"Linus"_s}));

    m_editor->samplesEditor()->loadCsv(dir.filePath(u"missing.csv"_s));
    QVERIFY(loaded.wait());
    QVERIFY(m_editor->samplesEditor()->statusText().contains(u"missing.csv"_s));
    QCOMPARE(column(kCustomers, 1).samples, (QStringList{u"Ada"_s, u"Linus"_s}));
}

void TestColumnEditor::examplesStripShowsPreview()
{
    open(kOrders, kStatus);
    ExamplesStrip *strip = m_editor->findChild<ExamplesStrip *>(u"examplesStrip"_s);
    QVERIFY(strip);
    const auto expected = ColumnPreview::values(m_session->schema(), kOrders, kStatus, 42, 10);
    QVERIFY(expected.ok());
    QCOMPARE(expected->size(), 10);
    QTRY_COMPARE(strip->values(), *expected);
    const QList<QLabel *> chips = strip->findChildren<QLabel *>(u"exampleValue"_s);
    QCOMPARE(chips.size(), 10);
    QCOMPARE(chips.first()->text(), *expected->first());

    m_editor->setSeed(7);
    const auto seven = ColumnPreview::values(m_session->schema(), kOrders, kStatus, 7, 10);
    QVERIFY(seven.ok() && *seven != *expected);
    QTRY_COMPARE(strip->values(), *seven);

    // An edit of the column shows up in the strip.
    m_session->setConstraint(kOrders, kStatus, u"weights"_s, QJsonArray{0, 0, 0, 1});
    QTRY_COMPARE(strip->values(), ColumnPreview::Values(10, u"cancelled"_s));

    // NULLs come out as such.
    open(kOrders, kNote);
    const auto notes = ColumnPreview::values(m_session->schema(), kOrders, kNote, 7, 10);
    QVERIFY(notes.ok() && notes->contains(std::nullopt));
    QTRY_COMPARE(strip->values(), *notes);
}

void TestColumnEditor::examplesStripShowsErrors()
{
    open(kOrders, kStatus);
    ExamplesStrip *strip = m_editor->examplesStrip();
    QTRY_COMPARE(strip->values().size(), 10);
    m_session->setConstraint(kOrders, kStatus, u"weights"_s, QJsonArray{1, 2});
    QString expected;
    for (const Problem &problem : SchemaValidator().validate(m_session->schema())) {
        if (problem.isError())
            expected = problem.message;
    }
    QVERIFY(!expected.isEmpty());
    QTRY_COMPARE(strip->errorText(), expected);
    QVERIFY(strip->values().isEmpty());
    QVERIFY(strip->findChild<QLabel *>(u"examplesError"_s)->isVisible());
    m_session->undoStack()->undo();
    QTRY_COMPARE(strip->values().size(), 10);
    QVERIFY(strip->errorText().isEmpty());
}

void TestColumnEditor::followsItsColumn()
{
    open(kOrders, kStatus);
    auto *name = m_editor->findChild<QLineEdit *>(u"columnName"_s);
    QCOMPARE(name->text(), u"status"_s);
    m_session->removeColumn(kOrders, kNote); // after it: no change
    QCOMPARE(m_editor->columnIndex(), kStatus);
    m_session->moveColumn(kOrders, kStatus, 0);
    QCOMPARE(m_editor->columnIndex(), 0);
    m_session->moveColumn(kOrders, 1, 3); // before it → after it: no change
    QCOMPARE(m_editor->columnIndex(), 0);
    m_session->addColumn(kOrders, 0);
    QCOMPARE(m_editor->columnIndex(), 1);
    m_session->moveTable(kOrders, 0);
    QCOMPARE(m_editor->tableIndex(), 0);
    m_session->addTable(0);
    QCOMPARE(m_editor->tableIndex(), 1);
    m_session->removeTable(0);
    QCOMPARE(m_editor->tableIndex(), 0);
    QCOMPARE(m_session->document()->column(m_editor->tableIndex(), m_editor->columnIndex()).name,
             u"status"_s);
    // Still wired to its column: an edit elsewhere in the editor lands on it.
    retype(name, u"state"_s);
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(m_session->document()->column(0, 1).name, u"state"_s);
    QSignalSpy moved(m_editor.get(), &ColumnEditor::columnMoved);
    m_session->removeColumn(0, 1);
    QCOMPARE(m_editor->tableIndex(), -1);
    QCOMPARE(m_editor->columnIndex(), -1);
    QCOMPARE(moved.size(), 1);
    QVERIFY(!m_editor->isEnabled());
    QVERIFY(name->text().isEmpty());
}

void TestColumnEditor::problemsAndFocusKey()
{
    open(kOrders, kStatus);
    m_session->setConstraint(kOrders, kStatus, u"weights"_s, QJsonArray{1, 2});
    m_session->setConstraint(kOrders, kStatus, u"colour"_s, u"red"_s); // no key of enum
    const Problems problems = SchemaValidator().validate(m_session->schema());
    QVERIFY(hasErrors(problems));
    m_editor->setProblems(problems);
    ConstraintField *values = field(u"values"_s);
    QVERIFY(values->problem().contains(u"weights has 2 entries but values has 4"_s));
    QVERIFY(values->findChild<QLabel *>(u"problemIcon"_s)->isVisible());
    QVERIFY(values->toolTip().contains(values->problem()));
    QVERIFY(field(u"notNull"_s)->problem().isEmpty());
    auto *other = m_editor->findChild<QLabel *>(u"otherProblems"_s);
    QVERIFY(other->isVisible());
    QVERIFY(other->text().startsWith(u"colour: unknown constraint"_s));

    m_editor->focusKey(u"weights"_s);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus && values->isAncestorOf(focus));
    m_editor->focusKey(u"colour"_s);
    auto *tabs = m_editor->findChild<QTabWidget *>(u"columnTabs"_s);
    QCOMPARE(tabs->currentWidget(), m_editor->jsonEditor());
    QCOMPARE(m_editor->jsonEditor()->editor()->textCursor().selectedText(), u"\"colour\""_s);

    m_editor->setProblems({});
    QVERIFY(values->problem().isEmpty());
    QVERIFY(!other->isVisible());
}

// "Derive from Samples": offered once the column has samples, applies ColumnProfiler::apply as one undo
// step (type and constraints at once), shows the report lines; by the button and by its shortcut.
void TestColumnEditor::deriveFromSamplesIsOneUndoStep()
{
    open(kCustomers, 1); // first_name, no samples
    QAction *derive = m_editor->deriveAction();
    auto *button = m_editor->findChild<QToolButton *>(u"deriveFromSamplesButton"_s);
    auto *report = m_editor->findChild<QLabel *>(u"deriveReport"_s);
    QVERIFY(derive && button && report);
    QVERIFY(button->isVisible());
    QVERIFY(!derive->isEnabled());
    QVERIFY(!button->isEnabled());
    QVERIFY(!report->isVisible());

    // Genre names, as a music store's INSERT rows would give them: few distinct values, repeated.
    QStringList genres;
    for (int i = 0; i < 40; ++i)
        genres << u"Rock"_s;
    for (int i = 0; i < 20; ++i)
        genres << u"Jazz"_s;
    for (int i = 0; i < 10; ++i)
        genres << u"Blues"_s << u"Metal"_s;
    QApplication::clipboard()->setText(genres.join(u'\n'));
    QTest::mouseClick(m_editor->findChild<QPushButton *>(u"pasteSamples"_s), Qt::LeftButton);
    QCOMPARE(column(kCustomers, 1).samples, genres);
    QVERIFY(derive->isEnabled());
    QVERIFY(button->isEnabled());

    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    Column expected = column(kCustomers, 1);
    const QStringList lines = ColumnProfiler().apply(expected);
    QVERIFY(!lines.isEmpty());
    QVERIFY(expected != column(kCustomers, 1)); // the test means something: deriving changes the column
    QSignalSpy status(m_editor.get(), &ColumnEditor::statusMessage);

    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(column(kCustomers, 1), expected);
    QCOMPARE(column(kCustomers, 1).type, u"enum"_s); // four names: weighted choices
    QCOMPARE(m_session->undoStack()->count(), steps + 1);
    QCOMPARE(m_session->undoStack()->undoText(), u"Derive customers.first_name from its samples"_s);
    QVERIFY(report->isVisible());
    for (const QString &line : lines)
        QVERIFY2(report->text().contains(line), qPrintable(report->text()));
    QVERIFY(report->text().startsWith(u"Derived first_name from its samples: "_s));
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.first().first().toString(), report->text());
    // The editor shows the new type and its constraints.
    QCOMPARE(m_editor->findChild<TypePicker *>(u"typeField"_s)->typeId(), u"enum"_s);
    QCOMPARE(QJsonDocument::fromJson(m_editor->jsonEditor()->editor()->toPlainText().toUtf8()).object(),
             expected.constraints);

    // One undo restores the exact bytes; the shortcut derives again.
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);
    QCOMPARE(m_editor->findChild<TypePicker *>(u"typeField"_s)->typeId(), u"first_name"_s);
    m_editor->findChild<QLineEdit *>(u"columnName"_s)->setFocus();
    QTest::keyClick(m_editor.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(column(kCustomers, 1), expected);
    QCOMPARE(m_session->undoStack()->count(), steps + 1);
    m_session->undoStack()->undo();
    QCOMPARE(bytes(), before);

    // Another column hides the report about this one.
    open(kCustomers, 2);
    QVERIFY(!report->isVisible());
    QVERIFY(!derive->isEnabled());

    if (!qEnvironmentVariableIsEmpty("FABRICA_SCREENSHOT_DIR")) {
        open(kCustomers, 1);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *strip = m_editor->findChild<ExamplesStrip *>(u"examplesStrip"_s);
        QTRY_VERIFY(!strip->values().isEmpty());
        QTest::qWait(100); // the rebuilt form lays out
        QVERIFY(m_editor->grab().save(QDir(qEnvironmentVariable("FABRICA_SCREENSHOT_DIR"))
                                          .filePath(u"column-derive-from-samples.png"_s)));
    }
}

void TestColumnEditor::deriveFromSamplesKeepsKeyColumns()
{
    // A foreign key's samples never limit its values: the column stays as it is, the report says why,
    // and no empty undo step is pushed.
    QStringList ids{u"1"_s, u"1"_s, u"2"_s, u"3"_s};
    m_session->setSamples(kOrders, kCustomerId, ids);
    open(kOrders, kCustomerId);
    const QByteArray before = bytes();
    const int steps = m_session->undoStack()->count();
    QVERIFY(m_editor->deriveAction()->isEnabled());
    QTest::mouseClick(m_editor->findChild<QToolButton *>(u"deriveFromSamplesButton"_s), Qt::LeftButton);
    QCOMPARE(bytes(), before);
    QCOMPARE(m_session->undoStack()->count(), steps);
    const QString text = m_editor->findChild<QLabel *>(u"deriveReport"_s)->text();
    QVERIFY2(text.startsWith(u"customer_id already follows its samples: "_s), qPrintable(text));
    QVERIFY2(text.contains(u"key column"_s), qPrintable(text));

    // Numbers take the observed range.
    m_session->setSamples(kCustomers, kBalance, {u"0.99"_s, u"1.99"_s, u"0.99"_s, u"12.50"_s});
    open(kCustomers, kBalance);
    QTest::mouseClick(m_editor->findChild<QToolButton *>(u"deriveFromSamplesButton"_s), Qt::LeftButton);
    const QJsonObject constraints = column(kCustomers, kBalance).constraints;
    QCOMPARE(constraints.value(u"min"_s).toDouble(), 0.99);
    QCOMPARE(constraints.value(u"max"_s).toDouble(), 12.5);
}

QTEST_MAIN(TestColumnEditor)
#include "tst_column_editor.moc"
