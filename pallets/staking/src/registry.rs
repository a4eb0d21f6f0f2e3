//! The [`ProviderRegistry`] and [`BlockEntropy`] implementations, and the
//! stake-weighted draws over a round's snapshot in storage.

use super::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use market_primitives::sampling::{self, StakeTree};
use sp_core::sr25519;
use sp_runtime::traits::{Convert, UniqueSaturatedInto, Zero};

/// Read access to a round's Fenwick tree in storage.
pub struct StorageTree<T> {
	pub(crate) round: RoundIndex,
	pub(crate) capacity: u32,
	pub(crate) _t: PhantomData<T>,
}

impl<T: Config> StakeTree for StorageTree<T> {
	fn capacity(&self) -> u32 {
		self.capacity
	}

	fn node(&self, index: u32) -> u128 {
		SnapshotTree::<T>::get(self.round, index).unique_saturated_into()
	}
}

impl<T: Config> Pallet<T> {
	/// Samples `n` distinct providers of `round` (see
	/// [`market_primitives::sampling`]).
	pub fn sample_round(round: RoundIndex, domain: &DomainTag, n: u32) -> Vec<T::AccountId> {
		let (Some(seed), Some(info)) = (RoundSeeds::<T>::get(round), Snapshots::<T>::get(round))
		else {
			return Vec::new();
		};
		let tree = StorageTree::<T> { round, capacity: info.capacity, _t: PhantomData };
		sampling::sample(&tree, &seed, domain, n)
			.into_iter()
			.filter_map(|slot| SnapshotMembers::<T>::get(round, slot).map(|(who, _)| who))
			.collect()
	}

	/// `n` seats drawn with replacement from `round`'s snapshot without
	/// `excluded` (see [`market_primitives::sampling::draw_seats`]): the
	/// distinct providers in order of first draw with their seats.
	pub fn seats_of_round(
		round: RoundIndex,
		domain: &DomainTag,
		n: u32,
		excluded: Option<&T::AccountId>,
	) -> Vec<(T::AccountId, u32)> {
		let (Some(seed), Some(info)) = (RoundSeeds::<T>::get(round), Snapshots::<T>::get(round))
		else {
			return Vec::new();
		};
		let tree = StorageTree::<T> { round, capacity: info.capacity, _t: PhantomData };
		let excluded_slot = excluded.and_then(|who| ProviderSlots::<T>::get(round, who));
		let seats = sampling::draw_seats(&tree, &seed, domain, n, excluded_slot);
		sampling::group_seats(&seats)
			.into_iter()
			.filter_map(|(slot, count)| {
				SnapshotMembers::<T>::get(round, slot).map(|(who, _)| (who, count))
			})
			.collect()
	}
}

impl<T: Config> ProviderRegistry<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn current_round() -> RoundIndex {
		CurrentRound::<T>::get()
	}

	fn max_report_age() -> RoundIndex {
		T::MaxReportAge::get()
	}

	fn round_history() -> RoundIndex {
		T::RoundHistory::get()
	}

	fn round_seed(round: RoundIndex) -> Option<[u8; 32]> {
		RoundSeeds::<T>::get(round)
	}

	fn active_stake(who: &T::AccountId) -> BalanceOf<T> {
		Ledgers::<T>::get(who).map(|l| l.active).unwrap_or_default()
	}

	fn is_active(who: &T::AccountId, round: RoundIndex) -> bool {
		!Self::stake_in(who, round).is_zero()
	}

	fn stake_in_round(who: &T::AccountId, round: RoundIndex) -> BalanceOf<T> {
		Self::stake_in(who, round)
	}

	fn snapshot_total(round: RoundIndex) -> BalanceOf<T> {
		Snapshots::<T>::get(round).map(|s| s.total).unwrap_or_default()
	}

	fn snapshot_len(round: RoundIndex) -> u32 {
		Snapshots::<T>::get(round).map(|s| s.len).unwrap_or_default()
	}

	fn operator_key(who: &T::AccountId) -> Option<sr25519::Public> {
		OperatorKeys::<T>::get(who)
	}

	fn provider_of_operator(key: &sr25519::Public) -> Option<T::AccountId> {
		OperatorOwners::<T>::get(T::OperatorAccount::convert(*key))
	}

	fn sample(round: RoundIndex, domain: &DomainTag, n: u32) -> Vec<T::AccountId> {
		Self::sample_round(round, domain, n)
	}

	fn draw_seats(
		round: RoundIndex,
		domain: &DomainTag,
		n: u32,
		excluded: Option<&T::AccountId>,
	) -> Vec<(T::AccountId, u32)> {
		Self::seats_of_round(round, domain, n, excluded)
	}

	fn locked_until(who: &T::AccountId) -> Option<RoundIndex> {
		Ledgers::<T>::get(who).map(|l| l.locked_until)
	}
}

impl<T: Config> BlockEntropy for Pallet<T> {
	fn accumulated() -> [u8; 32] {
		Entropy::<T>::get()
	}
}
