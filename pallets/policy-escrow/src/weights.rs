//! Weights of `pallet-policy-escrow`.
//!
//! PRE-BENCHMARK ESTIMATE — to be regenerated with
//! `market-node benchmark pallet --pallet pallet_policy_escrow
//! --extrinsic '*' --steps 50 --repeat 20 --output pallets/policy-escrow/src/weights.rs
//! --template <frame weight template>` on the reference machine once the
//! pallet is in the runtime with `runtime-benchmarks`.
//!
//! Until then every weight is derived from its storage accesses (counted
//! below, for the worst case) plus a generous compute base: 40 µs per call,
//! 10 µs per provider or round handled. Proof sizes assume `MaxEncodedLen`
//! values: a policy of 16 providers and 16 requester keys is about 1.8 KB,
//! a per-request bitmap 128 bytes. Sampling (`create_policy_sampled`) is
//! counted like the staking pallet's `sample` (31 reads per draw over a
//! 16,384-node tree).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet-policy-escrow`.
pub trait WeightInfo {
	fn create_policy_explicit(p: u32, ) -> Weight;
	fn create_policy_sampled(n: u32, ) -> Weight;
	fn claim_fees(r: u32, ) -> Weight;
	fn refund_unearned(r: u32, ) -> Weight;
	fn revoke_policy() -> Weight;
	fn reap_policy(p: u32, r: u32, ) -> Weight;
	fn pay_for_requests() -> Weight;
}

/// Reads of one stake-weighted draw (tree descent, slot weight, member).
const DRAW_READS: u64 = 31;

/// Weights for `pallet-policy-escrow` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: CurrentRound, OwnerPolicies, NextPolicyId, Holds, Account;
	/// per provider: staking Ledgers (stake and lock, 2 reads).
	/// Writes: Policies, OwnerPolicies, NextPolicyId, Holds, Account.
	fn create_policy_explicit(p: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 6_000)
			.saturating_add(Weight::from_parts(10_000_000, 5_200).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: CurrentRound, OwnerPolicies, NextPolicyId, Holds, Account,
	/// RoundSeeds, Snapshots; per draw 31 tree/member reads and the lock.
	/// Writes: Policies, OwnerPolicies, NextPolicyId, Holds, Account.
	fn create_policy_sampled(n: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(250_000_000, 83_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().reads((DRAW_READS + 1).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: Policies, CurrentRound, Holds, Account (owner and provider);
	/// per round: ProviderSlots, SnapshotMembers, the oracle.
	/// Writes: Policies, Holds, Account (owner and provider).
	fn claim_fees(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// As `claim_fees`, plus the per-request bitmap read.
	fn refund_unearned(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_200)
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: Policies, CurrentRound, Holds, Account, OwnerPolicies.
	/// Writes: Policies, Holds, Account, OwnerPolicies.
	fn revoke_policy() -> Weight {
		Weight::from_parts(40_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: Policies, CurrentRound, Holds, Account (owner), OwnerPolicies;
	/// per provider: bitmap, Account; per provider and round: ProviderSlots,
	/// SnapshotMembers, the oracle.
	/// Writes: Policies, Holds, Account (owner), OwnerPolicies; per provider:
	/// bitmap, Account.
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_800).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul((p as u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul((p as u64).saturating_mul(r.into()))))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(p.into())))
	}
	/// Reads: Policies, CurrentRound, bitmap, ProviderSlots, SnapshotMembers,
	/// the oracle, Holds, Account (owner and provider).
	/// Writes: Policies, bitmap, Holds, Account (owner and provider).
	fn pay_for_requests() -> Weight {
		Weight::from_parts(50_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same estimates with RocksDB weights, for tests.
impl WeightInfo for () {
	fn create_policy_explicit(p: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 6_000)
			.saturating_add(Weight::from_parts(10_000_000, 5_200).saturating_mul(p.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5 + 2 * p as u64, 5))
	}
	fn create_policy_sampled(n: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(250_000_000, 83_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(7 + (DRAW_READS + 1) * n as u64, 5))
	}
	fn claim_fees(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5 + 3 * r as u64, 4))
	}
	fn refund_unearned(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 6_200)
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(6 + 3 * r as u64, 4))
	}
	fn revoke_policy() -> Weight {
		Weight::from_parts(40_000_000, 6_000).saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn reap_policy(p: u32, r: u32, ) -> Weight {
		let pr = (p as u64).saturating_mul(r.into());
		Weight::from_parts(45_000_000, 6_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_800).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(10_000_000, 7_500).saturating_mul(pr))
			.saturating_add(RocksDbWeight::get().reads_writes(5 + 2 * p as u64 + 3 * pr, 4 + 2 * p as u64))
	}
	fn pay_for_requests() -> Weight {
		Weight::from_parts(50_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(9, 5))
	}
}
