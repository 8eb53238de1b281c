#!/usr/bin/env bash
# Runs bench_engine (sandbox → engine → CSV) inside a private D-Bus session with a throwaway,
# unlocked gnome-keyring, as scripts/test.sh does for CTest: the benchmark stores the sandbox's
# key through the real keychain and never touches the keyring of whoever runs it.
#
#   scripts/bench-engine.sh --members 1000000            # build/bench/bench_engine
#   BUILD_DIR=/path/to/build scripts/bench-engine.sh --members 10000000 --work-dir /var/tmp
#
# Arguments go to bench_engine unchanged (see bench/engine_bench.cpp). Build it first:
#   ./scripts/build.sh --target bench_engine
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="${BUILD_DIR:-$root/build}/bench/bench_engine"
if [[ ! -x "$bench" ]]; then
    echo "bench-engine.sh: no $bench; build the bench_engine target (or set BUILD_DIR)" >&2
    exit 2
fi

# Keyrings under $XDG_DATA_HOME, the control socket under $XDG_RUNTIME_DIR (must be private):
# both in one temporary folder, removed on exit.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" || true' EXIT
mkdir -m 700 "$scratch/home" "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_RUNTIME_DIR="$scratch/runtime"

dbus-run-session -- bash -c '
    eval "$(printf pw | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
    exec "$0" "$@"' "$bench" "$@"
