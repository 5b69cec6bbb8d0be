# A throw-away PostgreSQL cluster for the tests, on a free loopback port, trust authentication.
# start_test_postgres sets FABRICA_TEST_PG_URL; stop_test_postgres removes the cluster.
# shellcheck shell=bash

FABRICA_PG_DIR=""

pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_test_postgres() {
    local bin port
    bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    FABRICA_PG_DIR=$(mktemp -d /tmp/fabrica-pg.XXXXXX)
    chmod 755 "$FABRICA_PG_DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$FABRICA_PG_DIR"
    fabrica_log "Starting a throw-away PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on port $port"
    pg_as_owner "$bin/initdb" -D "$FABRICA_PG_DIR/data" -U fabrica --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # The tests' own role needs no password; every other role must give one (the tests of PGPASSWORD,
    # ~/.pgpass and saved passwords create such roles).
    pg_as_owner tee "$FABRICA_PG_DIR/data/pg_hba.conf" >/dev/null <<'HBA'
local all all trust
host all fabrica 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
HBA
    pg_as_owner "$bin/pg_ctl" -D "$FABRICA_PG_DIR/data" -l "$FABRICA_PG_DIR/server.log" -w -o \
        "-p $port -k $FABRICA_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U fabrica fabrica_test
    export FABRICA_TEST_PG_URL="postgresql://fabrica@127.0.0.1:$port/fabrica_test"
    FABRICA_PG_BIN=$bin
}

stop_test_postgres() {
    [ -n "$FABRICA_PG_DIR" ] || return 0
    pg_as_owner "$FABRICA_PG_BIN/pg_ctl" -D "$FABRICA_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$FABRICA_PG_DIR"
    FABRICA_PG_DIR=""
}
