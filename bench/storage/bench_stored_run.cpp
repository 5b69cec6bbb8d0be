// A run kept in storage: the shop workload (N customers, 3N orders) generated into generated_data of a
// scratch SQLite storage through the one GenerationRunner, one row per value. Prints rows/s and values/s.
//
// Usage: bench_stored_run [--rows N]
#include "format/SchemaFile.h"
#include "jobs/GenerationRunner.h"
#include "storage/Repository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace fabrica;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"Customers N (orders: 3N)."_s, u"N"_s, u"20000"_s});
    parser.process(app);
    const qint64 customers = parser.value(u"rows"_s).toLongLong();

    QTemporaryDir dir;
    Result<std::unique_ptr<Repository>> opened =
        Repository::open(DatabaseUrl::sqliteFile(dir.filePath(u"s.sqlite"_s)));
    if (!opened || !(*opened)->migrate()) {
        std::fprintf(stderr, "cannot open a scratch storage\n");
        return 1;
    }
    Repository &storage = **opened;
    UserRecord admin;
    admin.username = u"bench"_s;
    admin.passwordHash =
        u"$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"_s; // never signs in
    admin.role = Role::Admin;
    const Result<UserRecord> user = storage.createFirstUser(admin);
    const Result<Schema> schema =
        SchemaFile::load(QStringLiteral(FABRICA_SOURCE_DIR "/examples/shop.fabrica.json"));
    if (!user || !schema) {
        std::fprintf(stderr, "cannot prepare the storage\n");
        return 1;
    }
    const Actor actor = Actor::of(*user);
    const Result<SchemaRecord> saved = storage.saveSchema(actor, user->id, *schema);
    if (!saved) {
        std::fprintf(stderr, "%s\n", qPrintable(saved.error().toString()));
        return 1;
    }
    GenerationRequest request;
    request.schema = *schema;
    request.schemaId = saved->id;
    request.target = GenerationRequest::Target::StoredRun;
    request.rows = {{u"customers"_s, customers}, {u"orders"_s, 3 * customers}};
    QElapsedTimer clock;
    clock.start();
    const Result<GenerationRunner::Outcome> outcome = GenerationRunner::run(request, {&storage, actor}, {});
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (!outcome) {
        std::fprintf(stderr, "%s\n", qPrintable(outcome.error().toString()));
        return 1;
    }
    qint64 values = 0;
    for (const Table &table : schema->tables)
        values += table.columns.size() * request.rows.value(table.name);
    std::printf(
        "| stored run, SQLite storage, N = %lld | %lld rows | %.2f s | %.0f rows/s | %.0f values/s |\n",
        customers, outcome->summary.rows, seconds, double(outcome->summary.rows) / seconds,
        double(values) / seconds);
    return 0;
}
