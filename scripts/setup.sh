#!/usr/bin/env bash
# Installs what Casebook needs on a fresh Debian/Ubuntu machine, idempotently.
#   scripts/setup.sh app    build and run the app
#   scripts/setup.sh test   also the end-to-end test tools (Xvfb, WebKitWebDriver,
#                           tauri-driver) and the PDF checkers
# Run as root, it installs missing apt packages itself; otherwise it names them.
set -euo pipefail
mode="${1:-app}"
cd "$(dirname "$0")/.."

app_packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  librsvg2-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libayatana-appindicator3-dev)
test_packages=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils qpdf fonts-noto-cjk python3-icalendar
  dbus-daemon x11-utils gnome-keyring libsecret-tools)

wanted=("${app_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "setup: these packages are missing; install them and run again:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
else
  echo "setup: not a Debian/Ubuntu system; see README.md for Windows and macOS prerequisites."
fi

command -v cargo >/dev/null || { echo "setup: Rust is missing; install it from rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ and npm are missing" >&2; exit 1; }

# npm packages: only when the lock file changed since the last install.
stamp=node_modules/.casebook-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver (about 2 minutes)"
  cargo install tauri-driver --version '^2' --locked
fi
exit 0
