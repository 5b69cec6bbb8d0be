// JobService and the jobs in storage: queued runs claimed atomically, progress, cancel, stale runs, and two
// instances on one database never running the same job. Every test runs on SQLite and PostgreSQL.
#include "ExampleSchemas.h"
#include "StorageTestSupport.h"
#include "generate/GenerationJob.h"
#include "jobs/JobService.h"
#include "storage/Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fabrica;
using namespace fabrica::test;
using namespace Qt::StringLiterals;

class TestJobs : public QObject
{
    Q_OBJECT

public:
    explicit TestJobs(SqlDialect dialect)
        : m_databases(dialect)
    {
        setObjectName(u"TestJobs(%1)"_s.arg(sqlDialectId(dialect)));
    }

private:
    StorageDatabases m_databases;
    QTemporaryDir m_dir;

    static Schema small(qint64 rows = 20)
    {
        Schema schema = shopExample();
        for (Table &table : schema.tables)
            table.rows = std::min<qint64>(table.rows, rows);
        return schema;
    }

    struct Fixture
    {
        std::unique_ptr<Repository> storage;
        UserRecord user;
        Actor actor;
        SchemaRecord schema;
    };
    Fixture fixture(const QString &name, const Schema &schema = small())
    {
        Fixture f;
        f.storage = m_databases.freshRepository();
        f.user = f.storage->createUser(Actor::systemActor(), newUser(name)).value();
        f.actor = Actor::of(f.user);
        f.schema = f.storage->saveSchema(f.actor, f.user.id, schema).value();
        return f;
    }
    static GenerationRequest storedRequest(const Fixture &f, const Schema &schema = small())
    {
        GenerationRequest request;
        request.schema = schema;
        request.schemaId = f.schema.id;
        request.seed = 7;
        request.threads = 1;
        request.target = GenerationRequest::Target::StoredRun;
        return request;
    }
    static JobService::Options fast()
    {
        JobService::Options options;
        options.pollMs = 20;
        options.heartbeatMs = 50;
        options.progressMs = 0;
        return options;
    }
    static QString runsvalue(Fixture &f, qint64 id)
    {
        const RunRecord run = f.storage->run(f.actor, id).value();
        return runStatusId(run.status) + u" "_s + run.error + u" "_s + QString::number(run.rowsDone);
    }
    static RunRecord::Status statusOf(Repository &storage, const Actor &actor, qint64 runId)
    {
        return storage.run(actor, runId).value().status;
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_databases.check();
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        QVERIFY(m_dir.isValid());
    }
    void cleanupTestCase() { m_databases.dropAll(); }

    void requestJsonRoundTrip()
    {
        GenerationRequest request;
        request.schema = small();
        request.schemaId = 12;
        request.seed = 18446744073709551615ull; // more than a double keeps
        request.rows.insert(u"orders"_s, 1234567);
        request.threads = 3;
        request.chunkRows = 999;
        request.target = GenerationRequest::Target::Database;
        request.formatId = u"tsv"_s;
        request.exportOptions.path = u"/tmp/out"_s;
        request.exportOptions.delimiter = ';';
        request.exportOptions.gzip = true;
        request.exportOptions.dialect = SqlDialect::SQLite;
        request.exportOptions.batchRows = 77;
        request.database =
            DatabaseUrl::parse(
                u"postgresql://loader:s3cr%40t@db.example:5433/shop?sslmode=require&schema=t"_s)
                .value();
        request.ifExists = DatabaseSink::IfExists::Truncate;
        request.sourceRunId = 5;

        const QByteArray json = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
        QVERIFY2(!json.contains("s3cr"), json.constData());
        const Result<GenerationRequest> back =
            GenerationRequest::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back->schema.tables.size(), request.schema.tables.size());
        QCOMPARE(back->schema.tables.first().name, request.schema.tables.first().name);
        QCOMPARE(back->schemaId, 12);
        QCOMPARE(back->seed, request.seed);
        QCOMPARE(back->rows, request.rows);
        QCOMPARE(back->threads, 3);
        QCOMPARE(back->chunkRows, 999);
        QCOMPARE(back->target, GenerationRequest::Target::Database);
        QCOMPARE(back->formatId, u"tsv"_s);
        QCOMPARE(back->exportOptions.path, u"/tmp/out"_s);
        QCOMPARE(back->exportOptions.delimiter, ';');
        QVERIFY(back->exportOptions.gzip);
        QCOMPARE(back->exportOptions.dialect, SqlDialect::SQLite);
        QCOMPARE(back->exportOptions.batchRows, 77);
        QCOMPARE(back->ifExists, DatabaseSink::IfExists::Truncate);
        QCOMPARE(back->sourceRunId, 5);
        DatabaseUrl withoutPassword = request.database;
        withoutPassword.password.clear();
        QCOMPARE(back->database, withoutPassword);

        QJsonObject broken = request.toJson();
        broken.insert(u"target"_s, u"printer"_s);
        const Result<GenerationRequest> refused = GenerationRequest::fromJson(broken);
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 u"unknown target \"printer\" (targets: files, database, storage, download)"_s);
    }

    void enqueuedRunsToDone()
    {
        Fixture f = fixture(u"ann"_s);
        JobService service(*f.storage, u"instance-1"_s);
        service.setOptions(fast());
        const RunRecord queued = service.enqueue(f.actor, storedRequest(f)).value();
        QCOMPARE(queued.status, RunRecord::Status::Queued);
        QCOMPARE(statusOf(*f.storage, f.actor, queued.id), RunRecord::Status::Queued);
        QVERIFY(!f.storage->run(f.actor, queued.id).value().request.isEmpty());

        QList<qint64> progress;
        connect(
            &service, &JobService::jobProgress, this, [&](qint64, qint64 done, qint64) { progress << done; },
            Qt::DirectConnection);
        service.start(2);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*f.storage, f.actor, queued.id), RunRecord::Status::Finished,
                                  20000);
        const RunRecord run = f.storage->run(f.actor, queued.id).value();
        qint64 total = 0;
        for (const Table &table : small().tables) {
            QCOMPARE(run.rowCounts.value(table.name), table.rows);
            total += table.rows;
        }
        QCOMPARE(run.rowsTotal, total);
        QCOMPARE(run.rowsDone, total);
        QCOMPARE(run.claimedBy, u"instance-1"_s);
        QVERIFY(run.heartbeat.isValid());
        // The rows are in storage, as for a run started directly.
        QCOMPARE(f.storage->storedRows(f.actor, run.id, u"customers"_s, 0, 5).value().rows.size(), 5);
        // A job of a request that cannot run fails with the reason, and the worker goes on.
        GenerationRequest bad = storedRequest(f);
        bad.rows.insert(u"no_such_table"_s, 3);
        const RunRecord failing = service.enqueue(f.actor, bad).value();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*f.storage, f.actor, failing.id), RunRecord::Status::Failed,
                                  20000);
        QVERIFY2(f.storage->run(f.actor, failing.id).value().error.contains(u"no_such_table"_s),
                 qPrintable(f.storage->run(f.actor, failing.id).value().error));
        service.stop();
    }

    void cancelQueuedAndRunning()
    {
        Schema big = small();
        for (Table &table : big.tables)
            table.rows = 0;
        big.tables.first().rows = 50000000; // long enough to be cancelled while it runs
        Fixture f = fixture(u"bea"_s, big);
        JobService service(*f.storage, u"canceller"_s);
        service.setOptions(fast());

        const RunRecord waiting = service.enqueue(f.actor, storedRequest(f, small())).value();
        QCOMPARE(service.cancel(f.actor, waiting.id).value(), RunRecord::Status::Cancelled);
        QCOMPARE(statusOf(*f.storage, f.actor, waiting.id), RunRecord::Status::Cancelled);
        QCOMPARE(service.cancel(f.actor, waiting.id).error().code, ErrorCode::Conflict);

        GenerationRequest files = storedRequest(f, big);
        files.target = GenerationRequest::Target::Files;
        files.exportOptions.path = m_dir.filePath(u"cancelled-%1"_s.arg(sqlDialectId(m_databases.dialect())));
        files.chunkRows = 4096;
        const RunRecord running = service.enqueue(f.actor, files).value();
        service.start(1);
        QTRY_VERIFY2_WITH_TIMEOUT(f.storage->run(f.actor, running.id).value().rowsDone > 0,
                                  qPrintable(runsvalue(f, running.id)), 20000);
        // Asked through the storage, as another instance would: the worker sees it at its next progress
        // write.
        QCOMPARE(f.storage->cancelRun(f.actor, running.id).value(), RunRecord::Status::Running);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*f.storage, f.actor, running.id), RunRecord::Status::Cancelled,
                                  20000);
        QTRY_COMPARE(service.runningJobs(), 0);
        QVERIFY(QDir(files.exportOptions.path).entryList(QDir::Files).isEmpty()); // the sink rolled back
        // The cancelled queued run was never run.
        QCOMPARE(f.storage->run(f.actor, waiting.id).value().claimedBy, QString());

        // stop() cancels what runs.
        const RunRecord stopped = service.enqueue(f.actor, files).value();
        QTRY_VERIFY_WITH_TIMEOUT(f.storage->run(f.actor, stopped.id).value().rowsDone > 0, 20000);
        service.stop();
        QCOMPARE(statusOf(*f.storage, f.actor, stopped.id), RunRecord::Status::Cancelled);
        QVERIFY(QDir(files.exportOptions.path).entryList(QDir::Files).isEmpty());
    }

    void twoInstancesNeverRunTheSameJob()
    {
        Fixture f = fixture(u"cy"_s, small(5));
        Result<std::unique_ptr<Repository>> second = Repository::open(f.storage->url());
        QVERIFY(second);
        constexpr int kJobs = 24;
        QList<qint64> ids;
        for (int i = 0; i < kJobs; ++i) {
            GenerationRequest request = storedRequest(f, small(5));
            request.seed = quint64(i);
            ids << f.storage
                       ->enqueueRun(f.actor, f.schema.id, request.seed, u"storage"_s,
                                    QJsonDocument(request.toJson()).toJson())
                       .value()
                       .id;
        }
        QMutex mutex;
        QMultiHash<qint64, QString> ranBy;
        JobService a(*f.storage, u"a"_s);
        JobService b(*second.value(), u"b"_s);
        for (JobService *service : {&a, &b}) {
            service->setOptions(fast());
            connect(
                service, &JobService::jobStarted, this,
                [&, service](qint64 id) {
                    QMutexLocker lock(&mutex);
                    ranBy.insert(id, service->instanceId());
                },
                Qt::DirectConnection);
        }
        a.start(3);
        b.start(3);
        auto finished = [&] {
            int done = 0;
            for (const RunRecord &run : f.storage->runs(f.actor, f.schema.id).value())
                done += run.status == RunRecord::Status::Finished;
            return done;
        };
        QTRY_COMPARE_WITH_TIMEOUT(finished(), kJobs, 60000);
        a.stop();
        b.stop();
        QMutexLocker lock(&mutex);
        QSet<QString> instances;
        for (const qint64 id : ids) {
            QCOMPARE(ranBy.count(id), 1);
            const RunRecord run = f.storage->run(f.actor, id).value();
            QCOMPARE(run.claimedBy, ranBy.value(id));
            instances << run.claimedBy;
        }
        QCOMPARE(ranBy.size(), kJobs);
        qInfo() << "jobs per instance: a" << ranBy.keys(u"a"_s).size() << "b" << ranBy.keys(u"b"_s).size();
        QVERIFY(instances.size() >= 1);
    }

    void staleRunsAreFailed()
    {
        Fixture f = fixture(u"dee"_s);
        const RunRecord queued = f.storage
                                     ->enqueueRun(f.actor, f.schema.id, 1, u"storage"_s,
                                                  QJsonDocument(storedRequest(f).toJson()).toJson())
                                     .value();
        const std::optional<RunRecord> claimed = f.storage->claimRun(u"ghost"_s).value();
        QVERIFY(claimed);
        QCOMPARE(claimed->id, queued.id);
        QCOMPARE(claimed->status, RunRecord::Status::Running);
        QVERIFY(!f.storage->claimRun(u"other"_s).value()); // nothing else waits
        // A run started directly (the window's) has no instance and is never failed as stale.
        const RunRecord direct = f.storage->startRun(f.actor, f.schema.id, 2).value();
        QCOMPARE(f.storage->failStaleRuns(3600).value(), 0);
        QCOMPARE(statusOf(*f.storage, f.actor, queued.id), RunRecord::Status::Running);
        QThread::msleep(20);
        QCOMPARE(f.storage->failStaleRuns(0).value(), 1);
        const RunRecord failed = f.storage->run(f.actor, queued.id).value();
        QCOMPARE(failed.status, RunRecord::Status::Failed);
        QCOMPARE(failed.error, u"the instance running it stopped answering"_s);
        QVERIFY(failed.finished.isValid());
        QCOMPARE(statusOf(*f.storage, f.actor, direct.id), RunRecord::Status::Running);
        // The dead instance's worker, if it comes back, is told to stop and cannot overwrite the end.
        QCOMPARE(f.storage->updateRunProgress(f.actor, queued.id, 1, 2).value(), true);
        QVERIFY(f.storage->finishRun(f.actor, queued.id, RunRecord::Status::Cancelled, {}));
        QCOMPARE(statusOf(*f.storage, f.actor, queued.id), RunRecord::Status::Failed);
    }

    void passwordNeverStored()
    {
        Fixture f = fixture(u"eli"_s);
        GenerationRequest request = storedRequest(f);
        request.target = GenerationRequest::Target::Database;
        request.database =
            DatabaseUrl::parse(u"postgresql://loader:Sup3rSecret@127.0.0.1:1/target"_s).value();
        const RunRecord queued = JobService(*f.storage).enqueue(f.actor, request).value();
        QVERIFY(!queued.request.contains("Sup3rSecret"));
        QCOMPARE(queued.target, u"postgresql://loader@127.0.0.1:1/target"_s);
        // What is in the column itself, read past the repository.
        std::shared_ptr<Database> raw = Database::open(f.storage->url()).value();
        QSqlDatabase db = raw->connection().value();
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT request, target FROM generation_runs WHERE id = %1"_s.arg(queued.id)));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toString().contains(u"loader@127.0.0.1"_s));
        QVERIFY(!query.value(0).toString().contains(u"Sup3rSecret"_s));
        QVERIFY(!query.value(1).toString().contains(u"Sup3rSecret"_s));
    }

    // Version 4 rebuilds SQLite's generation_runs (and version 5 the schemas they reference): runs, their
    // stored rows and the indexes survive.
    void upgradeKeepsRuns()
    {
        const DatabaseUrl url = m_databases.fresh();
        std::unique_ptr<Repository> storage = Repository::open(url).value();
        const Result<int> migrated = storage->migrate(3);
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().toString()));
        QCOMPARE(*migrated, 3);
        const UserRecord user = storage->createUser(Actor::systemActor(), newUser(u"fay"_s)).value();
        const Actor actor = Actor::of(user);
        const SchemaRecord schema = storage->saveSchema(actor, user.id, small(3)).value();
        // The repository writes version 4's columns, so the version-3 run goes in by hand.
        std::shared_ptr<Database> raw = Database::open(url).value();
        QSqlDatabase db = raw->connection().value();
        QSqlQuery query(db);
        QVERIFY2(query.exec(
                     u"INSERT INTO generation_runs (id, schema_id, user_id, seed, started, finished, status, "
                     "row_counts, target, bytes) VALUES (41, %1, %2, '9', '2024-01-01T00:00:00.000Z', "
                     "'2024-01-01T00:00:01.000Z', 'finished', '{\"customers\": 3}', 'storage', 10)"_s
                         .arg(schema.id)
                         .arg(user.id)),
                 qPrintable(query.lastError().text()));
        for (int row = 0; row < 3; ++row)
            QVERIFY2(
                query.exec(
                    u"INSERT INTO generated_data (run_id, schema_id, table_name, column_name, row_index, "
                    "value) VALUES (41, %1, 'customers', 'id', %2, '%2')"_s.arg(schema.id)
                        .arg(row)),
                qPrintable(query.lastError().text()));
        RunRecord run;
        run.id = 41;
        const Result<int> upgraded = storage->migrate();
        QVERIFY2(upgraded, qPrintable(upgraded ? QString() : upgraded.error().toString()));
        QCOMPARE(*upgraded, Migrations::latestVersion(url.dialect));
        const RunRecord kept = storage->run(actor, run.id).value();
        QCOMPARE(kept.status, RunRecord::Status::Finished);
        QCOMPARE(kept.seed, 9u);
        QCOMPARE(kept.bytes, 10);
        QCOMPARE(kept.rowCounts.value(u"customers"_s), 3);
        QCOMPARE(storage->storedRows(actor, run.id, u"customers"_s, 0, 10).value().rows.size(), 3);
        QVERIFY(query.exec(m_databases.dialect() == SqlDialect::SQLite
                               ? u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                                 "'generation_runs' ORDER BY name"_s
                               : u"SELECT indexname FROM pg_indexes WHERE tablename = 'generation_runs' "
                                 "AND indexname <> 'generation_runs_pkey' ORDER BY indexname"_s));
        QStringList indexes;
        while (query.next())
            indexes << query.value(0).toString();
        QCOMPARE(indexes, (QStringList{u"generation_runs_queued"_s, u"generation_runs_schema"_s,
                                       u"generation_runs_user"_s}));
        // Deleting the run still takes its rows with it (the rebuilt table's cascade).
        QVERIFY(storage->deleteRun(actor, run.id));
        QVERIFY(query.exec(u"SELECT count(*) FROM generated_data"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return test::runOnEveryBackend<TestJobs>(argc, argv);
}

#include "tst_jobs.moc"
