//! Slashing: the [`Slashing`] implementation, one slash per [`Offence`],
//! and the pruning of the offence records.

use super::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Balanced, BalancedHold},
		Imbalance, OnUnbalanced,
	},
	weights::WeightMeter,
};
use sp_runtime::traits::{CheckedDiv, Convert, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The oldest offence round a slash is accepted for at `current`:
	/// `current - MaxOffenceAge`. Records of older offences are pruned.
	pub fn first_offence_round(current: RoundIndex) -> RoundIndex {
		current.saturating_sub(T::MaxOffenceAge::get())
	}

	/// Removes the records of offences too old to be slashed, as far as
	/// `meter` allows, key by key from [`OldestOffenceRound`].
	pub(crate) fn prune_offences(meter: &mut WeightMeter) {
		let db = T::DbWeight::get();
		if meter.try_consume(db.reads(2)).is_err() {
			return;
		}
		let first = Self::first_offence_round(CurrentRound::<T>::get());
		loop {
			let round = OldestOffenceRound::<T>::get();
			if round >= first {
				return;
			}
			let mut records = SlashedOffences::<T>::drain_prefix((round,));
			loop {
				if meter.try_consume(db.reads_writes(1, 1)).is_err() {
					return;
				}
				if records.next().is_none() {
					break;
				}
			}
			if meter.try_consume(db.writes(1)).is_err() {
				return;
			}
			OldestOffenceRound::<T>::put(round.saturating_add(1));
		}
	}
}

impl<T: Config> Slashing<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn slash(
		who: &T::AccountId,
		amount: BalanceOf<T>,
		offence: Offence,
		reporters: &[T::AccountId],
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut ledger = Ledgers::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		let current = CurrentRound::<T>::get();
		ensure!(offence.round <= current, Error::<T>::OffenceInFuture);
		ensure!(offence.round >= Self::first_offence_round(current), Error::<T>::OffenceTooOld);
		let key = (offence.round, who, (offence.reason, offence.subject));
		ensure!(!SlashedOffences::<T>::contains_key(&key), Error::<T>::AlreadySlashed);
		let target = amount.min(ledger.total());
		if target.is_zero() {
			// Nothing left to take, but the offence is still punished.
			SlashedOffences::<T>::insert(&key, target);
			return Ok(Zero::zero());
		}
		// Active stake first, then the chunks that unlock last.
		let from_active = target.min(ledger.active);
		ledger.active = ledger.active.saturating_sub(from_active);
		let mut rest = target.saturating_sub(from_active);
		for chunk in ledger.unlocking.iter_mut().rev() {
			let take = rest.min(chunk.value);
			chunk.value = chunk.value.saturating_sub(take);
			rest = rest.saturating_sub(take);
		}
		ledger.unlocking.retain(|c| !c.value.is_zero());

		let (credit, missing) = <T::Currency as BalancedHold<T::AccountId>>::slash(
			&HoldReason::Staking.into(),
			who,
			target,
		);
		if !missing.is_zero() {
			log::error!(target: LOG_TARGET, "held stake below ledger for {:?}", who);
		}
		let slashed = credit.peek();

		// Reporters' share, split evenly; what a reporter cannot receive
		// (e.g. below the existential deposit) goes to the destination.
		// The offender never reports itself: not from its stash, not from
		// its operator account (a second account of its own is a Sybil
		// no chain can tell apart, see docs/THREATS.md).
		let operator = OperatorKeys::<T>::get(who).map(T::OperatorAccount::convert);
		let reporters: Vec<&T::AccountId> = reporters
			.iter()
			.filter(|r| *r != who && Some(*r) != operator.as_ref())
			.take(T::MaxReporters::get() as usize)
			.collect();
		let mut paid = BalanceOf::<T>::zero();
		let (mut to_reporters, mut rest_credit) = if reporters.is_empty() {
			(CreditOf::<T>::zero(), credit)
		} else {
			credit.split(T::ReporterShare::get().mul_floor(slashed))
		};
		let count: BalanceOf<T> = (reporters.len() as u32).into();
		let each = to_reporters.peek().checked_div(&count).unwrap_or_default();
		for reporter in reporters {
			let (share, remaining) = to_reporters.split(each);
			to_reporters = remaining;
			let value = share.peek();
			match <T::Currency as Balanced<T::AccountId>>::resolve(reporter, share) {
				Ok(()) => paid = paid.saturating_add(value),
				Err(back) => rest_credit = rest_credit.merge(back),
			}
		}
		T::SlashDestination::on_unbalanced(rest_credit.merge(to_reporters));

		if ledger.active < T::MinStake::get() && !ledger.chilled {
			ledger.chilled = true;
			Self::deposit_event(Event::Chilled {
				provider: who.clone(),
				from_round: Self::first_open_round().unwrap_or(RoundIndex::MAX),
			});
		}
		Self::refresh_pending(who, &ledger);
		Ledgers::<T>::insert(who, ledger);
		SlashedOffences::<T>::insert(&key, slashed);
		Self::deposit_event(Event::Slashed {
			provider: who.clone(),
			offence,
			amount: slashed,
			reporters_paid: paid,
		});
		Ok(slashed)
	}

	fn slash_weight(reporters: u32) -> Weight {
		T::WeightInfo::slash(reporters.min(T::MaxReporters::get()))
	}

	fn max_offence_age() -> RoundIndex {
		T::MaxOffenceAge::get()
	}
}
