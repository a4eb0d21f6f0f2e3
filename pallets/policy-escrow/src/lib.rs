//! # Policy escrow pallet
//!
//! A policy owner (the paper's Alice) creates a policy held by some
//! providers for a range of rounds and locks its whole maximal cost in
//! escrow: a fungible hold on the owner's balance ([`HoldReason::Escrow`]).
//! Fees move from that hold to the providers as they are earned, and what is
//! not earned goes back to the owner. This pallet never mints or burns.
//!
//! ## Policies
//!
//! [`Pallet::create_policy`] names the providers ([`ProviderChoice::Explicit`],
//! each with active stake and locked at least until the policy's last round)
//! or asks for `n` stake-weighted samples of the current round's snapshot
//! ([`ProviderChoice::Sampled`], through [`ProviderRegistry::sample`] with the
//! domain [`policy_sampling_domain`]`(policy id)`, so that clients can
//! recompute the draw). It sets the first round (not in the past), the number
//! of rounds (at most `MaxPolicyRounds`), the price model and the sr25519
//! keys allowed to sign requests under the policy.
//!
//! Every `(provider, round)` pair of a policy is a *slot* with a budget:
//! the round price ([`PriceModel::PerRound`]) or `cap * price`
//! ([`PriceModel::PerRequest`]). The maximal cost `budget * providers *
//! rounds` is held at creation. Each slot is settled exactly once: paid to
//! the provider, refunded to the owner, or (per request) split between them.
//!
//! ## Settlement delay and the claim window
//!
//! A proof of unavailability for round `r` can arrive until round
//! `r + MaxReportAge`, so slot `(p, r)` settles from round
//! `r + MaxReportAge + 1` on. Whether `p` earned `r` is read from the
//! staking snapshots, which are kept for `RoundHistory` rounds: `r` is
//! *verifiable* while `r >= current + 1 - RoundHistory`. A slot that is no
//! longer verifiable when it is settled is refunded to the owner: a provider
//! has `RoundHistory - MaxReportAge - 1` rounds to claim a settled round
//! (the same window as for its staking rewards), and nobody can prove any
//! more that it earned it.
//!
//! - Per round: provider `p` earns round `r` if it is in `r`'s snapshot with
//!   stake ([`ProviderRegistry::is_active`]) and not proven unavailable
//!   ([`UnavailabilityOracle::is_unavailable`]). [`Pallet::claim_fees`] (by
//!   the provider) and [`Pallet::refund_unearned`] (by the owner) settle the
//!   provider's slots from its cursor on: the rounds that are no longer
//!   verifiable at once (`O(1)`), then at most `MaxClaimRounds` settled
//!   rounds, paying the earned ones and refunding the others.
//! - Per request: the service-claims pallet pays through
//!   [`PolicyEscrow::pay_for_requests`], once per slot, `min(served, cap) *
//!   price`; the rest of that slot's budget is refunded at the same time.
//!   A slot can be paid from the round its report window closes until it is
//!   no longer verifiable or the policy is reaped; afterwards its budget is
//!   refunded (by `refund_unearned` or at reap).
//!
//! ## Revocation and expiry
//!
//! [`Pallet::revoke_policy`] ends a policy after the current round: the
//! rounds up to the current one stay the providers' to earn, the budget of
//! all later rounds is released at once. A policy whose last round is `l`
//! can be reaped by anyone from round `l + 1 + MaxReportAge +
//! ClaimWindowRounds` on ([`Pallet::reap_policy`]): the providers get what
//! they earned in the rounds still verifiable, the owner the rest, and the
//! storage is removed. Reaping is an extrinsic, so no hook ever accumulates
//! expired policies; its work is bounded by `MaxPolicyProviders` times the
//! rounds still verifiable at reap time, at most
//! `RoundHistory - MaxReportAge - ClaimWindowRounds - 1`.
//!
//! ## Invariant
//!
//! For every owner, the escrow held equals the sum, over its live policies,
//! of `max_cost - paid - refunded`, which equals the budget of the slots not
//! yet settled (checked by `do_try_state`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_escrow;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

pub use market_primitives::{
	escrow::{policy_sampling_domain, PolicyEscrow, PolicyId, PolicyTerms, PriceModel},
	staking::{ProviderRegistry, UnavailabilityOracle},
	RoundIndex,
};
pub use weights::WeightInfo;

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::policy-escrow";

/// Sets up providers in the registry for the benchmarks (the escrow cannot
/// create providers through [`ProviderRegistry`]).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a funded, bonded provider whose stake is locked until
	/// `locked_until` and who is in the snapshots of rounds `from..to`
	/// (`from >= 1`).
	fn make_provider(who: &AccountId, from: RoundIndex, to: RoundIndex, locked_until: RoundIndex);
	/// Makes `round` the registry's current round, with a seed.
	fn set_current_round(round: RoundIndex);
	/// Fills `round`'s snapshot up to its bound with members of negligible
	/// stake and no ledger, so that a draw descends a tree of full depth.
	fn fill_snapshot(round: RoundIndex);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::sr25519;
	use sp_runtime::traits::{CheckedMul, Saturating, Zero};

	pub use crate::types::*;

	/// The layout version of the pallet's storage (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A policy owner's escrowed fees.
		#[codec(index = 0)]
		Escrow,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency fees are held and paid in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The providers: rounds, snapshots, locks and sampling (the staking pallet).
		type Registry: ProviderRegistry<Self::AccountId, BalanceOf<Self>>;

		/// Tells whether a provider was proven unavailable for a round (the
		/// availability pallet; the same as the staking pallet's).
		type UnavailabilityOracle: UnavailabilityOracle<Self::AccountId>;

		/// Rounds after round `r` during which a proof of unavailability for
		/// `r` can arrive. Must equal the staking pallet's.
		#[pallet::constant]
		type MaxReportAge: Get<RoundIndex>;

		/// Rounds whose snapshots the registry keeps. Must not exceed the
		/// staking pallet's `RoundHistory` (older rounds are refunded) and
		/// must exceed `MaxReportAge + 1`.
		#[pallet::constant]
		type RoundHistory: Get<RoundIndex>;

		/// Rounds, after the last round of a policy settled, before it can
		/// be reaped: time for the providers to claim.
		#[pallet::constant]
		type ClaimWindowRounds: Get<RoundIndex>;

		/// Most rounds checked by one `claim_fees` or `refund_unearned` call.
		#[pallet::constant]
		type MaxClaimRounds: Get<u32>;

		/// Most providers of a policy.
		#[pallet::constant]
		type MaxPolicyProviders: Get<u32>;

		/// Most requester keys of a policy.
		#[pallet::constant]
		type MaxRequesterKeys: Get<u32>;

		/// Most rounds of a policy.
		#[pallet::constant]
		type MaxPolicyRounds: Get<u32>;

		/// Most live policies per owner.
		#[pallet::constant]
		type MaxPoliciesPerOwner: Get<u32>;

		/// Weights of the pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up providers in the registry for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Id of the next policy.
	#[pallet::storage]
	pub type NextPolicyId<T> = StorageValue<_, PolicyId, ValueQuery>;

	/// Live policies (created and not reaped).
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Twox64Concat, PolicyId, Policy<T>, OptionQuery>;

	/// Live policies of each owner.
	#[pallet::storage]
	pub type OwnerPolicies<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PolicyId, T::MaxPoliciesPerOwner>,
		ValueQuery,
	>;

	/// Per-request policies: for each provider, the rounds already paid
	/// through [`PolicyEscrow::pay_for_requests`], one bit per round from the
	/// policy's start (grown as needed).
	#[pallet::storage]
	pub type RequestRounds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PolicyId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<u8, RoundBitmapBytes<T>>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A policy was created and `max_cost` held from its owner.
		PolicyCreated {
			policy: PolicyId,
			owner: T::AccountId,
			providers: BoundedVec<T::AccountId, T::MaxPolicyProviders>,
			start: RoundIndex,
			end: RoundIndex,
			price: PriceModel<BalanceOf<T>>,
			max_cost: BalanceOf<T>,
		},
		/// Per-round fees of rounds `from..=to` settled for a provider;
		/// `amount` was paid to it.
		FeesPaid {
			policy: PolicyId,
			provider: T::AccountId,
			from: RoundIndex,
			to: RoundIndex,
			amount: BalanceOf<T>,
		},
		/// A provider was paid for `served` requests (`amount`, capped) of a round.
		RequestsPaid {
			policy: PolicyId,
			provider: T::AccountId,
			round: RoundIndex,
			served: u32,
			amount: BalanceOf<T>,
		},
		/// Unearned fees were released to the owner.
		Refunded { policy: PolicyId, owner: T::AccountId, amount: BalanceOf<T> },
		/// The owner ended the policy; it now ends before `end`, the budget of
		/// the later rounds (`refunded`) was released.
		PolicyRevoked { policy: PolicyId, end: RoundIndex, refunded: BalanceOf<T> },
		/// An expired policy was settled (`paid` to providers, `refunded` to
		/// the owner) and removed.
		PolicyReaped { policy: PolicyId, paid: BalanceOf<T>, refunded: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The number of rounds is zero.
		ZeroRounds,
		/// More rounds than `MaxPolicyRounds`.
		TooManyRounds,
		/// The start round is before the current round.
		StartInPast,
		/// No provider named or sampled.
		NoProviders,
		/// More providers than `MaxPolicyProviders`.
		TooManyProviders,
		/// A provider is named twice.
		DuplicateProvider,
		/// A named provider has no active stake.
		ProviderNotActive,
		/// A named provider's lock ends before the policy's last round.
		ProviderLockTooShort,
		/// The sample has fewer eligible providers than asked for.
		NotEnoughProviders,
		/// No requester key given.
		NoRequesterKeys,
		/// A requester key is given twice.
		DuplicateRequesterKey,
		/// The price (or the per-request cap) is zero.
		ZeroPrice,
		/// A round or cost computation overflowed (e.g. too large a price).
		Overflow,
		/// The owner cannot hold the policy's maximal cost.
		InsufficientBalance,
		/// The owner has `MaxPoliciesPerOwner` live policies.
		TooManyPolicies,
		/// No live policy with this id.
		UnknownPolicy,
		/// Only the policy's owner may do this.
		NotOwner,
		/// The account is not a provider of the policy.
		NotPolicyProvider,
		/// No slot of the provider can be settled yet.
		NothingToSettle,
		/// The policy is paid per request, not per round.
		NotPerRoundPolicy,
		/// The policy is paid per round, not per request.
		NotPerRequestPolicy,
		/// The policy was already revoked.
		AlreadyRevoked,
		/// The policy has no round left after the current one.
		PolicyEnded,
		/// The policy's claim window is still open.
		NotExpired,
		/// The round is not one of the policy's rounds.
		RoundNotInPolicy,
		/// The round's report window has not closed yet.
		RoundNotSettled,
		/// The round can no longer be paid (no longer verifiable or settled).
		RoundNotClaimable,
		/// The provider's requests of this round were already paid.
		AlreadyPaid,
		/// The provider was not in the round's snapshot or was proven unavailable.
		ProviderNotEligible,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::RoundHistory::get() > T::MaxReportAge::get().saturating_add(1),
				"RoundHistory must exceed MaxReportAge + 1"
			);
			assert!(T::MaxClaimRounds::get() > 0, "MaxClaimRounds must be positive");
			assert!(T::MaxPolicyProviders::get() > 0, "MaxPolicyProviders must be positive");
			assert!(T::MaxPolicyRounds::get() > 0, "MaxPolicyRounds must be positive");
			assert!(T::MaxRequesterKeys::get() > 0, "MaxRequesterKeys must be positive");
			assert!(T::MaxPoliciesPerOwner::get() > 0, "MaxPoliciesPerOwner must be positive");
			// Settlement waits for the registry's report window and pays only
			// rounds whose snapshots the registry still keeps.
			assert_eq!(
				T::MaxReportAge::get(),
				T::Registry::max_report_age(),
				"MaxReportAge must be the registry's"
			);
			assert_eq!(
				T::RoundHistory::get(),
				T::Registry::round_history(),
				"RoundHistory must be the registry's"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a policy of `rounds` rounds from `start` held by
		/// `providers`, paid with `price`, usable by `requesters`, and holds
		/// its maximal cost from the caller.
		///
		/// Origin: the owner. Errors: `ZeroRounds`, `TooManyRounds`,
		/// `StartInPast`, `NoRequesterKeys`, `DuplicateRequesterKey`,
		/// `ZeroPrice`, `TooManyPolicies`, `NoProviders`, `TooManyProviders`,
		/// `DuplicateProvider`, `ProviderNotActive`, `ProviderLockTooShort`,
		/// `NotEnoughProviders`, `Overflow`, `InsufficientBalance`.
		/// Event: `PolicyCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::create_policy_weight(providers))]
		pub fn create_policy(
			origin: OriginFor<T>,
			providers: ProviderChoice<T::AccountId, T::MaxPolicyProviders>,
			start: RoundIndex,
			rounds: RoundIndex,
			price: PriceModel<BalanceOf<T>>,
			requesters: BoundedVec<sr25519::Public, T::MaxRequesterKeys>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			ensure!(rounds > 0, Error::<T>::ZeroRounds);
			ensure!(rounds <= T::MaxPolicyRounds::get(), Error::<T>::TooManyRounds);
			let current = T::Registry::current_round();
			ensure!(start >= current, Error::<T>::StartInPast);
			let end = start.checked_add(rounds).ok_or(Error::<T>::Overflow)?;
			let last = end.saturating_sub(1);
			ensure!(!requesters.is_empty(), Error::<T>::NoRequesterKeys);
			for (i, key) in requesters.iter().enumerate() {
				let later = requesters.iter().skip(i.saturating_add(1));
				ensure!(later.into_iter().all(|k| k != key), Error::<T>::DuplicateRequesterKey);
			}
			let is_zero = match price {
				PriceModel::PerRound { price } => price.is_zero(),
				PriceModel::PerRequest { price, cap } => price.is_zero() || cap == 0,
			};
			ensure!(!is_zero, Error::<T>::ZeroPrice);
			let budget = Self::budget_of(&price).ok_or(Error::<T>::Overflow)?;
			let mut owned = OwnerPolicies::<T>::get(&owner);
			ensure!(
				(owned.len() as u32) < T::MaxPoliciesPerOwner::get(),
				Error::<T>::TooManyPolicies
			);
			let id = NextPolicyId::<T>::get();
			let next_id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;

			// The cost is known before any provider is looked up or drawn,
			// so an owner who cannot pay is refused before the sampling work.
			let count = match &providers {
				ProviderChoice::Explicit(list) => list.len() as u32,
				ProviderChoice::Sampled(n) => *n,
			};
			let max_cost = budget
				.checked_mul(&count.into())
				.and_then(|c| c.checked_mul(&rounds.into()))
				.ok_or(Error::<T>::Overflow)?;
			let reason = HoldReason::Escrow.into();
			ensure!(
				T::Currency::can_hold(&reason, &owner, max_cost),
				Error::<T>::InsufficientBalance
			);

			let chosen: Vec<T::AccountId> = match providers {
				ProviderChoice::Explicit(list) => {
					ensure!(!list.is_empty(), Error::<T>::NoProviders);
					for (i, who) in list.iter().enumerate() {
						let later = list.iter().skip(i.saturating_add(1));
						ensure!(later.into_iter().all(|w| w != who), Error::<T>::DuplicateProvider);
						ensure!(
							!T::Registry::active_stake(who).is_zero(),
							Error::<T>::ProviderNotActive
						);
						ensure!(
							T::Registry::locked_until(who).is_some_and(|l| l >= last),
							Error::<T>::ProviderLockTooShort
						);
					}
					list.into_inner()
				},
				ProviderChoice::Sampled(n) => {
					ensure!(n > 0, Error::<T>::NoProviders);
					ensure!(n <= T::MaxPolicyProviders::get(), Error::<T>::TooManyProviders);
					let drawn = T::Registry::sample(current, &policy_sampling_domain(id), n);
					// Sampled providers are in the current snapshot; they
					// must also stay bonded for the whole policy.
					let eligible: Vec<T::AccountId> = drawn
						.into_iter()
						.filter(|who| T::Registry::locked_until(who).is_some_and(|l| l >= last))
						.collect();
					ensure!(eligible.len() as u32 >= n, Error::<T>::NotEnoughProviders);
					eligible
				},
			};
			let accounts: BoundedVec<T::AccountId, T::MaxPolicyProviders> =
				chosen.try_into().map_err(|_| Error::<T>::TooManyProviders)?;
			let entries: BoundedVec<PolicyProvider<T::AccountId>, T::MaxPolicyProviders> = accounts
				.iter()
				.map(|account| PolicyProvider { account: account.clone(), next_round: start })
				.collect::<Vec<_>>()
				.try_into()
				.map_err(|_| Error::<T>::TooManyProviders)?;
			owned.try_push(id).map_err(|_| Error::<T>::TooManyPolicies)?;

			T::Currency::hold(&reason, &owner, max_cost)
				.map_err(|_| Error::<T>::InsufficientBalance)?;

			Policies::<T>::insert(
				id,
				Policy::<T> {
					owner: owner.clone(),
					providers: entries,
					requesters,
					start,
					end,
					price,
					max_cost,
					paid: Zero::zero(),
					refunded: Zero::zero(),
					revoked: false,
				},
			);
			OwnerPolicies::<T>::insert(&owner, owned);
			NextPolicyId::<T>::put(next_id);
			Self::deposit_event(Event::PolicyCreated {
				policy: id,
				owner,
				providers: accounts,
				start,
				end,
				price,
				max_cost,
			});
			Ok(())
		}

		/// Settles the caller's slots of a per-round policy: the rounds no
		/// longer verifiable are refunded to the owner, then up to
		/// `MaxClaimRounds` settled rounds are paid to the caller if earned,
		/// refunded otherwise.
		///
		/// Origin: a provider of the policy. Errors: `UnknownPolicy`,
		/// `NotPerRoundPolicy`, `NotPolicyProvider`, `NothingToSettle`.
		/// Events: `FeesPaid`, `Refunded` (if anything was refunded).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_fees(T::MaxClaimRounds::get()))]
		pub fn claim_fees(origin: OriginFor<T>, policy: PolicyId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut p = Policies::<T>::get(policy).ok_or(Error::<T>::UnknownPolicy)?;
			ensure!(p.is_per_round(), Error::<T>::NotPerRoundPolicy);
			let index = p.provider_index(&who).ok_or(Error::<T>::NotPolicyProvider)?;
			let checked = Self::settle_and_store(policy, &mut p, index, true)?;
			Ok(Some(T::WeightInfo::claim_fees(checked)).into())
		}

		/// Settles `provider`'s slots of the policy as `claim_fees` does (for
		/// a per-request policy: refunds the unpaid budget of the rounds that
		/// can no longer be paid). Earned fees go to the provider, the rest
		/// to the owner.
		///
		/// Origin: the owner. Errors: `UnknownPolicy`, `NotOwner`,
		/// `NotPolicyProvider`, `NothingToSettle`. Events: `FeesPaid` (per
		/// round, if anything was paid), `Refunded`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::refund_unearned(T::MaxClaimRounds::get()))]
		pub fn refund_unearned(
			origin: OriginFor<T>,
			policy: PolicyId,
			provider: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut p = Policies::<T>::get(policy).ok_or(Error::<T>::UnknownPolicy)?;
			ensure!(p.owner == who, Error::<T>::NotOwner);
			let index = p.provider_index(&provider).ok_or(Error::<T>::NotPolicyProvider)?;
			let always_event = p.is_per_round();
			let checked = Self::settle_and_store(policy, &mut p, index, always_event)?;
			Ok(Some(T::WeightInfo::refund_unearned(checked)).into())
		}

		/// Ends the policy after the current round (or before its start if it
		/// has not started): the earlier rounds stay the providers' to earn,
		/// the budget of the later ones is released to the owner at once. A
		/// policy with nothing left to settle is removed.
		///
		/// Origin: the owner. Errors: `UnknownPolicy`, `NotOwner`,
		/// `AlreadyRevoked`, `PolicyEnded`. Events: `PolicyRevoked`, `Refunded`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke_policy())]
		pub fn revoke_policy(origin: OriginFor<T>, policy: PolicyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut p = Policies::<T>::get(policy).ok_or(Error::<T>::UnknownPolicy)?;
			ensure!(p.owner == who, Error::<T>::NotOwner);
			let (new_end, refund) = Self::revocation(&p, T::Registry::current_round())?;
			Self::release(&p.owner, refund)?;
			p.refunded = p.refunded.saturating_add(refund);
			p.end = new_end;
			p.revoked = true;
			if p.remaining().is_zero() {
				Self::remove_policy(policy, &p);
			} else {
				Policies::<T>::insert(policy, &p);
			}
			Self::deposit_event(Event::PolicyRevoked { policy, end: new_end, refunded: refund });
			if !refund.is_zero() {
				Self::deposit_event(Event::Refunded { policy, owner: p.owner, amount: refund });
			}
			Ok(())
		}

		/// Settles every slot of an expired policy (its last round settled
		/// `ClaimWindowRounds` rounds ago): earned and still verifiable
		/// per-round fees go to the providers, everything else to the owner;
		/// the policy's storage is removed.
		///
		/// Origin: any signed account. Errors: `UnknownPolicy`, `NotExpired`.
		/// Events: `FeesPaid` (per-round policies, per provider with rounds
		/// left to settle), `Refunded` (if anything was refunded), `PolicyReaped`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reap_policy(
			T::MaxPolicyProviders::get(),
			Pallet::<T>::reap_rounds(),
		))]
		pub fn reap_policy(origin: OriginFor<T>, policy: PolicyId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let mut p = Policies::<T>::get(policy).ok_or(Error::<T>::UnknownPolicy)?;
			let current = T::Registry::current_round();
			ensure!(current >= Self::reapable_from(p.end), Error::<T>::NotExpired);
			let (paid_before, refunded_before) = (p.paid, p.refunded);
			let mut checked = 0u32;
			for index in 0..p.providers.len() {
				let s = Self::settlement(policy, &p, index, current, true)?;
				checked = checked.max(s.checked);
				let (paid, _) = Self::apply(&mut p, index, &s)?;
				if p.is_per_round() && s.to > s.from {
					Self::deposit_event(Event::FeesPaid {
						policy,
						provider: s.provider.clone(),
						from: s.from,
						to: s.to.saturating_sub(1),
						amount: paid,
					});
				}
			}
			// Every slot is settled now, so nothing should be left; release
			// any remainder rather than leaving it held forever.
			let rest = p.remaining();
			if !rest.is_zero() {
				log::error!(target: LOG_TARGET, "policy {} left {:?} after reap", policy, rest);
				Self::release(&p.owner, rest)?;
				p.refunded = p.refunded.saturating_add(rest);
			}
			let paid = p.paid.saturating_sub(paid_before);
			let refunded = p.refunded.saturating_sub(refunded_before);
			Self::remove_policy(policy, &p);
			if !refunded.is_zero() {
				Self::deposit_event(Event::Refunded {
					policy,
					owner: p.owner.clone(),
					amount: refunded,
				});
			}
			Self::deposit_event(Event::PolicyReaped { policy, paid, refunded });
			let providers = p.providers.len() as u32;
			Ok(Some(T::WeightInfo::reap_policy(providers, checked)).into())
		}
	}
}
