//! [`PolicyEscrow`] for the pallet: what the service-claims pallet reads and
//! pays through.

use super::*;
use frame_support::pallet_prelude::*;

impl<T: Config> PolicyEscrow<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn policy_terms(policy: PolicyId) -> Option<PolicyTerms<T::AccountId, BalanceOf<T>>> {
		Policies::<T>::get(policy).map(|p| PolicyTerms {
			owner: p.owner,
			providers: p.providers.into_iter().map(|e| e.account).collect(),
			requesters: p.requesters.into_inner(),
			start: p.start,
			end: p.end,
			price: p.price,
		})
	}

	fn pay_for_requests(
		policy: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		served: u32,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::do_pay_for_requests(policy, provider, round, served)
	}

	fn pay_for_requests_weight() -> Weight {
		T::WeightInfo::pay_for_requests()
	}

	fn requests_payable_until(
		policy: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
	) -> Result<RoundIndex, DispatchError> {
		Self::do_requests_payable_until(policy, provider, round)
	}
}
