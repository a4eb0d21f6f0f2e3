//! Weights of `pallet_policy_escrow`, measured by `market-node benchmark pallet`.
//!
//! Measured 2026-12-02 on `vm` (Intel(R) Xeon(R) Processor), 50 steps,
//! 20 repeats, Compiled wasm execution.
//! Regenerate with `scripts/benchmark.sh`, never by hand.
//!
//! Command (from the repository root): STEPS=50 REPEAT=20 scripts/benchmark.sh pallet_policy_escrow

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_policy_escrow`.
pub trait WeightInfo {
	fn create_policy_explicit(p: u32, ) -> Weight;
	fn create_policy_sampled(n: u32, ) -> Weight;
	fn claim_fees(r: u32, ) -> Weight;
	fn refund_unearned(r: u32, ) -> Weight;
	fn revoke_policy() -> Weight;
	fn reap_policy(p: u32, r: u32, ) -> Weight;
	fn pay_for_requests() -> Weight;
}

/// The measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::OwnerPolicies` (r:1 w:1)
	/// Proof: `PolicyEscrow::OwnerPolicies` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::NextPolicyId` (r:1 w:1)
	/// Proof: `PolicyEscrow::NextPolicyId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Ledgers` (r:16 w:0)
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:0 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 16]`.
	fn create_policy_explicit(p: u32, ) -> Weight {
		// Proof size: 557 bytes measured, 3770 estimated.
		Weight::from_parts(101_591_437, 3770)
			.saturating_add(Weight::from_parts(7_823_771, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(p.into()))
	}
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::OwnerPolicies` (r:1 w:1)
	/// Proof: `PolicyEscrow::OwnerPolicies` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::NextPolicyId` (r:1 w:1)
	/// Proof: `PolicyEscrow::NextPolicyId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::RoundSeeds` (r:1 w:0)
	/// Proof: `ProviderStaking::RoundSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotTree` (r:26 w:0)
	/// Proof: `ProviderStaking::SnapshotTree` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:16 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Ledgers` (r:16 w:0)
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:0 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 16]`.
	fn create_policy_sampled(n: u32, ) -> Weight {
		// Proof size: 18182 bytes measured, 45156 estimated.
		Weight::from_parts(539_815_035, 45156)
			.saturating_add(Weight::from_parts(56_251_707, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(25_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(n.into()))
	}
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:16 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:15 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:15 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 16]`.
	fn claim_fees(r: u32, ) -> Weight {
		// Proof size: 1587 bytes measured, 5474 estimated.
		Weight::from_parts(99_618_939, 5474)
			.saturating_add(Weight::from_parts(13_596_739, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:16 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:15 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:15 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 16]`.
	fn refund_unearned(r: u32, ) -> Weight {
		// Proof size: 1587 bytes measured, 5443 estimated.
		Weight::from_parts(94_721_056, 5443)
			.saturating_add(Weight::from_parts(12_900_209, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn revoke_policy() -> Weight {
		// Proof size: 2010 bytes measured, 4681 estimated.
		Weight::from_parts(79_494_000, 4681)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:272 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:272 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:272 w:0)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:17 w:17)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::OwnerPolicies` (r:1 w:1)
	/// Proof: `PolicyEscrow::OwnerPolicies` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 16]`.
	/// Component `r` ranges over `[0, 17]`.
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		// Proof size: 0 bytes measured, 41806 estimated.
		Weight::from_parts(286_726_000, 41806)
			.saturating_add(Weight::from_parts(112_366_550, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(48_002_111, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((16_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads((20_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 12937).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(0, 14159).saturating_mul(r.into()))
	}
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:1 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
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
	fn pay_for_requests() -> Weight {
		// Proof size: 1745 bytes measured, 6196 estimated.
		Weight::from_parts(98_603_000, 6196)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn create_policy_explicit(p: u32, ) -> Weight {
		Weight::from_parts(101_591_437, 3770)
			.saturating_add(Weight::from_parts(7_823_771, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(p.into()))
	}
	fn create_policy_sampled(n: u32, ) -> Weight {
		Weight::from_parts(539_815_035, 45156)
			.saturating_add(Weight::from_parts(56_251_707, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(25_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(n.into()))
	}
	fn claim_fees(r: u32, ) -> Weight {
		Weight::from_parts(99_618_939, 5474)
			.saturating_add(Weight::from_parts(13_596_739, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	fn refund_unearned(r: u32, ) -> Weight {
		Weight::from_parts(94_721_056, 5443)
			.saturating_add(Weight::from_parts(12_900_209, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	fn revoke_policy() -> Weight {
		Weight::from_parts(79_494_000, 4681)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		Weight::from_parts(286_726_000, 41806)
			.saturating_add(Weight::from_parts(112_366_550, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(48_002_111, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((16_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads((20_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 12937).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(0, 14159).saturating_mul(r.into()))
	}
	fn pay_for_requests() -> Weight {
		Weight::from_parts(98_603_000, 6196)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
