#!/usr/bin/env bash
# Sets up the machine, builds market-node and starts a development chain
# (one validator, Alice; state in a temporary directory; RPC on 127.0.0.1:9944).
# Extra arguments go to market-node, e.g. `scripts/dev.sh --rpc-port 9955`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$MARKET_ROOT"
market_build_node
exec "$CARGO_TARGET_DIR/release/market-node" --dev "$@"
