#!/usr/bin/env bash
# Installs what is missing, builds Fabrica (Release, into build/) and runs it with the given arguments.
# Without arguments it opens the main window; `scripts/run.sh --help` lists the headless commands.
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"

ensure_packages "${FABRICA_BUILD_PACKAGES[@]}"
FABRICA_TARGET=fabrica configure_and_build "$FABRICA_ROOT/build" Release
exec "$FABRICA_ROOT/build/app/fabrica" "$@"
