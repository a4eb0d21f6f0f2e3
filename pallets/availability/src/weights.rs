//! Weights of `pallet-availability`.
//!
//! PRE-BENCHMARK ESTIMATE — to be regenerated with
//! `market-node benchmark pallet --pallet pallet_availability
//! --extrinsic '*' --steps 50 --repeat 20 --output pallets/availability/src/weights.rs
//! --template <frame weight template>` on the reference machine once the
//! pallet is in the runtime with `runtime-benchmarks`.
//!
//! Until then `report_unavailable(s)` (`s` gateway signatures) is derived
//! from its worst-case storage accesses plus a generous compute base:
//! - 60 µs base (statement encoding, payload, event) and 60 µs per sr25519
//!   verification;
//! - sampling 32 gateways from a 16,384-node tree (10,000 providers per
//!   round): 32 × 15 node reads, 32 slot reads, the seed and the header, at
//!   8 µs compute per node;
//! - per signature one operator-key read;
//! - the escalation window (at most 16 mark reads), the accused's snapshot
//!   stake (2 reads), the snapshot total, the mark and its count;
//! - the staking pallet's slash with `s + 1` reporters, as in its own
//!   estimate (ledger, hold, the next snapshot's tree path of 15 nodes,
//!   one account per reporter).
//!
//! That is about 4.1 ms of compute before signatures, rounded up to 5.2 ms,
//! plus 110 µs per signature (verification and one more reporter). Proof
//! sizes assume `MaxEncodedLen` values. The estimate covers
//! `GatewaysPerRound ≤ 32`, `EscalationWindow ≤ 16` and trees of up to
//! 16,384 nodes.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet-availability`.
pub trait WeightInfo {
	fn report_unavailable(s: u32, ) -> Weight;
}

/// Weights for `pallet-availability` using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0), `RoundSeeds` (r:1),
	/// `Snapshots` (r:2), `SnapshotTree` (r:480), `SnapshotMembers` (r:33),
	/// `ProviderSlots` (r:1), `OperatorKeys` (r:s), `Availability::UnavailableMarks`
	/// (r:17 w:1), `Availability::MarkCount` (r:1 w:1), `System::BlockHash` (r:1),
	/// slash: `Ledgers` (r:1 w:1), `Balances::Holds` (r:1 w:1),
	/// `System::Account` (r:s+2 w:s+2), `ProviderSlots`/`SnapshotMembers`/
	/// `Snapshots`/`SnapshotTree` of the next round (r:18 w:17).
	/// Proof: 48 bytes per tree node and slot, 112 per account, 1 KiB ledger.
	fn report_unavailable(s: u32, ) -> Weight {
		Weight::from_parts(5_200_000_000, 40_000)
			.saturating_add(Weight::from_parts(110_000_000, 200).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(560_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(24_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn report_unavailable(s: u32, ) -> Weight {
		Weight::from_parts(5_200_000_000, 40_000)
			.saturating_add(Weight::from_parts(110_000_000, 200).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(560_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(24_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(s.into())))
	}
}
