//! The storage migration from version 0 to 1 (`migrations::v1`), and the
//! attacks across it: a ticket redeemed before the upgrade paid again, a
//! double sign punished before the upgrade punished again.

use super::*;
use crate::migrations::v1::{v0, MigrateV0ToV1};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Rewrites every sender's ledger as version 0 stored it and sets the
/// stored version to 0.
fn downgrade_to_v0() {
	for (who, ledger) in Senders::<Test>::iter().collect::<Vec<_>>() {
		v0::Senders::<Test>::insert(
			who,
			v0::SenderLedger { unlock_at: ledger.unlock_at, frozen_until: ledger.frozen_until },
		);
	}
	StorageVersion::new(0).put::<Tickets>();
}

/// What version 0 wrote when `ticket` was redeemed.
fn redeemed_by_v0(ticket: &TicketOf<Test>) {
	v0::UsedTickets::<Test>::insert((ticket.expiry, &ticket.sender, ticket.index), ());
}

fn state_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

#[test]
fn ledgers_gain_no_overdraft_and_keep_their_funds() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		fund(DAVE, 300, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(DAVE))));
		let before: Vec<_> = Senders::<Test>::iter().collect();
		downgrade_to_v0();
		// Version 0 ledgers do not decode as version 1.
		assert!(Senders::<Test>::get(acc(ALICE)).is_none());

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Tickets::on_chain_storage_version(), 1);
		let mut after: Vec<_> = Senders::<Test>::iter().collect();
		let mut before = before;
		before.sort_by_key(|(who, _)| who.clone());
		after.sort_by_key(|(who, _)| who.clone());
		assert_eq!(after, before);
		assert!(after.iter().all(|(_, ledger)| ledger.overdrawn_in.is_none()));
		assert_eq!(held(ALICE, HoldReason::Deposit), 1_000);
		assert_eq!(held(ALICE, HoldReason::Reserve), 500);
		assert_eq!(held(DAVE, HoldReason::Deposit), 300);
		assert_eq!(V0RecordsUntil::<Test>::get(), Some(System::block_number() + VALIDITY));
	});
}

#[test]
fn runs_once_and_only_from_version_0() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		downgrade_to_v0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let root = state_root();
		// Version 1 is stored now: a second run reads it and stops.
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(state_root(), root);
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads(1));
	});
}

/// Attack: a recipient redeemed a winning ticket under version 0, whose
/// record is keyed by sender and index; version 1 looks records up by the
/// ticket's hash, so without the transition check the same ticket would
/// be paid a second time after the upgrade.
#[test]
fn threat_ticket_redeemed_before_the_upgrade_paid_again() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		let paid = ticket(ALICE, 1, 300, 7);
		redeemed_by_v0(&paid);
		downgrade_to_v0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_noop!(redeem(&paid, false), Error::<Test>::AlreadyRedeemed);
		let batch = BoundedVec::truncate_from(vec![item(&paid)]);
		assert_ok!(Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false));
		assert_eq!(held(ALICE, HoldReason::Deposit), 1_000);
		// Another index of the same sender and expiry is a different ticket.
		assert_ok!(redeem(&ticket(ALICE, 1, 300, 8), false));
		assert_eq!(held(ALICE, HoldReason::Deposit), 700);

		// Once every version 0 record has expired, the window closes and
		// the pruning has removed the old records with their expiry.
		run_to_block(paid.expiry + 1);
		assert_eq!(v0::UsedTickets::<Test>::iter_keys().count(), 0);
		let until = System::block_number() - 1 + VALIDITY;
		run_to_block(until + 1);
		assert_eq!(V0RecordsUntil::<Test>::get(), None);
	});
}

/// Attack: evidence of a double sign punished under version 0 (which kept
/// no record of it, only the sender's freeze) replayed after the upgrade
/// to burn the reserve again and collect the reporter's share.
#[test]
fn threat_double_sign_punished_before_the_upgrade_punished_again() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 2_000);
		let a = ticket(ALICE, 1, 100, 5);
		let b = TicketOf::<Test> { expiry: a.expiry - 1, ..ticket(ALICE, 2, 100, 5) };
		// Punished under version 0: reserve burned, deposit frozen, no record.
		assert_ok!(report_pair(25, &a, &b));
		DoubleSigned::<Test>::remove((a.expiry, acc(ALICE), 5));
		DoubleSigned::<Test>::remove((b.expiry, acc(ALICE), 5));
		downgrade_to_v0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let deposit = held(ALICE, HoldReason::Deposit);
		assert_noop!(report_pair(26, &a, &b), Error::<Test>::AlreadyPunished);
		assert_eq!(held(ALICE, HoldReason::Deposit), deposit);
		assert_eq!(free(26), INITIAL);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn pre_and_post_upgrade_checks_hold() {
	use crate::migrations::v1::UncheckedMigrateV0ToV1;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 500);
		redeemed_by_v0(&ticket(ALICE, 1, 300, 7));
		downgrade_to_v0();
		let state = UncheckedMigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		UncheckedMigrateV0ToV1::<Test>::on_runtime_upgrade();
		UncheckedMigrateV0ToV1::<Test>::post_upgrade(state.clone()).unwrap();
		// A lost ledger is caught.
		Senders::<Test>::remove(acc(ALICE));
		assert!(UncheckedMigrateV0ToV1::<Test>::post_upgrade(state).is_err());
		Senders::<Test>::insert(acc(ALICE), SenderLedger::default());
	});
}
