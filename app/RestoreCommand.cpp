#include "RestoreCommand.h"

#include "StorageArgument.h"
#include "storage/StorageBackup.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString RestoreCommand::summary()
{
    return tr("Restore a backup made by fabrica backup into an empty storage");
}

int RestoreCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        summary() + QLatin1Char('\n') +
        tr("A SQLite backup goes into SQLite storage, a PostgreSQL dump into PostgreSQL storage (with "
           "pg_restore; create the database first). A storage that holds any user, schema or run is left "
           "alone unless --force is given. A backup of an older Fabrica is migrated to this version. Stop "
           "`fabrica serve` and close the window before restoring."));
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption force(QStringLiteral("force"),
                                   tr("Replace the storage's contents even when it is not empty."));
    parser.addOption(force);
    parser.addPositionalArgument(QStringLiteral("file"), tr("The backup file."), tr("FILE"));
    parser.process(arguments);
    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << tr("fabrica restore: name one backup file; `fabrica restore --help` explains") << Qt::endl;
        return 2;
    }
    const std::optional<DatabaseUrl> url = StorageArgument::url(parser);
    if (!url)
        return 1;
    const Result<StorageBackup::Restored> restored =
        StorageBackup::restore(positional.first(), *url, parser.isSet(force));
    if (!restored) {
        err << tr("fabrica restore: %1").arg(restored.error().toString()) << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    out << tr("restored %1 (%2, storage version %3) into %4")
               .arg(positional.first(), StorageBackup::kindName(restored->kind))
               .arg(restored->backupVersion)
               .arg(url->displayString())
        << Qt::endl;
    if (restored->contents.version != restored->backupVersion)
        out << tr("upgraded the storage from version %1 to %2")
                   .arg(restored->backupVersion)
                   .arg(restored->contents.version)
            << Qt::endl;
    out << tr("it holds users: %1, schemas: %2, runs: %3")
               .arg(restored->contents.users)
               .arg(restored->contents.schemas)
               .arg(restored->contents.runs)
        << Qt::endl;
    return 0;
}

} // namespace fabrica
