#!/usr/bin/env bash
# Installs what building market-node needs, and nothing it already has.
#
# - Debian packages the native build needs (protoc for the networking
#   crates, a C/C++ toolchain for binaryen and the C parts of dependencies).
# - A Rust toolchain that can compile the runtime to wasm. If the default
#   rustup toolchain already has `wasm32v1-none` or `wasm32-unknown-unknown`,
#   that one is used. Otherwise Debian's `rustc-web` (which ships LLVM 22 and
#   the library sources) is linked into rustup as the `debian` toolchain and
#   `core`/`alloc`/`compiler_builtins` are built once for `wasm32v1-none`.
#
# Idempotent: every step checks before it acts. Writes the environment the
# other scripts need to `$MARKET_CACHE/env` (see scripts/env.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/env.sh
source "$here/env.sh" --no-toolchain

log() { printf '[setup] %s\n' "$*" >&2; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    log "missing packages ${missing[*]} and no apt-get: install them by hand"
    exit 1
  fi
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    sudo_if_needed apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- native build dependencies -------------------------------------------
if command -v dpkg-query >/dev/null; then
  apt_install build-essential git pkg-config protobuf-compiler clang libssl-dev curl
fi

command -v cargo >/dev/null || { log "cargo not found: install Rust with rustup first"; exit 1; }

# --- tools of the scripts and the end-to-end suite -------------------------
# python3 edits chain specs (scripts/local-testnet.sh); Node.js >= 20 and npm
# run the polkadot.js suite (e2e/run.sh installs its own npm packages).
if command -v dpkg-query >/dev/null; then
  apt_install python3
  node_major() { node -e 'console.log(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
  if ! command -v npm >/dev/null || [ "$(node_major)" -lt 20 ]; then
    apt_install nodejs npm
  fi
  if [ "$(node_major)" -lt 20 ]; then
    log "Node.js $(node --version 2>/dev/null || echo none) is older than 20, which @polkadot/api 16 needs:"
    log "install Node.js 20 or later (e.g. from nodesource) and run this again"
    exit 1
  fi
fi

# --- wasm toolchain --------------------------------------------------------
has_rustup_wasm() {
  command -v rustup >/dev/null || return 1
  rustup target list --installed 2>/dev/null | grep -qE '^(wasm32v1-none|wasm32-unknown-unknown)$'
}

wasm_toolchain=""
if has_rustup_wasm; then
  log "default rustup toolchain has a wasm target; using it"
else
  log "no wasm target in rustup; setting up Debian's rustc-web as toolchain 'debian'"
  apt_install rustc-web cargo-web rust-web-src lld-22
  if ! rustup toolchain list | grep -q '^debian'; then
    rustup toolchain link debian /usr
  fi
  lld_link=/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
  if [ ! -e "$lld_link" ]; then
    sudo_if_needed mkdir -p "$(dirname "$lld_link")"
    sudo_if_needed ln -sf /usr/lib/llvm-22/bin/lld "$lld_link"
  fi
  sysroot_lib=/usr/lib/rustlib/wasm32v1-none/lib
  if ! ls "$sysroot_lib"/libcore-*.rlib >/dev/null 2>&1; then
    log "building core, alloc and compiler_builtins for wasm32v1-none"
    work="$(mktemp -d)"
    mkdir -p "$work/src"
    cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
    echo '#![no_std]' >"$work/src/lib.rs"
    (
      cd "$work"
      CARGO_TARGET_DIR="$work/target" RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="-Cembed-bitcode=yes -Zforce-unstable-if-unmarked" \
        cargo +debian build -q -Zbuild-std=core,alloc --release --target wasm32v1-none
    )
    sudo_if_needed mkdir -p "$sysroot_lib"
    for lib in core alloc compiler_builtins; do
      sudo_if_needed cp "$work"/target/wasm32v1-none/release/deps/lib"$lib"-*.rlib "$sysroot_lib"/
    done
    rm -rf "$work"
  fi
  wasm_toolchain=debian
fi

mkdir -p "$MARKET_CACHE"
{
  echo "# written by scripts/setup.sh"
  if [ -n "$wasm_toolchain" ]; then echo "export WASM_BUILD_TOOLCHAIN=$wasm_toolchain"; fi
} >"$MARKET_CACHE/env"
log "done; environment in $MARKET_CACHE/env"
