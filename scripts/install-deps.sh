#!/usr/bin/env bash
# Installs the Debian 12 packages Audience Courier needs to build, run and test.
# Does nothing when they are all present; otherwise one apt-get update and one install.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6svg6 libgl-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qtkeychain-qt6-dev qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev
    zlib1g-dev libssl-dev rapidjson-dev libphonenumber-dev
    dbus-daemon dbus-x11 gnome-keyring
    util-linux
    postgresql libqt6sql6-psql
)
# Extra groups a caller may ask for: "screenshots" (Xvfb and ImageMagick).
for extra in "$@"; do
    case "$extra" in
        screenshots) packages+=(xvfb xauth imagemagick x11-utils xdotool) ;;
        *) echo "install-deps: unknown group '$extra'" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
