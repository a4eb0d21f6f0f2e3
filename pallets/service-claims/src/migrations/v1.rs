//! Version 0 → 1: commitments over request records are withdrawn.
//!
//! The bytes of [`Commitments`] are the same in both versions, but what a
//! version 0 root commits to is not: its leaves are request records signed
//! with payload version 1, while version 1 opens only receipts that name
//! the provider (payload version 2). A pending version 0 commitment can
//! therefore never be opened, and at its deadline `expire_claim` would
//! slash its honest provider for `FailedClaimOpening`.
//!
//! The migration removes every pending commitment whose openings have not
//! failed, releasing its challenge seed reference, so its provider is not
//! slashed and may commit again for the round (with receipts) while the
//! claim window is open. Nothing is paid or held by a commitment, so no
//! balance changes. A commitment whose opening already failed under
//! version 0 stays: its provider was caught then and is slashed at its
//! deadline, as version 0 would have done.

use crate::{Commitments, Config, Pallet, LOG_TARGET};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

#[cfg(feature = "try-runtime")]
use crate::ChallengeSeeds;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
#[cfg(feature = "try-runtime")]
use frame_support::ensure;

/// The withdrawal of version 0 commitments, without the version check: use
/// [`MigrateV0ToV1`].
pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut read: u64 = 0;
		let mut withdrawn: u64 = 0;
		// Collected first: removing while iterating the map is unspecified.
		let pending: alloc::vec::Vec<_> = Commitments::<T>::iter()
			.inspect(|_| read = read.saturating_add(1))
			.filter(|(_, commitment)| !commitment.failed)
			.collect();
		for (key, commitment) in pending {
			Pallet::<T>::remove_commitment(&key, &commitment);
			withdrawn = withdrawn.saturating_add(1);
		}
		log::info!(
			target: LOG_TARGET,
			"v1: {withdrawn} of {read} pending commitments over request records withdrawn"
		);
		// Each withdrawal writes the commitment and reads and writes its seed.
		T::DbWeight::get().reads_writes(read.saturating_add(withdrawn), withdrawn.saturating_mul(2))
	}

	/// Records the failed commitments, which must stay.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let failed: Vec<_> = Commitments::<T>::iter()
			.filter(|(_, c)| c.failed)
			.map(|(key, c)| (key, c.seed_block))
			.collect();
		Ok(failed.encode())
	}

	/// Only the failed commitments are left, each with its seed.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		type Kept<T> = Vec<(
			(market_primitives::escrow::PolicyId, <T as frame_system::Config>::AccountId, u32),
			frame_system::pallet_prelude::BlockNumberFor<T>,
		)>;
		let failed: Kept<T> =
			Decode::decode(&mut &state[..]).map_err(|_| "pre_upgrade state does not decode")?;
		ensure!(Commitments::<T>::iter().all(|(_, c)| c.failed), "a pending commitment is left");
		ensure!(Commitments::<T>::iter_keys().count() == failed.len(), "a failed one was removed");
		for (_, seed_block) in failed {
			ensure!(ChallengeSeeds::<T>::contains_key(seed_block), "seed of a failed one removed");
		}
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
