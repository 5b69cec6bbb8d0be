#pragma once

namespace fabrica {

// Whether standard error is an interactive terminal (for progress bars). The one platform-specific
// question the command line asks.
bool stderrIsTerminal();

} // namespace fabrica
