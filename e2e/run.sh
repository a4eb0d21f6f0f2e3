#!/usr/bin/env bash
# Runs the end-to-end suite: installs its npm dependencies (from the
# lockfile) if needed, starts a fresh `market-node --dev --sealing manual` on
# loopback with a temporary base path, runs story.test.js against it through
# polkadot.js, and stops the node again (also on failure or Ctrl-C).
#
# The node binary is $MARKET_NODE, else the release build in the cargo
# target directory (built first if missing). Extra arguments go to
# `node --test` (e.g. --test-name-pattern). MARKET_E2E_NODE_LOG=1 prints the
# node's log at the end; it is printed anyway when the suite fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/env.sh
source "$here/../scripts/env.sh" --no-toolchain

cd "$here"
"$here/install-deps.sh"

node_bin="${MARKET_NODE:-$CARGO_TARGET_DIR/release/market-node}"
if [ -z "${MARKET_NODE:-}" ] && [ ! -x "$node_bin" ]; then
  echo "e2e: building market-node"
  (source "$MARKET_ROOT/scripts/env.sh" && market_build_node)
fi
[ -x "$node_bin" ] || { echo "e2e: no node binary at $node_bin" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/market-e2e.XXXXXX")"
log="$work/node.log"
pid=""
status=1
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] || [ -n "${MARKET_E2E_NODE_LOG:-}" ]; then
    echo "---- market-node log (last 60 lines of $log) ----" >&2
    tail -n 60 "$log" >&2 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Port 0: the node picks free ports itself and logs the RPC address.
"$node_bin" --dev --sealing manual \
  --base-path "$work/base" \
  --listen-addr /ip4/127.0.0.1/tcp/0 --rpc-port 0 \
  --no-mdns --no-telemetry --no-prometheus \
  >"$log" 2>&1 &
pid=$!

port=""
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || { echo "e2e: market-node exited early" >&2; exit 1; }
  port="$(sed -n 's/.*Running JSON-RPC server: addr=127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "e2e: no JSON-RPC address in the node's log after 60 s" >&2; exit 1; }

# Ready once `system_health` answers.
MARKET_E2E_PORT="$port" node -e '
  const url = `http://127.0.0.1:${process.env.MARKET_E2E_PORT}`;
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "system_health", params: [] });
  const deadline = Date.now() + 60_000;
  (async () => {
    for (;;) {
      try {
        const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
        if (r.ok) return;
      } catch {}
      if (Date.now() > deadline) { console.error("e2e: RPC did not answer"); process.exit(1); }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  })();
'
echo "e2e: market-node (pid $pid) at ws://127.0.0.1:$port"

set +e
MARKET_E2E_WS="ws://127.0.0.1:$port" node --test --test-reporter=spec "$@" story.test.js
status=$?
set -e
exit "$status"
