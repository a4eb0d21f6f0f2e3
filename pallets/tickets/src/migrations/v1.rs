//! Version 0 → 1: used tickets keyed by the ticket's hash, overdrafts
//! tracked in the sender's ledger.
//!
//! - [`Senders`]: a version 0 [`SenderLedger`] lacks `overdrawn_in` and no
//!   longer decodes, so every ledger is rewritten with `overdrawn_in: None`
//!   (no overdraft pending: the reserve is not forfeited for an overdraft
//!   made under version 0's rules).
//! - [`UsedTickets`]: version 0 keyed a redeemed ticket by
//!   `(expiry, sender, index)`; version 1 by `(expiry, blake2_256(ticket))`.
//!   The hash cannot be computed from the old key, so the old records stay
//!   where they are until their expiry is pruned (the pruning drains both
//!   forms under an expiry), and until [`V0RecordsUntil`], the last block a
//!   version 0 record can expire at, redemptions also check the old key: a
//!   ticket redeemed before the upgrade cannot be redeemed again after it.
//! - [`DoubleSigned`]: version 0 kept no record of punished pairs; its guard
//!   was the sender's freeze. Until [`V0RecordsUntil`], evidence against a
//!   sender frozen at the time is refused as `AlreadyPunished`, as version 0
//!   did, so a pair punished before the upgrade cannot be replayed after it.

use crate::{Config, Pallet, SenderLedger, Senders, TicketOf, V0RecordsUntil, LOG_TARGET};
use codec::{Decode, DecodeAll, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

#[cfg(feature = "try-runtime")]
use crate::DoubleSigned;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;

/// The version 0 layout, as read by the migration and the transition
/// checks.
pub mod v0 {
	use super::*;

	/// A sender's ledger in version 0.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct SenderLedger<BlockNumber> {
		pub unlock_at: Option<BlockNumber>,
		pub frozen_until: Option<BlockNumber>,
	}

	/// `Senders` with version 0 values.
	#[frame_support::storage_alias]
	pub type Senders<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		SenderLedger<BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// `UsedTickets` with version 0 keys: `(expiry, sender, index)`.
	#[frame_support::storage_alias]
	pub type UsedTickets<T: Config> = StorageNMap<
		Pallet<T>,
		(
			NMapKey<Twox64Concat, BlockNumberFor<T>>,
			NMapKey<Blake2_128Concat, <T as frame_system::Config>::AccountId>,
			NMapKey<Identity, u64>,
		),
		(),
		OptionQuery,
	>;
}

/// Whether `ticket` was redeemed under version 0 and its record is still
/// kept (only while [`V0RecordsUntil`] covers its expiry).
pub fn redeemed_under_v0<T: Config>(ticket: &TicketOf<T>) -> bool {
	V0RecordsUntil::<T>::get().is_some_and(|until| ticket.expiry <= until)
		&& v0::UsedTickets::<T>::contains_key((ticket.expiry, &ticket.sender, ticket.index))
}

/// Whether evidence of a double sign with a ticket expiring at `expiry`
/// against a sender with `ledger` falls under version 0's guard: the
/// tickets may have been signed and punished before the upgrade, and the
/// sender is still frozen by that punishment.
pub fn punished_under_v0<T: Config>(
	expiry: BlockNumberFor<T>,
	ledger: &SenderLedger<BlockNumberFor<T>>,
) -> bool {
	V0RecordsUntil::<T>::get().is_some_and(|until| expiry <= until)
		&& Pallet::<T>::is_frozen(ledger)
}

/// Ends the transition once every version 0 record has expired: called
/// from `on_initialize`; returns the weight used.
pub fn end_transition<T: Config>(now: BlockNumberFor<T>) -> Weight {
	let db = T::DbWeight::get();
	match V0RecordsUntil::<T>::get() {
		Some(until) if until < now => {
			V0RecordsUntil::<T>::kill();
			db.reads_writes(1, 1)
		},
		_ => db.reads(1),
	}
}

/// Every sender's version 0 ledger, as `pre_upgrade` records them.
#[cfg(feature = "try-runtime")]
type V0Ledgers<T> =
	Vec<(<T as frame_system::Config>::AccountId, v0::SenderLedger<BlockNumberFor<T>>)>;

/// The translation of version 0 to 1, without the version check: use
/// [`MigrateV0ToV1`].
pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut read, mut rewritten) = (0u64, 0u64);
		// Key by key rather than `translate`, which would delete a value
		// that does not decode as version 0 (and with it the record of the
		// sender's held funds); such a value is left as it is and logged.
		let keys: alloc::vec::Vec<T::AccountId> = v0::Senders::<T>::iter_keys().collect();
		for who in keys {
			read = read.saturating_add(1);
			let key = Senders::<T>::hashed_key_for(&who);
			let Some(raw) = frame_support::storage::unhashed::get_raw(&key) else { continue };
			match v0::SenderLedger::<BlockNumberFor<T>>::decode_all(&mut &raw[..]) {
				Ok(old) => {
					Senders::<T>::insert(
						&who,
						SenderLedger {
							unlock_at: old.unlock_at,
							frozen_until: old.frozen_until,
							overdrawn_in: None,
						},
					);
					rewritten = rewritten.saturating_add(1);
				},
				Err(_) => log::error!(
					target: LOG_TARGET,
					"v1: the ledger of sender {who:?} is not a version 0 ledger; left as it is"
				),
			}
		}
		// A version 0 ticket was redeemed no later than now, with an expiry
		// at most `MaxTicketValidity` after its redemption.
		let until = Pallet::<T>::now().saturating_add(T::MaxTicketValidity::get());
		V0RecordsUntil::<T>::put(until);
		log::info!(
			target: LOG_TARGET,
			"v1: {rewritten} of {read} sender ledgers rewritten; version 0 records checked until block {until:?}"
		);
		T::DbWeight::get().reads_writes(read, rewritten.saturating_add(1))
	}

	/// Records every sender's ledger and the number of used-ticket records.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let ledgers: V0Ledgers<T> = v0::Senders::<T>::iter().collect();
		ensure!(
			ledgers.len() == Senders::<T>::iter_keys().count(),
			"a sender ledger does not decode as version 0"
		);
		ensure!(DoubleSigned::<T>::iter_keys().next().is_none(), "version 0 has no double signs");
		let used = v0::UsedTickets::<T>::iter_keys().count() as u64;
		Ok((ledgers, used).encode())
	}

	/// Every ledger kept its fields and decodes whole, with no overdraft
	/// pending; the used-ticket records are untouched and covered by the
	/// transition window.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let (before, used): (V0Ledgers<T>, u64) =
			Decode::decode(&mut &state[..]).map_err(|_| "pre_upgrade state does not decode")?;
		ensure!(before.len() == Senders::<T>::iter_keys().count(), "sender count changed");
		for (who, old) in before {
			let key = Senders::<T>::hashed_key_for(&who);
			let raw = frame_support::storage::unhashed::get_raw(&key).ok_or("ledger removed")?;
			let new = SenderLedger::<BlockNumberFor<T>>::decode_all(&mut &raw[..])
				.map_err(|_| "ledger does not decode whole as version 1")?;
			ensure!(
				new.unlock_at == old.unlock_at
					&& new.frozen_until == old.frozen_until
					&& new.overdrawn_in.is_none(),
				"ledger changed"
			);
		}
		ensure!(
			v0::UsedTickets::<T>::iter_keys().count() as u64 == used,
			"used-ticket records changed"
		);
		ensure!(V0RecordsUntil::<T>::get().is_some(), "transition window not set");
		Ok(())
	}
}

/// Version 0 → 1, run once: only when the stored version is 0, which it
/// then sets to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	UncheckedMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
