//! Slashing: active then unlocking stake, reporters, one slash per offence.

use super::*;

#[test]
fn slash_takes_active_then_unlocking_and_pays_reporters() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 3);
		run_to_round(4);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 300));
		run_to_round(5);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 200));
		let before = issuance();
		let r = <Staking as Slashing<_, _>>::slash(
			&1,
			600,
			offence_now(SlashReason::Unavailability),
			&[20, 21],
		);
		assert_eq!(r, Ok(600));
		let l = ledger(1);
		assert_eq!(l.active, 0);
		// 100 taken from the chunk unlocking last.
		assert_eq!(
			l.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 300, unlock_round: 7 },
				UnlockChunk { value: 100, unlock_round: 8 }
			]
		);
		assert_eq!(held(1), 400);
		// 10% to two reporters: 30 each; 540 burned.
		assert_eq!(Balances::free_balance(20), INITIAL + 30);
		assert_eq!(Balances::free_balance(21), INITIAL + 30);
		assert_eq!(issuance(), before - 540);
		assert!(staking_events().contains(&Event::Slashed {
			provider: 1,
			offence: Offence { reason: SlashReason::Unavailability, round: 5, subject: 0 },
			amount: 600,
			reporters_paid: 60
		}));
		// Once per offence, whenever the second proof lands.
		let unavailable_in_5 = offence_now(SlashReason::Unavailability);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 1, unavailable_in_5, &[]),
			Error::<Test>::AlreadySlashed
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&1,
			1,
			offence_now(SlashReason::TicketFraud),
			&[]
		));
		run_to_round(6);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 1, unavailable_in_5, &[]),
			Error::<Test>::AlreadySlashed
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&1,
			1,
			offence_now(SlashReason::Unavailability),
			&[]
		));
		assert_eq!(held(1), 398);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(
				&9,
				1,
				offence_now(SlashReason::Unavailability),
				&[]
			),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn slash_larger_than_stake_and_of_zero_stake() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 500);
		let before = issuance();
		// Reporters beyond MaxReporters (3) are ignored.
		let r = <Staking as Slashing<_, _>>::slash(
			&1,
			u64::MAX,
			offence_now(SlashReason::ClaimFraud),
			&[20, 21, 22, 23],
		);
		assert_eq!(r, Ok(500));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(23), INITIAL);
		assert_eq!(Balances::free_balance(20), INITIAL + 16);
		assert_eq!(issuance(), before - 500 + 48);
		// Fallen below MinStake: chilled and out of the pending snapshot.
		assert!(ledger(1).chilled);
		assert!(!Staking::is_active(&1, 1));
		assert_eq!(Staking::snapshot_total(1), 0);
		// Nothing left to slash.
		assert_eq!(
			<Staking as Slashing<_, _>>::slash(
				&1,
				10,
				offence_now(SlashReason::TicketFraud),
				&[20]
			),
			Ok(0)
		);
		// An empty ledger can be removed.
		run_to_round(4);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(Ledgers::<Test>::get(1), None);
	});
}

#[test]
fn slash_lowers_the_pending_weight_but_not_the_frozen_round() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 500);
		run_to_round(1);
		commit(1);
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&1,
			100,
			offence_now(SlashReason::TicketFraud),
			&[]
		));
		assert_eq!(Staking::stake_in_round(&1, 1), 500);
		assert_eq!(Staking::stake_in_round(&1, 2), 400);
		assert_eq!(Staking::snapshot_total(2), 400);
		assert!(!ledger(1).chilled);
	});
}

/// Several offences proven in one round each slash once; the same offence
/// never twice, and offences older than `MaxOffenceAge` or not yet
/// happened are refused. Records are pruned once too old to matter.
#[test]
fn one_slash_per_offence() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 30);
		run_to_round(20);
		let claim = |round, subject| Offence { reason: SlashReason::ClaimFraud, round, subject };
		// Three offences proven in round 20: claims of two policies in round
		// 18 and one in round 19, and unavailability in 19.
		for offence in [claim(18, 1), claim(18, 2), claim(19, 1), Offence::unavailability(19)] {
			assert_ok!(<Staking as Slashing<_, _>>::slash(&1, 10, offence, &[]));
			assert_noop!(
				<Staking as Slashing<_, _>>::slash(&1, 10, offence, &[]),
				Error::<Test>::AlreadySlashed
			);
		}
		assert_eq!(held(1), 960);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 10, claim(21, 1), &[]),
			Error::<Test>::OffenceInFuture
		);
		// MaxOffenceAge is 16 in the mock.
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 10, claim(3, 1), &[]),
			Error::<Test>::OffenceTooOld
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(&1, 10, claim(4, 1), &[]));
		// The records of round 18 go once it is too old, in `on_idle`.
		run_to_round(18 + 16 + 1);
		Staking::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(SlashedOffences::<Test>::iter_prefix((18,)).count(), 0);
		assert_eq!(SlashedOffences::<Test>::iter_prefix((19,)).count(), 2);
		assert_eq!(OldestOffenceRound::<Test>::get(), 19);
	});
}

/// The offender gets no reporter share, from its stash or its operator
/// account; the other reporters share as usual.
#[test]
fn offender_is_never_its_own_reporter() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 30);
		let key = operator(7);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)));
		let operator_account = KeyToAccount::convert(key.public());
		let before = (Balances::free_balance(1), Balances::free_balance(operator_account));
		let r = <Staking as Slashing<_, _>>::slash(
			&1,
			300,
			offence_now(SlashReason::Unavailability),
			&[1, operator_account, 20],
		);
		assert_eq!(r, Ok(300));
		assert_eq!((Balances::free_balance(1), Balances::free_balance(operator_account)), before);
		assert_eq!(Balances::free_balance(20), INITIAL + 30);
	});
}
