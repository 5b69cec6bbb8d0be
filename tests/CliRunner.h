#pragma once

// Runs the real `fabrica` binary as a user would from a shell: no display, a fixed locale, optional
// standard input and extra environment.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace fabrica::test {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// inChild runs in the child process before fabrica starts (limits, signal dispositions).
inline CliRun runFabrica(const QStringList &arguments, const QByteArray &input = {},
                         const QProcessEnvironment &extra = {}, const std::function<void()> &inChild = {})
{
    QProcess process;
    if (inChild)
        process.setChildProcessModifier(inChild);
    process.setProgram(qEnvironmentVariable("FABRICA_BINARY"));
    process.setArguments(arguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY")); // headless commands must not need a display
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(extra);
    process.setProcessEnvironment(environment);
    process.start();
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {};
    return CliRun{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  QString::fromUtf8(process.readAllStandardOutput()),
                  QString::fromUtf8(process.readAllStandardError())};
}

} // namespace fabrica::test
