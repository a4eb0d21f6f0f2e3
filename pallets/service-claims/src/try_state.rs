//! The pallet's invariants, checked by `try_state` and in the unit tests.

use super::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - the stored [`Parameters`] pass [`Pallet::check_parameters`];
	/// - at most one outcome per `(policy, provider, round)` (the storage
	///   key) and never both an outcome and a pending commitment;
	/// - every pending commitment's window `committed_at + 1 ..=
	///   open_until` is not empty, `committed_at` is not in the future,
	///   its round had settled when it was made and is still in the
	///   history at the deadline, and its challenge count is within
	///   `1..=ChallengeCount` (the values it was made with, which Root
	///   may have changed since);
	/// - every commitment's seed slot exists and each slot's count
	///   equals the commitments using it;
	/// - outcomes only for rounds not older than the pruning cursor, and
	///   the cursor never passes the history.
	///
	/// Commitments past their deadline may remain until someone calls
	/// `expire_claim` (an extrinsic, so nothing expires on its own).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::check_parameters(&Params::<T>::get()).map_err(|e| -> &'static str { e.into() })?;
		let current = T::Registry::current_round();
		let mut refs: alloc::collections::BTreeMap<Vec<u8>, u32> = Default::default();
		for ((policy, provider, round), c) in Commitments::<T>::iter() {
			ensure!(
				!Claims::<T>::contains_key((round, policy, &provider)),
				"closed claim with a pending commitment"
			);
			ensure!(c.committed_at <= current, "commitment made in the future");
			ensure!(c.open_until > c.committed_at, "commitment with an empty window");
			ensure!(
				c.open_until < round.saturating_add(T::RoundHistory::get()),
				"commitment deadline after its round leaves the history"
			);
			ensure!(
				round.saturating_add(T::MaxReportAge::get()) < c.committed_at,
				"commitment for a round not settled"
			);
			ensure!(
				c.challenge_count > 0 && c.challenge_count <= T::ChallengeCount::get(),
				"commitment challenge count outside its bounds"
			);
			ensure!(c.served > 0, "commitment of zero requests");
			ensure!(
				ChallengeSeeds::<T>::contains_key(c.seed_block),
				"commitment without a seed slot"
			);
			let r = refs.entry(c.seed_block.encode()).or_default();
			*r = r.saturating_add(1);
		}
		for (block, slot) in ChallengeSeeds::<T>::iter() {
			ensure!(
				refs.remove(&block.encode()) == Some(slot.refs),
				"seed slot count differs from its commitments"
			);
		}
		ensure!(refs.is_empty(), "commitments of a missing seed slot");
		let oldest = OldestClaimRound::<T>::get();
		ensure!(oldest <= Self::first_kept_round(current), "pruning cursor ahead of history");
		for ((round, _, _), _) in Claims::<T>::iter() {
			ensure!(round >= oldest, "outcome older than the pruning cursor");
			ensure!(round < current, "outcome of a round not over");
		}
		Ok(())
	}
}
