//! The pallet's invariants ([`Pallet::do_try_state`]), checked by
//! `try-runtime` and after every unit test.

use super::*;
use crate::types::count_bits;
use frame_support::{pallet_prelude::*, traits::fungible::InspectHold};
use sp_runtime::traits::{Saturating, Zero};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - money conservation: for each owner, the escrow held equals the
	///   sum over its live policies of `max_cost - paid - refunded`;
	/// - for each policy, that remainder equals the budget of its
	///   unsettled slots, computed from the providers' cursors (and the
	///   per-request bitmaps), and `paid + refunded <= max_cost`;
	/// - the owner index lists exactly the live policies, ids are below
	///   `NextPolicyId`, bitmaps belong to live per-request policies.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let reason: T::RuntimeHoldReason = HoldReason::Escrow.into();
		let next = NextPolicyId::<T>::get();
		let mut live = 0usize;
		for (id, p) in Policies::<T>::iter() {
			live = live.saturating_add(1);
			ensure!(id < next, "policy id not below NextPolicyId");
			ensure!(
				p.paid.checked_add(&p.refunded).is_some_and(|s| s <= p.max_cost),
				"policy paid and refunded more than its cost"
			);
			ensure!(!p.providers.is_empty(), "policy without providers");
			ensure!(p.start <= p.end, "policy ends before it starts");
			ensure!(OwnerPolicies::<T>::get(&p.owner).contains(&id), "policy not indexed");
			let budget = p.slot_budget().ok_or("budget overflows")?;
			let mut unsettled = BalanceOf::<T>::zero();
			for entry in p.providers.iter() {
				ensure!(
					entry.next_round >= p.start && entry.next_round <= p.end,
					"cursor outside the policy"
				);
				let bitmap = RequestRounds::<T>::get(id, &entry.account);
				let paid = count_bits(
					&bitmap,
					entry.next_round.saturating_sub(p.start),
					p.end.saturating_sub(p.start),
				);
				let slots = p.end.saturating_sub(entry.next_round).saturating_sub(paid);
				unsettled = unsettled.saturating_add(budget.saturating_mul(slots.into()));
			}
			ensure!(unsettled == p.remaining(), "held remainder differs from unsettled slots");
		}
		let mut indexed = 0usize;
		for (owner, ids) in OwnerPolicies::<T>::iter() {
			ensure!(!ids.is_empty(), "empty owner index");
			let mut held = BalanceOf::<T>::zero();
			for id in ids.iter() {
				let p = Policies::<T>::get(id).ok_or("indexed policy missing")?;
				ensure!(p.owner == owner, "policy indexed under another owner");
				held = held.saturating_add(p.remaining());
			}
			indexed = indexed.saturating_add(ids.len());
			ensure!(
				T::Currency::balance_on_hold(&reason, &owner) == held,
				"escrow held differs from the owner's live policies"
			);
		}
		ensure!(indexed == live, "owner index differs from the live policies");
		for (id, who, _) in RequestRounds::<T>::iter() {
			let p = Policies::<T>::get(id).ok_or("bitmap of a removed policy")?;
			ensure!(!p.is_per_round(), "bitmap of a per-round policy");
			ensure!(p.provider_index(&who).is_some(), "bitmap of a non-provider");
		}
		Ok(())
	}
}
