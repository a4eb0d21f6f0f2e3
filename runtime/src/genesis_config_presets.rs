//! Genesis presets: the only source of the chain's genesis state.
//!
//! - `development`: one validator (Alice), the well-known dev accounts funded,
//!   Alice as sudo, and four providers (Charlie, Dave, Eve, Ferdie) bonded
//!   with operator keys and committed to rounds 0 and 1, so a fresh chain
//!   has an active market.
//! - `local_testnet`: two validators (Alice and Bob), the same accounts, sudo
//!   and providers.
//!
//! The market pallets' parameters are part of each preset: tickets are valid
//! for at most 100 blocks on the development chain (an hour on the local
//! testnet); gateways (64 seats, 43 to prove) and committees (16 seats, 11
//! to attest) are the runtime's defaults on both. Seats are drawn without
//! the judged provider, so with the four genesis providers the three others
//! hold every seat: any of them can be proven unavailable or attested.

use crate::{
	configs::{
		ChallengeCount, ClaimOpenDeadline, ClaimSlash, CommitteeSize, CommitteeThreshold,
		GatewaySeats, GatewayThreshold, MaxTicketValidity, ReporterShare, TicketUnlockPeriod,
	},
	AccountId, AvailabilityConfig, BabeConfig, BalancesConfig, BlockNumber, GrandpaConfig,
	ProviderStakingConfig, RuntimeGenesisConfig, ServiceClaimsConfig, SudoConfig, TicketsConfig,
	BABE_GENESIS_EPOCH_CONFIG, UNIT,
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

/// Service-claims parameters of both presets: the runtime's defaults. The
/// committee's 16 seats are drawn from the providers other than the
/// claimant, so the four genesis providers can attest each other's claims
/// (forgery probabilities at every market size are in
/// `market_primitives::claims`).
fn service_claims_parameters() -> pallet_service_claims::Parameters<Balance> {
	pallet_service_claims::Parameters {
		committee_size: CommitteeSize::get(),
		committee_threshold: CommitteeThreshold::get(),
		challenge_count: ChallengeCount::get(),
		open_deadline: ClaimOpenDeadline::get(),
		claim_slash: ClaimSlash::get(),
	}
}

/// Gateway quorum of both presets: the runtime's defaults, 64 seats and 43
/// to prove (two thirds). With the four genesis providers, an adversary
/// holding one of them and accusing another holds a third of the judges'
/// stake: a forged proof then has probability 2.03e-4 per attempt (see
/// `market_primitives::availability`).
fn availability_parameters() -> pallet_availability::GatewayParameters {
	pallet_availability::GatewayParameters {
		seats: GatewaySeats::get(),
		threshold: GatewayThreshold::get(),
	}
}

/// Tickets parameters of the development chain: tickets valid for at most
/// 100 blocks (10 minutes) and withdrawals after 200, so a developer's
/// test of the whole unlock cycle takes minutes, not hours.
fn development_tickets_parameters() -> pallet_tickets::Parameters<BlockNumber> {
	pallet_tickets::Parameters {
		max_ticket_validity: 100,
		unlock_period: 200,
		reporter_share: ReporterShare::get(),
	}
}

/// Tickets parameters of the local testnet: the runtime's defaults (an hour
/// of validity, two hours of unlock).
fn local_testnet_tickets_parameters() -> pallet_tickets::Parameters<BlockNumber> {
	pallet_tickets::Parameters {
		max_ticket_validity: MaxTicketValidity::get(),
		unlock_period: TicketUnlockPeriod::get(),
		reporter_share: ReporterShare::get(),
	}
}

fn genesis(
	authorities: Vec<(BabeId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
	tickets: pallet_tickets::Parameters<BlockNumber>,
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
		tickets: TicketsConfig { parameters: tickets },
		service_claims: ServiceClaimsConfig { parameters: service_claims_parameters() },
		availability: AvailabilityConfig {
			parameters: availability_parameters(),
			..Default::default()
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
		development_tickets_parameters(),
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
		local_testnet_tickets_parameters(),
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
