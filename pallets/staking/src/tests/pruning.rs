//! Pruning of the rounds that left the history.

use super::*;

#[test]
fn history_is_pruned_with_bounded_work() {
	ExtBuilder::default().provider(1, 100, 50, None).build_and_execute(|| {
		for who in 2..=9 {
			bond(who, 1_000, 50);
		}
		for r in 1..=10 {
			for who in 1..=9 {
				if !ProviderSlots::<Test>::contains_key(r, who) {
					commit(who);
				}
			}
			assert_ok!(<Staking as Slashing<_, _>>::slash(
				&9,
				1,
				offence_now(SlashReason::TicketFraud),
				&[]
			));
			// No pruning weight: nothing is removed.
			run_to_block_with_idle(r as u64 * ROUND, Weight::zero());
		}
		assert_eq!(OldestRound::<Test>::get(), 0);
		assert!(Staking::round_seed(0).is_some());
		// Small budgets make progress over several blocks.
		let limit = <() as crate::WeightInfo>::prune_keys(4);
		// Too little weight for one key: nothing happens.
		let tiny = <() as crate::WeightInfo>::prune_keys(0);
		assert_eq!(Staking::on_idle(100, tiny), Weight::zero());
		let mut blocks = 0;
		while OldestRound::<Test>::get() < Staking::first_retained_round(10) {
			let b = System::block_number() + 1;
			System::set_block_number(b);
			let used = Staking::on_idle(b, limit);
			assert!(used.all_lte(limit));
			assert!(used.any_gt(Weight::zero()));
			blocks += 1;
			assert!(blocks < 200);
		}
		assert!(blocks > 3);
		// Rounds 0..=2 are gone, 3..=10 (and pending 11) remain.
		for r in 0..=2 {
			assert_eq!(Staking::round_seed(r), None);
			assert_eq!(Snapshots::<Test>::get(r), None);
			assert_eq!(SnapshotMembers::<Test>::iter_prefix(r).count(), 0);
			assert_eq!(SnapshotTree::<Test>::iter_prefix(r).count(), 0);
			assert_eq!(ProviderSlots::<Test>::iter_prefix(r).count(), 0);
		}
		for r in 3..=10 {
			assert!(Staking::round_seed(r).is_some());
			assert_eq!(Staking::snapshot_len(r), 9);
		}
	});
}
