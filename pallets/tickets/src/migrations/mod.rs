//! Storage migrations of the tickets pallet.
//!
//! The pallet's storage version ([`crate::STORAGE_VERSION`]) names its
//! layout. Each `vN` module moves storage from version `N - 1` to `N` and is
//! wrapped in [`frame_support::migrations::VersionedMigration`], so it runs
//! once, only on the version it expects, and bumps the version after it.
//! The runtime lists the migrations it ships in one place
//! (`runtime/src/migrations.rs`).
//!
//! | version | layout |
//! |---|---|
//! | 0 | spec 100 (issue 14): used tickets keyed by `(expiry, sender, index)`; sender ledgers without `overdrawn_in` |
//! | 1 | used tickets keyed by `(expiry, ticket hash)`; punished double signs recorded; ledgers carry `overdrawn_in` |

pub mod v1;
