//! Shortfalls paid from the reserve, the most payable, and an overdrawn reserve.

use super::*;

#[test]
fn shortfall_comes_from_the_recipients_share_of_the_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		// 4 providers of equal stake in the round: each may draw a quarter,
		// 4_000 / 4 = 1_000.
		fund(ALICE, 100, 4_000);
		let issuance = Balances::total_issuance();
		assert_ok!(redeem(&ticket(ALICE, 1, 600, 1), false));
		assert_eq!(held(ALICE, HoldReason::Deposit), 0);
		assert_eq!(held(ALICE, HoldReason::Reserve), 3_500);
		// 500 left of recipient 1's share: a 600 ticket is refused unless
		// partial payment is asked for.
		let second = ticket(ALICE, 1, 600, 2);
		assert_noop!(redeem(&second, false), Error::<Test>::InsufficientFunds);
		System::reset_events();
		assert_ok!(redeem(&second, true));
		assert!(matches!(
			events()[..],
			[Event::TicketRedeemed { from_deposit: 0, from_reserve: 500, .. }]
		));
		// Recipient 1 is capped: nothing more, even partially.
		assert_noop!(redeem(&ticket(ALICE, 1, 1, 3), true), Error::<Test>::InsufficientFunds);
		// The others still have their full share of the round's base.
		assert_ok!(redeem(&ticket(ALICE, 2, 1_000, 4), false));
		assert_ok!(redeem(&ticket(ALICE, 3, 700, 5), false));
		assert_ok!(redeem(&ticket(ALICE, 3, 300, 6), false));
		assert_noop!(redeem(&ticket(ALICE, 3, 1, 7), true), Error::<Test>::InsufficientFunds);
		// A recipient that is not a provider of the round gets nothing.
		assert_noop!(
			redeem(&ticket(ALICE, OUTSIDER, 1, 8), true),
			Error::<Test>::InsufficientFunds
		);
		assert_eq!(held(ALICE, HoldReason::Reserve), 1_000);
		assert_eq!(free(1), INITIAL - STAKE + 1_100);
		assert_eq!(free(2), INITIAL - STAKE + 1_000);
		assert_eq!(ReserveDrawn::<Test>::get((0, acc(ALICE), acc(1))), 1_000);
		assert_eq!(ReserveBase::<Test>::get(0, acc(ALICE)), Some(4_000));
		assert_eq!(Balances::total_issuance(), issuance);
		// The shares never start again: once the round is over, what is
		// left of the reserve is forfeited (burned when the round's records
		// are pruned) and nobody draws on it any more.
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().overdrawn_in, Some(0));
		System::reset_events();
		run_to_round(1);
		assert!(events().contains(&Event::ReserveForfeited {
			sender: acc(ALICE),
			round: 0,
			burned: 1_000
		}));
		assert_noop!(redeem(&ticket(ALICE, 1, 250, 9), true), Error::<Test>::InsufficientFunds);
		assert_eq!(ReserveDrawn::<Test>::iter().count(), 0);
		assert_eq!(ReserveBase::<Test>::iter().count(), 0);
		assert_eq!(held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().overdrawn_in, None);
		assert_eq!(Balances::total_issuance(), issuance - 1_000);
	});
}

#[test]
fn max_payable_is_what_a_partial_redemption_takes() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(matches!(
			Tickets::max_payable(&acc(ALICE), &acc(1)),
			Err(Error::<Test>::NotFunded)
		));
		// 4 providers in the round: each may draw 4_000 / 4 = 1_000.
		fund(ALICE, 100, 4_000);
		assert!(matches!(
			Tickets::max_payable(&acc(ALICE), &acc(ALICE)),
			Err(Error::<Test>::SelfPayment)
		));
		assert_eq!(Tickets::max_payable(&acc(ALICE), &acc(1)).ok(), Some((100, 1_000)));
		// Not a provider of the round: the deposit only.
		assert_eq!(Tickets::max_payable(&acc(ALICE), &acc(OUTSIDER)).ok(), Some((100, 0)));
		assert_ok!(redeem(&ticket(ALICE, 1, 600, 1), false));
		// The deposit is gone and recipient 1 drew 500 of its share; the
		// others keep a whole share of the round's base.
		assert_eq!(Tickets::max_payable(&acc(ALICE), &acc(1)).ok(), Some((0, 500)));
		assert_eq!(Tickets::max_payable(&acc(ALICE), &acc(2)).ok(), Some((0, 1_000)));
		// A ticket of exactly that much is paid in full; then nothing is left.
		assert_ok!(redeem(&ticket(ALICE, 1, 500, 2), false));
		assert_eq!(Tickets::max_payable(&acc(ALICE), &acc(1)).ok(), Some((0, 0)));
		assert_noop!(redeem(&ticket(ALICE, 1, 1, 3), true), Error::<Test>::InsufficientFunds);
	});
}

/// A withdrawal during the round of an overdraft is refused; after it, the
/// deposit is released and the reserve burned, never released.
#[test]
fn an_overdrawn_reserve_is_burned_not_withdrawn() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100, 4_000);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		let unlock_at = Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at.unwrap();
		// An overdraft in the round the unlock ends.
		let round_of = |block: u64| (block / ROUND) as RoundIndex;
		run_to_round(round_of(unlock_at));
		let t = TicketOf::<Test> { expiry: unlock_at + 1, ..ticket(ALICE, 1, 300, 1) };
		assert_ok!(redeem(&t, false));
		run_to_block(unlock_at);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::Overdrawn
		);
		// Next round, before `on_idle` ran: the withdrawal burns the reserve.
		let next = (round_of(unlock_at) as u64 + 1) * ROUND;
		System::set_block_number(next);
		Staking::on_initialize(next);
		let (issuance, before) = (Balances::total_issuance(), free(ALICE));
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), before);
		assert_eq!(Balances::total_issuance(), issuance - (4_000 - 200));
		assert!(events().contains(&Event::ReserveForfeited {
			sender: acc(ALICE),
			round: round_of(unlock_at),
			burned: 3_800
		}));
	});
}
