#!/usr/bin/env bash
# Issue 13's bar for the employee database (tests/data/realworld/employees) at its real size: 300,000
# employees, 2,800,000 salaries, 440,000 titles. Imported from its PostgreSQL DDL, then, in fresh databases
# whose tables come from that ORIGINAL DDL (keys in place), alternating each round:
#   fabrica:   fabrica generate SCHEMA --to postgresql://…/db --if-exists append   (generation included)
#   reference: the same rows as CSV (written by fabrica once, before the rounds, not timed) loaded by
#              PostgreSQL's own COPY: psql \copy per table, parents first, in one transaction (psql -1),
#              as Fabrica loads in one transaction
# Prints both medians and the ratio; the bar is fabrica ≤ 1.3 × reference. Row counts are checked after.
#
# Usage: bench/employees.sh [--url postgresql://user@host:port/db] [--rounds R] [--scale F] [--threads T]
#   --url     the server (default $FABRICA_TEST_PG_URL; without either, a throw-away cluster from scripts/pg.sh)
#   --scale   multiplies every row count (0.1 for a quick run)
# FABRICA_BENCH_BUILD=DIR uses the Release build in DIR (default build-rel/, configured and built if needed).
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

url=${FABRICA_TEST_PG_URL:-}
rounds=3
scale=1
threads=$(nproc)
while (($#)); do
    case "$1" in
    --url) url=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --scale) scale=$2; shift ;;
    --threads) threads=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

build=${FABRICA_BENCH_BUILD:-$FABRICA_ROOT/build-rel}
if [[ ! -x $build/app/fabrica ]]; then
    cmake -S "$FABRICA_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target fabrica -j"$(nproc)"
fi
fabrica=$build/app/fabrica

if [[ -z $url ]]; then
    # shellcheck source=scripts/pg.sh
    source "$FABRICA_ROOT/scripts/pg.sh"
    trap stop_test_postgres EXIT
    start_test_postgres
    url=$FABRICA_TEST_PG_URL
fi
psql_bin=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql | tail -1)
base=${url%/*}
admin=${url##*/}
admin=${admin%%\?*}
[[ -n $admin ]] || admin=postgres
sql() { PGOPTIONS="-c client_min_messages=warning" "$psql_bin" "$base/$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"; }

work=$(mktemp -d)
db_fabrica=fabrica_bench_employees_fabrica
db_copy=fabrica_bench_employees_copy
cleanup() {
    sql "$admin" "DROP DATABASE IF EXISTS $db_fabrica" || true
    sql "$admin" "DROP DATABASE IF EXISTS $db_copy" || true
    rm -rf "$work"
}
trap 'cleanup; [[ $(type -t stop_test_postgres) == function ]] && stop_test_postgres || true' EXIT

ddl=$FABRICA_ROOT/tests/data/realworld/employees/postgresql.sql
declare -A rows=([employees]=300000 [departments]=9 [dept_manager]=24 [dept_emp]=331603 [titles]=443308
                 [salaries]=2844047)
order=(employees departments dept_manager dept_emp titles salaries) # parents first
row_args=()
for table in "${order[@]}"; do
    n=$(python3 -c "import sys; print(max(1, round(${rows[$table]} * $scale)) if '$table' != 'departments' else 9)")
    rows[$table]=$n
    row_args+=(--rows "$table=$n")
done
total=0
for table in "${order[@]}"; do total=$((total + rows[$table])); done

"$fabrica" import "$ddl" --out "$work/employees.fabrica.json" --reference-date 2026-01-01 >"$work/import.txt"
common=("$work/employees.fabrica.json" "${row_args[@]}" --seed 42 --threads "$threads" --quiet)
"$fabrica" generate "${common[@]}" --format csv --out "$work/csv/"

fresh() {
    sql "$admin" "DROP DATABASE IF EXISTS $1"
    sql "$admin" "CREATE DATABASE $1"
    PGOPTIONS="-c client_min_messages=warning" "$psql_bin" "$base/$1" -X -q -v ON_ERROR_STOP=1 -f "$ddl" >/dev/null
    sql "$admin" "CHECKPOINT"
}
copy_script=$work/copy.sql
for table in "${order[@]}"; do
    echo "\\copy $table FROM '$work/csv/$table.csv' WITH (FORMAT csv, HEADER true)"
done >"$copy_script"

now() { date +%s.%N; }
fabrica_times=()
copy_times=()
for ((round = 1; round <= rounds; round++)); do
    fresh "$db_fabrica"
    start=$(now)
    "$fabrica" generate "${common[@]}" --to "$base/$db_fabrica" --if-exists append
    fabrica_times+=("$(python3 -c "print($(now) - $start)")")
    fresh "$db_copy"
    start=$(now)
    PGOPTIONS="-c client_min_messages=warning" "$psql_bin" "$base/$db_copy" -X -q -1 -v ON_ERROR_STOP=1 \
        -f "$copy_script" >/dev/null
    copy_times+=("$(python3 -c "print($(now) - $start)")")
    echo "round $round: fabrica ${fabrica_times[-1]} s, COPY ${copy_times[-1]} s" >&2
done

for table in "${order[@]}"; do
    for db in "$db_fabrica" "$db_copy"; do
        got=$(sql "$db" "SELECT count(*) FROM $table")
        [[ $got == "${rows[$table]}" ]] || { echo "$db.$table has $got rows, expected ${rows[$table]}" >&2; exit 1; }
    done
done

python3 - "$total" "$threads" "${fabrica_times[*]}" "${copy_times[*]}" <<'EOF'
import statistics, sys
total, threads = int(sys.argv[1]), sys.argv[2]
fabrica = statistics.median(float(t) for t in sys.argv[3].split())
copy = statistics.median(float(t) for t in sys.argv[4].split())
print(f"Employees into its original PostgreSQL DDL (keys in place), {total:,} rows, medians")
print()
print("| load | wall s | rows/s |")
print("|---|---|---|")
print(f"| fabrica generate --to … --if-exists append ({threads} threads, generation included) | {fabrica:.2f} | {total / fabrica:,.0f} |")
print(f"| psql \\copy of fabrica's CSV, one transaction | {copy:.2f} | {total / copy:,.0f} |")
print()
ratio = fabrica / copy
print(f"ratio fabrica / COPY: {ratio:.2f}x (bar: <= 1.3x) {'PASS' if ratio <= 1.3 else 'FAIL'}")
EOF
