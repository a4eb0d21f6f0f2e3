//! The pallet's helpers outside the calls: signing domain, rounds, seeds
//! and entropy, commits and snapshots, rewards and pruning.

use super::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		Randomness,
	},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::*;
use market_primitives::{
	domain::{SigningDomain, STAKING_PAYLOAD_VERSION, STAKING_TAG},
	sampling,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, UniqueSaturatedInto, Zero},
	Rounding,
};

impl<T: Config> Pallet<T> {
	/// The signing domain of the staking pallet's payloads on this chain.
	pub fn signing_domain() -> SigningDomain {
		let genesis_hash = market_primitives::domain::genesis_hash_bytes(
			&frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
		);
		SigningDomain::new(genesis_hash, STAKING_TAG, STAKING_PAYLOAD_VERSION)
	}

	/// Seed of round 0: no randomness exists at genesis, so it is fixed
	/// (and public); every later round gets a fresh one.
	pub fn genesis_seed() -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&(ROUND_SEED_SUBJECT, 0 as RoundIndex).encode())
	}

	/// The block `round` starts at: rounds start at every multiple of
	/// `RoundLength` (see `on_initialize`).
	pub fn round_start(round: RoundIndex) -> BlockNumberFor<T> {
		BlockNumberFor::<T>::from(round).saturating_mul(T::RoundLength::get())
	}

	/// The first round whose data is still part of the history at `current`.
	pub fn first_retained_round(current: RoundIndex) -> RoundIndex {
		current.saturating_add(1).saturating_sub(T::RoundHistory::get())
	}

	/// Folds the parent block's VRF output into [`Entropy`] (nothing
	/// but the block number when it has none).
	pub(crate) fn absorb_entropy(n: BlockNumberFor<T>) {
		let (vrf, _) = T::BlockRandomness::random(ENTROPY_SUBJECT);
		Entropy::<T>::mutate(|entropy| {
			*entropy = sp_crypto_hashing::blake2_256(&(*entropy, vrf, n).encode())
		});
	}

	/// The seed `round` gets from the entropy `entropy` accumulated up
	/// to its first block.
	pub fn seed_from(entropy: &[u8; 32], round: RoundIndex) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&(ROUND_SEED_SUBJECT, entropy, round).encode())
	}

	/// Whether `round`'s snapshot can still change: until `SeedBlocks`
	/// blocks before the round starts.
	pub fn snapshot_open(round: RoundIndex) -> bool {
		let closes = Self::round_start(round).saturating_sub(T::SeedBlocks::get());
		frame_system::Pallet::<T>::block_number() < closes
	}

	/// The first round whose snapshot is still open: the next one, or
	/// the one after it while the next one's seed is being drawn.
	pub fn first_open_round() -> Option<RoundIndex> {
		let next = CurrentRound::<T>::get().checked_add(1)?;
		if Self::snapshot_open(next) {
			Some(next)
		} else {
			next.checked_add(1)
		}
	}

	/// The checks of a commit by `caller`, changing nothing: its stash,
	/// ledger and the round committed to.
	pub(crate) fn check_commit(
		caller: &T::AccountId,
	) -> Result<(T::AccountId, ProviderLedger<T>, RoundIndex), DispatchError> {
		let stash = if Ledgers::<T>::contains_key(caller) {
			caller.clone()
		} else {
			OperatorOwners::<T>::get(caller).ok_or(Error::<T>::NotProvider)?
		};
		let ledger = Ledgers::<T>::get(&stash).ok_or(Error::<T>::NotProvider)?;
		let next = CurrentRound::<T>::get().checked_add(1).ok_or(Error::<T>::Overflow)?;
		ensure!(!ProviderSlots::<T>::contains_key(next, &stash), Error::<T>::AlreadyCommitted);
		ensure!(ledger.active >= T::MinStake::get(), Error::<T>::BelowMinStake);
		ensure!(ledger.locked_until >= next, Error::<T>::LockExpired);
		ensure!(Self::snapshot_open(next), Error::<T>::SnapshotClosed);
		Ok((stash, ledger, next))
	}

	/// Records `stash`'s commit to `next` in its ledger.
	pub(crate) fn record_commit(
		stash: T::AccountId,
		ledger: &mut ProviderLedger<T>,
		next: RoundIndex,
	) {
		ledger.chilled = false;
		ledger.last_member_round = Some(next);
		let stake = ledger.active;
		Ledgers::<T>::insert(&stash, &*ledger);
		Self::deposit_event(Event::Committed { provider: stash, round: next, stake });
	}

	/// Fixes `round`'s seed from the accumulated entropy and makes it
	/// current.
	pub(crate) fn start_round(round: RoundIndex) {
		let seed = Self::seed_from(&Entropy::<T>::get(), round);
		CurrentRound::<T>::put(round);
		RoundSeeds::<T>::insert(round, seed);
		let (providers, total_stake) =
			Snapshots::<T>::get(round).map(|s| (s.len, s.total)).unwrap_or_default();
		Self::deposit_event(Event::RoundStarted { round, seed, providers, total_stake });
	}

	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let reason = HoldReason::Staking.into();
		ensure!(T::Currency::can_hold(&reason, who, amount), Error::<T>::InsufficientBalance);
		T::Currency::hold(&reason, who, amount).map_err(|_| Error::<T>::InsufficientBalance)?;
		Ok(())
	}

	/// Appends `who` with `weight` to `round`'s snapshot; `O(log N)` writes.
	pub(crate) fn insert_member(
		round: RoundIndex,
		who: &T::AccountId,
		weight: BalanceOf<T>,
	) -> Result<u32, DispatchError> {
		let max = T::MaxProvidersPerRound::get();
		let mut info = Snapshots::<T>::get(round).unwrap_or(SnapshotInfo {
			len: 0,
			capacity: sampling::capacity_for(max),
			total: Zero::zero(),
		});
		ensure!(info.len < max.min(info.capacity), Error::<T>::RoundFull);
		let slot = info.len.checked_add(1).ok_or(Error::<T>::Overflow)?;
		for node in sampling::update_path(slot, info.capacity) {
			SnapshotTree::<T>::mutate(round, node, |v| *v = v.saturating_add(weight));
		}
		info.len = slot;
		info.total = info.total.saturating_add(weight);
		SnapshotMembers::<T>::insert(round, slot, (who.clone(), weight));
		ProviderSlots::<T>::insert(round, who, slot);
		Snapshots::<T>::insert(round, info);
		Ok(slot)
	}

	/// Sets `who`'s weight in `round`'s snapshot, if it is in it.
	pub(crate) fn set_member_weight(round: RoundIndex, who: &T::AccountId, weight: BalanceOf<T>) {
		let Some(slot) = ProviderSlots::<T>::get(round, who) else { return };
		let Some((account, old)) = SnapshotMembers::<T>::get(round, slot) else { return };
		let Some(mut info) = Snapshots::<T>::get(round) else { return };
		if old == weight {
			return;
		}
		let increase = weight > old;
		let delta = if increase { weight.saturating_sub(old) } else { old.saturating_sub(weight) };
		for node in sampling::update_path(slot, info.capacity) {
			SnapshotTree::<T>::mutate(round, node, |v| {
				*v = if increase { v.saturating_add(delta) } else { v.saturating_sub(delta) }
			});
		}
		info.total = if increase {
			info.total.saturating_add(delta)
		} else {
			info.total.saturating_sub(delta)
		};
		Snapshots::<T>::insert(round, info);
		SnapshotMembers::<T>::insert(round, slot, (account, weight));
	}

	/// The stake `ledger` is eligible with in `round`.
	fn eligible_stake(ledger: &ProviderLedger<T>, round: RoundIndex) -> BalanceOf<T> {
		if ledger.chilled || ledger.active < T::MinStake::get() || ledger.locked_until < round {
			Zero::zero()
		} else {
			ledger.active
		}
	}

	/// Brings `who`'s weight in the next snapshot in line with `ledger`,
	/// if that snapshot is still open (a closed one is frozen).
	pub(crate) fn refresh_pending(who: &T::AccountId, ledger: &ProviderLedger<T>) {
		let next = CurrentRound::<T>::get().saturating_add(1);
		if Self::snapshot_open(next) {
			Self::set_member_weight(next, who, Self::eligible_stake(ledger, next));
		}
	}

	/// The reward of `who` for `round`: its pro-rata share of
	/// `RewardPerRound`, or 0 if absent or proven unavailable.
	pub fn reward_of(who: &T::AccountId, round: RoundIndex) -> BalanceOf<T> {
		let stake = Self::stake_in(who, round);
		if stake.is_zero() || T::UnavailabilityOracle::is_unavailable(who, round) {
			return Zero::zero();
		}
		let total: u128 =
			Snapshots::<T>::get(round).map(|s| s.total).unwrap_or_default().unique_saturated_into();
		let stake: u128 = stake.unique_saturated_into();
		let reward: u128 = T::RewardPerRound::get().unique_saturated_into();
		multiply_by_rational_with_rounding(reward, stake, total, Rounding::Down)
			.unwrap_or_default()
			.unique_saturated_into()
	}

	/// What [`Pallet::claim_rewards`] would settle for `who`, whose
	/// ledger is `ledger`, at round `current`: up to `MaxClaimRounds`
	/// settled rounds from its first unclaimed round still in the history
	/// (older ones are forfeited). `NothingToClaim` if no such round.
	/// Reads at most `MaxClaimRounds` snapshots: bounded work.
	pub fn claimable_rewards(
		who: &T::AccountId,
		ledger: &ProviderLedger<T>,
		current: RoundIndex,
	) -> Result<RewardClaim<BalanceOf<T>>, Error<T>> {
		let last_settled = current
			.checked_sub(T::MaxReportAge::get().saturating_add(1))
			.ok_or(Error::<T>::NothingToClaim)?;
		let from = ledger.reward_cursor.max(Self::first_retained_round(current));
		ensure!(from <= last_settled, Error::<T>::NothingToClaim);
		let to = last_settled
			.min(from.saturating_add(T::MaxClaimRounds::get().max(1).saturating_sub(1)));
		let mut amount = BalanceOf::<T>::zero();
		let mut round = from;
		while round <= to {
			amount = amount.saturating_add(Self::reward_of(who, round));
			round = match round.checked_add(1) {
				Some(r) => r,
				None => break,
			};
		}
		Ok(RewardClaim { from, to, amount })
	}

	/// The rounds of the history at `current` (and the next round,
	/// whose snapshot is still open) whose snapshot `who` committed to,
	/// with its stake in each (0 if it left the snapshot before the
	/// round started). At most `RoundHistory + 1` rounds: bounded work.
	pub fn committed_rounds(
		who: &T::AccountId,
		current: RoundIndex,
	) -> Vec<(RoundIndex, BalanceOf<T>)> {
		let mut rounds = Vec::new();
		let mut round = Self::first_retained_round(current);
		let last = current.saturating_add(1);
		while round <= last {
			if let Some((_, stake)) = ProviderSlots::<T>::get(round, who)
				.and_then(|slot| SnapshotMembers::<T>::get(round, slot))
			{
				rounds.push((round, stake));
			}
			round = match round.checked_add(1) {
				Some(r) => r,
				None => break,
			};
		}
		rounds
	}

	/// `who`'s weight in `round`'s snapshot.
	pub fn stake_in(who: &T::AccountId, round: RoundIndex) -> BalanceOf<T> {
		ProviderSlots::<T>::get(round, who)
			.and_then(|slot| SnapshotMembers::<T>::get(round, slot))
			.map(|(_, w)| w)
			.unwrap_or_default()
	}

	/// Removes the data of rounds that left the history, as far as `meter`
	/// allows, key by key; [`PruneProgress`] keeps the position for the next
	/// block. Keys are enumerated from the snapshot header (slots `1..=len`,
	/// tree nodes `1..=len` and the update path of `len` above it, which
	/// holds every node written for the round), so no storage iteration
	/// and no key is visited twice.
	pub(crate) fn prune(meter: &mut WeightMeter) {
		let base = T::WeightInfo::prune_keys(0);
		let per_key = T::WeightInfo::prune_keys(1).saturating_sub(base);
		// The two reads deciding whether anything is due.
		if meter.try_consume(T::DbWeight::get().reads(2)).is_err() {
			return;
		}
		let current = CurrentRound::<T>::get();
		if OldestRound::<T>::get() >= Self::first_retained_round(current)
			|| meter.try_consume(base.saturating_add(per_key)).is_err()
		{
			return;
		}
		loop {
			let round = OldestRound::<T>::get();
			if round >= Self::first_retained_round(current) {
				return;
			}
			let (mut stage, mut index) = PruneProgress::<T>::get();
			if let Some(info) = Snapshots::<T>::get(round) {
				if stage == 0 {
					let mut slot = index.max(1);
					while slot <= info.len {
						if meter.try_consume(per_key.saturating_mul(2)).is_err() {
							PruneProgress::<T>::put((0, slot));
							return;
						}
						if let Some((who, _)) = SnapshotMembers::<T>::take(round, slot) {
							ProviderSlots::<T>::remove(round, who);
						}
						slot = match slot.checked_add(1) {
							Some(s) => s,
							None => break,
						};
					}
					(stage, index) = (1, 1);
				}
				if stage == 1 {
					let mut node = index.max(1);
					while node <= info.len {
						if meter.try_consume(per_key).is_err() {
							PruneProgress::<T>::put((1, node));
							return;
						}
						SnapshotTree::<T>::remove(round, node);
						node = match node.checked_add(1) {
							Some(n) => n,
							None => break,
						};
					}
					(stage, index) = (2, 0);
				}
				if stage == 2 {
					for node in sampling::update_path(info.len, info.capacity)
						.filter(|n| *n > info.len && *n >= index)
					{
						if meter.try_consume(per_key).is_err() {
							PruneProgress::<T>::put((2, node));
							return;
						}
						SnapshotTree::<T>::remove(round, node);
					}
				}
			}
			if meter.try_consume(per_key.saturating_mul(2)).is_err() {
				PruneProgress::<T>::put((3, 0));
				return;
			}
			Snapshots::<T>::remove(round);
			RoundSeeds::<T>::remove(round);
			PruneProgress::<T>::kill();
			OldestRound::<T>::put(round.saturating_add(1));
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Appends `count` members with `stake` each to `round`'s snapshot,
	/// up to `MaxProvidersPerRound`, storage only (they have no ledger):
	/// the other pallets' benchmarks draw over a full snapshot with it.
	///
	/// The result is what `count` calls of `insert_member` would store, but
	/// each tree node is written once instead of once per member below it
	/// (about 3 writes per member instead of 17 at 10,000 members): the
	/// benchmarks that need a full snapshot rebuild it for every repeat.
	pub fn benchmark_fill_snapshot(
		round: RoundIndex,
		count: u32,
		stake: BalanceOf<T>,
	) -> DispatchResult {
		let max = T::MaxProvidersPerRound::get();
		let mut info = Snapshots::<T>::get(round).unwrap_or(SnapshotInfo {
			len: 0,
			capacity: sampling::capacity_for(max),
			total: Zero::zero(),
		});
		let added = count.min(max.min(info.capacity).saturating_sub(info.len));
		let mut deltas = alloc::collections::BTreeMap::<u32, BalanceOf<T>>::new();
		for i in 0..added {
			let slot = info.len.saturating_add(i).saturating_add(1);
			let who: T::AccountId = frame_benchmarking::account("snapshot member", i, 0);
			for node in sampling::update_path(slot, info.capacity) {
				let delta = deltas.entry(node).or_insert_with(Zero::zero);
				*delta = delta.saturating_add(stake);
			}
			SnapshotMembers::<T>::insert(round, slot, (who.clone(), stake));
			ProviderSlots::<T>::insert(round, &who, slot);
			info.total = info.total.saturating_add(stake);
		}
		for (node, delta) in deltas {
			SnapshotTree::<T>::mutate(round, node, |v| *v = v.saturating_add(delta));
		}
		info.len = info.len.saturating_add(added);
		Snapshots::<T>::insert(round, info);
		Ok(())
	}
}
