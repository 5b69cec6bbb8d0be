// The schema document: every edit changes the schema and announces itself before and after.
#include "model/SchemaDocument.h"

#include <QSignalSpy>
#include <QtTest>

using namespace fabrica;

namespace {

Schema shop()
{
    Schema schema;
    schema.name = QStringLiteral("shop");
    Table customers{QStringLiteral("customers"), {}, 10, {}};
    customers.columns = {
        Column{QStringLiteral("id"), QStringLiteral("sequence"), QJsonObject{{QStringLiteral("primaryKey"), true}}, {}, {}},
        Column{QStringLiteral("email"), QStringLiteral("email"), {}, {}, {}},
    };
    Table orders{QStringLiteral("orders"), {}, 30, {}};
    orders.columns = {
        Column{QStringLiteral("id"), QStringLiteral("sequence"), {}, {}, {}},
        Column{QStringLiteral("customer_id"), QStringLiteral("foreign_key"),
               QJsonObject{{QStringLiteral("references"), QStringLiteral("customers.id")}}, {}, {}},
    };
    schema.tables = {customers, orders};
    return schema;
}

// Records the order of the document's signals as readable strings.
class Recorder : public QObject
{
public:
    explicit Recorder(SchemaDocument *document)
    {
        connect(document, &SchemaDocument::tableAboutToBeInserted, this, [this, document](int i) {
            log << QStringLiteral("aboutToInsertTable %1 count=%2").arg(i).arg(document->tableCount());
        });
        connect(document, &SchemaDocument::tableInserted, this, [this, document](int i) {
            log << QStringLiteral("insertedTable %1 count=%2").arg(i).arg(document->tableCount());
        });
        connect(document, &SchemaDocument::tableAboutToBeRemoved, this,
                [this](int i) { log << QStringLiteral("aboutToRemoveTable %1").arg(i); });
        connect(document, &SchemaDocument::tableRemoved, this,
                [this](int i) { log << QStringLiteral("removedTable %1").arg(i); });
        connect(document, &SchemaDocument::tableAboutToBeMoved, this,
                [this](int f, int t) { log << QStringLiteral("aboutToMoveTable %1 %2").arg(f).arg(t); });
        connect(document, &SchemaDocument::tableMoved, this,
                [this](int f, int t) { log << QStringLiteral("movedTable %1 %2").arg(f).arg(t); });
        connect(document, &SchemaDocument::tableChanged, this,
                [this](int i) { log << QStringLiteral("tableChanged %1").arg(i); });
        connect(document, &SchemaDocument::columnAboutToBeInserted, this,
                [this](int t, int c) { log << QStringLiteral("aboutToInsertColumn %1 %2").arg(t).arg(c); });
        connect(document, &SchemaDocument::columnInserted, this,
                [this](int t, int c) { log << QStringLiteral("insertedColumn %1 %2").arg(t).arg(c); });
        connect(document, &SchemaDocument::columnAboutToBeRemoved, this,
                [this](int t, int c) { log << QStringLiteral("aboutToRemoveColumn %1 %2").arg(t).arg(c); });
        connect(document, &SchemaDocument::columnRemoved, this,
                [this](int t, int c) { log << QStringLiteral("removedColumn %1 %2").arg(t).arg(c); });
        connect(document, &SchemaDocument::columnAboutToBeMoved, this, [this](int t, int f, int to) {
            log << QStringLiteral("aboutToMoveColumn %1 %2 %3").arg(t).arg(f).arg(to);
        });
        connect(document, &SchemaDocument::columnMoved, this, [this](int t, int f, int to) {
            log << QStringLiteral("movedColumn %1 %2 %3").arg(t).arg(f).arg(to);
        });
        connect(document, &SchemaDocument::columnChanged, this,
                [this](int t, int c) { log << QStringLiteral("columnChanged %1 %2").arg(t).arg(c); });
        connect(document, &SchemaDocument::propertiesChanged, this, [this] { log << QStringLiteral("properties"); });
        connect(document, &SchemaDocument::aboutToBeReset, this, [this] { log << QStringLiteral("aboutToReset"); });
        connect(document, &SchemaDocument::wasReset, this, [this] { log << QStringLiteral("reset"); });
    }
    QStringList log;
};

} // namespace

class TestModel : public QObject
{
    Q_OBJECT

private slots:
    void insertTableAnnouncesBeforeAndAfter()
    {
        SchemaDocument document(shop());
        Recorder recorder(&document);
        QSignalSpy modified(&document, &SchemaDocument::modifiedChanged);
        document.insertTable(1, Table{QStringLiteral("products"), {}, 5, {}});
        QCOMPARE(recorder.log, QStringList({QStringLiteral("aboutToInsertTable 1 count=2"),
                                            QStringLiteral("insertedTable 1 count=3")}));
        QCOMPARE(document.table(1).name, QStringLiteral("products"));
        QCOMPARE(document.table(2).name, QStringLiteral("orders"));
        QVERIFY(document.isModified());
        QCOMPARE(modified.count(), 1);
    }

    void takeAndMoveTables()
    {
        SchemaDocument document(shop());
        Recorder recorder(&document);
        document.moveTable(0, 1);
        QCOMPARE(document.table(0).name, QStringLiteral("orders"));
        const Table taken = document.takeTable(1);
        QCOMPARE(taken.name, QStringLiteral("customers"));
        QCOMPARE(document.tableCount(), 1);
        QCOMPARE(recorder.log, QStringList({QStringLiteral("aboutToMoveTable 0 1"), QStringLiteral("movedTable 0 1"),
                                            QStringLiteral("aboutToRemoveTable 1"), QStringLiteral("removedTable 1")}));
    }

    void columnEdits()
    {
        SchemaDocument document(shop());
        Recorder recorder(&document);
        document.insertColumn(0, 2, Column{QStringLiteral("name"), QStringLiteral("full_name"), {}, {}, {}});
        document.moveColumn(0, 2, 1);
        document.setColumnType(0, 1, QStringLiteral("first_name"));
        document.setColumnType(0, 1, QStringLiteral("first_name")); // unchanged: no signal
        document.setColumnSamples(0, 1, {QStringLiteral("Ada")});
        const Column removed = document.takeColumn(0, 1);
        QCOMPARE(removed.type, QStringLiteral("first_name"));
        QCOMPARE(removed.samples, QStringList{QStringLiteral("Ada")});
        QCOMPARE(recorder.log,
                 QStringList({QStringLiteral("aboutToInsertColumn 0 2"), QStringLiteral("insertedColumn 0 2"),
                              QStringLiteral("aboutToMoveColumn 0 2 1"), QStringLiteral("movedColumn 0 2 1"),
                              QStringLiteral("columnChanged 0 1"), QStringLiteral("columnChanged 0 1"),
                              QStringLiteral("aboutToRemoveColumn 0 1"), QStringLiteral("removedColumn 0 1")}));
        QCOMPARE(document.table(0).columns.size(), 2);
    }

    void renamingATableRetargetsForeignKeys()
    {
        SchemaDocument document(shop());
        Recorder recorder(&document);
        document.renameTable(0, QStringLiteral("clients"));
        QCOMPARE(document.column(1, 1).constraints.value(QStringLiteral("references")).toString(),
                 QStringLiteral("clients.id"));
        QCOMPARE(recorder.log, QStringList({QStringLiteral("tableChanged 0"), QStringLiteral("columnChanged 1 1")}));
    }

    void renamingAColumnRetargetsForeignKeys()
    {
        SchemaDocument document(shop());
        document.renameColumn(0, 1, QStringLiteral("mail")); // not referenced: nothing else changes
        QCOMPARE(document.column(1, 1).constraints.value(QStringLiteral("references")).toString(),
                 QStringLiteral("customers.id"));
        document.renameColumn(0, 0, QStringLiteral("customer_no"));
        QCOMPARE(document.column(1, 1).constraints.value(QStringLiteral("references")).toString(),
                 QStringLiteral("customers.customer_no"));
        // A column of the same name in another table is not the referenced one.
        document.renameColumn(1, 0, QStringLiteral("order_no"));
        QCOMPARE(document.column(1, 1).constraints.value(QStringLiteral("references")).toString(),
                 QStringLiteral("customers.customer_no"));
    }

    void propertiesAndReset()
    {
        SchemaDocument document;
        Recorder recorder(&document);
        QSignalSpy changed(&document, &SchemaDocument::changed);
        document.setName(QStringLiteral("shop"));
        document.setName(QStringLiteral("shop"));
        document.setDescription(QStringLiteral("A shop"));
        document.setOwner(QStringLiteral("ada"));
        document.setLocale(QStringLiteral("de_DE"));
        QCOMPARE(changed.count(), 4);
        QVERIFY(document.isModified());
        document.reset(shop());
        QVERIFY(!document.isModified());
        QCOMPARE(document.schema(), shop());
        QCOMPARE(recorder.log.mid(4), QStringList({QStringLiteral("aboutToReset"), QStringLiteral("reset")}));
    }

    void tableProperties()
    {
        SchemaDocument document(shop());
        Recorder recorder(&document);
        document.setTableRows(1, 3000);
        document.setTableDescription(1, QStringLiteral("Orders"));
        document.setTableRows(1, 3000);
        QCOMPARE(document.table(1).rows, 3000);
        QCOMPARE(recorder.log, QStringList({QStringLiteral("tableChanged 1"), QStringLiteral("tableChanged 1")}));
    }

    void columnReferenceParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("customers.id") << true;
        QTest::newRow("no dot") << QStringLiteral("customers") << false;
        QTest::newRow("two dots") << QStringLiteral("a.b.c") << false;
        QTest::newRow("empty table") << QStringLiteral(".id") << false;
        QTest::newRow("empty column") << QStringLiteral("customers.") << false;
    }
    void columnReferenceParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto reference = ColumnReference::parse(text);
        QCOMPARE(reference.has_value(), valid);
        if (valid)
            QCOMPARE(reference->toString(), text);
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
