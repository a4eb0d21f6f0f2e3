//! Weights of `pallet_service_claims`, measured by `market-node benchmark pallet`.
//!
//! Measured 2026-12-02 on `vm` (Intel(R) Xeon(R) Processor), 50 steps,
//! 20 repeats, Compiled wasm execution.
//! Regenerate with `scripts/benchmark.sh`, never by hand.
//!
//! Command (from the repository root): STEPS=50 REPEAT=20 scripts/benchmark.sh pallet_service_claims

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_service_claims`.
pub trait WeightInfo {
	fn submit_attested_claim(s: u32, ) -> Weight;
	fn commit_claim() -> Weight;
	fn open_claim(d: u32, ) -> Weight;
	fn expire_claim() -> Weight;
	fn set_parameters() -> Weight;
}

/// The measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Claims` (r:1 w:1)
	/// Proof: `ServiceClaims::Claims` (`max_values`: None, `max_size`: Some(98), added: 2573, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Commitments` (r:1 w:0)
	/// Proof: `ServiceClaims::Commitments` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::RequestRounds` (r:1 w:1)
	/// Proof: `PolicyEscrow::RequestRounds` (`max_values`: None, `max_size`: Some(130), added: 2605, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:17 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:1 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Params` (r:1 w:0)
	/// Proof: `ServiceClaims::Params` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::RoundSeeds` (r:1 w:0)
	/// Proof: `ProviderStaking::RoundSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotTree` (r:156 w:0)
	/// Proof: `ProviderStaking::SnapshotTree` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::OperatorKeys` (r:16 w:0)
	/// Proof: `ProviderStaking::OperatorKeys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `s` ranges over `[11, 16]`.
	fn submit_attested_claim(s: u32, ) -> Weight {
		// Proof size: 90284 bytes measured, 393330 estimated.
		Weight::from_parts(1_976_967_944, 393330)
			.saturating_add(Weight::from_parts(213_207_486, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(187_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(s.into()))
	}
	/// Storage: `PolicyEscrow::Policies` (r:1 w:0)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Claims` (r:1 w:0)
	/// Proof: `ServiceClaims::Claims` (`max_values`: None, `max_size`: Some(98), added: 2573, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Commitments` (r:1 w:1)
	/// Proof: `ServiceClaims::Commitments` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::RequestRounds` (r:1 w:0)
	/// Proof: `PolicyEscrow::RequestRounds` (`max_values`: None, `max_size`: Some(130), added: 2605, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:1 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:1 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Params` (r:1 w:0)
	/// Proof: `ServiceClaims::Params` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Ledgers` (r:1 w:0)
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::ChallengeSeeds` (r:1 w:1)
	/// Proof: `ServiceClaims::ChallengeSeeds` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	fn commit_claim() -> Weight {
		// Proof size: 1137 bytes measured, 4681 estimated.
		Weight::from_parts(121_752_000, 4681)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ServiceClaims::Commitments` (r:1 w:1)
	/// Proof: `ServiceClaims::Commitments` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::ChallengeSeeds` (r:1 w:1)
	/// Proof: `ServiceClaims::ChallengeSeeds` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::RequestRounds` (r:1 w:1)
	/// Proof: `PolicyEscrow::RequestRounds` (`max_values`: None, `max_size`: Some(130), added: 2605, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:1 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:1 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Claims` (r:0 w:1)
	/// Proof: `ServiceClaims::Claims` (`max_values`: None, `max_size`: Some(98), added: 2573, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[1, 32]`.
	fn open_claim(d: u32, ) -> Weight {
		// Proof size: 1694 bytes measured, 6196 estimated.
		Weight::from_parts(2_020_676_300, 6196)
			.saturating_add(Weight::from_parts(222_472_840, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `ServiceClaims::Commitments` (r:1 w:1)
	/// Proof: `ServiceClaims::Commitments` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Params` (r:1 w:0)
	/// Proof: `ServiceClaims::Params` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:1 w:0)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Ledgers` (r:1 w:1)
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SlashedOffences` (r:1 w:1)
	/// Proof: `ProviderStaking::SlashedOffences` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::OperatorKeys` (r:1 w:0)
	/// Proof: `ProviderStaking::OperatorKeys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::ChallengeSeeds` (r:1 w:1)
	/// Proof: `ServiceClaims::ChallengeSeeds` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `ServiceClaims::Claims` (r:0 w:1)
	/// Proof: `ServiceClaims::Claims` (`max_values`: None, `max_size`: Some(98), added: 2573, mode: `MaxEncodedLen`)
	fn expire_claim() -> Weight {
		// Proof size: 1848 bytes measured, 4681 estimated.
		Weight::from_parts(150_120_000, 4681)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `ServiceClaims::Params` (r:0 w:1)
	/// Proof: `ServiceClaims::Params` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size: 0 bytes measured, 0 estimated.
		Weight::from_parts(6_938_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn submit_attested_claim(s: u32, ) -> Weight {
		Weight::from_parts(1_976_967_944, 393330)
			.saturating_add(Weight::from_parts(213_207_486, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().reads(187_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(s.into()))
	}
	fn commit_claim() -> Weight {
		Weight::from_parts(121_752_000, 4681)
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn open_claim(d: u32, ) -> Weight {
		Weight::from_parts(2_020_676_300, 6196)
			.saturating_add(Weight::from_parts(222_472_840, 0).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn expire_claim() -> Weight {
		Weight::from_parts(150_120_000, 4681)
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(6_938_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
