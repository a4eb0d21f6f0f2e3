//! Storage migrations of the service-claims pallet.
//!
//! The pallet's storage version ([`crate::STORAGE_VERSION`]) names its
//! layout and what stored commitments commit to. Each `vN` module moves
//! storage from version `N - 1` to `N` and is wrapped in
//! [`frame_support::migrations::VersionedMigration`], so it runs once, only
//! on the version it expects, and bumps the version after it. The runtime
//! lists the migrations it ships in one place (`runtime/src/migrations.rs`).
//!
//! | version | layout |
//! |---|---|
//! | 0 | spec 100 (issue 14): commitment roots over request records (payload version 1) |
//! | 1 | commitment roots over receipts naming the provider (payload version 2) |

pub mod v1;
