#include "CommandLine.h"

#include "BackupCommand.h"
#include "DbCommand.h"
#include "FormatCommand.h"
#include "GenerateCommand.h"
#include "ImportCommand.h"
#include "RestoreCommand.h"
#include "ServeCommand.h"
#include "TypesCommand.h"
#include "UsersCommand.h"
#include "ValidateCommand.h"

#include <QFileInfo>

namespace fabrica {

CommandLine::CommandLine()
{
    m_commands = {
        {QStringLiteral("validate"), ValidateCommand::summary(), &ValidateCommand::run},
        {QStringLiteral("generate"), GenerateCommand::summary(), &GenerateCommand::run},
        {QStringLiteral("import"), ImportCommand::summary(), &ImportCommand::run},
        {QStringLiteral("format"), FormatCommand::summary(), &FormatCommand::run},
        {QStringLiteral("types"), TypesCommand::summary(), &TypesCommand::run},
        {QStringLiteral("users"), UsersCommand::summary(), &UsersCommand::run},
        {QStringLiteral("db"), DbCommand::summary(), &DbCommand::run},
        {QStringLiteral("backup"), BackupCommand::summary(), &BackupCommand::run},
        {QStringLiteral("restore"), RestoreCommand::summary(), &RestoreCommand::run},
        {QStringLiteral("serve"), ServeCommand::summary(), &ServeCommand::run},
    };
}

bool CommandLine::isHeadless(const QStringList &arguments)
{
    // The window opens for no arguments, a file to open, or Qt's own GUI options (-style, -platform…);
    // anything else is a command, so a mistyped command gets an error instead of a window.
    if (arguments.isEmpty())
        return false;
    static const QStringList kOwnOptions = {QStringLiteral("--help"), QStringLiteral("-h"),
                                            QStringLiteral("-?"), QStringLiteral("--version"),
                                            QStringLiteral("-v")};
    const QString first = arguments.first();
    if (kOwnOptions.contains(first))
        return true;
    if (first.startsWith(QLatin1Char('-')) || QFileInfo(first).isFile())
        return false;
    return true;
}

int CommandLine::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString first = arguments.value(0);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << QCoreApplication::applicationName() << QLatin1Char(' ')
            << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (first.isEmpty() || first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("-?") || first == QLatin1String("help"))
        return printHelp(out);
    for (const Command &command : std::as_const(m_commands)) {
        if (command.name == first) {
            QStringList commandArguments = arguments;
            commandArguments[0] = QCoreApplication::applicationName() + QLatin1Char(' ') + command.name;
            return command.run(commandArguments);
        }
    }
    err << tr("fabrica: unknown command \"%1\"; `fabrica --help` lists the commands").arg(first) << Qt::endl;
    return 2;
}

int CommandLine::printHelp(QTextStream &out) const
{
    out << tr("Usage: fabrica [COMMAND] [OPTIONS]") << "\n\n"
        << tr("Fabrica generates realistic synthetic test data from database schemas.") << "\n"
        << tr("Without a command it opens the main window.") << "\n\n"
        << tr("Commands:") << "\n";
    for (const Command &command : m_commands)
        out << QStringLiteral("  %1  %2").arg(command.name, -10).arg(command.summary) << "\n";
    out << "\n"
        << tr("Options:") << "\n"
        << QStringLiteral("  %1  %2").arg(QStringLiteral("-h, --help"), -14).arg(tr("Show this help."))
        << "\n"
        << QStringLiteral("  %1  %2").arg(QStringLiteral("-v, --version"), -14).arg(tr("Show the version."))
        << "\n\n"
        << tr("`fabrica COMMAND --help` describes a command.") << Qt::endl;
    return 0;
}

} // namespace fabrica
