//! `market-node`: the market chain's full node.

// `sc_cli::Error` and `sc_service::Error` are large, and the `sc_cli` runner
// fixes them as the error types of every command; boxing them here would
// only be undone there.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod public_rpc;
mod rpc;
mod service;
mod toolkit;

fn main() -> sc_cli::Result<()> {
	command::run()
}
