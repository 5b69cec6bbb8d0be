#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace fabrica {

// Headless entry points: `fabrica COMMAND [ARGS]`. Each command parses its own options, prints
// results to stdout and problems to stderr, and returns the process exit code.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::CommandLine)

public:
    struct Command
    {
        QString name;
        QString summary;
        std::function<int(const QStringList &arguments)> run; // arguments[0] is the command name
    };

    CommandLine();

    // Whether arguments (argv without the program) ask for a headless command rather than the GUI.
    static bool isHeadless(const QStringList &arguments);
    // Runs the command; arguments exclude the program name.
    int run(const QStringList &arguments);

private:
    int printHelp(QTextStream &out) const;
    QList<Command> m_commands;
};

} // namespace fabrica
