#!/usr/bin/env bash
# Installs what is missing, builds Fabrica with AddressSanitizer and UBSan (build-test/), starts a
# throw-away PostgreSQL server and runs every test. Extra arguments go to ctest (e.g. -R tst_validate).
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"
# shellcheck source=scripts/pg.sh
source "$FABRICA_ROOT/scripts/pg.sh"

ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" "${FABRICA_TEST_PACKAGES[@]}"
configure_and_build "$FABRICA_ROOT/build-test" RelWithDebInfo -DFABRICA_SANITIZE=ON \
    -DPython3_EXECUTABLE=/usr/bin/python3

trap stop_test_postgres EXIT
start_test_postgres

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$FABRICA_ROOT/tests/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
fabrica_log "Running the tests"
ctest --test-dir "$FABRICA_ROOT/build-test" --output-on-failure --parallel "$(nproc)" "$@"
