//! The runtime's migrations on a chain started by this runtime: genesis
//! stores every pallet's in-code storage version, so the listed migrations
//! change nothing there, and (with `try-runtime`) the upgrade checks and
//! every pallet's `try_state` pass on the development genesis. The
//! migrations from spec 100's layout are tested in the pallets and, on a
//! live chain, by `e2e/upgrade.sh`.

use crate::{
	migrations::Migrations, tests::development_ext, Availability, PolicyEscrow, ProviderStaking,
	ServiceClaims, Tickets,
};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade};

fn state_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

#[test]
fn genesis_stores_the_in_code_storage_versions() {
	development_ext().execute_with(|| {
		assert_eq!(
			ProviderStaking::on_chain_storage_version(),
			ProviderStaking::in_code_storage_version()
		);
		assert_eq!(Tickets::on_chain_storage_version(), Tickets::in_code_storage_version());
		assert_eq!(
			ServiceClaims::on_chain_storage_version(),
			ServiceClaims::in_code_storage_version()
		);
		assert_eq!(
			PolicyEscrow::on_chain_storage_version(),
			PolicyEscrow::in_code_storage_version()
		);
		assert_eq!(
			Availability::on_chain_storage_version(),
			Availability::in_code_storage_version()
		);
		// The pallets whose layout changed in spec 101 are at version 1.
		assert_eq!(ProviderStaking::in_code_storage_version(), 1);
		assert_eq!(Tickets::in_code_storage_version(), 1);
		assert_eq!(ServiceClaims::in_code_storage_version(), 1);
	});
}

#[test]
fn the_listed_migrations_change_nothing_on_a_new_chain() {
	development_ext().execute_with(|| {
		let root = state_root();
		Migrations::on_runtime_upgrade();
		assert_eq!(state_root(), root);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn upgrade_checks_and_try_state_pass_on_the_development_genesis() {
	development_ext().execute_with(|| {
		crate::Executive::try_runtime_upgrade(frame_try_runtime::UpgradeCheckSelect::All)
			.expect("the upgrade checks pass");
	});
}
