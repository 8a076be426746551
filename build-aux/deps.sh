# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by build-aux/run and build-aux/test (source it, do not run it):
# installs the missing Debian packages, then configures and builds _build.
# Works on a fresh Debian 12 machine as root, or as a user with sudo.

# What building and running Liandang needs.
LD_BUILD_PACKAGES="build-essential meson ninja-build pkg-config gettext
  libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlcipher-dev libsodium-dev
  libxlsxwriter-dev libicu-dev desktop-file-utils libxml2-utils
  libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev"
# What the test suites need on top: validators, a virtual display, CJK fonts.
LD_TEST_PACKAGES="appstream-util xvfb xauth fonts-noto-cjk poppler-utils
  libreoffice-calc-nogui python3-openpyxl strace"

LD_SOURCE_ROOT=$(cd "$(dirname "$0")/.." && pwd)
LD_BUILD_DIR="$LD_SOURCE_ROOT/_build"

ld_say ()
{
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Runs a command as root: directly when we are root, else through sudo.
ld_as_root ()
{
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo > /dev/null 2>&1; then
    sudo "$@"
  else
    ld_say "need root to run: $*"
    ld_say "run this script as root, or install sudo"
    return 1
  fi
}

# Installs those of the given Debian packages that are not installed yet.
# Does nothing (and needs no root) when everything is there.
ld_install_packages ()
{
  if ! command -v dpkg-query > /dev/null 2>&1; then
    ld_say "not a Debian system: make sure these packages are installed: $*"
    return 0
  fi

  missing=""
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2> /dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $pkg"
  done
  [ -n "$missing" ] || return 0

  ld_say "installing missing packages:$missing"
  ld_as_root env DEBIAN_FRONTEND=noninteractive apt-get update || return 1
  # shellcheck disable=SC2086 # word splitting of the package list is wanted
  ld_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y $missing || return 1
}

# Configures _build unless it already is; ninja re-runs meson by itself
# whenever a meson.build changes.
ld_configure ()
{
  if [ -f "$LD_BUILD_DIR/build.ninja" ]; then
    return 0
  elif [ -f "$LD_BUILD_DIR/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$LD_BUILD_DIR" "$LD_SOURCE_ROOT"
  else
    meson setup "$LD_BUILD_DIR" "$LD_SOURCE_ROOT"
  fi
}

ld_build ()
{
  ld_configure && meson compile -C "$LD_BUILD_DIR"
}
