//! The pallet's invariants, checked by `try_state` and after every unit test.

use super::*;
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::fungible::InspectHold};
use market_primitives::sampling::{self, StakeTree};
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - the stake held for each provider equals its ledger's active plus
	///   unlocking stake, and every staking hold has a ledger;
	/// - each stored snapshot's total equals the sum of its members'
	///   stakes and the tree's root, each member's slot is indexed back,
	///   and the tree agrees with the slot weights;
	/// - no chilled provider has stake in the next snapshot while it is
	///   open (a closed one is frozen);
	/// - the current round has its seed, no round after it has one, and
	///   no snapshot exists beyond the next round;
	/// - no snapshot holds more than `MaxProvidersPerRound` slots;
	/// - offence records only for rounds from the pruning cursor to the
	///   current one, the cursor never past the oldest acceptable round.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let reason: T::RuntimeHoldReason = HoldReason::Staking.into();
		let current = CurrentRound::<T>::get();
		let next = current.saturating_add(1);
		for (who, ledger) in Ledgers::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&reason, &who) == ledger.total(),
				"held stake differs from the ledger"
			);
			if ledger.chilled && Self::snapshot_open(next) {
				ensure!(Self::stake_in(&who, next).is_zero(), "chilled provider in next snapshot");
			}
		}
		ensure!(RoundSeeds::<T>::contains_key(current), "current round without a seed");
		ensure!(
			RoundSeeds::<T>::iter_keys().all(|round| round <= current),
			"seed of a round not started"
		);
		ensure!(
			Snapshots::<T>::iter()
				.all(|(round, info)| round <= next && info.len <= T::MaxProvidersPerRound::get()),
			"snapshot beyond the next round or above its bound"
		);
		for (round, info) in Snapshots::<T>::iter() {
			let mut weights = Vec::new();
			for slot in 1..=info.len {
				let (who, w) = SnapshotMembers::<T>::get(round, slot).ok_or("missing slot")?;
				ensure!(ProviderSlots::<T>::get(round, &who) == Some(slot), "slot not indexed");
				weights.push(w);
			}
			ensure!(
				SnapshotMembers::<T>::iter_prefix(round).count() == info.len as usize,
				"stray snapshot members"
			);
			let sum = weights.iter().fold(BalanceOf::<T>::zero(), |a, w| a.saturating_add(*w));
			ensure!(sum == info.total, "snapshot total differs from its members");
			let tree = StorageTree::<T> { round, capacity: info.capacity, _t: PhantomData };
			let total: BalanceOf<T> = tree.total().unique_saturated_into();
			ensure!(total == info.total, "snapshot tree root differs from total");
			for (i, w) in weights.iter().enumerate() {
				let slot = (i as u32).saturating_add(1);
				let from_tree: BalanceOf<T> =
					sampling::slot_weight(&tree, slot).unique_saturated_into();
				ensure!(from_tree == *w, "snapshot tree differs from slot weight");
			}
		}
		let oldest = OldestOffenceRound::<T>::get();
		ensure!(oldest <= Self::first_offence_round(current), "offence cursor ahead");
		ensure!(
			SlashedOffences::<T>::iter_keys()
				.all(|(round, _, _)| round >= oldest && round <= current),
			"offence record outside the kept rounds"
		);
		Ok(())
	}
}
