//! Rewards: pro-rata shares, settlement, bounded claims and their preview.

use super::*;

#[test]
fn rewards_are_pro_rata_and_settle_after_the_report_window() {
	ExtBuilder::default().build_and_execute(|| {
		let before = issuance();
		assert_noop!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1), Error::<Test>::NotBonded);
		provider(1, 100);
		provider(2, 300);
		provider(3, 200);
		run_to_round(1);
		// Round 1 is settled from round 1 + MaxReportAge + 1 = 4 on.
		run_to_round(3);
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
		run_to_round(4);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 2));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 3));
		// 1000 * 100/600 = 166.67, 1000 * 300/600 = 500, 1000 * 200/600 = 333.33.
		assert_eq!(Balances::free_balance(1), INITIAL - 100 + 166);
		assert_eq!(Balances::free_balance(2), INITIAL - 300 + 500);
		assert_eq!(Balances::free_balance(3), INITIAL - 200 + 333);
		assert_eq!(issuance(), before + 999);
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 1,
			to: 1,
			amount: 166
		}));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn unavailable_providers_get_nothing_for_that_round() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 100);
		provider(2, 100);
		run_to_round(1);
		commit(1);
		commit(2);
		Unavailable::set(vec![(1, 1)]);
		run_to_round(5);
		let before = issuance();
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(2), 2));
		// Provider 1: round 1 skipped, round 2 paid. Provider 2: both paid.
		assert_eq!(Balances::free_balance(1), INITIAL - 100 + 500);
		assert_eq!(Balances::free_balance(2), INITIAL - 100 + 1_000);
		assert_eq!(issuance(), before + 1_500);
	});
}

#[test]
fn claims_are_bounded_and_old_rounds_forfeited() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 30);
		for r in 0..12 {
			commit(1);
			run_to_round(r + 1);
		}
		// Round 12: settled up to 9; history keeps rounds 5..=12, so rounds
		// 1..=4 are forfeited. At most MaxClaimRounds (3) rounds per call.
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 5,
			to: 7,
			amount: 3_000
		}));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 8,
			to: 9,
			amount: 2_000
		}));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(1), 1),
			Error::<Test>::NothingToClaim
		);
		commit(1);
		run_to_round(16);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(ledger(1).reward_cursor, 13);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(ledger(1).reward_cursor, 14);
	});
}

#[test]
fn rewards_at_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		// Zero stake in the snapshot (chilled after committing): no reward.
		provider(1, 100);
		assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
		// Zero reward per round.
		run_to_round(4);
		let before = issuance();
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(issuance(), before);
		assert_eq!(Staking::reward_of(&1, 1), 0);
		// No snapshot at all: nothing.
		assert_eq!(Staking::reward_of(&1, 2), 0);
		RewardPerRound::set(0);
		commit(1);
		run_to_round(8);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(issuance(), before);
	});
}

#[test]
fn rewards_with_many_providers_never_exceed_the_round_reward() {
	ExtBuilder::default().build_and_execute(|| {
		MaxProviders::set(7);
		RewardPerRound::set(u64::MAX / 2);
		for who in 1..=7 {
			provider(who, 100 + who * 13);
		}
		bond(8, 100, 10);
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(8)),
			Error::<Test>::RoundFull
		);
		run_to_round(4);
		let before = issuance();
		for who in 1..=7 {
			assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(who), who));
		}
		let minted = issuance() - before;
		assert!(minted <= u64::MAX / 2);
		assert!(minted > u64::MAX / 2 - 7);
	});
}

#[test]
fn money_is_conserved_over_a_lifecycle() {
	ExtBuilder::default().provider(10, 1_000, 4, None).build_and_execute(|| {
		let start = issuance();
		provider(1, 1_000);
		run_to_round(1);
		commit(1);
		commit(10);
		let slashed = <Staking as Slashing<_, _>>::slash(
			&10,
			200,
			offence_now(SlashReason::Unavailability),
			&[2],
		)
		.unwrap();
		run_to_round(6);
		let mut minted = 0;
		for who in [1, 10] {
			let b = Balances::total_balance(&who);
			assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(who), who));
			minted += Balances::total_balance(&who) - b;
		}
		let paid = slashed / 10;
		assert_eq!(issuance(), start + minted - (slashed - paid));
		let total: Balance = (1..=30).map(|a| Balances::total_balance(&a)).sum();
		assert_eq!(total, issuance());
	});
}

#[test]
fn claimable_rewards_previews_exactly_what_claim_rewards_pays() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 30);
		provider(2, 300);
		for r in 0..6 {
			commit(1);
			if r > 0 {
				commit(2);
			}
			run_to_round(r + 1);
		}
		Unavailable::set(vec![(1, 2)]);
		// Round 6: rounds 1..=3 are settled; at most MaxClaimRounds (3).
		let current = Staking::current_round();
		let preview = Staking::claimable_rewards(&1, &ledger(1), current).unwrap();
		// Rounds 1 and 3 at 1000 * 100/400; round 2 was proven unavailable.
		assert_eq!(preview, RewardClaim { from: 1, to: 3, amount: 500 });
		let free = Balances::free_balance(1);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1));
		assert_eq!(Balances::free_balance(1), free + preview.amount);
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: preview.from,
			to: preview.to,
			amount: preview.amount
		}));
		// Nothing settled is left: the preview refuses as the call does.
		assert!(matches!(
			Staking::claimable_rewards(&1, &ledger(1), current),
			Err(Error::<Test>::NothingToClaim)
		));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
		Unavailable::set(vec![]);
	});
}
