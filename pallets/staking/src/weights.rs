//! Weights of `pallet-provider-staking`.
//!
//! PRE-BENCHMARK ESTIMATE — to be regenerated with
//! `market-node benchmark pallet --pallet pallet_provider_staking
//! --extrinsic '*' --steps 50 --repeat 20 --output pallets/staking/src/weights.rs
//! --template <frame weight template>` on the reference machine once the
//! pallet is in the runtime with `runtime-benchmarks`.
//!
//! Until then every weight is derived from its storage accesses (counted
//! below, for the worst case) plus a generous compute base: 40 µs per call,
//! 60 µs for `set_operator` (one sr25519 verification) and 8 µs per
//! Fenwick-tree node touched. Proof sizes assume `MaxEncodedLen` values and
//! the worst tree path of a 16,384-node tree (10,000 providers per round):
//! `log2(16_384) + 1 = 15` nodes.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet-provider-staking`.
pub trait WeightInfo {
	fn bond() -> Weight;
	fn bond_extra() -> Weight;
	fn extend_lock() -> Weight;
	fn set_operator() -> Weight;
	fn commit_to_next_round() -> Weight;
	fn chill() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn claim_rewards(r: u32, ) -> Weight;
	fn slash(r: u32, ) -> Weight;
	fn on_initialize_round_start(p: u32, ) -> Weight;
	fn prune_keys(k: u32, ) -> Weight;
	fn sample(n: u32, ) -> Weight;
}

/// Tree nodes on the longest update path (16,384-node tree).
const TREE_PATH: u64 = 15;

/// Weights for `pallet-provider-staking` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: Ledgers, CurrentRound, Balances::Holds, System::Account.
	/// Writes: Ledgers, Balances::Holds, System::Account.
	fn bond() -> Weight {
		Weight::from_parts(40_000_000, 4_800)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: Ledgers, CurrentRound, Holds, Account, ProviderSlots,
	/// SnapshotMembers, Snapshots, 15 tree nodes.
	/// Writes: Ledgers, Holds, Account, SnapshotMembers, Snapshots, 15 tree nodes.
	fn bond_extra() -> Weight {
		Weight::from_parts(40_000_000 + 8_000_000 * TREE_PATH, 5_000 + 2_600 * TREE_PATH)
			.saturating_add(T::DbWeight::get().reads(7_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().writes(5_u64 + TREE_PATH))
	}
	/// Reads: Ledgers, CurrentRound. Writes: Ledgers.
	fn extend_lock() -> Weight {
		Weight::from_parts(30_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: Ledgers (2), OperatorOwners, System::BlockHash, OperatorKeys.
	/// Writes: OperatorOwners (2), OperatorKeys.
	fn set_operator() -> Weight {
		Weight::from_parts(100_000_000, 5_200)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: Ledgers (2), OperatorOwners, CurrentRound, ProviderSlots,
	/// Snapshots, 15 tree nodes.
	/// Writes: Ledgers, SnapshotMembers, ProviderSlots, Snapshots, 15 tree nodes.
	fn commit_to_next_round() -> Weight {
		Weight::from_parts(40_000_000 + 8_000_000 * TREE_PATH, 5_500 + 2_600 * TREE_PATH)
			.saturating_add(T::DbWeight::get().reads(6_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().writes(4_u64 + TREE_PATH))
	}
	/// Reads: Ledgers, CurrentRound, ProviderSlots, SnapshotMembers,
	/// Snapshots, 15 tree nodes. Writes: Ledgers, SnapshotMembers, Snapshots,
	/// 15 tree nodes.
	fn chill() -> Weight {
		Weight::from_parts(40_000_000 + 8_000_000 * TREE_PATH, 5_000 + 2_600 * TREE_PATH)
			.saturating_add(T::DbWeight::get().reads(5_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().writes(3_u64 + TREE_PATH))
	}
	/// Like `chill` (the pending snapshot is refreshed) without the tree in
	/// practice (a provider past its lock is not in the next snapshot), but
	/// counted with it.
	fn unbond() -> Weight {
		Weight::from_parts(45_000_000 + 8_000_000 * TREE_PATH, 5_000 + 2_600 * TREE_PATH)
			.saturating_add(T::DbWeight::get().reads(5_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().writes(3_u64 + TREE_PATH))
	}
	/// Reads: Ledgers, CurrentRound, Holds, Account, OperatorKeys.
	/// Writes: Ledgers, Holds, Account, OperatorKeys, OperatorOwners.
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(50_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: Ledgers, CurrentRound, Account, TotalIssuance, and per round
	/// ProviderSlots, SnapshotMembers, Snapshots, the oracle (one read).
	/// Writes: Ledgers, Account, TotalIssuance.
	fn claim_rewards(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: Ledgers, CurrentRound, Holds, Account,
	/// TotalIssuance, pending snapshot (3 + 15 nodes); per reporter Account.
	/// Writes: Holds, Account, TotalIssuance, Ledgers, pending
	/// snapshot (2 + 15 nodes); per reporter Account.
	fn slash(r: u32, ) -> Weight {
		Weight::from_parts(70_000_000 + 8_000_000 * TREE_PATH, 6_000 + 2_600 * TREE_PATH)
			.saturating_add(Weight::from_parts(20_000_000, 2_600).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().reads(r.into()))
			.saturating_add(T::DbWeight::get().writes(7_u64 + TREE_PATH))
			.saturating_add(T::DbWeight::get().writes(r.into()))
	}
	/// Independent of the number of providers. Reads: CurrentRound, the
	/// randomness source, Snapshots. Writes: CurrentRound, RoundSeeds, Events.
	fn on_initialize_round_start(_p: u32, ) -> Weight {
		Weight::from_parts(25_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Base: OldestRound, CurrentRound reads; Snapshots, RoundSeeds,
	/// OldestRound writes. Per key: one removal.
	fn prune_keys(k: u32, ) -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(Weight::from_parts(1_500_000, 100).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
	}
	/// Reads: RoundSeeds, Snapshots; per draw 15 tree nodes (+15 for the
	/// slot weight) and one SnapshotMembers.
	fn sample(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 3_000)
			.saturating_add(Weight::from_parts(8_000_000 * 2 * TREE_PATH, 2_600 * 2 * TREE_PATH).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((2 * TREE_PATH + 1).saturating_mul(n.into())))
	}
}

/// The same estimates with RocksDB weights, for tests.
impl WeightInfo for () {
	fn bond() -> Weight { Weight::from_parts(40_000_000, 4_800).saturating_add(RocksDbWeight::get().reads_writes(4, 3)) }
	fn bond_extra() -> Weight { Weight::from_parts(160_000_000, 44_000).saturating_add(RocksDbWeight::get().reads_writes(22, 20)) }
	fn extend_lock() -> Weight { Weight::from_parts(30_000_000, 3_700).saturating_add(RocksDbWeight::get().reads_writes(2, 1)) }
	fn set_operator() -> Weight { Weight::from_parts(100_000_000, 5_200).saturating_add(RocksDbWeight::get().reads_writes(5, 3)) }
	fn commit_to_next_round() -> Weight { Weight::from_parts(160_000_000, 44_500).saturating_add(RocksDbWeight::get().reads_writes(21, 19)) }
	fn chill() -> Weight { Weight::from_parts(160_000_000, 44_000).saturating_add(RocksDbWeight::get().reads_writes(20, 18)) }
	fn unbond() -> Weight { Weight::from_parts(165_000_000, 44_000).saturating_add(RocksDbWeight::get().reads_writes(20, 18)) }
	fn withdraw_unbonded() -> Weight { Weight::from_parts(50_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(5, 5)) }
	fn claim_rewards(r: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 7_500).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64 + 4 * r as u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn slash(r: u32, ) -> Weight {
		Weight::from_parts(190_000_000, 45_000)
			.saturating_add(Weight::from_parts(20_000_000, 2_600).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(24 + r as u64, 22 + r as u64))
	}
	fn on_initialize_round_start(_p: u32, ) -> Weight { Weight::from_parts(25_000_000, 3_000).saturating_add(RocksDbWeight::get().reads_writes(3, 3)) }
	fn prune_keys(k: u32, ) -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(Weight::from_parts(1_500_000, 100).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 3 + k as u64))
	}
	fn sample(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 3_000)
			.saturating_add(Weight::from_parts(240_000_000, 78_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64 + 31 * n as u64))
	}
}
