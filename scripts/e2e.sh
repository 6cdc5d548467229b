#!/usr/bin/env bash
# Builds the app with its UI embedded (a debug build, no installer) and drives
# the real window through tauri-driver + WebKitWebDriver under Xvfb.
# CASEBOOK_E2E_SKIP_BUILD=1 skips the build; CASEBOOK_E2E_ONLY="tests/e2e/x.test.mjs"
# runs only those files.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ "${CASEBOOK_E2E_SKIP_BUILD:-}" != 1 ]; then
  TAURI_APP_PATH=src-tauri npx tauri build --debug --no-bundle
fi
export WEBKIT_DISABLE_DMABUF_RENDERER=1
rm -rf tests/e2e/artifacts
# The app's own folders (window state in the config folder, the log in the
# data folder) live in a temporary home for the run: tests neither read nor
# change the developer's window size, and the log the run wrote is checked
# afterwards. A private D-Bus session keeps the single-instance check (a D-Bus
# name on Linux) away from a Casebook the developer has open.
e2e_home="$(mktemp -d "${TMPDIR:-/tmp}/casebook-e2e-home-XXXXXX")"
export XDG_CONFIG_HOME="$e2e_home/config" XDG_DATA_HOME="$e2e_home/data" XDG_CACHE_HOME="$e2e_home/cache"
export CASEBOOK_E2E_LOG_DIR="$XDG_DATA_HOME/tw.casebook.app/logs"
# The debug build's protection hooks: a new data folder is set up (and an
# existing one unlocked) with this passphrase, and the OS key store is left
# out, as on a machine without one. protection.test.mjs types its passphrase
# through the real screens; key-store.test.mjs uses a real Secret Service.
export CASEBOOK_E2E_PASSPHRASE="e2e 測試 passphrase" CASEBOOK_E2E_KEY_STORE=none
tests=(tests/e2e/*.test.mjs)
if [ -n "${CASEBOOK_E2E_ONLY:-}" ]; then tests=($CASEBOOK_E2E_ONLY); fi
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x820x24" \
  node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec "${tests[@]}"
# After every app run: the log file exists and holds no patient text.
node --test --test-reporter=spec tests/e2e/after-run/log-file.test.mjs
