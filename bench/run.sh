#!/usr/bin/env bash
# The benchmark of ../shared/BENCH.md: the shop workload through the real `fabrica generate`, side by side
# with the reference programs, in one run.
# Usage: bench/run.sh [--rows N] [--rounds R] [--faker] [--rss10m] [--pg]
#   --pg  also writing into PostgreSQL (bench/load.py): fabrica --to against PostgreSQL's own COPY load, on a
#         throw-away cluster started for the run (scripts/pg.sh)
# FABRICA_BENCH_BUILD=DIR builds and runs the Release build in DIR instead of build/.
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"
# shellcheck source=scripts/pg.sh
source "$FABRICA_ROOT/scripts/pg.sh"

build=${FABRICA_BENCH_BUILD:-$FABRICA_ROOT/build}
pg=0
args=()
for arg in "$@"; do
    if [ "$arg" = --pg ]; then pg=1; else args+=("$arg"); fi
done
packages=("${FABRICA_BUILD_PACKAGES[@]}" python3 time)
((pg == 0)) || packages+=(postgresql)
ensure_packages "${packages[@]}"
FABRICA_TARGET=fabrica configure_and_build "$build" Release
python3 "$FABRICA_ROOT/bench/bench.py" --fabrica "$build/app/fabrica" \
    --schema "$FABRICA_ROOT/examples/shop.fabrica.json" "${args[@]}"
if ((pg)); then
    trap stop_test_postgres EXIT
    start_test_postgres
    python3 "$FABRICA_ROOT/bench/load.py" --fabrica "$build/app/fabrica" \
        --schema "$FABRICA_ROOT/examples/shop.fabrica.json" --url "$FABRICA_TEST_PG_URL" "${args[@]}"
fi
