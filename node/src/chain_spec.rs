//! Chain specifications built into the node. Their genesis state comes only
//! from the runtime's presets; the node adds names, ids and the token
//! properties wallets read.

use market_primitives::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use market_runtime::WASM_BINARY;
use sc_service::ChainType;

/// A chain spec with the runtime's genesis config.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What polkadot.js and other wallets read to show balances and addresses.
pub fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the wasm runtime was not built (SKIP_WASM_BUILD was set)".into())
}

/// `--dev`/`--chain dev`: one validator, Alice.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Market Development")
		.with_id("market_dev")
		.with_protocol_id("market-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: two validators, Alice and Bob.
pub fn local_testnet() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Market Local Testnet")
		.with_id("market_local")
		.with_protocol_id("market-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
