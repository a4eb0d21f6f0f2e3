//! Weights of `pallet_service_claims`: PLACEHOLDERS, not measured.
//!
//! Estimated by hand from the availability pallet's measured weights (one
//! sr25519 verification about 135 µs with its reads) until the lead runs
//! `scripts/benchmark.sh` on the benchmarking machine. Regenerate with that
//! script, never by hand.

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

/// The estimated weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Estimate: parameters, policy, claim, commitment, escrow slot,
	/// committee sampling (about 70 reads), one operator key and one
	/// signature per `s`, the escrow payment.
	fn submit_attested_claim(s: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 60_000)
			.saturating_add(Weight::from_parts(140_000_000, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(81_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(s.into()))
	}
	/// Estimate: parameters, policy, claim, commitment, escrow slot checks;
	/// commitment and seed slot writes.
	fn commit_claim() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Estimate: `ChallengeCount` (64) openings, each one sr25519
	/// verification and `d` blake2 hashes of 225 bytes; then the escrow
	/// payment (or the parameters and the slash).
	fn open_claim(d: u32, ) -> Weight {
		Weight::from_parts(9_500_000_000, 20_000)
			.saturating_add(Weight::from_parts(150_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Estimate: commitment, parameters, policy, ledger, the slash with one
	/// reporter.
	fn expire_claim() -> Weight {
		Weight::from_parts(120_000_000, 15_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Estimate: the checks and one write of the parameters.
	fn set_parameters() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn submit_attested_claim(s: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 60_000)
			.saturating_add(Weight::from_parts(140_000_000, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().reads(81_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(s.into()))
	}
	fn commit_claim() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn open_claim(d: u32, ) -> Weight {
		Weight::from_parts(9_500_000_000, 20_000)
			.saturating_add(Weight::from_parts(150_000_000, 0).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn expire_claim() -> Weight {
		Weight::from_parts(120_000_000, 15_000)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
