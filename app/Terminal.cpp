#include "Terminal.h"

#include "auth/SecretBytes.h"

#include <cstdio>
#ifdef _WIN32
#include <io.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <string>

namespace fabrica {

bool stderrIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

bool stdinIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(fileno(stdin)) != 0;
#endif
}

QByteArray readSecretLine(const QString &prompt)
{
    const bool terminal = stdinIsTerminal();
#ifndef _WIN32
    termios saved{};
    if (terminal) {
        QTextStream err(stderr);
        err << prompt << Qt::flush;
        tcgetattr(fileno(stdin), &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fileno(stdin), TCSAFLUSH, &quiet);
    }
#endif
    std::string line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        line.push_back(char(c));
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
#ifndef _WIN32
    if (terminal) {
        tcsetattr(fileno(stdin), TCSAFLUSH, &saved);
        QTextStream err(stderr);
        err << Qt::endl;
    }
#endif
    QByteArray result(line.data(), qsizetype(line.size()));
    std::fill(line.begin(), line.end(), '\0');
    return result;
}

std::optional<QByteArray> askPassword(const QString &command, const QString &prompt, bool fromStdin,
                                      bool confirm)
{
    QTextStream err(stderr);
    if (fromStdin)
        return readSecretLine(QString());
    if (!stdinIsTerminal()) {
        err << QCoreApplication::translate("fabrica::Terminal",
                                           "%1: no terminal to ask for the password; use --password-stdin")
                   .arg(command)
            << Qt::endl;
        return std::nullopt;
    }
    QByteArray password = readSecretLine(prompt);
    if (!confirm)
        return password;
    QByteArray again =
        readSecretLine(QCoreApplication::translate("fabrica::Terminal", "The same password again: "));
    const bool same = again == password;
    SecretBytes::wipe(again);
    if (!same) {
        SecretBytes::wipe(password);
        err << QCoreApplication::translate("fabrica::Terminal",
                                           "%1: the passwords differ; nothing was changed")
                   .arg(command)
            << Qt::endl;
        return std::nullopt;
    }
    return password;
}

} // namespace fabrica
