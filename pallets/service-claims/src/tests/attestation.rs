//! Claims attested by the claimant's committee.

use super::*;

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
