// The schema editor's reference date: shown greyed as the date in effect while unset, fixed with the
// checkbox, changed with the keyboard, each edit one undoable step, and the document's JSON follows.

#include "editors/SchemaEditor.h"
#include "format/SchemaFile.h"
#include "session/SchemaSession.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QUndoStack>

#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

class TestSchemaEditor : public QObject
{
    Q_OBJECT

private slots:
    void referenceDateIsEditedAndUndone();
};

void TestSchemaEditor::referenceDateIsEditedAndUndone()
{
    Schema schema;
    schema.name = u"films"_s;
    schema.created = QDateTime(QDate(2025, 5, 17), QTime(9, 30), Qt::UTC);
    SchemaSession session(schema);
    SchemaEditor editor;
    editor.setSession(&session);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    auto *fixed = editor.findChild<QCheckBox *>(u"schemaReferenceDateSet"_s);
    auto *date = editor.findChild<QDateEdit *>(u"schemaReferenceDate"_s);
    QVERIFY(fixed && date);
    // Unset: the date in effect (created's) is shown, and cannot be typed into.
    QVERIFY(!fixed->isChecked());
    QVERIFY(!date->isEnabled());
    QCOMPARE(date->date(), QDate(2025, 5, 17));

    QTest::mouseClick(fixed, Qt::LeftButton, {}, QPoint(4, fixed->height() / 2));
    QVERIFY(fixed->isChecked());
    QVERIFY(date->isEnabled());
    QCOMPARE(session.schema().referenceDate, QDate(2025, 5, 17));
    QCOMPARE(session.undoStack()->count(), 1);
    QVERIFY(SchemaFile::serialize(session.schema()).contains("\"referenceDate\": \"2025-05-17\""));

    // The year section is the first: select it, type a new year.
    date->setFocus();
    date->setSelectedSection(QDateTimeEdit::YearSection);
    QTest::keyClicks(date, u"2024"_s);
    QTRY_COMPARE(session.schema().referenceDate, QDate(2024, 5, 17));
    QCOMPARE(session.undoStack()->count(), 1); // typing merges with fixing the date: one step

    session.undoStack()->undo();
    QVERIFY(!session.schema().referenceDate.isValid());
    QVERIFY(!fixed->isChecked());
    QVERIFY(!date->isEnabled());
    QCOMPARE(date->date(), QDate(2025, 5, 17));
    session.undoStack()->redo();
    QCOMPARE(session.schema().referenceDate, QDate(2024, 5, 17));
    QVERIFY(fixed->isChecked());
    QCOMPARE(date->date(), QDate(2024, 5, 17));

    // FABRICA_SCREENSHOT_DIR: the editor with a fixed date, to look at.
    if (const QString dir = qEnvironmentVariable("FABRICA_SCREENSHOT_DIR"); !dir.isEmpty()) {
        editor.resize(700, 260);
        QVERIFY(editor.grab().save(dir + u"/schema-editor-reference-date.png"_s));
    }

    // Unchecking clears it again.
    QTest::mouseClick(fixed, Qt::LeftButton, {}, QPoint(4, fixed->height() / 2));
    QVERIFY(!session.schema().referenceDate.isValid());
    QVERIFY(!SchemaFile::serialize(session.schema()).contains("referenceDate"));
}

QTEST_MAIN(TestSchemaEditor)
#include "tst_schema_editor.moc"
