#!/usr/bin/env bash
# Installs what is missing, builds, and starts Audience Courier. Arguments go to the app.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target audience-courier
exec "${BUILD_DIR:-$root/build}/ui/audience-courier" "$@"
