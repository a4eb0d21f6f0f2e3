//! The pallet's invariants ([`Pallet::do_try_state`]), checked by
//! `try-runtime` and after every unit test.

use super::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::{pallet_prelude::*, traits::fungible::InspectHold};
use sp_runtime::traits::{One, Saturating, Zero};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - the stored [`Parameters`] pass [`Pallet::check_parameters`];
	/// - the [`ExpiryHorizon`] and every freeze end at most
	///   `MaxTicketValidity` (the `Config` bound) blocks ahead;
	/// - the held amounts are the senders' ledgers of money (no amount is
	///   stored twice): every account of the system holding a deposit or
	///   a reserve has a [`Senders`] ledger ([`Self::check_holds_of`]),
	///   without which it could never withdraw;
	/// - an unlock's end depends on the `unlock_period`
	///   when it started, which Root may have changed since, so it has
	///   no bound to check;
	/// - used-ticket records only for expiry blocks at or after the
	///   pruning cursor and at most `MaxTicketValidity` ahead, the cursor
	///   never past `now + 1`, and the same for punished double signs;
	/// - a sender marked overdrawn has the base of its overdraft's round;
	/// - reserve draws only for rounds from the pruning cursor to the
	///   current one, each sender's draws in a round within its base and
	///   each draw within the recipient's stake share of it.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::check_parameters(&Params::<T>::get()).map_err(|e| -> &'static str { e.into() })?;
		let now = Self::now();
		ensure!(
			ExpiryHorizon::<T>::get() <= now.saturating_add(T::MaxTicketValidity::get()),
			"expiry horizon too late"
		);
		for who in frame_system::Account::<T>::iter_keys() {
			Self::check_holds_of(&who)?;
		}
		for (sender, ledger) in Senders::<T>::iter() {
			if let Some(round) = ledger.overdrawn_in {
				ensure!(
					round <= T::Registry::current_round()
						&& ReserveBase::<T>::contains_key(round, &sender),
					"overdraft without its round's base"
				);
			}
			if let Some(until) = ledger.frozen_until {
				ensure!(
					until <= now.saturating_add(T::MaxTicketValidity::get()),
					"freeze ends too late"
				);
			}
		}
		let cursor = PruneCursor::<T>::get();
		ensure!(cursor <= now.saturating_add(One::one()), "prune cursor ahead of now");
		let horizon = now.saturating_add(T::MaxTicketValidity::get());
		for (expiry, _, ()) in UsedTickets::<T>::iter() {
			ensure!(expiry >= cursor, "used ticket below the prune cursor");
			ensure!(expiry <= horizon, "used ticket expires too late");
		}
		if let Some(until) = V0RecordsUntil::<T>::get() {
			ensure!(until <= horizon, "version 0 records kept too long");
		}
		for ((expiry, _, _), ()) in DoubleSigned::<T>::iter() {
			ensure!(expiry >= cursor, "double sign record below the prune cursor");
			ensure!(expiry <= horizon, "double sign record expires too late");
		}
		let current = T::Registry::current_round();
		let oldest = OldestReserveRound::<T>::get();
		let mut sums: BTreeMap<(RoundIndex, T::AccountId), BalanceOf<T>> = BTreeMap::new();
		for ((round, sender, recipient), drawn) in ReserveDrawn::<T>::iter() {
			ensure!(round >= oldest && round <= current, "reserve draw outside rounds");
			let base = ReserveBase::<T>::get(round, &sender).ok_or("draw without base")?;
			let share = Self::share_of(
				base,
				T::Registry::stake_in_round(&recipient, round),
				T::Registry::snapshot_total(round),
			);
			ensure!(drawn <= share, "draw above the share");
			let sum = sums.entry((round, sender)).or_default();
			*sum = sum.saturating_add(drawn);
		}
		for ((round, sender), sum) in sums {
			let base = ReserveBase::<T>::get(round, &sender).unwrap_or_default();
			ensure!(sum <= base, "draws above the base");
		}
		Ok(())
	}

	/// Checks that `who`'s holds are backed by a ledger: an account
	/// holding a deposit or reserve without one could never withdraw.
	pub fn check_holds_of(who: &T::AccountId) -> Result<(), sp_runtime::TryRuntimeError> {
		let held = T::Currency::balance_on_hold(&HoldReason::Deposit.into(), who)
			.saturating_add(T::Currency::balance_on_hold(&HoldReason::Reserve.into(), who));
		ensure!(held.is_zero() || Senders::<T>::contains_key(who), "hold without a ledger");
		Ok(())
	}
}
