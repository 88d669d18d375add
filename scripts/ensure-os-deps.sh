#!/usr/bin/env bash
# Makes sure the operating-system packages the tests need are present (Debian/Ubuntu):
#   chromium     the browser that drives the VS Code workbench (through playwright-core, which downloads none)
#   ripgrep      `rg`, handed to code-server's @vscode/ripgrep so its install needs no GitHub download
#   libkrb5-dev  headers for code-server's `kerberos` module, which compiles when its prebuilt download fails
#   g++, make, python3   what node-gyp needs to compile those native modules
#   openssl      makes the throw-away self-signed certificate of the TLS tests (test/fixtures/tls)
#   fonts-wqy-microhei, fonts-noto-color-emoji   Chinese and emoji glyphs, so screenshots show what a
#                Chinese-speaking user sees instead of empty boxes
# As root it installs what is missing with apt-get; otherwise it prints one line naming what to install.
set -euo pipefail

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { have_cmd dpkg-query && [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

{ [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; } || have_cmd chromium || have_cmd chromium-browser || missing+=(chromium)
have_cmd rg || missing+=(ripgrep)
have_pkg libkrb5-dev || have_cmd krb5-config || missing+=(libkrb5-dev)
have_cmd g++ || missing+=(g++)
have_cmd make || missing+=(make)
have_cmd python3 || missing+=(python3)
have_cmd openssl || missing+=(openssl)
have_pkg fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
have_pkg fonts-noto-color-emoji || missing+=(fonts-noto-color-emoji)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ensure-os-deps: all present (chromium, ripgrep, libkrb5-dev, g++, make, python3, openssl, CJK and emoji fonts)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && have_cmd apt-get; then
  echo "ensure-os-deps: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  echo "ensure-os-deps: installed ${missing[*]}"
  exit 0
fi

echo "ensure-os-deps: missing OS packages: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}), or run this script as root, then try again." >&2
exit 1
