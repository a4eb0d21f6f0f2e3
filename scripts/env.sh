# Sourced by the other scripts: one cargo target directory outside the clone,
# so that CI and later builds are incremental, and the wasm toolchain chosen
# by scripts/setup.sh.
MARKET_CACHE="${MARKET_CACHE:-$HOME/.cache/market-chain}"
export MARKET_CACHE
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$MARKET_CACHE/target}"
MARKET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MARKET_ROOT
# Lets the wasm builder find Cargo.lock although the target dir is outside
# the clone, so the runtime is built with the locked dependency versions.
export WASM_BUILD_WORKSPACE_HINT="$MARKET_ROOT"
# The runtime's wasm embeds source paths (panic locations). Mapping the clone
# and the cargo home to fixed names makes the wasm, and so the committed raw
# chain spec, the same from any checkout directory.
export WASM_BUILD_RUSTFLAGS="--remap-path-prefix=$MARKET_ROOT=/market-chain --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
if [ "${1:-}" != "--no-toolchain" ] && [ -f "$MARKET_CACHE/env" ]; then
  # shellcheck disable=SC1091
  source "$MARKET_CACHE/env"
fi

# Builds market-node (and the wasm runtime) exactly as the test build does:
# the workspace with its test targets, whose dev-dependencies enable features
# of shared crates. A plain `cargo build -p market-node` resolves features
# without them and recompiles about 50 crates (sc-network, sc-service, the
# runtime, the node) that the test build already has.
market_build_node() {
  (cd "$MARKET_ROOT" && cargo test --release --locked --workspace --no-run "$@")
}
