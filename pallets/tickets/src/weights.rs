//! Weights of `pallet_tickets`, measured by `market-node benchmark pallet`.
//!
//! Measured 2026-12-02 on `vm` (Intel(R) Xeon(R) Processor), 50 steps,
//! 20 repeats, Compiled wasm execution.
//! Regenerate with `scripts/benchmark.sh`, never by hand.
//!
//! Command (from the repository root): STEPS=50 REPEAT=20 scripts/benchmark.sh pallet_tickets

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
	fn redeem_winning_ticket_from_deposit() -> Weight;
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight;
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight;
	fn report_double_signed() -> Weight;
	fn on_initialize_prune(n: u32, ) -> Weight;
	fn verify_vrf() -> Weight;
	fn verify_vrf_batch(n: u32, ) -> Weight;
	fn set_parameters() -> Weight;
}

/// The measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn fund() -> Weight {
		// Proof size: 231 bytes measured, 3593 estimated.
		Weight::from_parts(97_115_000, 3593)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ExpiryHorizon` (r:1 w:0)
	/// Proof: `Tickets::ExpiryHorizon` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn unlock() -> Weight {
		// Proof size: 114 bytes measured, 3528 estimated.
		Weight::from_parts(17_703_000, 3528)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	fn cancel_unlock() -> Weight {
		// Proof size: 118 bytes measured, 3528 estimated.
		Weight::from_parts(15_431_000, 3528)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size: 400 bytes measured, 3593 estimated.
		Weight::from_parts(89_414_000, 3593)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::UsedTickets` (r:1 w:1)
	/// Proof: `Tickets::UsedTickets` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:1 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveBase` (r:1 w:1)
	/// Proof: `Tickets::ReserveBase` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveDrawn` (r:1 w:1)
	/// Proof: `Tickets::ReserveDrawn` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn redeem_winning_ticket() -> Weight {
		// Proof size: 1322 bytes measured, 6196 estimated.
		Weight::from_parts(686_740_000, 6196)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::UsedTickets` (r:1 w:1)
	/// Proof: `Tickets::UsedTickets` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn redeem_winning_ticket_from_deposit() -> Weight {
		// Proof size: 546 bytes measured, 6196 estimated.
		Weight::from_parts(590_369_000, 6196)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::UsedTickets` (r:999 w:999)
	/// Proof: `Tickets::UsedTickets` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:1 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveBase` (r:1 w:1)
	/// Proof: `Tickets::ReserveBase` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveDrawn` (r:1 w:1)
	/// Proof: `Tickets::ReserveDrawn` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 1000]`.
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight {
		// Proof size: 1322 bytes measured, 6196 estimated.
		Weight::from_parts(7_174_222_853, 6196)
			.saturating_add(Weight::from_parts(184_580_359, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2519).saturating_mul(n.into()))
	}
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::UsedTickets` (r:999 w:999)
	/// Proof: `Tickets::UsedTickets` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:999 w:999)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Senders` (r:999 w:999)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::CurrentRound` (r:1 w:0)
	/// Proof: `ProviderStaking::CurrentRound` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::ProviderSlots` (r:1 w:0)
	/// Proof: `ProviderStaking::ProviderSlots` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::SnapshotMembers` (r:1 w:0)
	/// Proof: `ProviderStaking::SnapshotMembers` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveBase` (r:999 w:999)
	/// Proof: `Tickets::ReserveBase` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `ProviderStaking::Snapshots` (r:1 w:0)
	/// Proof: `ProviderStaking::Snapshots` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ReserveDrawn` (r:999 w:999)
	/// Proof: `Tickets::ReserveDrawn` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1000 w:1000)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 1000]`.
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight {
		// Proof size: 1017 bytes measured, 3593 estimated.
		Weight::from_parts(5_946_745_872, 3593)
			.saturating_add(Weight::from_parts(312_299_136, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Params` (r:1 w:0)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::DoubleSigned` (r:1 w:1)
	/// Proof: `Tickets::DoubleSigned` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::Senders` (r:1 w:1)
	/// Proof: `Tickets::Senders` (`max_values`: None, `max_size`: Some(63), added: 2538, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn report_double_signed() -> Weight {
		// Proof size: 450 bytes measured, 3593 estimated.
		Weight::from_parts(222_219_000, 3593)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Tickets::PruneCursor` (r:1 w:0)
	/// Proof: `Tickets::PruneCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::UsedTickets` (r:8193 w:8192)
	/// Proof: `Tickets::UsedTickets` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::V0RecordsUntil` (r:1 w:0)
	/// Proof: `Tickets::V0RecordsUntil` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::DoubleSigned` (r:1 w:0)
	/// Proof: `Tickets::DoubleSigned` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 8192]`.
	fn on_initialize_prune(n: u32, ) -> Weight {
		// Proof size: 2221 bytes measured, 3533 estimated.
		Weight::from_parts(16_558_000, 3533)
			.saturating_add(Weight::from_parts(3_897_581, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2519).saturating_mul(n.into()))
	}
	fn verify_vrf() -> Weight {
		// Proof size: 0 bytes measured, 0 estimated.
		Weight::from_parts(452_410_000, 0)
	}
	/// Component `n` ranges over `[1, 1000]`.
	fn verify_vrf_batch(n: u32, ) -> Weight {
		// Proof size: 0 bytes measured, 0 estimated.
		Weight::from_parts(2_377_333_344, 0)
			.saturating_add(Weight::from_parts(129_020_980, 0).saturating_mul(n.into()))
	}
	/// Storage: `Tickets::Params` (r:1 w:1)
	/// Proof: `Tickets::Params` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `Tickets::ExpiryHorizon` (r:1 w:1)
	/// Proof: `Tickets::ExpiryHorizon` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size: 41 bytes measured, 1497 estimated.
		Weight::from_parts(12_086_000, 1497)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights priced with ParityDB's costs, for mocks without a runtime.
impl WeightInfo for () {
	fn fund() -> Weight {
		Weight::from_parts(97_115_000, 3593)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn unlock() -> Weight {
		Weight::from_parts(17_703_000, 3528)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn cancel_unlock() -> Weight {
		Weight::from_parts(15_431_000, 3528)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(89_414_000, 3593)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn redeem_winning_ticket() -> Weight {
		Weight::from_parts(686_740_000, 6196)
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn redeem_winning_ticket_from_deposit() -> Weight {
		Weight::from_parts(590_369_000, 6196)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn redeem_winning_tickets_one_sender(n: u32, ) -> Weight {
		Weight::from_parts(7_174_222_853, 6196)
			.saturating_add(Weight::from_parts(184_580_359, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2519).saturating_mul(n.into()))
	}
	fn redeem_winning_tickets_distinct_senders(n: u32, ) -> Weight {
		Weight::from_parts(5_946_745_872, 3593)
			.saturating_add(Weight::from_parts(312_299_136, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	fn report_double_signed() -> Weight {
		Weight::from_parts(222_219_000, 3593)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn on_initialize_prune(n: u32, ) -> Weight {
		Weight::from_parts(16_558_000, 3533)
			.saturating_add(Weight::from_parts(3_897_581, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2519).saturating_mul(n.into()))
	}
	fn verify_vrf() -> Weight {
		Weight::from_parts(452_410_000, 0)
	}
	fn verify_vrf_batch(n: u32, ) -> Weight {
		Weight::from_parts(2_377_333_344, 0)
			.saturating_add(Weight::from_parts(129_020_980, 0).saturating_mul(n.into()))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(12_086_000, 1497)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
