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
