#pragma once

#include <QByteArray>
#include <QString>

namespace fabrica {

// Whether standard error is an interactive terminal (for progress bars). The one platform-specific
// question the command line asks.
bool stderrIsTerminal();
bool stdinIsTerminal();
// Reads one line from standard input; on a terminal the typing is not echoed (for passwords).
QByteArray readSecretLine(const QString &prompt);

} // namespace fabrica
