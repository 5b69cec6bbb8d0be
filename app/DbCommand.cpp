#include "DbCommand.h"

#include "StorageArgument.h"
#include "storage/Migrations.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString DbCommand::summary()
{
    return tr("Create or upgrade Fabrica's storage (migrate), or show its version (status)");
}

int DbCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    parser.addPositionalArgument(QStringLiteral("action"), tr("migrate or status."), tr("migrate|status"));
    parser.process(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1 || (action != QLatin1String("migrate") && action != QLatin1String("status"))) {
        err << tr("fabrica db: say migrate or status; `fabrica db --help` explains") << Qt::endl;
        return 2;
    }
    std::unique_ptr<Repository> storage = StorageArgument::open(parser, false);
    if (!storage)
        return 1;
    const Result<int> before = storage->version();
    if (!before) {
        err << before.error().toString() << Qt::endl;
        return 1;
    }
    const int latest = Migrations::latestVersion(storage->url().dialect);
    if (action == QLatin1String("status")) {
        out << tr("%1: storage version %2 (this Fabrica's latest: %3)")
                   .arg(storage->url().displayString())
                   .arg(*before)
                   .arg(latest)
            << Qt::endl;
        return *before == latest ? 0 : 1;
    }
    const Result<int> after = storage->migrate();
    if (!after) {
        err << after.error().toString() << Qt::endl;
        return 1;
    }
    if (*after == *before)
        out << tr("%1: storage is up to date (version %2)").arg(storage->url().displayString()).arg(*after)
            << Qt::endl;
    else
        out << tr("%1: storage upgraded from version %2 to %3")
                   .arg(storage->url().displayString())
                   .arg(*before)
                   .arg(*after)
            << Qt::endl;
    return 0;
}

} // namespace fabrica
