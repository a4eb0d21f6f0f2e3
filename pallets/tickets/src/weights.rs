//! Weights of `pallet_tickets`.
//!
//! PLACEHOLDERS, not measured: honest estimates written before the pallet
//! was benchmarked on the reference machine. Regenerate with
//! `scripts/benchmark.sh` (market-node benchmark pallet) and replace this
//! file, never edit it by hand afterwards.
//!
//! Estimates: sr25519 signature check (host function) 50 µs; schnorrkel VRF
//! check in wasm 400 µs (see the `verify_vrf` benchmark); a redemption reads
//! the used-ticket record, the sender's ledger, its deposit hold, the
//! registry's round and the recipient's account, and writes the record, the
//! sender's hold and account and the recipient's account.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_tickets`.
pub trait WeightInfo {
	fn fund() -> Weight;
	fn unlock() -> Weight;
	fn cancel_unlock() -> Weight;
	fn withdraw() -> Weight;
	fn redeem_winning_ticket() -> Weight;
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight;
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight;
	fn report_double_signed() -> Weight;
	fn on_initialize_prune(n: u32, ) -> Weight;
	fn verify_vrf() -> Weight;
}

/// The placeholder weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn fund() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn unlock() -> Weight {
		Weight::from_parts(15_000_000, 3500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn cancel_unlock() -> Weight {
		Weight::from_parts(15_000_000, 3500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn redeem_winning_ticket() -> Weight {
		Weight::from_parts(520_000_000, 12000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 12000)
			.saturating_add(Weight::from_parts(470_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 12000)
			.saturating_add(Weight::from_parts(520_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8000).saturating_mul(n.into()))
	}
	fn report_double_signed() -> Weight {
		Weight::from_parts(150_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn on_initialize_prune(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn verify_vrf() -> Weight {
		Weight::from_parts(400_000_000, 0)
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn fund() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn unlock() -> Weight {
		Weight::from_parts(15_000_000, 3500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn cancel_unlock() -> Weight {
		Weight::from_parts(15_000_000, 3500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn redeem_winning_ticket() -> Weight {
		Weight::from_parts(520_000_000, 12000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 12000)
			.saturating_add(Weight::from_parts(470_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 12000)
			.saturating_add(Weight::from_parts(520_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8000).saturating_mul(n.into()))
	}
	fn report_double_signed() -> Weight {
		Weight::from_parts(150_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn on_initialize_prune(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn verify_vrf() -> Weight {
		Weight::from_parts(400_000_000, 0)
	}
}
