//! Every storage migration this runtime runs at its upgrade, in one place.
//!
//! Each entry is a pallet's `VersionedMigration`: it runs only while the
//! pallet's stored version is the one it migrates from, then stores the
//! next, so a migration left in the list after its release is a no-op
//! costing one read. Remove entries once every chain that ships this
//! runtime has run them.
//!
//! The pallets' `migrations` modules say what each version changed and
//! why the data is translated, kept or withdrawn.

use crate::Runtime;

/// From the layout of spec 100 (the release that landed issue 14) to spec
/// 101's.
pub type V101 = (
	// Ledgers lose the per-ledger slash list (slashes are per offence).
	pallet_provider_staking::migrations::v1::MigrateV0ToV1<Runtime>,
	// Sender ledgers gain `overdrawn_in`; redemptions check the old
	// used-ticket records until they have all expired.
	pallet_tickets::migrations::v1::MigrateV0ToV1<Runtime>,
	// Pending commitments over request records are withdrawn.
	pallet_service_claims::migrations::v1::MigrateV0ToV1<Runtime>,
);

/// The migrations `Executive` runs at the next runtime upgrade.
pub type Migrations = V101;
