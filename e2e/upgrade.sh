#!/usr/bin/env bash
# Runs the live upgrade test (upgrade.test.js): starts a two-validator local
# testnet (scripts/local-testnet.sh) on loopback whose chain is built and run
# by the previous release's runtime kept in runtime/releases/, lets the test
# fill it with market state and upgrade it to the runtime under test with
# sudo `set_code` (after `market-try-upgrade` has run the same upgrade over
# the chain's downloaded state), then stops every node (also on failure or
# Ctrl-C).
#
# The node binary is $MARKET_NODE, else the release build in the cargo
# target directory; the new runtime is $MARKET_UPGRADE_WASM, else the wasm
# built with that node; the try-upgrade tool is $MARKET_TRY_UPGRADE, else
# the one scripts/test.sh built. MARKET_E2E_NODE_LOG=1 prints the nodes' logs at the
# end; they are printed anyway when the test fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/env.sh
source "$here/../scripts/env.sh" --no-toolchain

previous="$MARKET_ROOT/runtime/releases/market-runtime-spec100.compact.compressed.wasm"
new_wasm="${MARKET_UPGRADE_WASM:-$CARGO_TARGET_DIR/release/wbuild/market-runtime/market_runtime.compact.compressed.wasm}"
node_bin="${MARKET_NODE:-$CARGO_TARGET_DIR/release/market-node}"
# Built by scripts/test.sh's `try-runtime` run (market-runtime's tests).
try_upgrade="${MARKET_TRY_UPGRADE:-$CARGO_TARGET_DIR/release/market-try-upgrade}"
for f in "$previous" "$new_wasm" "$node_bin" "$try_upgrade"; do
  [ -f "$f" ] || { echo "upgrade: missing $f (build the workspace first)" >&2; exit 1; }
done

cd "$here"
"$here/install-deps.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/market-upgrade.XXXXXX")"
status=1
testnet() {
  MARKET_TESTNET_DIR="$work/testnet" MARKET_NODE="$node_bin" \
    "$MARKET_ROOT/scripts/local-testnet.sh" "$@"
}
cleanup() {
  testnet stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ] || [ -n "${MARKET_E2E_NODE_LOG:-}" ]; then
    for log in "$work"/testnet/*/node.log; do
      [ -f "$log" ] || continue
      echo "---- $log (last 40 lines) ----" >&2
      tail -n 40 "$log" >&2 || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Three runs of two free ports each (p2p, RPC, Prometheus).
read -r p2p rpc prom < <(python3 - <<'PY'
import random, socket

def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False

firsts = []
while len(firsts) < 3:
    first = random.randrange(20000, 60000, 2)
    if all(abs(first - f) >= 2 for f in firsts) and free(first) and free(first + 1):
        firsts.append(first)
print(*firsts)
PY
)

testnet start -n 2 --fresh --detach --runtime "$previous" \
  --p2p-port "$p2p" --rpc-port "$rpc" --prometheus-port "$prom" --timeout 180 >&2
echo "upgrade: testnet on spec 100 at ws://127.0.0.1:$rpc"

set +e
MARKET_UPGRADE_WS="ws://127.0.0.1:$rpc" MARKET_UPGRADE_WASM="$new_wasm" MARKET_TRY_UPGRADE="$try_upgrade" \
  node --test --test-reporter=spec "$@" upgrade.test.js
status=$?
set -e
exit "$status"
