//! Pruning of the outcomes of rounds that left the history.

use super::*;

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

/// Found by the runtime fuzzer (seed 3): a commitment left unopened and
/// expired only after its round had been pruned used to leave its
/// `Forfeited` outcome below the pruning cursor, where nothing ever
/// removes it (and `try_state` failed). The late expiry still slashes
/// while the offence is within `max_offence_age`, and keeps no outcome.
#[test]
fn expiring_after_the_round_was_pruned_keeps_no_outcome() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let p = s.claimant;
		let leaves = receipts(s.policy, p, ROUND_R, 4);
		assert_ok!(commit(&s, p, &leaves));
		// Past the round's history, with idle weight so pruning runs.
		while OldestClaimRound::<Test>::get() <= ROUND_R {
			let next = (Staking::current_round() as u64 + 1) * ROUND;
			run_to_block(next);
		}
		assert!(Commitments::<Test>::contains_key((s.policy, p, ROUND_R)));
		let (stake, supply) = (held_stake(p), issuance());
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(s.other), s.policy, p, ROUND_R));
		assert!(!Commitments::<Test>::contains_key((s.policy, p, ROUND_R)));
		assert!(!ClaimsStorage::<Test>::contains_key((ROUND_R, s.policy, p)));
		let slash = CLAIM_SLASH + 4 * PRICE;
		assert_eq!(held_stake(p), stake - slash, "the late expiry still slashes");
		assert!(issuance() < supply, "the slash is burned, less the reporter's share");
		Claims::do_try_state().expect("no outcome below the cursor");
	});
}
