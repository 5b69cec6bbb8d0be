# A throw-away MariaDB server for the tests: its own data directory, socket and free loopback port, run as
# the current user. start_test_mariadb creates a database and a user with a password and sets
# FABRICA_TEST_MYSQL_URL; stop_test_mariadb stops the server and removes its directory.
# shellcheck shell=bash

FABRICA_MYSQL_DIR=""
FABRICA_MYSQL_PID=""

start_test_mariadb() {
    local server install port user=()
    server=$(command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd 2>/dev/null)
    install=$(command -v mariadb-install-db || command -v mysql_install_db)
    if [ -z "$server" ] || [ -z "$install" ]; then
        echo "MariaDB server binaries not found (Debian: mariadb-server)" >&2
        return 1
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    FABRICA_MYSQL_DIR=$(mktemp -d /tmp/fabrica-mariadb.XXXXXX)
    # The server refuses to run as root unless told to; any other user runs it as itself.
    [ "$(id -u)" -ne 0 ] || user=(--user=root)
    fabrica_log "Starting a throw-away MariaDB ($("$server" --version | awk '{print $3}')) on port $port"
    # --auth-root-authentication-method=socket: root logs in through the socket as the OS user only.
    "$install" --no-defaults "${user[@]}" --datadir="$FABRICA_MYSQL_DIR/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$FABRICA_MYSQL_DIR/install.log" 2>&1 ||
        { cat "$FABRICA_MYSQL_DIR/install.log" >&2; return 1; }
    # Durability is not needed for a throw-away server: no flush per commit, no doublewrite.
    "$server" --no-defaults "${user[@]}" --datadir="$FABRICA_MYSQL_DIR/data" \
        --socket="$FABRICA_MYSQL_DIR/mysqld.sock" --pid-file="$FABRICA_MYSQL_DIR/mysqld.pid" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin \
        --log-error="$FABRICA_MYSQL_DIR/server.log" \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=256M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        >/dev/null 2>&1 &
    FABRICA_MYSQL_PID=$!
    local i
    for i in $(seq 1 100); do
        mariadb-admin --no-defaults --socket="$FABRICA_MYSQL_DIR/mysqld.sock" -u root ping >/dev/null 2>&1 && break
        kill -0 "$FABRICA_MYSQL_PID" 2>/dev/null ||
            { cat "$FABRICA_MYSQL_DIR/server.log" >&2; FABRICA_MYSQL_PID=""; return 1; }
        sleep 0.2
    done
    [ "$i" -lt 100 ] || { echo "MariaDB did not start; see $FABRICA_MYSQL_DIR/server.log" >&2; return 1; }
    # A password with characters a URL must percent-encode would only test the URL parser here; keep it plain.
    mariadb --no-defaults --socket="$FABRICA_MYSQL_DIR/mysqld.sock" -u root <<'SQL'
CREATE DATABASE fabrica_test CHARACTER SET utf8mb4;
CREATE USER 'fabrica'@'127.0.0.1' IDENTIFIED BY 'fabrica-test';
CREATE USER 'fabrica'@'localhost' IDENTIFIED BY 'fabrica-test';
GRANT ALL PRIVILEGES ON *.* TO 'fabrica'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'fabrica'@'localhost' WITH GRANT OPTION;
SQL
    export FABRICA_TEST_MYSQL_URL="mysql://fabrica:fabrica-test@127.0.0.1:$port/fabrica_test"
    export FABRICA_TEST_MYSQL_SOCKET="$FABRICA_MYSQL_DIR/mysqld.sock"
}

stop_test_mariadb() {
    [ -n "$FABRICA_MYSQL_DIR" ] || return 0
    if [ -n "$FABRICA_MYSQL_PID" ]; then
        mariadb-admin --no-defaults --socket="$FABRICA_MYSQL_DIR/mysqld.sock" -u root shutdown >/dev/null 2>&1 ||
            kill "$FABRICA_MYSQL_PID" 2>/dev/null || true
        wait "$FABRICA_MYSQL_PID" 2>/dev/null || true
    fi
    rm -rf "$FABRICA_MYSQL_DIR"
    FABRICA_MYSQL_DIR=""
    FABRICA_MYSQL_PID=""
}
