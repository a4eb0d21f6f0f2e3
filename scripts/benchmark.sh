#!/usr/bin/env bash
# Regenerates every weight the runtime charges, with one command and one
# profile: market-node is built with `runtime-benchmarks` under the
# `production` profile (fat LTO, one codegen unit: what a release ships), in
# its own target directory so the test build is not invalidated.
#
#   scripts/benchmark.sh                      # everything below
#   scripts/benchmark.sh pallets              # the five market pallets
#   scripts/benchmark.sh pallet_tickets       # one pallet
#   scripts/benchmark.sh overhead             # base block and extrinsic weights
#   scripts/benchmark.sh storage              # ParityDB read and write weights
#   scripts/benchmark.sh machine              # this machine vs reference hardware
#   STEPS=10 REPEAT=5 scripts/benchmark.sh pallets   # quicker, less precise
#
# Outputs: pallets/*/src/weights.rs and runtime/src/weights/*.rs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$MARKET_ROOT"
export CARGO_TARGET_DIR="$MARKET_CACHE/target-bench"
# frame-benchmarking-cli's storage-access test runtime is used only by
# `benchmark storage` in PoV-validation mode, which this project does not
# run (its wasm build also cannot run with our workspace hint).
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
profile="${PROFILE:-production}"
cargo build --profile "$profile" --locked -p market-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/$profile/market-node"
wasm="$CARGO_TARGET_DIR/$profile/wbuild/market-runtime/market_runtime.compact.compressed.wasm"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# pallet name -> crate folder
declare -A folders=(
  [pallet_provider_staking]=pallets/staking
  [pallet_policy_escrow]=pallets/policy-escrow
  [pallet_availability]=pallets/availability
  [pallet_tickets]=pallets/tickets
  [pallet_service_claims]=pallets/service-claims
)

bench_pallet() {
  local pallet="$1" folder="${folders[$1]}"
  echo "[benchmark] $pallet -> $folder/src/weights.rs" >&2
  "$node" benchmark pallet \
    --runtime "$wasm" \
    --genesis-builder runtime --genesis-builder-preset development \
    --pallet "$pallet" --extrinsic '*' \
    --steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
    --wasm-execution compiled \
    --template scripts/bench/pallet-weights.hbs \
    --output "$folder/src/weights.rs"
}

# Empty blocks, then blocks full of `System::remark`, on the development
# chain: the weight of a block's own work and of one extrinsic's checks.
bench_overhead() {
  echo "[benchmark] overhead -> runtime/src/weights/{block,extrinsic}_weights.rs" >&2
  "$node" benchmark overhead \
    --chain dev --base-path "$scratch/overhead" \
    --wasm-execution compiled \
    --header scripts/bench/overhead-header.txt \
    --weight-path runtime/src/weights/
  # The generated header lists the command; keep it free of this machine's paths.
  sed -i -e "s#$node#market-node#" -e "s#$scratch/#\$SCRATCH/#" \
    runtime/src/weights/block_weights.rs runtime/src/weights/extrinsic_weights.rs
}

# Every key of a state with STATE_ACCOUNTS funded accounts (a young
# chain's size; the development genesis alone has a few dozen keys, all in
# cache) read and written once, in ParityDB as the node stores it.
bench_storage() {
  local accounts="${STATE_ACCOUNTS:-50000}"
  echo "[benchmark] storage ($accounts accounts) -> runtime/src/weights/paritydb_weights.rs" >&2
  "$node" export-chain-spec --chain dev --output "$scratch/dev.json"
  python3 "$here/bench/add_accounts.py" "$accounts" "$scratch/dev.json" "$scratch/state.json"
  "$node" benchmark storage \
    --chain "$scratch/state.json" --base-path "$scratch/storage" \
    --database paritydb --state-version 1 --batch-size "${WRITE_BATCH:-1000}" \
    --template-path scripts/bench/storage-weights.hbs \
    --weight-path runtime/src/weights/paritydb_weights.rs
}

# CPU, memory and disk against Parity's reference hardware for validators;
# prints a table and fails when a figure is below the reference.
bench_machine() {
  "$node" benchmark machine --chain dev --base-path "$scratch/machine" "${MACHINE_ARGS[@]}"
}
MACHINE_ARGS=()
[ -n "${ALLOW_FAIL:-}" ] && MACHINE_ARGS=(--allow-fail)

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pallets overhead storage)
for target in "${targets[@]}"; do
  case "$target" in
    pallets) for pallet in "${!folders[@]}"; do bench_pallet "$pallet"; done ;;
    overhead) bench_overhead ;;
    storage) bench_storage ;;
    machine) bench_machine ;;
    *)
      [ -n "${folders[$target]:-}" ] || { echo "unknown benchmark target: $target" >&2; exit 2; }
      bench_pallet "$target"
      ;;
  esac
done
