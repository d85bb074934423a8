#!/usr/bin/env bash
# Install the Debian/Ubuntu packages StoreDesk needs to run, test and bundle.
#
#   scripts/install-system-deps.sh           install what is missing (as root), or list it
#   scripts/install-system-deps.sh --check   only list what is missing; exit 1 if anything is
#
# Quick no-op when everything is already installed (one dpkg-query, no apt-get update).
# As root: runs `apt-get update` once, then `apt-get install -y` for the missing packages.
# Not root: prints what is missing and the command to install it, and exits 0 so that
# `make install` can carry on (the Python side does not need them to install).
# STOREDESK_SKIP_SYSTEM_DEPS=1 skips the whole thing.
set -euo pipefail

# Why each one is needed: see shared/TOOLCHAIN.md.
PACKAGES=(
    postgresql          # throwaway server for the test suite (scripts/pg-throwaway.sh)
    xvfb                # `make run HEADLESS=1`
    xauth               # xvfb-run needs it (only a Recommends of xvfb)
    libxcb-icccm4       # Qt xcb platform plugin
    libxcb-keysyms1     # Qt xcb platform plugin
    libxcb-cursor0      # Qt xcb platform plugin
    libxkbcommon0
    libxkbcommon-x11-0
    libegl1
    libgl1
    libfontconfig1
    libdbus-1-3
    libpulse0           # PySide6.QtMultimedia
    fonts-wqy-microhei  # Chinese text in Qt and in reportlab PDFs
    poppler-utils       # pdftoppm, to look at / test generated PDFs
    binutils            # objdump, needed by PyInstaller (`make bundle`)
    make
)

check_only=""
case "${1:-}" in
    --check) check_only=1 ;;
    "") ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

say() { printf 'system-deps: %s\n' "$*" >&2; }

if [ -n "${STOREDESK_SKIP_SYSTEM_DEPS:-}" ]; then
    say "skipped (STOREDESK_SKIP_SYSTEM_DEPS is set)"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian-based system: install the equivalents of these yourself:"
    say "  ${PACKAGES[*]}"
    [ -n "$check_only" ] && exit 1
    exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    say "all ${#PACKAGES[@]} packages present"
    exit 0
fi

say "missing: ${missing[*]}"
if [ -n "$check_only" ]; then
    exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
    say "not root, so not installing them. To install:"
    say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "continuing without them (tests needing PostgreSQL, fonts or Xvfb may fail)"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=120)
say "+ apt-get update"
apt-get -q -o DPkg::Lock::Timeout=120 update
say "+ apt-get install ${missing[*]}"
apt-get install "${apt_opts[@]}" "${missing[@]}"

# Check again, so a package that silently did not install fails here and not in a test.
still=()
for pkg in "${missing[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || still+=("$pkg")
done
if [ ${#still[@]} -ne 0 ]; then
    say "error: still missing after apt-get install: ${still[*]}"
    exit 1
fi
say "installed: ${missing[*]}"
