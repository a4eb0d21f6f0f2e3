//! Genesis presets: the only source of the chain's genesis state.
//!
//! - `development`: one validator (Alice), the well-known dev accounts funded,
//!   Alice as sudo, and four providers (Charlie, Dave, Eve, Ferdie) bonded
//!   with operator keys and committed to rounds 0 and 1, so a fresh chain
//!   has an active market.
//! - `local_testnet`: two validators (Alice and Bob), the same accounts, sudo
//!   and providers.

use crate::{
	AccountId, BabeConfig, BalancesConfig, GrandpaConfig, ProviderStakingConfig,
	RuntimeGenesisConfig, SudoConfig, BABE_GENESIS_EPOCH_CONFIG, UNIT,
};
use alloc::{vec, vec::Vec};
use market_primitives::Balance;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed development account starts with.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// Stake of each provider bonded at genesis.
pub const GENESIS_PROVIDER_STAKE: Balance = 10_000 * UNIT;

/// Rounds the genesis providers are locked for.
pub const GENESIS_PROVIDER_LOCK_ROUNDS: u32 = 100;

/// The providers a development chain starts with, each with the operator
/// key of its `//stash` namesake (whose account can send `commit_to_next_round`).
pub fn genesis_providers() -> Vec<(Sr25519Keyring, Sr25519Keyring)> {
	vec![
		(Sr25519Keyring::Charlie, Sr25519Keyring::CharlieStash),
		(Sr25519Keyring::Dave, Sr25519Keyring::DaveStash),
		(Sr25519Keyring::Eve, Sr25519Keyring::EveStash),
		(Sr25519Keyring::Ferdie, Sr25519Keyring::FerdieStash),
	]
}

/// A validator's consensus keys: BABE (sr25519) and GRANDPA (ed25519), both
/// derived from the same well-known dev seed.
fn authority(babe: Sr25519Keyring, grandpa: Ed25519Keyring) -> (BabeId, GrandpaId) {
	(babe.public().into(), grandpa.public().into())
}

fn genesis(
	authorities: Vec<(BabeId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> serde_json::Value {
	let config = RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		},
		babe: BabeConfig {
			authorities: authorities.iter().map(|(babe, _)| (babe.clone(), 1)).collect(),
			epoch_config: BABE_GENESIS_EPOCH_CONFIG,
			..Default::default()
		},
		grandpa: GrandpaConfig {
			authorities: authorities.iter().map(|(_, grandpa)| (grandpa.clone(), 1)).collect(),
			..Default::default()
		},
		sudo: SudoConfig { key: Some(root) },
		provider_staking: ProviderStakingConfig {
			providers: genesis_providers()
				.into_iter()
				.map(|(stash, operator)| {
					(
						stash.to_account_id(),
						GENESIS_PROVIDER_STAKE,
						GENESIS_PROVIDER_LOCK_ROUNDS,
						Some(operator.public().0),
					)
				})
				.collect(),
		},
		..Default::default()
	};
	serde_json::to_value(config).unwrap_or_default()
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The `development` preset.
pub fn development_config_genesis() -> serde_json::Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset.
pub fn local_testnet_genesis() -> serde_json::Value {
	genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets this runtime has.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{Balances, Runtime};
	use frame_support::traits::fungible::InspectHold;

	fn build(preset: &str) -> sp_io::TestExternalities {
		let json = get_preset(&PresetId::from(preset)).expect("preset exists");
		let mut ext = sp_io::TestExternalities::default();
		ext.execute_with(|| {
			frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
				.expect("preset builds")
		});
		ext
	}

	#[test]
	fn every_listed_preset_exists_and_unknown_ones_do_not() {
		for name in preset_names() {
			assert!(get_preset(&name).is_some());
		}
		assert!(get_preset(&PresetId::from("mainnet")).is_none());
	}

	#[test]
	fn development_preset_has_one_validator_and_bonded_providers() {
		build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 1);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
			let reason = pallet_provider_staking::HoldReason::Staking.into();
			for (stash, operator) in genesis_providers() {
				let stash = stash.to_account_id();
				assert!(pallet_provider_staking::Ledgers::<Runtime>::contains_key(&stash));
				assert_eq!(Balances::balance_on_hold(&reason, &stash), GENESIS_PROVIDER_STAKE,);
				assert_eq!(
					pallet_provider_staking::OperatorOwners::<Runtime>::get(
						operator.to_account_id()
					),
					Some(stash)
				);
			}
			// Endowments are the whole issuance; stake is held, not minted.
			let endowed = Sr25519Keyring::well_known().count() as u128;
			assert_eq!(Balances::total_issuance(), endowed * ENDOWMENT);
			let providers = genesis_providers().len() as u128;
			assert_eq!(
				pallet_provider_staking::Snapshots::<Runtime>::get(0).map(|s| s.total),
				Some(providers * GENESIS_PROVIDER_STAKE)
			);
		});
	}

	#[test]
	fn local_testnet_preset_has_alice_and_bob_as_validators() {
		build(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let babe: Vec<_> =
				pallet_babe::Authorities::<Runtime>::get().iter().map(|(k, _)| k.clone()).collect();
			assert_eq!(
				babe,
				vec![
					BabeId::from(Sr25519Keyring::Alice.public()),
					BabeId::from(Sr25519Keyring::Bob.public())
				]
			);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
		});
	}
}
