#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace fabrica {

// Whether standard error is an interactive terminal (for progress bars). The one platform-specific
// question the command line asks.
bool stderrIsTerminal();
bool stdinIsTerminal();
// Reads one line from standard input; on a terminal the typing is not echoed (for passwords).
QByteArray readSecretLine(const QString &prompt);
// A password for command ("fabrica users"): one line of standard input with --password-stdin (fromStdin),
// else asked on the terminal (twice when confirm). Without a terminal, or when the two differ, says why on
// standard error and returns nothing.
std::optional<QByteArray> askPassword(const QString &command, const QString &prompt, bool fromStdin,
                                      bool confirm);

} // namespace fabrica
