#!/usr/bin/env bash
# Builds market-node with `runtime-benchmarks` (in its own target directory,
# so the test build is not invalidated) and regenerates the weights.rs of
# the market pallets from their frame_benchmarking::v2 benchmarks.
#
#   scripts/benchmark.sh                      # every market pallet
#   scripts/benchmark.sh pallet_provider_staking
#   STEPS=10 REPEAT=5 scripts/benchmark.sh    # quicker, less precise
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
cargo build --release --locked -p market-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/market-node"

# pallet name -> crate folder
declare -A folders=(
  [pallet_provider_staking]=pallets/staking
  [pallet_policy_escrow]=pallets/policy-escrow
  [pallet_availability]=pallets/availability
  [pallet_tickets]=pallets/tickets
  [pallet_service_claims]=pallets/service-claims
)
pallets=("$@")
[ ${#pallets[@]} -eq 0 ] && pallets=("${!folders[@]}")

for pallet in "${pallets[@]}"; do
  folder="${folders[$pallet]:?unknown pallet $pallet}"
  echo "[benchmark] $pallet -> $folder/src/weights.rs" >&2
  "$node" benchmark pallet \
    --runtime "$CARGO_TARGET_DIR/release/wbuild/market-runtime/market_runtime.compact.compressed.wasm" \
    --genesis-builder runtime --genesis-builder-preset development \
    --pallet "$pallet" --extrinsic '*' \
    --steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
    --wasm-execution compiled \
    --template scripts/weight-template.hbs \
    --output "$folder/src/weights.rs"
done
