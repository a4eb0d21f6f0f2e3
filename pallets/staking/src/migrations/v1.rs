//! Version 0 → 1: slashes recorded per offence instead of per ledger.
//!
//! Version 0 kept in every [`ProviderLedger`] a list `slashes` of
//! `(reason, round the slash landed in)`, allowing one slash per reason per
//! round. Version 1 records each offence in [`SlashedOffences`], keyed by
//! the round of the offence, the offender and `(reason, subject)`.
//!
//! The migration rewrites every ledger without the list. The list cannot
//! become offence records (it has neither the offence's round nor its
//! subject nor the amount), and nothing is lost by starting with none:
//! each pallet that proves offences keeps its own record of what it proved
//! (availability's marks, service-claims' outcomes and removed
//! commitments) and refuses a second proof from it. [`OldestOffenceRound`]
//! starts at the first round an offence may still be proven for, so
//! `on_idle` does not walk rounds that cannot hold records.

use crate::{
	BalanceOf, Config, CurrentRound, Ledgers, OldestOffenceRound, Pallet, ProviderLedger,
	SlashReason, UnlockChunk, LOG_TARGET,
};
use codec::{Decode, DecodeAll, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use market_primitives::RoundIndex;

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;

/// The version 0 layout, as read by the migration.
pub mod v0 {
	use super::*;

	/// Bound of the version 0 slash list.
	pub type MaxSlashReasons = ConstU32<8>;

	/// A provider's ledger in version 0: the current one plus `slashes`.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct ProviderLedger<T: Config> {
		pub active: BalanceOf<T>,
		pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>>, T::MaxUnlockingChunks>,
		pub locked_until: RoundIndex,
		pub chilled: bool,
		pub reward_cursor: RoundIndex,
		pub last_member_round: Option<RoundIndex>,
		pub slashes: BoundedVec<(SlashReason, RoundIndex), MaxSlashReasons>,
	}

	/// `Ledgers` with version 0 values.
	#[frame_support::storage_alias]
	pub type Ledgers<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		ProviderLedger<T>,
		OptionQuery,
	>;
}

/// The translation of version 0 to 1, without the version check: use
/// [`MigrateV0ToV1`].
pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut read, mut rewritten) = (0u64, 0u64);
		// Key by key rather than `translate`, which would delete a value
		// that does not decode as version 0 (and with it the record of
		// held stake); such a value is left as it is and logged.
		let keys: alloc::vec::Vec<T::AccountId> = v0::Ledgers::<T>::iter_keys().collect();
		for who in keys {
			read = read.saturating_add(1);
			let key = Ledgers::<T>::hashed_key_for(&who);
			let Some(raw) = frame_support::storage::unhashed::get_raw(&key) else { continue };
			match v0::ProviderLedger::<T>::decode_all(&mut &raw[..]) {
				Ok(old) => {
					Ledgers::<T>::insert(
						&who,
						ProviderLedger {
							active: old.active,
							unlocking: old.unlocking,
							locked_until: old.locked_until,
							chilled: old.chilled,
							reward_cursor: old.reward_cursor,
							last_member_round: old.last_member_round,
						},
					);
					rewritten = rewritten.saturating_add(1);
				},
				Err(_) => log::error!(
					target: LOG_TARGET,
					"v1: the ledger of {who:?} is not a version 0 ledger; left as it is"
				),
			}
		}
		let first = Pallet::<T>::first_offence_round(CurrentRound::<T>::get());
		OldestOffenceRound::<T>::put(first);
		log::info!(
			target: LOG_TARGET,
			"v1: {rewritten} of {read} ledgers rewritten, offences kept from round {first}"
		);
		T::DbWeight::get().reads_writes(read.saturating_add(1), rewritten.saturating_add(1))
	}

	/// Records every ledger's stake, for `post_upgrade` to compare.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let ledgers: Vec<(T::AccountId, BalanceOf<T>, u32, RoundIndex)> = v0::Ledgers::<T>::iter()
			.map(|(who, l)| (who, l.active, l.unlocking.len() as u32, l.locked_until))
			.collect();
		ensure!(
			ledgers.len() == Ledgers::<T>::iter_keys().count(),
			"a ledger does not decode as version 0"
		);
		Ok(ledgers.encode())
	}

	/// Every ledger is still there with the same stake and lock, and every
	/// stored ledger decodes whole as version 1.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before: Vec<(T::AccountId, BalanceOf<T>, u32, RoundIndex)> =
			Decode::decode(&mut &state[..]).map_err(|_| "pre_upgrade state does not decode")?;
		ensure!(before.len() == Ledgers::<T>::iter_keys().count(), "ledger count changed");
		for (who, active, chunks, locked_until) in before {
			let key = Ledgers::<T>::hashed_key_for(&who);
			let raw = frame_support::storage::unhashed::get_raw(&key).ok_or("ledger removed")?;
			let ledger = ProviderLedger::<T>::decode_all(&mut &raw[..])
				.map_err(|_| "ledger does not decode whole as version 1")?;
			ensure!(
				ledger.active == active
					&& ledger.unlocking.len() as u32 == chunks
					&& ledger.locked_until == locked_until,
				"ledger stake changed"
			);
		}
		ensure!(
			OldestOffenceRound::<T>::get()
				== Pallet::<T>::first_offence_round(CurrentRound::<T>::get()),
			"offence cursor not set"
		);
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
