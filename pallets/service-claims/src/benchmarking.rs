//! Benchmarks of the service-claims pallet (`frame_benchmarking::v2`).

use super::*;
use crate::pallet::{
	ChallengeSeeds, ClaimOutcome, Claims, Commitments, CommitteeSignatures, Config, DefaultParams,
	Event, Opening, Openings, Pallet, Parameters, Params, ProofPath,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use market_primitives::claims::{sort_key, sparse_tree};
use sp_core::{crypto::KeyTypeId, sr25519};

const SEED: u32 = 0;
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"mkcl");

/// A new provider with an operator key in the keystore and `weight` times
/// the minimum stake, in the next round's snapshot.
fn add_provider<T: Config>(index: u32, weight: u32) -> T::AccountId {
	let who: T::AccountId = account("provider", index, SEED);
	let key = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
	T::BenchmarkHelper::add_provider(&who, key, weight);
	who
}

/// Starts rounds until `round` has settled.
fn settle<T: Config>(round: RoundIndex) {
	while T::Registry::current_round() <= round.saturating_add(T::MaxReportAge::get()) {
		T::BenchmarkHelper::start_round();
	}
}

/// The `Config` defaults as parameters: the largest committee and
/// challenge count, whatever the genesis preset chose.
fn worst_case_parameters<T: Config>() {
	Params::<T>::put(DefaultParams::<T>::get());
}

/// Rounds of the benchmark policies: long enough for a commitment made
/// when the first round settles to reach its deadline before reaping.
fn policy_rounds<T: Config>() -> u32 {
	Params::<T>::get().open_deadline.saturating_add(2)
}

/// A policy of one fresh provider with `requester` and `cap`, whose first
/// round has settled; returns (policy, provider, round).
fn settled_claim<T: Config>(
	requester: sr25519::Public,
	cap: u32,
) -> Result<(PolicyId, T::AccountId, RoundIndex), BenchmarkError> {
	let provider = add_provider::<T>(0, 1);
	let round = T::Registry::current_round().saturating_add(1);
	let policy = T::BenchmarkHelper::create_policy(
		vec![provider.clone()],
		vec![requester],
		round,
		policy_rounds::<T>(),
		cap,
	);
	if T::BenchmarkHelper::start_round() != round {
		return Err(BenchmarkError::Stop("unexpected round"));
	}
	settle::<T>(round);
	Ok((policy, provider, round))
}

/// Fixes the challenge seed of `provider`'s commitment if no block did.
fn fix_seed<T: Config>(policy: PolicyId, provider: &T::AccountId, round: RoundIndex) {
	if let Some(c) = Commitments::<T>::get((policy, provider, round)) {
		if ChallengeSeeds::<T>::get(c.seed_block).is_some_and(|s| s.seed.is_none()) {
			<Pallet<T> as Hooks<BlockNumberFor<T>>>::on_initialize(c.seed_block);
		}
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An attested claim with `s` committee signatures, drawn over a full
	/// snapshot (the draw's tree reads are at their deepest).
	#[benchmark]
	fn submit_attested_claim(
		s: Linear<{ T::CommitteeThreshold::get() }, { T::CommitteeSize::get() }>,
	) -> Result<(), BenchmarkError> {
		worst_case_parameters::<T>();
		let provider = add_provider::<T>(1, 1);
		T::BenchmarkHelper::fill_snapshot();
		let round = T::Registry::current_round().saturating_add(1);
		let requester = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
		let policy = T::BenchmarkHelper::create_policy(
			vec![provider.clone()],
			vec![requester],
			round,
			policy_rounds::<T>(),
			100,
		);
		if T::BenchmarkHelper::start_round() != round {
			return Err(BenchmarkError::Stop("unexpected round"));
		}
		let committee = Pallet::<T>::committee(round, &provider);
		settle::<T>(round);
		let served = 50;
		let statement = ClaimStatement { policy, provider: provider.clone(), round, served };
		let payload = statement_payload(&Pallet::<T>::signing_domain(), &statement);
		let threshold = Params::<T>::get().committee_threshold;
		let mut signatures: Vec<(u32, sr25519::Signature)> = Vec::new();
		let mut seats = 0u32;
		for (index, (member, held)) in committee.iter().enumerate() {
			// At least the threshold, then up to `s` signers.
			if signatures.len() >= s as usize && seats >= threshold {
				break;
			}
			let key = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
			T::BenchmarkHelper::set_operator_key(member, key);
			let signature = sp_io::crypto::sr25519_sign(KEY_TYPE, &key, &payload)
				.ok_or(BenchmarkError::Stop("cannot sign"))?;
			signatures.push((index as u32, signature));
			seats = seats.saturating_add(*held);
		}
		let signatures: CommitteeSignatures<T> = BoundedVec::try_from(signatures)
			.map_err(|_| BenchmarkError::Stop("too many signatures"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), policy, round, served, signatures);

		assert!(matches!(
			Claims::<T>::get((round, policy, &provider)),
			Some(ClaimOutcome::Paid { .. })
		));
		Ok(())
	}

	/// A commitment.
	#[benchmark]
	fn commit_claim() -> Result<(), BenchmarkError> {
		worst_case_parameters::<T>();
		let requester = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
		let (policy, provider, round) = settled_claim::<T>(requester, 1 << 20)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), policy, round, [7u8; 32], 1 << 20);

		assert!(Commitments::<T>::contains_key((policy, &provider, round)));
		Ok(())
	}

	/// Opening `ChallengeCount` leaves with paths of `d` siblings (a tree
	/// of `2^d` leaves; `d = 20` is the million-leaf case), then the escrow
	/// payment.
	#[benchmark]
	fn open_claim(d: Linear<1, MAX_PROOF_DEPTH>) -> Result<(), BenchmarkError> {
		worst_case_parameters::<T>();
		let leaves: u32 = 1u32.checked_shl(d).map(|w| w.max(2)).unwrap_or(u32::MAX);
		let requester = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
		let (policy, provider, round) = settled_claim::<T>(requester, leaves)?;
		Pallet::<T>::commit_claim(
			RawOrigin::Signed(provider.clone()).into(),
			policy,
			round,
			[0u8; 32],
			leaves,
		)
		.map_err(|_| BenchmarkError::Stop("commit refused"))?;
		fix_seed::<T>(policy, &provider, round);
		T::BenchmarkHelper::start_round();
		let key = (policy, provider.clone(), round);
		let mut commitment =
			Commitments::<T>::get(&key).ok_or(BenchmarkError::Stop("no commitment"))?;
		let indices = Pallet::<T>::challenges(policy, &provider, round, &commitment)
			.ok_or(BenchmarkError::Stop("no seed"))?;

		// Real signed receipts at the challenged leaves (leaf `i` has nonce
		// `i`); every other subtree is a filler carrying its key range.
		let domain = Pallet::<T>::signing_domain();
		let mut receipts = Vec::new();
		for index in indices.iter() {
			let receipt = Receipt {
				policy,
				round,
				provider: provider.clone(),
				requester,
				nonce: u64::from(*index),
				request_hash: [3u8; 32],
				response_hash: [4u8; 32],
			};
			let signature = sp_io::crypto::sr25519_sign(
				KEY_TYPE,
				&requester,
				&receipt_payload(&domain, &receipt),
			)
			.ok_or(BenchmarkError::Stop("cannot sign"))?;
			receipts.push((receipt, signature));
		}
		let known: Vec<(u32, RangeNode)> =
			indices.iter().zip(receipts.iter()).map(|(i, (r, _))| (*i, leaf(r))).collect();
		let filler = |first: u32, last: u32| RangeNode {
			digest: [9u8; 32],
			min: sort_key(&requester, u64::from(first)),
			max: sort_key(&requester, u64::from(last)),
		};
		let (root, proofs) =
			sparse_tree(leaves, &known, &filler).ok_or(BenchmarkError::Stop("no tree"))?;
		commitment.root = root;
		Commitments::<T>::insert(&key, commitment);
		let mut openings = Vec::new();
		for ((receipt, signature), proof) in receipts.into_iter().zip(proofs) {
			let proof: ProofPath =
				BoundedVec::try_from(proof).map_err(|_| BenchmarkError::Stop("path too long"))?;
			openings.push(Opening { receipt, signature, proof });
		}
		let openings: Openings<T> =
			BoundedVec::try_from(openings).map_err(|_| BenchmarkError::Stop("too many"))?;
		assert_eq!(Pallet::<T>::deepest_path(&openings), d);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), policy, round, openings);

		assert!(matches!(
			Claims::<T>::get((round, policy, &provider)),
			Some(ClaimOutcome::Paid { .. })
		));
		Ok(())
	}

	/// Expiring an unopened commitment: a slash with one reporter.
	#[benchmark]
	fn expire_claim() -> Result<(), BenchmarkError> {
		worst_case_parameters::<T>();
		let requester = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
		let (policy, provider, round) = settled_claim::<T>(requester, 100)?;
		Pallet::<T>::commit_claim(
			RawOrigin::Signed(provider.clone()).into(),
			policy,
			round,
			[0u8; 32],
			100,
		)
		.map_err(|_| BenchmarkError::Stop("commit refused"))?;
		let deadline = Commitments::<T>::get((policy, &provider, round))
			.map(|c| c.open_until)
			.ok_or(BenchmarkError::Stop("no commitment"))?;
		while T::Registry::current_round() <= deadline {
			T::BenchmarkHelper::start_round();
		}
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), policy, provider.clone(), round);

		assert!(matches!(
			Claims::<T>::get((round, policy, &provider)),
			Some(ClaimOutcome::Forfeited { .. })
		));
		Ok(())
	}

	/// Setting the parameters: constant-time checks and one write.
	#[benchmark]
	fn set_parameters() {
		let defaults = DefaultParams::<T>::get();
		let parameters = Parameters {
			challenge_count: defaults.challenge_count.saturating_sub(1).max(1),
			..defaults
		};

		#[extrinsic_call]
		_(RawOrigin::Root, parameters);

		assert_eq!(Params::<T>::get(), parameters);
		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::ParametersSet { parameters }.into(),
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
