//! The storage migration from version 0 to 1 (`migrations::v1`): pending
//! commitments over request records are withdrawn, failed ones stay.

use super::*;
use crate::migrations::v1::MigrateV0ToV1;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn state_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// Attack-free but costly for honest providers: a commitment made under
/// version 0 commits to request records that version 1 cannot open, so it
/// would expire and slash its provider. The migration withdraws it (no
/// slash, no payment), keeps one whose opening had already failed, and
/// the provider can commit again with receipts.
#[test]
fn pending_commitments_are_withdrawn_and_failed_ones_kept() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		let other_leaves = receipts(s.policy, s.other, ROUND_R, 10);
		assert_ok!(commit(&s, s.other, &other_leaves));
		let failed_key = (s.policy, s.other, ROUND_R);
		Commitments::<Test>::mutate(failed_key, |c| c.as_mut().unwrap().failed = true);
		let seed_block = Commitments::<Test>::get(failed_key).unwrap().seed_block;
		assert_eq!(ChallengeSeeds::<Test>::get(seed_block).unwrap().refs, 2);
		let (supply, stake) = (issuance(), free(s.claimant));
		StorageVersion::new(0).put::<Claims>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Claims::on_chain_storage_version(), 1);
		assert!(Commitments::<Test>::get((s.policy, s.claimant, ROUND_R)).is_none());
		assert!(Commitments::<Test>::get(failed_key).unwrap().failed);
		assert_eq!(ChallengeSeeds::<Test>::get(seed_block).unwrap().refs, 1);
		assert_eq!((issuance(), free(s.claimant)), (supply, stake));
		assert!(ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)).is_none());
		// The provider commits again, with receipts.
		assert_ok!(commit(&s, s.claimant, &leaves));
	});
}

#[test]
fn runs_once_and_only_from_version_0() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		StorageVersion::new(0).put::<Claims>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		// Version 1 is stored now: a commitment made since stays.
		assert_ok!(commit(&s, s.claimant, &receipts(s.policy, s.claimant, ROUND_R, 4)));
		let root = state_root();
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(state_root(), root);
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads(1));
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn pre_and_post_upgrade_checks_hold() {
	use crate::migrations::v1::UncheckedMigrateV0ToV1;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		assert_ok!(commit(&s, s.claimant, &receipts(s.policy, s.claimant, ROUND_R, 4)));
		assert_ok!(commit(&s, s.other, &receipts(s.policy, s.other, ROUND_R, 4)));
		let failed_key = (s.policy, s.other, ROUND_R);
		Commitments::<Test>::mutate(failed_key, |c| c.as_mut().unwrap().failed = true);
		let state = UncheckedMigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		UncheckedMigrateV0ToV1::<Test>::on_runtime_upgrade();
		UncheckedMigrateV0ToV1::<Test>::post_upgrade(state.clone()).unwrap();
		// A failed commitment lost is caught.
		let kept = Commitments::<Test>::take(failed_key).unwrap();
		assert!(UncheckedMigrateV0ToV1::<Test>::post_upgrade(state).is_err());
		Commitments::<Test>::insert(failed_key, kept);
	});
}
