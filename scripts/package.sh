#!/usr/bin/env bash
# Builds Fabrica's packages: a Release build in build-package/, then `cpack -G "DEB;TGZ"` (installer/), the
# files with their sizes and SHA-256, lintian on the .deb and appstreamcli on the AppStream metadata.
# Usage: scripts/package.sh [--check]
#   --check  then test the .deb: unpack it (dpkg-deb -x) into a scratch root and run `fabrica --version`
#            and a `generate` of the shop example from there, in German too (its .qm read from the
#            package's share/fabrica/translations); check the desktop entry, the man page, the .qm and the
#            tarball. Exit 1 when anything fails, lintian errors included.
# FABRICA_JOBS sets the build's parallel jobs (default: all cores). Not part of scripts/test.sh: a Release
# build does not fit CI's time; run it before a release (docs/release-checklist.md).
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$FABRICA_ROOT/scripts/lib.sh"

check=0
for arg in "$@"; do
    case "$arg" in
    --check) check=1 ;;
    -h | --help)
        sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "package.sh: unknown argument $arg (--check or --help)" >&2
        exit 2
        ;;
    esac
done

ensure_packages "${FABRICA_BUILD_PACKAGES[@]}" dpkg-dev file appstream lintian desktop-file-utils man-db strace

build="$FABRICA_ROOT/build-package"
out="$build/packages"
# The date in the metadata, the man page and the Debian changelog is the last commit's: a rebuild of the
# same commit gives the same file contents.
SOURCE_DATE_EPOCH="$(git -C "$FABRICA_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)"
export SOURCE_DATE_EPOCH
# Only the binary and the generated documents: no tests, benchmarks or tools, and `cpack` installs without
# building everything first.
FABRICA_TARGET="fabrica fabrica_package_files" configure_and_build "$build" Release \
    -DFABRICA_BUILD_TESTS=OFF -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON

fabrica_log "Packaging (cpack -G DEB;TGZ)"
rm -rf "$out"
(cd "$build" && cpack -G "DEB;TGZ" -B "$out" >&2)
rm -rf "$out/_CPack_Packages"
deb=$(ls "$out"/fabrica_*.deb)
tgz=$(ls "$out"/fabrica-*.tar.gz)

echo "Packages:"
for file in "$deb" "$tgz"; do
    printf '  %-45s %8s KiB  sha256 %s\n' "$(basename "$file")" "$(($(stat -c %s "$file") / 1024))" \
        "$(sha256sum "$file" | cut -d' ' -f1)"
done
echo
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends Suggests | sed 's/^/  /'
echo

failed=0
fail() {
    echo "FAILED: $*"
    failed=1
}

# Lintian: errors fail --check; the warnings and notes left are explained in docs/packaging.md.
fabrica_log "lintian"
lintian_out=$(lintian --display-info --tag-display-limit 0 "$deb" 2>&1) || true
echo "${lintian_out:-lintian: no findings}"
if grep -q '^E: ' <<<"$lintian_out"; then fail "lintian reports errors"; fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

fabrica_log "appstreamcli validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.fabrica.Fabrica.metainfo.xml" ||
    fail "appstreamcli validate"

((check)) || exit "$failed"

fabrica_log "Checking the unpacked .deb in $root"
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/fabrica ./usr/share/applications/org.fabrica.Fabrica.desktop \
    ./usr/share/icons/hicolor/scalable/apps/org.fabrica.Fabrica.svg \
    ./usr/share/icons/hicolor/16x16/apps/org.fabrica.Fabrica.png \
    ./usr/share/icons/hicolor/512x512/apps/org.fabrica.Fabrica.png \
    ./usr/share/metainfo/org.fabrica.Fabrica.metainfo.xml \
    ./usr/share/fabrica/translations/fabrica_de.qm ./usr/share/fabrica/translations/fabrica_en.qm \
    ./usr/share/fabrica/examples/shop.fabrica.json ./usr/share/man/man1/fabrica.1.gz \
    ./usr/share/doc/fabrica/copyright ./usr/share/doc/fabrica/changelog.gz; do
    if grep -q " $path\$" <<<"$contents"; then echo "  has $path"; else fail "the .deb lacks $path"; fi
done

if desktop-file-validate "$root/usr/share/applications/org.fabrica.Fabrica.desktop"; then
    echo "  desktop-file-validate: OK"
else
    fail "desktop-file-validate"
fi

fabrica="$root/usr/bin/fabrica"
scratch="$root/scratch"
mkdir -p "$scratch/home"
# A neutral environment: a fresh HOME, no display, the system's libraries only (no LD_LIBRARY_PATH).
run() { env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }

version=$(run "$fabrica" --version) || fail "fabrica --version"
echo "  fabrica --version: $version"
grep -q "$(dpkg-deb -f "$deb" Version | cut -d- -f1)" <<<"$version" || fail "--version does not name the package's version"
unresolved=$(ldd "$fabrica" | grep 'not found' || true)
[[ -z "$unresolved" ]] || fail "libraries not found: $unresolved"

examples="$root/usr/share/fabrica/examples"
if run "$fabrica" generate "$examples/shop.fabrica.json" --rows customers=100 --rows orders=300 \
    --format csv --out "$scratch/shop/" --quiet; then
    for table in customers:100 orders:300; do
        lines=$(($(wc -l <"$scratch/shop/${table%%:*}.csv") - 1))
        if [[ "$lines" == "${table#*:}" ]]; then
            echo "  generate: ${table%%:*}.csv has $lines rows"
        else
            fail "generate: ${table%%:*}.csv has $lines rows, not ${table#*:}"
        fi
    done
else
    fail "fabrica generate of the shop example"
fi

# German: the texts come from the package's fabrica_de.qm (strace shows it opened), not only the copy
# built into the binary.
german=$(env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=de_DE.UTF-8 QT_QPA_PLATFORM=offscreen \
    strace -f -qq -e trace=openat -o "$scratch/strace.log" "$fabrica" --help) || fail "LANG=de_DE fabrica --help"
if grep -q "Befehle" <<<"$german"; then echo "  LANG=de_DE.UTF-8 fabrica --help is German"; else fail "fabrica --help is not German under LANG=de_DE.UTF-8"; fi
if grep -q 'share/fabrica/translations/fabrica_de.qm", O_RDONLY' "$scratch/strace.log"; then
    echo "  it read usr/share/fabrica/translations/fabrica_de.qm"
else
    fail "fabrica did not read the installed fabrica_de.qm"
fi

manual=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/fabrica.1.gz" 2>"$scratch/man.err" | col -b) || fail "man -l fabrica.1.gz"
if [[ -s "$scratch/man.err" ]]; then fail "man warns: $(cat "$scratch/man.err")"; fi
if grep -q "fabrica generate" <<<"$manual"; then
    echo "  man -l fabrica.1.gz: $(wc -l <<<"$manual") lines, no warnings"
else
    fail "the man page lacks the generate command"
fi

tarball="$scratch/tgz"
mkdir -p "$tarball"
tar -xzf "$tgz" -C "$tarball"
top=$(ls "$tarball")
tgz_version=$(run "$tarball/$top/bin/fabrica" --version) || fail "the tarball's bin/fabrica --version"
echo "  $(basename "$tgz"): bin/fabrica --version: $tgz_version"
[[ -f "$tarball/$top/share/fabrica/translations/fabrica_de.qm" ]] || fail "the tarball lacks fabrica_de.qm"

if ((failed)); then
    echo "package check: FAILED"
    exit 1
fi
echo "package check: OK"
