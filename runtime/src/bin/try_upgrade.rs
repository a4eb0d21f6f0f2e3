//! `market-try-upgrade`: runs this runtime's upgrade against a live chain's
//! state before anyone submits `set_code`, and changes nothing on the chain.
//!
//! It downloads every key of a block's state from a node over RPC (the
//! finalized head unless `--at` names a block) and checks that the
//! download is complete against the header's state root. Then it executes
//! this build of the runtime natively over that state, as the first block
//! after `set_code` would:
//!
//! - the chain must run an older `spec_version` than this runtime (a
//!   `set_code` to the same or a lower version is refused on chain);
//! - every listed migration and pallet upgrade hook runs with its
//!   `pre_upgrade`/`post_upgrade` checks, every storage entry must decode
//!   afterwards and every pallet's `try_state` must hold
//!   (`Executive::try_runtime_upgrade`);
//! - the upgrade's weight must fit in one block, and the total issuance
//!   must not change;
//! - running the upgrade a second time must change nothing (a migration
//!   that is not idempotent would run again at the next upgrade).
//!
//! Built only with `try-runtime` (`SKIP_WASM_BUILD=1 cargo build --release
//! -p market-runtime --features try-runtime --bin market-try-upgrade`; the
//! runtime runs natively, and a try-runtime wasm would replace the node's in
//! the target directory). Usage:
//!
//! ```text
//! market-try-upgrade [--uri ws://127.0.0.1:9944] [--at 0xBLOCK_HASH]
//! ```
//!
//! It exits with 0 when every check passed, 1 when one failed (printed on
//! stderr), 2 on a usage error. `RUST_LOG` selects the log (default
//! `info`: the download's progress and each migration's own messages).

use frame_remote_externalities::{Builder, Mode, OnlineConfig};
use frame_support::traits::{
	fungible::Inspect, GetStorageVersion, PalletInfoAccess, StorageVersion,
};
use frame_try_runtime::UpgradeCheckSelect;
use market_runtime::{
	Availability, Balances, Block, Executive, PolicyEscrow, ProviderStaking, Runtime,
	ServiceClaims, Tickets, VERSION,
};
use sp_runtime::{traits::Header as _, StateVersion};
use std::process::ExitCode;

const USAGE: &str = "usage: market-try-upgrade [--uri ws://HOST:PORT] [--at 0xBLOCK_HASH]";
const DEFAULT_URI: &str = "ws://127.0.0.1:9944";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
struct Options {
	uri: String,
	at: Option<sp_core::H256>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
	let mut options = Options { uri: DEFAULT_URI.into(), at: None };
	while let Some(arg) = args.next() {
		match arg.as_str() {
			"--uri" => options.uri = args.next().ok_or("--uri needs a value")?,
			"--at" => {
				let hex = args.next().ok_or("--at needs a block hash")?;
				let hash = hex
					.strip_prefix("0x")
					.and_then(|digits| digits.parse::<sp_core::H256>().ok())
					.ok_or_else(|| format!("--at {hex}: not a 0x-prefixed 32-byte hash"))?;
				options.at = Some(hash);
			},
			"-h" | "--help" => return Err(String::new()),
			other => return Err(format!("unknown argument {other}")),
		}
	}
	if !(options.uri.starts_with("ws://") || options.uri.starts_with("wss://")) {
		return Err(format!("--uri {}: a ws:// or wss:// address is needed", options.uri));
	}
	Ok(options)
}

/// The market pallets' on-chain storage versions, by pallet name.
fn market_storage_versions() -> Vec<(&'static str, StorageVersion)> {
	vec![
		(ProviderStaking::name(), ProviderStaking::on_chain_storage_version()),
		(PolicyEscrow::name(), PolicyEscrow::on_chain_storage_version()),
		(Tickets::name(), Tickets::on_chain_storage_version()),
		(Availability::name(), Availability::on_chain_storage_version()),
		(ServiceClaims::name(), ServiceClaims::on_chain_storage_version()),
	]
}

/// The upgrade's checks, in the externalities of the downloaded state.
fn check_upgrade() -> Result<(), String> {
	let running = frame_system::LastRuntimeUpgrade::<Runtime>::get()
		.ok_or("the chain records no runtime version (`System::LastRuntimeUpgrade`)")?;
	println!(
		"chain runs {} spec {}; this runtime is {} spec {}",
		running.spec_name, running.spec_version.0, VERSION.spec_name, VERSION.spec_version
	);
	if running.spec_name.as_ref() != VERSION.spec_name.as_ref() {
		return Err(format!(
			"the chain runs `{}`, not `{}`: `set_code` would refuse this runtime",
			running.spec_name, VERSION.spec_name
		));
	}
	if VERSION.spec_version <= running.spec_version.0 {
		return Err(format!(
			"spec_version {} is not above the chain's {}: `set_code` would refuse this runtime",
			VERSION.spec_version, running.spec_version.0
		));
	}
	let versions_before = market_storage_versions();
	let issuance_before = <Balances as Inspect<_>>::total_issuance();

	let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
		.map_err(|e| format!("the upgrade checks failed: {e:?}"))?;
	let max_block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	println!(
		"upgrade: migrations, their pre/post checks, state decoding and every try_state passed; \
		 weight {} ps, {} bytes of proof ({:.1}% of a block's time)",
		weight.ref_time(),
		weight.proof_size(),
		weight.ref_time() as f64 * 100.0 / max_block.ref_time().max(1) as f64
	);
	for ((pallet, before), (_, after)) in versions_before.iter().zip(market_storage_versions()) {
		let before = storage_version_number(*before);
		let after = storage_version_number(after);
		println!("  storage version {pallet}: {before} -> {after}");
	}
	if weight.any_gt(max_block) {
		return Err(format!(
			"the upgrade weighs {weight:?}, more than a block ({max_block:?}): \
			 it needs a multi-block migration"
		));
	}
	let issuance_after = <Balances as Inspect<_>>::total_issuance();
	if issuance_after != issuance_before {
		return Err(format!(
			"the upgrade changed the total issuance from {issuance_before} to {issuance_after}"
		));
	}

	let root = sp_io::storage::root(StateVersion::V1);
	Executive::try_runtime_upgrade(UpgradeCheckSelect::None)
		.map_err(|e| format!("a second run of the upgrade failed: {e:?}"))?;
	if sp_io::storage::root(StateVersion::V1) != root {
		return Err("a second run of the upgrade changed the state: a migration is not \
		            idempotent"
			.into());
	}
	println!("idempotent: a second run of the upgrade changed nothing");
	Ok(())
}

/// A storage version as its number (the type has no `Display`).
fn storage_version_number(version: StorageVersion) -> u16 {
	// `StorageVersion` encodes as its `u16`.
	u16::from_le_bytes(codec::Encode::encode(&version).try_into().unwrap_or_default())
}

async fn run(options: Options) -> Result<(), String> {
	let config = OnlineConfig {
		transport_uris: vec![options.uri.clone()],
		at: options.at,
		..Default::default()
	};
	// `build` checks the downloaded keys against the header's state root.
	let mut ext = Builder::<Block>::new()
		.mode(Mode::Online(config))
		.build()
		.await
		.map_err(|e| format!("downloading the state from {}: {e}", options.uri))?;
	println!(
		"state of block #{} ({:?}) downloaded from {}, complete against its state root",
		ext.header.number(),
		ext.header.hash(),
		options.uri
	);
	ext.execute_with(check_upgrade)
}

#[tokio::main]
async fn main() -> ExitCode {
	if std::env::var_os("RUST_LOG").is_none() {
		std::env::set_var("RUST_LOG", "info");
	}
	sp_tracing::try_init_simple();
	let options = match parse(std::env::args().skip(1)) {
		Ok(options) => options,
		Err(why) => {
			if !why.is_empty() {
				eprintln!("market-try-upgrade: {why}");
			}
			eprintln!("{USAGE}");
			return ExitCode::from(2);
		},
	};
	match run(options).await {
		Ok(()) => {
			println!("market-try-upgrade: every check passed");
			ExitCode::SUCCESS
		},
		Err(why) => {
			eprintln!("market-try-upgrade: {why}");
			ExitCode::FAILURE
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(list: &[&str]) -> impl Iterator<Item = String> {
		list.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter()
	}

	#[test]
	fn parses_the_command_line() {
		assert_eq!(parse(args(&[])), Ok(Options { uri: DEFAULT_URI.into(), at: None }));
		let hash = format!("0x{}", "ab".repeat(32));
		assert_eq!(
			parse(args(&["--uri", "wss://rpc.example:443", "--at", &hash])),
			Ok(Options {
				uri: "wss://rpc.example:443".into(),
				at: Some(sp_core::H256([0xab; 32]))
			})
		);
		assert!(parse(args(&["--uri"])).is_err());
		assert!(parse(args(&["--uri", "http://127.0.0.1:9944"])).is_err());
		assert!(parse(args(&["--at", "0x1234"])).is_err());
		assert!(parse(args(&["--at", &"ab".repeat(32)])).is_err());
		assert!(parse(args(&["--frobnicate"])).is_err());
		assert_eq!(parse(args(&["--help"])), Err(String::new()));
	}

	#[test]
	fn storage_version_numbers() {
		assert_eq!(storage_version_number(StorageVersion::new(0)), 0);
		assert_eq!(storage_version_number(StorageVersion::new(7)), 7);
	}
}
