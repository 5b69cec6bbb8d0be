#!/usr/bin/env bash
# The benchmark of ../shared/BENCH.md: the shop workload through the real `fabrica generate`, side by side
# with the reference programs, in one run. Usage: bench/run.sh [--rows N] [--rounds R] [--faker] [--rss10m]
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"
ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" python3 time
FABRICA_TARGET=fabrica configure_and_build "$FABRICA_ROOT/build" Release
exec python3 "$FABRICA_ROOT/bench/bench.py" --fabrica "$FABRICA_ROOT/build/app/fabrica" \
    --schema "$FABRICA_ROOT/examples/shop.fabrica.json" "$@"
