#!/usr/bin/env bash
# Two `fabrica serve` instances sharing one PostgreSQL storage behind nginx, all on loopback, as
# installer/nginx/fabrica.conf deploys them. Signs in through nginx, starts runs, SIGKILLs the instance
# running one and checks that the run ends failed (taken over by the other instance's stale-run check) with
# none of its rows stored, that the other instance serves on and runs the next run; then wrk through nginx
# for FABRICA_CLUSTER_SECONDS (30) while one instance is killed and restarted: every non-2xx answer must be
# a clean 502/503, no request may time out, and both instances serve at the end.
#
# Needs nginx (nginx-light), curl, jq, psql and wrk (without it, no load test); scripts/test.sh runs it when nginx is installed. It
# uses FABRICA_TEST_PG_URL's server when set (a database of its own in it), else starts one (scripts/pg.sh).
# FABRICA_BINARY names the fabrica to run (default build-test/app/fabrica).
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"
# shellcheck source=scripts/pg.sh
source "$FABRICA_ROOT/scripts/pg.sh"

FABRICA="${FABRICA_BINARY:-$FABRICA_ROOT/build-test/app/fabrica}"
SECONDS_UNDER_LOAD="${FABRICA_CLUSTER_SECONDS:-30}"
for tool in nginx curl jq psql; do
    command -v "$tool" >/dev/null || { fabrica_log "test-cluster: $tool is not installed"; exit 1; }
done
[ -x "$FABRICA" ] || { fabrica_log "test-cluster: no fabrica at $FABRICA (set FABRICA_BINARY)"; exit 1; }

WORK=$(mktemp -d /tmp/fabrica-cluster.XXXXXX)
chmod 755 "$WORK"
declare -A PIDS=()
DATABASE=""
OWN_POSTGRES=0
ADMIN_URL=""

cleanup() {
    local name
    for name in "${!PIDS[@]}"; do
        kill "${PIDS[$name]}" 2>/dev/null || true
    done
    if [ -f "$WORK/nginx/nginx.pid" ]; then
        kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
    fi
    wait 2>/dev/null || true
    if [ -n "$DATABASE" ] && [ "$OWN_POSTGRES" = 0 ]; then
        psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    [ "$OWN_POSTGRES" = 0 ] || stop_test_postgres
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    fabrica_log "test-cluster FAILED: $*"
    local log
    for log in "$WORK"/*.log "$WORK"/nginx/error.log; do
        [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
    done
    exit 1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- PostgreSQL: a database of our own ---------------------------------------------------------------------
if [ -z "${FABRICA_TEST_PG_URL:-}" ]; then
    start_test_postgres
    OWN_POSTGRES=1
fi
ADMIN_URL="$FABRICA_TEST_PG_URL"
DATABASE="fabrica_cluster_$$"
psql -q "$ADMIN_URL" -c "CREATE DATABASE $DATABASE" >/dev/null
STORAGE="${FABRICA_TEST_PG_URL%/*}/$DATABASE"

# Both instances share HOME (settings) and the token secret, as instances behind one balancer must.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" LANG=C.UTF-8
mkdir -p "$HOME"
unset QT_QPA_PLATFORM DISPLAY
"$FABRICA" db migrate --database "$STORAGE" >/dev/null
PASSWORD="cluster-lantern-quartz-9"
echo "$PASSWORD" | "$FABRICA" users add ada --admin --password-stdin --database "$STORAGE" >/dev/null
"$FABRICA" import "$FABRICA_ROOT/examples/shop.fabrica.json" --user ada --database "$STORAGE" >/dev/null

# --- two instances, each from a config file ------------------------------------------------------------------
PORT_A=$(free_port)
PORT_B=$(free_port)
PORT_LB=$(free_port)
write_config() { # name port
    cat >"$WORK/$1.conf" <<CONF
[server]
listen = 127.0.0.1:$2
workers = 1
trustedProxies = 127.0.0.1
[storage]
database = $STORAGE
tokenSecretFile = $WORK/token-secret.key
[limits]
maxConnectionsPerAddress = 512
[jobs]
staleSeconds = 5
[log]
level = warning
CONF
}
start_instance() { # name
    "$FABRICA" serve --config "$WORK/$1.conf" >>"$WORK/$1.log" 2>&1 &
    PIDS[$1]=$!
}
wait_healthy() { # port
    local _
    for _ in $(seq 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/api/v1/health")" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}
write_config a "$PORT_A"
write_config b "$PORT_B"
start_instance a
start_instance b
wait_healthy "$PORT_A" || fail "instance a did not start"
wait_healthy "$PORT_B" || fail "instance b did not start"

# --- nginx from the sample: its upstream and /api/ locations, plain HTTP on a loopback port ----------------
mkdir -p "$WORK/nginx/tmp"
python3 - "$FABRICA_ROOT/installer/nginx/fabrica.conf" "$WORK/nginx/fabrica.conf" "$PORT_A" "$PORT_B" \
    "$PORT_LB" <<'PY'
import re, sys
source, target, a, b, lb = sys.argv[1:]
text = open(source).read()
text = text.replace("127.0.0.1:8081", "127.0.0.1:" + a).replace("127.0.0.1:8082", "127.0.0.1:" + b)
# The first server block only (the second redirects port 80), without TLS, on the loopback port.
first = text.index("server {")
second = text.index("server {", first + 1)
text = text[:second]
text = re.sub(r"\n\s*listen \[::\]:443[^\n]*", "", text)
text = re.sub(r"listen 443[^;]*;", "listen 127.0.0.1:" + lb + ";", text)
text = re.sub(r"\n\s*ssl_[a-z_]+ [^\n]*", "", text)
open(target, "w").write(text)
PY
NGINX_USER=""
[ "$(id -u)" -ne 0 ] || NGINX_USER="user root;"
cat >"$WORK/nginx/nginx.conf" <<CONF
$NGINX_USER
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/fabrica.conf;
}
CONF
nginx -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx-test.log" || fail "nginx -t: $(cat "$WORK/nginx-test.log")"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
API="http://127.0.0.1:$PORT_LB/api/v1"
wait_healthy "$PORT_LB" || fail "nginx does not answer"
fabrica_log "test-cluster: instances on $PORT_A and $PORT_B, nginx on $PORT_LB, storage $DATABASE"

# --- sign in and generate through nginx ----------------------------------------------------------------------
TOKEN=$(curl -sS --fail-with-body "$API/auth/login" -H 'Content-Type: application/json' \
    -d '{"username": "ada", "password": "'"$PASSWORD"'"}' | jq -r .token)
if [ -z "$TOKEN" ] || [ "$TOKEN" = null ]; then fail "no token through nginx"; fi
AUTH="Authorization: Bearer $TOKEN"
SCHEMA=$(curl -sS --fail-with-body "$API/schemas" -H "$AUTH" | jq '.items[0].id')
start_run() { # body
    curl -sS --fail-with-body "$API/schemas/$SCHEMA/runs" -H "$AUTH" -H 'Content-Type: application/json' \
        -d "$1" | jq .id
}
run_field() { # run field
    curl -sS --fail-with-body "$API/runs/$1" -H "$AUTH" | jq -r ".$2"
}
wait_run_end() { # run seconds
    local status _
    for _ in $(seq $(($2 * 5))); do
        status=$(run_field "$1" status)
        case $status in finished | failed | cancelled) echo "$status"; return ;; esac
        sleep 0.2
    done
    echo timeout
}

# A long run: kill the instance that claims it while it is running.
LONG=$(start_run '{"rowsPerTable": 5000000}')
for _ in $(seq 300); do
    [ "$(run_field "$LONG" status)" = running ] && [ "$(run_field "$LONG" rowsDone)" -gt 0 ] && break
    sleep 0.1
done
[ "$(run_field "$LONG" status)" = running ] || fail "run $LONG did not start"
CLAIMED=$(run_field "$LONG" claimedBy)
VICTIM_PID=${CLAIMED##*:}
if [ "$VICTIM_PID" = "${PIDS[a]}" ]; then VICTIM=a SURVIVOR=b SURVIVOR_PORT=$PORT_B
elif [ "$VICTIM_PID" = "${PIDS[b]}" ]; then VICTIM=b SURVIVOR=a SURVIVOR_PORT=$PORT_A
else fail "run $LONG is claimed by $CLAIMED, neither instance"; fi
ROWS_BEFORE=$(run_field "$LONG" rowsDone)
kill -KILL "$VICTIM_PID"
wait "$VICTIM_PID" 2>/dev/null || true
unset "PIDS[$VICTIM]"
fabrica_log "test-cluster: SIGKILLed instance $VICTIM (pid $VICTIM_PID) running run $LONG at $ROWS_BEFORE rows"

# The survivor serves on at once, through nginx (the dead instance is skipped) and directly.
for _ in $(seq 20); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$API/me" -H "$AUTH")" = 200 ] || fail "GET /me through nginx failed after the kill"
done
wait_healthy "$SURVIVOR_PORT" || fail "instance $SURVIVOR stopped answering"
LONG_END=$(wait_run_end "$LONG" 30)
[ "$LONG_END" = failed ] || fail "run $LONG of the killed instance ended '$LONG_END', not failed"
LONG_ERROR=$(run_field "$LONG" error)
STORED=$(psql -At "${STORAGE}" -c "SELECT count(*) FROM generated_data WHERE run_id = $LONG")
[ "$STORED" = 0 ] || fail "run $LONG failed but left $STORED stored values"
fabrica_log "test-cluster: run $LONG ended failed ($LONG_ERROR) with 0 stored values"

# The next run is done by the survivor, complete.
NEXT=$(start_run '{"rowsPerTable": 200}')
NEXT_END=$(wait_run_end "$NEXT" 60)
[ "$NEXT_END" = finished ] || fail "run $NEXT ended '$NEXT_END'"
[ "$(run_field "$NEXT" claimedBy)" = "${CLAIMED%:*}:${PIDS[$SURVIVOR]}" ] || fail "run $NEXT was not run by $SURVIVOR"
STORED=$(psql -At "${STORAGE}" -c "SELECT count(DISTINCT (table_name, row_index)) FROM generated_data WHERE run_id = $NEXT")
EXPECTED=$(curl -sS "$API/runs/$NEXT" -H "$AUTH" | jq '[.rowCounts[]] | add')
[ "$STORED" = "$EXPECTED" ] || fail "run $NEXT stored $STORED rows of $EXPECTED"
fabrica_log "test-cluster: run $NEXT finished on instance $SURVIVOR with all $STORED rows stored"
start_instance "$VICTIM"
wait_healthy "$(if [ "$VICTIM" = a ]; then echo "$PORT_A"; else echo "$PORT_B"; fi)" || fail "instance $VICTIM did not restart"

# --- wrk through nginx while instance a is killed and restarted ----------------------------------------------
if ! command -v wrk >/dev/null; then
    fabrica_log "test-cluster: wrk is not installed, no load test (apt-get install wrk)"
    exit 0
fi
fabrica_log "test-cluster: wrk through nginx for ${SECONDS_UNDER_LOAD}s; instance a is killed and restarted meanwhile"
wrk -t2 -c16 -d"${SECONDS_UNDER_LOAD}s" --timeout 5s -s "$FABRICA_ROOT/scripts/wrk-status.lua" \
    "$API/health" >"$WORK/wrk-health.txt" 2>&1 &
WRK_HEALTH=$!
wrk -t2 -c16 -d"${SECONDS_UNDER_LOAD}s" --timeout 5s -s "$FABRICA_ROOT/scripts/wrk-status.lua" -H "$AUTH" \
    "$API/me" >"$WORK/wrk-me.txt" 2>&1 &
WRK_ME=$!
sleep $((SECONDS_UNDER_LOAD / 3))
kill -KILL "${PIDS[a]}"
wait "${PIDS[a]}" 2>/dev/null || true
unset "PIDS[a]"
sleep $((SECONDS_UNDER_LOAD / 4))
start_instance a
wait "$WRK_HEALTH" || fail "wrk /health failed: $(cat "$WORK/wrk-health.txt")"
wait "$WRK_ME" || fail "wrk /me failed: $(cat "$WORK/wrk-me.txt")"

check_wrk() { # label file
    local figures bad
    figures=$(grep -E '^(requests|status_|errors_|latency_)' "$2" | sort)
    echo "$1: $(echo "$figures" | tr '\n' ' ')" >&2
    bad=$(echo "$figures" | awk '/^status_/ { s = substr($1, 8) + 0; if ((s < 200 || s > 299) && s != 502 && s != 503 && $2 > 0) print $1 }
        /^errors_(timeout|connect|read|write)/ { if ($2 > 0) print $1 }')
    [ -z "$bad" ] || fail "$1: not a clean 502/503: $bad"
    [ "$(echo "$figures" | awk '/^requests/ { print $2 }')" -gt 0 ] || fail "$1: no requests"
}
# What nginx saw of the kill: requests it could not pass to instance a and passed on (or answered 502).
echo "nginx: $(grep -c -E 'upstream|connect\(\) failed' "$WORK/nginx/error.log" || true) upstream errors logged" >&2
check_wrk "GET /health" "$WORK/wrk-health.txt"
check_wrk "GET /me" "$WORK/wrk-me.txt"
wait_healthy "$PORT_A" || fail "instance a does not serve at the end"
wait_healthy "$PORT_B" || fail "instance b does not serve at the end"
fabrica_log "test-cluster passed: both instances serve at the end"
