#!/usr/bin/env bash
# Every check Casebook has, in the order that fails fastest. `npm test` runs
# this after scripts/setup.sh; CI runs `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings
step "Rust tests (core, app, CLI, integration)"
cargo test --workspace
step "Kill trials: migration and backup interrupted by SIGKILL (short round)"
bash scripts/kill-trials.sh "${CASEBOOK_KILL_TRIALS:-25}"
step "UI: typecheck"
npm run --silent ui:typecheck
step "UI: lint"
npm run --silent ui:lint
step "UI: unit tests"
npm run --silent ui:test
step "End-to-end: the real app under Xvfb"
bash scripts/e2e.sh
