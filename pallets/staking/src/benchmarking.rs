//! Benchmarks of the staking pallet (`frame_benchmarking::v2`), each at its
//! worst case.

use super::*;
use crate::pallet::{
	BalanceOf, CurrentRound, Ledgers, OperatorKeys, OperatorOwners, Pallet, RoundSeeds, Snapshots,
	UnlockChunk,
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get, Hooks};
use frame_support::weights::WeightMeter;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use market_primitives::{domain::operator_pop_payload, sampling::COMMITTEE};
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::traits::{Convert, Saturating, Zero};

const SEED: u32 = 0;
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"mkop");
/// Providers in the round transition and sampling benchmarks.
const PROVIDERS: u32 = 10_000;

/// A round far ahead, whose snapshot genesis did not touch (a runtime's
/// genesis providers sit in rounds 0 and 1), so it can take `PROVIDERS`.
const BENCH_ROUND: RoundIndex = 100;

fn stake<T: Config>() -> BalanceOf<T> {
	T::MinStake::get().max(1u32.into()).saturating_mul(10u32.into())
}

fn lock<T: Config>() -> RoundIndex {
	T::MinLockRounds::get().saturating_add(10)
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, stake::<T>().saturating_mul(1_000u32.into()));
	who
}

fn bonded<T: Config>(name: &'static str, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = funded::<T>(name, index);
	Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), stake::<T>(), lock::<T>())?;
	Ok(who)
}

/// Fills `round`'s snapshot with `count` members (storage only; they are not bonded).
fn fill_round<T: Config>(round: RoundIndex, count: u32) -> Result<(), BenchmarkError> {
	for i in 0..count.min(T::MaxProvidersPerRound::get()) {
		let who: T::AccountId = account("member", i, SEED);
		Pallet::<T>::insert_member(round, &who, stake::<T>().saturating_add(i.into()))?;
	}
	Ok(())
}

fn new_key() -> sr25519::Public {
	sp_io::crypto::sr25519_generate(KEY_TYPE, None)
}

fn set_key<T: Config>(who: &T::AccountId, key: sr25519::Public) {
	OperatorOwners::<T>::insert(T::OperatorAccount::convert(key), who);
	OperatorKeys::<T>::insert(who, key);
}

fn round_start<T: Config>(round: RoundIndex) -> BlockNumberFor<T> {
	T::RoundLength::get().saturating_mul(round.into())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), stake::<T>(), lock::<T>());
		assert!(Ledgers::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		// Committed in slot 1, the longest tree path.
		let caller = bonded::<T>("caller", 0)?;
		Pallet::<T>::commit_to_next_round(RawOrigin::Signed(caller.clone()).into())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), stake::<T>());
		assert_eq!(Pallet::<T>::stake_in(&caller, 1), stake::<T>().saturating_mul(2u32.into()));
		Ok(())
	}

	#[benchmark]
	fn extend_lock() -> Result<(), BenchmarkError> {
		let caller = bonded::<T>("caller", 0)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), lock::<T>().saturating_add(1));
		Ok(())
	}

	#[benchmark]
	fn set_operator() -> Result<(), BenchmarkError> {
		// Replacing a previous key is the worst case.
		let caller = bonded::<T>("caller", 0)?;
		set_key::<T>(&caller, new_key());
		let key = new_key();
		let message = operator_pop_payload(&Pallet::<T>::signing_domain(), &caller);
		let proof = sp_io::crypto::sr25519_sign(KEY_TYPE, &key, &message)
			.ok_or(BenchmarkError::Stop("cannot sign"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), key, proof);
		assert_eq!(OperatorKeys::<T>::get(&caller), Some(key));
		Ok(())
	}

	#[benchmark]
	fn commit_to_next_round() -> Result<(), BenchmarkError> {
		// Sent by the operator account (one more look-up), into slot 1.
		let stash = bonded::<T>("caller", 0)?;
		let key = new_key();
		set_key::<T>(&stash, key);
		let operator = T::OperatorAccount::convert(key);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator));
		assert!(!Pallet::<T>::stake_in(&stash, 1).is_zero());
		Ok(())
	}

	#[benchmark]
	fn commit_displacing() -> Result<(), BenchmarkError> {
		// The next round's snapshot is full; the caller takes the slot of
		// the member with the least stake.
		let victim = bonded::<T>("victim", 0)?;
		Pallet::<T>::commit_to_next_round(RawOrigin::Signed(victim.clone()).into())?;
		let next = CurrentRound::<T>::get().saturating_add(1);
		let len = Snapshots::<T>::get(next).map(|s| s.len).unwrap_or_default();
		fill_round::<T>(next, T::MaxProvidersPerRound::get().saturating_sub(len))?;
		let caller = funded::<T>("caller", 0);
		Pallet::<T>::bond(
			RawOrigin::Signed(caller.clone()).into(),
			stake::<T>().saturating_mul(2u32.into()),
			lock::<T>(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), victim.clone());
		assert!(!Pallet::<T>::stake_in(&caller, next).is_zero());
		assert!(Pallet::<T>::stake_in(&victim, next).is_zero());
		Ok(())
	}

	#[benchmark]
	fn chill() -> Result<(), BenchmarkError> {
		let caller = bonded::<T>("caller", 0)?;
		Pallet::<T>::commit_to_next_round(RawOrigin::Signed(caller.clone()).into())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(Pallet::<T>::stake_in(&caller, 1).is_zero());
		Ok(())
	}

	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let caller = bonded::<T>("caller", 0)?;
		let current = lock::<T>().saturating_add(1);
		CurrentRound::<T>::put(current);
		// All chunks but one in use, each unlocking in another round.
		let chunks = T::MaxUnlockingChunks::get().saturating_sub(1);
		Ledgers::<T>::mutate(&caller, |l| {
			if let Some(l) = l {
				for i in 0..chunks {
					let value: BalanceOf<T> = 1u32.into();
					l.active = l.active.saturating_sub(value);
					let _ = l.unlocking.try_push(UnlockChunk { value, unlock_round: i });
				}
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), 1u32.into());
		assert_eq!(Ledgers::<T>::get(&caller).map(|l| l.unlocking.len() as u32), Some(chunks + 1));
		Ok(())
	}

	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		// Every chunk unlocked and nothing left: the ledger and key are removed.
		let caller = bonded::<T>("caller", 0)?;
		set_key::<T>(&caller, new_key());
		let chunks = T::MaxUnlockingChunks::get();
		Ledgers::<T>::mutate(&caller, |l| {
			if let Some(l) = l {
				let total = l.active;
				l.active = Zero::zero();
				let each = total / chunks.max(1).into();
				for i in 0..chunks {
					let value = if i + 1 == chunks {
						total.saturating_sub(each.saturating_mul(i.into()))
					} else {
						each
					};
					let _ = l.unlocking.try_push(UnlockChunk { value, unlock_round: i });
				}
			}
		});
		CurrentRound::<T>::put(chunks);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!Ledgers::<T>::contains_key(&caller));
		Ok(())
	}

	#[benchmark]
	fn claim_rewards(r: Linear<1, { T::MaxClaimRounds::get() }>) -> Result<(), BenchmarkError> {
		let caller = bonded::<T>("caller", 0)?;
		let history = T::RoundHistory::get();
		let current = history.saturating_add(T::MaxReportAge::get()).saturating_add(r);
		let first = Pallet::<T>::first_retained_round(current);
		for round in first..first.saturating_add(r) {
			fill_round::<T>(round, 1)?;
			Pallet::<T>::insert_member(round, &caller, stake::<T>())?;
		}
		Ledgers::<T>::mutate(&caller, |l| {
			if let Some(l) = l {
				l.reward_cursor = first;
			}
		});
		CurrentRound::<T>::put(current);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), caller.clone());
		assert!(Ledgers::<T>::get(&caller).is_some_and(|l| l.reward_cursor > first));
		Ok(())
	}

	#[benchmark]
	fn slash(r: Linear<0, { T::MaxReporters::get() }>) -> Result<(), BenchmarkError> {
		// Committed (the pending snapshot is rewritten), slashed below MinStake
		// (chilled), reporters are new accounts.
		let who = bonded::<T>("provider", 0)?;
		Pallet::<T>::commit_to_next_round(RawOrigin::Signed(who.clone()).into())?;
		let reporters: Vec<T::AccountId> = (0..r).map(|i| account("reporter", i, SEED)).collect();
		let amount = stake::<T>();
		#[block]
		{
			<Pallet<T> as Slashing<T::AccountId, BalanceOf<T>>>::slash(
				&who,
				amount,
				Offence::unavailability(CurrentRound::<T>::get()),
				&reporters,
			)?;
		}
		assert!(Ledgers::<T>::get(&who).is_some_and(|l| l.active.is_zero()));
		Ok(())
	}

	#[benchmark]
	fn on_initialize_round_start(p: Linear<1, PROVIDERS>) -> Result<(), BenchmarkError> {
		// The next round's snapshot holds `p` providers; the transition does
		// not depend on it.
		fill_round::<T>(BENCH_ROUND, p)?;
		let block = round_start::<T>(BENCH_ROUND);
		#[block]
		{
			Pallet::<T>::on_initialize(block);
		}
		assert_eq!(CurrentRound::<T>::get(), BENCH_ROUND);
		assert!(RoundSeeds::<T>::contains_key(BENCH_ROUND));
		Ok(())
	}

	#[benchmark]
	fn prune_keys(k: Linear<0, 1_000>) -> Result<(), BenchmarkError> {
		// Round 0 with `k` members (2 keys each plus tree nodes) left the history.
		fill_round::<T>(0, k)?;
		RoundSeeds::<T>::insert(0, [0u8; 32]);
		CurrentRound::<T>::put(T::RoundHistory::get());
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::prune(&mut meter);
		}
		assert!(!Snapshots::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn sample(n: Linear<1, 16>) -> Result<(), BenchmarkError> {
		fill_round::<T>(BENCH_ROUND, PROVIDERS)?;
		RoundSeeds::<T>::insert(BENCH_ROUND, [7u8; 32]);
		let drawn;
		#[block]
		{
			drawn = Pallet::<T>::sample_round(BENCH_ROUND, &COMMITTEE, n);
		}
		assert_eq!(drawn.len() as u32, n.min(T::MaxProvidersPerRound::get()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
