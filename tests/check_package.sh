#!/usr/bin/env bash
# Builds the packages and checks them as a user's system would see them:
#   check_package.sh BUILD_DIR VERSION
# The .deb's metadata and contents, the .tar.gz's contents, the .desktop entry and the AppStream
# metainfo; where it runs as root on Debian, installs the .deb, runs the programs from /usr/bin
# and removes it again.
set -uo pipefail
build=$1
version=$2
app_id=org.ssemonitor.SseMonitor
passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@" >/tmp/check_package.$$ 2>&1; then
        passed=$((passed + 1))
        echo "PASS   : $what"
    else
        failed=$((failed + 1))
        echo "FAIL!  : $what"
        sed 's/^/    /' /tmp/check_package.$$ | head -40
    fi
}
finish() {
    rm -f /tmp/check_package.$$
    echo "Totals: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

rm -f "$build"/sse-monitor_*.deb "$build"/sse-monitor-*.tar.gz
check "cpack builds the packages" cmake --build "$build" --target package
deb=$(ls "$build"/sse-monitor_"$version"_*.deb 2>/dev/null | head -n 1)
tgz=$(ls "$build"/sse-monitor-"$version"-*.tar.gz 2>/dev/null | head -n 1)
check ".deb named after the project version" test -f "$deb"
check ".tar.gz named after the project version" test -f "$tgz"
[ -f "$deb" ] && [ -f "$tgz" ] || finish

info=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
field() { printf '%s\n' "$info" | sed -n "s/^ $1: //p"; }
check "Package: sse-monitor" test "$(field Package)" = sse-monitor
check "Version: $version" test "$(field Version)" = "$version"
depends=$(field Depends)
for dep in qt6-qpa-plugins libqt6widgets6 libqt6network6 libqt6core6 libc6; do
    check "Depends names $dep" grep -q "$dep" <<<"$depends"
done
expected=(
    ./usr/bin/sse-monitor ./usr/bin/ssecat ./usr/bin/sse-testbed
    ./usr/share/man/man1/sse-monitor.1 ./usr/share/man/man1/ssecat.1 ./usr/share/man/man1/sse-testbed.1
    ./usr/share/applications/$app_id.desktop ./usr/share/metainfo/$app_id.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/$app_id.svg
    ./usr/share/sse-monitor/prometheus/ssecat-alerts.yml ./usr/lib/systemd/system/ssecat@.service
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    check ".deb contains $path" grep -qxF "$path" <<<"$contents"
done
tar_contents=$(tar -tzf "$tgz")
for prog in sse-monitor ssecat sse-testbed; do
    check ".tar.gz contains bin/$prog" grep -q "/bin/$prog\$" <<<"$tar_contents"
done

root=$(mktemp -d)
dpkg-deb -x "$deb" "$root"
check "desktop-file-validate accepts the .desktop entry" \
    desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
check "appstreamcli validates the metainfo" \
    appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "the metainfo names release $version" grep -q "release version=\"$version\"" \
    "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "the man page of ssecat documents --max-events" grep -qF -- "max\\-events" \
    <(zcat -f "$root/usr/share/man/man1/ssecat.1")
check "the man page of ssecat documents --metrics" grep -qF -- "\\-\\-metrics" \
    <(zcat -f "$root/usr/share/man/man1/ssecat.1")
check "promtool accepts the shipped alert rules" \
    promtool check rules "$root/usr/share/sse-monitor/prometheus/ssecat-alerts.yml"
rm -rf "$root"

# Install into the system, run from /usr/bin, remove: only as root, and only when no other
# installation of the package would be disturbed.
if [ "$(id -u)" -ne 0 ]; then
    echo "NOTE   : not root: the .deb was checked but not installed"
elif dpkg-query -W -f='${Status}' sse-monitor 2>/dev/null | grep -q 'install ok installed'; then
    echo "NOTE   : sse-monitor is already installed on this system: not replaced by the test"
else
    check "dpkg installs the .deb" dpkg -i "$deb"
    check "/usr/bin/ssecat --version" bash -c "/usr/bin/ssecat --version | grep -qx 'ssecat $version'"
    check "/usr/bin/sse-monitor --version" \
        bash -c "QT_QPA_PLATFORM=offscreen /usr/bin/sse-monitor --version | grep -q '$version'"
    check "/usr/bin/sse-testbed --version" bash -c "/usr/bin/sse-testbed --version | grep -q '$version'"
    check "man finds the installed page" bash -c "man -w ssecat | grep -q ssecat.1"
    if command -v systemd-analyze >/dev/null; then
        check "systemd-analyze verifies the ssecat@ unit" \
            systemd-analyze verify --man=no ssecat@example.service
    else
        echo "NOTE   : systemd-analyze is not installed: the ssecat@ unit was not verified"
    fi
    check "dpkg removes the package" dpkg -r sse-monitor
    check "nothing is left in /usr/bin" bash -c "! test -e /usr/bin/ssecat && ! test -e /usr/bin/sse-monitor"
fi
finish
