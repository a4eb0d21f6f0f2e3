//! Batch redemption: skipped tickets, weights, bounds and batched VRF proofs.

use super::*;

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
