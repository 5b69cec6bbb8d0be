#!/usr/bin/env bash
# Installs what is missing, builds Fabrica with AddressSanitizer and UBSan (build-test/), starts a
# throw-away PostgreSQL server and runs every test. Extra arguments go to ctest (e.g. -R tst_validate).
#
# scripts/test.sh --fuzz [FUZZER...] runs the fuzzers instead: builds the libFuzzer targets with clang
# (build-fuzz/, FABRICA_FUZZ=ON) and runs each one (every tests/fuzz/fuzz_*.cpp, or those named) for
# FABRICA_FUZZ_SECONDS (default 60) on a copy of its seed corpus tests/fuzz/corpus/<name>/. Fails when a
# fuzzer finds a crash, a leak, a timeout or runs out of memory; findings land in build-fuzz/fuzz-findings/.
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"

run_fuzzers() {
    ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" "${FABRICA_FUZZ_PACKAGES[@]}"
    local build="$FABRICA_ROOT/build-fuzz"
    CC=clang CXX=clang++ FABRICA_TARGET=fabrica_fuzzers configure_and_build "$build" RelWithDebInfo \
        -DFABRICA_FUZZ=ON -DFABRICA_BUILD_TESTS=OFF

    local names=("$@") file
    if ((${#names[@]} == 0)); then
        for file in "$FABRICA_ROOT"/tests/fuzz/fuzz_*.cpp; do
            names+=("$(basename "$file" .cpp)")
        done
    fi
    local seconds="${FABRICA_FUZZ_SECONDS:-60}" work failed=() name
    work="$(mktemp -d)"
    # shellcheck disable=SC2064 # expand now: $work is local
    trap "rm -rf '$work'" EXIT
    export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
    export LSAN_OPTIONS="suppressions=$FABRICA_ROOT/tests/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
    for name in "${names[@]}"; do
        local fuzzer="$build/tests/fuzz/$name" corpus="$work/corpus/$name"
        local findings="$build/fuzz-findings/$name" log="$build/fuzz-findings/$name.log"
        if [ ! -x "$fuzzer" ]; then
            fabrica_log "No fuzzer $name in $build/tests/fuzz"
            failed+=("$name")
            continue
        fi
        # The fuzzer adds what it finds to the corpus folder: it works on a copy, the seeds stay as they are.
        mkdir -p "$corpus" "$findings"
        if [ -d "$FABRICA_ROOT/tests/fuzz/corpus/$name" ]; then
            cp -R "$FABRICA_ROOT/tests/fuzz/corpus/$name/." "$corpus/"
        fi
        fabrica_log "Fuzzing $name for ${seconds}s (log: $log)"
        if "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
            -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1; then
            grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" >&2 || true
        else
            tail -n 40 "$log" >&2
            fabrica_log "$name failed; the input that did it is in $findings/"
            failed+=("$name")
        fi
    done
    if ((${#failed[@]})); then
        fabrica_log "Fuzzers that failed: ${failed[*]}"
        return 1
    fi
    fabrica_log "Fuzzers passed: ${names[*]}"
}

if [ "${1:-}" = "--fuzz" ]; then
    shift
    run_fuzzers "$@"
    exit
fi

# shellcheck source=scripts/pg.sh
source "$FABRICA_ROOT/scripts/pg.sh"
# shellcheck source=scripts/mariadb.sh
source "$FABRICA_ROOT/scripts/mariadb.sh"

ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" "${FABRICA_TEST_PACKAGES[@]}"
configure_and_build "$FABRICA_ROOT/build-test" RelWithDebInfo -DFABRICA_SANITIZE=ON -DFABRICA_SHARED_LIBS=ON \
    -DPython3_EXECUTABLE=/usr/bin/python3

trap 'stop_test_mariadb; stop_test_postgres' EXIT
start_test_postgres
start_test_mariadb

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$FABRICA_ROOT/tests/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
fabrica_log "Running the tests"
ctest --test-dir "$FABRICA_ROOT/build-test" --output-on-failure --parallel "$(nproc)" "$@"
# The Prometheus examples of installer/ (under a second), where promtool is installed.
if command -v promtool >/dev/null && [ $# -eq 0 ]; then
    (cd "$FABRICA_ROOT/installer/prometheus" && promtool check config prometheus.yml >/dev/null &&
        promtool test rules alerts.test.yml >/dev/null) || { fabrica_log "installer/prometheus: promtool failed"; exit 1; }
fi
# Two servers behind nginx on the test PostgreSQL, one killed mid-job and under load (about a minute):
# only where nginx is installed (not a CI package), and not when ctest was asked for some tests only.
if command -v nginx >/dev/null && [ $# -eq 0 ]; then
    fabrica_log "Running scripts/test-cluster.sh (nginx is installed)"
    FABRICA_BINARY="$FABRICA_ROOT/build-test/app/fabrica" "$FABRICA_ROOT/scripts/test-cluster.sh"
fi
