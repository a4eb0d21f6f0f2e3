#!/usr/bin/env bash
# Exports the raw chain spec of the local testnet into chain-specs/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$MARKET_ROOT"
cargo build --release --locked -p market-node
"$CARGO_TARGET_DIR/release/market-node" export-chain-spec --chain local --raw \
  --output chain-specs/local-raw.json
