//! Storage migrations of the provider-staking pallet.
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
//! | 0 | spec 100 (issue 14): each ledger lists `(reason, round)` of its slashes |
//! | 1 | slashes recorded per offence in `SlashedOffences` |

pub mod v1;
