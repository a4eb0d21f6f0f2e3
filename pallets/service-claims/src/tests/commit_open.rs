//! Commitments, their challenges and correct openings, and the escrow's window.

use super::*;

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
