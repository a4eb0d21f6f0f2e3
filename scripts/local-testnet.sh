#!/usr/bin/env bash
# A local network of N market-node validators on 127.0.0.1.
#
#   scripts/local-testnet.sh [start] [-n N] [options] [-- market-node args]
#   scripts/local-testnet.sh stop
#   scripts/local-testnet.sh status
#   scripts/local-testnet.sh restart NAME
#
# `start` builds the network's chain spec from the runtime's `local_testnet`
# preset with the N validators as the genesis BABE and GRANDPA authorities
# (GRANDPA finalizes only with more than 2/3 of the voters, so every running
# validator must be one of them), gives each validator its own base path,
# node key, session keys and ports, starts them with the first as bootnode,
# waits until finality advances and prints each node's RPC endpoint. In the
# foreground, Ctrl-C stops the whole network; with --detach the nodes keep
# running until `stop`. Validators 1-6 use the well-known dev keys //Alice ..
# //Ferdie; further ones get freshly generated keys.
#
# Everything lives in the state directory ($MARKET_TESTNET_DIR, by default
# $MARKET_CACHE/local-testnet): the chain spec, and per validator its base
# path (database, keystore), node key, secret key URI, log, pid and command
# line. A later `start` continues that network (same spec, keys and chain);
# `--fresh` deletes it and starts a new one.
#
# The node binary is $MARKET_NODE if set, else $CARGO_TARGET_DIR/release/
# market-node, built first if it is missing (or always with --build).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/env.sh
source "$here/env.sh" --no-toolchain

state="${MARKET_TESTNET_DIR:-$MARKET_CACHE/local-testnet}"
dev_names=(alice bob charlie dave eve ferdie)
# Written into the state directory; `--fresh` deletes only directories
# holding it, so a mistyped MARKET_TESTNET_DIR cannot wipe anything else.
marker="market-local-testnet"

log() { printf '[testnet] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  cat <<'EOF'
Usage:
  scripts/local-testnet.sh [start] [options] [-- extra market-node arguments]
  scripts/local-testnet.sh stop            stop every node of the network
  scripts/local-testnet.sh status          pid, best and finalized block of each node
  scripts/local-testnet.sh restart NAME    start a stopped node again (same base path and ports)

Start options:
  -n, --validators N     number of validators (default 3, at most 64)
  --p2p-port P           p2p port of the first node; node i uses P+i (default 30333)
  --rpc-port R           JSON-RPC port of the first node; node i uses R+i (default 9944)
  --prometheus-port M    Prometheus port of the first node; node i uses M+i (default 9615)
  --detach               return once finality advances; the nodes keep running until `stop`
  --fresh                delete the previous network in the state directory first
  --build                build market-node (as the test build does) even if the binary exists
  --timeout S            seconds to wait for finality to advance (default 300)
  --runtime WASM         start the chain on this runtime (a .compact.compressed.wasm, e.g. a
                         release kept in runtime/releases/) instead of the node's own; its
                         genesis is built by that runtime from the node's local_testnet preset

Environment: MARKET_TESTNET_DIR (state directory, default $MARKET_CACHE/local-testnet),
MARKET_NODE (node binary, default $CARGO_TARGET_DIR/release/market-node).
EOF
}

# Runs a command, showing its output only if it fails.
quiet() {
  local out
  out="$("$@" 2>&1)" || {
    printf '%s\n' "$out" >&2
    die "failed: $*"
  }
}

need_python() {
  command -v python3 >/dev/null || die "python3 is needed to edit the chain spec and query the nodes (apt-get install python3)"
}

# --- JSON-RPC over HTTP (the node serves HTTP and WebSocket on one port) ---

# Prints "BEST FINALIZED PEERS" of the node on 127.0.0.1:$1, or fails.
heads() {
  python3 - "$1" <<'PY'
import json, sys, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}"

def call(method, params=()):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
    req = urllib.request.Request(url, body.encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        reply = json.load(resp)
    if "error" in reply:
        raise SystemExit(f"{method}: {reply['error']}")
    return reply["result"]

try:
    best = int(call("chain_getHeader")["number"], 16)
    finalized = int(call("chain_getHeader", [call("chain_getFinalizedHead")])["number"], 16)
    peers = call("system_health")["peers"]
except (OSError, ValueError, KeyError, TypeError):
    sys.exit(1)
print(best, finalized, peers)
PY
}

# --- processes ---------------------------------------------------------------

# True if $1 is a live (not zombie) process running one of this network's
# nodes: the pid file may be stale and the pid reused by something else.
is_our_node() {
  local pid="$1" dir="$2" stat
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  # Field 3 (after the parenthesised command name) is the state; a zombie
  # has exited and only waits for its parent to reap it.
  [ "$(awk '{print $1}' <<<"${stat##*) }")" != "Z" ] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$dir"
}

node_pid() {
  local dir="$state/$1" pid
  pid="$(cat "$dir/node.pid" 2>/dev/null || true)"
  if is_our_node "$pid" "$dir"; then echo "$pid"; fi
}

# Starts node $1 from its saved command line, detached from this shell's
# session so that it outlives the script with --detach and Ctrl-C reaches
# only the script, which then stops the nodes by pid.
launch() {
  local name="$1" dir="$state/$1" args
  mapfile -t args <"$dir/node.args"
  setsid "$binary" "${args[@]}" </dev/null >>"$dir/node.log" 2>&1 &
  echo $! >"$dir/node.pid"
}

# SIGTERM to every running node, SIGKILL to those still up after 30 s.
stop_nodes() {
  local name pid pids=() left i
  for name in "${names[@]}"; do
    pid="$(node_pid "$name")"
    if [ -n "$pid" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$name:$pid")
    fi
  done
  for ((i = 0; i < 300; i++)); do
    left=0
    for entry in "${pids[@]}"; do
      is_our_node "${entry#*:}" "$state/${entry%%:*}" && left=1
    done
    [ $left -eq 0 ] && break
    sleep 0.1
  done
  for entry in "${pids[@]}"; do
    if is_our_node "${entry#*:}" "$state/${entry%%:*}"; then
      log "${entry%%:*} did not stop in 30 s; killing it"
      kill -KILL "${entry#*:}" 2>/dev/null || true
    fi
  done
  for name in "${names[@]}"; do rm -f "$state/$name/node.pid"; done
  # Reap the nodes this shell started (no-op for nodes of an earlier run).
  wait 2>/dev/null || true
  [ ${#pids[@]} -eq 0 ] || log "stopped ${#pids[@]} node(s)"
}

load_network() {
  [ -f "$state/network" ] || die "no testnet in $state (start one with scripts/local-testnet.sh start)"
  # shellcheck disable=SC1091
  source "$state/network"
}

# The node names of the saved network, one a line.
saved_names() {
  # shellcheck disable=SC1091
  (source "$state/network" && printf '%s\n' "${names[@]}")
}

save_network() {
  {
    printf 'names=(%s)\n' "${names[*]}"
    printf 'p2p_port=%q\nrpc_port=%q\nprometheus_port=%q\n' "$p2p_port" "$rpc_port" "$prometheus_port"
    printf 'binary=%q\n' "$binary"
  } >"$state/network"
}

print_endpoints() {
  local i name
  for i in "${!names[@]}"; do
    name="${names[$i]}"
    printf '  %-10s rpc ws://127.0.0.1:%s  p2p %s  prometheus http://127.0.0.1:%s/metrics  log %s\n' \
      "$name" "$((rpc_port + i))" "$((p2p_port + i))" "$((prometheus_port + i))" "$state/$name/node.log"
  done
}

# Waits until every running node's finalized block is above the one it had
# when the wait began (for a new chain: above genesis).
wait_for_finality() {
  local deadline=$((SECONDS + timeout)) i name port line start=() done_all
  for i in "${!names[@]}"; do
    line="$(heads "$((rpc_port + i))" || echo "0 0 0")"
    start[i]="$(awk '{print $2}' <<<"$line")"
  done
  log "waiting for finality to advance (up to ${timeout} s)"
  while :; do
    done_all=1
    for i in "${!names[@]}"; do
      name="${names[$i]}"
      port=$((rpc_port + i))
      [ -n "$(node_pid "$name")" ] || {
        log "$name exited; last lines of $state/$name/node.log:"
        tail -n 20 "$state/$name/node.log" >&2
        return 1
      }
      line="$(heads "$port" || true)"
      if [ -z "$line" ] || [ "$(awk '{print $2}' <<<"$line")" -le "${start[$i]}" ]; then
        done_all=0
      fi
    done
    [ $done_all -eq 1 ] && return 0
    [ $SECONDS -lt $deadline ] || {
      log "finality did not advance in ${timeout} s (best finalized peers):"
      for i in "${!names[@]}"; do
        log "  ${names[$i]}: $(heads "$((rpc_port + i))" || echo "no answer")"
      done
      return 1
    }
    sleep 1
  done
}

# --- set-up of a new network -----------------------------------------------

find_binary() {
  binary="${MARKET_NODE:-$CARGO_TARGET_DIR/release/market-node}"
  if [ -n "${MARKET_NODE:-}" ]; then
    [ -x "$binary" ] || die "MARKET_NODE=$binary is not an executable"
    return
  fi
  if [ $build -eq 1 ] || [ ! -x "$binary" ]; then
    log "building market-node"
    "$here/setup.sh"
    # shellcheck source=scripts/env.sh
    source "$here/env.sh"
    market_build_node
  fi
}

port_free() {
  # SO_REUSEADDR as servers set it: connections of a stopped node in
  # TIME_WAIT do not keep its port from being listened on again.
  python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

# Validator names: the dev accounts first, then node7, node8, ...
validator_names() {
  local i
  for ((i = 0; i < $1; i++)); do
    if [ "$i" -lt ${#dev_names[@]} ]; then echo "${dev_names[$i]}"; else echo "node$((i + 1))"; fi
  done
}

# Public key (SS58) of the secret URI in file $1 under scheme $2.
public_of() {
  "$binary" key inspect --scheme "$2" --output-type json "$1" 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["ss58Address"])'
}

create_network() {
  local i name dir plain="$state/chain-spec.plain.json" raw="$state/chain-spec.json" authorities=()
  mkdir -p "$state"
  echo "$marker" >"$state/.marker"
  mapfile -t names < <(validator_names "$validators")

  # Consensus keys: a secret URI per validator, kept in a private file.
  for i in "${!names[@]}"; do
    name="${names[$i]}"
    dir="$state/$name"
    mkdir -p "$dir"
    if [ "$i" -lt ${#dev_names[@]} ]; then
      echo "//${name^}" >"$dir/secret-uri"
    else
      "$binary" key generate --output-type json 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["secretPhrase"])' >"$dir/secret-uri"
    fi
    authorities+=("$(public_of "$dir/secret-uri" sr25519)" "$(public_of "$dir/secret-uri" ed25519)")
  done

  # Chain spec: the local_testnet preset with these validators as the BABE
  # and GRANDPA authorities (equal weights), then converted to raw storage.
  quiet "$binary" export-chain-spec --chain local --output "$plain"
  python3 - "$plain" "$runtime" "$validators" "${authorities[@]}" <<'PY'
import json, sys

path, runtime, count, keys = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
with open(path) as f:
    spec = json.load(f)
genesis = spec["genesis"]["runtimeGenesis"]
if runtime:
    # Another runtime builds the genesis from the same preset patch (the
    # preset's fields must exist in that runtime's genesis config).
    with open(runtime, "rb") as f:
        genesis["code"] = "0x" + f.read().hex()
config = genesis.get("patch") or genesis.get("config")
if config is None or "babe" not in config or "grandpa" not in config:
    sys.exit("the local chain spec has no babe/grandpa genesis to replace")
config["babe"]["authorities"] = [[keys[2 * i], 1] for i in range(count)]
config["grandpa"]["authorities"] = [[keys[2 * i + 1], 1] for i in range(count)]
spec["name"] = f"Market Local Testnet ({count} validators)"
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
  quiet "$binary" export-chain-spec --chain "$plain" --raw --output "$raw"

  for name in "${names[@]}"; do
    dir="$state/$name"
    quiet "$binary" key generate-node-key --file "$dir/node-key"
    quiet "$binary" key insert --base-path "$dir" --chain "$raw" \
      --scheme sr25519 --key-type babe --suri "$dir/secret-uri"
    quiet "$binary" key insert --base-path "$dir" --chain "$raw" \
      --scheme ed25519 --key-type gran --suri "$dir/secret-uri"
  done
}

# Writes each node's command line (one argument a line) for launch/restart.
write_command_lines() {
  local i name dir peer bootnode_of=()
  for i in "${!names[@]}"; do
    peer="$("$binary" key inspect-node-key --file "$state/${names[$i]}/node-key")"
    bootnode_of[i]="/ip4/127.0.0.1/tcp/$((p2p_port + i))/p2p/$peer"
  done
  for i in "${!names[@]}"; do
    name="${names[$i]}"
    dir="$state/$name"
    {
      printf '%s\n' --chain "$state/chain-spec.json" --base-path "$dir" --validator \
        --name "$name" --node-key-file "$dir/node-key" \
        --listen-addr "/ip4/127.0.0.1/tcp/$((p2p_port + i))" \
        --rpc-port "$((rpc_port + i))" --prometheus-port "$((prometheus_port + i))" \
        --no-mdns --no-telemetry
      # Everyone dials the first node; the first dials the second, so that
      # it finds the network again when it is restarted on its own.
      if [ "$i" -gt 0 ]; then
        printf '%s\n' --bootnodes "${bootnode_of[0]}"
      elif [ ${#names[@]} -gt 1 ]; then
        printf '%s\n' --bootnodes "${bootnode_of[1]}"
      fi
      [ ${#extra[@]} -eq 0 ] || printf '%s\n' "${extra[@]}"
    } >"$dir/node.args"
  done
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  validators=3 p2p_port=30333 rpc_port=9944 prometheus_port=9615
  detach=0 fresh=0 build=0 timeout=300 runtime="" extra=()
  while [ $# -gt 0 ]; do
    case "$1" in
    -n | --validators) validators="${2:?}"; shift 2 ;;
    --p2p-port) p2p_port="${2:?}"; shift 2 ;;
    --rpc-port) rpc_port="${2:?}"; shift 2 ;;
    --prometheus-port) prometheus_port="${2:?}"; shift 2 ;;
    --detach) detach=1; shift ;;
    --fresh) fresh=1; shift ;;
    --build) build=1; shift ;;
    --timeout) timeout="${2:?}"; shift 2 ;;
    --runtime) runtime="$(realpath "${2:?}")"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
    esac
  done
  local n
  for n in "$validators" "$p2p_port" "$rpc_port" "$prometheus_port" "$timeout"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"
  done
  if [ "$validators" -lt 1 ] || [ "$validators" -gt 64 ]; then die "--validators must be 1..64"; fi
  need_python
  find_binary
  # Node keys and secret key URIs are written below: private to the user.
  umask 077

  if [ -f "$state/network" ]; then
    local old_names=() name
    mapfile -t old_names < <(saved_names)
    for name in "${old_names[@]}"; do
      [ -z "$(node_pid "$name")" ] ||
        die "the testnet in $state is running; stop it first (scripts/local-testnet.sh stop)"
    done
    if [ $fresh -eq 1 ]; then
      [ "$(cat "$state/.marker" 2>/dev/null)" = "$marker" ] ||
        die "$state does not look like a testnet directory; not deleting it"
      rm -rf "$state"
    elif [ "${#old_names[@]}" -ne "$validators" ]; then
      die "$state holds a ${#old_names[@]}-validator testnet; add --fresh to replace it with $validators validators"
    fi
  elif [ -e "$state" ] && [ -n "$(ls -A "$state" 2>/dev/null)" ] &&
    [ "$(cat "$state/.marker" 2>/dev/null)" != "$marker" ]; then
    die "$state exists and is not a testnet directory"
  fi

  local i port
  for ((i = 0; i < validators; i++)); do
    for port in $((p2p_port + i)) $((rpc_port + i)) $((prometheus_port + i)); do
      port_free "$port" || die "port $port on 127.0.0.1 is in use (choose others with --p2p-port/--rpc-port/--prometheus-port)"
    done
  done

  if [ -f "$state/network" ]; then
    log "continuing the testnet in $state (--fresh starts a new one)"
    mapfile -t names < <(saved_names)
  else
    log "creating a $validators-validator testnet in $state"
    create_network
  fi
  save_network
  write_command_lines

  trap 'log "stopping"; stop_nodes; exit 130' INT TERM
  for name in "${names[@]}"; do launch "$name"; done
  if ! wait_for_finality; then
    stop_nodes
    exit 1
  fi
  log "finality advances; the network is up:"
  print_endpoints
  echo "  chain spec $state/chain-spec.json"

  if [ $detach -eq 1 ]; then
    log "detached; stop it with: scripts/local-testnet.sh stop"
    exit 0
  fi
  log "Ctrl-C stops the network"
  local running
  while :; do
    running=0
    for name in "${names[@]}"; do
      if [ -n "$(node_pid "$name")" ]; then
        running=$((running + 1))
      elif [ -f "$state/$name/node.pid" ]; then
        log "$name exited (see $state/$name/node.log); the others keep running"
        rm -f "$state/$name/node.pid"
      fi
    done
    if [ $running -eq 0 ]; then
      log "no node runs any more"
      wait 2>/dev/null || true
      exit 0
    fi
    sleep 2 &
    wait $! || true
  done
}

cmd_stop() {
  load_network
  stop_nodes
}

cmd_status() {
  load_network
  local i name pid line
  printf '%-10s %8s %8s %10s %6s  %s\n' node pid best finalized peers rpc
  for i in "${!names[@]}"; do
    name="${names[$i]}"
    pid="$(node_pid "$name")"
    line="$( [ -z "$pid" ] || heads "$((rpc_port + i))" || true)"
    read -r best fin peers <<<"${line:-- - -}"
    printf '%-10s %8s %8s %10s %6s  ws://127.0.0.1:%s\n' "$name" "${pid:-stopped}" "$best" "$fin" "$peers" "$((rpc_port + i))"
  done
}

cmd_restart() {
  local name="${1:-}"
  [ -n "$name" ] || die "usage: scripts/local-testnet.sh restart NAME"
  load_network
  [ -f "$state/$name/node.args" ] || die "no node $name in this testnet (nodes: ${names[*]})"
  [ -z "$(node_pid "$name")" ] || die "$name is running"
  launch "$name"
  log "$name started again (pid $(cat "$state/$name/node.pid"))"
}

case "${1:-start}" in
start) [ $# -eq 0 ] || shift; cmd_start "$@" ;;
stop) cmd_stop ;;
status) cmd_status ;;
restart) shift; cmd_restart "$@" ;;
-h | --help | help) usage ;;
-*) cmd_start "$@" ;;
*) usage >&2; exit 2 ;;
esac
