//! Single redemptions: payment, refusals, used-ticket records and their pruning, reads.

use super::*;

#[test]
fn redeem_pays_face_value_from_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		let issuance = Balances::total_issuance();
		let t = ticket(ALICE, 1, 300, 7);
		System::reset_events();
		assert_ok!(redeem(&t, false));
		assert_eq!(held(ALICE, HoldReason::Deposit), 700);
		assert_eq!(held(ALICE, HoldReason::Reserve), 500);
		assert_eq!(free(1), INITIAL - STAKE + 300);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(UsedTickets::<Test>::contains_key(t.expiry, t.hash()));
		assert_eq!(
			events(),
			vec![Event::TicketRedeemed {
				sender: acc(ALICE),
				recipient: acc(1),
				index: 7,
				ticket_hash: t.hash(),
				from_deposit: 300,
				from_reserve: 0,
			}]
		);
	});
}

#[test]
fn a_ticket_paid_from_the_deposit_is_charged_the_cheaper_weight() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100, 4_000);
		let from_deposit = <() as WeightInfo>::redeem_winning_ticket_from_deposit();
		let worst = <() as WeightInfo>::redeem_winning_ticket();
		assert!(from_deposit.ref_time() < worst.ref_time());
		let t = ticket(ALICE, 1, 100, 1);
		let call = RuntimeCall::Tickets(crate::Call::redeem_winning_ticket {
			ticket: t.clone(),
			signature: sign(ALICE, &t),
			vrf: vrf(1, &t),
			allow_partial: false,
		});
		assert_eq!(call.get_dispatch_info().call_weight, worst);
		// Paid from the deposit alone: the reserve path was not read.
		let post = redeem(&t, false).unwrap();
		assert_eq!(
			post,
			PostDispatchInfo { actual_weight: Some(from_deposit), pays_fee: Pays::Yes }
		);
		assert_eq!(ReserveBase::<Test>::iter().count(), 0);
		// The deposit is empty now: a draw from the reserve pays the worst case.
		let post = redeem(&ticket(ALICE, 1, 100, 2), false).unwrap();
		assert_eq!(post, PostDispatchInfo { actual_weight: None, pays_fee: Pays::Yes });
		assert_eq!(ReserveDrawn::<Test>::get((0, acc(ALICE), acc(1))), 100);
		assert_eq!(held(ALICE, HoldReason::Reserve), 3_900);
	});
}

#[test]
fn cheap_checks_come_before_the_signatures() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		let redeem_forged = |t: &TicketOf<Test>| {
			Tickets::redeem_winning_ticket(
				RuntimeOrigin::signed(acc(1)),
				t.clone(),
				sign(DAVE, t),
				[7u8; 96],
				false,
			)
		};
		// Forged signature and proof: the storage checks refuse first.
		let good = ticket(ALICE, 1, 100, 1);
		assert_ok!(redeem(&good, false));
		assert_noop!(redeem_forged(&good), Error::<Test>::AlreadyRedeemed);
		assert_noop!(redeem_forged(&ticket(DAVE, 1, 100, 1)), Error::<Test>::NotFunded);
		assert_noop!(redeem_forged(&ticket(ALICE, 1, 1_000, 2)), Error::<Test>::InsufficientFunds);
		// Then the sender's signature, before the VRF proof.
		assert_noop!(redeem_forged(&ticket(ALICE, 1, 100, 3)), Error::<Test>::BadSenderSignature);
	});
}

#[test]
fn an_ecdsa_or_ed25519_sender_works_too() {
	use sp_core::{ed25519, Pair};
	use sp_runtime::traits::IdentifyAccount;
	ExtBuilder::default().build_and_execute(|| {
		let ed = ed25519::Pair::from_seed(&[42u8; 32]);
		let who: AccountId = sp_runtime::MultiSigner::from(ed.public()).into_account();
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(acc(ALICE)),
			who.clone(),
			10_000
		));
		assert_ok!(Tickets::fund(RuntimeOrigin::signed(who.clone()), 1_000, 0));
		let mut t = ticket(ALICE, 1, 100, 1);
		t.sender = who.clone();
		let signature: MultiSignature = ed.sign(&t.encode()).into();
		assert_ok!(Tickets::redeem_winning_ticket(
			RuntimeOrigin::signed(acc(1)),
			t.clone(),
			signature,
			vrf(1, &t),
			false
		));
		assert_eq!(Balances::balance_on_hold(&HoldReason::Deposit.into(), &who), 900);
		// Move the rest back so that the conservation check over the mock's
		// accounts holds.
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(who.clone())));
		run_to_block(1 + UNLOCK);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(who.clone())));
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(who), acc(ALICE), false));
	});
}

#[test]
fn every_refusal_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		let good = ticket(ALICE, 1, 100, 1);
		let origin = || RuntimeOrigin::signed(acc(1));
		// Bad sender signature: signed by someone else.
		assert_noop!(
			Tickets::redeem_winning_ticket(
				origin(),
				good.clone(),
				sign(DAVE, &good),
				vrf(1, &good),
				false
			),
			Error::<Test>::BadSenderSignature
		);
		// Signature of another ticket.
		let other = ticket(ALICE, 1, 101, 1);
		assert_noop!(
			Tickets::redeem_winning_ticket(
				origin(),
				good.clone(),
				sign(ALICE, &other),
				vrf(1, &good),
				false
			),
			Error::<Test>::BadSenderSignature
		);
		// Bad VRF proof: garbage, another ticket's, another key's.
		assert_noop!(
			Tickets::redeem_winning_ticket(
				origin(),
				good.clone(),
				sign(ALICE, &good),
				[7u8; 96],
				false
			),
			Error::<Test>::BadVrfProof
		);
		assert_noop!(
			Tickets::redeem_winning_ticket(
				origin(),
				good.clone(),
				sign(ALICE, &good),
				vrf(1, &other),
				false
			),
			Error::<Test>::BadVrfProof
		);
		assert_noop!(
			Tickets::redeem_winning_ticket(
				origin(),
				good.clone(),
				sign(ALICE, &good),
				vrf(2, &good),
				false
			),
			Error::<Test>::BadVrfProof
		);
		// Losing ticket.
		let mut losing = ticket(ALICE, 1, 100, 2);
		losing.win_probability = WinProbability(0);
		assert_noop!(redeem(&losing, false), Error::<Test>::NotWinning);
		// Not the recipient (the recipient's valid VRF, submitted by another).
		assert_noop!(
			Tickets::redeem_winning_ticket(
				RuntimeOrigin::signed(acc(2)),
				good.clone(),
				sign(ALICE, &good),
				vrf(1, &good),
				false
			),
			Error::<Test>::NotRecipient
		);
		// Wrong genesis, pallet tag, version.
		let domain = Tickets::signing_domain();
		for wrong in [
			SigningDomain { genesis_hash: [1u8; 32], ..domain },
			SigningDomain { pallet: *b"svclaims", ..domain },
			SigningDomain { version: domain.version + 1, ..domain },
		] {
			let t = TicketOf::<Test> { domain: wrong, ..good.clone() };
			assert_noop!(redeem(&t, false), Error::<Test>::WrongDomain);
		}
		// Expiry too far and expired.
		let far = TicketOf::<Test> { expiry: 1 + VALIDITY + 1, ..good.clone() };
		assert_noop!(redeem(&far, false), Error::<Test>::ExpiryTooFar);
		let now = TicketOf::<Test> { expiry: 1, ..good.clone() };
		assert_noop!(redeem(&now, false), Error::<Test>::Expired);
		// Zero face value, self payment, unfunded sender.
		assert_noop!(redeem(&ticket(ALICE, 1, 0, 3), false), Error::<Test>::ZeroFaceValue);
		assert_noop!(redeem(&ticket(ALICE, ALICE, 10, 3), false), Error::<Test>::SelfPayment);
		assert_noop!(redeem(&ticket(DAVE, 1, 10, 3), false), Error::<Test>::NotFunded);
		// Overflowing and insufficient face values, without partial payment.
		assert_noop!(
			redeem(&ticket(ALICE, 1, Balance::MAX, 3), false),
			Error::<Test>::InsufficientFunds
		);
		assert_noop!(redeem(&ticket(ALICE, 1, 1_001, 3), false), Error::<Test>::InsufficientFunds);
		// Reused.
		assert_ok!(redeem(&good, false));
		assert_noop!(redeem(&good, false), Error::<Test>::AlreadyRedeemed);
	});
}

#[test]
fn resubmitting_a_losing_ticket_never_wins() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		// A ticket that loses for recipient 1 at probability 1/2.
		let losing = (0..64)
			.map(|i| TicketOf::<Test> {
				win_probability: WinProbability::one_in(2),
				..ticket(ALICE, 1, 10, i)
			})
			.find(|t| !is_winning(&t.hash(), &vrf(1, t), t.win_probability))
			.unwrap();
		for _ in 0..3 {
			assert_noop!(redeem(&losing, false), Error::<Test>::NotWinning);
		}
		// Any other key's evaluation (e.g. an operator key), winning or not,
		// is refused.
		for k in 2..=8 {
			assert_noop!(
				Tickets::redeem_winning_ticket(
					RuntimeOrigin::signed(acc(1)),
					losing.clone(),
					sign(ALICE, &losing),
					vrf(k, &losing),
					false
				),
				Error::<Test>::BadVrfProof
			);
		}
	});
}

#[test]
fn used_tickets_are_pruned_with_bounded_work() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100_000, 0);
		fund(DAVE, 100_000, 0);
		// 20 records expiring at block 21, 1 at block 22.
		let mut tickets: Vec<_> = (0..10).map(|i| ticket(ALICE, 1, 10, i)).collect();
		tickets.extend((0..10).map(|i| ticket(DAVE, 1, 10, i)));
		for t in &tickets {
			assert_ok!(redeem(t, false));
		}
		run_to_block(2);
		let late = ticket(ALICE, 1, 10, 100);
		assert_ok!(redeem(&late, false));
		assert_eq!(UsedTickets::<Test>::iter().count(), 21);
		// Nothing is pruned before expiry.
		run_to_block(1 + VALIDITY - 1);
		assert_eq!(UsedTickets::<Test>::iter().count(), 21);
		// At most PRUNE_PER_BLOCK keys per block, the cursor waits on the
		// unfinished block...
		run_to_block(1 + VALIDITY);
		assert_eq!(UsedTickets::<Test>::iter().count(), 21 - PRUNE_PER_BLOCK as usize);
		assert_eq!(PruneCursor::<Test>::get(), 1 + VALIDITY);
		run_to_block(2 + VALIDITY);
		assert_eq!(UsedTickets::<Test>::iter().count(), 21 - 2 * PRUNE_PER_BLOCK as usize);
		// ...and catches up.
		run_to_block(4 + VALIDITY);
		assert_eq!(UsedTickets::<Test>::iter().count(), 0);
		assert_eq!(PruneCursor::<Test>::get(), 5 + VALIDITY);
	});
}

#[test]
fn pruning_weight_grows_with_the_records_removed() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100_000, 0);
		for i in 0..5 {
			assert_ok!(redeem(&ticket(ALICE, 1, 10, i), false));
		}
		run_to_block(VALIDITY);
		let expiry = 1 + VALIDITY;
		System::set_block_number(expiry);
		let busy = Tickets::on_initialize(expiry);
		let idle = Tickets::on_initialize(expiry + 1);
		assert!(busy.ref_time() > idle.ref_time());
		assert_eq!(UsedTickets::<Test>::iter().count(), 0);
		System::set_block_number(expiry + 1);
	});
}

#[test]
fn ticket_use_and_withdrawability_are_readable() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		let t = ticket(ALICE, 1, 10, 4);
		assert!(!Tickets::is_ticket_used(&t.hash(), t.expiry));
		assert_ok!(redeem(&t, false));
		assert!(Tickets::is_ticket_used(&t.hash(), t.expiry));
		// The record is the ticket's: another expiry, or another ticket with
		// the same index and expiry, is unused.
		assert!(!Tickets::is_ticket_used(&t.hash(), t.expiry + 1));
		let twin = TicketOf::<Test> { face_value: 11, ..t.clone() };
		assert!(!Tickets::is_ticket_used(&twin.hash(), t.expiry));
		let ledger = || Senders::<Test>::get(acc(ALICE)).unwrap();
		assert!(matches!(Tickets::check_withdrawable(&ledger()), Err(Error::<Test>::NotUnlocking)));
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert!(matches!(
			Tickets::check_withdrawable(&ledger()),
			Err(Error::<Test>::UnlockPeriodNotOver)
		));
		run_to_block(1 + UNLOCK);
		assert!(matches!(Tickets::check_withdrawable(&ledger()), Ok(at) if at == 1 + UNLOCK));
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
	});
}
