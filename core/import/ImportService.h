#pragma once

#include "ImportLimits.h"
#include "ImportReport.h"
#include "model/Schema.h"
#include "storage/Repository.h"

#include <QCoreApplication>
#include <QDate>

#include <atomic>
#include <functional>

namespace fabrica {

// The one import entry point for the CLI, the REST API and the window: a ZIP, a .sql, a .csv/.tsv or a
// .fabrica.json goes in; schemas and a report of everything understood, guessed, skipped and refused come
// out. Nothing is stored until commit(), which saves every schema in one transaction. Reads only from
// memory (an archive is never extracted), within ImportLimits.
class ImportService
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ImportService)

public:
    struct Options
    {
        ImportLimits limits;
        qint64 defaultRows = 1000; // rows per table of the resulting schemas
        QDate referenceDate;       // the schemas' "now": guessed dates end there; invalid = today (UTC)
        std::function<void(int done, int total)> progress; // per file read
        const std::atomic<bool> *cancel = nullptr;
    };
    struct Outcome
    {
        QList<Schema> schemas;
        ImportReport report;
        // Usable: no error and nothing refused (a hostile archive is refused as a whole).
        bool ok() const;
    };

    // Whether a file of this name is one the import reads (.zip, .sql, .csv, .tsv, .fabrica.json), by name
    // only.
    static bool canImport(const QString &fileName);

    // Reads the file (within limits.uploadBytes) and imports it.
    static Outcome importFile(const QString &path, const Options &options);
    static Outcome importFile(const QString &path);
    // Imports bytes that arrived otherwise (an upload); name says what they are ("shop.zip", "x.sql").
    static Outcome importBytes(const QByteArray &bytes, const QString &name, const Options &options);

    // Saves the schemas for ownerId in one transaction; taken names are handled as conflict says.
    static Result<QList<SchemaRecord>>
    commit(Repository &repository, const Actor &actor, qint64 ownerId, const Outcome &outcome,
           Repository::NameConflict conflict = Repository::NameConflict::Cancel);
};

} // namespace fabrica
