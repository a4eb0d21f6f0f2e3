//! A sender's funds as redemptions take from them: the deposit, and the
//! recipient's share of the reserve at a shortfall ([`SenderFunds`]).

use super::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

/// A sender's funds as a redemption sees them: loaded once, taken from
/// in memory, settled with one transfer per hold.
///
/// Only the deposit hold is read upfront. The ledger, the round, the
/// recipient's provider status, the reserve hold and the round's draw
/// records are read at the first shortfall, so a redemption paid from
/// the deposit reads none of them.
pub(crate) struct SenderFunds<T: Config> {
	deposit_left: BalanceOf<T>,
	/// The recipient's share of the reserve, once a shortfall needed it.
	reserve: Option<ReserveShare<T>>,
	from_deposit: BalanceOf<T>,
	from_reserve: BalanceOf<T>,
}

/// What a recipient may draw from a sender's reserve in a round.
pub(crate) struct ReserveShare<T: Config> {
	round: RoundIndex,
	/// What the recipient may still draw this round.
	share_left: BalanceOf<T>,
	/// `Some(base)` if this is the round's first overdraft: the base is
	/// stored and the ledger marked on settlement.
	new_base: Option<BalanceOf<T>>,
	drawn_before: BalanceOf<T>,
}

impl<T: Config> ReserveShare<T> {
	/// Reads `recipient`'s share of `sender`'s reserve in the current
	/// round: nothing if it is not an active provider of the round or
	/// the reserve was forfeited by an overdraft of an earlier round;
	/// else its stake's part of the reserve at the round's first
	/// overdraft, less what it drew since.
	fn load(
		sender: &T::AccountId,
		recipient: &T::AccountId,
		ledger: &SenderLedger<BlockNumberFor<T>>,
	) -> Self {
		let round = T::Registry::current_round();
		let mut share =
			Self { round, share_left: Zero::zero(), new_base: None, drawn_before: Zero::zero() };
		let forfeited = ledger.overdrawn_in.is_some_and(|r| r < round);
		let stake = T::Registry::stake_in_round(recipient, round);
		if forfeited || stake.is_zero() {
			return share;
		}
		let reserve = T::Currency::balance_on_hold(&HoldReason::Reserve.into(), sender);
		let base = match ReserveBase::<T>::get(round, sender) {
			Some(base) => base,
			None => {
				share.new_base = Some(reserve);
				reserve
			},
		};
		let cap = Pallet::<T>::share_of(base, stake, T::Registry::snapshot_total(round));
		let drawn = ReserveDrawn::<T>::get((round, sender, recipient));
		share.drawn_before = drawn;
		share.share_left = cap.saturating_sub(drawn).min(reserve);
		share
	}
}

impl<T: Config> SenderFunds<T> {
	/// Reads `sender`'s deposit (one read).
	pub(crate) fn load(sender: &T::AccountId) -> Self {
		Self {
			deposit_left: T::Currency::balance_on_hold(&HoldReason::Deposit.into(), sender),
			reserve: None,
			from_deposit: Zero::zero(),
			from_reserve: Zero::zero(),
		}
	}

	/// Whether the reserve share was read (a shortfall happened).
	pub(crate) fn touched_reserve(&self) -> bool {
		self.reserve.is_some()
	}

	/// Takes `face_value` (or, with `allow_partial`, as much of it as
	/// possible, but not nothing) for `recipient`: `(from_deposit,
	/// from_reserve)`. A shortfall of the deposit reads the sender's
	/// ledger (`NotFunded` without one) and the recipient's reserve
	/// share. Changes nothing on error.
	pub(crate) fn take(
		&mut self,
		sender: &T::AccountId,
		recipient: &T::AccountId,
		face_value: BalanceOf<T>,
		allow_partial: bool,
	) -> Result<(BalanceOf<T>, BalanceOf<T>), Error<T>> {
		let from_deposit = face_value.min(self.deposit_left);
		let shortfall = face_value.saturating_sub(from_deposit);
		let from_reserve = if shortfall.is_zero() {
			Zero::zero()
		} else {
			if self.reserve.is_none() {
				// A sender without a ledger holds nothing (`try_state`).
				let ledger = Senders::<T>::get(sender).ok_or(Error::<T>::NotFunded)?;
				self.reserve = Some(ReserveShare::load(sender, recipient, &ledger));
			}
			self.reserve.as_ref().map_or(Zero::zero(), |r| shortfall.min(r.share_left))
		};
		let total = from_deposit.saturating_add(from_reserve);
		if total.is_zero() || (total < face_value && !allow_partial) {
			return Err(Error::<T>::InsufficientFunds);
		}
		self.deposit_left = self.deposit_left.saturating_sub(from_deposit);
		if let Some(reserve) = self.reserve.as_mut() {
			reserve.share_left = reserve.share_left.saturating_sub(from_reserve);
		}
		self.from_deposit = self.from_deposit.saturating_add(from_deposit);
		self.from_reserve = self.from_reserve.saturating_add(from_reserve);
		Ok((from_deposit, from_reserve))
	}

	/// Moves what was taken to `recipient`: one transfer per hold, and
	/// the reserve draw records.
	pub(crate) fn settle(&self, sender: &T::AccountId, recipient: &T::AccountId) -> DispatchResult {
		for (reason, amount) in
			[(HoldReason::Deposit, self.from_deposit), (HoldReason::Reserve, self.from_reserve)]
		{
			if !amount.is_zero() {
				T::Currency::transfer_on_hold(
					&reason.into(),
					sender,
					recipient,
					amount,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?;
			}
		}
		if let Some(reserve) = self.reserve.as_ref().filter(|_| !self.from_reserve.is_zero()) {
			if let Some(base) = reserve.new_base {
				// The round's first overdraft: the base of its shares,
				// and the mark that forfeits the rest after the round.
				ReserveBase::<T>::insert(reserve.round, sender, base);
				Senders::<T>::mutate_extant(sender, |ledger| {
					ledger.overdrawn_in = Some(reserve.round)
				});
				Pallet::<T>::deposit_event(Event::Overdrawn {
					sender: sender.clone(),
					round: reserve.round,
					reserve: base,
				});
			}
			ReserveDrawn::<T>::insert(
				(reserve.round, sender, recipient),
				reserve.drawn_before.saturating_add(self.from_reserve),
			);
		}
		Ok(())
	}
}
