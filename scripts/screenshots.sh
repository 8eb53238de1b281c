#!/usr/bin/env bash
# Takes the documentation's screenshots from the real app in a real window under Xvfb:
# docs/screenshots/main-window.png (Activity with real exports), shares.png (the demo share
# after a run), activity-run.png (that run's log), export-dialog.png, audiences.png (the demo's
# GA4 and APSIS audiences), share-to-csv.png and connect-ga4.png.
#
# The app runs its first-start demo (a sandbox exchange and a share to run), which keeps the
# sandbox's key in the keychain like any endpoint's: so the window runs inside a private D-Bus
# session with a throwaway, unlocked gnome-keyring, as the tests do (scripts/test.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [[ -z "${COURIER_SCREENSHOT_SESSION:-}" ]]; then
    "$root/scripts/install-deps.sh" screenshots
    "$root/scripts/build.sh" --target audience-courier
    export COURIER_SCREENSHOT_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi

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
mkdir -m 700 "$work/home" "$work/runtime"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/runtime"
eval "$(printf pw | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
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
sleep 2 # the demo stores its key, refreshes its audiences and creates its share
xdotool windowfocus --sync "$window"
# To the Activity tab, the fourth (Ctrl+Tab cycles the tabs).
xdotool key ctrl+Tab ctrl+Tab ctrl+Tab
sleep 1
import -window "$window" "$out/main-window.png"

# The demo share, run from the Shares tab (Alt+S), with Run now (Alt+R).
xdotool key alt+s
sleep 1
xdotool key alt+r
sleep 6 # the sandbox prepares the export for 1.5 s; the run takes 2 to 3 s in all
import -window "$window" "$out/shares.png"
# Activity, with that run selected and its log below.
xdotool key ctrl+Tab
sleep 1
import -window "$window" "$out/activity-run.png"

# The export dialog, pre-filled with the bundled demo audience, after an export.
xdotool key ctrl+e
dialog=$(xdotool search --sync --onlyvisible --name '^Export CSV' | head -n 1)
sleep 1
xdotool windowfocus --sync "$dialog"
xdotool key alt+e
sleep 2
import -window "$dialog" "$out/export-dialog.png"
xdotool key Escape
sleep 1

# The Audiences tab (the first; Ctrl+Tab from Activity wraps to it), searched for the GA4 demo
# property's cart abandoners, one selected, then Audience › Share to CSV File… (Ctrl+Shift+S).
xdotool windowfocus --sync "$window"
xdotool key ctrl+Tab
sleep 1
# The list is sorted by name; "Cart abandoners (7 days)" is the fourth row (y = 243).
xdotool mousemove --window "$window" 300 243 click 1
sleep 1
import -window "$window" "$out/audiences.png"
xdotool key ctrl+shift+s
dialog=$(xdotool search --sync --onlyvisible --name '^Share to a CSV File' | head -n 1)
sleep 1
import -window "$dialog" "$out/share-to-csv.png"
xdotool windowfocus --sync "$dialog"
xdotool key Escape
sleep 1

# Endpoint › Connect Google Analytics 4… (the menu by its mnemonic).
xdotool windowfocus --sync "$window"
xdotool key alt+e g
dialog=$(xdotool search --sync --onlyvisible --name 'Google Analytics' | head -n 1)
sleep 1
import -window "$dialog" "$out/connect-ga4.png"
echo "Wrote main-window.png, shares.png, activity-run.png, export-dialog.png, audiences.png," \
    "share-to-csv.png and connect-ga4.png in $out"
