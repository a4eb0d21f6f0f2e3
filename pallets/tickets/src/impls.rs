//! The pallet's functions besides the calls: ticket checks, reads for the
//! runtime API, the reserve's forfeiture and the pruning of records.

use super::*;
use crate::funds::SenderFunds;
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Fortitude, Precision},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use market_primitives::tickets::signing_domain;
use sp_core::sr25519;
use sp_runtime::{
	traits::{Bounded, One, Saturating, UniqueSaturatedInto, Verify, Zero},
	MultiSignature,
};

impl<T: Config> Pallet<T> {
	/// The signing domain of tickets on this chain.
	pub fn signing_domain() -> SigningDomain {
		let genesis_hash = market_primitives::domain::genesis_hash_bytes(
			&frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
		);
		signing_domain(genesis_hash)
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Whether `ledger`'s deposit is frozen now (proven double signing).
	pub fn is_frozen(ledger: &SenderLedger<BlockNumberFor<T>>) -> bool {
		ledger.frozen_until.is_some_and(|until| Self::now() < until)
	}

	/// Whether [`Pallet::withdraw`] would release `ledger`'s funds now:
	/// `Ok` with the block its unlock ended at, or the refusal
	/// (`NotUnlocking`, `UnlockPeriodNotOver`, `Frozen`, `Overdrawn`).
	pub fn check_withdrawable(
		ledger: &SenderLedger<BlockNumberFor<T>>,
	) -> Result<BlockNumberFor<T>, Error<T>> {
		let unlock_at = ledger.unlock_at.ok_or(Error::<T>::NotUnlocking)?;
		ensure!(Self::now() >= unlock_at, Error::<T>::UnlockPeriodNotOver);
		ensure!(!Self::is_frozen(ledger), Error::<T>::Frozen);
		ensure!(
			ledger.overdrawn_in.is_none_or(|r| r < T::Registry::current_round()),
			Error::<T>::Overdrawn
		);
		Ok(unlock_at)
	}

	/// Whether the ticket with hash `ticket_hash` (blake2-256 of its
	/// SCALE encoding) and `expiry` was redeemed: the record redemption
	/// checks and writes. Records are pruned once `expiry` has passed,
	/// when such a ticket is refused as `Expired` anyway.
	pub fn is_ticket_used(ticket_hash: &[u8; 32], expiry: BlockNumberFor<T>) -> bool {
		UsedTickets::<T>::contains_key(expiry, ticket_hash)
	}

	/// Whether `ticket`, whose hash is `ticket_hash`, was redeemed: its
	/// record, or during the transition from storage version 0 the
	/// version 0 record of its sender and index.
	pub(crate) fn is_redeemed(ticket: &TicketOf<T>, ticket_hash: &[u8; 32]) -> bool {
		Self::is_ticket_used(ticket_hash, ticket.expiry)
			|| crate::migrations::v1::redeemed_under_v0::<T>(ticket)
	}

	/// A recipient's cap on a reserve whose base is `base`: the part
	/// its `stake` is of the round's `total` stake (rounded down).
	/// Shares follow stake, so a sender's own provider identities draw
	/// no more per unit of stake than honest ones, however split.
	pub fn share_of(base: BalanceOf<T>, stake: BalanceOf<T>, total: BalanceOf<T>) -> BalanceOf<T> {
		if total.is_zero() {
			return Zero::zero();
		}
		let (base, stake, total): (u128, u128, u128) = (
			base.unique_saturated_into(),
			stake.unique_saturated_into(),
			total.unique_saturated_into(),
		);
		sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			base,
			stake.min(total),
			total,
			sp_runtime::Rounding::Down,
		)
		.unwrap_or_default()
		.unique_saturated_into()
	}

	/// Burns what is left of `sender`'s reserve if it was overdrawn in a
	/// round before the current one, and clears the mark in `ledger`
	/// (the caller stores the ledger). Returns the amount burned.
	pub(crate) fn forfeit_if_over(
		sender: &T::AccountId,
		ledger: &mut SenderLedger<BlockNumberFor<T>>,
	) -> BalanceOf<T> {
		let Some(round) = ledger.overdrawn_in else { return Zero::zero() };
		if round >= T::Registry::current_round() {
			return Zero::zero();
		}
		ledger.overdrawn_in = None;
		let reason: T::RuntimeHoldReason = HoldReason::Reserve.into();
		let rest = T::Currency::balance_on_hold(&reason, sender);
		let burned = if rest.is_zero() {
			rest
		} else {
			// Exactly the amount on hold: cannot fail.
			T::Currency::burn_held(&reason, sender, rest, Precision::BestEffort, Fortitude::Force)
				.unwrap_or_default()
		};
		Self::deposit_event(Event::ReserveForfeited { sender: sender.clone(), round, burned });
		burned
	}

	/// The most `recipient` could be paid now by one of `sender`'s
	/// tickets: `(from the deposit, from its share of the reserve)`,
	/// taken exactly as a redemption with `allow_partial` would take an
	/// unbounded face value (the deposit, then what is left of the
	/// recipient's share of the reserve in the current round).
	/// `NotFunded` without a ledger, `SelfPayment` if both are the same.
	pub fn max_payable(
		sender: &T::AccountId,
		recipient: &T::AccountId,
	) -> Result<(BalanceOf<T>, BalanceOf<T>), Error<T>> {
		ensure!(sender != recipient, Error::<T>::SelfPayment);
		ensure!(Senders::<T>::contains_key(sender), Error::<T>::NotFunded);
		let mut funds = SenderFunds::<T>::load(sender);
		match funds.take(sender, recipient, BalanceOf::<T>::max_value(), true) {
			Ok(taken) => Ok(taken),
			// Neither the deposit nor the share can pay anything.
			Err(Error::<T>::InsufficientFunds) => Ok((Zero::zero(), Zero::zero())),
			Err(other) => Err(other),
		}
	}

	/// Checks `parameters` against the rules of [`Parameters`], in the
	/// order of the errors.
	pub fn check_parameters(parameters: &ParametersOf<T>) -> Result<(), Error<T>> {
		let Parameters { max_ticket_validity, unlock_period, reporter_share: _ } = *parameters;
		ensure!(!max_ticket_validity.is_zero(), Error::<T>::ZeroTicketValidity);
		ensure!(
			max_ticket_validity <= T::MaxTicketValidity::get(),
			Error::<T>::TicketValidityAboveBound
		);
		ensure!(unlock_period > max_ticket_validity, Error::<T>::UnlockPeriodTooShort);
		Ok(())
	}

	/// The cheap, stateless checks of a ticket redeemed by `recipient`
	/// at `now` under the `validity` in force: domain, expiry,
	/// recipient, no self payment, a face value.
	pub(crate) fn check_fields(
		recipient: &T::AccountId,
		ticket: &TicketOf<T>,
		now: BlockNumberFor<T>,
		validity: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(ticket.domain == Self::signing_domain(), Error::<T>::WrongDomain);
		ensure!(ticket.expiry > now, Error::<T>::Expired);
		ensure!(ticket.expiry <= now.saturating_add(validity), Error::<T>::ExpiryTooFar);
		ensure!(&ticket.recipient == recipient, Error::<T>::NotRecipient);
		ensure!(ticket.sender != ticket.recipient, Error::<T>::SelfPayment);
		ensure!(!ticket.face_value.is_zero(), Error::<T>::ZeroFaceValue);
		Ok(())
	}

	/// The sender's signature of `ticket` (a host-function check, much
	/// cheaper than the VRF); returns the ticket hash.
	pub(crate) fn check_sender_signature(
		ticket: &TicketOf<T>,
		signature: &MultiSignature,
	) -> Result<[u8; 32], DispatchError> {
		let (encoded, ticket_hash) = Self::encode_ticket(ticket);
		Self::check_encoded_signature(ticket, &encoded, signature)?;
		Ok(ticket_hash)
	}

	/// A ticket's SCALE encoding (what the sender signs) and its hash (its
	/// identity in [`UsedTickets`]), computed once per redemption.
	pub(crate) fn encode_ticket(ticket: &TicketOf<T>) -> (Vec<u8>, [u8; 32]) {
		let encoded = ticket.encode();
		let ticket_hash = sp_io::hashing::blake2_256(&encoded);
		(encoded, ticket_hash)
	}

	/// The sender's signature over `encoded`, the ticket's encoding.
	pub(crate) fn check_encoded_signature(
		ticket: &TicketOf<T>,
		encoded: &[u8],
		signature: &MultiSignature,
	) -> DispatchResult {
		ensure!(signature.verify(encoded, &ticket.sender), Error::<T>::BadSenderSignature);
		Ok(())
	}

	/// The weight of a batch of `n` tickets whose funds come from
	/// `senders` distinct senders, the VRF proofs checked together:
	/// charged upfront with the batch's distinct senders, and again
	/// after dispatch with the senders whose funds were read.
	pub fn batch_weight(n: u32, senders: u32) -> Weight {
		T::WeightInfo::redeem_winning_tickets_one_sender(n)
			.saturating_add(T::WeightInfo::redeem_winning_tickets_distinct_senders(senders))
			.saturating_sub(T::WeightInfo::redeem_winning_tickets_one_sender(senders))
	}

	/// The number of distinct senders in a batch.
	pub fn distinct_senders(batch: &[RedeemItem<T>]) -> u32 {
		let senders: BTreeSet<&T::AccountId> = batch.iter().map(|i| &i.ticket.sender).collect();
		senders.len() as u32
	}

	/// The VRF key of a recipient: its account's sr25519 key.
	pub(crate) fn vrf_key(recipient: &T::AccountId) -> sr25519::Public {
		sr25519::Public::from_raw(*recipient.as_ref())
	}

	/// Removes used-ticket records of expiry blocks `<= now` from the
	/// cursor, at most `limit` keys (an empty block counts as one).
	pub(crate) fn prune_used_tickets(now: BlockNumberFor<T>, limit: u32) -> Weight {
		let mut cursor = PruneCursor::<T>::get();
		let start = cursor;
		let mut budget = limit;
		let mut removed = 0u32;
		let mut steps = 0u32;
		while cursor <= now && budget > 0 {
			steps = steps.saturating_add(1);
			// Punished double signs of the expiry go with its used
			// tickets (one key of the budget each).
			let mut records = UsedTickets::<T>::drain_prefix(cursor)
				.map(|_| ())
				.chain(DoubleSigned::<T>::drain_prefix((cursor,)).map(|_| ()));
			let mut finished = false;
			// An empty block costs one unit of the budget.
			budget = budget.saturating_sub(1);
			loop {
				if records.next().is_none() {
					finished = true;
					break;
				}
				removed = removed.saturating_add(1);
				if budget == 0 {
					break;
				}
				budget = budget.saturating_sub(1);
			}
			if !finished {
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		if cursor != start {
			PruneCursor::<T>::put(cursor);
		}
		T::WeightInfo::on_initialize_prune(removed)
			.saturating_add(T::DbWeight::get().reads(steps.into()))
	}

	/// Removes reserve bases and draws of rounds before the current one,
	/// as far as `meter` allows.
	pub(crate) fn prune_reserve_draws(meter: &mut frame_support::weights::WeightMeter) {
		let db = T::DbWeight::get();
		if meter.try_consume(db.reads(2)).is_err() {
			return;
		}
		let current = T::Registry::current_round();
		loop {
			let round = OldestReserveRound::<T>::get();
			if round >= current {
				return;
			}
			// Each base is an overdraft of `round`: what is left of the
			// sender's reserve is forfeited (ledger, hold, account).
			let mut bases = ReserveBase::<T>::drain_prefix(round);
			loop {
				if meter.try_consume(db.reads_writes(4, 4)).is_err() {
					return;
				}
				let Some((sender, _)) = bases.next() else { break };
				Senders::<T>::mutate_extant(&sender, |ledger| {
					if ledger.overdrawn_in == Some(round) {
						Self::forfeit_if_over(&sender, ledger);
					}
				});
			}
			let mut draws = ReserveDrawn::<T>::drain_prefix((round,));
			loop {
				if meter.try_consume(db.reads_writes(1, 1)).is_err() {
					return;
				}
				if draws.next().is_none() {
					break;
				}
			}
			if meter.try_consume(db.writes(1)).is_err() {
				return;
			}
			OldestReserveRound::<T>::put(round.saturating_add(1));
		}
	}
}
