#include "DbCommand.h"

#include "StorageArgument.h"
#include "Terminal.h"
#include "auth/SecretBytes.h"
#include "storage/Migrations.h"
#include "storage/SavedPasswords.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fabrica {

QString DbCommand::summary()
{
    return tr("Create or upgrade Fabrica's storage (migrate), show its version (status), save a password");
}

int DbCommand::savePassword(const QCommandLineParser &parser, bool forget, bool fromStdin)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const Result<DatabaseUrl> url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url || url->isSqlite() || url->user.isEmpty()) {
        err << tr("fabrica db password: give --database postgresql://user@host:port/db or "
                  "mysql://user@host:port/db")
            << Qt::endl;
        return 2;
    }
    SavedPasswords passwords;
    if (forget) {
        passwords.forget(url.value());
        out << tr("removed the saved password for %1").arg(url->displayString()) << Qt::endl;
        return 0;
    }
    std::optional<QByteArray> asked = askPassword(
        tr("fabrica db password"), tr("Password for %1: ").arg(url->displayString()), fromStdin, false);
    if (!asked)
        return 1;
    QByteArray password = std::move(*asked);
    // Checked before it is kept: a mistyped password would otherwise only fail later.
    DatabaseUrl withPassword = url.value();
    withPassword.password = QString::fromUtf8(password);
    const Result<std::shared_ptr<Database>> connected = Database::open(withPassword);
    Result<void> saved = connected ? passwords.save(url.value(), password) : Result<void>(connected.error());
    SecretBytes::wipe(password);
    if (!saved) {
        err << saved.error().toString() << Qt::endl;
        return 1;
    }
    out << tr("saved the password for %1, encrypted").arg(url->displayString()) << Qt::endl;
    return 0;
}

int DbCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    parser.addOption(StorageArgument::option());
    const QCommandLineOption forget(QStringLiteral("forget"), tr("password: forget the saved password."));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           tr("password: read it as one line from standard input."));
    parser.addOptions({forget, passwordStdin});
    parser.addPositionalArgument(
        QStringLiteral("action"),
        tr("migrate, status, or password (saves the PostgreSQL or MySQL password of --database, "
           "encrypted)."),
        tr("migrate|status|password"));
    parser.process(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1 || (action != QLatin1String("migrate") && action != QLatin1String("status") &&
                                   action != QLatin1String("password"))) {
        err << tr("fabrica db: say migrate, status or password; `fabrica db --help` explains") << Qt::endl;
        return 2;
    }
    if (action == QLatin1String("password"))
        return savePassword(parser, parser.isSet(forget), parser.isSet(passwordStdin));
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
