//! Unit tests; every test ends with the pallet's `do_try_state` check.

use crate::{
	mock::*,
	pallet::{
		ChallengeSeeds, ClaimKind, ClaimOutcome, Claims as ClaimsStorage, Commitments,
		CommitteeSignatures, Event, ForfeitReason, OldestClaimRound, OpeningFailure, Openings,
		Parameters, Params,
	},
	ClaimStatement, Error, Offence, PolicyId, ProofError, Receipt, RoundIndex, SlashReason,
	Slashing,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight, BoundedVec};
use market_primitives::{
	claims::statement_payload, domain::SigningDomain, domain::SERVICE_CLAIMS_TAG as CLAIMS_TAG,
	escrow::PriceModel, staking::ProviderRegistry,
};
use pallet_policy_escrow::Error as EscrowError;
use sp_core::Pair;

/// The claimed round.
const ROUND_R: RoundIndex = 1;

struct Setup {
	policy: PolicyId,
	/// A second policy, of `claimant` only.
	policy2: PolicyId,
	/// A provider of the policy.
	claimant: AccountId,
	/// Another one.
	other: AccountId,
	/// A third one, a member of `claimant`'s committee.
	member: AccountId,
}

/// A per-request policy for rounds 1..5 of three providers, the third a
/// member of the first one's committee; the chain at round 4, where round
/// 1 has settled.
fn setup() -> Setup {
	advance_to_round(ROUND_R);
	let claimant = 1;
	let committee = Claims::committee(ROUND_R, &claimant);
	assert_eq!(
		committee.iter().map(|(_, seats)| seats).sum::<u32>(),
		Params::<Test>::get().committee_size
	);
	assert!(committee.iter().all(|(m, _)| *m != claimant));
	let member = committee[0].0;
	let other = (2..=PROVIDERS).find(|p| *p != member).unwrap();
	let policy = create_policy(&[claimant, other, member], ROUND_R, 4);
	let policy2 = create_policy(&[claimant], ROUND_R, 4);
	advance_to_round(ROUND_R + MAX_REPORT_AGE + 1);
	events();
	Setup { policy, policy2, claimant, other, member }
}

/// `provider`'s committee for the claimed round.
fn committee_of(provider: AccountId) -> Vec<(AccountId, u32)> {
	Claims::committee(ROUND_R, &provider)
}

fn payload(policy: PolicyId, provider: AccountId, round: RoundIndex, served: u32) -> Vec<u8> {
	statement_payload(
		&Claims::signing_domain(),
		&ClaimStatement { policy, provider, round, served },
	)
}

/// Signatures of `provider`'s committee members at `indices` on `payload`.
fn sign_by(provider: AccountId, indices: &[u32], payload: &[u8]) -> CommitteeSignatures<Test> {
	let committee = committee_of(provider);
	BoundedVec::truncate_from(
		indices
			.iter()
			.map(|i| (*i, operator(committee[*i as usize].0 as u8).sign(payload)))
			.collect::<Vec<_>>(),
	)
}

/// Indices of all of `provider`'s committee members.
fn all_members(provider: AccountId) -> Vec<u32> {
	(0..committee_of(provider).len() as u32).collect()
}

/// The first indices of `provider`'s committee holding at least `seats`.
fn members_holding(provider: AccountId, seats: u32) -> Vec<u32> {
	let mut held = 0;
	let mut indices = Vec::new();
	for (i, (_, n)) in committee_of(provider).iter().enumerate() {
		if held >= seats {
			break;
		}
		indices.push(i as u32);
		held += n;
	}
	assert!(held >= seats, "the committee holds {held} seats");
	indices
}

fn attest(s: &Setup, provider: AccountId, served: u32) -> CommitteeSignatures<Test> {
	sign_by(provider, &all_members(provider), &payload(s.policy, provider, ROUND_R, served))
}

fn submit(
	s: &Setup,
	provider: AccountId,
	served: u32,
	sigs: CommitteeSignatures<Test>,
) -> sp_runtime::DispatchResult {
	Claims::submit_attested_claim(RuntimeOrigin::signed(provider), s.policy, ROUND_R, served, sigs)
}

fn commit(s: &Setup, provider: AccountId, leaves: &[Receipt<AccountId>]) -> sp_runtime::DispatchResult {
	Claims::commit_claim(
		RuntimeOrigin::signed(provider),
		s.policy,
		ROUND_R,
		root_of(leaves),
		leaves.len() as u32,
	)
}

/// The challenges of `provider`'s commitment.
fn challenges(s: &Setup, provider: AccountId) -> Vec<u32> {
	let c = Commitments::<Test>::get((s.policy, provider, ROUND_R)).unwrap();
	Claims::challenges(s.policy, &provider, ROUND_R, &c).unwrap()
}

fn open(
	s: &Setup,
	provider: AccountId,
	openings: Vec<crate::pallet::Opening<AccountId>>,
) -> sp_runtime::DispatchResult {
	Claims::open_claim(
		RuntimeOrigin::signed(provider),
		s.policy,
		ROUND_R,
		Openings::<Test>::truncate_from(openings),
	)
}

/// Commits `leaves` for `provider`, moves to the next round and opens the
/// challenged leaves, after `tamper` changed the openings.
fn commit_and_open(
	s: &Setup,
	provider: AccountId,
	leaves: &[Receipt<AccountId>],
	tamper: impl FnOnce(&mut Vec<crate::pallet::Opening<AccountId>>),
) -> sp_runtime::DispatchResult {
	assert_ok!(commit(s, provider, leaves));
	advance_to_round(Staking::current_round() + 1);
	let mut list = openings(leaves, &challenges(s, provider));
	tamper(&mut list);
	events();
	open(s, provider, list)
}

#[test]
fn attested_claim_is_paid_from_escrow() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let supply = issuance();
		let (escrow, provider) = (held_escrow(ALICE), free(s.claimant));
		let owner = free(ALICE);
		assert_ok!(submit(&s, s.claimant, 10, attest(&s, s.claimant, 10)));
		assert_eq!(free(s.claimant), provider + 10 * PRICE);
		// The slot's whole budget left the hold: 30 paid, 90 refunded.
		assert_eq!(held_escrow(ALICE), escrow - CAP as u64 * PRICE);
		assert_eq!(free(ALICE), owner + (CAP as u64 - 10) * PRICE);
		assert_eq!(issuance(), supply);
		assert_eq!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)),
			Some(ClaimOutcome::Paid { kind: ClaimKind::Attested, served: 10, amount: 30 })
		);
		assert_eq!(
			events(),
			vec![Event::ClaimPaid {
				policy: s.policy,
				provider: s.claimant,
				round: ROUND_R,
				kind: ClaimKind::Attested,
				served: 10,
				amount: 30,
			}]
		);
		// Members holding exactly the threshold suffice; a member of the
		// claimant's committee is attested by its own committee.
		let quorum = members_holding(s.member, THRESHOLD);
		assert_ok!(submit(
			&s,
			s.member,
			1,
			sign_by(s.member, &quorum, &payload(s.policy, s.member, ROUND_R, 1))
		));
		// Once per slot.
		assert_noop!(
			submit(&s, s.claimant, 10, attest(&s, s.claimant, 10)),
			Error::<Test>::AlreadyClaimed
		);
	});
}

#[test]
fn attested_claim_refusals() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (p, pol) = (s.claimant, s.policy);
		let good = attest(&s, p, 10);
		assert_noop!(submit(&s, p, 0, attest(&s, p, 0)), Error::<Test>::ZeroServed);
		assert_noop!(
			Claims::submit_attested_claim(RuntimeOrigin::signed(p), 99, ROUND_R, 10, good.clone()),
			Error::<Test>::UnknownPolicy
		);
		assert_noop!(submit(&s, p, CAP + 1, attest(&s, p, CAP + 1)), Error::<Test>::AboveCap);
		let outsider =
			(1..=PROVIDERS).find(|x| ![s.claimant, s.other, s.member].contains(x)).unwrap();
		assert_noop!(
			submit(&s, outsider, 10, attest(&s, outsider, 10)),
			Error::<Test>::NotPolicyProvider
		);
		// Round 2 has not settled at round 4; round 5 is not in the policy.
		for (round, error) in
			[(2, EscrowError::<Test>::RoundNotSettled), (0, EscrowError::<Test>::RoundNotInPolicy)]
		{
			let sigs = sign_by(p, &all_members(p), &payload(pol, p, round, 10));
			assert_noop!(
				Claims::submit_attested_claim(RuntimeOrigin::signed(p), pol, round, 10, sigs),
				error
			);
		}
		let msg = payload(pol, p, ROUND_R, 10);
		// One member fewer than a quorum, or nobody.
		let mut short = members_holding(p, THRESHOLD);
		short.pop();
		assert_noop!(submit(&s, p, 10, sign_by(p, &short, &msg)), Error::<Test>::BelowThreshold);
		assert_noop!(submit(&s, p, 10, BoundedVec::new()), Error::<Test>::BelowThreshold);
		// A member's seats count once, whatever its signatures.
		let members = all_members(p);
		assert!(members.len() >= 2, "{:?}", committee_of(p));
		let dup = sign_by(p, &[members[0], members[0], members[1]], &msg);
		assert_noop!(submit(&s, p, 10, dup), Error::<Test>::SignersNotSorted);
		let unsorted = sign_by(p, &[members[1], members[0]], &msg);
		assert_noop!(submit(&s, p, 10, unsorted), Error::<Test>::SignersNotSorted);
		let mut beyond = sign_by(p, &members, &msg).into_inner();
		let last = beyond.len() - 1;
		beyond[last].0 = members.len() as u32;
		assert_noop!(
			submit(&s, p, 10, BoundedVec::truncate_from(beyond)),
			Error::<Test>::NotACommitteeMember
		);
		// The claimant is never drawn into its own committee: its own
		// signature at any index is by the wrong key.
		let mut own = sign_by(p, &members, &msg).into_inner();
		own[0].1 = operator(p as u8).sign(&msg);
		assert_noop!(
			submit(&s, p, 10, BoundedVec::truncate_from(own)),
			Error::<Test>::InvalidSignature
		);
		// Signed for another count, by the wrong key, or in another domain.
		assert_noop!(submit(&s, p, 11, good.clone()), Error::<Test>::InvalidSignature);
		let mut wrong_key = good.clone().into_inner();
		wrong_key[0].1 = operator(99).sign(&msg);
		assert_noop!(
			submit(&s, p, 10, BoundedVec::truncate_from(wrong_key)),
			Error::<Test>::InvalidSignature
		);
		let other_chain = SigningDomain::new([1; 32], CLAIMS_TAG, 1);
		let foreign = statement_payload(
			&other_chain,
			&ClaimStatement { policy: pol, provider: p, round: ROUND_R, served: 10 },
		);
		assert_noop!(
			submit(&s, p, 10, sign_by(p, &all_members(p), &foreign)),
			Error::<Test>::InvalidSignature
		);
		// A pending commitment excludes an attestation.
		assert_ok!(commit(&s, p, &receipts(pol, p, ROUND_R, 10)));
		assert_noop!(submit(&s, p, 10, good), Error::<Test>::CommitmentPending);
	});
}

#[test]
fn per_round_policies_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Escrow::create_policy(
			RuntimeOrigin::signed(ALICE),
			pallet_policy_escrow::ProviderChoice::Explicit(BoundedVec::truncate_from(vec![1])),
			0,
			2,
			PriceModel::PerRound { price: 5 },
			BoundedVec::truncate_from(vec![requester(1).public()]),
		));
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(1), 0, 0, [0; 32], 1),
			Error::<Test>::NotPerRequestPolicy
		);
		assert_noop!(
			Claims::submit_attested_claim(RuntimeOrigin::signed(1), 0, 0, 1, BoundedVec::new()),
			Error::<Test>::NotPerRequestPolicy
		);
	});
}

#[test]
fn committed_claim_is_paid_when_opened() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let supply = issuance();
		let (escrow, provider) = (held_escrow(ALICE), free(s.claimant));
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		let c = Commitments::<Test>::get((s.policy, s.claimant, ROUND_R)).unwrap();
		assert_eq!(c.open_until, 4 + OPEN_DEADLINE);
		assert_eq!(c.seed_block, System::block_number() + CHALLENGE_BLOCKS + 1);
		// Before the seed: not ready, and the same round is never ready.
		assert_noop!(open(&s, s.claimant, vec![]), Error::<Test>::ChallengeNotReady);
		run_to_block(System::block_number() + CHALLENGE_BLOCKS + 1);
		assert!(ChallengeSeeds::<Test>::get(c.seed_block).unwrap().seed.is_some());
		assert_noop!(open(&s, s.claimant, vec![]), Error::<Test>::ChallengeNotReady);
		advance_to_round(5);
		let indices = challenges(&s, s.claimant);
		assert_eq!(indices.len() as u32, CHALLENGES);
		let list = openings(&leaves, &indices);
		assert_noop!(open(&s, s.claimant, list[..3].to_vec()), Error::<Test>::WrongOpeningCount);
		assert_noop!(open(&s, s.other, list.clone()), Error::<Test>::NoCommitment);
		events();
		assert_ok!(open(&s, s.claimant, list));
		assert_eq!(
			events(),
			vec![Event::ClaimPaid {
				policy: s.policy,
				provider: s.claimant,
				round: ROUND_R,
				kind: ClaimKind::Committed,
				served: 10,
				amount: 30,
			}]
		);
		assert_eq!(free(s.claimant), provider + 30);
		assert_eq!(held_escrow(ALICE), escrow - CAP as u64 * PRICE);
		assert_eq!(issuance(), supply);
		assert!(!Commitments::<Test>::contains_key((s.policy, s.claimant, ROUND_R)));
		assert!(!ChallengeSeeds::<Test>::contains_key(c.seed_block));
		assert_noop!(commit(&s, s.claimant, &leaves), Error::<Test>::AlreadyClaimed);
		assert_noop!(
			submit(&s, s.claimant, 10, attest(&s, s.claimant, 10)),
			Error::<Test>::AlreadyClaimed
		);
	});
}

#[test]
fn a_single_request_is_challenged_at_its_only_leaf() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 1);
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |_| {}));
		assert_eq!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)),
			Some(ClaimOutcome::Paid { kind: ClaimKind::Committed, served: 1, amount: PRICE })
		);
	});
}

#[test]
fn commit_refusals() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let p = s.claimant;
		let c = |round, served| {
			Claims::commit_claim(RuntimeOrigin::signed(p), s.policy, round, [1; 32], served)
		};
		assert_noop!(c(ROUND_R, 0), Error::<Test>::ZeroServed);
		assert_noop!(c(ROUND_R, CAP + 1), Error::<Test>::AboveCap);
		assert_noop!(c(2, 5), EscrowError::<Test>::RoundNotSettled);
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(BOB), s.policy, ROUND_R, [1; 32], 5),
			Error::<Test>::NotPolicyProvider
		);
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(p), 77, ROUND_R, [1; 32], 5),
			Error::<Test>::UnknownPolicy
		);
		assert_ok!(c(ROUND_R, 5));
		assert_noop!(c(ROUND_R, 5), Error::<Test>::CommitmentPending);
		assert_ok!(submit(&s, s.other, 3, attest(&s, s.other, 3)));
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(s.other), s.policy, ROUND_R, [1; 32], 3),
			Error::<Test>::AlreadyClaimed
		);
		// Round 1 stays payable until round 8: at round 7 a deadline of 9
		// would fall outside; at round 9 the escrow refuses the round.
		advance_to_round(7);
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(s.member), s.policy, ROUND_R, [1; 32], 3),
			Error::<Test>::DeadlineOutsideClaimWindow
		);
		advance_to_round(9);
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(s.member), s.policy, ROUND_R, [1; 32], 3),
			EscrowError::<Test>::RoundNotClaimable
		);
	});
}

/// Asserts that `provider`'s claim was forfeited for a bad opening with
/// `failure`, slashed `ClaimSlash + w * price` and burned (no reporter).
fn assert_forfeited(
	s: &Setup,
	provider: AccountId,
	w: u32,
	failure: OpeningFailure,
	stake: Balance,
	supply: Balance,
) {
	let slash = CLAIM_SLASH + w as u64 * PRICE;
	let evs = events();
	assert!(
		matches!(evs.first(), Some(Event::OpeningRejected { failure: f, .. }) if *f == failure),
		"{evs:?}"
	);
	assert_eq!(
		evs.last(),
		Some(&Event::ClaimForfeited {
			policy: s.policy,
			provider,
			round: ROUND_R,
			reason: ForfeitReason::BadOpening,
			slashed: slash,
		})
	);
	assert_eq!(held_stake(provider), stake - slash);
	assert_eq!(issuance(), supply - slash);
	assert_eq!(
		ClaimsStorage::<Test>::get((ROUND_R, s.policy, provider)),
		Some(ClaimOutcome::Forfeited { slashed: slash })
	);
	assert!(!Commitments::<Test>::contains_key((s.policy, provider, ROUND_R)));
}

#[test]
fn a_duplicated_record_is_caught_when_challenged() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply, escrow) = (held_stake(s.claimant), issuance(), held_escrow(ALICE));
		// Four leaves, all challenged; leaf 2 repeats leaf 1.
		let mut leaves = receipts(s.policy, s.claimant, ROUND_R, 4);
		leaves[2] = leaves[1].clone();
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |_| {}));
		assert_forfeited(
			&s,
			s.claimant,
			4,
			OpeningFailure::BadProof(ProofError::NotSorted),
			stake,
			supply,
		);
		// Nothing was paid; the slot is closed for this pallet.
		assert_eq!(held_escrow(ALICE), escrow);
		assert_noop!(
			submit(&s, s.claimant, 3, attest(&s, s.claimant, 3)),
			Error::<Test>::AlreadyClaimed
		);
	});
}

#[test]
fn out_of_order_leaves_are_caught() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply) = (held_stake(s.claimant), issuance());
		let mut leaves = receipts(s.policy, s.claimant, ROUND_R, 4);
		leaves.swap(0, 3);
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |_| {}));
		assert_forfeited(
			&s,
			s.claimant,
			4,
			OpeningFailure::BadProof(ProofError::NotSorted),
			stake,
			supply,
		);
	});
}

#[test]
fn a_forged_requester_signature_is_caught() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply) = (held_stake(s.claimant), issuance());
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 6);
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |list| {
			// Requester 2 signs a receipt naming requester 1, or vice versa.
			let r = list[1].receipt.clone();
			let forger = if requester_index(&r.requester) == 1 { 2 } else { 1 };
			list[1].signature = sign_receipt(forger, &r);
		}));
		assert_forfeited(&s, s.claimant, 6, OpeningFailure::BadSignature, stake, supply);
	});
}

#[test]
fn an_unauthorized_requester_is_caught() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply) = (held_stake(s.claimant), issuance());
		let leaves: Vec<_> = (0..4).map(|n| receipt(s.policy, s.claimant, ROUND_R, 3, n)).collect();
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |list| {
			for o in list.iter_mut() {
				o.signature = sign_receipt(3, &o.receipt);
			}
		}));
		assert_forfeited(&s, s.claimant, 4, OpeningFailure::UnauthorizedRequester, stake, supply);
	});
}

#[test]
fn records_of_another_policy_or_round_are_caught() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply) = (held_stake(s.claimant), issuance());
		let leaves = receipts(s.policy + 1, s.claimant, ROUND_R, 4);
		assert_ok!(commit_and_open(&s, s.claimant, &leaves, |_| {}));
		assert_forfeited(&s, s.claimant, 4, OpeningFailure::WrongPolicy, stake, supply);

		let (stake, supply) = (held_stake(s.other), issuance());
		let leaves = receipts(s.policy, s.other, ROUND_R + 1, 4);
		assert_ok!(commit_and_open(&s, s.other, &leaves, |_| {}));
		assert_forfeited(&s, s.other, 4, OpeningFailure::WrongRound, stake, supply);
	});
}

#[test]
fn a_late_opening_is_refused_and_expiry_slashes() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (stake, supply, bob) = (held_stake(s.claimant), issuance(), free(BOB));
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		let deadline = 4 + OPEN_DEADLINE;
		advance_to_round(deadline);
		let list = openings(&leaves, &challenges(&s, s.claimant));
		assert_noop!(
			Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.claimant, ROUND_R),
			Error::<Test>::OpenWindowNotOver
		);
		advance_to_round(deadline + 1);
		assert_noop!(open(&s, s.claimant, list), Error::<Test>::OpenDeadlinePassed);
		assert_noop!(
			Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.other, ROUND_R),
			Error::<Test>::NoCommitment
		);
		events();
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.claimant, ROUND_R));
		let slash = CLAIM_SLASH + 10 * PRICE;
		let share = slash / 10;
		assert_eq!(
			events(),
			vec![Event::ClaimForfeited {
				policy: s.policy,
				provider: s.claimant,
				round: ROUND_R,
				reason: ForfeitReason::NotOpened,
				slashed: slash,
			}]
		);
		assert_eq!(held_stake(s.claimant), stake - slash);
		assert_eq!(free(BOB), bob + share);
		assert_eq!(issuance(), supply - slash + share);
		assert_noop!(
			Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.claimant, ROUND_R),
			Error::<Test>::NoCommitment
		);
	});
}

/// Frauds on two policies opened in one round are two offences: both are
/// slashed (on main the staking pallet allowed one fraud slash per round,
/// and the second waited for an expiry in a later round).
#[test]
fn frauds_on_two_policies_in_one_round_are_both_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let p = s.claimant;
		let mut leaves = receipts(s.policy, p, ROUND_R, 4);
		leaves[2] = leaves[1].clone();
		let mut leaves2 = receipts(s.policy2, p, ROUND_R, 4);
		leaves2[2] = leaves2[1].clone();
		assert_ok!(commit(&s, p, &leaves));
		assert_ok!(Claims::commit_claim(
			RuntimeOrigin::signed(p),
			s.policy2,
			ROUND_R,
			root_of(&leaves2),
			4
		));
		advance_to_round(5);
		let stake = held_stake(p);
		assert_ok!(open(&s, p, openings(&leaves, &challenges(&s, p))));
		let c = Commitments::<Test>::get((s.policy2, p, ROUND_R)).unwrap();
		let indices = Claims::challenges(s.policy2, &p, ROUND_R, &c).unwrap();
		let list = Openings::<Test>::truncate_from(openings(&leaves2, &indices));
		assert_ok!(Claims::open_claim(RuntimeOrigin::signed(p), s.policy2, ROUND_R, list));
		let slash = CLAIM_SLASH + 4 * PRICE;
		assert_eq!(held_stake(p), stake - 2 * slash);
		for policy in [s.policy, s.policy2] {
			assert_eq!(
				ClaimsStorage::<Test>::get((ROUND_R, policy, p)),
				Some(ClaimOutcome::Forfeited { slashed: slash })
			);
		}
	});
}

/// Should the staking pallet refuse a fraud slash (here: the offence was
/// already punished through the staking trait), the commitment stays,
/// marked failed: the provider gets no second opening, and an expiry is
/// refused for as long as the slasher refuses.
#[test]
fn a_refused_slash_keeps_the_commitment_failed() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let p = s.claimant;
		let mut leaves = receipts(s.policy, p, ROUND_R, 4);
		leaves[2] = leaves[1].clone();
		assert_ok!(commit(&s, p, &leaves));
		advance_to_round(5);
		let offence = Offence { reason: SlashReason::ClaimFraud, round: ROUND_R, subject: s.policy };
		assert_ok!(<Staking as Slashing<_, _>>::slash(&p, 1, offence, &[]));
		let stake = held_stake(p);
		let list = Openings::<Test>::truncate_from(openings(&leaves, &challenges(&s, p)));
		events();
		assert_ok!(Claims::open_claim(RuntimeOrigin::signed(p), s.policy, ROUND_R, list.clone()));
		assert!(matches!(events().last(), Some(Event::SlashDeferred { .. })));
		assert_eq!(held_stake(p), stake);
		let key = (s.policy, p, ROUND_R);
		assert!(Commitments::<Test>::get(key).unwrap().failed);
		assert_noop!(
			Claims::open_claim(RuntimeOrigin::signed(p), s.policy, ROUND_R, list),
			Error::<Test>::OpeningFailed
		);
		assert_noop!(
			Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, p, ROUND_R),
			Error::<Test>::SlashRefused
		);
	});
}

/// Attack (issue 15, sequence 1): a policy has providers U1 and U2 (a
/// Sybil of U1); the requests went to U1 only. On main, records did not
/// name the provider, so U2 committed U1's root and opened U1's openings
/// and both were paid `w * price`. Now every leaf names the provider it
/// pays: U2's opening is rejected (`WrongProvider`), its claim forfeited
/// and slashed `claim_slash + w * price`, and the escrow pays U1 only.
#[test]
fn threat_receipts_of_one_provider_pay_another() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let (u1, u2) = (s.claimant, s.other);
		let leaves = receipts(s.policy, u1, ROUND_R, 10);
		// The Sybil commits U1's root and count, and opens U1's leaves.
		assert_ok!(commit(&s, u1, &leaves));
		assert_ok!(commit(&s, u2, &leaves));
		advance_to_round(Staking::current_round() + 1);
		let (escrow, supply, owner) = (held_escrow(ALICE), issuance(), free(ALICE));
		let (u1_free, u2_free, u2_stake) = (free(u1), free(u2), held_stake(u2));
		assert_ok!(open(&s, u1, openings(&leaves, &challenges(&s, u1))));
		events();
		assert_ok!(open(&s, u2, openings(&leaves, &challenges(&s, u2))));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::OpeningRejected { failure: OpeningFailure::WrongProvider, .. }
		)));
		let slash = CLAIM_SLASH + 10 * PRICE;
		assert_eq!(free(u1), u1_free + 10 * PRICE);
		assert_eq!(free(u2), u2_free, "the Sybil is paid nothing");
		assert_eq!(held_stake(u2), u2_stake - slash);
		// Money: U1's slot left the escrow (paid to U1, the unused cap
		// refunded to the owner); the Sybil's slot stays for the owner's
		// refund; the Sybil's slash was burned (no reporter for a bad
		// opening).
		assert_eq!(held_escrow(ALICE), escrow - u64::from(CAP) * PRICE);
		assert_eq!(free(ALICE), owner + (u64::from(CAP) - 10) * PRICE);
		assert_eq!(issuance(), supply - slash);
		assert_eq!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, u2)),
			Some(ClaimOutcome::Forfeited { slashed: slash })
		);
	});
}

/// Attack: a provider that committed and never opened expires its own
/// claim, hoping to collect the reporter share of its own slash. The
/// staking pallet pays no share to the offender: the full slash is lost
/// (burned), nothing comes back.
#[test]
fn threat_offender_expires_its_own_claim() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let p = s.claimant;
		let leaves = receipts(s.policy, p, ROUND_R, 4);
		assert_ok!(commit(&s, p, &leaves));
		let c = Commitments::<Test>::get((s.policy, p, ROUND_R)).unwrap();
		advance_to_round(c.open_until + 1);
		let (before_free, before_stake, supply) = (free(p), held_stake(p), issuance());
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(p), s.policy, p, ROUND_R));
		let slash = CLAIM_SLASH + 4 * PRICE;
		assert_eq!(held_stake(p), before_stake - slash);
		assert_eq!(free(p), before_free, "no reporter share to the offender");
		assert_eq!(issuance(), supply - slash);
	});
}

/// Issue 14, sequence 2: a commitment's challenges used to be the VRF
/// output of the next block, known to that block's author at commit time.
/// Now each of the `ChallengeBlocks` blocks after the commitment moves
/// them: no single author's output decides them, and a colluding author
/// of the next block alone learns nothing it could fill the tree with.
#[test]
fn threat_challenges_known_to_the_next_author() {
	let challenges_with = |changed: Option<u64>| {
		let mut ext = ExtBuilder::default().build();
		ext.execute_with(|| {
			pallet_provider_staking::testing::reset_vrf_outputs();
			let s = setup();
			let commit_block = System::block_number();
			if let Some(offset) = changed {
				pallet_provider_staking::testing::set_vrf_output(
					commit_block + offset,
					Some([0xab; 32]),
				);
			}
			assert_ok!(commit(&s, s.claimant, &receipts(s.policy, s.claimant, ROUND_R, 40)));
			let c = Commitments::<Test>::get((s.policy, s.claimant, ROUND_R)).unwrap();
			// Not drawn until the last of the blocks is published.
			run_to_block(c.seed_block - 1);
			assert!(Claims::challenges(s.policy, &s.claimant, ROUND_R, &c).is_none());
			run_to_block(c.seed_block);
			let indices = Claims::challenges(s.policy, &s.claimant, ROUND_R, &c).unwrap();
			Claims::do_try_state().unwrap();
			pallet_provider_staking::testing::reset_vrf_outputs();
			indices
		})
	};
	let honest = challenges_with(None);
	// Whichever single block after the commitment has another author (and
	// so another VRF output), the challenges change.
	for offset in 1..=CHALLENGE_BLOCKS {
		assert_ne!(challenges_with(Some(offset)), honest, "block +{offset}");
	}
	// The seed is a function of the accumulated entropy of the seed block.
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		assert_ok!(commit(&s, s.claimant, &receipts(s.policy, s.claimant, ROUND_R, 5)));
		let c = Commitments::<Test>::get((s.policy, s.claimant, ROUND_R)).unwrap();
		run_to_block(c.seed_block);
		let stored = ChallengeSeeds::<Test>::get(c.seed_block).unwrap();
		let entropy = pallet_provider_staking::Entropy::<Test>::get();
		assert_eq!(stored.seed, Some(Claims::seed_from(&entropy, c.seed_block)));
		assert_eq!(stored.refs, 1);
	});
}

#[test]
fn outcomes_are_pruned_after_the_history() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		assert_ok!(submit(&s, s.claimant, 2, attest(&s, s.claimant, 2)));
		assert_ok!(submit(&s, s.other, 2, attest(&s, s.other, 2)));
		// Round 1 leaves the history at round 1 + HISTORY; without idle
		// weight nothing is pruned.
		while Staking::current_round() < ROUND_R + HISTORY {
			let next = (Staking::current_round() as u64 + 1) * ROUND;
			run_to_block_with_idle(next, Weight::zero());
		}
		assert!(ClaimsStorage::<Test>::contains_key((ROUND_R, s.policy, s.claimant)));
		assert_eq!(OldestClaimRound::<Test>::get(), 0);
		run_to_block(System::block_number() + 1);
		assert!(!ClaimsStorage::<Test>::contains_key((ROUND_R, s.policy, s.claimant)));
		assert!(!ClaimsStorage::<Test>::contains_key((ROUND_R, s.policy, s.other)));
		assert_eq!(OldestClaimRound::<Test>::get(), 2);
	});
}

#[test]
fn try_state_detects_broken_invariants() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		assert_ok!(commit(&s, s.claimant, &receipts(s.policy, s.claimant, ROUND_R, 5)));
		assert_ok!(Claims::do_try_state());
		ClaimsStorage::<Test>::insert((ROUND_R, s.policy, s.claimant), ClaimOutcome::Unpaid);
		assert!(Claims::do_try_state().is_err());
		ClaimsStorage::<Test>::remove((ROUND_R, s.policy, s.claimant));
		let key = (s.policy, s.claimant, ROUND_R);
		let c = Commitments::<Test>::get(key).unwrap();
		// A deadline when round 1 has left the history, an empty window, no
		// challenges, more challenges than the bound.
		for bad in [
			crate::pallet::Commitment { open_until: ROUND_R + HISTORY, ..c.clone() },
			crate::pallet::Commitment { open_until: c.committed_at, ..c.clone() },
			crate::pallet::Commitment { challenge_count: 0, ..c.clone() },
			crate::pallet::Commitment { challenge_count: CHALLENGES + 1, ..c.clone() },
		] {
			Commitments::<Test>::insert(key, bad);
			assert!(Claims::do_try_state().is_err());
		}
		// The largest deadline and challenge count pass.
		Commitments::<Test>::insert(
			key,
			crate::pallet::Commitment {
				open_until: ROUND_R + HISTORY - 1,
				challenge_count: CHALLENGES,
				..c.clone()
			},
		);
		assert_ok!(Claims::do_try_state());
		Commitments::<Test>::insert(key, c.clone());
		ChallengeSeeds::<Test>::mutate(c.seed_block, |slot| slot.as_mut().unwrap().refs = 2);
		assert!(Claims::do_try_state().is_err());
		ChallengeSeeds::<Test>::mutate(c.seed_block, |slot| slot.as_mut().unwrap().refs = 1);
		assert_ok!(Claims::do_try_state());
		// Stored parameters that fail the checks.
		Params::<Test>::put(Parameters { committee_threshold: 2, ..default_parameters() });
		assert!(Claims::do_try_state().is_err());
		Params::<Test>::put(default_parameters());
		assert_ok!(Claims::do_try_state());
	});
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Claims as Hooks<u64>>::integrity_test();
		assert_eq!(Staking::current_round(), 0);
	});
}

/// Committee of three with threshold two, two challenges, a one-round
/// deadline and a slash of 7: all below the mock's `Config` defaults.
const SMALL: Parameters<Balance> = Parameters {
	committee_size: 3,
	committee_threshold: 2,
	challenge_count: 2,
	open_deadline: 1,
	claim_slash: 7,
};

#[test]
fn genesis_parameters_are_used() {
	ExtBuilder::with_parameters(SMALL).build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), SMALL);
		let s = setup();
		let committee = committee_of(s.claimant);
		assert_eq!(committee.iter().map(|(_, n)| n).sum::<u32>(), 3);
		// The draws are prefix-stable: the default four seats start with
		// the same three.
		let four = Staking::seats_of_round(
			ROUND_R,
			&market_primitives::sampling::COMMITTEE,
			4,
			Some(&s.claimant),
		);
		assert!(committee.iter().all(|(m, n)| four.iter().any(|(f, k)| f == m && k >= n)));
		let msg = payload(s.policy, s.claimant, ROUND_R, 5);
		let mut outside = sign_by(s.claimant, &all_members(s.claimant), &msg).into_inner();
		outside.push((committee.len() as u32, operator(99).sign(&msg)));
		assert_noop!(
			submit(&s, s.claimant, 5, BoundedVec::truncate_from(outside)),
			Error::<Test>::NotACommitteeMember
		);
		// Two seats suffice (the defaults would need three).
		assert_ok!(submit(
			&s,
			s.claimant,
			5,
			sign_by(s.claimant, &members_holding(s.claimant, 2), &msg)
		));

		// A commitment gets two challenges and a one-round window, and its
		// forfeiture costs 7 plus the claimed fees.
		let leaves = receipts(s.policy, s.other, ROUND_R, 10);
		assert_ok!(commit(&s, s.other, &leaves));
		let c = Commitments::<Test>::get((s.policy, s.other, ROUND_R)).unwrap();
		assert_eq!((c.committed_at, c.open_until, c.challenge_count), (4, 5, 2));
		advance_to_round(5);
		assert_eq!(challenges(&s, s.other).len(), 2);
		advance_to_round(6);
		let stake = held_stake(s.other);
		events();
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.other, ROUND_R));
		let slash = 7 + 10 * PRICE;
		assert_eq!(held_stake(s.other), stake - slash);
		assert_eq!(
			events(),
			vec![Event::ClaimForfeited {
				policy: s.policy,
				provider: s.other,
				round: ROUND_R,
				reason: ForfeitReason::NotOpened,
				slashed: slash,
			}]
		);
	});
}

#[test]
#[should_panic(expected = "invalid service-claims genesis parameters: ThresholdNotMajority")]
fn genesis_refuses_invalid_parameters() {
	let _ = ExtBuilder::with_parameters(Parameters { committee_threshold: 1, ..SMALL }).build();
}

#[test]
fn root_sets_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), default_parameters());
		assert_noop!(
			Claims::set_parameters(RuntimeOrigin::signed(ALICE), SMALL),
			sp_runtime::DispatchError::BadOrigin
		);
		events();
		assert_ok!(Claims::set_parameters(RuntimeOrigin::root(), SMALL));
		assert_eq!(Params::<Test>::get(), SMALL);
		assert_eq!(events(), vec![Event::ParametersSet { parameters: SMALL }]);
		advance_to_round(ROUND_R);
		assert_eq!(Claims::committee(ROUND_R, &1).iter().map(|(_, n)| n).sum::<u32>(), 3);
	});
}

#[test]
fn invalid_parameters_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let d = default_parameters();
		let set = |p: Parameters<Balance>| Claims::set_parameters(RuntimeOrigin::root(), p);
		let refused = [
			(
				Parameters { committee_size: COMMITTEE_SIZE + 1, ..d },
				Error::<Test>::CommitteeAboveBound,
			),
			(Parameters { committee_threshold: 2, ..d }, Error::<Test>::ThresholdNotMajority),
			(Parameters { committee_threshold: 0, ..d }, Error::<Test>::ThresholdNotMajority),
			(
				Parameters { committee_size: 0, committee_threshold: 0, ..d },
				Error::<Test>::ThresholdNotMajority,
			),
			(
				Parameters { committee_size: 2, committee_threshold: 1, ..d },
				Error::<Test>::ThresholdNotMajority,
			),
			(
				Parameters { committee_size: 3, committee_threshold: 4, ..d },
				Error::<Test>::ThresholdAboveCommittee,
			),
			(Parameters { challenge_count: 0, ..d }, Error::<Test>::ZeroChallengeCount),
			(
				Parameters { challenge_count: CHALLENGES + 1, ..d },
				Error::<Test>::ChallengeCountAboveBound,
			),
			(Parameters { open_deadline: 0, ..d }, Error::<Test>::ZeroOpenDeadline),
			// 2 + 1 + 5 reaches the history of 8.
			(Parameters { open_deadline: 5, ..d }, Error::<Test>::OpenDeadlineBeyondHistory),
		];
		for (parameters, error) in refused {
			assert_noop!(set(parameters), error);
		}
		// The edges that pass.
		for parameters in [
			Parameters { committee_size: 1, committee_threshold: 1, ..d },
			Parameters { committee_size: 2, committee_threshold: 2, ..d },
			Parameters { challenge_count: 1, open_deadline: 4, claim_slash: 0, ..d },
			d,
		] {
			assert_ok!(set(parameters));
			assert_eq!(Params::<Test>::get(), parameters);
		}
	});
}

#[test]
fn pending_commitments_keep_their_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		// Committed under the defaults: four challenges, open until round 6.
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		assert_ok!(Claims::set_parameters(
			RuntimeOrigin::root(),
			Parameters { challenge_count: 1, open_deadline: 1, ..default_parameters() }
		));
		// Committed now: one challenge, open until round 5.
		let other_leaves = receipts(s.policy, s.other, ROUND_R, 6);
		assert_ok!(commit(&s, s.other, &other_leaves));
		let c = Commitments::<Test>::get((s.policy, s.other, ROUND_R)).unwrap();
		assert_eq!((c.open_until, c.challenge_count), (5, 1));
		advance_to_round(5);
		assert_ok!(open(&s, s.other, openings(&other_leaves, &challenges(&s, s.other))));
		assert!(matches!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.other)),
			Some(ClaimOutcome::Paid { served: 6, .. })
		));
		let indices = challenges(&s, s.claimant);
		assert_eq!(indices.len() as u32, CHALLENGES);
		assert_noop!(
			open(&s, s.claimant, openings(&leaves, &indices[..1])),
			Error::<Test>::WrongOpeningCount
		);
		// Round 6 is past the new one-round deadline but not the claimant's.
		advance_to_round(6);
		assert_ok!(open(&s, s.claimant, openings(&leaves, &indices)));
		assert!(matches!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)),
			Some(ClaimOutcome::Paid { served: 10, .. })
		));

		// Committed with a one-round deadline (until 7); Root lengthens it
		// and raises the slash: the commitment still expires after round 7,
		// slashed by the new amount.
		assert_ok!(commit(&s, s.member, &receipts(s.policy, s.member, ROUND_R, 4)));
		assert_ok!(Claims::set_parameters(
			RuntimeOrigin::root(),
			Parameters { open_deadline: 4, claim_slash: 50, ..default_parameters() }
		));
		advance_to_round(8);
		let stake = held_stake(s.member);
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.member, ROUND_R));
		assert_eq!(held_stake(s.member), stake - (50 + 4 * PRICE));
	});
}

#[test]
fn escrow_refusal_of_an_opened_claim_closes_it_unpaid() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::PolicyEscrow;
		let s = setup();
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		let seed_block =
			Commitments::<Test>::get((s.policy, s.claimant, ROUND_R)).unwrap().seed_block;
		advance_to_round(5);
		// No other payer of request slots exists in this runtime (see
		// `close_unpaid`); one is simulated through the escrow's trait.
		assert_ok!(<Escrow as PolicyEscrow<_, _>>::pay_for_requests(
			s.policy,
			&s.claimant,
			ROUND_R,
			2
		));
		let (stake, supply, provider, escrow) =
			(held_stake(s.claimant), issuance(), free(s.claimant), held_escrow(ALICE));
		let list = openings(&leaves, &challenges(&s, s.claimant));
		events();
		assert_ok!(open(&s, s.claimant, list));
		assert_eq!(
			events(),
			vec![Event::ClaimUnpaid {
				policy: s.policy,
				provider: s.claimant,
				round: ROUND_R,
				error: EscrowError::<Test>::AlreadyPaid.into(),
			}]
		);
		assert_eq!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)),
			Some(ClaimOutcome::Unpaid)
		);
		assert!(!Commitments::<Test>::contains_key((s.policy, s.claimant, ROUND_R)));
		assert!(!ChallengeSeeds::<Test>::contains_key(seed_block));
		// Neither paid nor slashed.
		assert_eq!(
			(held_stake(s.claimant), issuance(), free(s.claimant), held_escrow(ALICE)),
			(stake, supply, provider, escrow)
		);
	});
}

#[test]
fn the_owner_cannot_make_the_escrow_refuse_an_opened_claim() {
	ExtBuilder::default().build_and_execute(|| {
		// Provider 1's policy of rounds 1..9, revoked once round 1 is
		// committed to.
		let p: AccountId = 1;
		advance_to_round(ROUND_R);
		let policy = create_policy(&[p], ROUND_R, 8);
		advance_to_round(4);
		let leaves = receipts(policy, p, ROUND_R, 10);
		let commit =
			|root| Claims::commit_claim(RuntimeOrigin::signed(p), policy, ROUND_R, root, 10);
		assert_ok!(commit(root_of(&leaves)));
		let c = Commitments::<Test>::get((policy, p, ROUND_R)).unwrap();
		// Revoked at round 4: the policy ends after it, and cannot be reaped
		// (refunding the slot) before the commitment's deadline, round 6.
		assert_ok!(Escrow::revoke_policy(RuntimeOrigin::signed(ALICE), policy));
		advance_to_round(c.open_until);
		assert_noop!(
			Escrow::reap_policy(RuntimeOrigin::signed(BOB), policy),
			EscrowError::<Test>::NotExpired
		);
		let indices = Claims::challenges(policy, &p, ROUND_R, &c).unwrap();
		let list = Openings::<Test>::truncate_from(openings(&leaves, &indices));
		let provider = free(p);
		assert_ok!(Claims::open_claim(RuntimeOrigin::signed(p), policy, ROUND_R, list));
		assert_eq!(free(p), provider + 10 * PRICE);
		assert_eq!(
			ClaimsStorage::<Test>::get((ROUND_R, policy, p)),
			Some(ClaimOutcome::Paid { kind: ClaimKind::Committed, served: 10, amount: 30 })
		);
	});
}

#[test]
fn a_commitment_needs_the_stake_locked_through_its_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		// Provider 25, locked until round 3, serves a policy of rounds 1 and 2.
		let p: AccountId = 25;
		assert_ok!(Staking::bond(RuntimeOrigin::signed(p), STAKE, 3));
		assert_ok!(Staking::commit_to_next_round(RuntimeOrigin::signed(p)));
		let policy = create_policy(&[p], ROUND_R, 2);
		advance_to_round(4);
		let leaves = receipts(policy, p, ROUND_R, 4);
		// Committing at round 4 sets the deadline at round 6, after the lock
		// ends: the provider could withdraw and never be slashed.
		assert_noop!(
			Claims::commit_claim(RuntimeOrigin::signed(p), policy, ROUND_R, root_of(&leaves), 4),
			Error::<Test>::StakeUnlocksBeforeDeadline
		);
		// Locked through round 4 + 3 = 7, the commitment is accepted and the
		// stake cannot leave before the deadline.
		assert_ok!(Staking::extend_lock(RuntimeOrigin::signed(p), 3));
		assert_ok!(Claims::commit_claim(
			RuntimeOrigin::signed(p),
			policy,
			ROUND_R,
			root_of(&leaves),
			4
		));
		assert_noop!(
			Staking::unbond(RuntimeOrigin::signed(p), STAKE),
			pallet_provider_staking::Error::<Test>::StillLocked
		);
		advance_to_round(7);
		let supply = issuance();
		events();
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), policy, p, ROUND_R));
		let slashed = match ClaimsStorage::<Test>::get((ROUND_R, policy, p)) {
			Some(ClaimOutcome::Forfeited { slashed }) => slashed,
			other => panic!("claim not forfeited: {other:?}"),
		};
		assert!(slashed > 0, "the locked stake is slashed");
		assert!(issuance() < supply, "the slash burns part of the stake");
		assert!(!Commitments::<Test>::contains_key((policy, p, ROUND_R)));
	});
}

#[test]
fn genesis_parameters_in_json_are_camel_case_and_strict() {
	use frame_support::__private::serde_json::{self, json};
	let parameters = json!({
		"committeeSize": 3,
		"committeeThreshold": 2,
		"challengeCount": 2,
		"openDeadline": 1,
		"claimSlash": 7,
	});
	let config: crate::GenesisConfig<Test> =
		serde_json::from_value(json!({ "parameters": parameters })).unwrap();
	assert_eq!(config.parameters, SMALL);
	assert_eq!(serde_json::to_value(&config).unwrap(), json!({ "parameters": parameters }));
	// A misspelt or missing field is an error, not a default.
	let mut misspelt = parameters.clone();
	misspelt["comitteeSize"] = json!(3);
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(
		json!({ "parameters": misspelt })
	)
	.is_err());
	let mut missing = parameters;
	missing.as_object_mut().unwrap().remove("claimSlash");
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(json!({ "parameters": missing }))
		.is_err());
}
