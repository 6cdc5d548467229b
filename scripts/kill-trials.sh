#!/usr/bin/env bash
# Kill trials: the first start after the upgrade (encrypting the committed
# plaintext fixture and migrating it) and a backup, each killed with SIGKILL
# at random moments TRIALS times (default 200), every result checked whole.
# Prints the figures; fails if any trial found a corrupt or half-written
# case book or backup. `npm test` runs a short round (CASEBOOK_KILL_TRIALS).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trials="${1:-${CASEBOOK_KILL_TRIALS:-200}}"
cargo run --quiet -p casebook-core --example kill_trials -- "$trials"
