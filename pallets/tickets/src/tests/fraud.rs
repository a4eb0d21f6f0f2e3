//! Double signing, its evidence, and the attacks on tickets (`threat_*`).

use super::*;

#[test]
fn double_signing_burns_the_reserve_and_freezes_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		let a = ticket(ALICE, 1, 100, 5);
		// Another expiry: its used-ticket record differs from `a`'s, so both
		// can be redeemed (see the pallet docs).
		let b = TicketOf::<Test> { expiry: a.expiry - 1, ..ticket(ALICE, 2, 100, 5) };
		let reporter = || RuntimeOrigin::signed(acc(25));
		let report =
			|x: &TicketOf<Test>, sx: MultiSignature, y: &TicketOf<Test>, sy: MultiSignature| {
				Tickets::report_double_signed(reporter(), x.clone(), sx, y.clone(), sy)
			};
		// Refusals.
		assert_noop!(report(&a, sign(ALICE, &a), &a, sign(ALICE, &a)), Error::<Test>::SameTicket);
		let other_index = ticket(ALICE, 2, 100, 6);
		assert_noop!(
			report(&a, sign(ALICE, &a), &other_index, sign(ALICE, &other_index)),
			Error::<Test>::NotSameIndex
		);
		let other_sender = ticket(DAVE, 2, 100, 5);
		assert_noop!(
			report(&a, sign(ALICE, &a), &other_sender, sign(DAVE, &other_sender)),
			Error::<Test>::NotSameSender
		);
		assert_noop!(
			report(&a, sign(ALICE, &a), &b, sign(DAVE, &b)),
			Error::<Test>::BadSenderSignature
		);
		let foreign = TicketOf::<Test> {
			domain: SigningDomain { genesis_hash: [3u8; 32], ..a.domain },
			..b.clone()
		};
		assert_noop!(
			report(&a, sign(ALICE, &a), &foreign, sign(ALICE, &foreign)),
			Error::<Test>::WrongDomain
		);
		let d1 = ticket(DAVE, 1, 1, 1);
		let d2 = ticket(DAVE, 2, 1, 1);
		assert_noop!(report(&d1, sign(DAVE, &d1), &d2, sign(DAVE, &d2)), Error::<Test>::NotFunded);

		// The proof.
		let issuance = Balances::total_issuance();
		System::reset_events();
		assert_ok!(report(&a, sign(ALICE, &a), &b, sign(ALICE, &b)));
		assert_eq!(
			events(),
			vec![Event::DoubleSignPunished {
				sender: acc(ALICE),
				index: 5,
				reporter: acc(25),
				burned: 1_800,
				reward: 200,
				frozen_until: 1 + VALIDITY,
			}]
		);
		assert_eq!(held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(held(ALICE, HoldReason::Deposit), 1_000);
		assert_eq!(free(25), INITIAL + 200);
		assert_eq!(Balances::total_issuance(), issuance - 1_800);
		// Frozen: no second punishment, no funding, unlock or withdrawal...
		assert_noop!(
			report(&a, sign(ALICE, &a), &b, sign(ALICE, &b)),
			Error::<Test>::AlreadyPunished
		);
		assert_noop!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))), Error::<Test>::Frozen);
		assert_noop!(Tickets::fund(RuntimeOrigin::signed(acc(ALICE)), 1, 1), Error::<Test>::Frozen);
		// ...but its tickets are still paid from the deposit.
		assert_ok!(redeem(&a, false));
		assert_ok!(redeem(&b, false));
		// Once the freeze is over the sender may leave with what is left.
		run_to_block(1 + VALIDITY);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		run_to_block(1 + VALIDITY + UNLOCK);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL - 2_000 - 200);
	});
}

/// Attack (issue 15, sequence 3): once a double signer's freeze ends,
/// anyone replays the same evidence and burns the reserve again (10% to
/// the replayer), and again whenever the sender funds a new reserve. Now
/// the punished double sign is recorded under both tickets' expiries and
/// evidence is only taken while both are unexpired: every replay is
/// refused and the new reserve is untouched.
#[test]
fn threat_double_sign_evidence_replay() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		let issuance = Balances::total_issuance();
		let a = ticket(ALICE, 1, 100, 5);
		let b = ticket(ALICE, 2, 100, 5);
		assert_ok!(report_pair(25, &a, &b));
		assert_eq!(free(25), INITIAL + 200);
		assert_eq!(Balances::total_issuance(), issuance - 1_800);
		// Replays, of the same pair or with a third ticket of the index.
		assert_noop!(report_pair(26, &a, &b), Error::<Test>::AlreadyPunished);
		assert_noop!(report_pair(26, &b, &a), Error::<Test>::AlreadyPunished);
		let c = ticket(ALICE, 3, 100, 5);
		assert_noop!(report_pair(26, &a, &c), Error::<Test>::AlreadyPunished);
		// The freeze ends, the sender funds a new reserve: the old evidence
		// has expired and cannot burn it.
		let frozen_until = Senders::<Test>::get(acc(ALICE)).unwrap().frozen_until.unwrap();
		run_to_block(frozen_until);
		fund(ALICE, 0, 2_000);
		assert_noop!(report_pair(26, &a, &b), Error::<Test>::Expired);
		assert_eq!(held(ALICE, HoldReason::Reserve), 2_000);
		assert_eq!(free(26), INITIAL);
		// The records went with the used tickets of their expiry.
		assert_eq!(DoubleSigned::<Test>::iter().count(), 0);
	});
}

/// Attack: the sender reports its own double sign, hoping to get back the
/// reporter share of its burned reserve. It gets nothing: the whole reserve
/// is burned.
#[test]
fn threat_sender_reports_its_own_double_sign() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		let (issuance, before) = (Balances::total_issuance(), free(ALICE));
		let a = ticket(ALICE, 1, 100, 5);
		let b = ticket(ALICE, 2, 100, 5);
		assert_ok!(report_pair(ALICE, &a, &b));
		assert_eq!(free(ALICE), before);
		assert_eq!(held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(Balances::total_issuance(), issuance - 2_000);
		assert!(matches!(
			events().last(),
			Some(Event::DoubleSignPunished { reward: 0, burned: 2_000, .. })
		));
	});
}

/// Attack (issue 15, sequence 4): provider 2 holds a winning ticket
/// (index 9, face 300). The sender signs another ticket with the same
/// index and expiry to an account of its own (DAVE), face 1,000 (its whole
/// deposit), and redeems it first. On main the used-ticket record was
/// `(expiry, sender, index)`: the honest winner got `AlreadyRedeemed` and
/// recovered nothing, the sender lost at most one reserve burn. Now the
/// record is the ticket's hash: the winner is paid in full (here from its
/// share of the reserve, the deposit being gone), and the double issue is
/// punished: the sender loses the whole 2,000 reserve and gains nothing.
#[test]
fn threat_colliding_ticket_voids_a_winner() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		let issuance = Balances::total_issuance();
		let (provider_before, dave_before) = (free(2), free(DAVE));
		let winner = ticket(ALICE, 2, 300, 9);
		let clash = ticket(ALICE, DAVE, 1_000, 9);
		assert_eq!((winner.expiry, winner.index), (clash.expiry, clash.index));
		assert_ok!(redeem(&clash, false));
		// The winner is paid in full: 300 of its 500 share of the reserve.
		System::reset_events();
		assert_ok!(redeem(&winner, false));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::TicketRedeemed { from_deposit: 0, from_reserve: 300, .. }
		)));
		assert_eq!(free(2), provider_before + 300);
		// The double issue is proven with both tickets.
		assert_ok!(report_pair(25, &winner, &clash));
		// Sender: 1,000 deposit to itself (a wash), 2,000 reserve lost:
		// 300 to the honest winner, 170 to the reporter, 1,530 burned.
		assert_eq!(free(DAVE), dave_before + 1_000);
		assert_eq!(held(ALICE, HoldReason::Deposit) + held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(free(25), INITIAL + 170);
		assert_eq!(Balances::total_issuance(), issuance - 1_530);
	});
}

/// Attack (issue 15, sequence 5): a sender that also runs provider 1
/// overdraws on purpose and drains its reserve through provider 1. On
/// main, shares reset every round and nothing was burned: provider 1 drew
/// a quarter of what was left each round, recovering 3,000 of the 4,000
/// reserve over the rounds (the honest provider got 1,000 once). Now the
/// reserve at the overdraft is the base of stake shares for that round
/// only, and the rest is burned after it: the sender recovers 1,000 (its
/// stake's quarter) of the 4,000, the honest provider draws its 1,000, and
/// 2,000 are burned.
#[test]
fn threat_overdraft_drained_by_own_providers() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100, 4_000);
		let issuance = Balances::total_issuance();
		let own = |i: u8| free(i) + held(i, HoldReason::Deposit) + held(i, HoldReason::Reserve);
		let attacker_before = own(ALICE) + free(1);
		let honest_before = free(2);
		// The deposit first, then provider 1's share: 100 + 1,000.
		assert_ok!(redeem(&ticket(ALICE, 1, 5_000, 1), true));
		assert!(events().contains(&Event::Overdrawn {
			sender: acc(ALICE),
			round: 0,
			reserve: 4_000
		}));
		// The honest provider's winner is paid from its share.
		assert_ok!(redeem(&ticket(ALICE, 2, 5_000, 2), true));
		// The sender cannot take the rest out during the round.
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		// Next rounds: nothing more for anyone, and the rest is burned.
		for round in 1..=3 {
			run_to_round(round);
			assert_noop!(
				redeem(&ticket(ALICE, 1, 500, 10 + u64::from(round)), true),
				Error::<Test>::InsufficientFunds
			);
		}
		assert_eq!(held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(own(ALICE) + free(1), attacker_before - 3_000);
		assert_eq!(free(2), honest_before + 1_000);
		assert_eq!(Balances::total_issuance(), issuance - 2_000);
	});
}
