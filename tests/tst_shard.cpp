// `fabrica generate --shard K/N` (issue 14, part 4): the K-th of N contiguous row ranges of every table,
// whose files concatenated in shard order are the whole's byte for byte (CSV/TSV headers in shard 1
// only), foreign keys pointing into the whole data set, database loads that append shard after shard,
// and the K/N checks. Small row counts: the whole test takes seconds.
#include "api/RunInput.h"
#include "export/ExportFormat.h"
#include "format/SchemaFile.h"
#include "generate/Shard.h"
#include "jobs/GenerationRequest.h"
#include "jobs/GenerationRunner.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace fabrica;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeed = 20261207;

// The blog example (foreign keys, a self reference, text with quotes and line breaks) with row counts
// that no N divides: posts and tags have fewer rows than 7 shards, post_tags none.
GenerationRequest blogRequest()
{
    const QString path = qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
                         u"/examples/blog.fabrica.json"_s;
    Result<Schema> schema = SchemaFile::load(path);
    if (!schema)
        qFatal("cannot load %s: %s", qPrintable(path), qPrintable(schema.error().toString()));
    GenerationRequest request;
    request.schema = schema.value();
    request.seed = kSeed;
    request.rows = {
        {u"users"_s, 23}, {u"posts"_s, 5}, {u"comments"_s, 101}, {u"tags"_s, 3}, {u"post_tags"_s, 0}};
    request.threads = 2;
    return request;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + path.toUtf8() + '>';
    return file.readAll();
}

QByteArray gunzip(const QByteArray &compressed)
{
    QProcess gzip;
    gzip.start(u"gzip"_s, {u"-dc"_s});
    gzip.write(compressed);
    gzip.closeWriteChannel();
    if (!gzip.waitForFinished(30000) || gzip.exitCode() != 0)
        return "<gzip -dc failed: " + gzip.readAllStandardError() + '>';
    return gzip.readAllStandardOutput();
}

// Runs request; the error as text, or an empty string.
QString run(const GenerationRequest &request, GenerationRunner::Outcome *outcome = nullptr)
{
    const Result<GenerationRunner::Outcome> result = GenerationRunner::run(request, {}, {});
    if (!result)
        return result.error().toString();
    if (outcome)
        *outcome = *result;
    return {};
}

// The values of one key of every line of an NDJSON file, as text ("" for null).
QStringList ndjsonColumn(const QString &path, const QString &key)
{
    QStringList values;
    for (const QByteArray &line : readAll(path).split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonValue value = QJsonDocument::fromJson(line).object().value(key);
        values << (value.isDouble() ? QString::number(value.toDouble(), 'g', 17) : value.toString());
    }
    return values;
}

// Every row of every table of a database, in a fixed order, as text.
QStringList databaseRows(const DatabaseUrl &url, const QStringList &tables)
{
    Result<std::shared_ptr<Database>> database = Database::open(url);
    if (!database)
        return {u"<cannot open: "_s + database.error().toString() + u'>'};
    Result<QSqlDatabase> db = (*database)->connection();
    if (!db)
        return {u"<no connection: "_s + db.error().toString() + u'>'};
    QStringList rows;
    for (const QString &table : tables) {
        QSqlQuery query(*db);
        // SQLite in the order of insertion; PostgreSQL each row as its text, sorted.
        const QString sql = url.isSqlite()
                                ? u"SELECT * FROM \"%1\" ORDER BY rowid"_s.arg(table)
                                : u"SELECT x::text FROM \"%1\".\"%2\" x ORDER BY 1"_s.arg(url.schema, table);
        if (!query.exec(sql))
            return {u"<cannot read "_s + table + u": "_s + query.lastError().text() + u'>'};
        while (query.next()) {
            QStringList values{table};
            for (int c = 0; c < query.record().count(); ++c)
                values << (query.isNull(c) ? u"NULL"_s : query.value(c).toString());
            rows << values.join(u'|');
        }
    }
    return rows;
}

} // namespace

class TestShard : public QObject
{
    Q_OBJECT

private slots:
    void ranges_data()
    {
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<int>("count");
        for (const qint64 rows : {qint64(0), qint64(1), qint64(5), qint64(6), qint64(7), qint64(101)}) {
            for (const int count : {1, 2, 7})
                QTest::addRow("%lld rows in %d", rows, count) << rows << count;
        }
        QTest::addRow("2^62 rows in 7") << (qint64(1) << 62) << 7;
        QTest::addRow("2^62+5 rows in 100000") << (qint64(1) << 62) + 5 << Shard::kMaxCount;
    }

    // The N ranges are floor((K-1)·R/N) to floor(K·R/N): they tile the table in order, without overflow.
    void ranges()
    {
        QFETCH(qint64, rows);
        QFETCH(int, count);
        qint64 next = 0;
        for (int k = 1; k <= count; ++k) {
            const Shard shard{k, count};
            QCOMPARE(shard.firstRow(rows), next);
            QVERIFY(shard.endRow(rows) >= shard.firstRow(rows));
            QVERIFY(shard.rowsOf(rows) <= rows / count + 1); // as even as whole rows allow
            if (rows < qint64(1) << 40)
                QCOMPARE(shard.endRow(rows), qint64((__int128(k) * rows) / count));
            next = shard.endRow(rows);
        }
        QCOMPARE(next, rows);
        QCOMPARE((Shard{1, 7}).firstRow(6), qint64(0));
        QCOMPARE((Shard{2, 7}).firstRow(6), qint64(0)); // floor(6/7): shard 2 of 6 rows in 7 is empty
        QCOMPARE((Shard{2, 7}).endRow(6), qint64(1));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("error"); // a part of the message, or empty when it parses
        QTest::newRow("2/7") << u"2/7"_s << 2 << 7 << QString();
        QTest::newRow("1/1") << u"1/1"_s << 1 << 1 << QString();
        QTest::newRow("spaces") << u" 7 / 7 "_s << 7 << 7 << QString();
        QTest::newRow("0-based") << u"0/7"_s << 0 << 0 << u"counts from 1 to N"_s;
        QTest::newRow("past N") << u"8/7"_s << 0 << 0 << u"shard 8/7 does not exist"_s;
        QTest::newRow("no shards") << u"1/0"_s << 0 << 0 << u"from 1 to 100000, found 0"_s;
        QTest::newRow("too many") << u"1/100001"_s << 0 << 0 << u"from 1 to 100000"_s;
        QTest::newRow("no count") << u"2"_s << 0 << 0 << u"a shard is K/N"_s;
        QTest::newRow("negative") << u"-1/7"_s << 0 << 0 << u"a shard is K/N"_s;
        QTest::newRow("words") << u"two/seven"_s << 0 << 0 << u"a shard is K/N"_s;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        QFETCH(QString, error);
        const Result<Shard> shard = Shard::parse(text);
        if (error.isEmpty()) {
            QVERIFY2(shard, qPrintable(shard ? QString() : shard.error().toString()));
            QCOMPARE(shard->index, index);
            QCOMPARE(shard->count, count);
            QCOMPARE(shard->toString(), u"%1/%2"_s.arg(index).arg(count));
        } else {
            QVERIFY(!shard);
            QCOMPARE(shard.error().code, ErrorCode::InvalidInput);
            QVERIFY2(shard.error().message.contains(error), qPrintable(shard.error().message));
        }
    }

    // The request's JSON (a queued job's record, the REST API) keeps the shard in either form.
    void json()
    {
        const Result<Shard> object = Shard::fromJson(QJsonObject{{u"index"_s, 3}, {u"count"_s, 7}});
        QVERIFY(object);
        QCOMPARE(*object, (Shard{3, 7}));
        QCOMPARE(*Shard::fromJson(QJsonValue(u"3/7"_s)), (Shard{3, 7}));
        QCOMPARE(*Shard::fromJson(QJsonValue()), Shard{});
        QVERIFY(!Shard::fromJson(QJsonObject{{u"index"_s, 0}, {u"count"_s, 7}}));
        QVERIFY(!Shard::fromJson(QJsonObject{{u"index"_s, 1.5}, {u"count"_s, 7}}));
        QVERIFY(!Shard::fromJson(QJsonValue(7)));

        GenerationRequest request = blogRequest();
        request.exportOptions.path = u"/tmp/out"_s;
        request.shard = {2, 7};
        const QJsonObject saved = request.toJson();
        QCOMPARE(saved.value(u"shard"_s).toObject().value(u"count"_s).toInt(), 7);
        const Result<GenerationRequest> restored = GenerationRequest::fromJson(saved);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().toString()));
        QCOMPARE(restored->shard, (Shard{2, 7}));
        request.shard = {};
        QVERIFY(!request.toJson().contains(u"shard"_s)); // the whole: nothing new in the record
        QCOMPARE(GenerationRequest::fromJson(request.toJson())->shard, Shard{});
    }

    // POST /schemas/{id}/runs takes the shard in both forms, for a database target.
    void restInput()
    {
        const GenerationRequest blog = blogRequest();
        const QJsonObject database{{u"kind"_s, u"database"_s},
                                   {u"url"_s, u"sqlite:/tmp/tst_shard.db"_s},
                                   {u"ifExists"_s, u"append"_s}};
        for (const QJsonValue &shard :
             {QJsonValue(u"2/3"_s), QJsonValue(QJsonObject{{u"index"_s, 2}, {u"count"_s, 3}})}) {
            const Result<GenerationRequest> request =
                RunInput::request(QJsonObject{{u"shard"_s, shard}, {u"target"_s, database}}, blog.schema, 1);
            QVERIFY2(request, qPrintable(request ? QString() : request.error().toString()));
            QCOMPARE(request->shard, (Shard{2, 3}));
        }
        const Result<GenerationRequest> wrong =
            RunInput::request(QJsonObject{{u"shard"_s, u"4/3"_s}, {u"target"_s, database}}, blog.schema, 1);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::InvalidInput);
        QVERIFY2(wrong.error().message.contains(u"shard 4/3 does not exist"_s),
                 qPrintable(wrong.error().message));
        // Stored runs are whole: refused by the request's own check.
        const Result<GenerationRequest> stored =
            RunInput::request(QJsonObject{{u"shard"_s, u"1/2"_s}}, blog.schema, 1);
        QVERIFY(!stored);
        QVERIFY2(stored.error().message.contains(u"only files and databases"_s),
                 qPrintable(stored.error().message));
    }

    // Where concatenation cannot give the whole, check() says so before anything is written.
    void refused_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("singleFile");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("error");
        const int files = int(GenerationRequest::Target::Files);
        QTest::newRow("json") << u"json"_s << false << files << u"the json format frames its rows"_s;
        QTest::newRow("sql") << u"sql"_s << false << files << u"shard one of csv, tsv, ndjson"_s;
        QTest::newRow("single file") << u"csv"_s << true << files << u"one file for all tables"_s;
        QTest::newRow("storage") << u"csv"_s << false << int(GenerationRequest::Target::StoredRun)
                                 << u"only files and databases"_s;
        QTest::newRow("download") << u"csv"_s << false << int(GenerationRequest::Target::Download)
                                  << u"only files and databases"_s;
        QTest::newRow("index 0") << u"csv"_s << false << files << u"shard 0/2 does not exist"_s;
        QTest::newRow("truncate after shard 1")
            << u"csv"_s << false << int(GenerationRequest::Target::Database)
            << u"only shard 1 may empty them"_s;
    }

    void refused()
    {
        QFETCH(QString, format);
        QFETCH(bool, singleFile);
        QFETCH(int, target);
        QFETCH(QString, error);
        GenerationRequest request = blogRequest();
        request.schemaId = 1;
        request.target = GenerationRequest::Target(target);
        request.formatId = format;
        request.exportOptions.path = u"/tmp/never-written"_s;
        request.exportOptions.singleFile = singleFile;
        request.database = DatabaseUrl::sqliteFile(u"/tmp/never-written"_s);
        request.ifExists = DatabaseSink::IfExists::Truncate;
        request.shard = {QByteArray(QTest::currentDataTag()) == "index 0" ? 0 : 2, 2};
        const Result<void> checked = request.check();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode::InvalidInput);
        QVERIFY2(checked.error().message.contains(error), qPrintable(checked.error().message));
        QVERIFY(!QFileInfo::exists(u"/tmp/never-written"_s));
        // Only the shard was wrong: the same request whole passes.
        request.shard = {};
        const Result<void> whole = request.check();
        QVERIFY2(whole, qPrintable(whole ? QString() : whole.error().toString()));
    }

    void concatenated_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("header");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<int>("count");
        for (const int count : {1, 2, 7}) {
            QTest::addRow("csv in %d", count) << u"csv"_s << true << false << count;
            QTest::addRow("csv without header in %d", count) << u"csv"_s << false << false << count;
            QTest::addRow("tsv in %d", count) << u"tsv"_s << true << false << count;
            QTest::addRow("ndjson in %d", count) << u"ndjson"_s << true << false << count;
        }
        // gzip members concatenated are one valid gzip stream, not the whole's bytes: compared unpacked.
        QTest::addRow("csv.gz in 7") << u"csv"_s << true << true << 7;
    }

    // The shards' files of each table, concatenated in order, are the unsharded file byte for byte,
    // whatever the chunks each run cut its rows into.
    void concatenated()
    {
        QFETCH(QString, format);
        QFETCH(bool, header);
        QFETCH(bool, gzip);
        QFETCH(int, count);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GenerationRequest request = blogRequest();
        request.formatId = format;
        request.exportOptions.header = header;
        request.exportOptions.gzip = gzip;
        request.exportOptions.path = dir.filePath(u"whole"_s);
        QString error = run(request);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        qint64 rows = 0;
        for (int k = 1; k <= count; ++k) {
            request.shard = {k, count};
            request.chunkRows = 1 + k % 4; // chunks that never line up with the whole's
            request.threads = 1 + k % 3;
            request.exportOptions.path = dir.filePath(u"shard-%1"_s.arg(k));
            GenerationRunner::Outcome outcome;
            error = run(request, &outcome);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            rows += outcome.summary.rows;
            QCOMPARE(outcome.rowCounts.value(u"comments"_s), Shard({k, count}).rowsOf(101));
        }
        QCOMPARE(rows, qint64(23 + 5 + 101 + 3));

        const QStringList names = QDir(dir.filePath(u"whole"_s)).entryList(QDir::Files, QDir::Name);
        QCOMPARE(names.size(), 5);
        for (const QString &name : names) {
            QByteArray joined;
            for (int k = 1; k <= count; ++k) {
                const QString part = dir.filePath(u"shard-%1/"_s.arg(k) + name);
                QVERIFY2(QFileInfo::exists(part), qPrintable(part)); // every shard writes every file
                joined += readAll(part);
            }
            const QByteArray whole = readAll(dir.filePath(u"whole/"_s + name));
            if (gzip)
                QCOMPARE(gunzip(joined), gunzip(whole));
            else
                QCOMPARE(joined, whole);
            if (!name.startsWith(u"post_tags"_s))
                QVERIFY2((gzip ? gunzip(whole) : whole).count('\n') >= 3, qPrintable(name));
        }
        if (header && format != u"ndjson"_s && count > 1) {
            // The header once, in shard 1; a shard without rows of a table has an empty file.
            QVERIFY(
                readAll(dir.filePath(u"shard-1/users."_s + format + (gzip ? u".gz"_s : QString()))).size() >
                0);
            if (!gzip) {
                QVERIFY(readAll(dir.filePath(u"shard-1/users.%1"_s.arg(format))).startsWith("id"));
                QVERIFY(!readAll(dir.filePath(u"shard-2/users.%1"_s.arg(format))).startsWith("id"));
                QCOMPARE(readAll(dir.filePath(u"shard-2/post_tags.%1"_s.arg(format))), QByteArray());
            }
        }
    }

    // A child row of shard 2 points at parents anywhere in the whole data set, not only at shard 2's.
    void foreignKeysPointIntoTheWhole()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GenerationRequest request = blogRequest();
        request.formatId = u"ndjson"_s;
        request.exportOptions.path = dir.filePath(u"whole"_s);
        QString error = run(request);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        request.shard = {2, 7};
        request.exportOptions.path = dir.filePath(u"shard-2"_s);
        error = run(request);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const QStringList wholeUsers = ndjsonColumn(dir.filePath(u"whole/users.ndjson"_s), u"id"_s);
        QCOMPARE(wholeUsers.size(), 23);
        const QStringList shardUsers = ndjsonColumn(dir.filePath(u"shard-2/users.ndjson"_s), u"id"_s);
        QCOMPARE(shardUsers, wholeUsers.mid(3, 3)); // rows [floor(23/7), floor(46/7))

        const QString comments = dir.filePath(u"shard-2/comments.ndjson"_s);
        const QStringList userIds = ndjsonColumn(comments, u"user_id"_s);
        QCOMPARE(userIds.size(), 28 - 14); // rows [floor(101/7), floor(202/7))
        const QSet<QString> whole(wholeUsers.begin(), wholeUsers.end());
        int outside = 0;
        for (const QString &id : userIds) {
            if (id.isEmpty())
                continue; // NULL
            QVERIFY2(whole.contains(id), qPrintable(id));
            outside += shardUsers.contains(id) ? 0 : 1;
        }
        QVERIFY2(outside > 0, "shard 2's comments should point at users of other shards too");
        const QStringList wholePosts = ndjsonColumn(dir.filePath(u"whole/posts.ndjson"_s), u"id"_s);
        QCOMPARE(wholePosts.size(), 5);
        // 5 posts in 7 shards: shard 2 has one of them (rows [0, 1)), its comments point at all five.
        const QStringList shardPosts = ndjsonColumn(dir.filePath(u"shard-2/posts.ndjson"_s), u"id"_s);
        QCOMPARE(shardPosts, wholePosts.mid(0, 1));
        const QStringList postIds = ndjsonColumn(comments, u"post_id"_s);
        QCOMPARE(postIds.size(), 14);
        for (const QString &id : postIds)
            QVERIFY2(wholePosts.contains(id), qPrintable(id));
        QVERIFY(QSet<QString>(postIds.begin(), postIds.end()).size() > 1);
    }

    void databaseAppend_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    // Shards 1..3 appended one after another into one database hold what the unsharded load holds; the
    // tables shard 1 created have their keys but no foreign keys.
    void databaseAppend()
    {
        QFETCH(bool, postgres);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto target = [&](const QString &name) -> DatabaseUrl {
            if (!postgres)
                return DatabaseUrl::sqliteFile(dir.filePath(name + u".db"_s));
            Result<DatabaseUrl> url = DatabaseUrl::parse(qEnvironmentVariable("FABRICA_TEST_PG_URL"));
            if (!url)
                return {};
            url->schema = u"tst_shard_%1_%2"_s.arg(name, QString::number(QCoreApplication::applicationPid()));
            return *url;
        };
        if (postgres)
            QVERIFY2(!qEnvironmentVariable("FABRICA_TEST_PG_URL").isEmpty(),
                     "FABRICA_TEST_PG_URL must name the test PostgreSQL server (scripts/test.sh sets it)");
        const DatabaseUrl wholeUrl = target(u"whole"_s), shardedUrl = target(u"sharded"_s);
        auto dropSchemas = [&] {
            if (!postgres)
                return;
            Result<std::shared_ptr<Database>> database = Database::open(wholeUrl);
            if (!database)
                return;
            Result<QSqlDatabase> db = (*database)->connection();
            if (db)
                QSqlQuery(*db).exec(u"SET client_min_messages = warning"_s); // no NOTICE per table dropped
            for (const DatabaseUrl &url : {wholeUrl, shardedUrl}) {
                if (db)
                    QSqlQuery(*db).exec(u"DROP SCHEMA IF EXISTS \"%1\" CASCADE"_s.arg(url.schema));
            }
        };
        dropSchemas();
        const auto cleanup = qScopeGuard(dropSchemas);

        GenerationRequest request = blogRequest();
        request.target = GenerationRequest::Target::Database;
        request.database = wholeUrl;
        QString error = run(request);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        request.database = shardedUrl;
        request.ifExists = DatabaseSink::IfExists::Append; // shard 1 creates the tables, the others append
        for (int k = 1; k <= 3; ++k) {
            request.shard = {k, 3};
            request.chunkRows = 2 + k;
            GenerationRunner::Outcome outcome;
            error = run(request, &outcome);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            // Keys are the whole data set's: not moved past the rows earlier shards loaded.
            QVERIFY2(outcome.notes.filter(u"starts at"_s).isEmpty(), qPrintable(outcome.notes.join(u'\n')));
            if (k == 1)
                QVERIFY2(outcome.notes.join(u'\n').contains(
                             u"(posts, comments, post_tags) have no foreign keys"_s),
                         qPrintable(outcome.notes.join(u'\n')));
            else
                QVERIFY2(outcome.notes.isEmpty(), qPrintable(outcome.notes.join(u'\n')));
        }
        const QStringList tables{u"users"_s, u"posts"_s, u"comments"_s, u"tags"_s, u"post_tags"_s};
        const QStringList whole = databaseRows(wholeUrl, tables);
        QCOMPARE(whole.size(), 23 + 5 + 101 + 3);
        QCOMPARE(databaseRows(shardedUrl, tables), whole);
    }

    // The command line: --shard in the help, a wrong K/N is a usage error (exit 2), shards concatenate.
    void commandLine()
    {
        const QString binary = qEnvironmentVariable("FABRICA_BINARY");
        QVERIFY2(!binary.isEmpty(), "FABRICA_BINARY must name the built fabrica executable (ctest sets it)");
        const QString schema =
            qEnvironmentVariable("FABRICA_SOURCE_DIR", QStringLiteral(FABRICA_TEST_SOURCE_DIR)) +
            u"/examples/blog.fabrica.json"_s;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto fabrica = [&](const QStringList &arguments, QByteArray *err = nullptr) {
            QProcess process;
            process.start(binary, QStringList{u"generate"_s} + arguments);
            process.waitForFinished(60000);
            if (err)
                *err = process.readAllStandardError();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        };
        QByteArray err;
        QCOMPARE(fabrica({u"--help"_s}), 0);
        QProcess help;
        help.start(binary, {u"generate"_s, u"--help"_s});
        help.waitForFinished(30000);
        QVERIFY(help.readAllStandardOutput().contains("--shard <K/N>"));

        QCOMPARE(fabrica({schema, u"--out"_s, dir.filePath(u"x/"_s), u"--shard"_s, u"0/3"_s}, &err), 2);
        QVERIFY2(err.contains("--shard: shard 0/3 does not exist"), err.constData());
        QCOMPARE(fabrica({schema, u"--out"_s, dir.filePath(u"x.json"_s), u"--shard"_s, u"1/3"_s}, &err), 2);
        QVERIFY2(err.contains("shard one of csv, tsv, ndjson"), err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath(u"x"_s)));

        const QStringList rows{u"--rows"_s,      u"users=40"_s, u"--rows"_s, u"posts=9"_s, u"--rows"_s,
                               u"comments=30"_s, u"--rows"_s,   u"tags=4"_s, u"--rows"_s,  u"post_tags=7"_s,
                               u"-q"_s,          u"--format"_s, u"tsv"_s};
        QCOMPARE(fabrica(QStringList{schema, u"--out"_s, dir.filePath(u"whole/"_s)} + rows, &err), 0);
        for (int k = 1; k <= 2; ++k)
            QCOMPARE(fabrica(QStringList{schema, u"--out"_s, dir.filePath(u"s%1/"_s.arg(k)), u"--shard"_s,
                                         u"%1/2"_s.arg(k)} +
                                 rows,
                             &err),
                     0);
        for (const QString &table : {u"users"_s, u"posts"_s, u"comments"_s, u"tags"_s, u"post_tags"_s}) {
            const QString name = table + u".tsv"_s;
            QCOMPARE(readAll(dir.filePath(u"s1/"_s + name)) + readAll(dir.filePath(u"s2/"_s + name)),
                     readAll(dir.filePath(u"whole/"_s + name)));
        }
    }
};

QTEST_GUILESS_MAIN(TestShard)
#include "tst_shard.moc"
