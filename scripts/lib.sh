# Shared by scripts/run.sh and scripts/test.sh: package lists, installing what is missing, building.
# shellcheck shell=bash

FABRICA_BUILD_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libpq-dev libsqlite3-dev
    libquazip1-qt6-dev libssl-dev zlib1g-dev libargon2-dev libjwt-dev
    python3 python3-yaml
)
FABRICA_TEST_PACKAGES=(postgresql mariadb-server mariadb-client sqlite3 python3 python3-jsonschema xvfb xauth curl jq zip unzip openssl)
# clang with libFuzzer and the sanitizer runtimes, for scripts/test.sh --fuzz.
FABRICA_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

fabrica_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the Debian packages that are not installed yet; apt-get runs only when something is missing.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    fabrica_log "Installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# configure_and_build BUILD_DIR BUILD_TYPE [CMAKE_ARGS...]; FABRICA_TARGET limits the build to these targets
# (separated by spaces), FABRICA_JOBS the parallel jobs (default: all cores).
configure_and_build() {
    local dir=$1 type=$2
    shift 2
    # ccache sees paths relative to the checkout and ignores the build folder's own path, so every clone
    # of the repository (CI's fresh one included) shares the compiled objects.
    export CCACHE_BASEDIR="$FABRICA_ROOT" CCACHE_NOHASHDIR=1
    local generator=()
    command -v ninja >/dev/null && generator=(-G Ninja)
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        fabrica_log "Configuring $type build in $dir"
        cmake -S "$FABRICA_ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$type" "$@" >&2
    else
        cmake "$dir" "$@" >/dev/null
    fi
    fabrica_log "Building in $dir"
    local target=()
    # shellcheck disable=SC2206 # the targets are words by design
    [ -z "${FABRICA_TARGET:-}" ] || target=(--target ${FABRICA_TARGET})
    cmake --build "$dir" --parallel "${FABRICA_JOBS:-$(nproc)}" "${target[@]}" >&2
}
