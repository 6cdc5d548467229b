#!/usr/bin/env bash
# Builds the app with its UI embedded (a debug build, no installer) and drives
# the real window through tauri-driver + WebKitWebDriver under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ "${CASEBOOK_E2E_SKIP_BUILD:-}" != 1 ]; then
  TAURI_APP_PATH=src-tauri npx tauri build --debug --no-bundle
fi
export WEBKIT_DISABLE_DMABUF_RENDERER=1
rm -rf tests/e2e/artifacts
exec xvfb-run -a -s "-screen 0 1280x820x24" \
  node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec tests/e2e/*.test.mjs
