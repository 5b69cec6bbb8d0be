#pragma once

#include "common/Result.h"
#include "export/DatabaseSink.h"
#include "export/ExportOptions.h"
#include "generate/Shard.h"
#include "model/Schema.h"
#include "storage/DatabaseUrl.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>

namespace fabrica {

// What a person asks of a generation, whichever surface they ask it on (ARCHITECTURE.md, "Surfaces on one
// core"): the command line builds it from flags, the window from its panel and dialogs, the REST API from
// JSON. check() is the one validator all three answer with.
struct GenerationRequest
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::GenerationRequest)

public:
    enum class Target {
        Files,     // export files in a format (formatId, exportOptions)
        Database,  // load into a database (database, ifExists), all or nothing
        StoredRun, // keep the rows in Fabrica's storage as a run of the stored schema schemaId
        // Files made when they are downloaded (the REST API's files target): running the request records
        // the plan's row counts and writes nothing; each download generates the rows again from the
        // recorded request (formatId, exportOptions without a path), the same bytes every time.
        Download,
    };

    Schema schema;
    qint64 schemaId = 0; // the stored schema it is a version of; 0 = not stored (then no run is recorded)
    quint64 seed = 42;
    QHash<QString, qint64> rows; // table name → row count, overriding the schema
    int threads = 0;             // 0 = one per core
    int chunkRows = 8192;
    // Only the K-th of N contiguous row ranges of every table (--shard K/N), for generating on several
    // machines: files in a format whose shards concatenate into the whole (ExportFormat::concatenates, one
    // file per table), or a database the shards append to. Foreign keys point into the whole data set.
    Shard shard;

    Target target = Target::Files;
    QString formatId = QStringLiteral("csv");
    ExportOptions exportOptions;
    DatabaseUrl database; // may carry the password for this load; never shown (displayString())
    DatabaseSink::IfExists ifExists = DatabaseSink::IfExists::Fail;
    bool disableTriggers = false; // DatabaseSink::Options::disableTriggers (PostgreSQL, appending)
    // Export the rows this finished run kept in storage instead of generating (a saved run's re-export):
    // the run's stored schema, seed and row counts take the place of schema, seed and rows, which are not
    // used. Only to Files or a Database; nothing new is recorded.
    qint64 sourceRunId = 0;

    static constexpr int kMaxThreads = 256;
    static constexpr int kMaxChunkRows = 1000000;

    // Everything that can be wrong before a row is generated, except the schema's own problems (the
    // validator's and unknown table names, reported by Plan::compile): ranges, unknown formats, a missing
    // path or URL.
    Result<void> check() const;
    // Where the data goes, for people and for the run's record: "storage", the file or folder, "download",
    // or the database URL without its password.
    QString targetDescription() const;

    // The request as JSON, for a queued job's record: everything but a database target's password, which
    // is never stored. A queued job that needs one connects with what the instance running it has (the
    // saved passwords, PGPASSWORD, ~/.pgpass; Database::open), or fails saying the password was refused.
    QJsonObject toJson() const;
    static Result<GenerationRequest> fromJson(const QJsonObject &json);
};

} // namespace fabrica
