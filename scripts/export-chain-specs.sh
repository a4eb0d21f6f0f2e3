#!/usr/bin/env bash
# Regenerates the raw chain specs in chain-specs/ from the current runtime:
# chain-specs/local-raw.json is `market-node export-chain-spec --chain local
# --raw` (the `local_testnet` preset: Alice and Bob validate). The node test
# `chain_specs` fails while the committed file differs from what the built
# node exports, so run this after any change to the runtime or its presets
# and commit the result. MARKET_NODE=<binary> exports with that binary
# instead of building one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/env.sh
source "$here/env.sh" --no-toolchain
node="${MARKET_NODE:-}"
if [ -z "$node" ]; then
  "$here/setup.sh"
  # shellcheck source=scripts/env.sh
  source "$here/env.sh"
  market_build_node
  node="$CARGO_TARGET_DIR/release/market-node"
fi
mkdir -p "$MARKET_ROOT/chain-specs"
"$node" export-chain-spec --chain local --raw --output "$MARKET_ROOT/chain-specs/local-raw.json"
