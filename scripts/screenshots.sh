#!/usr/bin/env bash
# Takes the documentation's screenshots from the real app in a real window under Xvfb:
# docs/screenshots/main-window.png (Activity with real runs) and export-dialog.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" screenshots
"$root/scripts/build.sh" --target audience-courier
app="${BUILD_DIR:-$root/build}/ui/audience-courier"
out="$root/docs/screenshots"
mkdir -p "$out"

work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
cleanup() {
    [[ -n "${app_pid:-}" ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n "${xvfb_pid:-}" ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" LANG=C.UTF-8 LC_ALL=C.UTF-8
profile="$work/profile"

# Real runs for the Activity view: a demo export with rejected rows, and a file that is not UTF-8.
cp "$root/resources/samples/demo-audience.csv" "$work/newsletter-members.csv"
"$app" export-csv --profile "$profile" --in "$work/newsletter-members.csv" \
    --out "$work/newsletter-members-export.csv" --map 'email=E-mail:trim,lowercase' \
    --map 'phone=Phone:trim' --map 'city=City' --map 'tier=Loyalty tier' --identifier email
printf 'name,city\nBj\xf6rn,Malm\xf6\n' > "$work/spring-campaign.csv"
"$app" export-csv --profile "$profile" --in "$work/spring-campaign.csv" \
    --out "$work/spring-campaign-export.csv" 2>/dev/null || true

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb_pid=$!
export DISPLAY=$display
sleep 1
"$app" --profile "$profile" & app_pid=$!
# Without a window manager nothing has focus: find the windows by class, focus them by hand.
window=$(xdotool search --sync --onlyvisible --class audience-courier | head -n 1)
xdotool windowsize "$window" 1100 640
sleep 1
xdotool windowfocus --sync "$window"
# To the Activity tab (Ctrl+Tab cycles the tabs).
xdotool key ctrl+Tab ctrl+Tab
sleep 1
import -window "$window" "$out/main-window.png"

# The export dialog, pre-filled with the bundled demo audience, after an export.
xdotool key ctrl+e
dialog=$(xdotool search --sync --onlyvisible --name '^Export CSV' | head -n 1)
sleep 1
xdotool windowfocus --sync "$dialog"
xdotool key alt+e
sleep 2
import -window "$dialog" "$out/export-dialog.png"
echo "Wrote $out/main-window.png and $out/export-dialog.png"
