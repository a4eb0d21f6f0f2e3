//! The pallet's functions besides the calls: slot budgets and rounds,
//! settlements, revocation, moving the escrow and per-request payments.

use super::*;
use crate::types::{bit, count_bits};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{DepositConsequence, Fortitude, Precision, Provenance, Restriction},
	},
};
use sp_runtime::traits::{CheckedMul, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Budget of one slot under `price`; `None` on overflow.
	pub fn budget_of(price: &PriceModel<BalanceOf<T>>) -> Option<BalanceOf<T>> {
		match price {
			PriceModel::PerRound { price } => Some(*price),
			PriceModel::PerRequest { price, cap } => price.checked_mul(&(*cap).into()),
		}
	}

	/// Rounds before this one have settled at `current` (their report
	/// window closed): `r + MaxReportAge + 1 <= current`.
	pub fn settled_end(current: RoundIndex) -> RoundIndex {
		current.saturating_sub(T::MaxReportAge::get())
	}

	/// The first round whose snapshot is still kept at `current`.
	pub fn first_verifiable(current: RoundIndex) -> RoundIndex {
		current.saturating_add(1).saturating_sub(T::RoundHistory::get())
	}

	/// The first round at which a policy ending before `end` may be reaped.
	pub fn reapable_from(end: RoundIndex) -> RoundIndex {
		end.saturating_add(T::MaxReportAge::get()).saturating_add(T::ClaimWindowRounds::get())
	}

	/// Most rounds per provider still verifiable when a policy is reaped.
	pub fn reap_rounds() -> u32 {
		T::RoundHistory::get()
			.saturating_sub(T::MaxReportAge::get())
			.saturating_sub(T::ClaimWindowRounds::get())
			.saturating_sub(1)
			.min(T::MaxPolicyRounds::get())
	}

	/// Whether `who` earned round `round`.
	pub fn earned(who: &T::AccountId, round: RoundIndex) -> bool {
		T::Registry::is_active(who, round) && !T::UnavailabilityOracle::is_unavailable(who, round)
	}

	/// Weight of `create_policy` with `choice`.
	pub fn create_policy_weight(
		choice: &ProviderChoice<T::AccountId, T::MaxPolicyProviders>,
	) -> Weight {
		match choice {
			ProviderChoice::Explicit(list) => {
				T::WeightInfo::create_policy_explicit(list.len() as u32)
			},
			ProviderChoice::Sampled(n) => {
				T::WeightInfo::create_policy_sampled((*n).min(T::MaxPolicyProviders::get()))
			},
		}
	}

	/// Computes the settlement of provider `index` at `current`, without
	/// changing anything. When `last` (reap), every remaining slot is
	/// settled; otherwise only the settled rounds, at most
	/// `MaxClaimRounds` of them checked one by one.
	pub fn settlement(
		id: PolicyId,
		p: &Policy<T>,
		index: usize,
		current: RoundIndex,
		last: bool,
	) -> Result<Settlement<T::AccountId, BalanceOf<T>>, DispatchError> {
		let entry = p.providers.get(index).ok_or(Error::<T>::NotPolicyProvider)?;
		let budget = p.slot_budget().ok_or(Error::<T>::Overflow)?;
		let bitmap = if p.is_per_round() {
			BoundedVec::default()
		} else {
			RequestRounds::<T>::get(id, &entry.account)
		};
		let from = entry.next_round.max(p.start).min(p.end);
		let mut cursor = from;
		let mut pay = BalanceOf::<T>::zero();
		let mut refund = BalanceOf::<T>::zero();
		// Slots that can no longer be checked (or paid per request) are
		// refunded as a whole, except per-request slots already paid.
		let closed_end = if last && !p.is_per_round() {
			p.end
		} else {
			Self::first_verifiable(current).min(p.end)
		};
		if cursor < closed_end {
			let count = closed_end.saturating_sub(cursor);
			let paid = count_bits(
				&bitmap,
				cursor.saturating_sub(p.start),
				closed_end.saturating_sub(p.start),
			);
			refund = budget.saturating_mul(count.saturating_sub(paid).into());
			cursor = closed_end;
		}
		let mut checked = 0u32;
		if p.is_per_round() {
			let (stop, limit) = if last {
				(p.end, u32::MAX)
			} else {
				(Self::settled_end(current).min(p.end), T::MaxClaimRounds::get())
			};
			while cursor < stop && checked < limit {
				if Self::earned(&entry.account, cursor) {
					pay = pay.saturating_add(budget);
				} else {
					refund = refund.saturating_add(budget);
				}
				cursor = cursor.saturating_add(1);
				checked = checked.saturating_add(1);
			}
		}
		Ok(Settlement { provider: entry.account.clone(), pay, refund, from, to: cursor, checked })
	}

	/// What revoking `p` at round `current` would do, changing nothing:
	/// the new exclusive end (after the current round, or the start if
	/// the policy has not started) and the budget released at once.
	/// `AlreadyRevoked`, `PolicyEnded` or `Overflow` as
	/// [`Pallet::revoke_policy`] would refuse.
	pub fn revocation(
		p: &Policy<T>,
		current: RoundIndex,
	) -> Result<(RoundIndex, BalanceOf<T>), Error<T>> {
		ensure!(!p.revoked, Error::<T>::AlreadyRevoked);
		let new_end = current.saturating_add(1).max(p.start);
		ensure!(new_end < p.end, Error::<T>::PolicyEnded);
		// No cursor is past `new_end`: cursors only move over rounds
		// that are settled (hence before the current one), so the later
		// slots of every provider are all unsettled.
		let budget = p.slot_budget().ok_or(Error::<T>::Overflow)?;
		let slots = (p.providers.len() as u32).saturating_mul(p.end.saturating_sub(new_end));
		let refund = budget.saturating_mul(slots.into()).min(p.remaining());
		Ok((new_end, refund))
	}

	/// What [`Pallet::claim_fees`] (by provider `index`) or
	/// [`Pallet::refund_unearned`] (by the owner, for that provider)
	/// would move now, changing nothing: `(to the provider, to the
	/// owner, rounds settled)`, capped by what the policy holds. Reads
	/// at most `MaxClaimRounds` rounds of the registry: bounded work.
	/// `(0, 0, 0)` when nothing can be settled yet (the calls refuse
	/// with `NothingToSettle`).
	pub fn settlement_preview(
		id: PolicyId,
		p: &Policy<T>,
		index: usize,
	) -> Result<(BalanceOf<T>, BalanceOf<T>, RoundIndex), DispatchError> {
		let s = Self::settlement(id, p, index, T::Registry::current_round(), false)?;
		let (pay, refund) = s.capped(p.remaining());
		Ok((pay, refund, s.to.saturating_sub(s.from)))
	}

	/// Moves the funds of `s` and records it in `p` (not stored).
	pub(crate) fn apply(
		p: &mut Policy<T>,
		index: usize,
		s: &Settlement<T::AccountId, BalanceOf<T>>,
	) -> Result<(BalanceOf<T>, BalanceOf<T>), DispatchError> {
		// Never more than what is held for the policy.
		let (pay, refund) = s.capped(p.remaining());
		let paid = Self::pay(&p.owner, &s.provider, pay)?;
		p.paid = p.paid.saturating_add(paid);
		// A fee the provider's account cannot receive goes back to the
		// owner rather than blocking the settlement.
		let refund = refund.saturating_add(pay.saturating_sub(paid));
		Self::release(&p.owner, refund)?;
		p.refunded = p.refunded.saturating_add(refund);
		let entry = p.providers.get_mut(index).ok_or(Error::<T>::NotPolicyProvider)?;
		entry.next_round = s.to;
		Ok((paid, refund))
	}

	/// Settles provider `index` as far as possible now and stores the
	/// policy; returns the rounds checked.
	pub(crate) fn settle_and_store(
		id: PolicyId,
		p: &mut Policy<T>,
		index: usize,
		fees_event: bool,
	) -> Result<u32, DispatchError> {
		let current = T::Registry::current_round();
		let s = Self::settlement(id, p, index, current, false)?;
		ensure!(s.to > s.from, Error::<T>::NothingToSettle);
		let (paid, refunded) = Self::apply(p, index, &s)?;
		Policies::<T>::insert(id, &*p);
		if fees_event || !paid.is_zero() {
			Self::deposit_event(Event::FeesPaid {
				policy: id,
				provider: s.provider.clone(),
				from: s.from,
				to: s.to.saturating_sub(1),
				amount: paid,
			});
		}
		if !refunded.is_zero() {
			Self::deposit_event(Event::Refunded {
				policy: id,
				owner: p.owner.clone(),
				amount: refunded,
			});
		}
		Ok(s.checked)
	}

	/// Moves `amount` of `owner`'s escrow to `provider`'s free balance
	/// and returns it, or moves nothing and returns zero if the
	/// provider's account cannot receive it (a fee below the existential
	/// deposit owed to a reaped account): the caller refunds it, so such
	/// dust never blocks a settlement.
	fn pay(
		owner: &T::AccountId,
		provider: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		if amount.is_zero()
			|| T::Currency::can_deposit(provider, amount, Provenance::Extant)
				!= DepositConsequence::Success
		{
			return Ok(Zero::zero());
		}
		T::Currency::transfer_on_hold(
			&HoldReason::Escrow.into(),
			owner,
			provider,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		Ok(amount)
	}

	/// Releases `amount` of `owner`'s escrow.
	pub(crate) fn release(owner: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&HoldReason::Escrow.into(), owner, amount, Precision::Exact)?;
		Ok(())
	}

	/// Removes a policy and its indexes.
	pub(crate) fn remove_policy(id: PolicyId, p: &Policy<T>) {
		Policies::<T>::remove(id);
		OwnerPolicies::<T>::mutate_exists(&p.owner, |owned| {
			if let Some(list) = owned {
				list.retain(|x| *x != id);
				if list.is_empty() {
					*owned = None;
				}
			}
		});
		if !p.is_per_round() {
			for entry in p.providers.iter() {
				RequestRounds::<T>::remove(id, &entry.account);
			}
		}
	}

	/// The checks of [`PolicyEscrow::pay_for_requests`] for
	/// `(id, provider, round)` at `current`, changing nothing: the
	/// policy, its per-request price and cap, the provider's payment
	/// bitmap and the round's offset in it.
	#[allow(clippy::type_complexity)]
	fn request_slot(
		id: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		current: RoundIndex,
	) -> Result<(Policy<T>, BalanceOf<T>, u32, Vec<u8>, u32), DispatchError> {
		let p = Policies::<T>::get(id).ok_or(Error::<T>::UnknownPolicy)?;
		let PriceModel::PerRequest { price, cap } = p.price else {
			return Err(Error::<T>::NotPerRequestPolicy.into());
		};
		let index = p.provider_index(provider).ok_or(Error::<T>::NotPolicyProvider)?;
		ensure!(round >= p.start && round < p.end, Error::<T>::RoundNotInPolicy);
		ensure!(round < Self::settled_end(current), Error::<T>::RoundNotSettled);
		let next_round = p.providers.get(index).map(|e| e.next_round).unwrap_or(p.end);
		ensure!(
			round >= Self::first_verifiable(current) && round >= next_round,
			Error::<T>::RoundNotClaimable
		);
		let offset = round.saturating_sub(p.start);
		let bitmap = RequestRounds::<T>::get(id, provider).into_inner();
		ensure!(!bit(&bitmap, offset), Error::<T>::AlreadyPaid);
		ensure!(Self::earned(provider, round), Error::<T>::ProviderNotEligible);
		Ok((p, price, cap, bitmap, offset))
	}

	/// See [`PolicyEscrow::requests_payable_until`].
	pub fn do_requests_payable_until(
		id: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
	) -> Result<RoundIndex, DispatchError> {
		let current = T::Registry::current_round();
		let (p, ..) = Self::request_slot(id, provider, round, current)?;
		// Still verifiable until `round + RoundHistory - 1`.
		let verifiable = round.saturating_add(T::RoundHistory::get()).saturating_sub(1);
		// Reaping refunds the slot from `reapable_from(end)` on.
		let reap = Self::reapable_from(p.end).saturating_sub(1);
		// A revocation at round `c >= current` moves `end` to `c + 1`
		// (the round is settled, so before `c`), hence reaping to
		// `c + 1 + MaxReportAge + ClaimWindowRounds` at the earliest.
		let revoke = if p.revoked {
			RoundIndex::MAX
		} else {
			current
				.saturating_add(T::MaxReportAge::get())
				.saturating_add(T::ClaimWindowRounds::get())
		};
		Ok(verifiable.min(reap).min(revoke))
	}

	pub(crate) fn do_pay_for_requests(
		id: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		served: u32,
	) -> Result<BalanceOf<T>, DispatchError> {
		let current = T::Registry::current_round();
		let (mut p, price, cap, mut bitmap, offset) =
			Self::request_slot(id, provider, round, current)?;
		let budget = p.slot_budget().ok_or(Error::<T>::Overflow)?;
		let amount = price.saturating_mul(served.min(cap).into()).min(budget);
		let refund = budget.saturating_sub(amount);
		let byte = (offset / 8) as usize;
		if bitmap.len() <= byte {
			bitmap.resize(byte.saturating_add(1), 0);
		}
		if let Some(b) = bitmap.get_mut(byte) {
			*b |= 1u8 << (offset % 8);
		}
		let bitmap: BoundedVec<u8, RoundBitmapBytes<T>> =
			bitmap.try_into().map_err(|_| Error::<T>::Overflow)?;
		let (paid, refund) = with_storage_layer(|| {
			// The provider is bonded, so its account exists and `pay`
			// moves the whole amount; anything it could not is refunded.
			let paid = Self::pay(&p.owner, provider, amount)?;
			let refund = refund.saturating_add(amount.saturating_sub(paid));
			Self::release(&p.owner, refund)?;
			p.paid = p.paid.saturating_add(paid);
			p.refunded = p.refunded.saturating_add(refund);
			RequestRounds::<T>::insert(id, provider, bitmap);
			Policies::<T>::insert(id, &p);
			Ok::<_, DispatchError>((paid, refund))
		})?;
		Self::deposit_event(Event::RequestsPaid {
			policy: id,
			provider: provider.clone(),
			round,
			served,
			amount: paid,
		});
		if !refund.is_zero() {
			Self::deposit_event(Event::Refunded { policy: id, owner: p.owner, amount: refund });
		}
		Ok(paid)
	}
}
