#include "BackupCommand.h"

#include "StorageArgument.h"
#include "storage/StorageBackup.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QTextStream>

namespace fabrica {

QString BackupCommand::summary()
{
    return tr("Back up Fabrica's storage (users, schemas, runs, stored data) into one file");
}

int BackupCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        summary() + QLatin1Char('\n') +
        tr("SQLite storage is copied with SQLite's online backup API, PostgreSQL storage with pg_dump -Fc; "
           "both give a consistent copy while Fabrica keeps working. The file appears only when complete. "
           "It holds password hashes: keep it private. `fabrica restore` reads it back."));
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption out(QStringLiteral("out"),
                                 tr("The backup file to write (replaced if it exists)."), tr("FILE"));
    parser.addOption(out);
    parser.process(arguments);
    QTextStream err(stderr);
    if (!parser.isSet(out) || parser.value(out).isEmpty() || !parser.positionalArguments().isEmpty()) {
        err << tr("fabrica backup: say where to write the backup with --out FILE; `fabrica backup --help` "
                  "explains")
            << Qt::endl;
        return 2;
    }
    const std::optional<DatabaseUrl> url = StorageArgument::url(parser);
    if (!url)
        return 1;
    const Result<StorageBackup::Made> made = StorageBackup::backup(*url, parser.value(out));
    if (!made) {
        err << tr("fabrica backup: %1").arg(made.error().toString()) << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << tr("backed up %1 to %2 (%3, %4): storage version %5, users: %6, schemas: %7, "
                              "runs: %8")
                               .arg(url->displayString(), parser.value(out),
                                    StorageBackup::kindName(made->kind),
                                    QLocale().formattedDataSize(made->bytes))
                               .arg(made->contents.version)
                               .arg(made->contents.users)
                               .arg(made->contents.schemas)
                               .arg(made->contents.runs)
                        << Qt::endl;
    return 0;
}

} // namespace fabrica
