#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs the whole test suite through CTest.
# CTest runs inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so the
# keychain tests reach a real Secret Service even headless (CI, root, no stdin) and never touch
# the keyring of whoever runs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${BUILD_DIR:-$root/build}"

# gnome-keyring keeps its keyrings under $XDG_DATA_HOME (else $HOME/.local/share) and its
# control socket under $XDG_RUNTIME_DIR (which must be private): point both into one temporary
# folder, removed on exit. A successful trap keeps CTest's exit status as the script's.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" || true' EXIT
mkdir -m 700 "$scratch/home" "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_RUNTIME_DIR="$scratch/runtime"

# dbus-run-session starts a session bus, runs the command and exits with its status; the keyring
# daemon goes away with the bus. --unlock reads the password of the new login keyring from
# stdin, so it is piped in (never the terminal), and the keyring is created unlocked.
dbus-run-session -- bash -c '
    eval "$(printf pw | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
    ctest --output-on-failure --timeout 600 -j "$(nproc)"'
