#!/bin/sh
# The programs `make test` needs from the system, beyond Python: checked in its first seconds,
# before anything slow, so a machine without them learns it at once and not after minutes of
# tests. Installed with apt-get where this user may (root, or sudo without a password);
# elsewhere the script prints the one command to run, and fails.
#
# Settings (environment): CHROMIUM and FIREFOX, the browsers' paths (as for the tests);
# INSTALL=no only reports what is missing; DEJAVU, the font file that shows the fonts are
# there (tests/test_system_packages.py sets them to prove each case).
set -u
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
FIREFOX=${FIREFOX:-/usr/bin/firefox-esr}
INSTALL=${INSTALL:-auto}
# The tests' pages are drawn with DejaVu when no other font is there (screenshots, PDFs).
DEJAVU=${DEJAVU:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}

missing() {
    found=""
    # Chromium runs every browser test (Playwright), Firefox ESR the second engine's (Selenium).
    [ -x "$CHROMIUM" ] || found="$found chromium"
    [ -e "$DEJAVU" ] || found="$found fonts-dejavu-core"
    [ -x "$FIREFOX" ] || found="$found firefox-esr"
    # npm installs HTML_CodeSniffer (tests/htmlcs); Java runs the Nu Html Checker.
    command -v npm >/dev/null 2>&1 || found="$found npm"
    command -v java >/dev/null 2>&1 || found="$found default-jre-headless"
    echo "$found"
}

packages=$(missing)
[ -z "$packages" ] && exit 0

# Root, or a sudo that asks no password: only then can make install without a prompt.
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo "; fi
fi
# The command to suggest: root needs no sudo; anyone else does.
prefix="sudo "
[ "$(id -u)" -eq 0 ] && prefix=""
command_line="${prefix}apt-get install -y$packages"
can_install=no
if [ "$INSTALL" != no ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then can_install=yes; fi
fi

if [ "$can_install" = no ]; then
    echo "make test needs$packages (browsers and HTML checkers for the tests):" \
        "run $command_line, or set CHROMIUM=/path FIREFOX=/path to browsers you have" >&2
    exit 1
fi

echo "make test: installing$packages with apt-get for the browser and HTML tests" \
    "(one time, about 2-4 minutes)"
export DEBIAN_FRONTEND=noninteractive
${sudo}apt-get update -qq >/dev/null &&
    ${sudo}apt-get install -y -qq$packages >/dev/null || {
    echo "make test: apt-get could not install$packages; run $command_line and see why" >&2
    exit 1
}
# A browser path set to something apt-get does not provide is still missing: say so.
packages=$(missing)
if [ -n "$packages" ]; then
    echo "make test still lacks$packages after apt-get (CHROMIUM=$CHROMIUM," \
        "FIREFOX=$FIREFOX): point them at browsers that exist" >&2
    exit 1
fi
