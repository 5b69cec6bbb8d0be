#!/usr/bin/env bash
# Prints every shared library a fabrica binary links (directly or through others), the Debian package and
# version it comes from, and the updates Debian has for those packages — security updates marked.
# Usage: scripts/check-deps.sh [--update] [BINARY]
#   BINARY    default: build/app/fabrica (scripts/run.sh builds it)
#   --update  refresh the package lists first (apt-get update; through sudo when not root)
# Exit status: 0 when no security update is pending for a linked package, 1 when one is, 2 on bad use.
set -euo pipefail
FABRICA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$FABRICA_ROOT/build/app/fabrica"
update=0
for arg in "$@"; do
    case "$arg" in
    --update) update=1 ;;
    -h | --help)
        sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) binary="$arg" ;;
    esac
done
if [[ ! -x "$binary" ]]; then
    echo "check-deps: no binary at $binary (build it with scripts/run.sh --version, or name one)" >&2
    exit 2
fi
if ((update)); then
    if ((EUID == 0)); then apt-get update -qq; else sudo apt-get update -qq; fi
fi

# Library paths as the loader resolves them, then the packages that own them.
declare -A packages=()
while read -r library; do
    real=$(readlink -f "$library")
    owner=$(dpkg -S "$library" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
    package=${owner%%:*}
    [[ -n "$package" ]] && packages["$package"]=1
done < <(ldd "$binary" | awk '/=> \//{print $3} /^\t\/.*\(0x/{print $1}')

# What apt would upgrade, with the suite it comes from (…-security for security updates).
declare -A upgrades=()
while IFS= read -r line; do
    # "Inst libssl3 [3.0.15-1~deb12u1] (3.0.17-1~deb12u2 Debian-Security:12/stable-security [amd64])"
    [[ "$line" =~ ^Inst\ ([^ ]+)\ \[([^]]+)\]\ \(([^ ]+)\ ([^ ]+) ]] || continue
    upgrades["${BASH_REMATCH[1]%%:*}"]="${BASH_REMATCH[3]} ${BASH_REMATCH[4]}"
done < <(LC_ALL=C apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null)

printf '%-34s %-28s %s\n' "package" "installed" "pending update"
security=0
for package in $(printf '%s\n' "${!packages[@]}" | sort); do
    version=$(dpkg-query -W -f '${Version}' "$package" 2>/dev/null | head -1)
    pending=${upgrades[$package]:-}
    note="-"
    if [[ -n "$pending" ]]; then
        note="$pending"
        if [[ "$pending" == *ecurity* ]]; then
            note="$note  << SECURITY"
            security=$((security + 1))
        fi
    fi
    printf '%-34s %-28s %s\n' "$package" "$version" "$note"
done
echo
echo "${#packages[@]} packages linked by $(basename "$binary"); $security with a pending security update."
echo "(Package lists as of the last apt-get update; --update refreshes them.)"
((security == 0))
