#include "ImportCommand.h"

#include "StorageArgument.h"
#include "format/SchemaFile.h"
#include "import/ImportService.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTextStream>

namespace fabrica {

QString ImportCommand::summary()
{
    return tr("Import a ZIP, SQL DDL, CSV samples or a schema file as schemas");
}

int ImportCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        summary() + QLatin1Char('\n') +
        tr("A ZIP may hold *.fabrica.json, *.sql (PostgreSQL, MySQL or SQLite DDL) and *.csv/*.tsv samples "
           "(file name = table) in any folders; each top-level folder becomes one schema. The report lists "
           "every table, every type guess, and everything skipped or refused."));
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    tr("Print the report; store and write nothing."));
    const QCommandLineOption out(QStringLiteral("out"),
                                 tr("Write the schema to this .fabrica.json file (or each schema into this "
                                    "folder) instead of storing it."),
                                 tr("PATH"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  tr("The user who owns the stored schemas (default: the only user)."),
                                  tr("NAME"));
    const QCommandLineOption onConflict(
        QStringLiteral("on-conflict"),
        tr("When a schema name is taken: cancel (default), replace or rename."), tr("ACTION"),
        QStringLiteral("cancel"));
    const QCommandLineOption rows(QStringLiteral("rows"),
                                  tr("Rows per table of the imported schemas (default 1000)."), tr("N"),
                                  QStringLiteral("1000"));
    const QCommandLineOption referenceDate(
        QStringLiteral("reference-date"),
        tr("The imported schemas' reference date: guessed date ranges end there (default: today)."),
        tr("YYYY-MM-DD"));
    parser.addOptions({dryRun, out, user, onConflict, rows, referenceDate});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 tr("The ZIP, .sql, .csv, .tsv or .fabrica.json file."), tr("FILE"));
    parser.process(arguments);

    QTextStream stdOut(stdout);
    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << tr("fabrica import: %1").arg(message) << Qt::endl;
        return 2;
    };
    if (parser.positionalArguments().size() != 1)
        return usage(tr("name one file to import; `fabrica import --help` explains"));
    Repository::NameConflict conflict = Repository::NameConflict::Cancel;
    const QString conflictText = parser.value(onConflict);
    if (conflictText == QLatin1String("replace"))
        conflict = Repository::NameConflict::Replace;
    else if (conflictText == QLatin1String("rename"))
        conflict = Repository::NameConflict::Rename;
    else if (conflictText != QLatin1String("cancel"))
        return usage(tr("--on-conflict takes cancel, replace or rename"));
    bool rowsOk = false;
    ImportService::Options options;
    options.limits = ImportLimits::fromSettings(QSettings());
    options.defaultRows = parser.value(rows).toLongLong(&rowsOk);
    if (!rowsOk || options.defaultRows < 0)
        return usage(tr("--rows takes a number of 0 or more"));
    if (parser.isSet(referenceDate)) {
        options.referenceDate = QDate::fromString(parser.value(referenceDate), Qt::ISODate);
        if (!options.referenceDate.isValid())
            return usage(tr("--reference-date takes a date as YYYY-MM-DD, found \"%1\"")
                             .arg(parser.value(referenceDate)));
    }

    const ImportService::Outcome outcome =
        ImportService::importFile(parser.positionalArguments().first(), options);
    stdOut << outcome.report.toText();
    stdOut.flush();
    if (!outcome.ok()) {
        err << tr("fabrica import: nothing was imported (%n error(s), %1 refused)", nullptr,
                  outcome.report.count(ImportReport::Level::Error))
                   .arg(outcome.report.count(ImportReport::Level::Refused))
            << Qt::endl;
        return 1;
    }
    if (parser.isSet(dryRun)) {
        stdOut << tr("dry run: %n schema(s) understood, nothing stored", nullptr, int(outcome.schemas.size()))
               << Qt::endl;
        return 0;
    }
    if (parser.isSet(out)) {
        const QString target = parser.value(out);
        const bool intoFolder = outcome.schemas.size() > 1 || QFileInfo(target).isDir();
        if (intoFolder && !QDir().mkpath(target))
            return usage(tr("cannot create the folder %1").arg(target));
        for (const Schema &schema : outcome.schemas) {
            const QString path =
                intoFolder ? QDir(target).filePath(schema.name + SchemaFile::suffix()) : target;
            if (const Result<void> saved = SchemaFile::save(schema, path); !saved) {
                err << saved.error().toString() << Qt::endl;
                return 1;
            }
            stdOut << tr("wrote %1").arg(path) << Qt::endl;
        }
        return 0;
    }

    std::unique_ptr<Repository> storage = StorageArgument::open(parser);
    if (!storage)
        return 1;
    const Actor operatorActor = Actor::systemActor();
    UserRecord owner;
    if (parser.isSet(user)) {
        const Result<UserRecord> found = storage->userByName(operatorActor, parser.value(user));
        if (!found) {
            err << tr("fabrica import: no user called \"%1\"").arg(parser.value(user)) << Qt::endl;
            return 1;
        }
        owner = found.value();
    } else {
        const Result<QList<UserRecord>> users = storage->users(operatorActor);
        if (!users) {
            err << users.error().toString() << Qt::endl;
            return 1;
        }
        if (users->size() != 1) {
            err << (users->isEmpty()
                        ? tr("fabrica import: the storage has no user yet; add one with `fabrica users "
                             "add NAME --admin`")
                        : tr("fabrica import: name the owner with --user"))
                << Qt::endl;
            return 1;
        }
        owner = users->first();
    }
    const Result<QList<SchemaRecord>> saved =
        ImportService::commit(*storage, operatorActor, owner.id, outcome, conflict);
    if (!saved) {
        err << tr("fabrica import: nothing was stored: %1").arg(saved.error().message) << Qt::endl;
        if (saved.error().code == ErrorCode::AlreadyExists)
            err << tr("(--on-conflict replace or rename decides what happens to a taken name)") << Qt::endl;
        return 1;
    }
    for (const SchemaRecord &record : *saved)
        stdOut << tr("stored schema \"%1\" (id %2, %n table(s)) for %3", nullptr, record.tables)
                      .arg(record.name)
                      .arg(record.id)
                      .arg(owner.username)
               << Qt::endl;
    return 0;
}

} // namespace fabrica
