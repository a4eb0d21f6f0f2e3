#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite: unit tests of every
# crate and the node tests, which start market-node processes on loopback,
# the market pallets and the runtime again with `runtime-benchmarks` and
# `try-runtime`, then the end-to-end suite (e2e/run.sh) and the live upgrade test
# (e2e/upgrade.sh).
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
# Feature-gated code: the benchmarks, run against the pallets' mocks, and
# `try-runtime`: every mock calls every pallet's `try_state`, the
# migrations' pre/post-upgrade checks, the runtime's upgrade checks on
# its genesis, and the runtime fuzzer's fixed-seed slice and corpus
# (fuzz/). The wasm is not needed; the feature builds sit next to the
# default ones in the same target directory.
features=(--features runtime-benchmarks,try-runtime)
packages=(-p pallet-provider-staking -p pallet-policy-escrow -p pallet-availability
  -p pallet-tickets -p pallet-service-claims -p market-runtime -p market-fuzz)
if cargo nextest --version >/dev/null 2>&1; then
  SKIP_WASM_BUILD=1 cargo nextest run --release --locked --no-fail-fast "${packages[@]}" "${features[@]}" "$@"
else
  SKIP_WASM_BUILD=1 cargo test --release --locked --no-fail-fast "${packages[@]}" "${features[@]}" "$@"
fi
# The end-to-end suite: the whole market story through polkadot.js against
# a fresh development node (the release binary built above).
"$here/../e2e/run.sh"
# The live upgrade: a testnet started on the previous release's runtime,
# filled with market state, upgraded to the runtime built above.
"$here/../e2e/upgrade.sh"
