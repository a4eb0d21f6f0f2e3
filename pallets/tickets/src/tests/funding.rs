//! Funding, unlocking and withdrawing, and a frozen deposit.

use super::*;

#[test]
fn fund_holds_deposit_and_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		fund(ALICE, 10, 0);
		assert_eq!(held(ALICE, HoldReason::Deposit), 1_010);
		assert_eq!(held(ALICE, HoldReason::Reserve), 500);
		assert_eq!(free(ALICE), INITIAL - 1_510);
		assert!(Senders::<Test>::contains_key(acc(ALICE)));
		assert_eq!(
			events(),
			vec![
				Event::Funded { sender: acc(ALICE), deposit: 1_000, reserve: 500 },
				Event::Funded { sender: acc(ALICE), deposit: 10, reserve: 0 },
			]
		);
	});
}

#[test]
fn fund_refusals() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Tickets::fund(RuntimeOrigin::signed(acc(ALICE)), 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert!(Tickets::fund(RuntimeOrigin::signed(acc(ALICE)), INITIAL * 2, 0).is_err());
		assert!(!Senders::<Test>::contains_key(acc(ALICE)));
		fund(ALICE, 100, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_noop!(
			Tickets::fund(RuntimeOrigin::signed(acc(ALICE)), 1, 0),
			Error::<Test>::Unlocking
		);
	});
}

#[test]
fn unlock_cancel_and_withdraw() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))), Error::<Test>::NotFunded);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::NotFunded
		);
		assert_noop!(
			Tickets::cancel_unlock(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::NotFunded
		);
		fund(ALICE, 1_000, 500);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::NotUnlocking
		);
		assert_noop!(
			Tickets::cancel_unlock(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::NotUnlocking
		);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_noop!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))), Error::<Test>::Unlocking);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		// Someone else cannot cancel (or withdraw) Alice's unlock: the calls
		// act on the caller's own account.
		fund(DAVE, 10, 0);
		assert_noop!(
			Tickets::cancel_unlock(RuntimeOrigin::signed(acc(DAVE))),
			Error::<Test>::NotUnlocking
		);
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(1 + UNLOCK));
		assert_ok!(Tickets::cancel_unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, None);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		run_to_block(1 + UNLOCK - 1);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(1 + UNLOCK);
		System::reset_events();
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL);
		assert_eq!(held(ALICE, HoldReason::Deposit) + held(ALICE, HoldReason::Reserve), 0);
		assert!(!Senders::<Test>::contains_key(acc(ALICE)));
		assert_eq!(
			events(),
			vec![Event::Withdrawn { sender: acc(ALICE), deposit: 1_000, reserve: 500 }]
		);
	});
}

#[test]
fn a_frozen_sender_with_a_pending_unlock_cannot_withdraw() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		run_to_block(UNLOCK - 5);
		let a = ticket(ALICE, 1, 100, 5);
		let b = ticket(ALICE, 2, 100, 5);
		assert_ok!(Tickets::report_double_signed(
			RuntimeOrigin::signed(acc(25)),
			a.clone(),
			sign(ALICE, &a),
			b.clone(),
			sign(ALICE, &b)
		));
		run_to_block(1 + UNLOCK);
		assert_noop!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))), Error::<Test>::Frozen);
		run_to_block(UNLOCK - 5 + VALIDITY);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
	});
}

#[test]
fn a_withdrawal_cannot_outrun_a_ticket() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		// Tickets handed out before the unlock.
		let first = ticket(ALICE, 1, 400, 1);
		let second = ticket(ALICE, 1, 400, 2);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		// The recipient redeems during the unlock period: paid in full.
		run_to_block(5);
		assert_ok!(redeem(&first, false));
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		// By the time the sender can withdraw, every ticket it signed before
		// the unlock has expired: the rest is the sender's.
		run_to_block(1 + UNLOCK);
		assert!(second.expiry <= System::block_number());
		assert_noop!(redeem(&second, false), Error::<Test>::Expired);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL - 400);
		assert_eq!(free(1), INITIAL - STAKE + 400);
	});
}
