//! Unit tests; every test ends with the pallet's `do_try_state` check, a
//! check that every hold has a ledger, and money conservation.

use crate::{mock::*, pallet::*, Error, Event, RoundIndex, SigningDomain};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo, Pays, PostDispatchInfo},
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	BoundedVec,
};
use market_primitives::tickets::{is_winning, WinProbability};
use sp_runtime::{DispatchError, DispatchResult, MultiSignature, Perbill};

fn held(i: u8, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Tickets(reason), &acc(i))
}

fn free(i: u8) -> Balance {
	Balances::balance(&acc(i))
}

fn fund(i: u8, deposit: Balance, reserve: Balance) {
	assert_ok!(Tickets::fund(RuntimeOrigin::signed(acc(i)), deposit, reserve));
}

/// Redeems `ticket` signed by its sender with its recipient's VRF.
fn redeem(ticket: &TicketOf<Test>, partial: bool) -> DispatchResultWithPostInfo {
	let sender = sender_number(ticket);
	let recipient = recipient_number(ticket);
	Tickets::redeem_winning_ticket(
		RuntimeOrigin::signed(ticket.recipient.clone()),
		ticket.clone(),
		sign(sender, ticket),
		vrf(recipient, ticket),
		partial,
	)
}

fn number_of(who: &AccountId) -> u8 {
	(1..=LAST_ACCOUNT).find(|i| acc(*i) == *who).expect("a mock account")
}

fn sender_number(ticket: &TicketOf<Test>) -> u8 {
	number_of(&ticket.sender)
}

fn recipient_number(ticket: &TicketOf<Test>) -> u8 {
	number_of(&ticket.recipient)
}

fn item(ticket: &TicketOf<Test>) -> RedeemItem<Test> {
	RedeemItem {
		ticket: ticket.clone(),
		signature: sign(sender_number(ticket), ticket),
		vrf: vrf_batchable(recipient_number(ticket), ticket),
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Tickets as Hooks<u64>>::integrity_test();
	});
}

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
		assert!(events()
			.contains(&Event::ReserveForfeited { sender: acc(ALICE), round: 0, burned: 1_000 }));
		assert_noop!(redeem(&ticket(ALICE, 1, 250, 9), true), Error::<Test>::InsufficientFunds);
		assert_eq!(ReserveDrawn::<Test>::iter().count(), 0);
		assert_eq!(ReserveBase::<Test>::iter().count(), 0);
		assert_eq!(held(ALICE, HoldReason::Reserve), 0);
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().overdrawn_in, None);
		assert_eq!(Balances::total_issuance(), issuance - 1_000);
	});
}

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
fn batch_skips_failing_tickets_and_refunds_weight() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		fund(DAVE, 50, 0);
		let good1 = ticket(ALICE, 1, 100, 1);
		let good2 = ticket(ALICE, 1, 200, 2);
		let mut losing = ticket(ALICE, 1, 100, 3);
		losing.win_probability = WinProbability(0);
		let poor = ticket(DAVE, 1, 100, 1);
		let mut bad_sig = item(&ticket(ALICE, 1, 100, 4));
		bad_sig.signature = sign(DAVE, &bad_sig.ticket);
		// A third sender whose only ticket fails before its funds are read:
		// charged upfront as a distinct sender, refunded after.
		let mut forged = item(&ticket(OUTSIDER, 1, 100, 6));
		forged.signature = sign(ALICE, &forged.ticket);
		let not_mine = ticket(ALICE, 2, 100, 5);
		let items = vec![item(&good1), item(&losing), item(&good2), item(&poor), bad_sig, item(&good1), item(&not_mine), forged];
		let batch: BoundedVec<_, _> = items.try_into().unwrap();
		let call = RuntimeCall::Tickets(crate::Call::redeem_winning_tickets {
			batch: batch.clone(),
			allow_partial: false,
		});
		let declared = call.get_dispatch_info().call_weight;
		System::reset_events();
		let post: PostDispatchInfo =
			Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false).unwrap();
		assert_eq!(declared, Tickets::batch_weight(8, 3));
		assert_eq!(post.actual_weight, Some(Tickets::batch_weight(8, 2)));
		assert!(post.actual_weight.unwrap().ref_time() < declared.ref_time());
		let expected = vec![
			TicketOutcome::Paid { index: 1, from_deposit: 100, from_reserve: 0 },
			TicketOutcome::Failed { index: 3, error: Error::<Test>::NotWinning.into() },
			TicketOutcome::Paid { index: 2, from_deposit: 200, from_reserve: 0 },
			TicketOutcome::Failed { index: 1, error: Error::<Test>::InsufficientFunds.into() },
			TicketOutcome::Failed { index: 4, error: Error::<Test>::BadSenderSignature.into() },
			TicketOutcome::Failed { index: 1, error: Error::<Test>::AlreadyRedeemed.into() },
			TicketOutcome::Failed { index: 5, error: Error::<Test>::NotRecipient.into() },
			TicketOutcome::Failed { index: 6, error: Error::<Test>::BadSenderSignature.into() },
		];
		assert_eq!(
			events(),
			vec![Event::TicketsRedeemed {
				recipient: acc(1),
				paid: 300,
				results: expected.try_into().unwrap()
			}]
		);
		assert_eq!(held(ALICE, HoldReason::Deposit), 700);
		assert_eq!(held(DAVE, HoldReason::Deposit), 50);
		assert_eq!(free(1), INITIAL - STAKE + 300);
		assert!(UsedTickets::<Test>::contains_key(good1.expiry, good1.hash()));
		assert!(!UsedTickets::<Test>::contains_key(poor.expiry, poor.hash()));
		// The tickets that failed for lack of funds stay redeemable.
		assert_ok!(Tickets::fund(RuntimeOrigin::signed(acc(DAVE)), 100, 0));
		assert_ok!(redeem(&poor, false));
		// Already redeemed in a single call are refused in a batch.
		let again: BoundedVec<_, _> = vec![item(&good2)].try_into().unwrap();
		System::reset_events();
		assert_ok!(Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), again, false));
		assert!(matches!(
			&events()[..],
			[Event::TicketsRedeemed { paid: 0, results, .. }]
				if results[..] == [TicketOutcome::Failed { index: 2, error: DispatchError::from(Error::<Test>::AlreadyRedeemed) }]
		));
	});
}

#[test]
fn batch_amortizes_the_reserve_share_per_sender() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 100, 4_000);
		let items: Vec<_> = (0..4).map(|i| item(&ticket(ALICE, 1, 400, i))).collect();
		let batch: BoundedVec<_, _> = items.try_into().unwrap();
		System::reset_events();
		assert_ok!(Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, true));
		// 100 from the deposit, then 1_000 of the reserve at most: 400,
		// 400, 300 (partial), then nothing.
		let results = match &events()[..] {
			[Event::Overdrawn { round: 0, reserve: 4_000, .. }, Event::TicketsRedeemed { paid, results, .. }] => {
				assert_eq!(*paid, 1_100);
				results.clone()
			},
			other => panic!("unexpected events {other:?}"),
		};
		assert_eq!(
			results[..],
			[
				TicketOutcome::Paid { index: 0, from_deposit: 100, from_reserve: 300 },
				TicketOutcome::Paid { index: 1, from_deposit: 0, from_reserve: 400 },
				TicketOutcome::Paid { index: 2, from_deposit: 0, from_reserve: 300 },
				TicketOutcome::Failed { index: 3, error: Error::<Test>::InsufficientFunds.into() },
			]
		);
		assert_eq!(ReserveDrawn::<Test>::get((0, acc(ALICE), acc(1))), 1_000);
		assert_eq!(held(ALICE, HoldReason::Reserve), 3_000);
	});
}

#[test]
fn batch_is_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		let items: Vec<_> = (0..=MAX_BATCH as u64).map(|i| item(&ticket(ALICE, 1, 1, i))).collect();
		assert!(
			BoundedVec::<_, <Test as crate::Config>::MaxBatch>::try_from(items.clone()).is_err()
		);
		// A call carrying more than `MaxBatch` tickets does not even decode.
		let mut encoded =
			vec![<Tickets as frame_support::traits::PalletInfoAccess>::index() as u8, 5];
		items.encode_to(&mut encoded);
		false.encode_to(&mut encoded);
		assert!(RuntimeCall::decode(&mut &encoded[..]).is_err());
	});
}

#[test]
fn a_batch_with_a_forged_vrf_proof_is_refused_whole() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		fund(DAVE, 1_000, 0);
		let tickets: Vec<_> = (0..4).map(|i| ticket(ALICE, 1, 10, i)).collect();
		let valid: Vec<_> = tickets.iter().map(item).collect();
		let mut s_tweaked = valid[1].clone();
		s_tweaked.vrf[96] ^= 1;
		let mut r_tweaked = valid[2].clone();
		r_tweaked.vrf[32..64].copy_from_slice(&valid[0].vrf[32..64]);
		let other_key = RedeemItem { vrf: vrf_batchable(2, &tickets[3]), ..valid[3].clone() };
		let good_dave = item(&ticket(DAVE, 1, 10, 10));
		// Each forgery alone, among valid tickets, refuses the whole batch.
		for forged in [s_tweaked, r_tweaked, other_key] {
			let batch: BoundedVec<_, _> =
				vec![valid[0].clone(), forged, good_dave.clone()].try_into().unwrap();
			assert_noop!(
				Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false),
				Error::<Test>::BadVrfProof
			);
		}
		assert_eq!(held(ALICE, HoldReason::Deposit), 1_000);
		assert_eq!(held(DAVE, HoldReason::Deposit), 1_000);
		// A ticket with a bad sender signature is skipped before the VRF
		// check, without sinking the batch; the valid tickets are paid.
		let mut bad_signature = item(&ticket(DAVE, 1, 10, 9));
		bad_signature.signature = sign(ALICE, &bad_signature.ticket);
		let mut items = valid.clone();
		items.push(bad_signature);
		items.push(good_dave);
		let batch: BoundedVec<_, _> = items.try_into().unwrap();
		System::reset_events();
		let post =
			Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false).unwrap();
		assert_eq!(
			events(),
			vec![Event::TicketsRedeemed {
				recipient: acc(1),
				paid: 50,
				results: vec![
					TicketOutcome::Paid { index: 0, from_deposit: 10, from_reserve: 0 },
					TicketOutcome::Paid { index: 1, from_deposit: 10, from_reserve: 0 },
					TicketOutcome::Paid { index: 2, from_deposit: 10, from_reserve: 0 },
					TicketOutcome::Paid { index: 3, from_deposit: 10, from_reserve: 0 },
					TicketOutcome::Failed {
						index: 9,
						error: Error::<Test>::BadSenderSignature.into()
					},
					TicketOutcome::Paid { index: 10, from_deposit: 10, from_reserve: 0 },
				]
				.try_into()
				.unwrap(),
			}]
		);
		assert_eq!(post.actual_weight, Some(Tickets::batch_weight(6, 2)));
		assert_eq!(held(ALICE, HoldReason::Deposit), 960);
		assert_eq!(held(DAVE, HoldReason::Deposit), 990);
	});
}

#[test]
fn the_batch_charges_its_distinct_senders() {
	ExtBuilder::default().build_and_execute(|| {
		let one_sender: Vec<_> = (0..4).map(|i| item(&ticket(ALICE, 1, 10, i))).collect();
		let two_senders: Vec<_> = (0..4)
			.map(|i| item(&ticket(if i % 2 == 0 { ALICE } else { DAVE }, 1, 10, i)))
			.collect();
		assert_eq!(Tickets::distinct_senders(&one_sender), 1);
		assert_eq!(Tickets::distinct_senders(&two_senders), 2);
		assert!(Tickets::batch_weight(4, 1).ref_time() < Tickets::batch_weight(4, 2).ref_time());
		// The batched check costs less per ticket than checking one by one.
		use crate::weights::WeightInfo;
		assert!(
			<() as WeightInfo>::verify_vrf_batch(100).ref_time()
				< <() as WeightInfo>::verify_vrf_batch(1).ref_time() * 100
		);
	});
}

/// Shorter parameters than the `Config` defaults (validity 20, unlock 30,
/// reporter share 10%).
const SHORT: Parameters<u64> = Parameters {
	max_ticket_validity: 5,
	unlock_period: 8,
	reporter_share: Perbill::from_percent(50),
};

/// A ticket like [`ticket`] that expires at `expiry`.
fn ticket_expiring(
	sender: u8,
	recipient: u8,
	face_value: Balance,
	index: u64,
	expiry: u64,
) -> TicketOf<Test> {
	TicketOf::<Test> { expiry, ..ticket(sender, recipient, face_value, index) }
}

fn set_parameters(parameters: Parameters<u64>) -> DispatchResult {
	Tickets::set_parameters(RuntimeOrigin::root(), parameters)
}

/// Reports two different tickets of `sender` with one index, by account 25.
fn report_double_signing(sender: u8) -> DispatchResult {
	// Evidence must be within the validity in force.
	let expiry = System::block_number() + Params::<Test>::get().max_ticket_validity;
	let a = ticket_expiring(sender, 1, 100, 77, expiry);
	let b = ticket_expiring(sender, 2, 100, 77, expiry);
	Tickets::report_double_signed(
		RuntimeOrigin::signed(acc(25)),
		a.clone(),
		sign(sender, &a),
		b.clone(),
		sign(sender, &b),
	)
}

#[test]
fn genesis_parameters_are_used() {
	ExtBuilder::with_parameters(SHORT).build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), SHORT);
		assert_eq!(ExpiryHorizon::<Test>::get(), 0);
		fund(ALICE, 1_000, 2_000);
		// A ticket valid under the defaults is too far ahead under 5 blocks,
		// alone and in a batch; one expiring 5 blocks ahead is paid.
		let far = ticket_expiring(ALICE, 1, 10, 1, 1 + 6);
		let near = ticket_expiring(ALICE, 1, 10, 2, 1 + 5);
		assert_noop!(redeem(&far, false), Error::<Test>::ExpiryTooFar);
		assert_ok!(redeem(&near, false));
		let batch: BoundedVec<_, _> = vec![item(&far)].try_into().unwrap();
		events();
		assert_ok!(Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false));
		assert_eq!(
			events(),
			vec![Event::TicketsRedeemed {
				recipient: acc(1),
				paid: 0,
				results: vec![TicketOutcome::Failed {
					index: 1,
					error: Error::<Test>::ExpiryTooFar.into()
				}]
				.try_into()
				.unwrap(),
			}]
		);
		// Half the reserve goes to the reporter, and the freeze lasts 5
		// blocks.
		assert_ok!(report_double_signing(ALICE));
		assert_eq!(
			events(),
			vec![Event::DoubleSignPunished {
				sender: acc(ALICE),
				index: 77,
				reporter: acc(25),
				burned: 1_000,
				reward: 1_000,
				frozen_until: 1 + 5,
			}]
		);
		// An unlock takes 8 blocks.
		fund(DAVE, 100, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(DAVE))));
		assert_eq!(Senders::<Test>::get(acc(DAVE)).unwrap().unlock_at, Some(1 + 8));
		run_to_block(1 + 7);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(DAVE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(1 + 8);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(DAVE))));
	});
}

#[test]
#[should_panic(expected = "invalid tickets genesis parameters: UnlockPeriodTooShort")]
fn genesis_refuses_invalid_parameters() {
	let _ = ExtBuilder::with_parameters(Parameters { unlock_period: 5, ..SHORT }).build();
}

#[test]
fn root_sets_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), default_parameters());
		assert_noop!(
			Tickets::set_parameters(RuntimeOrigin::signed(acc(ALICE)), SHORT),
			DispatchError::BadOrigin
		);
		run_to_block(3);
		events();
		assert_ok!(set_parameters(SHORT));
		assert_eq!(Params::<Test>::get(), SHORT);
		// Tickets accepted under the replaced validity may expire at 3 + 20.
		assert_eq!(ExpiryHorizon::<Test>::get(), 3 + VALIDITY);
		assert_eq!(
			events(),
			vec![Event::ParametersSet { parameters: SHORT, expiry_horizon: 3 + VALIDITY }]
		);
		// The new validity and reporter share apply at once.
		fund(ALICE, 1_000, 2_000);
		assert_noop!(
			redeem(&ticket_expiring(ALICE, 1, 10, 1, 3 + 6), false),
			Error::<Test>::ExpiryTooFar
		);
		assert_ok!(redeem(&ticket_expiring(ALICE, 1, 10, 1, 3 + 5), false));
		assert_ok!(report_double_signing(ALICE));
		assert!(matches!(
			events().last(),
			Some(Event::DoubleSignPunished { reward: 1_000, frozen_until: 8, .. })
		));
		// Setting the defaults back keeps the horizon (it never goes back).
		run_to_block(4);
		assert_ok!(set_parameters(default_parameters()));
		assert_eq!(ExpiryHorizon::<Test>::get(), 3 + VALIDITY);
		assert_eq!(
			events(),
			vec![Event::ParametersSet {
				parameters: default_parameters(),
				expiry_horizon: 3 + VALIDITY
			}]
		);
	});
}

#[test]
fn invalid_parameters_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let d = default_parameters();
		let refused = [
			(Parameters { max_ticket_validity: 0, ..d }, Error::<Test>::ZeroTicketValidity),
			(
				Parameters { max_ticket_validity: 0, unlock_period: 0, ..d },
				Error::<Test>::ZeroTicketValidity,
			),
			(
				Parameters { max_ticket_validity: VALIDITY + 1, unlock_period: UNLOCK + 10, ..d },
				Error::<Test>::TicketValidityAboveBound,
			),
			(Parameters { unlock_period: VALIDITY, ..d }, Error::<Test>::UnlockPeriodTooShort),
			(Parameters { unlock_period: 1, ..d }, Error::<Test>::UnlockPeriodTooShort),
			(
				Parameters { max_ticket_validity: 5, unlock_period: 5, ..d },
				Error::<Test>::UnlockPeriodTooShort,
			),
		];
		for (parameters, error) in refused {
			assert_noop!(set_parameters(parameters), error);
		}
		// The edges are accepted.
		let edges = [
			Parameters { max_ticket_validity: VALIDITY, unlock_period: VALIDITY + 1, ..d },
			Parameters {
				max_ticket_validity: 1,
				unlock_period: 2,
				reporter_share: Perbill::from_percent(100),
			},
			Parameters { reporter_share: Perbill::zero(), ..d },
		];
		for parameters in edges {
			assert_ok!(set_parameters(parameters));
			assert_eq!(Params::<Test>::get(), parameters);
		}
	});
}

#[test]
fn genesis_parameters_in_json_are_camel_case_and_strict() {
	use frame_support::__private::serde_json::{self, json};
	let parameters = json!({
		"maxTicketValidity": 5,
		"unlockPeriod": 8,
		"reporterShare": 500_000_000,
	});
	let config: crate::GenesisConfig<Test> =
		serde_json::from_value(json!({ "parameters": parameters })).unwrap();
	assert_eq!(config.parameters, SHORT);
	assert_eq!(serde_json::to_value(&config).unwrap(), json!({ "parameters": parameters }));
	// A misspelt or missing field is an error, not a default.
	let mut misspelt = parameters.clone();
	misspelt["maxTicketValdity"] = json!(5);
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(
		json!({ "parameters": misspelt })
	)
	.is_err());
	let mut missing = parameters;
	missing.as_object_mut().unwrap().remove("reporterShare");
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(json!({ "parameters": missing }))
		.is_err());
}

#[test]
fn an_unlock_in_progress_keeps_its_end_when_root_changes_the_period() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(1 + UNLOCK));
		// Root shortens the unlock period: the unlock in progress still ends
		// at `1 + UNLOCK`.
		run_to_block(2);
		assert_ok!(set_parameters(SHORT));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(1 + UNLOCK));
		run_to_block(2 + SHORT.unlock_period);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		// Root lengthens it again: still `1 + UNLOCK`.
		assert_ok!(set_parameters(Parameters { unlock_period: 100, ..default_parameters() }));
		run_to_block(1 + UNLOCK);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL);
	});
}

#[test]
fn a_shorter_validity_cannot_let_funds_outrun_older_tickets() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		fund(DAVE, 1_000, 0);
		// Accepted under the default validity: expires at 1 + 20 = 21.
		let old = ticket(ALICE, 1, 400, 1);
		assert_eq!(old.expiry, 21);
		// Root shortens the validity to 5 and the unlock period to 8.
		assert_ok!(set_parameters(SHORT));
		assert_eq!(ExpiryHorizon::<Test>::get(), 21);
		// An unlock started now would end at 2 + 8 = 10 under the new
		// period, before the old ticket expires: it ends after the horizon.
		run_to_block(2);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(22));
		// The old ticket is too far ahead for the new validity until block
		// 16, and the funds are still there then.
		run_to_block(15);
		assert_noop!(redeem(&old, false), Error::<Test>::ExpiryTooFar);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(16);
		assert_ok!(redeem(&old, false));
		assert_eq!(free(1), INITIAL - STAKE + 400);
		run_to_block(21);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(22);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL - 400);
		// Once the horizon has passed, the short period applies in full.
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(DAVE))));
		assert_eq!(Senders::<Test>::get(acc(DAVE)).unwrap().unlock_at, Some(22 + 8));
	});
}

#[test]
fn try_state_detects_invalid_parameters_and_a_late_horizon() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Tickets::do_try_state());
		Params::<Test>::put(Parameters { unlock_period: VALIDITY, ..default_parameters() });
		assert_eq!(Tickets::do_try_state(), Err("UnlockPeriodTooShort".into()));
		Params::<Test>::put(default_parameters());
		ExpiryHorizon::<Test>::put(1 + VALIDITY + 1);
		assert_eq!(Tickets::do_try_state(), Err("expiry horizon too late".into()));
		ExpiryHorizon::<Test>::put(1 + VALIDITY);
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

/// Reports `a` and `b` (both signed by their sender) from account `by`.
fn report_pair(by: u8, a: &TicketOf<Test>, b: &TicketOf<Test>) -> DispatchResult {
	Tickets::report_double_signed(
		RuntimeOrigin::signed(acc(by)),
		a.clone(),
		sign(sender_number(a), a),
		b.clone(),
		sign(sender_number(b), b),
	)
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
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::TicketRedeemed { from_deposit: 0, from_reserve: 300, .. })));
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
