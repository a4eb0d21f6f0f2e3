//! Weights of `pallet_availability`, measured by `market-node benchmark pallet`.
//!
//! Measured 2026-12-02 on `vm` (Intel(R) Xeon(R) Processor), 50 steps,
//! 20 repeats, Compiled wasm execution.
//! Regenerate with `scripts/benchmark.sh`, never by hand.
//!
//! Command (from the repository root): STEPS=50 REPEAT=20 scripts/benchmark.sh pallet_availability

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_availability`.
pub trait WeightInfo {
	fn report_unavailable(s: u32, ) -> Weight;
	fn set_parameters() -> Weight;
}

/// The measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Availability::UnavailableMarks` (r:16 w:1)
	/// Proof: `Availability::UnavailableMarks` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Availability::Params` (r:1 w:0)
	/// Proof: `Availability::Params` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:2 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:65 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::RoundSeeds` (r:1 w:0)
	/// Proof: `ProviderStaking::RoundSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotTree` (r:468 w:0)
	/// Proof: `ProviderStaking::SnapshotTree` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::OperatorKeys` (r:65 w:0)
	/// Proof: `ProviderStaking::OperatorKeys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Ledgers` (r:1 w:1)
	/// Proof: `ProviderStaking::Ledgers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SlashedOffences` (r:1 w:1)
	/// Proof: `ProviderStaking::SlashedOffences` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:65 w:65)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Availability::MarkCount` (r:1 w:1)
	/// Proof: `Availability::MarkCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Component `s` ranges over `[43, 64]`.
	fn report_unavailable(s: u32, ) -> Weight {
		// Proof size: 178207 bytes measured, 1178010 estimated.
		Weight::from_parts(4_179_192_227, 1178010)
			.saturating_add(Weight::from_parts(133_711_691, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(562_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(s.into()))
	}
	/// Storage: `Availability::Params` (r:0 w:1)
	/// Proof: `Availability::Params` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size: 0 bytes measured, 0 estimated.
		Weight::from_parts(6_744_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn report_unavailable(s: u32, ) -> Weight {
		Weight::from_parts(4_179_192_227, 1178010)
			.saturating_add(Weight::from_parts(133_711_691, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().reads(562_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(s.into()))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(6_744_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
