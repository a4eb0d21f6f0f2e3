#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite: unit tests of every
# crate and the node tests, which start market-node processes on loopback,
# then the end-to-end suite (e2e/run.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$MARKET_ROOT"
# One profile for build and test, so dependencies compile once.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --release --locked --workspace --no-fail-fast "$@"
else
  cargo test --release --locked --workspace --no-fail-fast "$@"
fi
# The end-to-end suite: the whole market story through polkadot.js against
# a fresh development node (the release binary built above).
"$here/../e2e/run.sh"
