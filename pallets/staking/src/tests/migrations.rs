//! The storage migration from version 0 to 1 (`migrations::v1`): ledgers
//! lose the per-ledger slash list and keep their stake.

use super::*;
use crate::migrations::v1::{v0, MigrateV0ToV1};
use codec::DecodeAll;
use frame_support::{
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	BoundedVec,
};

/// Runs `test` with three bonded providers at round 3, then checks the
/// pallet's invariants.
fn with_providers(test: impl FnOnce()) {
	ExtBuilder::default()
		.provider(1, 1_000, 20, Some(1))
		.provider(2, 2_000, 20, Some(2))
		.provider(3, 3_000, 20, Some(3))
		.build_and_execute(|| {
			run_to_round(3);
			test();
		});
}

/// Writes `who`'s ledger as version 0 would, with a slash list.
fn put_v0_ledger(who: u64) -> v0::ProviderLedger<Test> {
	let current = Ledgers::<Test>::get(who).expect("genesis provider");
	let old = v0::ProviderLedger::<Test> {
		active: current.active,
		unlocking: current.unlocking,
		locked_until: current.locked_until,
		chilled: current.chilled,
		reward_cursor: current.reward_cursor,
		last_member_round: current.last_member_round,
		slashes: BoundedVec::truncate_from(vec![
			(SlashReason::Unavailability, 3),
			(SlashReason::ClaimFraud, 4),
		]),
	};
	v0::Ledgers::<Test>::insert(who, &old);
	old
}

#[test]
fn ledgers_lose_the_slash_list_and_keep_their_stake() {
	with_providers(|| {
		let providers: Vec<u64> = Ledgers::<Test>::iter_keys().collect();
		assert!(!providers.is_empty());
		let old: Vec<_> = providers.iter().map(|who| (*who, put_v0_ledger(*who))).collect();
		StorageVersion::new(0).put::<Pallet<Test>>();
		OldestOffenceRound::<Test>::put(0);
		// A version 0 ledger is longer than a version 1 one.
		let raw = |who: &u64| {
			frame_support::storage::unhashed::get_raw(&Ledgers::<Test>::hashed_key_for(who))
				.unwrap()
		};
		assert!(ProviderLedger::<Test>::decode_all(&mut &raw(&providers[0])[..]).is_err());

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		for (who, old) in old {
			let new = ProviderLedger::<Test>::decode_all(&mut &raw(&who)[..]).unwrap();
			assert_eq!(new.active, old.active);
			assert_eq!(new.unlocking, old.unlocking);
			assert_eq!(new.locked_until, old.locked_until);
			assert_eq!(new.chilled, old.chilled);
			assert_eq!(new.reward_cursor, old.reward_cursor);
			assert_eq!(new.last_member_round, old.last_member_round);
		}
		assert_eq!(
			OldestOffenceRound::<Test>::get(),
			Pallet::<Test>::first_offence_round(CurrentRound::<Test>::get())
		);
	});
}

#[test]
fn runs_once_and_only_from_version_0() {
	with_providers(|| {
		let who = Ledgers::<Test>::iter_keys().next().unwrap();
		put_v0_ledger(who);
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let migrated = Ledgers::<Test>::hashed_key_for(who);
		let after_first = frame_support::storage::unhashed::get_raw(&migrated).unwrap();

		// A second run finds version 1 and changes nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads(1));
		assert_eq!(frame_support::storage::unhashed::get_raw(&migrated).unwrap(), after_first);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn pre_and_post_upgrade_checks_hold() {
	use crate::migrations::v1::UncheckedMigrateV0ToV1;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	with_providers(|| {
		for who in Ledgers::<Test>::iter_keys().collect::<Vec<_>>() {
			put_v0_ledger(who);
		}
		StorageVersion::new(0).put::<Pallet<Test>>();
		let state = UncheckedMigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		UncheckedMigrateV0ToV1::<Test>::on_runtime_upgrade();
		UncheckedMigrateV0ToV1::<Test>::post_upgrade(state).unwrap();
		Pallet::<Test>::do_try_state().unwrap();
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn post_upgrade_catches_a_lost_ledger() {
	use crate::migrations::v1::UncheckedMigrateV0ToV1;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	with_providers(|| {
		let all: Vec<u64> = Ledgers::<Test>::iter_keys().collect();
		all.iter().for_each(|who| drop(put_v0_ledger(*who)));
		let state = UncheckedMigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		UncheckedMigrateV0ToV1::<Test>::on_runtime_upgrade();
		let kept = Ledgers::<Test>::take(all[0]).unwrap();
		assert!(UncheckedMigrateV0ToV1::<Test>::post_upgrade(state).is_err());
		Ledgers::<Test>::insert(all[0], kept);
	});
}
