#!/usr/bin/env bash
# Installs what is missing, builds, and starts the sandbox server (courier-sandbox) on 127.0.0.1.
# Arguments go to the server: --port N (default: a free port), fault flags, … (see --help and
# docs/sandbox.md). It prints "courier-sandbox listening on http://127.0.0.1:PORT".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target courier-sandbox
exec "${BUILD_DIR:-$root/build}/sandbox/courier-sandbox" "$@"
