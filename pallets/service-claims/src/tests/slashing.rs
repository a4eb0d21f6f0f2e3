//! Forfeits and slashes: failed openings, expiry, and the attacks on receipts and reporters.

use super::*;

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
		let offence =
			Offence { reason: SlashReason::ClaimFraud, round: ROUND_R, subject: s.policy };
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
