//! Weights of `pallet_policy_escrow`, measured by `market-node benchmark pallet`.
//!
//! Measured 2026-12-02 on `vm` (Intel(R) Xeon(R) Processor), 10 steps,
//! 5 repeats, Compiled wasm execution.
//! Regenerate with `scripts/benchmark.sh`, never by hand.
//!
//! Command: /root/.cache/market-chain/target-bench/release/market-node benchmark pallet --runtime /root/.cache/market-chain/target-bench/release/wbuild/market-runtime/market_runtime.compact.compressed.wasm --genesis-builder runtime --genesis-builder-preset development --pallet pallet_policy_escrow --extrinsic * --steps 10 --repeat 5 --wasm-execution compiled --template scripts/weight-template.hbs --output pallets/policy-escrow/src/weights.rs

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
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(440), added: 2915, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:0 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 16]`.
	fn create_policy_explicit(p: u32, ) -> Weight {
		// Proof size: 545 bytes measured, 3770 estimated.
		Weight::from_parts(195_064_217, 3770)
			.saturating_add(Weight::from_parts(15_723_070, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2915).saturating_mul(p.into()))
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
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(440), added: 2915, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::Policies` (r:0 w:1)
	/// Proof: `PolicyEscrow::Policies` (`max_values`: None, `max_size`: Some(1216), added: 3691, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 16]`.
	fn create_policy_sampled(n: u32, ) -> Weight {
		// Proof size: 17865 bytes measured, 42978 estimated.
		Weight::from_parts(805_372_699, 42978)
			.saturating_add(Weight::from_parts(130_896_130, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(24_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2915).saturating_mul(n.into()))
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
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 16]`.
	fn claim_fees(r: u32, ) -> Weight {
		// Proof size: 1583 bytes measured, 5272 estimated.
		Weight::from_parts(223_213_763, 5272)
			.saturating_add(Weight::from_parts(31_712_168, 0).saturating_mul(r.into()))
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
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 16]`.
	fn refund_unearned(r: u32, ) -> Weight {
		// Proof size: 1583 bytes measured, 5272 estimated.
		Weight::from_parts(237_049_859, 5272)
			.saturating_add(Weight::from_parts(32_028_957, 0).saturating_mul(r.into()))
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
		Weight::from_parts(205_863_000, 4681)
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
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:17 w:17)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `PolicyEscrow::OwnerPolicies` (r:1 w:1)
	/// Proof: `PolicyEscrow::OwnerPolicies` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 16]`.
	/// Component `r` ranges over `[0, 17]`.
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		// Proof size: 0 bytes measured, 41806 estimated.
		Weight::from_parts(592_727_000, 41806)
			.saturating_add(Weight::from_parts(249_681_629, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(95_397_401, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((17_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads((19_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 14808).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(0, 12331).saturating_mul(r.into()))
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
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn pay_for_requests() -> Weight {
		// Proof size: 1745 bytes measured, 6196 estimated.
		Weight::from_parts(247_017_000, 6196)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn create_policy_explicit(p: u32, ) -> Weight {
		Weight::from_parts(195_064_217, 3770)
			.saturating_add(Weight::from_parts(15_723_070, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2915).saturating_mul(p.into()))
	}
	fn create_policy_sampled(n: u32, ) -> Weight {
		Weight::from_parts(805_372_699, 42978)
			.saturating_add(Weight::from_parts(130_896_130, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(24_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 2915).saturating_mul(n.into()))
	}
	fn claim_fees(r: u32, ) -> Weight {
		Weight::from_parts(223_213_763, 5272)
			.saturating_add(Weight::from_parts(31_712_168, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	fn refund_unearned(r: u32, ) -> Weight {
		Weight::from_parts(237_049_859, 5272)
			.saturating_add(Weight::from_parts(32_028_957, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(r.into()))
	}
	fn revoke_policy() -> Weight {
		Weight::from_parts(205_863_000, 4681)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		Weight::from_parts(592_727_000, 41806)
			.saturating_add(Weight::from_parts(249_681_629, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(95_397_401, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((17_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads((19_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 14808).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(0, 12331).saturating_mul(r.into()))
	}
	fn pay_for_requests() -> Weight {
		Weight::from_parts(247_017_000, 6196)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
