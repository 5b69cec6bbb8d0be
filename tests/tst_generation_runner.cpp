// GenerationRunner: one request type for the window, the CLI and the API; runs recorded with their target.
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"
#include "format/SchemaFile.h"
#include "jobs/GenerationRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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
        Schema schema = shopExample();
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

    // SQLite has one writer: a long stored run commits as it goes, so another connection (a server's sign-in,
    // the run's progress) can write while it runs, and cancelling it still leaves no row behind.
    void storedRunLetsOthersWrite()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord erin = storage->createUser(Actor::systemActor(), newUser(u"erin"_s)).value();
        const Actor actor = Actor::of(erin);
        const SchemaRecord saved = storage->saveSchema(actor, erin.id, shop()).value();
        GenerationRequest request;
        request.schema = shop();
        request.schemaId = saved.id;
        request.rows.insert(u"customers"_s, 1000);
        request.rows.insert(u"orders"_s, 2000000);
        request.chunkRows = 1000;
        request.target = GenerationRequest::Target::StoredRun;
        std::atomic<bool> cancel = false;
        std::atomic<bool> wroteMeanwhile = false;
        QString writeProblem;
        std::unique_ptr<QThread> writer;
        qint64 runId = 0;
        GenerationRunner::Listener listener;
        listener.runStarted = [&](const RunRecord &run) {
            runId = run.id;
            writer.reset(QThread::create([&] {
                Result<UserRecord> added = storage->createUser(Actor::systemActor(), newUser(u"frank"_s));
                if (!added)
                    writeProblem = added.error().toString();
                wroteMeanwhile = true;
            }));
            writer->start();
        };
        listener.progress = [&](const GenerationJob::Progress &) {
            if (wroteMeanwhile)
                cancel = true;
        };
        const Result<GenerationRunner::Outcome> outcome =
            GenerationRunner::run(request, {storage.get(), actor}, listener, &cancel);
        const bool cancelled = !outcome && outcome.error().code == ErrorCode::Cancelled;
        if (writer)
            writer->wait();
        QVERIFY2(writeProblem.isEmpty(), qPrintable(writeProblem));
        QVERIFY2(cancelled, "the other connection could not write before the run ended");
        QCOMPARE(storage->run(actor, runId).value().status, RunRecord::Status::Cancelled);
        std::shared_ptr<Database> database = Database::open(storage->url()).value();
        QSqlDatabase db = database->connection().value();
        QSqlQuery count(db);
        QVERIFY(count.exec(u"SELECT count(*) FROM generated_data WHERE run_id = %1"_s.arg(runId)));
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toLongLong(), 0);
    }

    // A stored run exported again through the runner: the very bytes of a direct export of the same seed,
    // with progress and the planned tables, and no new run recorded.
    void storedRunExportsLikeADirectExport()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord dora = storage->createUser(Actor::systemActor(), newUser(u"dora"_s)).value();
        const Actor actor = Actor::of(dora);
        const SchemaRecord saved = storage->saveSchema(actor, dora.id, shop()).value();
        GenerationRequest store;
        store.schema = shop();
        store.schemaId = saved.id;
        store.seed = 23;
        store.target = GenerationRequest::Target::StoredRun;
        const Result<GenerationRunner::Outcome> stored =
            GenerationRunner::run(store, {storage.get(), actor}, {});
        QVERIFY2(stored, qPrintable(problemOf(stored)));

        GenerationRequest direct;
        direct.schema = shop();
        direct.seed = 23;
        direct.exportOptions.path = m_dir.filePath(u"direct"_s);
        QVERIFY(GenerationRunner::run(direct, {}, {}));

        GenerationRequest again;
        again.sourceRunId = stored->runId;
        again.chunkRows = 7; // pages that do not line up with the generation's chunks
        again.exportOptions.path = m_dir.filePath(u"again"_s);
        QList<GenerationRunner::TablePlanInfo> planned;
        QList<GenerationJob::Progress> progress;
        GenerationRunner::Listener listener;
        listener.planned = [&](const QList<GenerationRunner::TablePlanInfo> &tables) { planned = tables; };
        listener.progress = [&](const GenerationJob::Progress &each) { progress << each; };
        listener.runStarted = [](const RunRecord &) { QFAIL("a re-export records no run"); };
        const Result<GenerationRunner::Outcome> exported =
            GenerationRunner::run(again, {storage.get(), actor}, listener);
        QVERIFY2(exported, qPrintable(problemOf(exported)));
        QCOMPARE(exported->runId, 0);
        QCOMPARE(exported->target, again.exportOptions.path);
        QCOMPARE(planned.size(), shop().tables.size());
        QCOMPARE(planned.first().name, u"customers"_s);
        QCOMPARE(planned.first().rows, 50);
        const qint64 total = stored->summary.rows;
        QCOMPARE(exported->summary.rows, total);
        QVERIFY(exported->summary.bytes > 0);
        QCOMPARE(exported->rowCounts, stored->rowCounts);
        QVERIFY(progress.size() > 10);
        QCOMPARE(progress.last().rowsDone, total);
        QCOMPARE(progress.last().rowsTotal, total);
        QCOMPARE(progress.last().table, int(planned.size()) - 1);
        const QStringList files = QDir(direct.exportOptions.path).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), shop().tables.size());
        QCOMPARE(QDir(again.exportOptions.path).entryList(QDir::Files, QDir::Name), files);
        for (const QString &file : files) {
            const QByteArray bytes = read(m_dir.filePath(u"again/"_s + file));
            QVERIFY(bytes.size() > 100);
            QCOMPARE(bytes, read(m_dir.filePath(u"direct/"_s + file)));
        }
        QCOMPARE(storage->runs(actor, 0).value().size(), 1);

        // A run whose rows went to files has none to export, and says where they went.
        GenerationRequest files2 = direct;
        files2.schemaId = saved.id;
        files2.exportOptions.path = m_dir.filePath(u"files-run"_s);
        const qint64 filesRun = GenerationRunner::run(files2, {storage.get(), actor}, {})->runId;
        again.sourceRunId = filesRun;
        again.exportOptions.path = m_dir.filePath(u"nothing"_s);
        const Result<GenerationRunner::Outcome> refused =
            GenerationRunner::run(again, {storage.get(), actor}, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
        QVERIFY(refused.error().message.contains(files2.exportOptions.path));
        QVERIFY(!QFileInfo::exists(again.exportOptions.path) ||
                QDir(again.exportOptions.path).entryList(QDir::Files).isEmpty());
        // Another user does not see the run; without storage there is nothing to read.
        const UserRecord eve = storage->createUser(Actor::systemActor(), newUser(u"eve"_s)).value();
        again.sourceRunId = stored->runId;
        QCOMPARE(GenerationRunner::run(again, {storage.get(), Actor::of(eve)}, {}).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(GenerationRunner::run(again, {}, {}).error().code, ErrorCode::Unsupported);
    }

    // Cancelled between pages: the sink is aborted and no file is left.
    void cancelledReExportLeavesNoFile()
    {
        std::unique_ptr<Repository> storage = m_databases.freshRepository();
        const UserRecord finn = storage->createUser(Actor::systemActor(), newUser(u"finn"_s)).value();
        const Actor actor = Actor::of(finn);
        const SchemaRecord saved = storage->saveSchema(actor, finn.id, shop()).value();
        GenerationRequest store;
        store.schema = shop();
        store.schemaId = saved.id;
        store.target = GenerationRequest::Target::StoredRun;
        const Result<GenerationRunner::Outcome> stored =
            GenerationRunner::run(store, {storage.get(), actor}, {});
        QVERIFY2(stored, qPrintable(problemOf(stored)));

        for (const bool singleFile : {false, true}) {
            GenerationRequest again;
            again.sourceRunId = stored->runId;
            again.chunkRows = 10;
            again.formatId = u"sql"_s;
            again.exportOptions.singleFile = singleFile;
            again.exportOptions.path =
                m_dir.filePath(singleFile ? u"cancelled-export.sql"_s : u"cancelled-export"_s);
            std::atomic<bool> cancel = false;
            qint64 lastDone = 0;
            GenerationRunner::Listener listener;
            listener.progress = [&](const GenerationJob::Progress &progress) {
                lastDone = progress.rowsDone;
                if (progress.table == 1 && progress.rowsDone >= 70)
                    cancel = true;
            };
            const Result<GenerationRunner::Outcome> outcome =
                GenerationRunner::run(again, {storage.get(), actor}, listener, &cancel);
            QVERIFY(!outcome);
            QCOMPARE(outcome.error().code, ErrorCode::Cancelled);
            QCOMPARE(lastDone, 70); // stopped before the next page
            if (singleFile)
                QVERIFY(!QFileInfo::exists(again.exportOptions.path));
            else
                QVERIFY(QDir(again.exportOptions.path).entryList(QDir::Files).isEmpty());
            QVERIFY(QDir(m_dir.path()).entryList({u"cancelled-export.sql*"_s}, QDir::Files).isEmpty());
        }
    }

    // A stored run goes to files or a database, not into storage again; its row counts are its own.
    void checkRefusesAReExportIntoStorage()
    {
        GenerationRequest request;
        request.sourceRunId = 5;
        request.schemaId = 3;
        request.target = GenerationRequest::Target::StoredRun;
        Result<void> checked = request.check();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode::InvalidInput);
        QCOMPARE(checked.error().message,
                 u"run 5 is in storage already; export it to files or a database instead"_s);
        QCOMPARE(GenerationRunner::run(request, {}, {}).error().message, checked.error().message);

        request.target = GenerationRequest::Target::Files;
        request.exportOptions.path = m_dir.filePath(u"unused"_s);
        QVERIFY(request.check());
        request.rows.insert(u"orders"_s, 10);
        QVERIFY(!request.check());
        request.rows.clear();
        request.sourceRunId = -1;
        QVERIFY(!request.check());
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
