#!/usr/bin/env bash
# The benchmark of ../shared/BENCH.md: the shop workload through the real `fabrica generate`, side by side
# with the reference programs, in one run.
# Usage: bench/run.sh [--rows N] [--rounds R] [--faker] [--rss10m] [--pg] [--workbench] [--preview] [--api]
#                     [--relations]
#                     [--generate-panel] [--api-export]
#   --schema-cost  only issue 15's cases (bench/schema_cost.py, which the default run also ends with): a
#                1,000-table schema's validate and compile cost, date columns of short and long ranges, a
#                40-column table against the shop workload
#   --relations  only issue 12's relations bar (bench/relations.py): one rentals table with and without
#                relations between its columns (after, formula, weightsBy), medians and the ratio
#   --workbench  only the window's bars (bench/workbench): a 1,000-table × 20-column schema opened in the real
#                MainWindow (offscreen), one edit and its undo, medians
#   --preview    only the infinite preview's bar (bench/preview): the shop's 3,000,000 orders scrolled in a
#                PreviewPanel (offscreen), each screenful made and painted, p50/p99/max
#   --generate-panel  only the window's export bars (bench/generate): the shop exported by the Generate
#                panel (offscreen) against `fabrica generate`, and the GUI thread's event-loop latency meanwhile
#   --api-export  only the REST API's export bar (bench/api/export.py): the shop through
#                GET /runs/{id}/export?format=csv with curl against `fabrica generate`, and the server's peak RSS
#   --pg  also writing into PostgreSQL (bench/load.py): fabrica --to against PostgreSQL's own COPY load, on a
#         throw-away cluster started for the run (scripts/pg.sh)
#   --api  only the REST API's throughput bars (bench/api/wrk_bench.py): wrk against a real `fabrica serve`
#          on loopback (health, an authenticated list, health while a long job runs), the server's RSS
# FABRICA_BENCH_BUILD=DIR builds and runs the Release build in DIR instead of build/.
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"
# shellcheck source=scripts/pg.sh
source "$FABRICA_ROOT/scripts/pg.sh"

build=${FABRICA_BENCH_BUILD:-$FABRICA_ROOT/build}
pg=0
workbench=0
preview=0
generate_panel=0
schema_cost=0
relations=0
api=0
api_export=0
args=()
for arg in "$@"; do
    case "$arg" in
    --pg) pg=1 ;;
    --workbench) workbench=1 ;;
    --preview) preview=1 ;;
    --generate-panel) generate_panel=1 ;;
    --schema-cost) schema_cost=1 ;;
    --relations) relations=1 ;;
    --api) api=1 ;;
    --api-export) api_export=1 ;;
    *) args+=("$arg") ;;
    esac
done
if ((schema_cost)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" python3 time
    FABRICA_TARGET=fabrica configure_and_build "$build" Release
    python3 "$FABRICA_ROOT/bench/schema_cost.py" --fabrica "$build/app/fabrica" "${args[@]}"
    exit
fi
if ((relations)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" python3
    FABRICA_TARGET=fabrica configure_and_build "$build" Release
    python3 "$FABRICA_ROOT/bench/relations.py" --fabrica "$build/app/fabrica" "${args[@]}"
    exit
fi
if ((api)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" python3 wrk
    FABRICA_TARGET=fabrica configure_and_build "$build" Release
    python3 "$FABRICA_ROOT/bench/api/wrk_bench.py" --fabrica "$build/app/fabrica" \
        --example "$FABRICA_ROOT/examples/shop.fabrica.json" "${args[@]}"
    exit
fi
if ((api_export)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" python3 time curl
    FABRICA_TARGET=fabrica configure_and_build "$build" Release
    python3 "$FABRICA_ROOT/bench/api/export.py" --fabrica "$build/app/fabrica" \
        --schema "$FABRICA_ROOT/examples/shop.fabrica.json" "${args[@]}"
    exit
fi
if ((workbench)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}"
    FABRICA_TARGET=bench_workbench configure_and_build "$build" Release
    QT_QPA_PLATFORM=offscreen "$build/bench/workbench/bench_workbench" "${args[@]}"
    exit
fi
if ((preview)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}"
    FABRICA_TARGET=bench_preview configure_and_build "$build" Release
    QT_QPA_PLATFORM=offscreen "$build/bench/preview/bench_preview" "${args[@]}"
    exit
fi
if ((generate_panel)); then
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}"
    FABRICA_TARGET="fabrica bench_generate_panel" configure_and_build "$build" Release
    QT_QPA_PLATFORM=offscreen "$build/bench/generate/bench_generate_panel" --fabrica "$build/app/fabrica" "${args[@]}"
    exit
fi
packages=("${FABRICA_BUILD_PACKAGES[@]}" python3 time)
((pg == 0)) || packages+=(postgresql)
ensure_packages "${packages[@]}"
FABRICA_TARGET=fabrica configure_and_build "$build" Release
python3 "$FABRICA_ROOT/bench/bench.py" --fabrica "$build/app/fabrica" \
    --schema "$FABRICA_ROOT/examples/shop.fabrica.json" "${args[@]}"
# Issue 15's cases beside the shop: a big schema's compile cost and a wide table (same rounds).
cost_args=()
for ((i = 0; i < ${#args[@]}; ++i)); do
    [[ "${args[i]}" == --rounds ]] && cost_args+=(--rounds "${args[i + 1]}")
done
python3 "$FABRICA_ROOT/bench/schema_cost.py" --fabrica "$build/app/fabrica" "${cost_args[@]}"
if ((pg)); then
    trap stop_test_postgres EXIT
    start_test_postgres
    python3 "$FABRICA_ROOT/bench/load.py" --fabrica "$build/app/fabrica" \
        --schema "$FABRICA_ROOT/examples/shop.fabrica.json" --url "$FABRICA_TEST_PG_URL" "${args[@]}"
fi
