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

mod attestation;
mod commit_open;
mod migrations;
mod parameters;
mod pruning;
mod slashing;

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

fn commit(
	s: &Setup,
	provider: AccountId,
	leaves: &[Receipt<AccountId>],
) -> sp_runtime::DispatchResult {
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
