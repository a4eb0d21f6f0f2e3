//! Benchmarks of the policy escrow pallet (`frame_benchmarking::v2`), each
//! at its worst case. Providers are set up through `T::BenchmarkHelper`.

use super::*;
use crate::pallet::{BalanceOf, NextPolicyId, Pallet, Policies, ProviderChoice};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::sr25519;
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

/// Round of the sampling benchmark: one whose snapshot a runtime's genesis
/// providers (locked for fewer rounds than a longest policy) are not in.
const SAMPLE_ROUND: RoundIndex = 50;
/// Requests paid per provider per round in per-request policies.
const CAP: u32 = 10;

fn price<T: Config>() -> BalanceOf<T> {
	1_000u32.into()
}

/// A policy owner funded for the largest policy.
fn owner<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("owner", 0, SEED);
	let cost = price::<T>()
		.saturating_mul(CAP.into())
		.saturating_mul(T::MaxPolicyProviders::get().into())
		.saturating_mul(T::MaxPolicyRounds::get().into())
		.saturating_mul(2u32.into());
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_add(cost));
	who
}

/// `MaxRequesterKeys` distinct keys.
fn requesters<T: Config>() -> BoundedVec<sr25519::Public, T::MaxRequesterKeys> {
	let keys: Vec<sr25519::Public> = (0..T::MaxRequesterKeys::get())
		.map(|i| {
			let mut raw = [7u8; 32];
			raw[..4].copy_from_slice(&i.to_le_bytes());
			sr25519::Public::from_raw(raw)
		})
		.collect();
	keys.try_into().unwrap_or_default()
}

/// `count` providers in the snapshots of rounds `from..to`, locked long enough.
fn providers<T: Config>(count: u32, from: RoundIndex, to: RoundIndex) -> Vec<T::AccountId> {
	let lock = to.saturating_add(T::MaxPolicyRounds::get()).saturating_add(10);
	(0..count)
		.map(|i| {
			let who: T::AccountId = account("provider", i, SEED);
			T::BenchmarkHelper::make_provider(&who, from, to, lock);
			who
		})
		.collect()
}

fn create<T: Config>(
	owner: &T::AccountId,
	providers: Vec<T::AccountId>,
	start: RoundIndex,
	rounds: RoundIndex,
	price: PriceModel<BalanceOf<T>>,
) -> Result<PolicyId, BenchmarkError> {
	let id = NextPolicyId::<T>::get();
	let list: BoundedVec<T::AccountId, T::MaxPolicyProviders> =
		providers.try_into().map_err(|_| BenchmarkError::Stop("too many providers"))?;
	Pallet::<T>::create_policy(
		RawOrigin::Signed(owner.clone()).into(),
		ProviderChoice::Explicit(list),
		start,
		rounds,
		price,
		requesters::<T>(),
	)?;
	Ok(id)
}

fn cursor<T: Config>(id: PolicyId) -> RoundIndex {
	Policies::<T>::get(id)
		.and_then(|p| p.providers.first().map(|e| e.next_round))
		.unwrap_or_default()
}

/// A per-round policy from round 1 of `r` rounds held by one provider that
/// misses round 1 and serves the others, with all rounds settled.
fn settled_policy<T: Config>(
	r: u32,
) -> Result<(T::AccountId, T::AccountId, PolicyId), BenchmarkError> {
	T::BenchmarkHelper::set_current_round(1);
	let owner = owner::<T>();
	let provider = providers::<T>(1, 2, r.saturating_add(1));
	let who = provider.first().cloned().ok_or(BenchmarkError::Stop("no provider"))?;
	let id = create::<T>(&owner, provider, 1, r, PriceModel::PerRound { price: price::<T>() })?;
	T::BenchmarkHelper::set_current_round(
		r.saturating_add(1).saturating_add(T::MaxReportAge::get()),
	);
	Ok((owner, who, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_policy_explicit(p: Linear<1, { T::MaxPolicyProviders::get() }>) {
		T::BenchmarkHelper::set_current_round(1);
		let owner = owner::<T>();
		let list: BoundedVec<T::AccountId, T::MaxPolicyProviders> =
			providers::<T>(p, 1, 2).try_into().unwrap_or_default();
		let rounds = T::MaxPolicyRounds::get();
		let price = PriceModel::PerRequest { price: price::<T>(), cap: CAP };
		#[extrinsic_call]
		create_policy(
			RawOrigin::Signed(owner),
			ProviderChoice::Explicit(list),
			1,
			rounds,
			price,
			requesters::<T>(),
		);
		assert!(Policies::<T>::contains_key(0));
	}

	#[benchmark]
	fn create_policy_sampled(n: Linear<1, { T::MaxPolicyProviders::get() }>) {
		T::BenchmarkHelper::set_current_round(SAMPLE_ROUND);
		let owner = owner::<T>();
		providers::<T>(T::MaxPolicyProviders::get(), SAMPLE_ROUND, SAMPLE_ROUND + 1);
		T::BenchmarkHelper::fill_snapshot(SAMPLE_ROUND);
		let rounds = T::MaxPolicyRounds::get();
		let price = PriceModel::PerRound { price: price::<T>() };
		#[extrinsic_call]
		create_policy(
			RawOrigin::Signed(owner),
			ProviderChoice::Sampled(n),
			SAMPLE_ROUND,
			rounds,
			price,
			requesters::<T>(),
		);
		assert_eq!(Policies::<T>::get(0).map(|p| p.providers.len() as u32), Some(n));
	}

	#[benchmark]
	fn claim_fees(r: Linear<1, { T::MaxClaimRounds::get() }>) -> Result<(), BenchmarkError> {
		let (_, who, id) = settled_policy::<T>(r)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(cursor::<T>(id), r.saturating_add(1));
		Ok(())
	}

	#[benchmark]
	fn refund_unearned(r: Linear<1, { T::MaxClaimRounds::get() }>) -> Result<(), BenchmarkError> {
		let (owner, who, id) = settled_policy::<T>(r)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, who);
		assert_eq!(cursor::<T>(id), r.saturating_add(1));
		Ok(())
	}

	#[benchmark]
	fn revoke_policy() -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_current_round(1);
		let owner = owner::<T>();
		let list = providers::<T>(T::MaxPolicyProviders::get(), 1, 2);
		let rounds = T::MaxPolicyRounds::get();
		let id =
			create::<T>(&owner, list, 1, rounds, PriceModel::PerRound { price: price::<T>() })?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert_eq!(Policies::<T>::get(id).map(|p| p.end), Some(2));
		Ok(())
	}

	#[benchmark]
	fn reap_policy(
		p: Linear<1, { T::MaxPolicyProviders::get() }>,
		r: Linear<0, { Pallet::<T>::reap_rounds().max(1) }>,
	) -> Result<(), BenchmarkError> {
		// `reap_rounds` rounds, of which the last `r` are still verifiable
		// (each checked for each provider, all earned) at the reap.
		let max = Pallet::<T>::reap_rounds().max(1);
		let r = r.min(max);
		let start = T::RoundHistory::get().saturating_add(1);
		let end = start.saturating_add(max);
		T::BenchmarkHelper::set_current_round(start);
		let owner = owner::<T>();
		let list = providers::<T>(p, start, end);
		let id =
			create::<T>(&owner, list, start, max, PriceModel::PerRound { price: price::<T>() })?;
		let reap_at = Pallet::<T>::reapable_from(end).saturating_add(max.saturating_sub(r));
		T::BenchmarkHelper::set_current_round(reap_at);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Policies::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn pay_for_requests() -> Result<(), BenchmarkError> {
		// The last round of the longest policy: the largest bitmap.
		T::BenchmarkHelper::set_current_round(1);
		let owner = owner::<T>();
		let rounds = T::MaxPolicyRounds::get();
		let round = rounds;
		let list = providers::<T>(1, round, round.saturating_add(1));
		let who = list.first().cloned().ok_or(BenchmarkError::Stop("no provider"))?;
		let model = PriceModel::PerRequest { price: price::<T>(), cap: CAP };
		let id = create::<T>(&owner, list, 1, rounds, model)?;
		T::BenchmarkHelper::set_current_round(
			round.saturating_add(T::MaxReportAge::get()).saturating_add(1),
		);
		let paid;
		#[block]
		{
			paid = <Pallet<T> as PolicyEscrow<T::AccountId, BalanceOf<T>>>::pay_for_requests(
				id, &who, round, CAP,
			)?;
		}
		assert_eq!(paid, price::<T>().saturating_mul(CAP.into()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
