#!/usr/bin/env bash
# `npm start`: set up, build the app with its UI embedded, and open it on the
# default data folder (or CASEBOOK_DATA_DIR). For live UI reloading while
# developing, use `npm run tauri dev` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
export PATH="$HOME/.cargo/bin:$PATH"
TAURI_APP_PATH=src-tauri npx tauri build --debug --no-bundle
exec "${CARGO_TARGET_DIR:-target}/debug/casebook" "$@"
