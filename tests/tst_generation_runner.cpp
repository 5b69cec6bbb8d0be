// GenerationRunner: one request type for the window, the CLI and the API; runs recorded with their target.
#include "StorageTestSupport.h"
#include "format/SchemaFile.h"
#include "jobs/GenerationRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fabrica;
using namespace fabrica::test;
using namespace Qt::StringLiterals;

class TestGenerationRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    StorageDatabases m_databases{SqlDialect::SQLite};

    static Schema shop()
    {
        Schema schema =
            SchemaFile::load(QStringLiteral(FABRICA_TEST_SOURCE_DIR "/examples/shop.fabrica.json")).value();
        for (Table &table : schema.tables)
            table.rows = std::min<qint64>(table.rows, 50);
        return schema;
    }

    template<typename T> static QString problemOf(const Result<T> &result)
    {
        return result ? QString() : result.error().toString();
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void checkSaysWhatIsWrong_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::newRow("threads") << u"threads must be from 1 to 256 (or 0 for one per core), found 300"_s;
        QTest::newRow("chunk") << u"rows per chunk must be from 1 to 1000000, found 0"_s;
        QTest::newRow("negative rows") << u"rows of table \"orders\" must be 0 or more, found -1"_s;
        QTest::newRow("format") << u"unknown format \"xml\" (formats: csv, tsv, json, ndjson, sql)"_s;
        QTest::newRow("path") << u"no file or folder to export to"_s;
        QTest::newRow("stored")
            << u"only a schema saved in storage can keep its data there; save the schema first"_s;
    }
    void checkSaysWhatIsWrong()
    {
        QFETCH(QString, expected);
        GenerationRequest request;
        request.schema = shop();
        request.exportOptions.path = m_dir.filePath(u"out"_s);
        const QByteArray tag = QTest::currentDataTag();
        if (tag == "threads")
            request.threads = 300;
        else if (tag == "chunk")
            request.chunkRows = 0;
        else if (tag == "negative rows")
            request.rows.insert(u"orders"_s, -1);
        else if (tag == "format")
            request.formatId = u"xml"_s;
        else if (tag == "path")
            request.exportOptions.path.clear();
        else if (tag == "stored")
            request.target = GenerationRequest::Target::StoredRun;
        const Result<void> checked = request.check();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode::InvalidInput);
        QCOMPARE(checked.error().message, expected);
        QVERIFY(!GenerationRunner::run(request, {}, {}));
    }

    // Files for a stored schema: the bytes of a run without storage, and a run recorded with its target.
    void filesOfAStoredSchemaAreRecorded()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord alice = storage->createUser(Actor::systemActor(), newUser(u"alice"_s)).value();
        const Actor actor = Actor::of(alice);
        const SchemaRecord saved = storage->saveSchema(actor, alice.id, shop()).value();

        GenerationRequest request;
        request.schema = shop();
        request.seed = 11;
        request.threads = 2;
        request.formatId = u"sql"_s;
        request.exportOptions.path = m_dir.filePath(u"plain.sql"_s);
        request.exportOptions.singleFile = true;
        QList<GenerationRunner::TablePlanInfo> planned;
        qint64 lastDone = 0;
        GenerationRunner::Listener listener;
        listener.planned = [&](const QList<GenerationRunner::TablePlanInfo> &tables) { planned = tables; };
        listener.progress = [&](const GenerationJob::Progress &progress) { lastDone = progress.rowsDone; };
        const Result<GenerationRunner::Outcome> plain = GenerationRunner::run(request, {}, listener);
        QVERIFY2(plain, qPrintable(problemOf(plain)));
        QCOMPARE(plain->runId, 0);
        QCOMPARE(planned.size(), request.schema.tables.size());
        QCOMPARE(planned.first().name, u"customers"_s);
        QCOMPARE(lastDone, plain->summary.rows);

        request.schemaId = saved.id;
        request.threads = 1;
        request.exportOptions.path = m_dir.filePath(u"recorded.sql"_s);
        RunRecord announced;
        listener.runStarted = [&](const RunRecord &run) { announced = run; };
        const Result<GenerationRunner::Outcome> recorded =
            GenerationRunner::run(request, {storage.get(), actor}, listener);
        QVERIFY2(recorded, qPrintable(problemOf(recorded)));
        QCOMPARE(read(request.exportOptions.path), read(m_dir.filePath(u"plain.sql"_s)));
        QVERIFY(recorded->runId > 0);
        QCOMPARE(announced.id, recorded->runId);
        const RunRecord run = storage->run(actor, recorded->runId).value();
        QCOMPARE(run.status, RunRecord::Status::Finished);
        QCOMPARE(run.target, request.exportOptions.path);
        QCOMPARE(run.seed, 11u);
        QCOMPARE(run.bytes, recorded->summary.bytes);
        QCOMPARE(run.rowCounts.value(u"orders"_s), 50);
        QCOMPARE(storage->runs(actor, 0).value().size(), 1);
        QCOMPARE(storage->runs(actor, saved.id + 1).value().size(), 0);
        QVERIFY(storage->deleteRun(actor, run.id));
        QCOMPARE(storage->runs(actor, saved.id).value().size(), 0);
    }

    void storedRunKeepsTheRows()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord bob = storage->createUser(Actor::systemActor(), newUser(u"bob"_s)).value();
        const Actor actor = Actor::of(bob);
        const SchemaRecord saved = storage->saveSchema(actor, bob.id, shop()).value();
        GenerationRequest request;
        request.schema = shop();
        request.schemaId = saved.id;
        request.target = GenerationRequest::Target::StoredRun;
        const Result<GenerationRunner::Outcome> outcome =
            GenerationRunner::run(request, {storage.get(), actor}, {});
        QVERIFY2(outcome, qPrintable(problemOf(outcome)));
        const RunRecord run = storage->run(actor, outcome->runId).value();
        QCOMPARE(run.target, u"storage"_s);
        QCOMPARE(run.status, RunRecord::Status::Finished);
        const StoredRows rows = storage->storedRows(actor, run.id, u"orders"_s, 0, 100).value();
        QCOMPARE(rows.rows.size(), 50);
        // Without storage there is nowhere to keep them.
        QCOMPARE(GenerationRunner::run(request, {}, {}).error().code, ErrorCode::Unsupported);
    }

    // Cancelled: the run says so, no file appears, and a running run cannot be deleted.
    void cancelledLeavesNothing()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord carol = storage->createUser(Actor::systemActor(), newUser(u"carol"_s)).value();
        const Actor actor = Actor::of(carol);
        const SchemaRecord saved = storage->saveSchema(actor, carol.id, shop()).value();
        GenerationRequest request;
        request.schema = shop();
        request.schemaId = saved.id;
        request.rows.insert(u"orders"_s, 200000);
        request.chunkRows = 1000;
        request.exportOptions.path = m_dir.filePath(u"cancelled"_s);
        std::atomic<bool> cancel = false;
        qint64 runningId = 0;
        GenerationRunner::Listener listener;
        listener.runStarted = [&](const RunRecord &run) {
            runningId = run.id;
            QCOMPARE(storage->deleteRun(actor, run.id).error().code, ErrorCode::Conflict);
        };
        listener.progress = [&](const GenerationJob::Progress &progress) {
            if (progress.rowsDone >= 5000)
                cancel = true;
        };
        const Result<GenerationRunner::Outcome> outcome =
            GenerationRunner::run(request, {storage.get(), actor}, listener, &cancel);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, ErrorCode::Cancelled);
        QVERIFY(QDir(request.exportOptions.path).entryList(QDir::Files).isEmpty());
        QCOMPARE(storage->run(actor, runningId).value().status, RunRecord::Status::Cancelled);
        QVERIFY(storage->deleteRun(actor, runningId));
    }

    // A SQLite target that a failed load created is removed again.
    void failedLoadRemovesANewSqliteFile()
    {
        GenerationRequest request;
        request.schema = shop();
        request.target = GenerationRequest::Target::Database;
        request.database = DatabaseUrl::sqliteFile(m_dir.filePath(u"target.sqlite"_s));
        std::atomic<bool> cancel = true;
        const Result<GenerationRunner::Outcome> outcome = GenerationRunner::run(request, {}, {}, &cancel);
        QVERIFY(!outcome);
        QVERIFY(!QFile::exists(request.database.path));
        cancel = false;
        const Result<GenerationRunner::Outcome> loaded = GenerationRunner::run(request, {}, {}, &cancel);
        QVERIFY2(loaded, qPrintable(problemOf(loaded)));
        QCOMPARE(loaded->target, request.database.displayString());
        QVERIFY(QFile::exists(request.database.path));
    }
};

QTEST_GUILESS_MAIN(TestGenerationRunner)
#include "tst_generation_runner.moc"
