#!/usr/bin/env bash
# Takes the README's screenshots from the real application under a virtual X server: a fresh storage, a
# user created with `fabrica users add`, sign-in through the app's own dialog (typed with xdotool), the shop
# example, then the main window, the column editor of orders.status, the table editor of orders and the
# import preview of a ZIP; then scripts/window-shots (the real MainWindow driven through its own actions)
# for the data preview with the statistics of orders.status, the generate panel during a run, the export
# options, the write-into-database dialog and the users dialog. Writes PNGs into docs/screenshots/ (or the
# folder given as $1).
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"

out=$(realpath -m "${1:-$FABRICA_ROOT/docs/screenshots}")
ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" xvfb xauth xdotool imagemagick zip fonts-dejavu-core
FABRICA_TARGET="fabrica window_shots" configure_and_build "$FABRICA_ROOT/build" Release
fabrica="$FABRICA_ROOT/build/app/fabrica"

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
    [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
    [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
    [ -z "${FABRICA_KEEP_SCRATCH:-}" ] || cp "$work/app.log" /tmp/screenshots-app.log 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Everything the app keeps lives in the scratch folder: storage, settings, autosaves.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export FABRICA_DATABASE="sqlite:$work/fabrica.sqlite" LANG=en_US.UTF-8 LC_ALL= QT_QPA_PLATFORM=xcb
password="screenshots-$(date +%s)-demo"
printf '%s\n' "$password" | "$fabrica" users add ada --admin --email ada@example.com --password-stdin >/dev/null

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# A ZIP of a small web shop's DDL and CSV samples, for the import preview.
(cd "$FABRICA_ROOT/tests/data/import/app" && zip -q -r "$work/webshop.zip" .)

wait_window() { # NAME-REGEX: waits until a window whose title matches is visible, prints its id
    local id
    for _ in $(seq 150); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -n 1) && [ -n "$id" ] && { echo "$id"; return; }
        sleep 0.1
    done
    echo "no window called '$1' appeared" >&2
    return 1
}
keys() { xdotool key --delay 60 "$@"; sleep 0.6; }
type_text() { xdotool type --delay 25 "$1"; sleep 0.3; }
shot() { # NAME WINDOW-ID
    sleep 0.8
    import -window "$2" "$out/$1.png"
    fabrica_log "Wrote $out/$1.png"
}

mkdir -p "$out"
"$fabrica" "$FABRICA_ROOT/examples/shop.fabrica.json" >"$work/app.log" 2>&1 &
app_pid=$!

signin=$(wait_window '^Sign In')
xdotool windowactivate --sync "$signin" 2>/dev/null || true
xdotool windowfocus --sync "$signin"
keys ctrl+a
type_text ada
keys Tab
type_text "$password"
keys Return

main=$(wait_window 'Fabrica$')
xdotool windowsize --sync "$main" 1400 860 2>/dev/null || true
xdotool windowmove --sync "$main" 0 0 2>/dev/null || true
xdotool windowactivate --sync "$main" 2>/dev/null || true
xdotool windowfocus --sync "$main"
sleep 1.5
shot main-window "$main"
# The tree: filter for orders.status, then walk down to it (schema → orders → status).
keys ctrl+f
type_text status
keys Tab Home Down Down
shot column-editor "$main"
keys Up
shot table-editor "$main"

# File → Import… with the ZIP; Qt's own file dialog takes a typed path.
keys ctrl+i
dialog=$(wait_window '^Import$')
xdotool windowfocus --sync "$dialog"
type_text "$work/webshop.zip"
keys Return
preview=$(wait_window 'Import Preview|Import preview|Preview')
xdotool windowsize --sync "$preview" 1100 680 2>/dev/null || true
shot import-preview "$preview"
keys Escape
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""

"$FABRICA_ROOT/build/scripts/window-shots/window_shots" "$out" 2>>"$work/app.log"
fabrica_log "Screenshots in $out"
