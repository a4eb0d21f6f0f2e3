//! Unit tests; every test ends with the pallet's `do_try_state` check.

use crate::{
	mock::*, pallet::*, Error, PolicyEscrow, PolicyId, PriceModel, ProviderRegistry, RoundIndex,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks, BoundedVec};
use market_primitives::{
	escrow::policy_sampling_domain,
	sampling::{self, MemoryTree},
};
use sp_core::sr25519;
use sp_runtime::{DispatchError, DispatchResult};

type Choice = ProviderChoice<AccountId, frame_support::traits::ConstU32<4>>;

fn explicit(list: &[AccountId]) -> Choice {
	ProviderChoice::Explicit(BoundedVec::try_from(list.to_vec()).unwrap())
}

fn keys(list: &[u8]) -> BoundedVec<sr25519::Public, frame_support::traits::ConstU32<2>> {
	BoundedVec::try_from(list.iter().map(|i| requester(*i)).collect::<Vec<_>>()).unwrap()
}

fn per_round(price: Balance) -> PriceModel<Balance> {
	PriceModel::PerRound { price }
}

fn create(
	owner: AccountId,
	choice: Choice,
	start: RoundIndex,
	rounds: RoundIndex,
	price: PriceModel<Balance>,
) -> DispatchResult {
	Escrow::create_policy(RuntimeOrigin::signed(owner), choice, start, rounds, price, keys(&[1]))
}

fn claim(who: AccountId, policy: PolicyId) {
	assert_ok!(Escrow::claim_fees(RuntimeOrigin::signed(who), policy));
}

fn policy(id: PolicyId) -> Policy<Test> {
	Policies::<Test>::get(id).unwrap()
}

fn current() -> RoundIndex {
	Staking::current_round()
}

/// Runs to `round`; every bonded provider among 1..=6 commits for every
/// round on the way except the `(provider, round)` pairs of `skip`.
fn advance_to(round: RoundIndex, skip: &[(AccountId, RoundIndex)]) {
	while current() < round {
		let next = current() + 1;
		for p in 1..=6 {
			let bonded = pallet_provider_staking::Ledgers::<Test>::contains_key(p);
			if bonded && !skip.contains(&(p, next)) && !Staking::is_active(&p, next) {
				assert_ok!(Staking::commit_to_next_round(RuntimeOrigin::signed(p)));
			}
		}
		run_to_round(next);
	}
}

fn unavailable(who: AccountId, round: RoundIndex) {
	Unavailable::mutate(|v| v.push((who, round)));
}

#[test]
fn explicit_per_round_policy_pays_earned_rounds_and_refunds_the_rest() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let supply = issuance();
		assert_ok!(create(ALICE, explicit(&[1, 2]), 1, 4, per_round(100)));
		assert_eq!(held(ALICE), 800);
		assert_eq!(free(ALICE), INITIAL - 800);
		assert_eq!(
			escrow_events(),
			vec![Event::PolicyCreated {
				policy: 0,
				owner: ALICE,
				providers: BoundedVec::try_from(vec![1, 2]).unwrap(),
				start: 1,
				end: 5,
				price: per_round(100),
				max_cost: 800,
			}]
		);
		assert_eq!(OwnerPolicies::<Test>::get(ALICE).into_inner(), vec![0]);

		// Provider 2 does not commit for round 2; provider 1 is proven
		// unavailable for round 3.
		let skip = [(2, 2)];
		advance_to(3, &skip);
		// Round 1 settles from round 1 + MaxReportAge + 1 = 4.
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 0),
			Error::<Test>::NothingToSettle
		);
		advance_to(4, &skip);
		claim(1, 0);
		assert_eq!(
			escrow_events(),
			vec![Event::FeesPaid { policy: 0, provider: 1, from: 1, to: 1, amount: 100 }]
		);
		assert_eq!(free(1), INITIAL - 1_000 + 100);
		unavailable(1, 3);
		advance_to(7, &skip);
		// Rounds 2, 3, 4: round 3 is refunded.
		claim(1, 0);
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 1, from: 2, to: 4, amount: 200 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 100 },
			]
		);
		assert_eq!(free(1), INITIAL - 1_000 + 300);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 0),
			Error::<Test>::NothingToSettle
		);
		// Provider 2: at most MaxClaimRounds (3) rounds per call; round 2
		// (no commit) goes back to the owner.
		claim(2, 0);
		assert_eq!(policy(0).providers[1].next_round, 4);
		claim(2, 0);
		assert_eq!(free(2), INITIAL - 2_000 + 300);
		assert_eq!(policy(0).paid, 600);
		assert_eq!(policy(0).refunded, 200);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL - 600);
		assert_eq!(issuance(), supply);
		escrow_events();

		// Reaped from round 5 + MaxReportAge + ClaimWindowRounds = 9.
		assert_noop!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0), Error::<Test>::NotExpired);
		advance_to(9, &[]);
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		assert_eq!(escrow_events(), vec![Event::PolicyReaped { policy: 0, paid: 0, refunded: 0 }]);
		assert!(!Policies::<Test>::contains_key(0));
		assert!(!OwnerPolicies::<Test>::contains_key(ALICE));
		assert_eq!(issuance(), supply);
	});
}

#[test]
fn sampled_providers_follow_the_policy_domain() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		// Two policies sampled from the same round get their own draws.
		let expected = Staking::sample(0, &policy_sampling_domain(0), 3);
		assert_eq!(expected.len(), 3);
		// The client-side reference over the genesis snapshot (slots 1..=4
		// are providers 1..=4) agrees.
		let seed = Staking::round_seed(0).unwrap();
		let weights = [1_000u128, 2_000, 3_000, 4_000];
		let tree = MemoryTree::from_weights(&weights);
		let slots = sampling::sample(&tree, &seed, &policy_sampling_domain(0), 3);
		assert_eq!(slots.iter().map(|s| *s as AccountId).collect::<Vec<_>>(), expected);
		assert_eq!(sampling::sample_linear(&weights, &seed, &policy_sampling_domain(0), 3), slots);

		assert_ok!(create(ALICE, ProviderChoice::Sampled(3), 0, 2, per_round(10)));
		let p = policy(0);
		assert_eq!(p.providers.iter().map(|e| e.account).collect::<Vec<_>>(), expected);
		assert_eq!(p.max_cost, 60);
		assert_eq!(held(ALICE), 60);
		match escrow_events().as_slice() {
			[Event::PolicyCreated { providers, .. }] => assert_eq!(providers.to_vec(), expected),
			other => panic!("unexpected events {other:?}"),
		}
		assert_ok!(create(ALICE, ProviderChoice::Sampled(3), 0, 2, per_round(10)));
		assert_eq!(
			policy(1).providers.iter().map(|e| e.account).collect::<Vec<_>>(),
			Staking::sample(0, &policy_sampling_domain(1), 3)
		);
		// Sampled providers earn like named ones.
		advance_to(4, &[]);
		for who in expected {
			claim(who, 0);
		}
		assert_eq!(policy(0).paid, 60);
		assert_eq!(held(ALICE), 60);
	});
}

#[test]
fn sampling_refuses_too_few_eligible_providers() {
	ExtBuilder::default().provider(1, 1_000, 40).provider(2, 1_000, 4).build_and_execute(|| {
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(0), 0, 2, per_round(10)),
			Error::<Test>::NoProviders
		);
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(5), 0, 2, per_round(10)),
			Error::<Test>::TooManyProviders
		);
		// Only two providers with stake.
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(3), 0, 2, per_round(10)),
			Error::<Test>::NotEnoughProviders
		);
		// Provider 2's lock ends in round 4, before the last round 5.
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(2), 0, 6, per_round(10)),
			Error::<Test>::NotEnoughProviders
		);
		assert_ok!(create(ALICE, ProviderChoice::Sampled(2), 0, 5, per_round(10)));
		// No seed for the round: nothing sampled.
		let seed = pallet_provider_staking::RoundSeeds::<Test>::take(0).unwrap();
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(1), 0, 2, per_round(10)),
			Error::<Test>::NotEnoughProviders
		);
		// Restored for the staking pallet's `try_state` (a started round
		// always has its seed).
		pallet_provider_staking::RoundSeeds::<Test>::insert(0, seed);
	});
}

/// The cost of a sampled policy is known from `n` alone: an owner who
/// cannot pay it is refused before any draw over the snapshot is made,
/// whatever the draw would have found.
#[test]
fn sampling_is_not_attempted_for_an_owner_who_cannot_pay() {
	ExtBuilder::default().provider(1, 1_000, 40).provider(2, 1_000, 40).build_and_execute(|| {
		// 2 providers x 5 rounds x 10_000 is above ALICE's balance.
		let dear = per_round(10_000);
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(2), 0, 5, dear),
			Error::<Test>::InsufficientBalance
		);
		// Even where the draw would find too few providers.
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(3), 0, 5, dear),
			Error::<Test>::InsufficientBalance
		);
		let seed = pallet_provider_staking::RoundSeeds::<Test>::take(0).unwrap();
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(1), 0, 5, dear),
			Error::<Test>::InsufficientBalance
		);
		// An affordable one goes on to the draw.
		assert_noop!(
			create(ALICE, ProviderChoice::Sampled(1), 0, 5, per_round(10)),
			Error::<Test>::NotEnoughProviders
		);
		// Restored for the staking pallet's `try_state`.
		pallet_provider_staking::RoundSeeds::<Test>::insert(0, seed);
	});
}

#[test]
fn create_policy_refuses_bad_input() {
	ExtBuilder::default().four_providers().provider(5, 1_000, 10).build_and_execute(|| {
		let o = RuntimeOrigin::signed(ALICE);
		let price = per_round(10);
		assert_noop!(create(ALICE, explicit(&[1]), 1, 0, price), Error::<Test>::ZeroRounds);
		assert_noop!(create(ALICE, explicit(&[1]), 1, 21, price), Error::<Test>::TooManyRounds);
		assert_noop!(create(ALICE, explicit(&[1]), u32::MAX, 1, price), Error::<Test>::Overflow);
		assert_noop!(
			Escrow::create_policy(o.clone(), explicit(&[1]), 1, 2, price, keys(&[])),
			Error::<Test>::NoRequesterKeys
		);
		assert_noop!(
			Escrow::create_policy(o.clone(), explicit(&[1]), 1, 2, price, keys(&[3, 3])),
			Error::<Test>::DuplicateRequesterKey
		);
		assert_noop!(create(ALICE, explicit(&[1]), 1, 2, per_round(0)), Error::<Test>::ZeroPrice);
		assert_noop!(
			create(ALICE, explicit(&[1]), 1, 2, PriceModel::PerRequest { price: 0, cap: 5 }),
			Error::<Test>::ZeroPrice
		);
		assert_noop!(
			create(ALICE, explicit(&[1]), 1, 2, PriceModel::PerRequest { price: 5, cap: 0 }),
			Error::<Test>::ZeroPrice
		);
		assert_noop!(create(ALICE, explicit(&[]), 1, 2, price), Error::<Test>::NoProviders);
		assert_noop!(
			create(ALICE, explicit(&[1, 2, 1]), 1, 2, price),
			Error::<Test>::DuplicateProvider
		);
		assert_noop!(
			create(ALICE, explicit(&[1, 9]), 1, 2, price),
			Error::<Test>::ProviderNotActive
		);
		// Provider 5 is locked until round 10: rounds 9..=11 are too long.
		assert_noop!(
			create(ALICE, explicit(&[1, 5]), 9, 3, price),
			Error::<Test>::ProviderLockTooShort
		);
		assert_ok!(create(ALICE, explicit(&[1, 5]), 9, 2, price));
		assert_noop!(
			create(ALICE, explicit(&[1]), 1, 2, per_round(INITIAL)),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, price));
		assert_ok!(create(ALICE, explicit(&[2]), 1, 2, price));
		assert_noop!(create(ALICE, explicit(&[3]), 1, 2, price), Error::<Test>::TooManyPolicies);
		assert_ok!(create(ALICE2, explicit(&[3]), 1, 2, price));
		advance_to(2, &[]);
		assert_noop!(create(ALICE2, explicit(&[1]), 1, 2, price), Error::<Test>::StartInPast);
		assert_noop!(
			Escrow::create_policy(RuntimeOrigin::none(), explicit(&[1]), 2, 2, price, keys(&[1])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn overflow_sized_prices_are_refused() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		// Total cost overflows.
		assert_noop!(
			create(ALICE, explicit(&[1, 2]), 1, 1, per_round(Balance::MAX)),
			Error::<Test>::Overflow
		);
		assert_noop!(
			create(ALICE, explicit(&[1]), 1, 2, per_round(Balance::MAX / 2 + 1)),
			Error::<Test>::Overflow
		);
		// Per-request budget (price * cap) overflows.
		assert_noop!(
			create(
				ALICE,
				explicit(&[1]),
				1,
				1,
				PriceModel::PerRequest { price: Balance::MAX, cap: 2 }
			),
			Error::<Test>::Overflow
		);
		// The largest cost that does not overflow is merely unaffordable.
		assert_noop!(
			create(ALICE, explicit(&[1]), 1, 1, per_round(Balance::MAX)),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn missing_and_unavailable_rounds_go_back_to_the_owner() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let supply = issuance();
		assert_ok!(create(ALICE, explicit(&[3, 4]), 1, 3, per_round(50)));
		// Provider 3 misses round 2 (no commit); provider 4 is proven
		// unavailable for round 2 (it committed).
		unavailable(4, 2);
		advance_to(6, &[(3, 2)]);
		assert!(!Staking::is_active(&3, 2));
		assert!(Staking::is_active(&4, 2));
		escrow_events();
		// The owner settles provider 3: rounds 1 and 3 are paid to it.
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(3), 0, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NotPolicyProvider
		);
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 7, 3),
			Error::<Test>::UnknownPolicy
		);
		let owner_free = free(ALICE);
		assert_ok!(Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 3));
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 3, from: 1, to: 3, amount: 100 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 50 },
			]
		);
		assert_eq!(free(ALICE), owner_free + 50);
		assert_eq!(free(3), INITIAL - 3_000 + 100);
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 3),
			Error::<Test>::NothingToSettle
		);
		// Provider 4 claims: round 2 goes back to the owner.
		claim(4, 0);
		assert_eq!(free(4), INITIAL - 4_000 + 100);
		assert_eq!(free(ALICE), owner_free + 100);
		assert_eq!(held(ALICE), 0);
		assert_eq!(issuance(), supply);
	});
}

#[test]
fn rounds_no_longer_verifiable_are_refunded() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1]), 1, 6, per_round(10)));
		// At round 11 the snapshots kept start at round 4 (RoundHistory 8):
		// rounds 1..=3 can no longer be checked and go back to the owner at
		// once; rounds 4..=6 are checked one by one.
		advance_to(11, &[]);
		assert!(!Staking::is_active(&1, 3));
		escrow_events();
		claim(1, 0);
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 1, from: 1, to: 6, amount: 30 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 30 },
			]
		);
		assert_eq!(held(ALICE), 0);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 0),
			Error::<Test>::NothingToSettle
		);
	});
}

#[test]
fn claim_fees_refuses_bad_calls() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, per_round(10)));
		assert_ok!(create(
			ALICE,
			explicit(&[1]),
			1,
			2,
			PriceModel::PerRequest { price: 1, cap: 3 }
		));
		advance_to(5, &[]);
		assert_noop!(Escrow::claim_fees(RuntimeOrigin::signed(1), 9), Error::<Test>::UnknownPolicy);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(2), 0),
			Error::<Test>::NotPolicyProvider
		);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 1),
			Error::<Test>::NotPerRoundPolicy
		);
		assert_noop!(Escrow::claim_fees(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
		// The claim's weight counts the rounds checked.
		let info = Escrow::claim_fees(RuntimeOrigin::signed(1), 0).unwrap();
		assert_eq!(info.actual_weight, Some(<() as crate::WeightInfo>::claim_fees(2)));
	});
}

#[test]
fn revocation_keeps_earned_rounds_and_releases_the_rest() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let supply = issuance();
		assert_ok!(create(ALICE, explicit(&[1, 2, 3]), 1, 10, per_round(10)));
		assert_eq!(held(ALICE), 300);
		advance_to(4, &[]);
		escrow_events();
		assert_noop!(Escrow::revoke_policy(RuntimeOrigin::signed(1), 0), Error::<Test>::NotOwner);
		assert_noop!(
			Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 5),
			Error::<Test>::UnknownPolicy
		);
		// Rounds 1..=4 stay the providers'; rounds 5..=10 are released.
		assert_ok!(Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			escrow_events(),
			vec![
				Event::PolicyRevoked { policy: 0, end: 5, refunded: 180 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 180 },
			]
		);
		assert_eq!(held(ALICE), 120);
		assert_eq!(policy(0).end, 5);
		assert_noop!(
			Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::AlreadyRevoked
		);
		advance_to(7, &[]);
		claim(1, 0);
		claim(1, 0);
		assert_eq!(free(1), INITIAL - 1_000 + 40);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 0),
			Error::<Test>::NothingToSettle
		);
		// Providers 2 and 3 never claim: at the reap (round 9) round 1 is no
		// longer verifiable and goes back to the owner, rounds 2..=4 are paid.
		advance_to(9, &[]);
		escrow_events();
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(7), 0));
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 2, from: 1, to: 4, amount: 30 },
				Event::FeesPaid { policy: 0, provider: 3, from: 1, to: 4, amount: 30 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 20 },
				Event::PolicyReaped { policy: 0, paid: 60, refunded: 20 },
			]
		);
		assert_eq!(free(2), INITIAL - 2_000 + 30);
		assert_eq!(free(ALICE), INITIAL - 100);
		assert_eq!(held(ALICE), 0);
		assert_eq!(issuance(), supply);
	});
}

#[test]
fn revoking_before_the_start_removes_the_policy() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1, 2]), 3, 2, per_round(10)));
		assert_ok!(create(ALICE, explicit(&[1]), 0, 1, per_round(10)));
		advance_to(2, &[]);
		escrow_events();
		assert_ok!(Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			escrow_events(),
			vec![
				Event::PolicyRevoked { policy: 0, end: 3, refunded: 40 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 40 },
			]
		);
		assert!(!Policies::<Test>::contains_key(0));
		assert_eq!(OwnerPolicies::<Test>::get(ALICE).into_inner(), vec![1]);
		assert_eq!(held(ALICE), 10);
		// Policy 1 has no round after the current one.
		assert_noop!(
			Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::PolicyEnded
		);
	});
}

#[test]
fn reap_after_expiry_settles_and_removes() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let supply = issuance();
		assert_ok!(create(ALICE, explicit(&[1, 2]), 1, 2, per_round(50)));
		assert_ok!(create(ALICE, explicit(&[3]), 1, 2, per_round(50)));
		unavailable(2, 2);
		// Last round 2: reapable from 3 + MaxReportAge + ClaimWindowRounds = 7.
		advance_to(6, &[]);
		assert_noop!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0), Error::<Test>::NotExpired);
		advance_to(7, &[]);
		escrow_events();
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 1, from: 1, to: 2, amount: 100 },
				Event::FeesPaid { policy: 0, provider: 2, from: 1, to: 2, amount: 50 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 50 },
				Event::PolicyReaped { policy: 0, paid: 150, refunded: 50 },
			]
		);
		assert_noop!(
			Escrow::reap_policy(RuntimeOrigin::signed(9), 0),
			Error::<Test>::UnknownPolicy
		);
		assert_eq!(held(ALICE), 100);
		// Reaped long after: nothing is verifiable any more, all goes back.
		advance_to(20, &[]);
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 1));
		assert_eq!(free(3), INITIAL - 3_000);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL - 150);
		assert!(!OwnerPolicies::<Test>::contains_key(ALICE));
		assert_eq!(issuance(), supply);
		// The owner's slots are free again.
		assert_ok!(create(ALICE, explicit(&[1]), 21, 2, per_round(1)));
	});
}

#[test]
fn per_request_payments_through_the_trait() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let supply = issuance();
		let price = PriceModel::PerRequest { price: 5, cap: 10 };
		assert_ok!(create(ALICE, explicit(&[1, 2]), 1, 3, price));
		assert_ok!(create(ALICE, explicit(&[1]), 1, 3, per_round(5)));
		assert_eq!(held(ALICE), 300 + 15);
		let terms = Escrow::policy_terms(0).unwrap();
		assert_eq!(terms.owner, ALICE);
		assert_eq!(terms.providers, vec![1, 2]);
		assert_eq!(terms.requesters, vec![requester(1)]);
		assert_eq!((terms.start, terms.end, terms.price), (1, 4, price));
		assert_eq!(Escrow::policy_terms(9), None);

		assert_noop!(Escrow::pay_for_requests(0, &1, 1, 3), Error::<Test>::RoundNotSettled);
		// Provider 2 misses round 2, provider 1 is unavailable in round 2.
		unavailable(1, 2);
		advance_to(4, &[(2, 2)]);
		escrow_events();
		assert_eq!(Escrow::pay_for_requests(0, &1, 1, 3), Ok(15));
		assert_eq!(
			escrow_events(),
			vec![
				Event::RequestsPaid { policy: 0, provider: 1, round: 1, served: 3, amount: 15 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 35 },
			]
		);
		assert_noop!(Escrow::pay_for_requests(0, &1, 1, 3), Error::<Test>::AlreadyPaid);
		assert_noop!(Escrow::pay_for_requests(0, &1, 0, 3), Error::<Test>::RoundNotInPolicy);
		assert_noop!(Escrow::pay_for_requests(0, &1, 4, 3), Error::<Test>::RoundNotInPolicy);
		assert_noop!(Escrow::pay_for_requests(0, &9, 1, 3), Error::<Test>::NotPolicyProvider);
		assert_noop!(Escrow::pay_for_requests(9, &1, 1, 3), Error::<Test>::UnknownPolicy);
		assert_noop!(Escrow::pay_for_requests(1, &1, 1, 3), Error::<Test>::NotPerRequestPolicy);
		assert_noop!(Escrow::pay_for_requests(0, &1, 2, 3), Error::<Test>::RoundNotSettled);
		// Served beyond the cap is paid up to the cap.
		assert_eq!(Escrow::pay_for_requests(0, &2, 1, 100), Ok(50));
		advance_to(5, &[(2, 2)]);
		assert_noop!(Escrow::pay_for_requests(0, &1, 2, 3), Error::<Test>::ProviderNotEligible);
		assert_noop!(Escrow::pay_for_requests(0, &2, 2, 3), Error::<Test>::ProviderNotEligible);
		assert_noop!(
			Escrow::claim_fees(RuntimeOrigin::signed(1), 0),
			Error::<Test>::NotPerRoundPolicy
		);
		// Nothing can be refunded yet: rounds stay payable while verifiable.
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NothingToSettle
		);
		// At round 10 the first verifiable round is 3: rounds 1 and 2 are
		// closed; round 2's unpaid budget goes back.
		advance_to(10, &[]);
		assert_noop!(Escrow::pay_for_requests(0, &2, 2, 3), Error::<Test>::RoundNotClaimable);
		escrow_events();
		assert_ok!(Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(escrow_events(), vec![Event::Refunded { policy: 0, owner: ALICE, amount: 50 }]);
		assert_eq!(Escrow::pay_for_requests(0, &1, 3, 4), Ok(20));
		// The reap refunds provider 2's unpaid rounds 2 and 3 (round 1 was paid).
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		assert!(!RequestRounds::<Test>::contains_key(0, 1));
		assert_eq!(free(1), INITIAL - 1_000 + 35);
		assert_eq!(free(2), INITIAL - 2_000 + 50);
		assert_eq!(held(ALICE), 15);
		assert_eq!(free(ALICE), INITIAL - 15 - 85);
		assert_eq!(issuance(), supply);
	});
}

#[test]
fn per_request_rounds_are_claimable_only_while_verifiable() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let price = PriceModel::PerRequest { price: 2, cap: 4 };
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, price));
		advance_to(9, &[]);
		// Round 1 left the history at round 9 (first verifiable: 2).
		assert_noop!(Escrow::pay_for_requests(0, &1, 1, 1), Error::<Test>::RoundNotClaimable);
		assert_eq!(Escrow::pay_for_requests(0, &1, 2, 0), Ok(0));
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL);
	});
}

#[test]
fn try_state_detects_broken_conservation() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, per_round(10)));
		assert_ok!(Escrow::do_try_state());
		Policies::<Test>::mutate(0, |p| p.as_mut().unwrap().paid += 1);
		assert!(Escrow::do_try_state().is_err());
		Policies::<Test>::mutate(0, |p| p.as_mut().unwrap().paid -= 1);
		Policies::<Test>::mutate(0, |p| p.as_mut().unwrap().providers[0].next_round = 2);
		assert!(Escrow::do_try_state().is_err());
		Policies::<Test>::mutate(0, |p| p.as_mut().unwrap().providers[0].next_round = 1);
		OwnerPolicies::<Test>::remove(ALICE);
		assert!(Escrow::do_try_state().is_err());
		OwnerPolicies::<Test>::insert(ALICE, BoundedVec::try_from(vec![0]).unwrap());
		assert_ok!(Escrow::do_try_state());
	});
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Escrow as Hooks<u64>>::integrity_test();
		assert_eq!(Escrow::reap_rounds(), 3);
	});
}

#[test]
fn requests_payable_until_bounds_every_way_a_slot_closes() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		let price = PriceModel::PerRequest { price: 5, cap: 10 };
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, price));
		assert_ok!(create(ALICE, explicit(&[1]), 1, 10, price));
		assert_eq!(
			Escrow::requests_payable_until(0, &1, 1),
			Err(Error::<Test>::RoundNotSettled.into())
		);
		advance_to(4, &[]);
		// Policy 0 ends before 3: reapable from 3 + 2 + 2 = 7.
		assert_eq!(Escrow::requests_payable_until(0, &1, 1), Ok(6));
		// Policy 1: verifiable until 1 + 8 - 1 = 8; a revocation now would
		// make it reapable from 5 + 2 + 2 = 9.
		assert_eq!(Escrow::requests_payable_until(1, &1, 1), Ok(8));
		assert_eq!(
			Escrow::requests_payable_until(9, &1, 1),
			Err(Error::<Test>::UnknownPolicy.into())
		);
		assert_eq!(
			Escrow::requests_payable_until(0, &9, 1),
			Err(Error::<Test>::NotPolicyProvider.into())
		);
		advance_to(6, &[]);
		assert_eq!(Escrow::pay_for_requests(0, &1, 1, 2), Ok(10));
		assert_eq!(
			Escrow::requests_payable_until(0, &1, 1),
			Err(Error::<Test>::AlreadyPaid.into())
		);
		advance_to(7, &[]);
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		// Unrevoked: min(2 + 7, 11 + 3, 7 + 4) = 9; revoking at 7 ends the
		// policy before 8, reapable from 12, so 9 still holds.
		assert_eq!(Escrow::requests_payable_until(1, &1, 2), Ok(9));
		assert_ok!(Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 1));
		assert_eq!(Escrow::requests_payable_until(1, &1, 2), Ok(9));
		assert_eq!(Escrow::requests_payable_until(1, &1, 1), Ok(8));
		advance_to(9, &[]);
		assert_eq!(
			Escrow::requests_payable_until(1, &1, 1),
			Err(Error::<Test>::RoundNotClaimable.into())
		);
		assert_eq!(Escrow::requests_payable_until(1, &1, 2), Ok(9));
		assert_eq!(Escrow::pay_for_requests(1, &1, 2, 1), Ok(5));
	});
}

#[test]
fn settlement_preview_is_what_the_next_settlement_moves() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[3, 4]), 1, 3, per_round(50)));
		unavailable(4, 2);
		// Before any round settled, nothing moves and the calls refuse.
		advance_to(2, &[(3, 2)]);
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((0, 0, 0)));
		assert_noop!(
			Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 3),
			Error::<Test>::NothingToSettle
		);
		advance_to(6, &[(3, 2)]);
		// Provider 3 missed round 2, provider 4 was proven unavailable in it.
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((100, 50, 3)));
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 1), Ok((100, 50, 3)));
		assert_eq!(
			Escrow::settlement_preview(0, &policy(0), 2),
			Err(Error::<Test>::NotPolicyProvider.into())
		);
		let (owner_free, free_3) = (free(ALICE), free(3));
		assert_ok!(Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 3));
		assert_eq!((free(ALICE), free(3)), (owner_free + 50, free_3 + 100));
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((0, 0, 0)));
		let free_4 = free(4);
		claim(4, 0);
		assert_eq!((free(ALICE), free(4)), (owner_free + 100, free_4 + 100));
	});
}

#[test]
fn settlement_preview_is_bounded_by_max_claim_rounds() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1]), 1, 6, per_round(10)));
		advance_to(8, &[]);
		// Rounds 1..=5 are settled; one call settles MaxClaimRounds (3).
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((30, 0, 3)));
		claim(1, 0);
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((20, 0, 2)));
		claim(1, 0);
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((0, 0, 0)));
		// At round 10 round 6 has settled but round 1 left the history:
		// nothing of it is left, so only round 6 is settled.
		advance_to(10, &[]);
		assert_eq!(Escrow::settlement_preview(0, &policy(0), 0), Ok((10, 0, 1)));
	});
}

#[test]
fn revocation_preview_matches_revoke_policy() {
	ExtBuilder::default().four_providers().build_and_execute(|| {
		assert_ok!(create(ALICE, explicit(&[1, 2, 3]), 1, 10, per_round(10)));
		assert_ok!(create(ALICE, explicit(&[1]), 1, 2, per_round(10)));
		advance_to(4, &[]);
		assert!(matches!(Escrow::revocation(&policy(0), current()), Ok((5, 180))));
		// Policy 1's last round (2) has passed: nothing to revoke.
		assert!(matches!(
			Escrow::revocation(&policy(1), current()),
			Err(Error::<Test>::PolicyEnded)
		));
		assert_noop!(
			Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::PolicyEnded
		);
		let held_before = held(ALICE);
		assert_ok!(Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(held(ALICE), held_before - 180);
		assert_eq!(policy(0).end, 5);
		assert!(matches!(
			Escrow::revocation(&policy(0), current()),
			Err(Error::<Test>::AlreadyRevoked)
		));
	});
}

/// Attack (issue 15, item 6): a provider earns a fee below the existential
/// deposit, then leaves and its account is reaped. On main, paying it
/// failed (the transfer would create a dust account), which blocked the
/// owner's `refund_unearned` and anyone's `reap_policy` until the round
/// left the history. Now an unpayable fee goes back to the owner and the
/// settlement goes through; money is conserved.
#[test]
fn threat_dust_fee_blocks_refund() {
	ExtBuilder::default().four_providers().provider(5, 1_000, 3).build_and_execute(|| {
		let supply = issuance();
		assert_ok!(create(ALICE, explicit(&[1, 5]), 1, 1, per_round(50)));
		// Provider 5 leaves once its lock is over: unbonds, withdraws and
		// empties its account.
		advance_to(4, &[(5, 4)]);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(5), 1_000));
		advance_to(4 + 3, &[(5, 5), (5, 6), (5, 7)]);
		while Staking::claim_rewards(RuntimeOrigin::signed(5), 5).is_ok() {}
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(5)));
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(5), 9, false));
		assert!(!frame_system::Account::<Test>::contains_key(5));
		// The fee it earned is now below the existential deposit.
		ExistentialDeposit::set(100);
		let (held_before, free_before) = (held(ALICE), free(ALICE));
		escrow_events();
		assert_ok!(Escrow::refund_unearned(RuntimeOrigin::signed(ALICE), 0, 5));
		assert_eq!(
			escrow_events(),
			vec![
				Event::FeesPaid { policy: 0, provider: 5, from: 1, to: 1, amount: 0 },
				Event::Refunded { policy: 0, owner: ALICE, amount: 50 },
			]
		);
		assert_eq!(held(ALICE), held_before - 50);
		assert_eq!(free(ALICE), free_before + 50);
		assert!(!frame_system::Account::<Test>::contains_key(5));
		// The other provider is paid as usual, and the policy is reaped.
		claim(1, 0);
		advance_to(Escrow::reapable_from(1), &[]);
		assert_ok!(Escrow::reap_policy(RuntimeOrigin::signed(9), 0));
		assert_eq!(held(ALICE), 0);
		assert_eq!(issuance(), supply);
		ExistentialDeposit::set(1);
	});
}
